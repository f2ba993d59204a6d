"""The battery's cases of issue 45, at the programme and certificate edge: a run folder as a
programme publishes it (a report, the signed status list, a certificate signed by the
programme's key), built here in a moment without a programme run, so that each case can
change one thing in it; and a record of the files a process opens (an audit hook), to tell
a refusal before any byte is read from a refusal after reading."""

from __future__ import annotations

import hashlib
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from conformance.certification.attestation import generate_keys, load_private_key
from conformance.programme import signing, statuslist
from conformance.programme.certify import CERTIFICATE_TYPE, VOCABULARY, timestamp

SITE = "https://programme.example/round-1/"
PRODUCT = {"name": "headset", "version": "2.1", "vendor": "Acme"}
REPORT_URL = SITE + "headset/run-1/report.json"


def certificate(folder: Path, *, index: Any = "0", product: dict[str, Any] | None = None,
                report_url: str = REPORT_URL, status_url: str = SITE + statuslist.STATUS_PATH,
                revoked: frozenset[int] = frozenset()) -> Path:
    """``folder``/out as a programme publishes it, with one certificate (its path) naming
    entry ``index`` of the status list (``revoked`` set there) and the report at
    ``report_url``; signed by ``folder``/program.key, whatever it says."""
    key_path = folder / "program.key"
    if not key_path.exists():
        generate_keys(key_path)
    key = load_private_key(key_path)
    out = folder / "out"
    (out / "headset" / "run-1").mkdir(parents=True, exist_ok=True)
    report = {"manifest": {"product": PRODUCT}, "catalog_digest": "sha256:" + "0" * 64, "complete": True,
              "profiles": [{"id": "terminal-hmd-6dof", "version": "1.0", "outcome": "conformant"}]}
    data = orjson.dumps(report)
    (out / "headset" / "run-1" / "report.json").write_bytes(data)
    now = datetime.now(UTC)
    issuer = signing.issuer_did(key.public_key())
    listed = statuslist.list_credential(SITE + statuslist.STATUS_PATH, issuer, set(revoked), timestamp(now))
    (out / "status").mkdir(exist_ok=True)
    (out / statuslist.STATUS_PATH).write_bytes(orjson.dumps(signing.add_proof(listed, key, timestamp(now))))
    status = statuslist.entry(status_url, 0)
    status["statusListIndex"] = index
    unsigned = {
        "@context": [statuslist.CONTEXT, VOCABULARY], "id": "urn:uuid:00000000-0000-4000-8000-000000000045",
        "type": ["VerifiableCredential", CERTIFICATE_TYPE], "issuer": {"id": issuer, "name": "Test round"},
        "validFrom": timestamp(now - timedelta(days=1)), "validUntil": timestamp(now + timedelta(days=1)),
        "credentialSubject": {
            "type": "CertifiedProduct", "product": product or PRODUCT, "participant": "headset",
            "programme": {"id": "test-round", "title": "Test round", "url": SITE},
            "profiles": report["profiles"], "catalogDigest": report["catalog_digest"],
            "report": {"id": report_url, "run": "run-1", "sha256": hashlib.sha256(data).hexdigest()},
        },
        "credentialStatus": status,
    }
    (out / "certificates").mkdir(exist_ok=True)
    path = out / "certificates" / "headset-0.json"
    path.write_bytes(orjson.dumps(signing.add_proof(unsigned, key, timestamp(now))))
    return path


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
