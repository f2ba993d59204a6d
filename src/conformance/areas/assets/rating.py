"""Content ratings judged in their declared scheme (AS-RATING-001).

A metadata ``content_rating`` names its scheme in ``system`` (CADPA 适龄提示, PEGI, ESRB: the
schemes in ``rating_schemes.yaml``, beside this module); the profile parameter
``rating_systems`` names the schemes the platform uses. Within its scheme a rating is judged
by four rules, each a finding of its own:

- ``system``: the scheme is one the profile accepts (and a rating label or descriptors come
  with a scheme);
- ``rating``: the label is one of the scheme's;
- ``min_age``: it equals the age the label stands for;
- ``descriptors``: each is a content descriptor of the scheme's vocabulary.

Members of the wrong JSON type are AS-META-004's (the schema); they are skipped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from conformance import Finding, msg

from .._shared.numbers import is_integer

if TYPE_CHECKING:
    from conformance.area import JsonValue

REQUIREMENT = "AS-RATING-001"
SCHEMES_FILE = Path(__file__).with_name("rating_schemes.yaml")


@dataclass(frozen=True)
class Scheme:
    """One rating scheme: its labels (label -> minimum age) and its descriptor vocabulary."""

    id: str
    ratings: Mapping[str, int]
    descriptors: tuple[str, ...]


@cache
def schemes() -> dict[str, Scheme]:
    """The rating schemes the harness knows, by ID."""
    data = yaml.safe_load(SCHEMES_FILE.read_text(encoding="utf-8"))
    return {key: Scheme(key, {str(k): int(v) for k, v in spec["ratings"].items()}, tuple(spec["descriptors"]))
            for key, spec in data.items()}


def rating_findings(data: JsonValue, accepted: Iterable[str]) -> list[Finding]:
    """AS-RATING-001 findings of one metadata document's content_rating (none when it has none)."""
    rating = data.get("content_rating") if isinstance(data, dict) else None
    if not isinstance(rating, dict):
        return []
    known = schemes()
    allowed = [s for s in accepted if s in known]
    system, label = rating.get("system"), rating.get("rating")
    descriptors = rating.get("descriptors")
    min_age = rating.get("min_age")
    issues: list[Finding] = []

    def finding(message: str, pointer: str, rule: str, expected: object = None, actual: object = None) -> None:
        issues.append(Finding(message, pointer=f"/content_rating{pointer}", expected=expected, actual=actual,
                              rule=rule, requirement=REQUIREMENT))

    if system is None:
        if label is not None or descriptors:
            finding(msg("assets.rating-no-system"), "", "R1",
                    expected=msg("assets.expect-rating-system", systems=", ".join(allowed)), actual=None)
        return issues
    if not isinstance(system, str):
        return issues
    if system not in allowed:
        finding(msg("assets.rating-system-not-accepted", system=repr(system), systems=", ".join(allowed)),
                "/system", "R1", expected=allowed, actual=system)
        return issues
    scheme = known[system]
    if label is None:
        finding(msg("assets.rating-no-label", system=system), "/rating", "R2",
                expected=list(scheme.ratings), actual=None)
    elif isinstance(label, str):
        if label not in scheme.ratings:
            finding(msg("assets.rating-not-in-scheme", rating=repr(label), system=system,
                        ratings=", ".join(scheme.ratings)), "/rating", "R2",
                    expected=list(scheme.ratings), actual=label)
        elif is_integer(min_age) and min_age != scheme.ratings[label]:
            finding(msg("assets.rating-min-age-differs", min_age=min_age, system=system, rating=label,
                        age=scheme.ratings[label]), "/min_age", "R3",
                    expected=scheme.ratings[label], actual=min_age)
    if isinstance(descriptors, list):
        vocabulary = {d.casefold(): d for d in scheme.descriptors}
        for index, descriptor in enumerate(descriptors):
            if isinstance(descriptor, str) and descriptor.casefold() not in vocabulary:
                finding(msg("assets.rating-descriptor-unknown", descriptor=repr(descriptor), system=system)
                        if scheme.descriptors else
                        msg("assets.rating-scheme-no-descriptors", descriptor=repr(descriptor), system=system),
                        f"/descriptors/{index}", "R4", expected=list(scheme.descriptors), actual=descriptor)
    return issues
