"""A user's profile and data package as the reference checks them (userdata.py's routes): what
a profile may hold, how a package is sealed (SHA-256 over the RFC 8785 form without its
integrity member) and why an imported package is refused. Every store is bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...codecs.jcs import sha256_hex
from ..assets import portability

INTEGRITY = "sha-256-jcs"
#: The most avatar references and settings a profile may carry (every store is bounded).
MAX_AVATARS, MAX_SETTINGS, MAX_TEXT, MAX_HOLDINGS = 20, 50, 200, 1000
DEFAULT_PROFILE: dict[str, Any] = {"display_name": "", "locale": "zh-CN", "avatars": [], "settings": {}}


def seal(package: dict[str, Any]) -> dict[str, Any]:
    """The package with its integrity member: SHA-256 over the RFC 8785 form of the rest."""
    body = {k: v for k, v in package.items() if k != "integrity"}
    return {**body, "integrity": {"algorithm": INTEGRITY, "digest": sha256_hex(body)}}


def profile_errors(value: Any) -> list[str]:
    """Why a profile cannot be kept (empty: it can); the schema says the same, this bounds it."""
    if not isinstance(value, dict):
        return ["the profile must be an object"]
    errors = []
    if not isinstance(value.get("display_name"), str) or len(value["display_name"]) > MAX_TEXT:
        errors.append(f"display_name must be a string of at most {MAX_TEXT} characters")
    if not isinstance(value.get("locale"), str) or not 0 < len(value["locale"]) <= 35:
        errors.append("locale must be a BCP 47 language tag")
    avatars = value.get("avatars")  # required, as the schema says (seventy-third reading, b1: a PUT probed with PUT)
    if not isinstance(avatars, list) or len(avatars) > MAX_AVATARS or not all(
            isinstance(a, dict) and isinstance(a.get("uri"), str) for a in avatars):
        errors.append(f"avatars must be at most {MAX_AVATARS} references, each with a uri")
    settings = value.get("settings")
    if not isinstance(settings, dict) or len(settings) > MAX_SETTINGS or not all(
            isinstance(v, str | int | float | bool) for v in settings.values()):
        errors.append(f"settings must map at most {MAX_SETTINGS} names to strings, numbers or booleans")
    unknown = set(value) - set(DEFAULT_PROFILE)
    if unknown:
        errors.append(f"unknown profile members: {', '.join(sorted(unknown)[:5])}")
    return errors


def package_errors(package: Any, validate: Callable[[Any], list[str]]) -> list[str]:
    """Why an imported package is refused (empty: it is taken)."""
    if not isinstance(package, dict) or package.get("type") != "UserDataExport":
        return ["export must be a UserDataExport"]
    integrity = package.get("integrity")
    if not isinstance(integrity, dict) or integrity.get("algorithm") != INTEGRITY:
        return [f"export.integrity must name {INTEGRITY}"]
    if integrity.get("digest") != seal(package)["integrity"]["digest"]:
        return ["export.integrity.digest does not match the package"]
    errors = [f"export.profile: {e}" for e in profile_errors(package.get("profile"))]
    holdings = package.get("holdings")
    if not isinstance(holdings, list) or len(holdings) > MAX_HOLDINGS:
        return [*errors, f"export.holdings must be a list of at most {MAX_HOLDINGS} asset exports"]
    for index, bundle in enumerate(holdings):
        errors += [f"export.holdings[{index}]: {e}" for e in portability.export_errors(bundle, validate)]
    return errors
