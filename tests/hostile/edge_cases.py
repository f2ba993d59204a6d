"""The battery's cases of issue 45, at the programme and certificate edge: a run folder as a
programme publishes it (a report, the signed status list, a certificate signed by the
programme's key), built here in a moment without a programme run, so that each case can
change one thing in it; and a record of the files a process opens (an audit hook), to tell
a refusal before any byte is read from a refusal after reading."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from conformance.certification.attestation import generate_keys, load_private_key
from conformance.programme import checkpoint, ledger, logformat, signing, statuslist
from conformance.programme.certformat import CERTIFICATE_TYPE, LOG_PATH, VOCABULARY, timestamp

SITE = "https://programme.example/round-1/"
PRODUCT = {"name": "headset", "version": "2.1", "vendor": "Acme"}
REPORT_URL = SITE + "headset/run-1/report.json"


#: The signed run every certificate here names, made once a process (a real run: the
#: certificate verifier checks the run's attestation, so a report alone certifies nothing).
_SIGNED_RUN: dict[bytes, Path] = {}
#: The programme key of the first folder a certificate was made in: every later folder's
#: program.key (and .pub) is a copy of it, so that the one signed run serves them all (a key
#: generated per folder signed a whole run per test, some 30 in tests/hostile).
_FIRST_KEY: list[Path] = []


def program_key(folder: Path) -> Path:
    """``folder``/program.key: the process's programme key, copied there (with its .pub)."""
    key_path = folder / "program.key"
    if key_path.exists():
        return key_path
    if not _FIRST_KEY:
        generate_keys(key_path)
        _FIRST_KEY.append(key_path)
    else:
        for name in ("program.key", "program.key.pub"):
            shutil.copy(_FIRST_KEY[0].with_name(name), folder / name)
    return key_path


def signed_run(key_path: Path) -> Path:
    """A whole run of identity-document over the reference's sample DID documents under a
    certification plan, signed by ``key_path`` (made once per key, then copied)."""
    cached = _SIGNED_RUN.get(key_path.read_bytes())
    if cached is not None:
        return cached
    import yaml

    from conformance._catalog.catalog import load_catalog
    from conformance.cli import main
    from conformance.reference import SAMPLES

    work = key_path.parent / "signed-run"
    work.mkdir(exist_ok=True)
    (work / "plan.yaml").write_text(yaml.safe_dump({
        "id": "round-1", "version": "1", "program": "Test", "catalog_digest": load_catalog().digest,
        "profiles": {"identity-document": {}}}), encoding="utf-8")
    (work / "m.yaml").write_text(yaml.safe_dump({
        "product": PRODUCT, "profiles": ["identity-document"],
        "targets": {"did_documents": {"adapter": "file", "paths": [str(SAMPLES / "did_documents" / "*.json")]}}}),
        encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["run", "--manifest", str(work / "m.yaml"), "--plan", str(work / "plan.yaml"), "--sign",
                     str(key_path), "--out", str(work / "run"), "-q", "--no-progress"])
    assert code == 0, code
    _SIGNED_RUN[key_path.read_bytes()] = work / "run"
    return work / "run"


def certificate(folder: Path, *, index: Any = "0", product: dict[str, Any] | None = None,
                report_url: str = REPORT_URL, status_url: str = SITE + statuslist.STATUS_PATH,
                revoked: frozenset[int] = frozenset()) -> Path:
    """``folder``/out as a programme publishes it, with one certificate (its path) naming
    entry ``index`` of the status list (``revoked`` set there) and the signed run at
    ``report_url``; signed by ``folder``/program.key, whatever it says."""
    key_path = program_key(folder)
    key = load_private_key(key_path)
    out = folder / "out"
    run = out / "headset" / "run-1"
    if not run.exists():
        shutil.copytree(signed_run(key_path), run)
    data = (run / "report.json").read_bytes()
    report = orjson.loads(data)
    plan = report["certification_plan"]
    now = datetime.now(UTC)
    issuer = signing.issuer_did(key.public_key())
    listed = statuslist.list_credential(SITE + statuslist.STATUS_PATH, issuer, set(revoked), timestamp(now),
                                        timestamp(now + timedelta(hours=24)), 24 * 3600 * 1000)
    (out / "status").mkdir(exist_ok=True)
    (out / statuslist.STATUS_PATH).write_bytes(orjson.dumps(signing.add_proof(listed, key, timestamp(now))))
    status = statuslist.entry(status_url, 0)
    status["statusListIndex"] = index
    logged = _logged_run(key, report, hashlib.sha256(data).hexdigest(), timestamp(now))
    unsigned = {
        "@context": [statuslist.CONTEXT, VOCABULARY], "id": "urn:uuid:00000000-0000-4000-8000-000000000045",
        "type": ["VerifiableCredential", CERTIFICATE_TYPE], "issuer": {"id": issuer, "name": "Test round"},
        "validFrom": timestamp(now - timedelta(days=1)), "validUntil": timestamp(now + timedelta(days=1)),
        "credentialSubject": {
            "type": "CertifiedProduct", "product": product or PRODUCT, "participant": "headset",
            "programme": {"id": "test-round", "title": "Test round", "url": SITE},
            "certificationPlan": {key: plan[key] for key in ("id", "version", "program", "sha256") if key in plan},
            "profiles": [{"id": p["id"], "version": p["version"]} for p in report["profiles"]],
            "catalogDigest": report["catalog_digest"],
            "report": {"id": report_url, "run": "run-1", "sha256": hashlib.sha256(data).hexdigest()},
            "programmeLog": {"url": SITE + LOG_PATH, **logged},
        },
        "credentialStatus": status,
    }
    (out / "certificates").mkdir(exist_ok=True)
    path = out / "certificates" / "headset-0.json"
    path.write_bytes(orjson.dumps(signing.add_proof(unsigned, key, timestamp(now))))
    return path


def _logged_run(key: Any, report: dict[str, Any], sha256: str, now: str) -> dict[str, Any]:
    """The run as the one leaf of a programme log (in memory) with its inclusion proof against
    the head ``key`` signs: what a certificate carries as ``programmeLog``."""
    log = ledger.ProgrammeLog(None, "test-round", key, checkpoint.log_origin("test-round", SITE))
    run = {"run_id": "run-1", "programme": "test-round", "kind": "participant", "participant": "headset",
           "partner": None, "report_dir": "headset/run-1", "started": now, "finished": now, "recorded": now,
           "catalog_digest": report["catalog_digest"], "harness_version": None, "exit_code": 0,
           "status": "finished", "complete": 1, "report_sha256": sha256, "detail": ""}
    entry = log.append(logformat.RUN, {"run": run, "outcomes": {}, "verdicts": "0" * 64, "attestation": None}, now)
    return ledger.inclusion(log, entry["index"])


_OPENED: list[str] | None = None
_LOCK = threading.Lock()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _OPENED is not None and args and isinstance(args[0], str | bytes | Path):
        _OPENED.append(str(args[0], "utf-8", "replace") if isinstance(args[0], bytes) else str(args[0]))


sys.addaudithook(_audit)  # once per process (hooks cannot be removed); it records only inside opened()


@contextmanager
def opened() -> Iterator[list[str]]:
    """The paths opened (``open``, ``os.open``) meanwhile, as given to the opener."""
    global _OPENED
    with _LOCK:
        _OPENED = []
        try:
            yield _OPENED
        finally:
            _OPENED = None
