"""``conformance verify CERT --trust-list LIST --trust-list-key AUTH.pub``: accept a certificate
from any programme a recognising authority lists (:mod:`.trustlist`), with no programme key
given by hand.

The list first, all of it before anything the certificate says: signed by the authority's
key the relying party holds (and by no other), issued and not past its next update, and not
older than one already seen (``--trust-list-state``: the highest sequence number seen per
list, kept there; a lower one is a rollback, refused). Then the certificate's programme: the
list entry holding the key that signed it, of the same programme id the certificate names,
``recognised`` (not withdrawn), that key valid at the certificate's issue (its proof's
``created``: from ``validFrom``, before ``validUntil`` and before its retirement); the log
checkpoint the certificate carries is of the entry's log origin, signed by the entry's log
key and cosigned by the entry's quorum of its witnesses; the plan and catalog digest are ones
the entry certifies against. Then the certificate itself as ``verify --trust`` checks it,
with the entry's keys as the trusted ones (and the relying party's ``--witness-policy`` and
``--policy`` as ever).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .._io import strictjson
from .._io.outputs import atomic_write
from .._io.printable import clipped, printable
from .._io.vendorfiles import read_capped
from ..errors import ExitCode, HarnessInputError, Rejected
from . import note, signing, trustlist
from .certread import instant, load
from .certverify import verify_command
from .trustlist import TrustList, moment
from .witnesspolicy import WitnessPolicy

MAX_STATE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Recognised:
    """The list that was believed and the entry of the certificate's programme."""

    trust_list: TrustList
    path: Path
    entry: trustlist.ProgrammeEntry
    keys: list[Ed25519PublicKey]

    def lines(self) -> list[str]:
        issuer, entry = self.trust_list.issuer, self.entry
        return [f"trust list: {clipped(self.trust_list.id)} ({clipped(str(self.path))}) sequence "
                f"{self.trust_list.sequence}, issued by {clipped(issuer.name)} ({issuer.id}) at "
                f"{self.trust_list.issued}, next update {self.trust_list.nextUpdate}",
                f"recognised programme: {clipped(entry.name)} ({clipped(entry.id)}, {clipped(entry.jurisdiction)}), "
                f"recognised since {entry.statusSince or '(not recorded)'}"]

    def terms(self, certificate: dict[str, Any], plan: dict[str, Any]) -> list[str]:
        return check_listed_terms(self, certificate, plan)


def believed_list(path: Path, authority: Ed25519PublicKey, now: datetime, state: Path | None) -> TrustList:
    """The list at ``path``, when it holds for the relying party (Rejected otherwise); bad
    input (a malformed list or state file) is HarnessInputError."""
    trust_list, raw = trustlist.load_raw(path)
    try:
        signer = signing.check_proof(raw)
    except ValueError as exc:
        raise Rejected(f"the trust list {clipped(str(path))}: {clipped(str(exc))}") from None
    expected = signing.issuer_did(authority)
    if signer != expected:
        raise Rejected(f"the trust list {clipped(str(path))} is signed by {clipped(signer)}, not by the authority "
                       f"key given (--trust-list-key, {expected})")
    if trust_list.issued is None or trust_list.nextUpdate is None:
        raise Rejected(f"the trust list {clipped(str(path))} states no issue date or next update")
    if now < moment(trust_list.issued):
        raise Rejected(f"the trust list {clipped(str(path))} is issued at {trust_list.issued}, in the future")
    if now >= moment(trust_list.nextUpdate):
        raise Rejected(f"the trust list {clipped(str(path))} expired: its next update was due at "
                       f"{trust_list.nextUpdate}; get the list the authority publishes now")
    if state is not None:
        _check_sequence(state, trust_list)
    return trust_list


def _read_state(state: Path) -> dict[str, int]:
    if not state.exists():
        return {}
    try:
        seen = strictjson.loads(read_capped(state, MAX_STATE_BYTES))
    except (OSError, strictjson.NotStrictJSON) as exc:
        raise HarnessInputError(f"--trust-list-state {state}", f"cannot be read as JSON: {exc}",
                                "give the state file an earlier verify kept, or a new path") from None
    if not isinstance(seen, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in seen.values()):
        raise HarnessInputError(f"--trust-list-state {state}", "is not an object of list ids and sequence numbers",
                                "give the state file an earlier verify kept, or a new path")
    return seen


def _check_sequence(state: Path, trust_list: TrustList) -> None:
    """Refuse a list older than one seen; remember this one's sequence when it is the newest."""
    seen = _read_state(state)
    highest = seen.get(trust_list.id, 0)
    if trust_list.sequence < highest:
        raise Rejected(f"the trust list {clipped(trust_list.id)} has sequence number {trust_list.sequence}, lower than "
                       f"{highest} seen before ({clipped(str(state))}): an older list given back (a rollback)")
    if trust_list.sequence > highest:
        atomic_write(state, orjson.dumps({**seen, trust_list.id: trust_list.sequence}, option=orjson.OPT_INDENT_2))


