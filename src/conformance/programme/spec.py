"""The programme file: what a pilot program runs, over whom, and how (schemas/programme/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .._catalog.catalog import Catalog, load_yaml
from .._catalog.schemas import BASE_URI
from .._io.inputs import check_input_file, check_numbers
from ..errors import HarnessInputError

PROGRAMME_SCHEMA = BASE_URI + "programme/programme.json"
DEFAULT_CONCURRENCY = 2
DEFAULT_RUN_TIMEOUT_S = 1800.0
#: how long a programme tries to reach its Dask scheduler (dispatch.connect_timeout_s)
DEFAULT_CONNECT_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Participant:
    id: str
    manifest: Path
    #: the environment variables its run may read (its credentials)
    env: tuple[str, ...] = ()


@dataclass(frozen=True)
class Programme:
    path: Path
    id: str
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
    certificate_validity_days: int = 365
    retired_keys: tuple[Path, ...] = ()
    #: how participant runs are dispatched: "local" (a pool of threads waiting on children) or "dask"
    engine: str = "local"
    #: a Dask scheduler's address (tcp://host:8786); None: a local cluster of ``workers`` processes
    scheduler: str | None = None
    workers: int | None = None
    #: how long to try reaching ``scheduler`` before the programme gives up (one line, exit 2)
    connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S

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


def load_programme(path: Path, catalog: Catalog) -> Programme:
    """Read and check a programme file: its schema, unique participant IDs, the files it names."""
    raw = load_yaml(path)
    check_numbers(raw, str(path))
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
        participants.append(Participant(entry["id"], manifest, tuple(entry.get("env", ()))))
    files: dict[str, Path | None] = {}
    for key, fix in (("plan", "name the certification plan"), ("signing_key", "see `conformance keys generate`")):
        named = files[key] = base / raw[key] if key in raw else None
        if named is not None:
            _check_file(named, f"{path} at $.{key}", fix)
    retired = [base / name for name in raw.get("retired_keys", ())]
    for index, named in enumerate(retired):
        _check_file(named, f"{path} at $.retired_keys[{index}]", "name an earlier key's KEY.pub")
    if files["plan"] is not None:  # a bad plan is the programme's bad input, not each participant's
        from ..certification.plans import load_plan

        load_plan(files["plan"], catalog)
    return Programme(
        path=path, id=raw["id"], title=raw["title"], participants=tuple(participants),
        plan=files["plan"], signing_key=files["signing_key"],
        concurrency=raw.get("concurrency", DEFAULT_CONCURRENCY),
        run_timeout_s=float(raw.get("run_timeout_s", DEFAULT_RUN_TIMEOUT_S)),
        database=(raw["database"] if "://" in raw["database"] else base / raw["database"]) if "database" in raw
        else None,
        memory_limit_mb=raw.get("memory_limit_mb"),
        site_url=raw.get("site_url"),
        certificate_validity_days=raw.get("certificate_validity_days", 365),
        retired_keys=tuple(retired),
        engine=raw.get("dispatch", {}).get("engine", "local"),
        scheduler=raw.get("dispatch", {}).get("scheduler"),
        workers=raw.get("dispatch", {}).get("workers"),
        connect_timeout_s=float(raw.get("dispatch", {}).get("connect_timeout_s", DEFAULT_CONNECT_TIMEOUT_S)),
    )


def _check_file(path: Path, where: str, fix: str) -> None:
    try:
        check_input_file(path)
    except HarnessInputError as exc:
        raise HarnessInputError(where, f"{path}: {exc.problem}", exc.fix or fix) from None
