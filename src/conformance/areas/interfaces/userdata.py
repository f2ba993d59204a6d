"""Judging a user's data export (IF-UDP-001..006): what the package says against what the
platform reports over its API, whether it carries another user's data, whether its seal
holds, and whether the limits the platform declares are kept.

The functions here take parsed JSON as a target sent it (anything at all) and never raise on
it: a package that is not an object, a profile that is a list, holdings that are strings
are each a finding, not a crash. A walk visits every node of the package, which was read within
the response bound and the JSON depth bound of 5.1 (its first 200 000 nodes only, silently, until the sixty-ninth
reading, h133-ocaps: another user's data past them went unseen).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from conformance import msg
from conformance.codecs.jcs import canonicalize

from .._shared.discovery import declared_member

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject, JsonValue

EXPORT_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/user-data-export.json"
PROFILE_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/user-profile.json"
#: The integrity schemes the harness can recompute: name -> what it hashes.
INTEGRITY_SCHEMES = ("sha-256-jcs",)


def declaration(api: HttpTarget, paths: tuple[str, ...]) -> JsonObject:
    """The discovery document's ``user_data`` object once it declares each of ``paths`` (the members the
    case's steps call, and only those: a path a case never calls leaves nothing of it unjudged); inconclusive
    otherwise, naming them, as each case's inconclusive line does."""
    return declared_member(api, ("user_data",), msg("interfaces.udp-no-declaration", paths=", ".join(paths)),
                           holds=lambda declared: all(isinstance(declared.get(k), str) for k in paths),
                           undecided=True)


def user_path(template: str, did: str) -> str:
    """A declared path with {did} filled in (the DID's colons kept, as DID paths do)."""
    return template.replace("{did}", quote(did, safe=":"))


def sealed_digest(package: JsonObject) -> str:
    """The sha-256-jcs digest of a package: SHA-256 of the RFC 8785 form without ``integrity``."""
    body = {k: v for k, v in package.items() if k != "integrity"}
    return hashlib.sha256(canonicalize(body)).hexdigest()


def integrity_problem(package: JsonValue, scheme: str) -> str | None:
    """Why the package's seal does not hold under the declared scheme (None: it holds)."""
    if not isinstance(package, dict):
        return msg("interfaces.udp-not-object")
    integrity = package.get("integrity")
    if not isinstance(integrity, dict):
        return msg("interfaces.udp-no-integrity")
    if integrity.get("algorithm") != scheme:
        return msg("interfaces.udp-integrity-scheme", given=repr(integrity.get("algorithm")), declared=scheme)
    try:
        expected = sealed_digest(package)
    except (TypeError, ValueError):  # a value RFC 8785 cannot express (e.g. a float NaN)
        return msg("interfaces.udp-not-canonical")
    if integrity.get("digest") != expected:
        return msg("interfaces.udp-digest-differs", given=repr(integrity.get("digest"))[:80], expected=expected)
    return None


def _walk(value: JsonValue, pointer: str = "") -> Iterator[tuple[str, JsonValue]]:
    """(JSON pointer, value) of every node, depth first."""
    stack: list[tuple[str, JsonValue]] = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        yield where, node
        if isinstance(node, dict):
            for key, item in node.items():
                name = str(key).replace("~", "~0").replace("/", "~1")
                yield f"{where}/{name}", key  # a member name can carry another user's data too
                stack.append((f"{where}/{name}", item))
        elif isinstance(node, list):
            stack.extend((f"{where}/{index}", item) for index, item in enumerate(node))


def mentions(package: JsonValue, needles: dict[str, str]) -> list[tuple[str, str]]:
    """(pointer, label) of each string in the package containing one of ``needles`` (text ->
    label: what that text is of another user), one per pointer, sorted by pointer."""
    found: dict[str, str] = {}
    for pointer, node in _walk(package):
        if isinstance(node, str) and pointer not in found:
            for text, label in needles.items():
                if text and text in node:
                    found[pointer] = label
                    break
    return sorted(found.items())


def holding_ids(package: JsonObject) -> list[JsonValue]:
    """The asset IDs the package's holdings name (the metadata's, as the import reads them)."""
    holdings = package.get("holdings")
    if not isinstance(holdings, list):
        return []
    ids = []
    for bundle in holdings:
        metadata = bundle.get("metadata") if isinstance(bundle, dict) else None
        ids.append(metadata.get("asset_id") if isinstance(metadata, dict) else None)
    return ids


