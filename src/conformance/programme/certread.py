"""What ``conformance verify`` reads of a certificate's files, and how a refusal is said: each
file whole, bounded (a regular file within the document cap, inside the run folder where a URL
maps into it) and strict JSON; every value a rejection quotes cut to an excerpt with its
length. Shared by the certificate's checks (:mod:`.certverify`, :mod:`.certlog`) and the trust
list's (:mod:`.trustverify`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import strictjson
from .._io.inputs import number_problems
from .._io.printable import clipped, excerpt
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, inside, read_capped
from ..errors import Rejected, json_path
from . import signing

if TYPE_CHECKING:
    from ..certification.policy import Condition


@dataclass
class CertificateCheck:
    issuer: str
    certificate: dict[str, Any]
    checked: list[str] = field(default_factory=list)
    #: the certification plan the signed report followed (id, version, program, sha256)
    plan: dict[str, Any] = field(default_factory=dict)
    #: the status list read: its signer (did:key), its proof's time, its validUntil
    status: dict[str, str] = field(default_factory=dict)
    #: the suspension list read, likewise (empty: the certificate has no suspension entry)
    suspension: dict[str, str] = field(default_factory=dict)
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
        return [f"verified: certificate {cut(self.certificate['id'])} issued by {self.issuer}",
                f"participant: {cut(subject.get('participant'))}",
                f"programme: {cut(programme.get('title'))} ({cut(programme.get('id'))}, "
                f"{cut(programme.get('url'))})",
                f"certification plan: {cut(plan.get('id'))} version {cut(plan.get('version') or '(none)')} of "
                f"{cut(plan.get('program'))} (sha256 {cut(plan.get('sha256'))})",
                f"product: {cut(product['name'])} {cut(product['version'])} ({cut(product.get('vendor', ''))})",
                "profiles: " + cut(", ".join(f"{p['id']} {p['version']}" for p in subject["profiles"])),
                f"valid: {cut(self.certificate['validFrom'])} to {cut(self.certificate['validUntil'])}",
                f"programme log: run {cut(subject['report'].get('run'))} is leaf {cut(self.log.get('index'))} "
                f"of the signed head of {cut(self.log.get('size'))} leaves (root {cut(self.log.get('root'))})",
                *(f"checked: {c}" for c in self.checked),
                *(f"{'met' if c.met else 'UNMET'}: {c.line}" for c in self.conditions)]


def cut(value: object) -> str:
    """``value`` as text, at most an excerpt of it (and its length) when long."""
    return clipped(value if isinstance(value, str) else str(value) if isinstance(value, Path) else excerpt(value))


def read(path: Path, what: str, root: Path | None = None) -> bytes:
    """The file whole: a regular file within the document cap (inside ``root`` if given)."""
    try:
        return read_capped(path, MAX_DOCUMENT_BYTES, root=root)
    except FileNotFoundError:
        raise Rejected(f"no {what} at {cut(path)} (give its local copy)") from None
    except OSError as exc:
        raise Rejected(f"the {what} {cut(path)} cannot be read: "
                       f"{cut(getattr(exc, 'problem', None) or exc.strerror or exc)}") from None



def signed_by_trusted(path: Path, what: str, root: Path | None, trusted: set[str]) -> tuple[Any, str]:
    """The document at ``path`` (read as :func:`load` reads it) and its signer, which must be
    one of the ``trusted`` programme keys; Rejected, naming ``what``, otherwise."""
    document = load(path, what, root)
    try:
        signer = signing.check_proof(document)
    except ValueError as exc:
        raise Rejected(f"the {what} {cut(path)}: {cut(str(exc))}") from None
    if signer not in trusted:
        raise Rejected(f"the {what} {cut(path)} is signed by {cut(signer)}, not by a trusted programme key")
    return document, signer

def load(path: Path, what: str, root: Path | None = None) -> Any:
    try:
        document = strictjson.loads(read(path, what, root))
    except strictjson.NotStrictJSON as exc:
        if exc.path is None:
            raise Rejected(f"the {what} {cut(path)} is not readable JSON ({cut(exc.problem)})") from None
        raise Rejected(f"the {what} {cut(path)} {cut(exc.text())}") from None
    for place, problem, _fix in number_problems(document):
        raise Rejected(f"the {what} {cut(path)} at {cut(json_path(place))}: {problem}")
    return document


def instant(value: object, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise Rejected(f"{name} {excerpt(value)} is not a date-time") from None
    if moment.tzinfo is None:
        raise Rejected(f"{name} {excerpt(value)} has no time zone")
    return moment


def local(url: str, base_url: str, run_folder: Path, what: str) -> Path:
    """Where the file at ``url`` is in the run folder: inside it, links and ``..`` resolved
    (Rejected otherwise, before anything is opened)."""
    if not isinstance(base_url, str) or not url.startswith(base_url):
        raise Rejected(f"the {what} {cut(url)} is not under the programme's URL {cut(base_url)}: "
                       "give its local copy")
    relative = url.removeprefix(base_url)
    path = run_folder / relative
    if not relative or "\0" in relative or Path(relative).is_absolute() or inside(path, run_folder) is None:
        raise Rejected(f"the {what} {cut(url)} leads outside the run folder {cut(run_folder)} "
                       "(a link, ../ or an absolute path): it is not read")
    return path



def canonical(value: object) -> bytes:
    from ..codecs.jcs import canonicalize

    return canonicalize(value)

