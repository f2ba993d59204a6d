"""What a relying party requires of a signed run (``conformance verify --policy FILE``).

An attestation that verifies proves what was judged and by whom; whether that is a
certification is a policy question. :func:`conditions` answers it, one
:class:`Condition` each, for a policy (schema ``schemas/certification/policy.json``) or,
without one, for the defaults every certification needs: every claimed profile conformant,
the run complete, judged under a certification plan, by the harness (digest) verifying it,
every assessment signed by its assessor. Without a policy the product, the plan's digest
and the signing key's validity are reported, not required. A programme's certificate
(``conformance verify CERT.json --policy FILE``) is judged by the same conditions, read from
what it certifies (:func:`certificate_conditions`), and by the programme that issued it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from .._catalog.schemas import BASE_URI
from ..errors import HarnessInputError

POLICY_SCHEMA = BASE_URI + "certification/policy.json"


@dataclass(frozen=True)
class Condition:
    """One thing a relying party needs of a certification, and whether the run meets it."""

    name: str
    met: bool
    line: str


@dataclass(frozen=True)
class Policy:
    profiles: list[str] = field(default_factory=list)
    catalog_digest: str | None = None
    installed_harness: bool = True
    plan: dict[str, str] = field(default_factory=dict)
    product: dict[str, str] = field(default_factory=dict)
    #: fingerprint -> {valid_from, valid_until, revoked} as aware datetimes
    keys: dict[str, dict[str, datetime]] = field(default_factory=dict)
    assessors: list[str] | None = None
    #: the programme a certificate must be issued by (id, url): certificates only
    programme: dict[str, str] = field(default_factory=dict)
    #: how old a certificate's status lists may be (since signed) for this relying party: the
    #: programme's own validity (``status_list_validity_hours``) when None
    status_list_max_age: timedelta | None = None
    path: Path | None = None


def when(value: object, where: str = "") -> datetime:
    """An RFC 3339 time (or a YAML date/datetime) as an aware datetime (UTC when it names no offset)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise HarnessInputError(where or str(value), f"{value!r} is not an RFC 3339 time",
                                    "write e.g. 2026-01-01T00:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def load_policy(path: Path) -> Policy:
    """Read and check a policy file: one clear line (exit 2) for anything wrong in it."""
    from .._catalog.catalog import default_root, load_yaml
    from .._catalog.schemas import SchemaRegistry
    from .._io.inputs import check_input_file, check_numbers

    check_input_file(path)
    raw = load_yaml(path)
    if raw is None:
        raw = {}
    check_numbers(raw, str(path))
    if isinstance(raw, dict):  # YAML reads a bare time as a datetime: the schema checks text
        for entry in raw.get("keys") or []:
            if isinstance(entry, dict):
                for name in ("valid_from", "valid_until", "revoked"):
                    if isinstance(entry.get(name), date):
                        entry[name] = entry[name].isoformat()
    registry = SchemaRegistry.from_directories([default_root() / "schemas" / "certification"])
    registry.require_valid(raw, POLICY_SCHEMA, str(path), "see `conformance show " + POLICY_SCHEMA + "`")
    keys = {}
    for index, entry in enumerate(raw.get("keys", [])):
        keys[entry["fingerprint"]] = {name: when(entry[name], f"{path} at $.keys[{index}].{name}")
                                      for name in ("valid_from", "valid_until", "revoked") if name in entry}
    return Policy(profiles=list(raw.get("profiles", [])), catalog_digest=raw.get("catalog_digest"),
                  installed_harness=raw.get("installed_harness", True), plan=dict(raw.get("plan", {})),
                  product=dict(raw.get("product", {})), keys=keys, assessors=raw.get("assessors"),
                  programme=dict(raw.get("programme", {})), path=path,
                  status_list_max_age=timedelta(minutes=raw["status_list_max_age_minutes"])
                  if "status_list_max_age_minutes" in raw else None)


def conditions(p: dict[str, Any], keyid: str, report: dict[str, object], policy: Policy,
               installed: str) -> list[Condition]:
    """Each condition the run must meet to count as a certification under ``policy``: ``p``
    the verified statement's predicate, ``keyid`` its signer, ``report`` its report.json."""
    found = _outcomes(p, policy) + [
        Condition("complete", bool(p["complete"]), "the run completed" if p["complete"]
                  else "the run is incomplete: it certifies nothing"),
    ]
    found += _plan(p, policy)
    digest = p["catalog_digest"]
    if policy.catalog_digest:
        found.append(Condition("catalog", digest == policy.catalog_digest,
                               f"judged under catalog {digest}" if digest == policy.catalog_digest
                               else f"judged under catalog {digest}, the policy expects {policy.catalog_digest}"))
    if policy.installed_harness:
        same = digest == installed
        found.append(Condition("harness", same, f"the run's harness digest is this harness's ({installed})" if same
                               else f"the run used harness digest {digest}, this installed harness has {installed}: "
                                    f"install {p['harness']['name']} {p['harness']['version']} unmodified to check it"))
    found += _product(p, policy)
    found += _key(keyid, p.get("signed_at"), policy)
    found += _assessments(report, policy)
    return found


def certificate_conditions(certificate: dict[str, Any], plan: dict[str, Any], run: dict[str, Any],
                           report: dict[str, object], status: dict[str, str], policy: Policy, installed: str,
                           now: datetime, suspension: dict[str, str] | None = None) -> list[Condition]:
    """Each condition a programme's certificate (already verified: its proof, validity, status
    list and signed run) must meet under ``policy``: the run's conditions (:func:`conditions`)
    read from what the certificate certifies (its profiles, product, catalog digest; the plan
    its signed run followed, ``plan``; ``run`` the run's signed predicate, ``report`` its
    report), the issuer key at the certificate's signing time, then the programme, the status
    list's key at its signing time (``status``: signer, signed_at, valid_until) and the
    certificate's validity and its lists' freshness at ``now`` (``suspension``: the
    suspension list read, likewise)."""
    from .attestation import fingerprint

    subject = certificate["credentialSubject"]
    p = {"outcomes": {str(pr["id"]): {"outcome": pr["outcome"], "version": pr.get("version")}
                      for pr in subject["profiles"]},
         "complete": bool(run.get("complete")), "certification_plan": plan,
         "catalog_digest": subject["catalogDigest"], "harness": run["harness"], "product": subject["product"],
         "signed_at": certificate["proof"].get("created")}
    found = conditions(p, fingerprint(_did_key(certificate["issuer"]["id"])), report, policy, installed)
    programme = subject.get("programme") or {}
    found += [Condition(f"programme-{name}", programme.get(name) == expected,
                        f"programme {name} {programme.get(name)!r}"
                        + ("" if programme.get(name) == expected else f", the policy expects {expected!r}"))
              for name, expected in policy.programme.items()]
    if policy.keys and status.get("signer"):
        found += [Condition("status-list-key", c.met, "status list: " + c.line)
                  for c in _key(fingerprint(_did_key(status["signer"])), status.get("signed_at"), policy)]
    found.append(Condition("validity", True, f"the certificate is valid from {certificate['validFrom']} to "
                                             f"{certificate['validUntil']} (now {now.isoformat()})"))
    found += _freshness(status, suspension, policy, now)
    return found


def _freshness(status: dict[str, str], suspension: dict[str, str] | None, policy: Policy,
               now: datetime) -> list[Condition]:
    """The status lists read (revocation, and suspension where the certificate has an entry)
    are within the programme's validity (verify refused them otherwise) and, under a policy
    with ``status_list_max_age_minutes``, signed no longer ago than that: a list within its
    validity may be from before a suspension or revocation, so a relying party that must see
    one sooner than the programme's validity says asks for a younger list."""
    lists = [("status list", status)] + ([("suspension list", suspension)] if suspension else [])
    found = []
    for what, seen in lists:
        signed_at, valid_until = seen.get("signed_at"), seen.get("valid_until")
        if policy.status_list_max_age is None or not signed_at:
            found.append(Condition("freshness", True, f"its {what}, signed at {signed_at}, valid until {valid_until}, "
                                                      "does not set its entry (a change after its signing shows "
                                                      "within its validity; a policy's status_list_max_age_minutes "
                                                      "shortens that)"))
            continue
        age = now - when(signed_at)
        limit = int(policy.status_list_max_age.total_seconds() // 60)
        fresh = age <= policy.status_list_max_age
        found.append(Condition("freshness", fresh, f"its {what} was signed at {signed_at}, "
                               f"{int(age.total_seconds() // 60)} minute(s) ago, "
                               + (f"within the policy's {limit}" if fresh else
                                  f"older than the policy's status_list_max_age_minutes ({limit}): get the list "
                                  "the programme publishes now")))
    return found


def _did_key(did: str) -> Any:
    """The Ed25519 public key a ``did:key`` names (ValueError otherwise)."""
    from ..codecs.keys import key_from_multibase

    if not isinstance(did, str) or not did.startswith("did:key:"):
        raise ValueError(f"{did!r} is not a did:key")
    return key_from_multibase(did.removeprefix("did:key:"))


def _outcomes(p: dict[str, Any], policy: Policy) -> list[Condition]:
    outcomes = p["outcomes"]
    wanted = policy.profiles or sorted(outcomes)
    if not wanted:
        return [Condition("outcome", False, "the run judged no profile")]
    found = []
    for pid in wanted:
        outcome = outcomes.get(pid, {}).get("outcome")
        if outcome is None:
            found.append(Condition("outcome", False, f"profile {pid} was not claimed in this run"))
        else:
            found.append(Condition("outcome", outcome == "conformant", f"profile {pid}: {outcome}"))
    return found


def _plan(p: dict[str, Any], policy: Policy) -> list[Condition]:
    plan = p.get("certification_plan")
    if not plan:
        return [Condition("plan", False, "no certification plan: judged under the profiles' own parameters as the "
                                         "vendor's manifest set them, under no program's terms")]
    found = [Condition("plan", True, f"certification plan {plan['id']} of {plan['program']} (sha256 {plan['sha256']})")]
    for name, expected in policy.plan.items():
        actual = plan.get(name)
        said = f"plan {name} {actual}" + ("" if actual == expected else f", the policy expects {expected}")
        found.append(Condition(f"plan-{name}", actual == expected, said))
    return found


def _product(p: dict[str, Any], policy: Policy) -> list[Condition]:
    product = p.get("product", {})
    if not policy.product:
        return [Condition("product", True, f"product {product.get('name')} {product.get('version')} "
                                           "(not compared: no policy product)")]
    return [Condition(f"product-{name}", product.get(name) == expected,
                      f"product {name} {product.get(name)!r}"
                      + ("" if product.get(name) == expected else f", the policy expects {expected!r}"))
            for name, expected in policy.product.items()]


def _key(keyid: str, signed_at: str | None, policy: Policy) -> list[Condition]:
    if not policy.keys:
        return [Condition("key", True, f"signed by {keyid} at {signed_at or 'an unrecorded time'} "
                                       "(validity not checked: no policy keys)")]
    window = policy.keys.get(keyid)
    if window is None:
        return [Condition("key", False, f"the signing key {keyid} is not among the policy's keys")]
    if "revoked" in window:
        return [Condition("key", False, f"the signing key {keyid} was revoked at {window['revoked'].isoformat()}: "
                                        "no signature by it is accepted")]
    if signed_at is None:
        return [Condition("key", False, "the attestation records no signing time to check against the key's window")]
    moment = when(signed_at)
    now = datetime.now(UTC)
    problems = []
    if moment > now:
        problems.append(f"signing time {signed_at} is in the future")
    if "valid_from" in window and moment < window["valid_from"]:
        problems.append(f"signed at {signed_at}, before the key's validity ({window['valid_from'].isoformat()})")
    if "valid_until" in window and moment >= window["valid_until"]:
        problems.append(f"signed at {signed_at}, after the key's validity ended ({window['valid_until'].isoformat()})")
    if problems:
        return [Condition("key", False, "; ".join(problems))]
    return [Condition("key", True, f"signed by {keyid} at {signed_at}, within the key's validity")]


def _assessments(report: dict[str, Any], policy: Policy) -> list[Condition]:
    found = []
    for result in report.get("requirements", []):
        record = result.get("assessment")
        if not record:
            continue
        req, who = result["requirement"], record["assessor"]["name"]
        signer = record.get("signed_by")
        if signer is None:
            found.append(Condition("assessment", False,
                                   f"the assessment of {req} ({who}) is not signed by its assessor"))
        elif policy.assessors is not None and signer not in policy.assessors:
            found.append(Condition("assessment", False, f"the assessment of {req} is signed by {signer}, "
                                                        "not an assessor key the policy accepts"))
        else:
            found.append(Condition("assessment", True, f"the assessment of {req}: {record['verdict']} by {who}, "
                                                       f"signed by {signer} on {record['date']}"))
    return found
