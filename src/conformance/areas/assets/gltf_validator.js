// Runs the Khronos glTF-Validator; argv[2] is the folder of the npm package "gltf-validator".
// Prints first a line {"version"}, then one JSON line per file: {"file", "report"} or
// {"file", "error"}. The files are those named in argv[3..], or, with none named, the lines
// read from standard input, each a JSON string naming one file, answered in order as they
// come (one process serves a whole run over a pipe, see khronos.py); it exits at the end of
// its input. Exit status 3 with {"missing"} when the package cannot be loaded. External
// resources (buffers, images) are read only from the asset's own folder; absolute URIs are
// not fetched.
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

async function answer(file) {
  try {
    const report = await validate(file);
    return JSON.stringify({ file, report });
  } catch (e) {
    return JSON.stringify({ file, error: String(e && e.message ? e.message : e) });
  }
}

// Lines of standard input, each a JSON string naming a file, validated one after another.
async function served() {
  const lines = require("readline").createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let file;
    try {
      file = JSON.parse(line);
    } catch (e) {
      file = null;
    }
    process.stdout.write((typeof file === "string" ? await answer(file)
      : JSON.stringify({ file: line, error: "not a JSON string naming a file" })) + "\n");
  }
}

(async () => {
  process.stdout.write(JSON.stringify({ version: validator.version() }) + "\n");
  const named = process.argv.slice(3);
  if (named.length === 0) {
    await served();
    return;
  }
  for (const file of named) {
    process.stdout.write((await answer(file)) + "\n");
  }
})();
