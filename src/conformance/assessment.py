"""Assessment records: a person's decision on a manual requirement (``--assessment FILE``).

A requirement with ``testing: manual`` has no test; without a record its verdict is
``inconclusive`` ("needs assessment"). A record names the requirement, the assessor, the
date, the verdict, the reasoning and evidence files; the report carries it with the sha256
of the record and of each evidence file, and a signed attestation lists them as subjects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog, load_yaml
from .errors import HarnessInputError
from .messages import msg
from .model import Manifest, Testing
from .schemas import BASE_URI
from .subjects import sha256_file
from .vendorfiles import Refused

ASSESSMENT_SCHEMA = BASE_URI + "assessment/assessment.json"


@dataclass(frozen=True)
class Assessment:
    path: Path
    requirement: str
    record: dict[str, Any]
    #: (path, sha256) of each evidence file
    files: list[tuple[Path, str]]
    sha256: str

    def summary(self) -> dict[str, Any]:
        """The report's ``assessment`` member."""
        return {
            "assessor": self.record["assessor"], "date": str(self.record["date"]),
            "verdict": self.record["verdict"], "reasoning": self.record["reasoning"],
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
        return msg("engine.assessed-by-org" if org else "engine.assessed-by", verdict=self.record["verdict"],
                   who=who, org=org or "", date=str(self.record["date"]), reasoning=self.record["reasoning"][:300])


def load_assessment(path: Path, catalog: Catalog, manifest: Manifest) -> Assessment:
    raw = load_yaml(path)
    if isinstance(raw, dict) and "date" in raw:
        raw["date"] = str(raw["date"])  # YAML reads 2026-11-20 as a date
    catalog.schemas.require_valid(raw, ASSESSMENT_SCHEMA, str(path), "see `conformance show " + ASSESSMENT_SCHEMA + "`")
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
    return Assessment(path, req_id, raw, files, sha256_file(path))


def load_assessments(paths: list[Path], catalog: Catalog, manifest: Manifest,
                     selected: dict[str, Any]) -> dict[str, Assessment]:
    """Requirement ID -> its assessment; each must decide a selected requirement, once."""
    found: dict[str, Assessment] = {}
    for path in paths:
        assessment = load_assessment(path, catalog, manifest)
        where = f"{path} at $.requirement"
        if assessment.requirement not in selected:
            raise HarnessInputError(where, f"{assessment.requirement} is not selected by this run",
                                    "give assessments only for requirements the claimed profiles select")
        if assessment.requirement in found:
            raise HarnessInputError(where, f"{assessment.requirement} is already decided by "
                                    f"{found[assessment.requirement].path}", "give one assessment per requirement")
        found[assessment.requirement] = assessment
    return found
