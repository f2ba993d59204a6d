// Runs the CesiumGS 3d-tiles-validator (npm "3d-tiles-validator") on many tileset files in one
// Node.js process: node tiles_validator.js PACKAGE_DIR ROOT FILE...
// Prints one JSON line {"version": ...}, then one {"file", "report", "refused"} or {"file", "error",
// "refused"} per file; "refused" lists the paths outside ROOT the validator tried to read.
// Exit 3 with {"missing": reason} when the package cannot be loaded.
//
// The validator resolves the URIs a tileset names itself, so every read it makes is confined to
// ROOT (and the package's own files): the caller starts Node.js with its permission model granting
// only those reads, and the guard below refuses a path whose links resolve outside them (the
// permission model follows links, Node.js documents as much), recording each refusal.
"use strict";
const fs = require("fs");
const path = require("path");

const packageDir = path.resolve(process.argv[2] || ".");
const nativeRealpath = fs.realpathSync.native;
const realOrSelf = (p) => { try { return nativeRealpath(p); } catch (e) { return path.resolve(p); } };
const root = realOrSelf(process.argv[3] || ".");
// The package's own files: its folder, and the node_modules folder its dependencies were hoisted into.
const readable = [root, realOrSelf(packageDir), __filename];
if (path.basename(path.dirname(packageDir)) === "node_modules") readable.push(realOrSelf(path.dirname(packageDir)));
let refused = [];

function allowed(target) {
  if (typeof target === "number") return true;  // an open descriptor: its path was checked when opened
  let named;
  try {
    named = target instanceof URL ? require("url").fileURLToPath(target)
      : Buffer.isBuffer(target) ? target.toString("utf8") : String(target);
  } catch (e) {
    return false;
  }
  const real = realOrSelf(named);  // a path that does not exist yet names nothing to read
  const ok = readable.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  if (!ok && !refused.includes(named)) refused.push(named);
  return ok;
}

function denied(target) {
  const error = new Error(`refused by the harness: ${String(target)} is outside ${root}`);
  error.code = "ERR_ACCESS_DENIED";
  return error;
}

// Every fs function that takes a path first and reads (or reveals) what is there.
const READERS = ["readFile", "open", "stat", "lstat", "readdir", "access", "opendir", "realpath", "readlink",
  "exists", "createReadStream", "copyFile", "cp"];
for (const name of READERS) {
  for (const [holder, kind] of [[fs, "callback"], [fs, "sync"], [fs.promises, "promise"]]) {
    const key = kind === "sync" ? name + "Sync" : name;
    const original = holder[key];
    if (typeof original !== "function") continue;
    const guarded = function guarded(target, ...rest) {
      if (allowed(target)) return original.call(this, target, ...rest);
      if (key === "existsSync") return false;
      if (kind === "promise") return Promise.reject(denied(target));
      const callback = rest[rest.length - 1];
      if (kind === "callback" && typeof callback === "function" && name !== "createReadStream") {
        process.nextTick(() => (name === "exists" ? callback(false) : callback(denied(target))));
        return undefined;
      }
      throw denied(target);
    };
    if (typeof original.native === "function") {  // fs.realpath.native, fs.realpathSync.native
      const inner = original.native;
      guarded.native = function (target, ...rest) {
        if (allowed(target)) return inner.call(this, target, ...rest);
        if (kind === "sync") throw denied(target);
        const callback = rest[rest.length - 1];
        if (typeof callback === "function") process.nextTick(() => callback(denied(target)));
        return undefined;
      };
    }
    holder[key] = guarded;
  }
}

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
  for (const file of process.argv.slice(4)) {
    refused = [];
    try {
      const result = await api.Validators.validateTilesetFile(file);
      write(JSON.stringify({ file, report: result.toJson(), refused }) + "\n");
    } catch (e) {
      write(JSON.stringify({ file, error: String((e && e.message) || e), refused }) + "\n");
    }
  }
})();
