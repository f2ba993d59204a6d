// Verifies BBS+ signatures and proofs (BbsBlsSignature2020 / BbsBlsSignatureProof2020) with
// MATTR's @mattrglobal/bbs-signatures; argv[2] is the folder of that npm package. Only its
// WebAssembly build (lib/wasm.js) is loaded: the package's index would first try a native
// module and needs a random-number package for signing, neither of which verifying uses.
// Reads one JSON array of requests on standard input, each {publicKey, messages, signature}
// (a signature) or {publicKey, messages, proof, nonce} (a derived proof), byte strings in
// base64, messages as text; prints one JSON array of answers in order, each {verified} or
// {error}. Exit status 3 with {"missing"} when the package cannot be loaded.
"use strict";
const path = require("path");

let wasm;
try {
  wasm = require(path.resolve(process.argv[2], "lib", "wasm.js"));
} catch (e) {
  process.stdout.write(JSON.stringify({ missing: String(e && e.message ? e.message : e) }) + "\n");
  process.exit(3);
}

const bytes = (text) => new Uint8Array(Buffer.from(String(text), "base64"));

async function answer(request) {
  const encoder = new TextEncoder();
  const messages = request.messages.map((m) => encoder.encode(m));
  const publicKey = bytes(request.publicKey);
  const result = "proof" in request
    ? await wasm.blsVerifyProof({ proof: bytes(request.proof), publicKey, messages, nonce: bytes(request.nonce) })
    : await wasm.blsVerify({ publicKey, messages, signature: bytes(request.signature) });
  return { verified: result && result.verified === true };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  await wasm.default();
  const answers = [];
  for (const request of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
    try {
      answers.push(await answer(request));
    } catch (e) {
      // the library rejects malformed input (a key or signature of the wrong length) by throwing
      answers.push({ error: String(e && e.message ? e.message : e).slice(0, 300) });
    }
  }
  process.stdout.write(JSON.stringify(answers) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
