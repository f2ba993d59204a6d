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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .._io import strictjson
from .._io.inputs import BadIndex, number_problems, parse_index
from .._io.printable import clipped, excerpt, printable
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, inside, read_capped
from ..certification.attestation import ENVELOPE_NAME
from ..certification.verify import Rejected as AttestationRejected
from ..certification.verify import Verified, attestation
from ..errors import HarnessInputError, json_path
from . import checkpoint, logformat, merkle, signing, statuslist, tlogcheck
from .certformat import CERTIFICATE_TYPE, ISSUERS, LOG_PATH, timestamp
from .note import NoteProblem
from .witnesspolicy import WitnessPolicy, load_witness_policy

if TYPE_CHECKING:
    from ..certification.policy import Condition, Policy


class Rejected(Exception):
    """The certificate does not hold; the message says why, in one line."""


@dataclass
class CertificateCheck:
    issuer: str
    certificate: dict[str, Any]
    checked: list[str] = field(default_factory=list)
    #: the certification plan the signed report followed (id, version, program, sha256)
    plan: dict[str, Any] = field(default_factory=dict)
    #: the status list read: its signer (did:key), its proof's time, its validUntil
    status: dict[str, str] = field(default_factory=dict)
    #: the run's signed predicate and report (what a policy's conditions read)
    predicate: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    #: what a relying party's policy requires, each met or not (empty without --policy)
    conditions: list[Condition] = field(default_factory=list)
    #: where the run is in the programme log: its leaf index and the signed head's size
    log: dict[str, Any] = field(default_factory=dict)
    #: the published checkpoint (its note), once checked to extend the certificate's
    served_checkpoint: bytes | None = None

    @property
    def unmet(self) -> list[Condition]:
        return [c for c in self.conditions if not c.met]

    def lines(self) -> list[str]:
        subject = self.certificate["credentialSubject"]
        product, programme, plan = subject["product"], subject["programme"], self.plan
        return [f"verified: certificate {_cut(self.certificate['id'])} issued by {self.issuer}",
                f"participant: {_cut(subject.get('participant'))}",
                f"programme: {_cut(programme.get('title'))} ({_cut(programme.get('id'))}, "
                f"{_cut(programme.get('url'))})",
                f"certification plan: {_cut(plan.get('id'))} version {_cut(plan.get('version') or '(none)')} of "
                f"{_cut(plan.get('program'))} (sha256 {_cut(plan.get('sha256'))})",
                f"product: {_cut(product['name'])} {_cut(product['version'])} ({_cut(product.get('vendor', ''))})",
                "profiles: " + _cut(", ".join(f"{p['id']} {p['version']}" for p in subject["profiles"])),
                f"valid: {_cut(self.certificate['validFrom'])} to {_cut(self.certificate['validUntil'])}",
                f"programme log: run {_cut(subject['report'].get('run'))} is leaf {_cut(self.log.get('index'))} "
                f"of the signed head of {_cut(self.log.get('size'))} leaves (root {_cut(self.log.get('root'))})",
                *(f"checked: {c}" for c in self.checked),
                *(f"{'met' if c.met else 'UNMET'}: {c.line}" for c in self.conditions)]


def _cut(value: object) -> str:
    """``value`` as text, at most an excerpt of it (and its length) when long."""
    return clipped(value if isinstance(value, str) else str(value) if isinstance(value, Path) else excerpt(value))


def _read(path: Path, what: str, root: Path | None = None) -> bytes:
    """The file whole: a regular file within the document cap (inside ``root`` if given)."""
    try:
        return read_capped(path, MAX_DOCUMENT_BYTES, root=root)
    except FileNotFoundError:
        raise Rejected(f"no {what} at {_cut(path)} (give its local copy)") from None
    except OSError as exc:
        raise Rejected(f"the {what} {_cut(path)} cannot be read: "
                       f"{_cut(getattr(exc, 'problem', None) or exc.strerror or exc)}") from None



