"""``conformance trust-list init | entry | add | remove | add-laboratory | remove-laboratory |
sign`` (:mod:`.trustlist`; the arguments are parsed in :mod:`.trustlistparsers`).

The programme and the authority each do their part with their own key: ``entry`` is run by
the programme (it reads the programme file and its key, and writes only public keys, signed
with the programme's current key: proof that whoever submits it holds that key); ``add``
checks that signature before taking the entry in; ``sign`` is the authority's. A test
laboratory is added from the entry the authority writes from its accreditation certificate
(``add-laboratory``: its did:keys, the accrediting body and number, the ISO/IEC 17025 scope as
requirement IDs of the catalog) and withdrawn by ``remove-laboratory``; its records prove its key
(each is signed with it, :mod:`conformance.certification.labrecords`). Every write is whole or
nothing; ``init`` never overwrites.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from .._io.printable import printable
from ..errors import ExitCode, HarnessInputError
from . import checkpoint, note, signing, trustlist
from .trustlist import TrustList, timestamp


def cmd_trust_list(args: argparse.Namespace, console: Any, now: datetime | None = None) -> int:
    moment = now or datetime.now(UTC)
    command = args.trust_list_command
    if command == "init":
        from .._io.outputs import atomic_write

        blank = TrustList(type=trustlist.LIST_TYPE, id=args.id, issuer=trustlist.Issuer(name=args.authority),
                          sequence=0)
        import orjson

        atomic_write(args.list, orjson.dumps(trustlist.document(blank), option=orjson.OPT_INDENT_2) + b"\n",
                     exclusive=True, what=f"LIST {args.list}")
        said = f"started the trust list {args.id} in {args.list} (unsigned: add programmes, then sign)"
    elif command == "entry":
        said = _entry(args, moment)
    elif command == "add":
        said = _add(args, moment)
    elif command == "remove":
        said = _remove(args, moment)
    elif command == "add-laboratory":
        said = _add_laboratory(args, moment)
    elif command == "remove-laboratory":
        said = _remove_laboratory(args, moment)
    else:
        said = _sign(args, moment)
    console.out(printable(said), highlight=False)
    return ExitCode.OK


def _entry(args: argparse.Namespace, moment: datetime) -> str:
    from .._catalog.catalog import load_catalog
    from ..certification.attestation import load_private_key, load_public_key
    from ..certification.plans import load_plan
    from .spec import load_programme

    catalog = load_catalog(lazy=True)
    programme = load_programme(args.programme, catalog)
    for name, value in (("signing_key", programme.signing_key), ("plan", programme.plan),
                        ("site_url", programme.site_url)):
        if value is None:
            raise HarnessInputError(f"{args.programme} at $.{name}", "a programme on a trust list certifies: it "
                                    "needs it", "name it in the programme file (docs/programme.md)")
    assert programme.signing_key and programme.plan
    key = load_private_key(programme.signing_key, "signing_key")
    plan = load_plan(programme.plan, catalog)
    since = _time(args.valid_from, "--valid-from") if args.valid_from else timestamp(moment)
    keys = [{"id": signing.issuer_did(key.public_key()), "validFrom": since}]
    for path, retired in zip(programme.retired_keys, programme.retired_since, strict=False):
        keys.append({"id": signing.issuer_did(load_public_key(path)), "validFrom": since,
                     **({"retired": retired} if retired else {})})
    origin = checkpoint.log_origin(programme.id, programme.site_url)
    witnesses = [vkey for _url, vkey in programme.witnesses]
    quorum = args.quorum if args.quorum is not None else (len(witnesses) // 2 + 1 if witnesses else 0)
    if not 0 <= quorum <= len(witnesses):
        raise HarnessInputError(f"--quorum {quorum}", f"is not between 0 and the programme's {len(witnesses)} "
                                "witnesses", "give at most as many as the programme file names")
    entry = {"id": programme.id, "name": args.name or programme.title, "jurisdiction": args.jurisdiction,
             "url": programme.site_url, "keys": keys,
             "log": {"origin": origin, "verifierKey": checkpoint.verifier_key(origin, key.public_key()).vkey()},
             "witnesses": witnesses, "quorum": quorum, "plans": [{"id": plan.id, "sha256": plan.sha256}],
             "catalogDigests": [catalog.digest]}
    trustlist.ProgrammeEntry.model_validate(entry)  # what add will read back
    document = {"type": trustlist.ENTRY_TYPE, "issuer": keys[0]["id"], "programme": entry}
    trustlist.save(args.out, signing.add_proof(document, key, timestamp(moment)))
    return f"wrote {programme.id}'s entry, signed by its key {keys[0]['id']}, to {args.out}: give it to the authority"


def _time(text: str, option: str) -> str:
    try:
        return trustlist._instant(text)
    except ValueError:
        raise HarnessInputError(f"{option} {text[:40]!r}", "is not an RFC 3339 UTC date-time",
                                "write it as 2026-01-31T00:00:00Z") from None


def _add(args: argparse.Namespace, moment: datetime) -> str:
    listed = trustlist.load(args.list, "LIST")
    entry, raw = trustlist.load_entry(args.entry)
    try:
        signer = signing.check_proof(raw)
    except ValueError as exc:
        raise HarnessInputError(f"ENTRY {args.entry}", str(exc)[:200], "ask the programme for its entry as "
                                "`conformance trust-list entry` signs it") from None
    usable = [k for k in entry.programme.keys if k.retired is None and k.validUntil is None]
    if signer not in {k.id for k in usable}:
        raise HarnessInputError(f"ENTRY {args.entry}", f"is signed by {signer}, not by a current key it lists",
                                "ask the programme for its entry signed with its current key")
    if note.parse_vkey(entry.programme.log.verifierKey).name != entry.programme.log.origin:
        raise HarnessInputError(f"ENTRY {args.entry} at $.programme.log", "its key is not named by its origin",
                                "ask the programme for a new entry")
    taken = {k.id: p.id for p in listed.programmes if p.id != entry.programme.id for k in p.keys}
    shared = [k.id for k in entry.programme.keys if k.id in taken]
    if shared:  # one key, two programmes: a certificate by it could be claimed for either
        raise HarnessInputError(f"ENTRY {args.entry} at $.programme.keys", f"{shared[0]} is listed for the "
                                f"programme {taken[shared[0]]} already", "a programme signs with keys of its own")
    replacing = _refuse_taking_over(listed, entry.programme, signer, f"ENTRY {args.entry}",
                                    getattr(args, "replaces", None), getattr(args, "because", None))
    update: dict[str, Any] = {"status": trustlist.RECOGNISED, "statusSince": timestamp(moment)}
    if replacing is not None:
        update["replaces"] = trustlist.Replacement(key=replacing, reason=args.because, since=timestamp(moment))
    programme = entry.programme.model_copy(update=update)
    others = [p for p in listed.programmes if p.id != programme.id]
    replaced = len(others) != len(listed.programmes)
    trustlist.save(args.list, trustlist.edited(listed, programmes=[
        *(p.model_dump(mode="json", exclude_none=True) for p in others),
        programme.model_dump(mode="json", exclude_none=True)]))
    because = "" if replacing is None else f" (its key {replacing} replaced by the authority: {args.because})"
    return (f"{'replaced' if replaced else 'added'} {programme.id} ({programme.name}, {programme.jurisdiction}) "
            f"in {args.list}{because}; unsigned until `conformance trust-list sign`")


def _origin(url: str) -> str:
    """A site URL's origin (scheme, host, port), as compared: case does not make another."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{(parts.netloc or parts.path).lower().rstrip('/')}"


