// Runs the Khronos glTF-Validator on the files named in argv[3..]; argv[2] is the folder of
// the npm package "gltf-validator". Prints one JSON line per file: {"file", "report"} or
// {"file", "error"}; first a line {"version"}. Exit status 3 with {"missing"} when the
// package cannot be loaded. External resources (buffers, images) are read only from the
// asset's own folder; absolute URIs are not fetched.
"use strict";
const fs = require("fs");
const path = require("path");
const NOT_FETCHED = "absolute URI not fetched";
let validator;
try {
  validator = require(path.resolve(process.argv[2]));
} catch (e) {
  process.stdout.write(JSON.stringify({ missing: String(e && e.message ? e.message : e) }) + "\n");
  process.exit(3);
}

async function validate(file) {
  const dir = path.dirname(path.resolve(file));
  const data = fs.readFileSync(file);
  const external = (uri) => new Promise((resolve, reject) => {
    // An absolute URI is not fetched (no network at run time): as the validator's own CLI
    // does, the resource is left unloaded and only its reference is judged.
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) {
      reject(new Error(NOT_FETCHED));
      return;
    }
    let target;
    try {
      target = path.resolve(dir, decodeURIComponent(uri));
    } catch (e) {
      reject(new Error("malformed URI"));
      return;
    }
    if (!target.startsWith(dir + path.sep)) {
      reject(new Error("outside the asset's folder"));
      return;
    }
    fs.readFile(target, (err, bytes) => (err ? reject(err) : resolve(new Uint8Array(bytes))));
  });
  const report = await validator.validateBytes(new Uint8Array(data), {
    uri: path.basename(file), maxIssues: 200, externalResourceFunction: external,
  });
  return withoutUnfetched(report);
}

// The validator reports an absolute URI itself (NON_RELATIVE_URI, a warning); the IO_ERROR
// that our refusal to fetch it adds is the loader's doing, not the asset's, so it is dropped,
// as the validator's own CLI never raises it.
function withoutUnfetched(report) {
  const issues = report && report.issues;
  if (!issues || !Array.isArray(issues.messages)) return report;
  const kept = issues.messages.filter(
    (m) => !(m.code === "IO_ERROR" && typeof m.message === "string" && m.message.includes(NOT_FETCHED)));
  issues.numErrors -= issues.messages.length - kept.length;
  issues.messages = kept;
  return report;
}

(async () => {
  process.stdout.write(JSON.stringify({ version: validator.version() }) + "\n");
  for (const file of process.argv.slice(3)) {
    try {
      const report = await validate(file);
      process.stdout.write(JSON.stringify({ file, report }) + "\n");
    } catch (e) {
      process.stdout.write(JSON.stringify({ file, error: String(e && e.message ? e.message : e) }) + "\n");
    }
  }
})();