def _signed_by_trusted(path: Path, what: str, root: Path | None, trusted: set[str]) -> tuple[Any, str]:
    """The document at ``path`` (read as :func:`_load` reads it) and its signer, which must be
    one of the ``trusted`` programme keys; Rejected, naming ``what``, otherwise."""
    document = _load(path, what, root)
    try:
        signer = signing.check_proof(document)
    except ValueError as exc:
        raise Rejected(f"the {what} {_cut(path)}: {_cut(str(exc))}") from None
    if signer not in trusted:
        raise Rejected(f"the {what} {_cut(path)} is signed by {_cut(signer)}, not by a trusted programme key")
    return document, signer

def _load(path: Path, what: str, root: Path | None = None) -> Any:
    try:
        document = strictjson.loads(_read(path, what, root))
    except strictjson.NotStrictJSON as exc:
        if exc.path is None:
            raise Rejected(f"the {what} {_cut(path)} is not readable JSON ({_cut(exc.problem)})") from None
        raise Rejected(f"the {what} {_cut(path)} {_cut(exc.text())}") from None
    for place, problem, _fix in number_problems(document):
        raise Rejected(f"the {what} {_cut(path)} at {_cut(json_path(place))}: {problem}")
    return document


def _instant(value: Any, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise Rejected(f"{name} {excerpt(value)} is not a date-time") from None
    if moment.tzinfo is None:
        raise Rejected(f"{name} {excerpt(value)} has no time zone")
    return moment


def _local(url: str, base_url: str, run_folder: Path, what: str) -> Path:
    """Where the file at ``url`` is in the run folder: inside it, links and ``..`` resolved
    (Rejected otherwise, before anything is opened)."""
    if not isinstance(base_url, str) or not url.startswith(base_url):
        raise Rejected(f"the {what} {_cut(url)} is not under the programme's URL {_cut(base_url)}: "
                       "give its local copy")
    relative = url.removeprefix(base_url)
    path = run_folder / relative
    if not relative or "\0" in relative or Path(relative).is_absolute() or inside(path, run_folder) is None:
        raise Rejected(f"the {what} {_cut(url)} leads outside the run folder {_cut(run_folder)} "
                       "(a link, ../ or an absolute path): it is not read")
    return path


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
                                                      check.status, policy, installed_digest(), moment)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        raise Rejected(f"{_cut(path)} (or the status list or report it names) is not shaped as the programme "
                       f"issues it: {type(exc).__name__} {_cut(str(exc))}") from None
    return check


def _check_witnessed(check: CertificateCheck, policy: WitnessPolicy, trusted: Sequence[Ed25519PublicKey]) -> None:
    try:
        check.checked.append(policy.check_certificate(check.certificate, list(trusted), check.served_checkpoint))
    except NoteProblem as exc:
        raise Rejected(f"the certificate's checkpoint: {_cut(str(exc))}") from None