def _refuse_taking_over(listed: TrustList, new: trustlist.ProgrammeEntry, signer: str, where: str,
                        replaces: str | None, because: str | None) -> str | None:
    """An entry changes only with its programme's key: one whose id, site origin or log origin
    is listed already must be signed by a key the listed entry holds (not retired, not
    expired), else anyone could sign an entry under another programme's name and take its
    place, its genuine certificates refused and the newcomer's accepted. Only the list's
    authority replaces it otherwise, naming the old key and why (``--replaces KEY --because
    WHY``, recorded in the entry it signs). The key replaced, if any; HarnessInputError."""
    for held in listed.programmes:
        same = "id" if held.id == new.id else "site origin" if _origin(held.url) == _origin(new.url) else \
            "log origin" if held.log.origin == new.log.origin else None
        if same is None:
            continue
        keys = {k.id for k in held.keys if k.retired is None and k.validUntil is None}
        if signer in keys and held.id == new.id:
            continue  # the programme itself, with a key it holds: its own entry, renewed
        if replaces is not None and replaces in {k.id for k in held.keys} and held.id == new.id:
            if not because or not because.strip() or len(because) > 200:
                raise HarnessInputError("--because", "is missing or longer than 200 characters",
                                        "say in a line why the authority replaces the key")
            return replaces
        shared = _origin(new.url) if same == "site origin" else new.log.origin
        place = "" if same == "id" else f" by its {same} ({shared})"
        raise HarnessInputError(where, f"names the programme {held.id}{place}, listed already under other keys; it "
                                f"is signed by {signer[:80]}, not by one of them", "the listed programme signs its "
                                "new entry with a key the list holds for it, or the authority replaces it naming "
                                "the old key and why (--replaces KEY --because WHY)")
    if replaces is not None:
        raise HarnessInputError(f"--replaces {replaces[:80]}", f"is not a key of the programme {new.id} on the list",
                                "name the key the list holds for it")
    return None


