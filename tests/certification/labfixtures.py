"""A test laboratory's key and signed records over the sample captures (issue 70, item 4).

The laboratory's private key is derived here, in the tests only, from a documented seed
(``TEST_LAB_SEED``: SHA-256 of the text below), so the records are reproducible and no private
key is ever committed; never use it for anything but tests.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.areas.terminal.generate.apparatus import SAMPLE_APPARATUS
from conformance.codecs.dataintegrity import issuer_did

ROOT = Path(__file__).parents[2]
CAPTURES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"
#: the test laboratory's seed: SHA-256 of this text is its Ed25519 private key (tests only)
TEST_LAB_SEED = hashlib.sha256(b"metaverse-conformance test laboratory key, tests only").digest()
OTHER_LAB_SEED = hashlib.sha256(b"metaverse-conformance another laboratory key, tests only").digest()


def lab_key(seed: bytes = TEST_LAB_SEED) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def write_key(path: Path, key: Ed25519PrivateKey) -> Path:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    path.chmod(0o600)
    return path


def lab_did(seed: bytes = TEST_LAB_SEED) -> str:
    return issuer_did(lab_key(seed).public_key())


def record(captures: list[str], requirements: list[str], serials: list[str], day: str = "2026-11-20",
           **changes: Any) -> dict[str, Any]:
    """An unsigned record of the sample ``captures`` measured for ``requirements`` with ``serials``."""
    apparatus = []
    for serial in serials:
        item = SAMPLE_APPARATUS[serial]
        apparatus.append({"make": item["make"], "model": item["model"], "serial": serial, "role": item["role"],
                          "calibration": {"issuer": "Reference Calibration Laboratory", "number": item["number"],
                                          "date": "2026-03-01", "valid_until": "2027-03-01",
                                          "uncertainty": copy.deepcopy(item["uncertainty"])}})
    document = {
        "type": "ConformanceLaboratoryRecord", "id": "urn:example:lab:report:2026-0042",
        "laboratory": {"id": "example-test-lab", "name": "Example Test Laboratory",
                       "accreditation": "CNAS L0000 (ISO/IEC 17025:2017), example"},
        "apparatus": apparatus,
        "environment": {"temperature_c": 23.0, "humidity_percent": 45.0, "illuminance_lux": 300.0},
        "requirements": requirements, "operator": {"name": "Wang Fang", "id": "ETL-0007"}, "date": day,
        "captures": [{"file": name, "sha256": hashlib.sha256((CAPTURES / name).read_bytes()).hexdigest()}
                     for name in captures],
    }
    document.update(changes)
    return document


def write_record(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    return path
