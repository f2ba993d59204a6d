// Runs the Khronos glTF-Validator (npm package "gltf-validator") on the files named in argv,
// printing one JSON line per file: {"file", "report"} or {"file", "error"}.
// Exit status 3 with {"missing": ...} when the package cannot be loaded.
"use strict";
const fs = require("fs");
const path = require("path");
let validator;
try {
  validator = require("gltf-validator");
} catch (e) {
  process.stdout.write(JSON.stringify({ missing: String(e && e.message ? e.message : e) }) + "\n");
  process.exit(3);
}

async function validate(file) {
  const dir = path.dirname(path.resolve(file));
  const data = fs.readFileSync(file);
  const external = (uri) => new Promise((resolve, reject) => {
    const target = path.resolve(dir, decodeURIComponent(uri));
    if (!target.startsWith(dir + path.sep)) {
      reject(new Error("outside the asset's folder"));
      return;
    }
    fs.readFile(target, (err, bytes) => (err ? reject(err) : resolve(new Uint8Array(bytes))));
  });
  return validator.validateBytes(new Uint8Array(data), {
    uri: path.basename(file), maxIssues: 200, externalResourceFunction: external,
  });
}

(async () => {
  for (const file of process.argv.slice(2)) {
    try {
      const report = await validate(file);
      process.stdout.write(JSON.stringify({ file, report }) + "\n");
    } catch (e) {
      process.stdout.write(JSON.stringify({ file, error: String(e && e.message ? e.message : e) }) + "\n");
    }
  }
})();
