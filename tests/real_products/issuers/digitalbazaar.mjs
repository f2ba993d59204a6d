// Glue only: issue credentials and presentations with Digital Bazaar's libraries (@digitalbazaar/vc;
// Ed25519Signature2020, Data Integrity eddsa-rdfc-2022, and ecdsa-rdfc-2019 with a P-256 key) under
// fixed did:keys, make the tampered copies, and ask the same libraries' own verify about each. Contexts
// come from the bundled security-document-loader: no network. Prints one JSON object:
// {library, items: [{name, document, verified, error}]}.
// The example terms are an inline context: the loader bundles no examples context; the undefined-terms
// form leaves them to https://www.w3.org/ns/credentials/undefined-terms/v2 instead (VC Data Model 2.0
// 5.2), which the loader bundles (@digitalbazaar/credentials-context).
// Usage: node digitalbazaar.mjs NOW_ISO < {"p256": JWK}   (NOW: the instant the library judges at)
import * as vc from '@digitalbazaar/vc';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {CachedResolver} from '@digitalbazaar/did-io';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import {readFileSync} from 'node:fs';

const now = new Date(process.argv[2]);
const keys = JSON.parse(readFileSync(0, 'utf8'));   // stdin: {"p256": a private JWK}
// the bundled loader resolves did:key for Ed25519 keys only: P-256 keys (zDn...) added, still offline
const didKey = didKeyDriver();
didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519VerificationKey2020.from});
didKey.use({multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from});
const resolver = new CachedResolver();
resolver.use(didKey);
const loader = securityLoader();
loader.setDidResolver(resolver);
const documentLoader = loader.build();
const CHALLENGE = 'conformance-challenge-62';

async function keyFrom(seedByte) {
  const seed = new Uint8Array(32).fill(seedByte);           // fixed: the same DIDs every run
  const key = await Ed25519VerificationKey2020.generate({seed});
  const did = `did:key:${key.fingerprint()}`;
  key.controller = did;
  key.id = `${did}#${key.fingerprint()}`;
  const multikey = await Ed25519Multikey.generate({seed, controller: did, id: key.id});
  return {did, key, multikey};
}

const issuer = await keyFrom(1);
const other = await keyFrom(2);
const p256 = await EcdsaMultikey.fromJwk({jwk: keys.p256, secretKey: true});
const p256Did = `did:key:${p256.publicKeyMultibase}`;
p256.controller = p256Did;
p256.id = `${p256Did}#${p256.publicKeyMultibase}`;
const suite2020 = () => new Ed25519Signature2020({key: issuer.key});
const suiteRdfc = () => new DataIntegrityProof({signer: issuer.multikey.signer(), cryptosuite: eddsaRdfc2022});
const suiteEcdsa = () => new DataIntegrityProof({signer: p256.signer(), cryptosuite: ecdsaRdfc2019});
const verifySuites = () => [new Ed25519Signature2020(), new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
                            new DataIntegrityProof({cryptosuite: ecdsaRdfc2019})];

const DAY = 86400000;
const TERMS = {AlumniCredential: 'https://schema.org/AlumniCredential', alumniOf: 'https://schema.org/alumniOf'};
const UNDEFINED_TERMS = 'https://www.w3.org/ns/credentials/undefined-terms/v2';
function credential(version, expired, issuerDid, terms = TERMS) {
  const past = new Date(now.getTime() - 30 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  const until = new Date(now.getTime() + (expired ? -DAY : 365 * DAY)).toISOString().replace(/\.\d+Z$/, 'Z');
  const subject = {id: other.did, alumniOf: 'Example University'};
  if(version === 1) {
    return {
      '@context': ['https://www.w3.org/2018/credentials/v1',
                   TERMS],
      id: 'urn:uuid:6b1d7c38-7a8c-4f1e-9b1e-62a000000001', type: ['VerifiableCredential', 'AlumniCredential'],
      issuer: issuerDid, issuanceDate: past, expirationDate: until, credentialSubject: subject,
    };
  }
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', terms],
    id: 'urn:uuid:6b1d7c38-7a8c-4f1e-9b1e-62a000000002', type: ['VerifiableCredential', 'AlumniCredential'],
    issuer: issuerDid, validFrom: past, validUntil: until, credentialSubject: subject,
  };
}