def retirements(path: Path, trusted: set[str], root: Path | None = None) -> dict[str, datetime]:
    """When each retired issuer key was retired, as the programme's issuers record at ``path``
    says (``certificates/issuers.json``: ``retirements``); empty when there is none. The record
    is signed by a programme key as the status list is: one unsigned, signed by a key not in
    ``trusted`` or altered after signing (a retirement left out moves a retired key's
    certificates back into trust) is refused."""
    if not path.is_file():
        return {}
    record, _ = _signed_by_trusted(path, "issuers record", root, trusted)
    entries = record.get("retirements", []) if isinstance(record, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise Rejected(f"the issuers record {_cut(path)} is not shaped as the programme publishes it")
    return {str(e.get("id")): _instant(e.get("retired"), f"the issuers record's retirement of {_cut(e.get('id'))}")
            for e in entries}


def _verify(path: Path, trusted: Sequence[Ed25519PublicKey], status_list: Path | None, report: Path | None,
            now: datetime, issuers: Path | None = None, log: Path | None = None) -> CertificateCheck:
    cert = _load(path, "certificate")
    kinds = cert.get("type") if isinstance(cert, dict) else None
    if not isinstance(kinds, list) or "VerifiableCredential" not in kinds or CERTIFICATE_TYPE not in kinds:
        raise Rejected(f"{_cut(path)} is not a {CERTIFICATE_TYPE} verifiable credential")
    context = cert.get("@context")
    if not isinstance(context, list) or not context or context[0] != statuslist.CONTEXT:
        raise Rejected(f"its first @context is not {statuslist.CONTEXT} (VC Data Model 2.0)")
    try:
        issuer = signing.check_proof(cert)
    except ValueError as exc:
        raise Rejected(_cut(str(exc))) from None
    trusted_dids = {signing.issuer_did(k) for k in trusted}
    if issuer not in trusted_dids:
        raise Rejected(f"issued by {_cut(issuer)}, which is not a trusted programme key" +
                       ("" if trusted else " (no --trust KEY.pub given)"))
    retired = retirements(issuers, trusted_dids) if issuers else retirements(path.parent / ISSUERS, trusted_dids,
                                                                              path.parent)
    if issuer in retired and _instant(cert["proof"].get("created"), "the proof's created") >= retired[issuer]:
        raise Rejected(f"signed by {_cut(issuer)} at {_cut(cert['proof'].get('created'))}, after the programme "
                       f"retired that key ({timestamp(retired[issuer])})")
    check = CertificateCheck(issuer, cert, ["signature (eddsa-jcs-2022) by a trusted key"])
    try:
        subject = cert["credentialSubject"]
        base_url, report_ref = subject["programme"]["url"], subject["report"]
        statuses = statuslist.entries(cert["credentialStatus"])
        status = statuses.get("revocation")
        start, end = _instant(cert["validFrom"], "validFrom"), _instant(cert["validUntil"], "validUntil")
    except (KeyError, TypeError):
        raise Rejected("the certificate lacks a member a programme certificate has (credentialSubject.programme,"
                       " .report, credentialStatus, validFrom, validUntil)") from None
    if now < start:
        raise Rejected(f"not valid yet: valid from {_cut(cert['validFrom'])}")
    if now >= end:
        raise Rejected(f"expired: valid until {_cut(cert['validUntil'])}")
    check.checked.append(f"validity period (now {timestamp(now)})")
    run_folder = path.resolve().parent.parent
    if not isinstance(status, dict):
        raise Rejected("credentialStatus is not a BitstringStatusListEntry for revocation")
    listed_at = status_list or _local(str(status.get("statusListCredential")), base_url, run_folder, "status list")
    index = _check_status(status, trusted_dids, listed_at, now, None if status_list else run_folder, retired,
                          check.status)
    check.checked.append(f"status list entry {index}: not revoked (the list signed by {check.status['signer']} "
                         f"at {check.status['signed_at']}, valid until {check.status['valid_until']})")
    report_path = report or _local(str(report_ref.get("id")), base_url, run_folder, "report")
    if report_path.is_dir():
        report_path = report_path / "report.json"
    signed = _check_report(report_path, subject, None if report else run_folder, trusted)
    check.checked.append(f"the run's attestation: signed by {signed.keyid}, report.json and its views unaltered")
    check.checked.append(f"report {_cut(report_path.name)} (sha256 {_cut(report_ref['sha256'][:16])}…): whole run, "
                         "product, catalog digest, plan, profiles conformant")
    check.plan = signed.report.get("certification_plan") or {}
    check.predicate, check.report = signed.predicate, signed.report
    entries = _check_log(cert, trusted_dids, log or run_folder / LOG_PATH, log is None, check)
    if entries is not None:
        _apply_log(cert, entries, check)
    suspension_at = beside = None
    if "suspension" in statuses:
        entry = statuses["suspension"]
        if not isinstance(entry, dict):
            raise Rejected("credentialStatus names more than one entry for suspension")
        # beside a --status-list given, when there; else where its URL maps in the run folder
        beside = status_list.with_name(Path(statuslist.SUSPENSION_PATH).name) if status_list else None
        suspension_at = beside if beside is not None and beside.is_file() else \
            _local(str(entry.get("statusListCredential")), base_url, run_folder, "suspension list")
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
        f"suspended since {_cut(latest['suspension']['changed'])} (run {_cut(latest['suspension']['run_id'])})"
    listed = False
    if entry is not None and path is not None:
        seen: dict[str, str] = {}
        index = _check_status(entry, trusted, path, now, root, retired, seen, "suspension")
        listed = index < 0
        signed_at = _instant(seen.get("signed_at"), "the suspension list's proof created")
        if latest is not None and signed_at < _instant(latest["suspension"]["changed"],
                                                       "a suspension's time").replace(microsecond=0):
            raise Rejected(f"the suspension list was signed at {_cut(seen.get('signed_at'))}, before the programme "
                           f"log's latest suspension or reinstatement of the certificate (leaf {latest['index']}): "
                           "a stale copy; get the list the programme publishes now")
    if latest is not None and latest["event"] == logformat.SUSPENDED:
        raise Rejected(f"{since}, leaf {latest['index']} of the programme log: {_cut(latest['suspension']['reason'])}")
    if listed:
        raise Rejected(since or "suspended: its entry in the programme's suspension list is set (since when and by "
                       "which run, the programme log says: give --log)")
    if entry is not None and path is not None:
        check.checked.append(f"suspension list entry {index}: not suspended"
                             + (f" (reinstated at leaf {latest['index']})" if latest is not None else ""))


def _apply_log(cert: dict[str, Any], entries: list[dict[str, Any]], check: CertificateCheck) -> None:
    """What the published log records overrides the status list: a revocation of the
    certificate the log carries rejects it whatever the list says; a list signed before the
    log's latest revocation is a stale copy; a list signed by a key the log records as rotated
    out (``key-rotated``), from that rotation on, is not the programme's list."""
    revocations = [e for e in entries if e["event"] == logformat.REVOKED]
    for entry in revocations:
        if entry["revocation"]["certificate_id"] == cert["id"]:
            raise Rejected(f"revoked: the programme log records its revocation at leaf {entry['index']} "
                           f"({_cut(entry['revocation']['revoked'])}: {_cut(entry['revocation']['reason'])})")
    signed_at = _instant(check.status.get("signed_at"), "the status list's proof created")
    if revocations:
        latest = max(revocations, key=lambda e: _instant(e["revocation"]["revoked"], "a revocation's time"))
        revoked_at = _instant(latest["revocation"]["revoked"], "a revocation's time").replace(microsecond=0)
        if signed_at < revoked_at:
            raise Rejected(f"the status list was signed at {_cut(check.status.get('signed_at'))}, before the "
                           f"programme log's latest revocation (leaf {latest['index']}, "
                           f"{_cut(latest['revocation']['revoked'])}): a stale copy; get the list the programme "
                           "publishes now")
    for entry in entries:
        if entry["event"] == logformat.ROTATED and entry["from"] == check.status.get("signer") \
                and signed_at >= _instant(entry["time"], "a key rotation's time").replace(microsecond=0):
            raise Rejected(f"the status list is signed by {_cut(entry['from'])}, which the programme log records "
                           f"as rotated out at {_cut(entry['time'])} (leaf {entry['index']}): a list by a retired "
                           "key is not the programme's current list")
    check.checked.append(f"programme log: {len(revocations)} revocation(s) recorded, none of this certificate; the "
                         "status list is not older than the latest")


def _check_log(cert: dict[str, Any], trusted: set[str], published: Path, by_default: bool,
               check: CertificateCheck) -> list[dict[str, Any]] | None:
    """The certificate's run is a leaf of the programme log: the leaf names that run, report
    and participant; its inclusion proof holds against a head signed by a trusted key; and the
    log published at ``published`` (when there, or when given), whose head is signed too, has
    the certificate's head as a prefix (RFC 9162 consistency) and records its issue."""
    subject = cert["credentialSubject"]
    proved = subject.get("programmeLog")
    if not isinstance(proved, dict):
        raise Rejected("the certificate carries no proof that its run is in the programme log "
                       "(credentialSubject.programmeLog)")
    try:
        head = logformat.load_head(canonical(proved.get("head")), "its log head")
        logformat.head_signer(head, trusted, "its log head")
        index, size = proved.get("leafIndex"), proved.get("treeSize")
        leaf = logformat.parse_leaf(canonical(proved.get("leaf")), index if isinstance(index, int) else -1)
        proof = proved.get("inclusionProof")
        if not isinstance(proof, list):
            raise logformat.LogProblem("its inclusion proof is not a list of hashes")
        path = [logformat.unhex(node, "a hash of its inclusion proof") for node in proof]
    except logformat.LogProblem as exc:
        raise Rejected(f"the certificate's programme log proof: {_cut(str(exc))}") from None
    root = bytes.fromhex(head["rootHash"])
    included = isinstance(index, int) and size == head["treeSize"] and merkle.verify_inclusion(
        index, size, merkle.leaf_hash(canonical(leaf)), path, root)
    if not included:
        raise Rejected(f"the certificate's run is not leaf {_cut(index)} of the programme log's signed head "
                       f"(the inclusion proof does not hold)")
    run = leaf["run"] if leaf["event"] == logformat.RUN else {}
    said = (run.get("run_id"), run.get("report_sha256"), run.get("participant"), run.get("status"),
            run.get("complete"))
    if said != (subject["report"].get("run"), subject["report"].get("sha256"), subject.get("participant"),
                "finished", 1):
        raise Rejected(f"leaf {_cut(index)} of the programme log is not the certificate's run (a whole run of "
                       f"{_cut(subject.get('participant'))} with its report)")
    check.log = {"index": index, "size": size, "root": head["rootHash"][:16] + "…"}
    check.checked.append(f"programme log: the run's leaf {index} is included in the head of {size} leaves signed by "
                         f"{head.get('issuer', '(unsigned)')} (RFC 9162 inclusion proof)")
    origin = checkpoint.log_origin(str(subject["programme"].get("id")), str(subject["programme"].get("url")))
    keys = tlogcheck.trusted_keys(trusted)
    try:
        tree = tlogcheck.certificate_checkpoint(proved, head, origin, keys)
    except logformat.LogProblem as exc:
        raise Rejected(f"the certificate's programme log proof: {_cut(str(exc))}") from None
    check.checked.append(f"programme log: its tlog-checkpoint of {origin} is that head, signed by a trusted key "
                         "(C2SP signed-note)")
    if not (published / logformat.HEAD).is_file() and by_default:
        return None
    entries = _check_published(cert, head, trusted, published, check)
    assert isinstance(index, int)  # the inclusion proof held for it
    try:
        served = tlogcheck.published_checkpoint(published, tree, origin, keys, index, canonical(leaf))
    except logformat.LogProblem as exc:
        raise Rejected(f"the published log {_cut(published)}: {_cut(str(exc))}") from None
    if served is not None:
        latest, check.served_checkpoint = served
        check.checked.append(f"programme log: the published tlog-tiles of {latest.size} leaves hold the run's entry, "
                             "and the certificate's checkpoint is a prefix of the published one")
    return entries


def _check_published(cert: dict[str, object], head: dict[str, Any], trusted: set[str], published: Path,
                     check: CertificateCheck) -> list[dict[str, Any]]:
    """The published log's leaves its signed head covers, parsed, once it is consistent with
    the certificate's head and records its issue."""
    try:
        latest = logformat.load_head(_read(published / logformat.HEAD, "published log head"), "the published log head")
        logformat.head_signer(latest, trusted, "the published log head")
        lines = _read(published / logformat.LEAVES, "published log").split(b"\n")[:-1]
    except logformat.LogProblem as exc:
        raise Rejected(_cut(str(exc))) from None
    hashes = [merkle.leaf_hash(line) for line in lines]
    size1, size2 = head["treeSize"], latest["treeSize"]
    if size2 > len(hashes) or merkle.root(hashes[:size2]) != bytes.fromhex(latest["rootHash"]):
        raise Rejected(f"the published log {_cut(published)} does not match its signed head (size {size2})")
    if not size1 <= size2 or not merkle.verify_consistency(size1, size2, bytes.fromhex(head["rootHash"]),
                                                           bytes.fromhex(latest["rootHash"]),
                                                           merkle.consistency_proof(hashes[:size2], size1)):
        raise Rejected(f"the certificate's log head (size {size1}) is not a prefix of the published log's (size "
                       f"{size2}): the log was rewritten")
    issued = b'"certificate_id":' + canonical(cert["id"])
    if not any(b'"event":"certificate-issued"' in line and issued in line for line in lines[:size2]):
        raise Rejected(f"the published log {_cut(published)} does not record the certificate's issue")
    check.checked.append(f"programme log: the certificate's head is consistent with the published head of {size2} "
                         "leaves, which records its issue (RFC 9162 consistency proof)")
    try:
        return [logformat.parse_leaf(line, index) for index, line in enumerate(lines[:size2])]
    except logformat.LogProblem as exc:
        raise Rejected(f"the published log {_cut(published)}: {_cut(str(exc))}") from None


def canonical(value: object) -> bytes:
    from ..codecs.jcs import canonicalize

    return canonicalize(value)


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
    listed, signer = _signed_by_trusted(path, "status list", root, trusted)
    if listed.get("id") != entry.get("statusListCredential"):
        raise Rejected(f"the status list {_cut(path)} is {excerpt(listed.get('id'))}, not the certificate's "
                       f"{excerpt(entry.get('statusListCredential'))}")
    if "validFrom" not in listed or "validUntil" not in listed:
        raise Rejected(f"the status list {_cut(path)} has no validFrom and validUntil: whether it is fresh, "
                       "from after the last revocation, cannot be told (get the list the programme publishes now)")
    start = _instant(listed["validFrom"], "the status list's validFrom")
    end = _instant(listed["validUntil"], "the status list's validUntil")
    if not start <= now < end:
        raise Rejected(f"the status list {_cut(path)} is outside its validity ({_cut(listed['validFrom'])} to "
                       f"{_cut(listed['validUntil'])}, now {timestamp(now)}): a stale copy may predate a "
                       "revocation; get the list the programme publishes now")
    ttl = (listed.get("credentialSubject") or {}).get("ttl") if isinstance(listed.get("credentialSubject"), dict) \
        else None
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 0):
        raise Rejected(f"the status list {_cut(path)} has a ttl of {excerpt(ttl)}, not milliseconds (an integer)")
    retired_at = (retired or {}).get(signer)
    if retired_at is not None and now >= retired_at:
        raise Rejected(f"the status list {_cut(path)} is signed by {_cut(signer)}, which the programme retired at "
                       f"{timestamp(retired_at)}: a list by a retired key is not the programme's current list")
    if seen is not None:
        seen.update(signer=signer, signed_at=str(listed["proof"].get("created")), valid_until=str(listed["validUntil"]))
    subject = listed.get("credentialSubject") or {}
    if subject.get("statusPurpose") != purpose:
        raise Rejected(f"the status list {_cut(path)} is not for {purpose}")
    try:
        bits = statuslist.decode(subject.get("encodedList"))
        index = parse_index(entry["statusListIndex"], len(bits) * 8)
        revoked = statuslist.is_set(bits, index)
    except BadIndex as exc:
        raise Rejected(f"credentialStatus.statusListIndex is not an integer within the list: {exc}") from None
    except ValueError as exc:
        raise Rejected(f"the status list {_cut(path)}: {_cut(str(exc))}") from None
    if revoked and purpose != "revocation":
        return -1 - index
    if revoked:
        raise Rejected(f"revoked: entry {index} of the programme's status list "
                       f"{_cut(entry['statusListCredential'])} is set")
    return index


