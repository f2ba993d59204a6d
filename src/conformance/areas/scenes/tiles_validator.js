// Runs the CesiumGS 3d-tiles-validator (npm "3d-tiles-validator") on many tileset files in one
// Node.js process: node tiles_validator.js PACKAGE_DIR FILE...
// Prints one JSON line {"version": ...}, then one {"file", "report"} or {"file", "error"} per file.
// Exit 3 with {"missing": reason} when the package cannot be loaded.
"use strict";
const path = require("path");

const packageDir = path.resolve(process.argv[2] || ".");
let api;
let version;
try {
  api = require(packageDir);
  version = require(path.join(packageDir, "package.json")).version;
} catch (e) {
  process.stdout.write(JSON.stringify({ missing: String((e && e.message) || e) }) + "\n");
  process.exit(3);
}
if (!api || !api.Validators || typeof api.Validators.validateTilesetFile !== "function") {
  process.stdout.write(JSON.stringify({ missing: "the package exports no Validators.validateTilesetFile" }) + "\n");
  process.exit(3);
}
// The validator may print progress: keep stdout for this runner's JSON lines only.
const write = process.stdout.write.bind(process.stdout);
console.log = console.info = console.warn = () => {};

(async () => {
  write(JSON.stringify({ version }) + "\n");
  for (const file of process.argv.slice(3)) {
    try {
      const result = await api.Validators.validateTilesetFile(file);
      write(JSON.stringify({ file, report: result.toJson() }) + "\n");
    } catch (e) {
      write(JSON.stringify({ file, error: String((e && e.message) || e) }) + "\n");
    }
  }
})();