// a different character of the same multibase alphabet at one place of proofValue: one byte changed
function flipProofValue(doc) {
  const copy = structuredClone(doc);
  const value = copy.proof.proofValue;
  const at = Math.floor(value.length / 2);
  copy.proof.proofValue = value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
  return copy;
}

function changed(doc, edit) {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
}

const items = [];
async function judged(name, kind, document) {
  let result;
  try {
    result = kind === 'presentation'
      ? await vc.verify({presentation: document, suite: verifySuites(), documentLoader,
          challenge: CHALLENGE, now})
      : await vc.verifyCredential({credential: document, suite: verifySuites(), documentLoader, now});
  } catch(e) {
    result = {verified: false, error: e};
  }
  // the first reason the library gives: its own error, a proof's, or a presented credential's
  const failed = result.credentialResults?.find(r => !r.verified);
  const error = result.verified ? null : String(result.error?.errors?.[0]?.message || result.error?.message ||
    failed?.error?.errors?.[0]?.message || failed?.error?.message ||
    result.results?.find(r => !r.verified)?.error?.message || 'not verified');
  items.push({name, document, verified: Boolean(result.verified), error});
}

for(const [form, version, suite, issuerDid, terms] of [
  ['vc11-ed25519signature2020', 1, suite2020, issuer.did, TERMS],
  ['vc20-eddsa-rdfc-2022', 2, suiteRdfc, issuer.did, TERMS],
  ['vc20-ecdsa-rdfc-2019-p256', 2, suiteEcdsa, p256Did, TERMS],
  ['vc20-eddsa-rdfc-2022-undefined-terms', 2, suiteRdfc, issuer.did, UNDEFINED_TERMS]]) {
  const valid = await vc.issue({credential: credential(version, false, issuerDid, terms), suite: suite(),
    documentLoader, now});
  await judged(`${form}-valid`, 'credential', valid);
  await judged(`${form}-claim-changed`, 'credential',
    changed(valid, c => { c.credentialSubject.alumniOf = 'Another University'; }));
  await judged(`${form}-proof-byte-changed`, 'credential', flipProofValue(valid));
  await judged(`${form}-issuer-swapped`, 'credential', changed(valid, c => { c.issuer = other.did; }));
  const expired = await vc.issue({credential: credential(version, true, issuerDid, terms), suite: suite(), documentLoader,
    now: new Date(now.getTime() - 7 * DAY)});
  await judged(`${form}-expired`, 'credential', expired);

  // a presentation of the valid credential, signed by the same stack and key, bound to a challenge
  const presentationOf = async (inner, at = now) => vc.signPresentation({
    presentation: vc.createPresentation({verifiableCredential: [inner], holder: issuerDid,
      version: version === 1 ? 1.0 : 2.0, now: at}),
    suite: suite(), challenge: CHALLENGE, documentLoader});
  const vp = await presentationOf(valid);
  await judged(`${form}-presentation-valid`, 'presentation', vp);
  await judged(`${form}-presentation-claim-changed`, 'presentation',
    changed(vp, p => { p.verifiableCredential[0].credentialSubject.alumniOf = 'Another University'; }));
  await judged(`${form}-presentation-proof-byte-changed`, 'presentation', flipProofValue(vp));
  await judged(`${form}-presentation-holder-swapped`, 'presentation', changed(vp, p => { p.holder = other.did; }));
  await judged(`${form}-presentation-expired-credential`, 'presentation',
    await presentationOf(expired, new Date(now.getTime() - 7 * DAY)));
}
process.stdout.write(JSON.stringify({library: '@digitalbazaar/vc', items}, null, 1) + '\n');
