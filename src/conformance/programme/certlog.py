"""The programme log as ``conformance verify`` holds a certificate to it: the run's leaf proved
included in a head signed by a trusted key (RFC 9162), that head's C2SP checkpoint, and, where
the published log is at hand, the certificate's head a prefix of the published one, which
records its issue; what the published log records (revocations, key rotations) then
overrides the status list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Rejected
from . import checkpoint, logformat, merkle, tlogcheck
from .certread import CertificateCheck, canonical, cut, instant, read


def apply_log(cert: dict[str, Any], entries: list[dict[str, Any]], check: CertificateCheck) -> None:
    """What the published log records overrides the status list: a revocation of the
    certificate the log carries rejects it whatever the list says; a list signed before the
    log's latest revocation is a stale copy; a list signed by a key the log records as rotated
    out (``key-rotated``), from that rotation on, is not the programme's list."""
    revocations = [e for e in entries if e["event"] == logformat.REVOKED]
    for entry in revocations:
        if entry["revocation"]["certificate_id"] == cert["id"]:
            raise Rejected(f"revoked: the programme log records its revocation at leaf {entry['index']} "
                           f"({cut(entry['revocation']['revoked'])}: {cut(entry['revocation']['reason'])})")
    signed_at = instant(check.status.get("signed_at"), "the status list's proof created")
    if revocations:
        latest = max(revocations, key=lambda e: instant(e["revocation"]["revoked"], "a revocation's time"))
        revoked_at = instant(latest["revocation"]["revoked"], "a revocation's time").replace(microsecond=0)
        if signed_at < revoked_at:
            raise Rejected(f"the status list was signed at {cut(check.status.get('signed_at'))}, before the "
                           f"programme log's latest revocation (leaf {latest['index']}, "
                           f"{cut(latest['revocation']['revoked'])}): a stale copy; get the list the programme "
                           "publishes now")
    for entry in entries:
        if entry["event"] == logformat.ROTATED and entry["from"] == check.status.get("signer") \
                and signed_at >= instant(entry["time"], "a key rotation's time").replace(microsecond=0):
            raise Rejected(f"the status list is signed by {cut(entry['from'])}, which the programme log records "
                           f"as rotated out at {cut(entry['time'])} (leaf {entry['index']}): a list by a retired "
                           "key is not the programme's current list")
    check.checked.append(f"programme log: {len(revocations)} revocation(s) recorded, none of this certificate; the "
                         "status list is not older than the latest")


def check_log(cert: dict[str, Any], trusted: set[str], published: Path, by_default: bool,
               check: CertificateCheck) -> list[dict[str, Any]] | None:
    """The certificate's run is a leaf of the programme log: the leaf names that run, report
    and participant; its inclusion proof holds against a head signed by a trusted key; and the
    log published at ``published`` (when there, or when given), whose head and checkpoint are
    signed too, has the certificate's head as a prefix (RFC 9162 consistency), is one tree
    (:func:`one_state`) and records its issue; the entries of that tree."""
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
        raise Rejected(f"the certificate's programme log proof: {cut(str(exc))}") from None
    root = bytes.fromhex(head["rootHash"])
    included = isinstance(index, int) and size == head["treeSize"] and merkle.verify_inclusion(
        index, size, merkle.leaf_hash(canonical(leaf)), path, root)
    if not included:
        raise Rejected(f"the certificate's run is not leaf {cut(index)} of the programme log's signed head "
                       f"(the inclusion proof does not hold)")
    run = leaf["run"] if leaf["event"] == logformat.RUN else {}
    said = (run.get("run_id"), run.get("report_sha256"), run.get("participant"), run.get("status"),
            run.get("complete"))
    if said != (subject["report"].get("run"), subject["report"].get("sha256"), subject.get("participant"),
                "finished", 1):
        raise Rejected(f"leaf {cut(index)} of the programme log is not the certificate's run (a whole run of "
                       f"{cut(subject.get('participant'))} with its report)")
    check.log = {"index": index, "size": size, "root": head["rootHash"][:16] + "…"}
    check.checked.append(f"programme log: the run's leaf {index} is included in the head of {size} leaves signed by "
                         f"{head.get('issuer', '(unsigned)')} (RFC 9162 inclusion proof)")
    origin = checkpoint.log_origin(str(subject["programme"].get("id")), str(subject["programme"].get("url")))
    keys = tlogcheck.trusted_keys(trusted)
    try:
        tree = tlogcheck.certificate_checkpoint(proved, head, origin, keys)
    except logformat.LogProblem as exc:
        raise Rejected(f"the certificate's programme log proof: {cut(str(exc))}") from None
    check.checked.append(f"programme log: its tlog-checkpoint of {origin} is that head, signed by a trusted key "
                         "(C2SP signed-note)")
    has_head, has_checkpoint = (published / logformat.HEAD).is_file(), (published / checkpoint.FILE).is_file()
    if not has_head and not has_checkpoint and by_default:
        return None
    # each piece the holder's folder has is read and checked on its own first: the JSON head
    # and its leaves, then the checkpoint and its tiles (a missing head.json hides nothing: the
    # tiles alone then decide)
    from_head = check_published(head, trusted, published, check) if has_head or not has_checkpoint else None
    assert isinstance(index, int)  # the inclusion proof held for it
    try:
        served = tlogcheck.published_checkpoint(published, tree, origin, keys, index, canonical(leaf))
    except logformat.LogProblem as exc:
        raise Rejected(f"the published log {cut(published)}: {cut(str(exc))}") from None
    from_tiles = None
    if served is not None:
        latest, check.served_checkpoint, from_tiles = served
        check.checked.append(f"programme log: the published tlog-tiles of {latest.size} leaves hold the run's entry, "
                             "and the certificate's checkpoint is a prefix of the published one")
    lines = one_state(from_head, from_tiles, published, check)
    issued = b'"certificate_id":' + canonical(cert["id"])
    if not any(b'"event":"certificate-issued"' in line and issued in line for line in lines):
        raise Rejected(f"the published log {cut(published)} does not record the certificate's issue")
    try:
        return [logformat.parse_leaf(line, position) for position, line in enumerate(lines)]
    except logformat.LogProblem as exc:
        raise Rejected(f"the published log {cut(published)}: {cut(str(exc))}") from None