def _check_report(path: Path, subject: dict[str, Any], root: Path | None,
                  trusted: Sequence[Ed25519PublicKey]) -> Verified:
    """The report the certificate names (inside ``root`` when found from its URL): its sha256,
    then the run's attestation (a certificate names a signed run only: a run folder forged or
    edited after signing, or without its attestation, certifies nothing), then what the
    signed report judged."""
    if not path.is_file():
        raise Rejected(f"the report the certificate names is not at {_cut(path)} (give --report)")
    data = _read(path, "report", root)
    if hashlib.sha256(data).hexdigest() != subject["report"]["sha256"]:
        raise Rejected(f"the report {_cut(path)} does not match the certificate's sha256: another or an altered "
                       "report")
    try:
        signed = attestation(path.parent, list(trusted), report_only=True)
    except HarnessInputError:
        raise Rejected(f"the run {_cut(path.parent)} has no attestation ({ENVELOPE_NAME}): a certificate names a "
                       "signed run only") from None
    except AttestationRejected as exc:
        raise Rejected(f"the run's attestation does not hold: {_cut(str(exc))}") from None
    if signed.report_sha256 != subject["report"]["sha256"]:
        raise Rejected(f"the run's attestation signs another report than the certificate's ({_cut(path)})")
    report = signed.report
    product = {k: v for k, v in report["manifest"]["product"].items() if k in ("name", "version", "vendor")}
    if product != subject["product"]:
        raise Rejected(f"the report {_cut(path)} judged {excerpt(product)}, not the certified product "
                       f"{excerpt(subject['product'])}")
    if report.get("catalog_digest") != subject["catalogDigest"] or not report.get("complete"):
        raise Rejected(f"the report {_cut(path)} is not a whole run with catalog {_cut(subject['catalogDigest'])}")
    plan, named = report.get("certification_plan") or {}, subject["certificationPlan"]
    if (plan.get("id"), plan.get("sha256")) != (named.get("id"), named.get("sha256")):
        raise Rejected(f"the report {_cut(path)} followed the plan {_cut(plan.get('id'))!r} "
                       f"(sha256 {_cut(plan.get('sha256'))}), not the certificate's {_cut(named.get('id'))!r}")
    outcomes = {p["id"]: p["outcome"] for p in report["profiles"]}
    short = [p["id"] for p in subject["profiles"] if outcomes.get(p["id"]) != "conformant"]
    if short:
        raise Rejected(f"the report {_cut(path)} does not judge {_cut(', '.join(map(str, short)))} conformant")
    return signed