def recognise(certificate_path: Path, trust_list: TrustList, path: Path) -> Recognised:
    """The list's entry for the programme that issued the certificate; Rejected with the
    reason when none recognises it at the certificate's issue."""
    cert = load(certificate_path, "certificate")
    try:
        issuer = signing.check_proof(cert)
    except ValueError as exc:
        raise Rejected(f"the certificate {clipped(str(certificate_path))}: {clipped(str(exc))}") from None
    holders = [e for e in trust_list.programmes if any(k.id == issuer for k in e.keys)]
    if not holders:
        raise Rejected(f"issued by {clipped(issuer)}, a key no programme on the trust list {clipped(trust_list.id)} "
                       "holds")
    subject = cert.get("credentialSubject")
    named = subject.get("programme") if isinstance(subject, dict) else None
    claimed, url = (named.get("id"), named.get("url")) if isinstance(named, dict) else (None, None)
    entry = next((e for e in holders if e.id == claimed), None)
    if entry is None:
        raise Rejected(f"it names the programme {clipped(str(claimed))}, but its key is listed for "
                       f"{clipped(', '.join(e.id for e in holders))} on the trust list {clipped(trust_list.id)}")
    if url != entry.url:  # its status list and report are found under that URL
        raise Rejected(f"it names the programme's URL {clipped(str(url))}; the trust list names {clipped(entry.url)}")
    if entry.status != trustlist.RECOGNISED:
        raise Rejected(f"the programme {clipped(entry.id)} is withdrawn from the trust list {clipped(trust_list.id)} "
                       f"since {entry.statusSince or '(not recorded)'}")
    issued = instant(cert["proof"].get("created"), "the proof's created")
    key = next(k for k in entry.keys if k.id == issuer)
    end = key.end()
    if issued < moment(key.validFrom) or (end is not None and issued >= end):
        raise Rejected(f"signed at {trustlist.timestamp(issued)} by {clipped(issuer)}, outside that key's validity on "
                       f"the trust list ({key.validFrom} to {trustlist.timestamp(end) if end else 'open'}"
                       f"{', retired ' + key.retired if key.retired else ''})")
    keys = [signing.key_of_method(f"{k.id}#{k.id.removeprefix('did:key:')}") for k in entry.keys]
    return Recognised(trust_list, path, entry, keys)


def check_listed_terms(recognised: Recognised, certificate: dict[str, Any], plan: dict[str, Any]) -> list[str]:
    """The certificate against what its entry certifies against: its checkpoint of the entry's
    log (signed by the entry's log key, cosigned by its quorum of witnesses), its plan and its
    catalog digest; the lines verify prints, Rejected otherwise."""
    entry, subject = recognised.entry, certificate["credentialSubject"]
    carried = subject["programmeLog"].get("checkpoint")
    if not isinstance(carried, str):
        raise Rejected("it carries no tlog-checkpoint (programmeLog.checkpoint) to check against the listed log")
    log_key = note.parse_vkey(entry.log.verifierKey)
    if log_key.name != entry.log.origin:
        raise Rejected(f"the trust list's log key for {clipped(entry.id)} is named {clipped(log_key.name)}, not its "
                       f"origin {clipped(entry.log.origin)}")
    witnesses = tuple(note.parse_vkey(w) for w in entry.witnesses)
    try:
        if entry.quorum:
            cosigned = WitnessPolicy(witnesses, entry.quorum).check(carried.encode(), entry.log.origin,
                                                                    [log_key.public])
        else:
            from .checkpoint import open_checkpoint

            open_checkpoint(carried.encode(), entry.log.origin, [log_key.public])
            cosigned = {}
    except note.NoteProblem as exc:
        raise Rejected(f"the certificate's checkpoint, against the trust list's log of {clipped(entry.id)}: "
                       f"{clipped(str(exc))}") from None
    plans = {(p.id, p.sha256) for p in entry.plans}
    if (plan.get("id"), plan.get("sha256")) not in plans:
        raise Rejected(f"certified under the plan {clipped(str(plan.get('id')))} (sha256 "
                       f"{clipped(str(plan.get('sha256')))}), which the trust list does not list for "
                       f"{clipped(entry.id)}")
    digest = subject.get("catalogDigest")
    if digest not in entry.catalogDigests:
        raise Rejected(f"certified against catalog {clipped(str(digest))}, which the trust list does not list for "
                       f"{clipped(entry.id)}")
    return [f"listed log: its checkpoint is of {entry.log.origin}, signed by the listed log key" +
            (f", cosigned by {len(cosigned)} of the {len(witnesses)} listed witnesses ({entry.quorum} needed)"
             if entry.quorum else ""),
            "listed terms: its plan and catalog digest are ones the programme is recognised for"]


def now() -> datetime:
    return datetime.now(UTC)


def recognise_for(args: Any, trusted: list[Ed25519PublicKey], moment_now: datetime | None = None) -> Recognised:
    """``verify``'s trust-list options read, the list believed and the certificate's programme
    found on it (Rejected otherwise); the options' misuse is bad input."""
    from ..certification.attestation import load_public_key

    if trusted:
        raise HarnessInputError("--trust", "given with --trust-list: the list names the programmes' keys",
                                "give --trust-list and --trust-list-key, or --trust alone")
    if args.trust_list_key is None:
        raise HarnessInputError("--trust-list", "given without --trust-list-key",
                                "give the recognising authority's public key, --trust-list-key AUTH.pub")
    authority = load_public_key(args.trust_list_key)
    believed = believed_list(args.trust_list, authority, moment_now or now(),
                             getattr(args, "trust_list_state", None))
    return recognise(args.report_dir, believed, args.trust_list)


def verify_listed(args: Any, trusted: list[Ed25519PublicKey], console: Any, policy: Any = None) -> int:
    """``verify CERT --trust-list LIST``: 0 accepted, 1 refused (one line), 4 a policy condition unmet."""

    try:
        listed = recognise_for(args, trusted)
    except Rejected as exc:
        console.out(printable(f"rejected: {exc}"), highlight=False)
        return ExitCode.REJECTED
    return verify_command(args, listed.keys, console, policy, listed)
