"""Signed attestations of a run: an in-toto Statement (v1) in a DSSE envelope, Ed25519.

The statement's subjects are ``report.json``, every view the run wrote beside it (JUnit,
HTML, EARL, the event log) and every input the run read, each by its sha256: the manifest,
certification plan, assessment records (with their evidence files) and declared JSON-LD
contexts, and whatever each target's adapter declares it read
(``subjects()``, :mod:`conformance.certification.subjects`: the ``file`` adapter's files, the ``http``
adapter's answers, a plug-in adapter's own). The predicate says what was certified:
catalog digest, harness version, plan, product, outcome per profile. The envelope is
written beside the report as ``attestation.dsse.json``; ``conformance verify`` checks it
offline (:mod:`conformance.certification.verify`).

Specifications followed: in-toto Attestation Framework, Statement layer v1
(https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md) and DSSE v1.0
(https://github.com/secure-systems-lab/dsse, protocol.md and envelope.md): the signature is
over PAE(payloadType, payload). Keys: Ed25519 (``cryptography``); a key's ID is its
fingerprint, ``sha256:`` and the hex sha256 of the raw 32-byte public key.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .._io.vendorfiles import MAX_KEY_BYTES, Refused, read_capped
from ..errors import CatalogError, HarnessInputError
from .subjects import file_subject, is_remote, sha256_file, subject_problem

# cryptography (keys, signatures) is imported where a key is made or read: an unsigned run
# hashes what it read (run_subjects) and never needs it (its import is a tenth of a start).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

    from .._catalog.model import Report

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://metaverse-conformance.org/attestation/certification/v1"
ENVELOPE_NAME = "attestation.dsse.json"
REPORT_NAME = "report.json"


def pae(payload_type: str, body: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding: what is signed, so that the type is signed too."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(body), body)


def fingerprint(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def envelope_bytes(payload: bytes, signatures: list[tuple[str, bytes]], payload_type: str = PAYLOAD_TYPE) -> bytes:
    """The envelope exactly as the harness writes it (verify insists on this form, so any
    change to the file, even to its whitespace, is detected)."""
    return orjson.dumps({
        "payloadType": payload_type,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": keyid, "sig": base64.b64encode(sig).decode("ascii")} for keyid, sig in signatures],
    }, option=orjson.OPT_INDENT_2) + b"\n"


# -- keys ----------------------------------------------------------------------------------


def generate_keys(path: Path) -> str:
    """Write a new private key to ``path`` (mode 0600, never overwritten) and its public key
    to ``path.pub``; returns the fingerprint. Each is written whole and exclusively: a name
    that exists, as a file or as a link (dangling or not), is refused, never written through."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .._io.outputs import atomic_write

    public_path = path.with_name(path.name + ".pub")
    for target in (path, public_path):
        if os.path.lexists(target):
            raise HarnessInputError(str(target), "already exists", "choose another name; keys are never overwritten")
    if not path.parent.is_dir():
        raise HarnessInputError(str(path), "its folder does not exist", "create it first")
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key()
    # The private key's temporary file is 0600 from its creation: never readable by others.
    atomic_write(path, private, mode=0o600, exclusive=True)
    try:
        atomic_write(public_path, public.public_bytes(serialization.Encoding.PEM,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo),
                     exclusive=True)
    except BaseException:
        path.unlink(missing_ok=True)  # a private key without its public half is no key pair
        raise
    return fingerprint(public)


def _read_key(path: Path, option: str) -> bytes:
    """A key file's bytes: a regular file of at most a key's size, or one line."""
    try:
        return read_capped(path, MAX_KEY_BYTES)
    except FileNotFoundError:
        raise HarnessInputError(f"{option} {path}", "no such file", "give a key file (PEM)") from None
    except OSError as exc:
        problem = exc.problem if isinstance(exc, Refused) else f"cannot be read: {exc.strerror or exc}"
        raise HarnessInputError(f"{option} {path}", problem, "give a key file (PEM)") from None


