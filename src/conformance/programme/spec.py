"""The programme file: what a pilot program runs, over whom, and how (schemas/programme/)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog, load_yaml
from .._catalog.schemas import BASE_URI
from .._io.inputs import check_input_file, check_numbers
from ..errors import HarnessInputError, json_path

PROGRAMME_SCHEMA = BASE_URI + "programme/programme.json"
DEFAULT_CONCURRENCY = 2
DEFAULT_RUN_TIMEOUT_S = 1800.0
#: how long a programme tries to reach its Dask scheduler (dispatch.connect_timeout_s)
DEFAULT_CONNECT_TIMEOUT_S = 30.0
#: the largest run folder a Dask worker may send back through the engine (dispatch.result_limit_mb)
DEFAULT_RESULT_LIMIT_MB = 256
#: how many runs in a row of a watched participant may not observe its product before its
#: certificates are suspended (watch.suspend_after_unobserved): the programme's own choice, not
#: a cited number; three cycles tell a passing outage from a product kept out of sight
DEFAULT_UNOBSERVED_LIMIT = 3
#: what every run's process inherits: the harness's own settings, never a participant's
#: credentials (so no participant may declare one of them as its own)
HARNESS_ENV = frozenset({"PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP", "VIRTUAL_ENV", "PYTHONPATH",
                         "NO_COLOR", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
                         "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy", "SYSTEMROOT"})
HARNESS_ENV_PREFIXES = ("CONFORMANCE_", "LC_", "XDG_")


def _same(text: str | None) -> str:
    """A product's name or vendor as compared: case and runs of spaces do not make another."""
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class RegisteredProduct:
    """The product a participant registered with the programme: its runs must judge it."""

    name: str
    vendor: str
    #: the versions it may run as, a shell-style pattern (``2.*``); None: any
    version: str | None = None
    #: the DID the product acts as; when registered, its manifest must name the same
    did: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (_same(self.vendor), _same(self.name))

    def is_named(self, product: dict[str, Any]) -> bool:
        """Whether a manifest's ``product`` names this product (name and vendor)."""
        return (_same(product.get("vendor")), _same(product.get("name"))) == self.key

    def problem(self, product: dict[str, object]) -> str | None:
        """Why a manifest's ``product`` is not this product, or None."""
        if not self.is_named(product):
            return f"its manifest's product is {_said(product)}, not its registered product {_said(self.__dict__)}"
        if self.version is not None and not fnmatch.fnmatchcase(str(product.get("version", "")), self.version):
            return (f"its manifest's product version {product.get('version')!r} is not one registered for it "
                    f"({self.version!r})")
        if self.did is not None and product.get("did") != self.did:
            return f"its manifest's product DID {product.get('did')!r} is not the registered {self.did!r}"
        return None


def _said(product: dict[str, object]) -> str:
    return f"{product.get('name')!r} of vendor {product.get('vendor')!r}"


