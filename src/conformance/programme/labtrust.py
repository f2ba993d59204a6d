"""Which laboratory records a programme certifies on (docs/certification.md, "Measurements a
laboratory made").

A run that judged a measured requirement carries in its signed report the laboratory records it
read, each signed document whole (:mod:`conformance.certification.labrecords`). A programme
certifies such a run only when every record is signed by a laboratory its trust list lists
(:mod:`.trustlist`, ``laboratories``), recognised, with a key not retired when it signed, an
ISO/IEC 17025 accreditation valid on the record's date whose scope holds each measured
requirement, calibrations valid on that date, and nothing else the run found (a capture no record
covers, a serial no record lists, an uncertainty other than the certificate's). Each refusal is one
line; the first found is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from ..certification.labrecords import Doc

from ..codecs.dataintegrity import check_proof
from ..errors import HarnessInputError
from . import trustlist
from .trustlist import TrustList, moment


@dataclass(frozen=True)
class Laboratories:
    """The laboratories a programme trusts: its trust list, after its authority's proof."""

    trust_list: TrustList
    path: Path


def load(path: Path, authority: str, now: datetime) -> Laboratories:
    """The trust list at ``path`` as the programme's list of laboratories: its proof must verify and
    be by ``authority`` (the did:key the programme names), and its next update not past; bad input
    (one line) otherwise: nothing is certified on a list the programme cannot believe."""
    listed, raw = trustlist.load_raw(path, "laboratories.list")
    where = f"laboratories.list {path}"
    try:
        signer = check_proof(raw)
    except ValueError as exc:
        raise HarnessInputError(where, str(exc), "have the authority sign the list (conformance trust-list sign)") \
            from None
    if signer != authority:
        raise HarnessInputError(where, f"is signed by {signer}, not by the authority the programme names ({authority})",
                                "name the list's authority in the programme's laboratories.authority")
    if listed.nextUpdate is not None and moment(listed.nextUpdate) < now:
        raise HarnessInputError(where, f"was due for its next update at {listed.nextUpdate}",
                                "fetch the authority's current list")
    return Laboratories(listed, path)


def record_problem(entry: Doc, labs: TrustList, measured: list[str]) -> str | None:
    name = entry.get("file", "a record")
    document = entry.get("record")
    if not isinstance(document, dict) or "proof" not in document:
        return f"laboratory record {name} is unsigned"
    try:
        signer = check_proof(document)
    except ValueError as exc:
        return f"laboratory record {name}: {exc}"
    lab = labs.laboratory_of(signer)
    if lab is None:
        return f"laboratory record {name} is signed by {signer}, a laboratory the programme's trust list does not list"
    key = lab.key(signer)
    assert key is not None
    signed_at = moment(str(document["proof"].get("created", "")).strip() or "1970-01-01T00:00:00Z")
    if lab.status == trustlist.WITHDRAWN:
        return f"laboratory record {name} is signed by {lab.id}, withdrawn from the trust list" + \
            (f" since {lab.statusSince}" if lab.statusSince else "")
    end = key.end()
    if signed_at < moment(key.validFrom) or (end is not None and signed_at >= end):
        return (f"laboratory record {name} was signed at {document['proof'].get('created')} by a key of {lab.id} "
                f"valid {key.validFrom} to {key.retired or key.validUntil} (retired or not yet valid)")
    made = str(document["date"])
    accreditation = lab.accreditation
    if not accreditation.validFrom[:10] <= made <= accreditation.validUntil[:10]:
        return (f"laboratory record {name} is dated {made}, outside {lab.id}'s accreditation {accreditation.number} "
                f"({accreditation.validFrom[:10]} to {accreditation.validUntil[:10]})")
    outside = [r for r in measured if r in document.get("requirements", []) and r not in accreditation.scope]
    if outside:
        return (f"laboratory record {name} measures {', '.join(outside)}, outside {lab.id}'s ISO/IEC 17025 scope "
                f"({accreditation.body} {accreditation.number})")
    for item in document.get("apparatus", []):
        cal = item["calibration"]
        if not cal["date"] <= made <= cal["valid_until"]:
            return (f"laboratory record {name}: calibration certificate {cal['number']} of {item['serial']} is valid "
                    f"{cal['date']} to {cal['valid_until']}, not on the record's date {made}")
    return None


def laboratory_problem(member: Doc | None, labs: Laboratories | None) -> str | None:
    """Why a run's report (its ``laboratory`` member) cannot be certified; None when it can, or when
    the run judged no measured requirement."""
    if member is None or not member.get("requirements"):
        return None
    measured = list(member["requirements"])
    if labs is None:
        return (f"it judged measured requirements ({', '.join(measured)}) and the programme names no trust list of "
                "laboratories (laboratories in the programme file)")
    for entry in member.get("records", []):
        problem = record_problem(entry, labs.trust_list, measured)
        if problem:
            return problem
    problems = member.get("problems", [])
    if problems:
        first = problems[0]
        return f"{first['capture']}: {first['problem']}"
    return None