def load_private_key(path: Path, option: str = "--sign") -> Ed25519PrivateKey:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if not path.is_file():
        raise HarnessInputError(f"{option} {path}", "no such key file", "create one with `conformance keys generate --out KEY`")
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise HarnessInputError(f"{option} {path}", f"the private key is readable by others (mode {mode:o})",
                                f"chmod 600 {path}")
    try:
        key = serialization.load_pem_private_key(_read_key(path, option), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise HarnessInputError(f"{option} {path}", "not an unencrypted Ed25519 private key (PEM)",
                                "create one with `conformance keys generate --out KEY`")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(_read_key(path, "--trust"))
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise HarnessInputError(f"--trust {path}", "not an Ed25519 public key (PEM)", "give the signer's KEY.pub")
    return key


# -- subjects ------------------------------------------------------------------------------


def run_subjects(own_files: list[tuple[Path, dict[str, str]]], base: Path,
                 adapters: Mapping[str, Any], reads: Mapping[Path, str | None]) -> list[dict[str, Any]]:
    """In-toto subjects of everything the run read (collected before the targets close): its
    own files (``RunPlan.own_files``, named relative to ``base``, the manifest's folder; one
    that vanished meanwhile is left out), then what each
    target's adapter declares it read (``subjects()``, :mod:`conformance.certification.subjects`), by role,
    exactly as declared, then every further file a check recorded reading (``reads``: path -> SHA-256 as judged,
    :mod:`conformance._record.reads`).
    A declaration that breaks the contract is the adapter's fault, named in one line."""
    subjects = []
    for path, about in own_files:
        try:
            subjects.append(file_subject(path, base, **about))
        except OSError:
            continue
    for role in sorted(adapters):
        adapter = adapters[role]
        declared = list(adapter.subjects())
        for subject in declared:
            problem = subject_problem(subject)
            if problem:
                name = f"{type(adapter).__module__}.{type(adapter).__qualname__}"
                raise CatalogError(f"adapter {name} (role {role})", f"subjects() declared a bad subject: {problem}",
                                   "see docs/extending.md, 'What an adapter read'")
        subjects += declared
    named = {s["name"] for s in subjects if not is_remote(s)}
    for path, digest in sorted(reads.items()):
        try:
            subject = file_subject(path, base, "read", role="check")
        except OSError:
            continue  # vanished since: nothing to bind
        if digest is not None and subject["digest"]["sha256"] != digest:
            subject["annotations"]["changed"] = "after it was read"
        if subject["name"] not in named:
            named.add(subject["name"])
            subjects.append(subject)
    return subjects


@dataclass
class Signer:
    key: Ed25519PrivateKey
    keyid: str

    @classmethod
    def for_run(cls, path: Path | str, scope: str) -> Signer:
        """The key of a run that may be signed: a full run (a partial one certifies nothing)."""
        if scope != "full":
            raise HarnessInputError(
                "--sign", "a partial run (narrowed by --profile or --requirement) cannot be signed as a certification",
                "run every claimed profile and requirement",
            )
        key = load_private_key(Path(path))
        return cls(key, fingerprint(key.public_key()))

    @staticmethod
    def inputs(subjects: list[dict[str, object]]) -> list[dict[str, object]]:
        """The statement's subjects besides ``report.json``: exactly what the run read, as
        :func:`run_subjects` collected it (the run's own files and every adapter's
        ``subjects()``), the remote ones included."""
        return list(subjects)

    def attest(self, report: Report, out_dir: Path, inputs: list[dict[str, object]],
               inputs_base: Path | None = None, views: Iterable[Path] = ()) -> Path:
        """Sign the statement: ``report.json``, every other file the run wrote in ``out_dir``
        (``views``: JUnit, HTML, EARL, OSCAL, the event log; each a subject of kind ``view``,
        named by its file name) and ``inputs``. The predicate records when it was signed."""
        from .._io.outputs import atomic_write

        report_path = out_dir / REPORT_NAME
        subjects = [{"name": REPORT_NAME, "digest": {"sha256": sha256_file(report_path)},
                     "annotations": {"kind": "report"}}]
        for view in sorted({Path(v).name for v in views} - {REPORT_NAME, ENVELOPE_NAME}):
            subjects.append({"name": view, "digest": {"sha256": sha256_file(out_dir / view)},
                             "annotations": {"kind": "view"}})
        statement = {
            "_type": STATEMENT_TYPE,
            "subject": [*subjects, *inputs],
            "predicateType": PREDICATE_TYPE,
            "predicate": {**predicate(report, inputs_base),
                          "signed_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")},
        }
        payload = orjson.dumps(statement, option=orjson.OPT_SORT_KEYS)
        signature = self.key.sign(pae(PAYLOAD_TYPE, payload))
        path = out_dir / ENVELOPE_NAME
        atomic_write(path, envelope_bytes(payload, [(self.keyid, signature)]))
        return path


def predicate(report: Report, inputs_base: Path | None = None) -> dict[str, object]:
    manifest = report.manifest
    return {
        "harness": report.harness.model_dump(mode="json"),
        "catalog_digest": report.catalog_digest,
        "certification_plan": report.certification_plan,
        "product": manifest.get("product", {}),
        "scope": report.scope,
        "complete": report.complete,
        "exit_code": report.exit_code,
        "started": report.started,
        "finished": report.finished,
        "outcomes": {p.id: {"version": p.version, "outcome": p.outcome.value} for p in report.profiles},
        "inputs_base": str(inputs_base) if inputs_base else None,
    }