def _remove(args: argparse.Namespace, moment: datetime) -> str:
    listed = trustlist.load(args.list, "LIST")
    entry = listed.programme(args.programme_id)
    if entry is None:
        known = ", ".join(p.id for p in listed.programmes) or "none"
        raise HarnessInputError(f"PROGRAMME_ID {args.programme_id[:80]!r}", f"is not on the list {args.list}",
                                f"give one of: {known[:200]}")
    withdrawn = entry.model_copy(update={"status": trustlist.WITHDRAWN, "statusSince": timestamp(moment)})
    trustlist.save(args.list, trustlist.edited(listed, programmes=[
        (withdrawn if p.id == entry.id else p).model_dump(mode="json", exclude_none=True)
        for p in listed.programmes]))
    return (f"withdrew {entry.id} from {args.list} at {timestamp(moment)}; relying parties refuse its certificates "
            "once the list is signed again")


def _add_laboratory(args: argparse.Namespace, moment: datetime) -> str:
    from .._catalog.catalog import load_catalog

    listed = trustlist.load(args.list, "LIST")
    lab = trustlist.load_laboratory(args.laboratory)
    where = f"LABORATORY {args.laboratory}"
    requirements = load_catalog(lazy=True).requirements
    unknown = [r for r in lab.accreditation.scope if r not in requirements]
    if unknown:
        raise HarnessInputError(f"{where} at $.accreditation.scope", f"{unknown[0]} is no requirement of the catalog",
                                "list the requirement IDs the accreditation covers (conformance list requirements)")
    others = [existing for existing in listed.laboratories or () if existing.id != lab.id]
    taken = {k.id: f"the laboratory {other.id}" for other in others for k in other.keys} | \
        {k.id: f"the programme {p.id}" for p in listed.programmes for k in p.keys}
    shared = [k.id for k in lab.keys if k.id in taken]
    if shared:  # one key, two parties: a record signed by it could be claimed for either
        raise HarnessInputError(f"{where} at $.keys", f"{shared[0]} is listed for {taken[shared[0]]} already",
                                "a laboratory signs with keys of its own")
    added = lab.model_copy(update={"status": trustlist.RECOGNISED, "statusSince": timestamp(moment)})
    replaced = len(others) != len(listed.laboratories or ())
    trustlist.save(args.list, trustlist.edited(listed, laboratories=[
        *(other.model_dump(mode="json", exclude_none=True) for other in others),
        added.model_dump(mode="json", exclude_none=True)]))
    accreditation = lab.accreditation
    return (f"{'replaced' if replaced else 'added'} the laboratory {lab.id} ({lab.name}, {accreditation.body} "
            f"{accreditation.number}, {len(accreditation.scope)} requirements in scope until "
            f"{accreditation.validUntil}) in {args.list}; unsigned until `conformance trust-list sign`")


def _remove_laboratory(args: argparse.Namespace, moment: datetime) -> str:
    listed = trustlist.load(args.list, "LIST")
    labs = listed.laboratories or []
    lab = next((existing for existing in labs if existing.id == args.laboratory_id), None)
    if lab is None:
        known = ", ".join(existing.id for existing in labs) or "none"
        raise HarnessInputError(f"LABORATORY_ID {args.laboratory_id[:80]!r}", f"is not on the list {args.list}",
                                f"give one of: {known[:200]}")
    withdrawn = lab.model_copy(update={"status": trustlist.WITHDRAWN, "statusSince": timestamp(moment)})
    trustlist.save(args.list, trustlist.edited(listed, laboratories=[
        (withdrawn if existing.id == lab.id else existing).model_dump(mode="json", exclude_none=True)
        for existing in labs]))
    return (f"withdrew the laboratory {lab.id} from {args.list} at {timestamp(moment)}; programmes refuse its "
            "records once the list is signed again")


def _sign(args: argparse.Namespace, moment: datetime) -> str:
    from ..certification.attestation import load_private_key

    if not 0 < args.next_update_days <= 366:
        raise HarnessInputError(f"--next-update-days {args.next_update_days}", "is not between 1 and 366",
                                "give how many days the list may be relied on")
    listed = trustlist.load(args.list, "LIST")
    key = load_private_key(args.key, "--key")
    issued = trustlist.signed(listed, key, moment, args.next_update_days)
    trustlist.save(args.list, issued)
    labs = f", {len(listed.laboratories)} laboratories" if listed.laboratories else ""
    return (f"signed {listed.id} sequence {issued['sequence']} ({len(listed.programmes)} programmes{labs}), next update "
            f"due {issued['nextUpdate']}, by {issued['issuer']['id']}")