def one_state(from_head: list[bytes] | None, from_tiles: list[bytes] | None, published: Path,
              check: CertificateCheck) -> list[bytes]:
    """The one tree the published pieces describe: the JSON head's leaves and the checkpoint's
    tiles, each already checked against its own signed root, must be the same tree, or the
    shorter a prefix of the longer (what an RFC 9162 consistency proof proves, checked here
    leaf by leaf since both are at hand), and then the longer, the newest, is read: a
    suspension or revocation only the newer piece records is never hidden by an older piece
    left beside it. Two trees that differ are refused: which one the programme published
    cannot be told."""
    if from_head is None or from_tiles is None:
        found = from_head if from_head is not None else from_tiles
        assert found is not None  # check_log reads the head when there is no checkpoint
        return found
    shorter, longer = sorted((from_head, from_tiles), key=len)
    if longer[:len(shorter)] != shorter:
        raise Rejected(f"the published log {cut(published)}: its head ({len(from_head)} leaves) and its checkpoint "
                       f"({len(from_tiles)} leaves) describe different trees (neither is a prefix of the other): "
                       "get the log the programme publishes now")
    if len(from_head) != len(from_tiles):
        newer = "checkpoint and tiles" if len(from_tiles) > len(from_head) else "head and leaves"
        check.checked.append(f"programme log: the published head ({len(from_head)} leaves) and checkpoint "
                             f"({len(from_tiles)} leaves) are one log; the newer, its {newer}, is read")
    return longer


def check_published(head: dict[str, Any], trusted: set[str], published: Path,
                    check: CertificateCheck) -> list[bytes]:
    """The published log's leaves its signed head covers, once it is consistent with the
    certificate's head."""
    try:
        latest = logformat.load_head(read(published / logformat.HEAD, "published log head"), "the published log head")
        logformat.head_signer(latest, trusted, "the published log head")
        lines = read(published / logformat.LEAVES, "published log").split(b"\n")[:-1]
    except logformat.LogProblem as exc:
        raise Rejected(cut(str(exc))) from None
    hashes = [merkle.leaf_hash(line) for line in lines]
    size1, size2 = head["treeSize"], latest["treeSize"]
    if size2 > len(hashes) or merkle.root(hashes[:size2]) != bytes.fromhex(latest["rootHash"]):
        raise Rejected(f"the published log {cut(published)} does not match its signed head (size {size2})")
    if not size1 <= size2 or not merkle.verify_consistency(size1, size2, bytes.fromhex(head["rootHash"]),
                                                           bytes.fromhex(latest["rootHash"]),
                                                           merkle.consistency_proof(hashes[:size2], size1)):
        raise Rejected(f"the certificate's log head (size {size1}) is not a prefix of the published log's (size "
                       f"{size2}): the log was rewritten")
    check.checked.append(f"programme log: the certificate's head is consistent with the published head of {size2} "
                         "leaves (RFC 9162 consistency proof)")
    return lines[:size2]
