"""``conformance verify REPORT_DIR``: check a signed run offline.

The attestation holds (else :class:`Rejected`, exit 1) only when all of these hold: the
envelope is exactly as the harness writes it, with exactly one signature; it verifies, over
DSSE's PAE, with a key the verifier trusts (``--trust``) and its keyid names that key; the
statement is an in-toto Statement v1 of our predicate type; every file subject's sha256
matches (``report.json`` and the views beside it always; the inputs where they are found);
``report.json`` is valid against its schema and agrees with the predicate. Nothing is
fetched: remote subjects (those with a ``uri``, e.g. HTTP answers) are listed with the
digest the run recorded.

An attestation that holds says what was judged, not that it certifies: the
:class:`Condition` list says that (every profile conformant, the run complete, under a
certification plan, under the digest of the harness verifying it; with a policy,
:mod:`conformance.certification.policy`, the relying party's own terms). An unmet condition is exit 4.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .._io import strictjson
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, MAX_HASH_BYTES, ResolvedRoot, hash_capped, read_capped
from ..errors import HarnessInputError, Rejected
from .attestation import (
    ENVELOPE_NAME,
    PAYLOAD_TYPE,
    PREDICATE_TYPE,
    REPORT_NAME,
    STATEMENT_TYPE,
    envelope_bytes,
    fingerprint,
    pae,
    predicate,
)
from .policy import Condition, Policy, conditions
from .subjects import is_remote

if TYPE_CHECKING:
    from .._catalog.schemas import SchemaRegistry

#: The most bytes verify hashes over all subjects together.
MAX_VERIFY_BYTES = 8 * MAX_HASH_BYTES


@dataclass
class Verified:
    keyid: str
    statement: dict[str, Any]
    checked: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    #: report.json as read (valid against its schema)
    report: dict[str, Any] = field(default_factory=dict)
    conditions: list[Condition] = field(default_factory=list)

    @property
    def unmet(self) -> list[Condition]:
        return [c for c in self.conditions if not c.met]

    @property
    def predicate(self) -> dict[str, Any]:
        return dict(self.statement["predicate"])

    @property
    def report_sha256(self) -> str:
        """The signed sha256 of ``report.json`` (the report ``report`` was read from)."""
        return next((str(s["digest"]["sha256"]) for s in self.statement["subject"]
                    if isinstance(s, dict) and s.get("name") == REPORT_NAME
                    and (s.get("annotations") or {}).get("kind") == "report"), "")


def _decode_envelope(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    envelope = _strict_json(data, ENVELOPE_NAME)
    try:
        if envelope["payloadType"] != PAYLOAD_TYPE:
            raise Rejected(f"payloadType is {envelope['payloadType']!r}, not {PAYLOAD_TYPE}")
        payload = base64.b64decode(envelope["payload"], validate=True)
        signatures = [(str(s.get("keyid", "")), base64.b64decode(s["sig"], validate=True))
                      for s in envelope["signatures"]]
    except (KeyError, TypeError, AttributeError, binascii.Error, ValueError) as exc:
        raise Rejected(f"{ENVELOPE_NAME} is not a DSSE envelope as the harness writes it ({exc})") from None
    if len(signatures) != 1:
        raise Rejected(f"{ENVELOPE_NAME} carries {len(signatures)} signatures; the harness writes exactly one")
    if envelope_bytes(payload, signatures) != data:
        raise Rejected(f"{ENVELOPE_NAME} was altered (it differs from the form the harness signs and writes)")
    return payload, signatures


def _check_signature(payload: bytes, signatures: list[tuple[str, bytes]], trusted: list[Ed25519PublicKey]) -> str:
    """The fingerprint of the trusted key whose signature verifies; Rejected otherwise."""
    by_id = {fingerprint(k): k for k in trusted}
    message = pae(PAYLOAD_TYPE, payload)
    for keyid, sig in signatures:
        key = by_id.get(keyid)
        if key is None:
            continue
        try:
            key.verify(sig, message)
        except InvalidSignature:
            raise Rejected(f"the signature by {keyid} does not verify: the attestation was altered") from None
        return keyid
    named = ", ".join(k for k, _ in signatures) or "no key"
    raise Rejected(f"signed by {named}, which is not a trusted key" +
                   ("" if trusted else " (no --trust KEY.pub given)"))


def _check_subjects(statement: dict[str, Any], report_dir: Path, base: Path, report_only: bool,
                    verified: Verified) -> None:
    subjects: list[Any] = statement["subject"] if isinstance(statement.get("subject"), list) else [None]
    budget = MAX_VERIFY_BYTES  # all subjects together: verify ends, however many there are
    # The run folder and the inputs folder, each resolved (links followed) at its first file
    # checked, not again for every file: a run signs thousands of subjects.
    resolved: dict[Path, ResolvedRoot] = {}
    for subject in subjects:
        name, digest, kind = _subject_fields(subject)  # Rejected unless a mapping as written
        if is_remote(subject):  # a remote resource (an HTTP answer, say): verify is offline
            verified.unchecked.append(f"{name} ({kind}; sha256 {digest} as read, not fetched: offline)")
            continue
        written = kind in ("report", "view")  # what the run wrote beside the report
        bare, absolute, joined = _name_parts(name)
        if written and not bare:
            raise Rejected(f"subject {name} of kind {kind} is not a file of the report folder")
        if not written and report_only:
            verified.unchecked.append(f"{name} (not checked: --report-only)")
            continue
        # a relative name stays inside --inputs (links followed); an absolute one is read where it is
        root = report_dir if written else None if absolute else base
        path = joined if root is None else os.path.join(root, joined)  # what `root / Path(name)` names
        try:  # inside the inputs folder (links followed), a regular file, hashed within a cap
            if root is not None and root not in resolved:
                resolved[root] = ResolvedRoot.of(root)
            folder = None if root is None else resolved[root]
            actual, size = hash_capped(path, min(MAX_HASH_BYTES, budget), root=folder, name=name)
            budget -= size
        except OSError as exc:
            # a missing file is told as such: asked only now, not before every subject's open
            if not os.path.lexists(path):
                raise Rejected(f"subject {name} not found at {path} (give --inputs DIR, or --report-only)") from None
            raise Rejected(f"subject {name} {_unreadable(exc)}") from None
        if actual != digest:
            raise Rejected(f"subject {name} does not match its signed sha256: the file was altered")
        verified.checked.append(name)


@functools.lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[bool, bool, str]:
    """A subject's name as a path, parsed once a process (a verifier checking many runs, or one
    run many times, meets the same names): whether it is a bare file name, whether it is
    absolute, and its normalized form (pathlib's, joined to a folder as a string)."""
    named = Path(name)
    return named.name == name, named.is_absolute(), str(named)


def _subject_fields(subject: Any) -> tuple[str, str, str]:
    """A signed subject's name, sha256 and kind; Rejected when it is not as the harness writes it."""
    try:
        name, digest = subject["name"], subject["digest"]["sha256"]
        kind = (subject.get("annotations") or {}).get("kind", "")
    except (KeyError, TypeError, AttributeError):
        raise Rejected(f"a subject of the statement has no name or no sha256 digest: {str(subject)[:80]}") from None
    if not isinstance(name, str) or not name or not isinstance(digest, str) or not isinstance(kind, str):
        raise Rejected(f"a subject of the statement has no name or no sha256 digest: {str(subject)[:80]}")
    return name, digest, kind


def verify(report_dir: Path, trusted: list[Ed25519PublicKey], inputs: Path | None = None,
           report_only: bool = False, policy: Policy | None = None) -> Verified:
    """Check the attestation of ``report_dir`` (raises Rejected; HarnessInputError when there
    is nothing to check), then what it certifies: ``Verified.conditions``, under ``policy``."""
    verified = attestation(report_dir, trusted, inputs, report_only)
    verified.conditions = conditions(verified.predicate, verified.keyid, verified.report, policy or Policy(),
                                     installed_digest())
    return verified


def attestation(report_dir: Path, trusted: list[Ed25519PublicKey], inputs: Path | None = None,
                report_only: bool = False) -> Verified:
    """Check that the attestation of ``report_dir`` holds (raises Rejected; HarnessInputError
    when there is none): the envelope, the signature by a ``trusted`` key, the statement, every
    subject's digest (the inputs too unless ``report_only``) and ``report.json`` against the
    signed predicate. What it certifies is not judged here (see :func:`verify`); the
    programme uses this to trust a run folder's report (:mod:`conformance.programme`)."""
    return signed_files(signed_statement(report_dir, trusted), report_dir, inputs, report_only)


@dataclass(frozen=True)
class Signed:
    """What the envelope of a run folder says, its signature by a trusted key checked: the
    first half of :func:`attestation`, which proves nothing about the files yet."""

    keyid: str
    statement: dict[str, Any]


def signed_statement(report_dir: Path, trusted: list[Ed25519PublicKey]) -> Signed:
    """The envelope of ``report_dir`` as the harness writes it, signed by a ``trusted`` key,
    over an in-toto Statement of a full run (Rejected otherwise; HarnessInputError when there
    is no envelope)."""
    envelope_path = report_dir / ENVELOPE_NAME
    try:
        envelope = _read(envelope_path, ENVELOPE_NAME)
    except Rejected:
        if not envelope_path.is_file():  # asked after a failed read, not before every read
            raise HarnessInputError(str(report_dir), f"no {ENVELOPE_NAME} here",
                                    "sign runs with conformance run --sign KEY") from None
        raise
    payload, signatures = _decode_envelope(envelope)
    keyid = _check_signature(payload, signatures, trusted)
    statement = _strict_json(payload, "the signed payload")
    try:
        if statement["_type"] != STATEMENT_TYPE or statement["predicateType"] != PREDICATE_TYPE:
            raise Rejected(f"not a {PREDICATE_TYPE} statement")
        scope = statement["predicate"].get("scope")
    except (KeyError, TypeError, AttributeError):
        raise Rejected("the signed payload is not an in-toto Statement") from None
    if scope != "full":
        raise Rejected("the attestation is of a partial run, which certifies nothing")
    return Signed(keyid, statement)


def signed_files(signed: Signed, report_dir: Path, inputs: Path | None = None,
                 report_only: bool = False) -> Verified:
    """The second half of :func:`attestation`: each file subject of ``signed`` (read from
    ``report_dir`` and the inputs folder now) matches its signed sha256, and ``report.json``
    says what the signed predicate says. Reads nothing of the envelope: files checked again
    against one checked statement (tests/certification's byte flips: tens of thousands of
    changed files) cost no signature check each."""
    statement = signed.statement
    verified = Verified(signed.keyid, statement)
    recorded_base = statement["predicate"].get("inputs_base")
    base = inputs or (Path(recorded_base) if recorded_base and Path(recorded_base).is_dir() else report_dir)
    _check_subjects(statement, report_dir, base, report_only, verified)
    if REPORT_NAME not in verified.checked:
        raise Rejected(f"the statement has no {REPORT_NAME} subject")
    verified.report = _check_report(report_dir / REPORT_NAME, statement["predicate"], verified.report_sha256)
    return verified


def installed_digest() -> str:
    """The digest of the harness verifying: its package, its catalog and plug-in catalogs."""
    from .._areas import plugin_catalogs
    from .._catalog.catalog import default_root
    from .._catalog.digest import catalog_digest

    plugins = {name: Path(folder).resolve() for name, folder in plugin_catalogs().items()}
    return catalog_digest(default_root().resolve(), plugins=plugins)


#: The report's schemas, compiled once per process for the bytes they had (key: their digest):
#: ``programme run`` and ``certify`` verify every participant's report, and a registry built for
#: each held its compiled validators, about 1 MB a participant (bench/city_scale.py).
_REPORT_REGISTRY: dict[str, SchemaRegistry] = {}


def _report_registry() -> SchemaRegistry:
    """Only the report's schema and what it refers to (reading every schema costs more than the
    check), rebuilt when any of those files' bytes changed since the last build."""
    from .._catalog.catalog import default_root
    from .._catalog.schemas import SchemaRegistry

    schemas = default_root() / "schemas"
    roots = [schemas / "report", schemas / "catalog"]
    files = hashlib.sha256()
    for path in sorted(p for root in roots for p in root.rglob("*.json")):
        files.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    key = files.hexdigest()
    if key not in _REPORT_REGISTRY:
        _REPORT_REGISTRY.clear()
        _REPORT_REGISTRY[key] = SchemaRegistry.from_directories(roots)
    return _REPORT_REGISTRY[key]


def _check_report(path: Path, signed: dict[str, Any], digest: str) -> dict[str, object]:
    """report.json (the bytes with the signed ``digest``, as read now: no swap after its
    subject was hashed) is valid against its schema and says what the predicate says."""
    from .._catalog.catalog import REPORT_SCHEMA
    from .._catalog.model import Report

    raw = _read(path, REPORT_NAME)
    if hashlib.sha256(raw).hexdigest() != digest:
        raise Rejected(f"subject {REPORT_NAME} does not match its signed sha256: the file was altered")
    data = _strict_json(raw, REPORT_NAME, strictjson.MAX_REPORT_INTEGER)
    errors = _report_registry().findings(data, REPORT_SCHEMA)
    if errors:
        raise Rejected(f"{REPORT_NAME} is not valid against its schema: {errors[0].summary()}")
    claimed = {k: v for k, v in signed.items() if k != "signed_at"}
    if predicate(Report.model_validate(data), signed.get("inputs_base") and Path(signed["inputs_base"])) != claimed:
        raise Rejected(f"{REPORT_NAME} does not say what the signed predicate says")
    return dict(data)


def _read(path: Path, name: str) -> bytes:
    """A file of the signed folder, whole: a regular file within the document cap, or Rejected."""
    try:
        return read_capped(path, MAX_DOCUMENT_BYTES, name=name)
    except OSError as exc:
        raise Rejected(f"{name} {_unreadable(exc)}") from None


def _unreadable(exc: OSError) -> str:
    """Why a file of the signed folder was not read: the refusal's own words (a link out of
    the folder, not a regular file, over the cap), else the system's."""
    return getattr(exc, "problem", None) or f"cannot be read: {exc}"


def _strict_json(data: bytes, what: str, max_integer: int = strictjson.MAX_SAFE_INTEGER) -> Any:
    """``data`` parsed as strict JSON (what two parsers read alike), or Rejected naming ``what``."""
    try:
        return strictjson.loads(data, max_integer=max_integer)
    except strictjson.NotStrictJSON as exc:
        raise Rejected(f"{what} is not strict JSON: {exc}") from None


def describe(verified: Verified) -> list[str]:
    """What was certified, one line each (the verify command prints these)."""
    p = verified.predicate
    product = p.get("product", {})
    plan = p.get("certification_plan")
    lines = [
        f"verified: signed by {verified.keyid}" + (f" at {p['signed_at']}" if p.get("signed_at") else ""),
        f"product: {product.get('name')} {product.get('version')}"
        + (f" ({product['vendor']})" if product.get("vendor") else ""),
        f"harness: {p['harness']['name']} {p['harness']['version']}, catalog {p['catalog_digest']}",
        f"run: {p['started']} to {p['finished']}, {'complete' if p['complete'] else 'incomplete'}, "
        f"exit code {p['exit_code']}",
        f"certification plan: {plan['id']} of {plan['program']} (sha256 {plan['sha256']})" if plan
        else "certification plan: none (the profiles' own parameters, as the manifest tightened them)",
    ]
    if plan:
        lines += [f"plan requires feature(s) of {pid}: {', '.join(names)}"
                  for pid, names in plan.get("features", {}).items()]
        lines += [f"plan makes blocking in {pid}: {', '.join(ids)}" for pid, ids in plan.get("promoted", {}).items()]
        lines += [f"plan drew seed {name} = {value}" for name, value in plan.get("random_seeds", {}).items()]
    for profile in verified.report.get("profiles", []):
        lines += [f"parameter {profile['id']}.{o['name']} = {o['value']!r} (set by the {o['set_by']}; "
                  f"default {o['default']!r})" for o in profile.get("overrides", [])]
    lines += [f"profile {pid} {o['version']}: {o['outcome']}" for pid, o in p["outcomes"].items()]
    lines += [f"{'met' if c.met else 'UNMET'}: {c.line}" for c in verified.conditions]
    lines += [f"subject checked: {name}" for name in verified.checked]
    lines += [f"subject not checked: {text}" for text in verified.unchecked]
    return lines