def completeness(package: JsonObject, did: str, profile: JsonValue, held: list[str],
                 histories: JsonObject) -> list[tuple[str, str]]:
    """(pointer, message) for each way the package differs from what the platform reports for
    the user: ``profile`` (its profile answer), ``held`` (the IDs its listing says the user
    holds) and ``histories`` (asset ID -> that asset's history answer's events)."""
    problems: list[tuple[str, str]] = []
    if package.get("subject") != did:
        problems.append(("/subject", msg("interfaces.udp-other-subject", subject=repr(package.get("subject")),
                                         did=did)))
    if package.get("profile") != profile:
        problems.append(("/profile", msg("interfaces.udp-profile-differs")))
    exported = holding_ids(package)
    missing = [asset for asset in held if asset not in exported]
    if missing:
        problems.append(("/holdings", msg("interfaces.udp-holdings-missing", count=len(missing),
                                          assets=", ".join(missing[:5]))))
    given = package.get("holdings")
    holdings: list[JsonValue] = given if isinstance(given, list) else []
    for index, (asset, bundle) in enumerate(zip(exported, holdings, strict=False)):
        if asset in histories and isinstance(bundle, dict) and bundle.get("events") != histories[asset]:
            problems.append((f"/holdings/{index}/events", msg("interfaces.udp-history-differs", asset=asset)))
    return problems


#: The actions an activity record names (the user-data-export schema's vocabulary): the profile
#: set, and each asset lifecycle event the user acted in.
ACTIONS = ("profile.set", *(f"asset.{kind}" for kind in (
    "issue", "transfer", "lock", "unlock", "burn", "order", "settlement", "cancellation", "refund")))


def activity(package: JsonObject) -> list[JsonObject] | None:
    """The package's activity records that are objects (None: it has no activity list)."""
    records = package.get("activity")
    if not isinstance(records, list):
        return None
    return [record for record in records if isinstance(record, dict)]


def actions_missing(package: JsonObject, done: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (action, object) pairs the user did that no activity record of the package names."""
    recorded = {(record.get("action"), record.get("object")) for record in activity(package) or []}
    return [pair for pair in done if pair not in recorded]


def purpose_problems(package: JsonObject, purposes: JsonValue) -> list[tuple[str, str]]:
    """(pointer, message) for each activity record kept for a purpose ``purposes`` (the discovery
    document's user_data.purposes) does not declare, or for an action its purpose does not list."""
    declared = purposes if isinstance(purposes, dict) else {}
    problems: list[tuple[str, str]] = []
    records = package.get("activity")
    for index, record in enumerate(records if isinstance(records, list) else []):
        if not isinstance(record, dict):
            continue
        purpose, action = record.get("purpose"), record.get("action")
        entry = declared.get(purpose) if isinstance(purpose, str) else None
        actions = entry.get("actions") if isinstance(entry, dict) else None
        if not isinstance(actions, list):
            problems.append((f"/activity/{index}/purpose", msg("interfaces.udp-purpose-undeclared",
                                                                purpose=repr(purpose), action=repr(action))))
        elif action not in actions:
            problems.append((f"/activity/{index}/action", msg("interfaces.udp-action-not-for-purpose",
                                                               purpose=purpose, action=repr(action))))
    return problems


def retention_of(purposes: JsonValue, purpose: str) -> int | None:
    """The retention a declared purpose states (retention_s: whole seconds, at least 1; IF-UDP-012,
    IF-BIO-001), None when it states none."""
    entry = purposes.get(purpose) if isinstance(purposes, dict) else None
    retention = entry.get("retention_s") if isinstance(entry, dict) else None
    return retention if isinstance(retention, int) and not isinstance(retention, bool) and retention >= 1 else None


def consent_purpose(purposes: JsonValue, action: str, *, sensitive: bool = False) -> str | None:
    """The first declared purpose (user_data.purposes) whose basis is consent and that records
    ``action`` (IF-UDP-010), with ``sensitive`` one declared sensitive (IF-BIO-001); None when
    the platform keeps nothing of it on consent."""
    for name, entry in (purposes if isinstance(purposes, dict) else {}).items():
        actions = entry.get("actions") if isinstance(entry, dict) else None
        if isinstance(entry, dict) and entry.get("basis") == "consent" and isinstance(actions, list) \
                and action in actions and (not sensitive or entry.get("sensitive") is True):
            return name
    return None


def leftovers(package: JsonObject, marks: dict[str, str]) -> list[tuple[str, str]]:
    """(pointer, message) for what an export after deletion still carries: holdings, activity
    records, or a string holding one of ``marks`` (text -> label: the user's own data)."""
    found: list[tuple[str, str]] = []
    for member in ("holdings", "activity"):
        items = package.get(member)
        if isinstance(items, list) and items:
            found.append((f"/{member}", msg("interfaces.udp-deleted-still-there", what=member, count=len(items))))
    found += [(pointer, msg("interfaces.udp-deleted-still-there", what=label, count=1))
              for pointer, label in mentions({k: v for k, v in package.items() if k not in ("holdings", "activity")},
                                             marks)]
    return found
