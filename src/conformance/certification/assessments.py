"""Assessment records: a person's decision on a manual requirement (``--assessment FILE``).

A requirement with ``testing: manual`` has no test; without a record its verdict is
``inconclusive`` ("needs assessment"). A record names the requirement, the assessor, the
date, the verdict, the reasoning and evidence files; the report carries it with the sha256
of the record and of each evidence file, and a signed attestation lists them as subjects.

A record may be signed by its assessor (``conformance keys sign-assessment``): a DSSE
envelope (``*.dsse.json``, payload type :data:`ASSESSMENT_PAYLOAD_TYPE`, the record as JSON)
like the run's own attestation. A certification plan that lists ``assessors`` accepts only
records signed by one of their keys, under that assessor's name; the report then names the
key's fingerprint (``signed_by``). A record is never dated in the future, nor before the
date the requirement's current version was recorded in the catalog (``versions.lock.json``):
such a record judged an earlier text. ``not_applicable`` on a MUST needs a ``not_applicable_reason``.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from .._catalog.catalog import Catalog, load_yaml
from .._catalog.model import Manifest, Testing
from .._catalog.schemas import BASE_URI
from .._catalog.versions import recorded_on
from .._io import strictjson
from .._io.inputs import MAX_INPUT_BYTES, check_numbers
from .._io.vendorfiles import Refused, read_input
from ..errors import HarnessInputError
from ..messages import msg
from .plans import Assessor
from .subjects import sha256_file

ASSESSMENT_SCHEMA = BASE_URI + "assessment/assessment.json"
ASSESSMENT_PAYLOAD_TYPE = "application/vnd.metaverse-conformance.certification.assessments+json"
#: how a signed record's file name ends
SIGNED_SUFFIX = ".dsse.json"


@dataclass(frozen=True)
class Assessment:
    path: Path
    requirement: str
    record: dict[str, Any]
    #: (path, sha256) of each evidence file
    files: list[tuple[Path, str]]
    sha256: str
    #: the fingerprint of the assessor's key that signed the record (None: unsigned)
    signed_by: str | None = None

    def summary(self) -> dict[str, object]:
        """The report's ``assessment`` member."""
        extra: dict[str, object] = {k: self.record[k] for k in ("product", "not_applicable_reason") if k in self.record}
        if self.signed_by:
            extra["signed_by"] = self.signed_by
        return {
            "assessor": self.record["assessor"], "date": str(self.record["date"]),
            "verdict": self.record["verdict"], "reasoning": self.record["reasoning"], **extra,
            "file": self.path.name, "sha256": self.sha256,
            "evidence": [
                {"file": item["file"], "sha256": digest, **({"description": item["description"]}
                                                            if item.get("description") else {})}
                for item, (_, digest) in zip(self.record.get("evidence", []), self.files, strict=True)
            ],
        }

    def message(self) -> str:
        who = self.record["assessor"]["name"]
        org = self.record["assessor"].get("organisation")
        reasoning = self.record["reasoning"][:300]
        if self.record.get("not_applicable_reason"):
            reasoning = f"not applicable because {self.record['not_applicable_reason'][:300]}; {reasoning}"
        if self.signed_by:
            who = f"{who} [key {self.signed_by[:19]}…]"
        return msg("engine.assessed-by-org" if org else "engine.assessed-by", verdict=self.record["verdict"],
                   who=who, org=org or "", date=str(self.record["date"]), reasoning=reasoning)


def sign_record(record_path: Path, key_path: Path, out: Path) -> str:
    """Write ``out``: the record at ``record_path`` (YAML or JSON), as JSON, in a DSSE envelope
    signed by the assessor's private key; returns the key's fingerprint."""
    from .._io.outputs import atomic_write
    from .attestation import envelope_bytes, fingerprint, load_private_key, pae

    raw = load_yaml(record_path)
    check_numbers(raw, str(record_path))
    if isinstance(raw, dict) and isinstance(raw.get("date"), date):
        raw["date"] = raw["date"].isoformat()
    key = load_private_key(key_path, "--key")
    payload = orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)
    keyid = fingerprint(key.public_key())
    atomic_write(out, envelope_bytes(payload, [(keyid, key.sign(pae(ASSESSMENT_PAYLOAD_TYPE, payload)))],
                                     ASSESSMENT_PAYLOAD_TYPE))
    return keyid


def _signed_record(path: Path, accepted: dict[str, Assessor] | None) -> tuple[Any, str | None]:
    """(the record, the fingerprint that signed it) of a ``*.dsse.json`` file. The signature is
    checked against the plan's ``accepted`` assessor keys; without such a list it cannot be
    (the record counts as unsigned)."""
    from cryptography.exceptions import InvalidSignature

    from .attestation import envelope_bytes, pae

    data = read_input(path, MAX_INPUT_BYTES, "name the signed record")
    try:
        envelope = strictjson.loads(data)
        payload = base64.b64decode(envelope["payload"], validate=True)
        signatures = [(str(s["keyid"]), base64.b64decode(s["sig"], validate=True)) for s in envelope["signatures"]]
        ok = envelope["payloadType"] == ASSESSMENT_PAYLOAD_TYPE and len(signatures) == 1
        ok = ok and envelope_bytes(payload, signatures, ASSESSMENT_PAYLOAD_TYPE) == data
        record = strictjson.loads(payload) if ok else None
    except strictjson.NotStrictJSON as exc:
        raise HarnessInputError(str(path), f"the signed record is not strict JSON: {exc}",
                                "sign the record again") from None
    except (KeyError, TypeError, AttributeError, binascii.Error, ValueError):
        ok, record = False, None
    if not ok:
        raise HarnessInputError(str(path), "not a signed assessment record as `conformance keys sign-assessment` "
                                "writes it (one signature, nothing added)", "sign the record again")
    keyid, sig = signatures[0]
    if accepted is None:
        return record, None
    if keyid not in accepted:
        raise HarnessInputError(str(path), f"signed by {keyid}, not an assessor the certification plan accepts",
                                "have an accepted assessor sign it")
    try:
        accepted[keyid].key.verify(sig, pae(ASSESSMENT_PAYLOAD_TYPE, payload))
    except InvalidSignature:
        raise HarnessInputError(str(path), f"the signature by {keyid} does not verify: the record was altered",
                                "sign the record again") from None
    return record, keyid


