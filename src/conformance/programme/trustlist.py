"""A trust list: the programmes a recognising authority recognises, and the test laboratories
whose measurements they certify on, signed by the authority.

Modelled on the EU trusted lists (ETSI TS 119 612) and the Trust over IP Trust Registry
Query Protocol (TRQP): the list says, for a relying party in any city, which programmes'
certificates count, with which keys, logs and witnesses, and since when. What it carries,
and where the model comes from (docs/certification.md, "Programmes that recognise each
other"):

- the list's ``id``, its ``sequence`` number (ETSI TS 119 612 clause 5.3.2, TSL sequence
  number: one higher on each issue, so a relying party can refuse an older list given back
  to it), ``issued`` and ``nextUpdate`` (clauses 5.3.14 and 5.3.15: a list past its next
  update is not relied on), and its ``issuer``: the authority's name and did:key, whose key
  signs the whole list (clause 5.7; here an ``eddsa-jcs-2022`` Data Integrity proof);
- per programme (a "trust service" of clause 5.5 / a recognised authority in TRQP's
  recognition query): ``id``, ``name``, ``jurisdiction``, its signing ``keys`` each with
  ``validFrom``, ``validUntil`` and ``retired``, its log's ``origin`` and C2SP verifier key,
  its witnesses' cosignature keys and the ``quorum`` of them a checkpoint needs, the
  ``plans`` (id and sha256) and ``catalogDigests`` it certifies against, and its ``status``
  (``recognised`` or ``withdrawn``) with ``statusSince`` (clauses 5.5.4 and 5.5.5).

- per laboratory (``laboratories``, optional): ``id``, ``name``, its signing ``keys`` (as a
  programme's: ``validFrom``, ``validUntil``, ``retired``), its ISO/IEC 17025 ``accreditation``
  (``body``, ``number``, the ``scope`` of requirement IDs it may measure, ``validFrom`` and
  ``validUntil``) and its ``status``; a programme certifies a measured requirement only on a
  record one of them signed (:mod:`.labtrust`).

Read strictly: a member the model does not know, a missing one, a date without a zone or a
key that is not an Ed25519 did:key is bad input (one line, the place in the file).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Final, Literal

import orjson
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .._io import strictjson
from .._io.outputs import atomic_write
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..errors import HarnessInputError
from . import note, signing

LIST_TYPE: Final = "ConformanceProgrammeTrustList"
ENTRY_TYPE: Final = "ConformanceProgrammeTrustListEntry"
RECOGNISED: Final = "recognised"
WITHDRAWN: Final = "withdrawn"


def _instant(text: str) -> str:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))  # ValueError: pydantic reports the place
    if moment.tzinfo is None or not text.endswith("Z"):
        raise ValueError("not an RFC 3339 UTC date-time ending in Z")
    return text


def _did_key(text: str) -> str:
    signing.key_of_method(f"{text}#{text.removeprefix('did:key:')}")  # ValueError unless an Ed25519 did:key
    return text


def _vkey(kind: int) -> Any:
    def check(text: str) -> str:
        try:
            key = note.parse_vkey(text)
        except note.NoteProblem as exc:
            raise ValueError(str(exc)) from None
        if key.kind != kind:
            raise ValueError(f"not a {'cosignature (0x04)' if kind == note.COSIGNATURE else 'log (0x01)'} "
                             "verifier key")
        return text
    return AfterValidator(check)


Instant = Annotated[str, AfterValidator(_instant)]
DidKey = Annotated[str, AfterValidator(_did_key)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Digest = Annotated[str, Field(pattern=r"^(sha256:)?[0-9a-f]{64}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ProgrammeKey(Strict):
    id: DidKey
    validFrom: Instant
    validUntil: Instant | None = None
    #: from this instant on, nothing it signs counts (a retired key's earlier certificates still do)
    retired: Instant | None = None

    def end(self) -> datetime | None:
        ends = [moment(t) for t in (self.validUntil, self.retired) if t is not None]
        return min(ends) if ends else None


class Log(Strict):
    origin: Name
    verifierKey: Annotated[str, _vkey(note.ED25519)]


class Plan(Strict):
    id: Name
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Replacement(Strict):
    """The list authority's replacement of a programme's entry by one signed with keys the list
    did not hold for it (the programme lost its key): the old key it replaces and why."""

    key: DidKey
    reason: Name
    since: Instant


class ProgrammeEntry(Strict):
    id: Name
    name: Name
    jurisdiction: Name
    url: Name
    keys: Annotated[list[ProgrammeKey], Field(min_length=1, max_length=50)]
    log: Log
    witnesses: Annotated[list[Annotated[str, _vkey(note.COSIGNATURE)]], Field(max_length=50)] = []
    quorum: Annotated[int, Field(ge=0, le=50)] = 0
    plans: Annotated[list[Plan], Field(min_length=1, max_length=50)]
    catalogDigests: Annotated[list[Digest], Field(min_length=1, max_length=50)]
    status: Literal["recognised", "withdrawn"] = RECOGNISED
    statusSince: Instant | None = None
    replaces: Replacement | None = None


RequirementId = Annotated[str, Field(pattern=r"^[A-Z]{2,5}-[A-Z0-9]{2,8}-[0-9]{3}$")]


class Accreditation(Strict):
    """A laboratory's ISO/IEC 17025 accreditation: who accredited it, the certificate, its scope
    (the requirement IDs whose measurements it may sign) and its validity."""

    body: Name
    number: Name
    standard: Literal["ISO/IEC 17025:2017"] = "ISO/IEC 17025:2017"
    scope: Annotated[list[RequirementId], Field(min_length=1, max_length=500)]
    validFrom: Instant
    validUntil: Instant


class LaboratoryEntry(Strict):
    """A test laboratory whose signed records (conformance lab sign) a programme certifies on."""

    id: Name
    name: Name
    keys: Annotated[list[ProgrammeKey], Field(min_length=1, max_length=50)]
    accreditation: Accreditation
    status: Literal["recognised", "withdrawn"] = RECOGNISED
    statusSince: Instant | None = None

    def key(self, did: str) -> ProgrammeKey | None:
        return next((k for k in self.keys if k.id == did), None)


class Issuer(Strict):
    id: DidKey | None = None
    name: Name


class TrustList(Strict):
    type: Literal["ConformanceProgrammeTrustList"]
    id: Name
    issuer: Issuer
    sequence: Annotated[int, Field(ge=0, le=2**53)]
    issued: Instant | None = None
    nextUpdate: Instant | None = None
    programmes: Annotated[list[ProgrammeEntry], Field(max_length=1000)] = []
    #: test laboratories beside the programmes (None: the list names none; left out when written)
    laboratories: Annotated[list[LaboratoryEntry], Field(max_length=1000)] | None = None
    proof: dict[str, Any] | None = None

    def programme(self, programme_id: str) -> ProgrammeEntry | None:
        return next((p for p in self.programmes if p.id == programme_id), None)

    def laboratory_of(self, did: str) -> LaboratoryEntry | None:
        """The laboratory one of whose keys (current or retired) is ``did``."""
        return next((lab for lab in self.laboratories or () if lab.key(did) is not None), None)


class EntryDocument(Strict):
    """What a programme hands the authority: its entry, signed by its own current key."""

    type: Literal["ConformanceProgrammeTrustListEntry"]
    issuer: DidKey
    programme: ProgrammeEntry
    proof: dict[str, Any]


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def timestamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _document(path: Path, what: str) -> Any:
    try:
        data = read_capped(path, MAX_DOCUMENT_BYTES)
    except FileNotFoundError:
        raise HarnessInputError(f"{what} {path}", "no such file", f"give the {what.lstrip('-').replace('-', ' ')} "
                                "file") from None
    except OSError as exc:
        raise HarnessInputError(f"{what} {path}", f"cannot be read: {getattr(exc, 'problem', None) or exc}",
                                "give a regular file within the document size limit") from None
    try:
        return strictjson.loads(data)
    except strictjson.NotStrictJSON as exc:
        raise HarnessInputError(f"{what} {path}", f"is not strict JSON: {exc.text() if exc.path else exc.problem}",
                                "give the JSON file `conformance trust-list` wrote") from None


def _parse(model: type[Strict], path: Path, what: str) -> Any:
    return parse_raw(model, _document(path, what), path, what)


def parse_raw(model: type[Strict], raw: object, path: Path, what: str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()  # a member the format does not have first: most likely a misspelt one
        error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        place = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
        problem = "is a member the format does not have" if error["type"] == "extra_forbidden" else error["msg"]
        raise HarnessInputError(f"{what} {path} at {place[:120]}", problem[:200],
                                "write the list with `conformance trust-list init --id ID --authority NAME LIST.json` (docs/certification.md)") from None


def load(path: Path, what: str = "--trust-list") -> TrustList:
    """The trust list at ``path``; HarnessInputError (one line) when it is not one."""
    return load_raw(path, what)[0]


def load_raw(path: Path, what: str = "--trust-list") -> tuple[TrustList, dict[str, Any]]:
    """The trust list at ``path`` and the document as read (what its signature covers)."""
    raw = _document(path, what)
    trust_list: TrustList = parse_raw(TrustList, raw, path, what)
    ids = [p.id for p in trust_list.programmes]
    if len(set(ids)) != len(ids):
        raise HarnessInputError(f"{what} {path} at $.programmes", "a programme is listed twice", "list each once")
    labs = [lab.id for lab in trust_list.laboratories or ()]
    if len(set(labs)) != len(labs):
        raise HarnessInputError(f"{what} {path} at $.laboratories", "a laboratory is listed twice", "list each once")
    return trust_list, raw


def load_laboratory(path: Path) -> LaboratoryEntry:
    """A laboratory's entry as the authority writes it (JSON: id, name, keys, accreditation);
    HarnessInputError (one line, the place) when it is not one."""
    lab: LaboratoryEntry = _parse(LaboratoryEntry, path, "LABORATORY")
    accreditation = lab.accreditation
    if moment(accreditation.validUntil) <= moment(accreditation.validFrom):
        raise HarnessInputError(f"LABORATORY {path} at $.accreditation.validUntil",
                                f"{accreditation.validUntil} is not after validFrom {accreditation.validFrom}",
                                "copy the dates from the accreditation certificate")
    return lab


def load_entry(path: Path) -> tuple[EntryDocument, dict[str, Any]]:
    raw = _document(path, "ENTRY")
    entry: EntryDocument = parse_raw(EntryDocument, raw, path, "ENTRY")
    return entry, raw


def document(trust_list: TrustList) -> dict[str, Any]:
    return trust_list.model_dump(mode="json", exclude_none=True)


def save(path: Path, trust_list: TrustList | dict[str, Any]) -> None:
    data = trust_list if isinstance(trust_list, dict) else document(trust_list)
    atomic_write(path, orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def signed(trust_list: TrustList, key: Any, now: datetime, valid_days: int) -> dict[str, Any]:
    """The list issued: its sequence one higher, issued now, its next update ``valid_days``
    later, the authority's did:key as issuer, and its proof by ``key``."""
    from datetime import timedelta

    issuer = {"id": signing.issuer_did(key.public_key()), "name": trust_list.issuer.name}
    unsigned = {**document(trust_list), "issuer": issuer, "sequence": trust_list.sequence + 1,
                "issued": timestamp(now), "nextUpdate": timestamp(now + timedelta(days=valid_days))}
    unsigned.pop("proof", None)
    return signing.add_proof(unsigned, key, timestamp(now))


def edited(trust_list: TrustList, **changes: object) -> dict[str, Any]:
    """The list with ``changes``, unsigned (an edit needs the authority's signature again)."""
    data = {**document(trust_list), **changes}
    data.pop("proof", None)
    return data
