// Runs the Khronos glTF-Validator; argv[2] is the folder of the npm package "gltf-validator".
// Prints first a line {"version"}, then one JSON line per file: {"file", "report"} or
// {"file", "error"}. The files are those named in argv[3..], or, with none named, the lines
// read from standard input, each a JSON string naming one file or {"file", "root"}, answered
// in order as they come (one process serves a whole run over a pipe, see khronos.py); it exits
// at the end of its input. Exit status 3 with {"missing"} when the package cannot be loaded.
// External resources (buffers, images) are read only from inside the root (the declared
// folder; by default the asset's own folder; links followed), only regular files within a
// size cap; absolute URIs are not fetched. A resource declined for these reasons is listed in
// the report's "declined" ({pointer, message}), not among its errors: the harness's safety
// rule is no defect of the asset.
"use strict";
const fs = require("fs");
const path = require("path");
const NOT_FETCHED = "absolute URI not fetched";
// Marks the refusals of the harness's own safety rules (outside the root, over the cap, not a
// regular file): they are moved from the report's errors to its "declined".
const DECLINED = "[declined] ";
// The most bytes read of one file (the model or a resource): the harness sets it.
const MAX_BYTES = Number(process.env.CONFORMANCE_MAX_RESOURCE_BYTES) || 32 * 1024 * 1024;

// A regular file of at most MAX_BYTES, opened without blocking (a FIFO is refused, never waited on).
function readBounded(file) {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK || 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error(DECLINED + "not a regular file (a FIFO, device or socket): not read");
    if (stat.size > MAX_BYTES) throw new Error(`${DECLINED}${stat.size} bytes, over the ${MAX_BYTES}-byte cap: not read`);
    const bytes = Buffer.alloc(stat.size);
    let done = 0;
    while (done < stat.size) {
      const read = fs.readSync(fd, bytes, done, stat.size - done, done);
      if (read === 0) break;
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}
let validator;
try {
  validator = require(path.resolve(process.argv[2]));
} catch (e) {
  process.stdout.write(JSON.stringify({ missing: String(e && e.message ? e.message : e) }) + "\n");
  process.exit(3);
}

async function validate(file, root) {
  const dir = fs.realpathSync(path.dirname(path.resolve(file)));
  const inside = root ? fs.realpathSync(path.resolve(root)) : dir;
  const data = readBounded(file);
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
    try {
      // Links followed first: a resource whose real path leaves the root is not read.
      const real = fs.realpathSync(target);
      if (!real.startsWith(inside + path.sep)) {
        reject(new Error(DECLINED + "outside the declared folder (links followed): not read"));
        return;
      }
      resolve(readBounded(real));  // a Buffer is a Uint8Array: no copy
    } catch (e) {
      reject(e);
    }
  });
  const report = await validator.validateBytes(data, {  // a Buffer is a Uint8Array: no copy of the model
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
  const io = (m, words) => m.code === "IO_ERROR" && typeof m.message === "string" && m.message.includes(words);
  const declined = issues.messages.filter((m) => io(m, DECLINED));
  const kept = issues.messages.filter((m) => !io(m, NOT_FETCHED) && !io(m, DECLINED));
  issues.numErrors -= issues.messages.length - kept.length;
  issues.messages = kept;
  report.declined = declined.map((m) => ({ pointer: m.pointer || "", message: m.message.replace(DECLINED, "") }));
  return report;
}

async function answer(file, root) {
  try {
    const report = await validate(file, root);
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
    let root;
    try {
      file = JSON.parse(line);
      if (file && typeof file === "object" && typeof file.root === "string") {
        root = file.root;
        file = file.file;
      }
    } catch (e) {
      file = null;
    }
    process.stdout.write((typeof file === "string" ? await answer(file, root)
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