def verify_command(args: Any, trusted: Sequence[Ed25519PublicKey], console: Any, policy: Policy | None = None,
                   listed: Any = None) -> int:
    """``conformance verify CERTIFICATE.json [--policy P]``: 0 accepted (and every condition of
    the policy met), 1 rejected (the reason in one line), 4 it holds but a condition of the
    policy is unmet (one line each)."""
    from ..certification.verify import EXIT_UNMET

    witnesses = getattr(args, "witness_policy", None)
    try:
        check = verify_certificate(args.report_dir, trusted, args.status_list, args.report, policy=policy,
                                   issuers=getattr(args, "issuers", None), log=getattr(args, "log", None),
                                   witnesses=load_witness_policy(witnesses) if witnesses else None)
        if listed is not None:  # the keys came from a recognising authority's list (:mod:`.trustverify`)
            check.checked.extend(listed.terms(check.certificate, check.plan))
    except Rejected as exc:
        console.out(printable(f"rejected: {exc}"), highlight=False)
        return 1
    lines = check.lines()
    for line in lines[:1] + (listed.lines() if listed else []) + lines[1:]:
        console.out(printable(line), highlight=False)
    for condition in check.unmet:
        console.out(printable(f"not certified: {condition.line}"), highlight=False)
    return EXIT_UNMET if check.unmet else 0
