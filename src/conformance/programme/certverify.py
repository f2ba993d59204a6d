"""``conformance verify CERTIFICATE.json``: check a programme's certificate offline.

Accepted only when all of these hold: it is a VC 2.0 ``ConformanceCertificate``; its
``eddsa-jcs-2022`` proof verifies and is made by its issuer, a did:key of a trusted
programme key (``--trust KEY.pub``: the current key and any retired one); it is within its
validity period; the local copy of the programme's status list (``--status-list``, by
default where the list's URL maps under the certificate's run folder) is signed by a trusted
key, is fresh (now within its ``validFrom``/``validUntil``: a copy from before a revocation
expires; not signed by a key the programme retired, from its retirement on: the programme's
``certificates/issuers.json`` beside the certificate, or ``--issuers``, says when, and is
refused unless signed by a trusted key) and does
not set the certificate's entry; the report it names (``--report``, by default
likewise mapped) has the sha256 it names, and its run's attestation (beside it) holds for a
trusted key and signs that very report (:func:`conformance.certification.verify.attestation`:
a run folder forged, edited after signing or stripped of its attestation certifies nothing);
the signed report is a whole run, judged the same product with the same catalog digest,
under the certificate's plan, and every certified profile conformant; the certificate's
run is a leaf of the programme log (``credentialSubject.programmeLog``: the leaf, its RFC 9162
inclusion proof and the head it is proved against, signed by a trusted key), and, where the
programme's published log is at hand (``--log``, by default ``log/`` in the run folder), that
head is consistent with the published one, which covers the certificate's issue. Nothing is
fetched.

What it reads, it reads bounded: every file within the document cap as a regular file, and
a status list or report found from its URL only inside the run folder (links and ``..``
resolved first, refused before a byte is read); every number by the harness's one reader
(:mod:`conformance._io.inputs`: the status list index is ASCII digits within the list);
every value a rejection quotes cut to an excerpt with its length.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .._io.inputs import BadIndex, parse_index
from .._io.printable import excerpt, printable
from ..certification.attestation import ENVELOPE_NAME
from ..certification.verify import Verified, attestation
from ..errors import ExitCode, HarnessInputError, Rejected
from . import logformat, signing, statuslist
from .certformat import CERTIFICATE_TYPE, ISSUERS, LOG_PATH, timestamp
from .certlog import apply_log, check_log
from .certread import CertificateCheck, cut, instant, load, local, read, signed_by_trusted
from .note import NoteProblem
from .witnesspolicy import WitnessPolicy, load_witness_policy

if TYPE_CHECKING:
    from ..certification.policy import Policy


def verify_certificate(path: Path, trusted: Sequence[Ed25519PublicKey], status_list: Path | None = None,
                       report: Path | None = None, now: datetime | None = None, policy: Policy | None = None,
                       issuers: Path | None = None, log: Path | None = None,
                       witnesses: WitnessPolicy | None = None) -> CertificateCheck:
    """Check the certificate at ``path``; raises Rejected with the reason. A document shaped
    otherwise than the programme issues it (a member missing or of another type, in the
    certificate, the status list or the report) is rejected as such, never a traceback.
    With ``policy``, ``CertificateCheck.conditions`` says what of the relying party's terms
    it meets (:func:`conformance.certification.policy.certificate_conditions`)."""
    moment = now or datetime.now(UTC)
    try:
        check = _verify(path, trusted, status_list, report, moment, issuers, log)
        if witnesses is not None:
            _check_witnessed(check, witnesses, trusted)
        if policy is not None:
            from ..certification.policy import certificate_conditions
            from ..certification.verify import installed_digest

            check.conditions = certificate_conditions(check.certificate, check.plan, check.predicate, check.report,
                                                      check.status, policy, installed_digest(), moment,
                                                      check.suspension or None)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        raise Rejected(f"{cut(path)} (or the status list or report it names) is not shaped as the programme "
                       f"issues it: {type(exc).__name__} {cut(str(exc))}") from None
    return check


def _check_witnessed(check: CertificateCheck, policy: WitnessPolicy, trusted: Sequence[Ed25519PublicKey]) -> None:
    try:
        check.checked.append(policy.check_certificate(check.certificate, list(trusted), check.served_checkpoint))
    except NoteProblem as exc:
        raise Rejected(f"the certificate's checkpoint: {cut(str(exc))}") from None


def retirements(path: Path, trusted: set[str], root: Path | None = None) -> dict[str, datetime]:
    """When each retired issuer key was retired, as the programme's issuers record at ``path``
    says (``certificates/issuers.json``: ``retirements``); empty when there is none. The record
    is signed by a programme key as the status list is: one unsigned, signed by a key not in
    ``trusted`` or altered after signing (a retirement left out moves a retired key's
    certificates back into trust) is refused."""
    if not path.is_file():
        return {}
    record, _ = signed_by_trusted(path, "issuers record", root, trusted)
    entries = record.get("retirements", []) if isinstance(record, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise Rejected(f"the issuers record {cut(path)} is not shaped as the programme publishes it")
    return {str(e.get("id")): instant(e.get("retired"), f"the issuers record's retirement of {cut(e.get('id'))}")
            for e in entries}


def _verify(path: Path, trusted: Sequence[Ed25519PublicKey], status_list: Path | None, report: Path | None,
            now: datetime, issuers: Path | None = None, log: Path | None = None) -> CertificateCheck:
    cert = load(path, "certificate")
    kinds = cert.get("type") if isinstance(cert, dict) else None
    if not isinstance(kinds, list) or "VerifiableCredential" not in kinds or CERTIFICATE_TYPE not in kinds:
        raise Rejected(f"{cut(path)} is not a {CERTIFICATE_TYPE} verifiable credential")
    context = cert.get("@context")
    if not isinstance(context, list) or not context or context[0] != statuslist.CONTEXT:
        raise Rejected(f"its first @context is not {statuslist.CONTEXT} (VC Data Model 2.0)")
    try:
        issuer = signing.check_proof(cert)
    except ValueError as exc:
        raise Rejected(cut(str(exc))) from None
    trusted_dids = {signing.issuer_did(k) for k in trusted}
    if issuer not in trusted_dids:
        raise Rejected(f"issued by {cut(issuer)}, which is not a trusted programme key" +
                       ("" if trusted else " (no --trust KEY.pub given)"))
    retired = retirements(issuers, trusted_dids) if issuers else retirements(path.parent / ISSUERS, trusted_dids,
                                                                              path.parent)
    if issuer in retired and instant(cert["proof"].get("created"), "the proof's created") >= retired[issuer]:
        raise Rejected(f"signed by {cut(issuer)} at {cut(cert['proof'].get('created'))}, after the programme "
                       f"retired that key ({timestamp(retired[issuer])})")
    check = CertificateCheck(issuer, cert, ["signature (eddsa-jcs-2022) by a trusted key"])
    try:
        subject = cert["credentialSubject"]
        base_url, report_ref = subject["programme"]["url"], subject["report"]
        statuses = statuslist.entries(cert["credentialStatus"])
        status = statuses.get("revocation")
        start, end = instant(cert["validFrom"], "validFrom"), instant(cert["validUntil"], "validUntil")
    except (KeyError, TypeError):
        raise Rejected("the certificate lacks a member a programme certificate has (credentialSubject.programme,"
                       " .report, credentialStatus, validFrom, validUntil)") from None
    if now < start:
        raise Rejected(f"not valid yet: valid from {cut(cert['validFrom'])}")
    if now >= end:
        raise Rejected(f"expired: valid until {cut(cert['validUntil'])}")
    check.checked.append(f"validity period (now {timestamp(now)})")
    run_folder = path.resolve().parent.parent
    if not isinstance(status, dict):
        raise Rejected("credentialStatus is not a BitstringStatusListEntry for revocation")
    listed_at = status_list or local(str(status.get("statusListCredential")), base_url, run_folder, "status list")
    index = _check_status(status, trusted_dids, listed_at, now, None if status_list else run_folder, retired,
                          check.status)
    check.checked.append(f"status list entry {index}: not revoked (the list signed by {check.status['signer']} "
                         f"at {check.status['signed_at']}, valid until {check.status['valid_until']})")
    report_path = report or local(str(report_ref.get("id")), base_url, run_folder, "report")
    if report_path.is_dir():
        report_path = report_path / "report.json"
    signed = _check_report(report_path, subject, None if report else run_folder, trusted)
    check.checked.append(f"the run's attestation: signed by {signed.keyid}, report.json and its views unaltered")
    check.checked.append(f"report {cut(report_path.name)} (sha256 {cut(report_ref['sha256'][:16])}…): whole run, "
                         "product, catalog digest, plan, profiles conformant")
    check.plan = signed.report.get("certification_plan") or {}
    check.predicate, check.report = signed.predicate, signed.report
    entries = check_log(cert, trusted_dids, log or run_folder / LOG_PATH, log is None, check)
    if entries is not None:
        apply_log(cert, entries, check)
    suspension_at = beside = None
    if "suspension" in statuses:
        entry = statuses["suspension"]
        if not isinstance(entry, dict):
            raise Rejected("credentialStatus names more than one entry for suspension")
        # beside a --status-list given, when there; else where its URL maps in the run folder
        beside = status_list.with_name(Path(statuslist.SUSPENSION_PATH).name) if status_list else None
        suspension_at = beside if beside is not None and beside.is_file() else \
            local(str(entry.get("statusListCredential")), base_url, run_folder, "suspension list")
    _check_suspension(cert, statuses.get("suspension"), suspension_at, trusted_dids, now,
                      None if suspension_at == beside else run_folder, retired, entries, check)
    return check


def _check_suspension(cert: dict[str, Any], entry: object, path: Path | None, trusted: set[str], now: datetime,
                      root: Path | None, retired: dict[str, datetime], entries: list[dict[str, Any]] | None,
                      check: CertificateCheck) -> None:
    """Rejected, saying since when and by which run, while the certificate is suspended
    (``programme watch`` saw a regression): its entry in the suspension list is set, or the
    published log's latest suspension or reinstatement of it is a suspension (the log wins over
    a list that does not say so, as for revocation). A list signed before that latest change is
    a stale copy. A certificate issued before suspension existed has no entry: the log alone."""
    changes = [e for e in entries or [] if e["event"] in (logformat.SUSPENDED, logformat.REINSTATED)
               and e["suspension"]["certificate_id"] == cert["id"]]
    latest = changes[-1] if changes else None
    since = "" if latest is None else \
        f"suspended since {cut(latest['suspension']['changed'])} (run {cut(latest['suspension']['run_id'])})"
    listed = False
    if entry is not None and path is not None:
        seen = check.suspension
        index = _check_status(entry, trusted, path, now, root, retired, seen, "suspension")
        listed = index < 0
        signed_at = instant(seen.get("signed_at"), "the suspension list's proof created")
        if latest is not None and signed_at < instant(latest["suspension"]["changed"],
                                                       "a suspension's time").replace(microsecond=0):
            raise Rejected(f"the suspension list was signed at {cut(seen.get('signed_at'))}, before the programme "
                           f"log's latest suspension or reinstatement of the certificate (leaf {latest['index']}): "
                           "a stale copy; get the list the programme publishes now")
    if latest is not None and latest["event"] == logformat.SUSPENDED:
        raise Rejected(f"{since}, leaf {latest['index']} of the programme log: {cut(latest['suspension']['reason'])}")
    if listed:
        raise Rejected(since or "suspended: its entry in the programme's suspension list is set (since when and by "
                       "which run, the programme log says: give --log)")
    if entry is not None and path is not None:
        check.checked.append(f"suspension list entry {index}: not suspended"
                             + (f" (reinstated at leaf {latest['index']})" if latest is not None else ""))




def _check_status(entry: object, trusted: set[str], path: Path, now: datetime, root: Path | None,
                  retired: dict[str, datetime] | None = None, seen: dict[str, str] | None = None,
                  purpose: str = "revocation") -> int:
    """The certificate's entry in the status list at ``path`` (inside ``root`` when found
    from its URL), which must be fresh (within its validity, not by a key ``retired`` by now)
    and must not set the entry (for ``revocation``; a set ``suspension`` entry is returned as
    its index's complement, ``-1 - index``, for the caller to say since when); Rejected
    otherwise. ``seen`` gets the list's signer, signing time and end of validity."""
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry" \
            or entry.get("statusPurpose") != purpose:
        raise Rejected(f"credentialStatus is not a BitstringStatusListEntry for {purpose}")
    if "statusListIndex" not in entry:
        raise Rejected("credentialStatus has no statusListIndex")
    try:
        parse_index(entry["statusListIndex"])  # before the list is read: a bad index is the certificate's
    except BadIndex as exc:
        raise Rejected(f"credentialStatus.statusListIndex is not an integer within the list: {exc}") from None
    listed, signer = signed_by_trusted(path, "status list", root, trusted)
    if listed.get("id") != entry.get("statusListCredential"):
        raise Rejected(f"the status list {cut(path)} is {excerpt(listed.get('id'))}, not the certificate's "
                       f"{excerpt(entry.get('statusListCredential'))}")
    if "validFrom" not in listed or "validUntil" not in listed:
        raise Rejected(f"the status list {cut(path)} has no validFrom and validUntil: whether it is fresh, "
                       "from after the last revocation, cannot be told (get the list the programme publishes now)")
    start = instant(listed["validFrom"], "the status list's validFrom")
    end = instant(listed["validUntil"], "the status list's validUntil")
    if not start <= now < end:
        raise Rejected(f"the status list {cut(path)} is outside its validity ({cut(listed['validFrom'])} to "
                       f"{cut(listed['validUntil'])}, now {timestamp(now)}): a stale copy may predate a "
                       "revocation; get the list the programme publishes now")
    ttl = (listed.get("credentialSubject") or {}).get("ttl") if isinstance(listed.get("credentialSubject"), dict) \
        else None
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 0):
        raise Rejected(f"the status list {cut(path)} has a ttl of {excerpt(ttl)}, not milliseconds (an integer)")
    retired_at = (retired or {}).get(signer)
    if retired_at is not None and now >= retired_at:
        raise Rejected(f"the status list {cut(path)} is signed by {cut(signer)}, which the programme retired at "
                       f"{timestamp(retired_at)}: a list by a retired key is not the programme's current list")
    if seen is not None:
        seen.update(signer=signer, signed_at=str(listed["proof"].get("created")), valid_until=str(listed["validUntil"]))
    subject = listed.get("credentialSubject") or {}
    if subject.get("statusPurpose") != purpose:
        raise Rejected(f"the status list {cut(path)} is not for {purpose}")
    try:
        bits = statuslist.decode(subject.get("encodedList"))
        index = parse_index(entry["statusListIndex"], len(bits) * 8)
        revoked = statuslist.is_set(bits, index)
    except BadIndex as exc:
        raise Rejected(f"credentialStatus.statusListIndex is not an integer within the list: {exc}") from None
    except ValueError as exc:
        raise Rejected(f"the status list {cut(path)}: {cut(str(exc))}") from None
    if revoked and purpose != "revocation":
        return -1 - index
    if revoked:
        raise Rejected(f"revoked: entry {index} of the programme's status list "
                       f"{cut(entry['statusListCredential'])} is set")
    return index


