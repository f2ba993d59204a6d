"""The certification plan: a pilot program's terms for a run (``conformance run --plan FILE``).

A plan pins the catalog digest, names the profiles a participant must claim and may tighten
their thresholds from the standard's values, in each one's ``stricter`` direction and no further
than its bounds (a manifest can then only tighten them further; a number the standard fixes,
a seed included, nobody sets; a probe value the plan sets is fixed, see
:func:`conformance._catalog.parameters.resolve`). It may require optional features (judged as
claimed), promote requirements of any level to blocking and list the assessors whose signed
assessment records it accepts. The report names the plan and its
sha256, and a signed attestation lists the plan file as one of its subjects, so a verifier
knows under which terms a product was judged.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._catalog.catalog import Catalog, load_yaml
from .._catalog.features import claimed_features
from .._catalog.parameters import resolve
from .._catalog.schemas import BASE_URI
from .._io.inputs import check_numbers
from ..errors import HarnessInputError
from .subjects import sha256_file

if TYPE_CHECKING:  # cryptography is imported where a key is read: a run without a plan never needs it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PLAN_SCHEMA = BASE_URI + "certification/plan.json"


@dataclass(frozen=True)
class Assessor:
    """An assessor whose signed assessment records a plan accepts."""

    name: str
    organisation: str
    key: Ed25519PublicKey


@dataclass(frozen=True)
class CertificationPlan:
    path: Path
    id: str
    program: str
    catalog_digest: str
    #: profile ID -> the parameters the plan sets
    profiles: dict[str, dict[str, Any]]
    sha256: str
    title: str = ""
    version: str = ""
    #: profile ID -> optional features the plan requires
    features: dict[str, list[str]] = field(default_factory=dict)
    #: profile ID -> requirements the plan makes blocking
    promoted: dict[str, list[str]] = field(default_factory=dict)
    #: fingerprint -> the assessors the plan accepts; None: the plan lists none
    assessors: dict[str, Assessor] | None = None

    def summary(self) -> dict[str, object]:
        """What the report says about the plan."""
        entry: dict[str, object] = {"id": self.id, "program": self.program, "file": self.path.name,
                                 "sha256": self.sha256, "profiles": sorted(self.profiles)}
        entry.update({k: v for k, v in (("title", self.title), ("version", self.version)) if v})
        if any(self.features.values()):
            entry["features"] = {p: f for p, f in sorted(self.features.items()) if f}
        if any(self.promoted.values()):
            entry["promoted"] = {p: r for p, r in sorted(self.promoted.items()) if r}
        if self.assessors is not None:
            entry["assessors"] = sorted(self.assessors)
        return entry

    def where(self, profile_id: str, name: str) -> str:
        return f"{self.path} at $.profiles.{profile_id}.parameters.{name}"


def refuse_unclaimable(plan: CertificationPlan, catalog: Catalog) -> None:
    """One line for the first profile of ``plan`` that holds no normative requirement (stable,
    of a level its pass rule requires): conformance to it cannot be claimed, so a run under the
    plan is not signed nor a certificate issued (the specification's conformance clause). A plan
    may still name one, to set a trial's parameters: its runs are judged, never certified."""
    for profile_id in plan.profiles:
        if not catalog.normative_requirements(catalog.profiles[profile_id]):
            raise HarnessInputError(f"{plan.path} at $.profiles.{profile_id}",
                                    f"profile {profile_id} holds no normative requirement (stable, of a level its "
                                    "pass rule requires), so conformance to it cannot be claimed nor certified",
                                    "certify against a profile with one (the specification's conformance clause "
                                    "lists them)")


def load_plan(path: Path, catalog: Catalog) -> CertificationPlan:
    """Read and check a plan: its schema, its catalog pin, the profiles it names."""
    raw = load_yaml(path)
    check_numbers(raw, str(path))  # before the schema and the bounds: NaN passes every range check
    catalog.schemas.require_valid(raw, PLAN_SCHEMA, str(path), "see `conformance show " + PLAN_SCHEMA + "`")
    if raw["catalog_digest"] != catalog.digest:
        raise HarnessInputError(
            f"{path} at $.catalog_digest",
            f"the plan is pinned to catalog {raw['catalog_digest'][:19]}…, this harness has {catalog.digest}",
            "install the harness version the plan was made for",
        )
    profiles: dict[str, dict[str, object]] = {}
    features: dict[str, list[str]] = {}
    promoted: dict[str, list[str]] = {}
    for profile_id, spec in raw["profiles"].items():
        where = f"{path} at $.profiles.{profile_id}"
        if profile_id not in catalog.profiles:
            raise HarnessInputError(where, f"unknown profile {profile_id!r}", "see `conformance list profiles`")
        profile, spec = catalog.profiles[profile_id], spec or {}
        features[profile_id] = claimed_features(profile, spec.get("features", []), f"{where}.features")
        for req_id in spec.get("promote", []):
            if req_id not in profile.all_requirements():
                raise HarnessInputError(f"{where}.promote", f"{req_id} is not a requirement of {profile_id}",
                                        "promote only the profile's own requirements")
            if catalog.requirements[req_id].measures == "declared":
                raise HarnessInputError(f"{where}.promote", f"{req_id} checks only what the product declares "
                                        "about itself, which decides no certificate",
                                        "promote only requirements that observe or measure the product")
        parameters = dict(spec.get("parameters") or {})
        # each value of the type the profile declares, tightening only, within the bounds: the
        # plan's bad input, said when it is read (a run would say the same at its start)
        resolve(profile, parameters, {}, functools.partial(_parameter_place, where), str)
        profiles[profile_id] = parameters
        promoted[profile_id] = list(spec.get("promote", []))
    return CertificationPlan(
        path=path, id=raw["id"], program=raw["program"], catalog_digest=raw["catalog_digest"],
        profiles=profiles, sha256=_sha256(path),
        title=raw.get("title", ""), version=raw.get("version", ""), features=features, promoted=promoted,
        assessors=_assessors(path, raw),
    )


def _parameter_place(where: str, name: str) -> str:
    """Where a plan sets the parameter ``name`` of the profile at ``where``."""
    return f"{where}.parameters.{name}"


def _assessors(path: Path, raw: dict[str, Any]) -> dict[str, Assessor] | None:
    """The plan's accepted assessor keys, by fingerprint."""
    if "assessors" not in raw:
        return None
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from .attestation import fingerprint

    found = {}
    for index, entry in enumerate(raw["assessors"]):
        try:
            key = serialization.load_pem_public_key(entry["public_key"].encode("ascii"))
        except (ValueError, TypeError, UnicodeEncodeError):
            key = None
        if not isinstance(key, Ed25519PublicKey):
            raise HarnessInputError(f"{path} at $.assessors[{index}].public_key", "not an Ed25519 public key (PEM)",
                                    "paste the assessor's KEY.pub")
        found[fingerprint(key)] = Assessor(entry["name"], entry.get("organisation", ""), key)
    return found


def _sha256(path: Path) -> str:
    try:  # the same cap and checks load_yaml applied; a file swapped meanwhile is one line
        return sha256_file(path)
    except OSError as exc:
        raise HarnessInputError(str(path), f"cannot be read: {exc}") from None


def check_claims(plan: CertificationPlan, claimed: list[str], manifest_path: Path) -> None:
    """Every profile the plan requires is claimed by the manifest."""
    missing = [p for p in plan.profiles if p not in claimed]
    if missing:
        raise HarnessInputError(
            f"{manifest_path} at $.profiles",
            f"certification plan {plan.id} requires profile(s) {', '.join(missing)}, which the manifest does not claim",
            "claim them",
        )


def check_verified(targets: dict[str, Any], manifest_path: Path) -> None:
    """No target's certificate verification 5.1 requires is switched off: a run that did not verify the server it
    spoke to cannot support a claim of conformance (the manifest's ``verify_tls: false`` is for a laboratory's own
    runs, its report recording it in the manifest it copies)."""
    for role, config in targets.items():
        if isinstance(config, dict) and config.get("verify_tls") is False:
            raise HarnessInputError.at(
                manifest_path, ("targets", role, "verify_tls"),
                "switches off the certificate verification clause 5.1 requires: a run under a certification plan "
                "cannot leave it off", "remove verify_tls: false; name the server's CA in ca_bundle")