@dataclass(frozen=True)
class Participant:
    id: str
    manifest: Path
    #: the environment variables its run may read (its credentials)
    env: tuple[str, ...] = ()
    #: the product it registered (None: none registered)
    product: RegisteredProduct | None = None
    #: the assessment records its runs take (``--assessment``): manual requirements decided
    assessments: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Programme:
    path: Path
    id: str
    #: the title in English (a title given once is the same in both languages)
    title: str
    participants: tuple[Participant, ...]
    plan: Path | None = None
    signing_key: Path | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    run_timeout_s: float = DEFAULT_RUN_TIMEOUT_S
    #: a SQLite file, or a database URL (postgresql+psycopg://...)
    database: Path | str | None = None
    memory_limit_mb: int | None = None
    site_url: str | None = None
    #: the folder ``programme site`` publishes the site (and the log, in its ``log/``) to, when not
    #: the run folder's ``site/``; None: that default
    site_folder: Path | None = None
    certificate_validity_days: int = 365
    retired_keys: tuple[Path, ...] = ()
    #: when each of ``retired_keys`` was retired (RFC 3339, UTC ``Z``; None: not recorded)
    retired_since: tuple[str | None, ...] = ()
    #: how long each issue of the revocation status list is valid
    status_list_validity_hours: int = 24
    #: how participant runs are dispatched: "local" (a pool of threads waiting on children) or "dask"
    engine: str = "local"
    #: a Dask scheduler's address (tcp://host:8786); None: a local cluster of ``workers`` processes
    scheduler: str | None = None
    workers: int | None = None
    #: how long to try reaching ``scheduler`` before the programme gives up (one line, exit 2)
    connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S
    #: how a Dask run's reports reach the programme's run folder: "return" (packed with the
    #: task's result, written by the programme) or "shared" (written in place: a shared folder)
    results: str = "return"
    #: participant runs per Dask task: a number, or None to decide from the measured costs
    batch: int | None = None
    #: the largest run folder a worker may send back (MB, packed)
    result_limit_mb: int = DEFAULT_RESULT_LIMIT_MB
    #: the witnesses asked to cosign certificates' checkpoints: (url, cosignature verifier key)
    witnesses: tuple[tuple[str, str], ...] = ()
    #: ``programme watch``'s schedule (minutes between cycles; None: not scheduled) and whom it
    #: watches (empty: every participant holding a certificate)
    watch_interval_minutes: int | None = None
    watch_participants: tuple[str, ...] = ()
    #: how many of a watched participant's runs in a row may fail to observe its product (a
    #: broken manifest, an unreachable target, nothing answering) before its certificates are
    #: suspended: a product nobody can observe does not stay certified for ever
    watch_unobserved_limit: int = DEFAULT_UNOBSERVED_LIMIT
    #: the trust list of laboratories measured requirements are certified on, and its authority's did:key
    laboratories: Path | None = None
    laboratory_authority: str | None = None
    #: the title and the overview's description by language (``en``, ``zh``; no description: empty)
    titles: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """The title the pages of ``lang`` show."""
        return self.titles.get(lang) or self.title

    def description_in(self, lang: str) -> str | None:
        """The overview's paragraph in ``lang``, if the programme gives one."""
        return self.descriptions.get(lang) or self.descriptions.get("en")

    @property
    def history_path(self) -> Path | str:
        """The history database: a URL or a file named by the programme, or one file beside it."""
        return self.database or self.path.with_name(self.path.stem + ".history.sqlite")

    @property
    def lock_path(self) -> Path:
        """Held by a ``programme run``: beside a history file, or beside the programme when
        the history is a database server."""
        where = self.history_path
        return where.with_name(where.name + "-lock") if isinstance(where, Path) else \
            self.path.with_name(self.path.name + ".run-lock")

    def default_out(self) -> Path:
        """``reports/<programme id>`` in the working folder (where ``conformance run`` writes too)."""
        return Path("reports") / self.id

    def participant(self, participant_id: str) -> Participant:
        for p in self.participants:
            if p.id == participant_id:
                return p
        raise HarnessInputError(str(self.path), f"no participant {participant_id!r}",
                                "see the programme's participants")

    def product_problem(self, participant_id: str, product: dict[str, object]) -> str | None:
        """Why a participant's run, judging ``product`` (its manifest's), is not its own
        product's: not the product it registered, or a product another participant registered."""
        registered = self.participant(participant_id).product
        if registered is not None:
            return registered.problem(product)
        for other in self.participants:
            if other.id != participant_id and other.product is not None and other.product.is_named(product):
                return f"its manifest's product {_said(product)} is registered to participant {other.id}"
        return None