def _check_report(path: Path, subject: dict[str, Any], root: Path | None,
                  trusted: Sequence[Ed25519PublicKey]) -> Verified:
    """The report the certificate names (inside ``root`` when found from its URL): its sha256,
    then the run's attestation (a certificate names a signed run only: a run folder forged or
    edited after signing, or without its attestation, certifies nothing), then what the
    signed report judged."""
    if not path.is_file():
        raise Rejected(f"the report the certificate names is not at {cut(path)} (give --report)")
    data = read(path, "report", root)
    if hashlib.sha256(data).hexdigest() != subject["report"]["sha256"]:
        raise Rejected(f"the report {cut(path)} does not match the certificate's sha256: another or an altered "
                       "report")
    try:
        signed = attestation(path.parent, list(trusted), report_only=True)
    except HarnessInputError:
        raise Rejected(f"the run {cut(path.parent)} has no attestation ({ENVELOPE_NAME}): a certificate names a "
                       "signed run only") from None
    except Rejected as exc:  # the run's attestation, said as the certificate's reason
        raise Rejected(f"the run's attestation does not hold: {cut(str(exc))}") from None
    if signed.report_sha256 != subject["report"]["sha256"]:
        raise Rejected(f"the run's attestation signs another report than the certificate's ({cut(path)})")
    report = signed.report
    product = {k: v for k, v in report["manifest"]["product"].items() if k in ("name", "version", "vendor")}
    if product != subject["product"]:
        raise Rejected(f"the report {cut(path)} judged {excerpt(product)}, not the certified product "
                       f"{excerpt(subject['product'])}")
    if report.get("catalog_digest") != subject["catalogDigest"] or not report.get("complete"):
        raise Rejected(f"the report {cut(path)} is not a whole run with catalog {cut(subject['catalogDigest'])}")
    plan, named = report.get("certification_plan") or {}, subject["certificationPlan"]
    if (plan.get("id"), plan.get("sha256")) != (named.get("id"), named.get("sha256")):
        raise Rejected(f"the report {cut(path)} followed the plan {cut(plan.get('id'))!r} "
                       f"(sha256 {cut(plan.get('sha256'))}), not the certificate's {cut(named.get('id'))!r}")
    outcomes = {p["id"]: p["outcome"] for p in report["profiles"]}
    short = [p["id"] for p in subject["profiles"] if outcomes.get(p["id"]) != "conformant"]
    if short:
        raise Rejected(f"the report {cut(path)} does not judge {cut(', '.join(map(str, short)))} conformant")
    return signed