def load_assessment(path: Path, catalog: Catalog, manifest: Manifest,
                    accepted: dict[str, Assessor] | None = None) -> Assessment:
    signed_by = None
    if path.name.endswith(SIGNED_SUFFIX):
        raw, signed_by = _signed_record(path, accepted)
    elif accepted is not None:
        raise HarnessInputError(str(path), "an unsigned assessment record: the certification plan accepts only "
                                "records signed by its assessors", "have the assessor sign it "
                                "(conformance keys sign-assessment)")
    else:
        raw = load_yaml(path)
    check_numbers(raw, str(path))
    if isinstance(raw, dict) and "date" in raw:
        raw["date"] = str(raw["date"])  # YAML reads 2026-11-20 as a date
    catalog.schemas.require_valid(raw, ASSESSMENT_SCHEMA, str(path), "see `conformance show " + ASSESSMENT_SCHEMA + "`")
    _check_record(path, raw, catalog, signed_by, accepted)
    req_id = raw["requirement"]
    where = f"{path} at $.requirement"
    requirement = catalog.requirement(req_id) if req_id in catalog.requirements else None
    if requirement is None:
        raise HarnessInputError(where, f"unknown requirement {req_id!r}", "see `conformance list requirements`")
    if requirement.testing is not Testing.MANUAL:
        raise HarnessInputError(where, f"{req_id} is tested {requirement.testing.value}, not manual",
                                "an assessment decides only a manual requirement")
    product = raw.get("product")
    if product and (product["name"], product["version"]) != (manifest.product.name, manifest.product.version):
        raise HarnessInputError(
            f"{path} at $.product", f"assesses {product['name']} {product['version']}, "
            f"the manifest is {manifest.product.name} {manifest.product.version}", "assess the product being run",
        )
    files = []
    for index, item in enumerate(raw.get("evidence", [])):
        where = f"{path} at $.evidence[{index}].file"
        file = path.parent / item["file"]
        if not os.path.lexists(file):
            raise HarnessInputError(where, f"{item['file']} does not exist",
                                    "paths are relative to the assessment file")
        try:  # inside the assessment's folder, links followed; a regular file; hashed within a cap
            files.append((file.resolve(), sha256_file(file, root=path.parent)))
        except Refused as exc:
            raise HarnessInputError(where, f"{item['file']} {exc.problem}",
                                    "put the evidence in the assessment's folder, as a regular file") from None
        except OSError as exc:
            raise HarnessInputError(where, f"{item['file']} cannot be read: {exc.strerror or exc}") from None
    return Assessment(path, req_id, raw, files, sha256_file(path), signed_by)


def _check_record(path: Path, raw: dict[str, Any], catalog: Catalog, signed_by: str | None,
                  accepted: dict[str, Assessor] | None) -> None:
    """What the schema cannot say: the date, the signer's name, a reason for not_applicable on a MUST."""
    made = date.fromisoformat(raw["date"])
    if made > datetime.now(UTC).date():
        raise HarnessInputError(f"{path} at $.date", f"{raw['date']} is in the future", "date the record when made")
    recorded = recorded_on(catalog, raw["requirement"])
    if recorded is not None and made < recorded:
        version = catalog.requirements[raw["requirement"]].version
        raise HarnessInputError(f"{path} at $.date", f"{raw['date']} is before {raw['requirement']} {version} was "
                                f"recorded in the catalog ({recorded.isoformat()}): the record judged an earlier text",
                                "assess the product again against this catalog's requirement")
    if signed_by is not None and accepted is not None and accepted[signed_by].name != raw["assessor"]["name"]:
        raise HarnessInputError(f"{path} at $.assessor.name", f"names {raw['assessor']['name']!r}, the key "
                                f"{signed_by} is {accepted[signed_by].name!r}'s", "assessors sign their own records")
    requirement = catalog.requirements.get(raw["requirement"])
    if (raw["verdict"] == "not_applicable" and requirement is not None and requirement.level.value == "MUST"
            and not raw.get("not_applicable_reason")):
        raise HarnessInputError(f"{path} at $.verdict", f"not_applicable on the MUST {raw['requirement']} without "
                                "a not_applicable_reason", "say why the requirement does not apply to the product")


def load_assessments(paths: list[Path], catalog: Catalog, manifest: Manifest,
                     selected: dict[str, Any], accepted: dict[str, Assessor] | None = None,
                     ) -> dict[str, Assessment]:
    """Requirement ID -> its assessment; each must decide a selected requirement, once.
    ``accepted``: the certification plan's assessor keys (then every record must be signed by one)."""
    found: dict[str, Assessment] = {}
    for path in paths:
        assessment = load_assessment(path, catalog, manifest, accepted)
        where = f"{path} at $.requirement"
        if assessment.requirement not in selected:
            raise HarnessInputError(where, f"{assessment.requirement} is not selected by this run",
                                    "give assessments only for requirements the claimed profiles select")
        if assessment.requirement in found:
            raise HarnessInputError(where, f"{assessment.requirement} is already decided by "
                                    f"{found[assessment.requirement].path}", "give one assessment per requirement")
        found[assessment.requirement] = assessment
    return found