def _check_not_retired(path: Path, signing_key: Path, retired: list[Path]) -> None:
    """The key in use is not among the retired ones: everything it signed would be refused by
    every verifier as signed after its retirement (certificates, status lists), so the
    programme is refused before anything is signed."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from ..certification.attestation import load_private_key, load_public_key

    def raw(key: Ed25519PublicKey) -> bytes:
        return key.public_bytes(Encoding.Raw, PublicFormat.Raw)

    current = raw(load_private_key(signing_key, "signing_key").public_key())
    for index, named in enumerate(retired):
        if raw(load_public_key(named)) == current:
            raise HarnessInputError(f"{path} at $.retired_keys[{index}]", f"{named.name} is the public key of "
                                    "signing_key, the key in use: every certificate and status list it signs would "
                                    "be refused as signed after its retirement",
                                    "list only earlier keys under retired_keys, or sign with a new key "
                                    "(conformance keys generate)")


def load_programme(path: Path, catalog: Catalog) -> Programme:
    """Read and check a programme file: its schema, unique participant IDs, the files it names."""
    raw = load_yaml(path)
    check_numbers(raw, str(path))
    if isinstance(raw, dict) and isinstance(raw.get("retired_keys"), list):  # YAML reads a bare time as a datetime
        for entry in raw["retired_keys"]:
            if isinstance(entry, dict) and isinstance(entry.get("retired"), date):
                entry["retired"] = entry["retired"].isoformat()
    catalog.schemas.require_valid(raw, PROGRAMME_SCHEMA, str(path), "see `conformance show " + PROGRAMME_SCHEMA + "`")
    base = path.resolve().parent
    participants: list[Participant] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw["participants"]):
        where = f"{path} at $.participants[{index}]"
        if entry["id"] in seen:
            raise HarnessInputError(f"{where}.id", f"participant {entry['id']!r} is listed twice",
                                    "give each participant its own id")
        seen.add(entry["id"])
        manifest = base / entry["manifest"]
        _check_file(manifest, f"{where}.manifest", "name the participant's manifest")
        product = RegisteredProduct(**entry["product"]) if "product" in entry else None
        assessments = tuple(base / name for name in entry.get("assessments", ()))
        for k, named in enumerate(assessments):
            _check_file(named, f"{where}.assessments[{k}]", "name a signed assessment record "
                        "(conformance keys sign-assessment)")
        participants.append(Participant(entry["id"], manifest, tuple(entry.get("env", ())), product, assessments))
    _check_identities(path, participants)
    _check_credentials(path, participants)
    files: dict[str, Path | None] = {}
    for key, fix in (("plan", "name the certification plan"), ("signing_key", "see `conformance keys generate --out KEY`")):
        named = files[key] = base / raw[key] if key in raw else None
        if named is not None:
            _check_file(named, f"{path} at $.{key}", fix)
    retired = [base / (entry["key"] if isinstance(entry, dict) else entry) for entry in raw.get("retired_keys", ())]
    retired_since = tuple(_utc(entry["retired"], f"{path} at $.retired_keys[{index}].retired")
                          if isinstance(entry, dict) else None
                          for index, entry in enumerate(raw.get("retired_keys", ())))
    for index, named in enumerate(retired):
        _check_file(named, f"{path} at $.retired_keys[{index}]", "name an earlier key's KEY.pub")
    if retired and files["signing_key"] is not None:
        _check_not_retired(path, files["signing_key"], retired)
    if files["plan"] is not None:  # a bad plan is the programme's bad input, not each participant's
        from ..certification.plans import load_plan

        load_plan(files["plan"], catalog)
    return Programme(
        path=path, id=raw["id"], title=_bilingual(raw["title"])["en"], participants=tuple(participants),
        titles=_bilingual(raw["title"]),
        descriptions=_bilingual(raw["description"]) if "description" in raw else {},
        plan=files["plan"], signing_key=files["signing_key"],
        concurrency=raw.get("concurrency", DEFAULT_CONCURRENCY),
        run_timeout_s=float(raw.get("run_timeout_s", DEFAULT_RUN_TIMEOUT_S)),
        database=(raw["database"] if "://" in raw["database"] else base / raw["database"]) if "database" in raw
        else None,
        memory_limit_mb=raw.get("memory_limit_mb"),
        site_url=raw.get("site_url"),
        # as named (a link in it is the output guards' to judge), without the ../ of a relative one
        site_folder=Path(os.path.normpath(base / raw["site_folder"])) if "site_folder" in raw else None,
        certificate_validity_days=raw.get("certificate_validity_days", 365),
        retired_keys=tuple(retired),
        retired_since=retired_since,
        status_list_validity_hours=raw.get("status_list_validity_hours", 24),
        engine=raw.get("dispatch", {}).get("engine", "local"),
        scheduler=raw.get("dispatch", {}).get("scheduler"),
        workers=raw.get("dispatch", {}).get("workers"),
        connect_timeout_s=float(raw.get("dispatch", {}).get("connect_timeout_s", DEFAULT_CONNECT_TIMEOUT_S)),
        results=raw.get("dispatch", {}).get("results", "return"),
        batch=None if raw.get("dispatch", {}).get("batch", "auto") == "auto" else raw["dispatch"]["batch"],
        result_limit_mb=raw.get("dispatch", {}).get("result_limit_mb", DEFAULT_RESULT_LIMIT_MB),
        witnesses=_witnesses(path, raw.get("witnesses", ())),
        watch_interval_minutes=raw.get("watch", {}).get("interval_minutes"),
        watch_participants=_watched(path, raw.get("watch", {}).get("participants", ()), seen),
        watch_unobserved_limit=raw.get("watch", {}).get("suspend_after_unobserved", DEFAULT_UNOBSERVED_LIMIT),
        laboratories=_laboratories(path, base, raw),
        laboratory_authority=raw.get("laboratories", {}).get("authority"),
    )


def _laboratories(path: Path, base: Path, raw: dict[str, Any]) -> Path | None:
    if "laboratories" not in raw:
        return None
    named: Path = base / str(raw["laboratories"]["list"])
    _check_file(named, f"{path} at $.laboratories.list", "name the trust list of laboratories (conformance trust-list)")
    return named


def _watched(path: Path, named: list[str], participants: set[str]) -> tuple[str, ...]:
    for index, participant in enumerate(named):
        if participant not in participants:
            raise HarnessInputError(f"{path} at $.watch.participants[{index}]", f"no participant {participant!r}",
                                    "name participants of the programme")
    return tuple(named)


def _witnesses(path: Path, entries: list[dict[str, str]]) -> tuple[tuple[str, str], ...]:
    """Each witness's (url, key), its key a cosignature verifier key (one line otherwise)."""
    from .note import COSIGNATURE, NoteProblem, parse_vkey

    for index, entry in enumerate(entries):
        try:
            if parse_vkey(entry["key"]).kind != COSIGNATURE:
                raise NoteProblem("not a cosignature key (type 0x04)")
        except NoteProblem as exc:
            raise HarnessInputError(f"{path} at $.witnesses[{index}].key", str(exc),
                                    "give the witness's key as `conformance witness key` prints it") from None
    return tuple((entry["url"], entry["key"]) for entry in entries)


