"""``conformance programme run | status | failing``: the subcommands, each returns an exit code."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .._catalog.catalog import Catalog, load_catalog
from .._io.printable import EXCERPT_CHARS, printable
from ..errors import ExitCode, HarnessInputError
from .believed import Believed, believed
from .cohort import run_programme
from .database import safe_location
from .history import History
from .interop import GRID_HTML, grid, write_grid
from .listings import COLUMNS
from .spec import Programme, load_programme


def run_programme_command(args: argparse.Namespace, console: Console) -> int:
    catalog = load_catalog(lazy=True)  # parsed as a subcommand asks (a site: every profile)
    programme = load_programme(args.programme, catalog)
    handler = {"run": _run, "status": _status, "failing": _failing, "runs": _runs,
               "changes": _changes, "grid": _grid, "certify": _certify, "revoke": _revoke,
               "certificates": _certificates, "site": _site,
               "catalogs": _catalogs, "audit": _audit, "watch": _watch}[args.programme_command]
    return handler(args, programme, console, catalog)


def _run(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    out: Path = args.out or programme.default_out()
    result = run_programme(programme, catalog, out, rerun=args.rerun, interop=not args.no_interop,
                           console=Console(stderr=True))
    failed = [r for r in result.records if r.status != "finished"]
    console.print(f"{programme.id}: {len(result.records)} run(s) in {result.seconds:.1f} s, "
                  f"{len(failed)} did not finish, {len(result.skipped)} participant(s) not rerun; "
                  f"history {safe_location(str(programme.history_path))}", highlight=False, markup=False)
    if any(f.name == GRID_HTML for f in result.files):
        console.print(f"interop grid: {out / GRID_HTML}", highlight=False, markup=False)
    return 0 if not failed else ExitCode.INCOMPLETE


def _status(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    own = {p.id for p in programme.participants}
    with _history(programme) as history:
        # the programme's own participants only: a run folder whose job.json names another (recorded
        # rejected by recovery, for the audit) is no participant of the programme
        rows = [row for row in history.status() if row["participant"] in own]
    ran = {row["participant"] for row in rows}
    lines = [(row["participant"], row["profile"] or "–", row["outcome"] or "–", row["outcome_run"] or "–",
              row["latest_run"], row["status"], str(row["runs"])) for row in rows]
    lines += [(p.id, "–", "–", "–", "–", "not run", "0") for p in programme.participants if p.id not in ran]
    _table(console, f"{programme.id}: latest outcome of each participant and profile",
           COLUMNS["status"], lines)
    return ExitCode.OK


def _runs(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """Every run recorded, oldest first: the failed and interrupted ones too."""
    with _history(programme) as history:
        rows = history.runs(args.participant)
    _table(console, f"{programme.id}: every run",
           COLUMNS["runs"],
           [(row["run_id"], row["participant"], row["partner"] or "", row["started"] or "", row["status"],
             "" if row["exit_code"] is None else str(row["exit_code"]), "yes" if row["complete"] else "no",
             row["report_sha256"] or "") for row in rows])
    return ExitCode.OK


def _failing(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    with _history(programme) as history:
        rows = history.failing(args.limit)
    if not rows:
        console.print("no requirement fails in any participant's latest finished run", highlight=False)
        return ExitCode.OK
    _table(console, f"{programme.id}: requirements failing most across participants",
           COLUMNS["failing"],
           [(row["requirement"], str(row["participants"]), ", ".join(sorted(row["who"].split(",")))) for row in rows])
    return ExitCode.OK


def _changes(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    with _history(programme) as history:
        changes = history.changes(args.participant)
    if not changes:
        console.print("no participant's outcome changed between two of its whole runs", highlight=False)
        return ExitCode.OK
    lines = []
    for change in changes:
        catalog_note = ("same catalog" if change["from_catalog"] == change["to_catalog"]
                        else f"catalog {change['from_catalog']} → {change['to_catalog']}")
        lines.append((change["participant"], change["profile"], change["when"] or "",
                      f"{change['from_outcome']} → {change['to_outcome']}",
                      ", ".join(f"{req} {a}→{b}" for req, a, b in change["requirements"]) or "–", catalog_note))
    _table(console, f"{programme.id}: outcome changes and the requirements behind them",
           COLUMNS["changes"], lines)
    return ExitCode.OK


def _grid(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """The interop grid again, from the history (no run)."""
    out: Path = (args.out or programme.default_out()).absolute()
    with _history(programme) as history:
        data = grid(history, out)
    if not data["cells"]:
        console.print("no interop pair has run yet", highlight=False)
        return ExitCode.OK
    for path in write_grid(data, out, programme.title):
        console.print(f"wrote {path}", highlight=False, markup=False)
    return ExitCode.OK


def _certify(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """Exit 0 when every participant asked for was certified (or, asked for none, whoever is
    eligible), 1 when one asked for by --participant was refused."""
    from .certify import certify

    result = certify(programme, catalog, args.out or programme.default_out(), args.participant)
    for certificate in result.issued:
        subject = certificate["credentialSubject"]
        console.print(f"certified {subject['participant']}: {certificate['id']} valid until "
                      f"{certificate['validUntil']}", highlight=False, markup=False)
    for participant, why in result.refused:  # one line each, however narrow the terminal (soft_wrap)
        console.print(f"not certified {participant}: {why}", highlight=False, markup=False, soft_wrap=True)
    for line in result.witnessing:
        console.print(f"not cosigned: {line}", highlight=False, markup=False)
    for path in result.files:
        console.print(f"wrote {path}", highlight=False, markup=False, style="dim")
    return ExitCode.REJECTED if args.participant and result.refused else ExitCode.OK


def _revoke(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    from .certify import revoke

    found, newly, files = revoke(programme, catalog, args.out or programme.default_out(), args.certificate,
                                 args.reason)
    console.print(f"{'revoked' if newly else 'already revoked'}: {found['certificate_id']} "
                  f"({found['participant']}, status list entry {found['status_index']})", highlight=False,
                  markup=False)
    for path in files:
        console.print(f"wrote {path}", highlight=False, markup=False, style="dim")
    return ExitCode.OK


def _watch(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    from .watchcli import watch_command

    return watch_command(args, programme, console, catalog)


def _certificates(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    with _history(programme) as history:
        rows = history.certificates(args.participant)
        suspended = history.suspended()  # by `programme watch`, as the log says
    _table(console, f"{programme.id}: certificates", COLUMNS["certificates"],
           [(r["certificate_id"], r["participant"], r["run_id"], r["issued"], r["valid_until"],
             str(r["status_index"]), f"{r['revoked']}: {r['reason']}" if r["revoked"] else "",
             f"since {s['changed']} (run {s['run_id']})" if (s := suspended.get(r["certificate_id"])) else "")
            for r in rows])
    return ExitCode.OK


def _audit(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """Exit 0 when the log holds and the history is what it says, 1 with each problem on a line
    (the first bad leaf or row first), 2 for bad input (a head file that cannot be read)."""
    from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
    from ..errors import HarnessInputError
    from .audit import Audit, audit, audit_heads
    from .certify import log_signers
    from .history import open_history
    from .logformat import LogProblem, load_head

    heads = []
    for path in args.heads or ():
        try:
            heads.append(load_head(read_capped(path, MAX_DOCUMENT_BYTES), str(path)))
        except OSError as exc:
            raise HarnessInputError(f"--heads {path}", f"cannot be read: {exc.strerror or exc}",
                                    "give a head the programme published (log/head.json)") from None
        except LogProblem as exc:
            raise HarnessInputError(f"--heads {path}", str(exc).removeprefix(f"{path}: "),
                                    "give a head the programme published (log/head.json)") from None
    trusted = log_signers(programme)
    if isinstance(programme.history_path, Path) and not programme.history_path.exists():
        raise HarnessInputError(str(programme.history_path), "the programme has no history yet",
                                "run `conformance programme run PROGRAMME` first")
    with open_history(programme) as history:
        if args.adopt:
            _refuse_adopting_after_a_log(programme, history)
            console.print(f"adopted {history.adopt()} rows into the programme log {history.log.folder}",
                          highlight=False, markup=False, soft_wrap=True)
        result = audit(history, trusted)
        if heads:
            audit_heads(heads[0], heads[1], history.log, trusted, result)
    assert isinstance(result, Audit)
    heads_said = f"; the published heads of {heads[0]['treeSize']} and {heads[1]['treeSize']} leaves consistent" \
        if heads else ""
    for line in result.lines:
        console.print(f"tampered: {line}", highlight=False, markup=False, soft_wrap=True)
    for line in result.checked:
        console.print(f"checked: {line}", highlight=False, markup=False, soft_wrap=True)
    if not result.lines:
        console.print(f"{programme.id}: the log and the history agree ({result.leaves} leaves, {result.heads} "
                      f"{'signed heads' if trusted else 'heads, unsigned: the programme has no signing_key'}"
                      f"{heads_said})",
                      highlight=False, markup=False, soft_wrap=True)
    return ExitCode.REJECTED if result.lines else ExitCode.OK


def _refuse_adopting_after_a_log(programme: Programme, history: History) -> None:
    """``audit --adopt`` signs the history's rows as they stand: only for a history recorded
    before any log existed. A log published once (the ``log/`` of the programme's configured
    site folder, of a run folder or of its site, a certificate carrying its run's log proof)
    means the log was lost or deleted, and adopting would launder whatever was written into the
    history since: refused, saying where the published copy is. The configured site comes
    first: it is named by the programme file, not by the history's rows a database writer can
    change, and may live outside every run folder (a web server's)."""
    from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped

    history.log.refuse_unless_empty()
    outs = {programme.default_out()}
    for run in history.rows("SELECT kind, report_dir FROM runs"):
        folder = Path(str(run["report_dir"]))
        outs.add(folder.parent.parent.parent if run["kind"] == "pair" else folder.parent.parent)
    published = [programme.site_folder / "log"] if programme.site_folder is not None else []
    published += [log for out in sorted(outs) for log in (out / "log", out / "site" / "log")]
    found = [path for log in published for path in (log / "head.json", log / "heads") if path.exists()]
    for out in sorted(outs):
        with contextlib.suppress(OSError):
            for path in sorted((out / "certificates").glob("*.json")):
                with contextlib.suppress(OSError):
                    if b'"programmeLog"' in read_capped(path, MAX_DOCUMENT_BYTES):
                        found.append(path)
    if found:
        raise HarnessInputError(str(found[0]), "shows the programme log existed: adopting would sign the history's "
                                "rows as they stand now, whatever was written into them since",
                                f"restore the log from its published copy (copy {found[0].parent}/ to "
                                f"{history.log.folder}/), then run `conformance programme audit PROGRAMME`")


def _catalogs(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    """Exit 0 with the changes; 1 when the participant has no whole run under two digests."""
    programme.participant(args.participant)
    with _history(programme) as history:
        change = history.catalog_change(args.participant, args.before, args.after)
    if change is None:
        console.print(f"{args.participant} has no whole run under two catalog digests"
                      + (" (those named)" if args.before or args.after else ""), highlight=False, markup=False)
        return ExitCode.REJECTED
    _table(console, f"{args.participant}: catalog {change['from_catalog']} (run {change['from_run']}) → "
                    f"{change['to_catalog']} (run {change['to_run']})",
           ("profile", "outcome", "requirements whose verdict changed"),
           [(p["profile"], f"{p['from_outcome']} → {p['to_outcome']}",
             ", ".join(f"{req} {a}→{b}" for req, a, b in p["requirements"]) or "–") for p in change["profiles"]])
    return ExitCode.OK


def _site(args: argparse.Namespace, programme: Programme, console: Console, catalog: Catalog) -> int:
    from .site import build_site

    runs: Path = args.runs or programme.default_out()
    site: Path = args.out or programme.site_folder or runs / "site"
    from .ledger import ProgrammeLog, log_folder

    with _believed(programme) as shown:
        written = build_site(programme, catalog, shown.history, runs, site,
                             notice={lang: shown.notice(lang) for lang in ("en", "zh")})
    from .cosign import witness_keys

    # every leaf and every signed head; the checkpoint with its witnesses' cosignatures that verify
    published = ProgrammeLog(log_folder(programme)).publish(site / "log", witness_keys(programme.witnesses))
    console.print(f"wrote {len(written)} page(s): {site / 'index.html'} (en: {site / 'en' / 'index.html'}, "
                  f"zh: {site / 'zh' / 'index.html'})", highlight=False, markup=False)
    if published:
        console.print(f"published the programme log: {site / 'log' / 'head.json'}", highlight=False, markup=False)
    return ExitCode.OK


@contextmanager
def _history(programme: Programme) -> Iterator[History]:
    """The history as the programme's log carries it, for a query (:func:`.believed.believed`),
    with one warning line on stderr when rows of the stored history are not in the log."""
    with _believed(programme) as shown:
        yield shown.history


@contextmanager
def _believed(programme: Programme) -> Iterator[Believed]:
    """The history, for a query, read against the programme's own log: one that does not exist
    yet is read as empty, not created (a query writes nothing). Its warning, if any, is said
    once on stderr (stdout stays the table a script reads)."""
    from .ledger import ProgrammeLog, log_folder

    if isinstance(programme.history_path, Path) and not programme.history_path.exists():
        with History(Path(":memory:")) as empty:
            yield Believed(empty)
        return
    with History(programme.history_path, ProgrammeLog(log_folder(programme), programme.id)) as history:
        shown = believed(history, programme)
        try:
            if (warning := shown.warning()) is not None:
                Console(stderr=True).print(f"warning: {warning}", highlight=False, markup=False, soft_wrap=True)
            yield shown
        finally:
            if shown.history is not history:
                shown.history.close()


def _cell(text: object, limit: int = EXCERPT_CHARS) -> str:
    shown = str(text)
    if len(shown) > limit:
        shown = shown[:limit] + f"… ({len(shown)} characters)"
    return printable(shown)


def _table(console: Console, title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    """A table on a terminal; piped, one tab-separated line per row (as `conformance list`), for scripts.
    A cell (a participant's product, a run's detail from the history) is shown escaped and at
    most an excerpt of its first characters with its length: one row stays one line."""
    rows = [tuple(_cell(text) for text in row) for row in rows]
    if not console.is_terminal:
        for row in rows:  # written as is: rich would expand the tabs
            console.file.write("\t".join(row) + "\n")
        return
    table = Table(title=title, box=None, pad_edge=False)
    for column in header:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # shown as written: no markup in data
    console.print(table)