def verify_command(args: Any, trusted: Sequence[Ed25519PublicKey], console: Any, policy: Policy | None = None,
                   listed: Any = None) -> int:
    """``conformance verify CERTIFICATE.json [--policy P]``: 0 accepted (and every condition of
    the policy met), 1 rejected (the reason in one line), 4 it holds but a condition of the
    policy is unmet (one line each)."""
    witnesses = getattr(args, "witness_policy", None)
    try:
        check = verify_certificate(args.report_dir, trusted, args.status_list, args.report, policy=policy,
                                   issuers=getattr(args, "issuers", None), log=getattr(args, "log", None),
                                   witnesses=load_witness_policy(witnesses) if witnesses else None)
        if listed is not None:  # the keys came from a recognising authority's list (:mod:`.trustverify`)
            check.checked.extend(listed.terms(check.certificate, check.plan))
    except Rejected as exc:
        console.out(printable(f"rejected: {exc}"), highlight=False)
        return ExitCode.REJECTED
    lines = check.lines()
    for line in lines[:1] + (listed.lines() if listed else []) + lines[1:]:
        console.out(printable(line), highlight=False)
    for condition in check.unmet:
        console.out(printable(f"not certified: {condition.line}"), highlight=False)
    return ExitCode.UNMET if check.unmet else ExitCode.OK