def _utc(value: str, where: str) -> str:
    """An RFC 3339 time as UTC text with ``Z`` (one without an offset is read as UTC)."""
    from ..certification.policy import when

    return when(value, where).astimezone(UTC).isoformat().replace("+00:00", "Z")


def _check_file(path: Path, where: str, fix: str) -> None:
    try:
        check_input_file(path)
    except HarnessInputError as exc:
        raise HarnessInputError(where, f"{path}: {exc.problem}", exc.fix or fix) from None


def _check_identities(path: Path, participants: list[Participant]) -> None:
    """No two participants register the same product (vendor and name) or the same DID."""
    # (vendor, name) pairs and DIDs in one table: a tuple never equals a string
    registered: dict[tuple[str, str] | str, str] = {}
    for index, p in enumerate(participants):
        if p.product is None:
            continue
        where = f"{path} at $.participants[{index}].product"
        keys: tuple[tuple[tuple[str, str] | str | None, str], ...] = (
            (p.product.key, f"product {_said(p.product.__dict__)}"), (p.product.did, f"DID {p.product.did}"))
        for key, what in keys:
            if key is None:
                continue
            if key in registered:
                raise HarnessInputError(where, f"participant {p.id} registers {what}, registered by participant "
                                        f"{registered[key]}", "a product is registered by one participant only")
            registered[key] = p.id


def _check_credentials(path: Path, participants: list[Participant]) -> None:
    """Each participant's credentials are its own: no variable is declared by two
    participants or is one every run sees (the harness's own), and no participant's manifest
    names a variable another participant declares. (A manifest that cannot be read is that
    participant's run's bad input, recorded when it runs.)"""
    owner: dict[str, str] = {}
    for index, p in enumerate(participants):
        for k, variable in enumerate(p.env):
            where = f"{path} at $.participants[{index}].env[{k}]"
            if variable in HARNESS_ENV or variable.startswith(HARNESS_ENV_PREFIXES):
                raise HarnessInputError(where, f"{variable} is one of the harness's own variables, which every run "
                                        "sees", "give the participant's credential a name of its own")
            if variable in owner:
                raise HarnessInputError(where, f"{variable} is declared by participant {owner[variable]} too",
                                        "give each participant's credentials variables of their own")
            owner[variable] = p.id
    for index, p in enumerate(participants):
        try:
            raw = load_yaml(p.manifest)
        except HarnessInputError:
            continue
        targets = raw.get("targets") if isinstance(raw, dict) else None
        if not isinstance(targets, dict):
            continue
        from ..adapters.credentials import named_variables

        for place, variable in named_variables(targets, ("targets",)):
            if owner.get(variable, p.id) != p.id:
                raise HarnessInputError(
                    f"{path} at $.participants[{index}]",
                    f"participant {p.id}'s manifest {p.manifest} names {variable} at {json_path(place)}, "
                    f"participant {owner[variable]}'s credential",
                    f"a participant's manifest names only the variables it declares under env; "
                    f"remove {p.id} or have it use its own",
                )


def _bilingual(value: str | dict[str, str]) -> dict[str, str]:
    """A text the schema allows as one string or as ``{en, zh}``, by language."""
    return dict(value) if isinstance(value, dict) else {"en": value, "zh": value}
