"""The CLI's subcommands. Each takes the parsed arguments and a console, returns an exit code."""

from __future__ import annotations

import argparse
import inspect
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import yaml

from .._catalog.catalog import MANIFEST_SCHEMA, hint, load_catalog
from .._catalog.designations import resolved
from .._catalog.schemas import BASE_URI
from .._io.printable import printable
from .._run.budgets import Limits
from .._run.plainsummary import LazyConsole, plain_summary, plain_width
from ..errors import ExitCode, HarnessInputError, install_hint
from ..report import parse_formats
from .manifests import adhoc_manifest, demo_manifest, http_roles, reference_for
from .servedapart import serve_apart

if TYPE_CHECKING:
    from rich.console import Console

    from .._run.engine import RunResult


def _rich(console: Console | LazyConsole) -> Console:
    return console.rich if isinstance(console, LazyConsole) else console


def _run_and_summarise(args: argparse.Namespace, console: Console | LazyConsole, manifest: Path,
                       **kwargs: Any) -> RunResult:
    # the engine (and pytest with it) only where a command runs a suite: a programme's
    # coordinator, the catalog and report commands never do
    from .._run.engine import run

    formats = parse_formats(args.format)  # reject a bad --format before anything runs
    quiet = args.quiet or args.no_progress
    progress = None
    if not quiet:
        from rich.console import Console

        from .._run.progress import ProgressBar  # rich.progress: only where a bar is drawn

        progress = ProgressBar(_rich(console), Console(stderr=True), lang=args.lang)
    result = run(manifest, out_dir=args.out, formats=formats, lang=args.lang, progress=progress,
                 prepare_limits=Limits(args.prepare_seconds, args.prepare_memory_mb), **kwargs)
    # Off a terminal, a summary that is plain text is written without importing rich.
    width = plain_width(console.file) if isinstance(console, LazyConsole) else None
    text = None if width is None else plain_summary(result.report, result.files, width, args.lang,
                                                    verbose=args.verbose, quiet=args.quiet)
    if text is not None:
        console.file.write(text)
        console.file.flush()
    else:
        from .._run.console import print_summary

        print_summary(_rich(console), result.report, result.files, args.lang, verbose=args.verbose,
                      quiet=args.quiet)
    return result


def cmd_run(args: argparse.Namespace, console: Console | LazyConsole) -> int:
    result = _run_and_summarise(
        args, console, args.manifest, profiles=args.profile, requirements=args.requirement,
        certification=args.plan, assessments=args.assessment, sign=args.sign,
    )
    return result.exit_code


def cmd_validate(args: argparse.Namespace, console: Console | LazyConsole) -> int:
    catalog = load_catalog(lazy=True)  # the files of what the profile names are parsed, not the rest
    manifest = adhoc_manifest(catalog, args.profile, args.files, getattr(args, "root", None))
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        path = Path(tmp) / "manifest.yaml"
        path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
        # The files (or folders) named here and --root are the user's own choice: their values
        # are quoted, though the ad-hoc manifest's folder is a temporary one.
        return _run_and_summarise(args, console, path, catalog=catalog, quotable=chosen_files(args)).exit_code


def chosen_files(args: argparse.Namespace) -> list[Path]:
    """What ``validate``'s command line names: each file or folder (``ROLE=FILE`` or bare), and ``--root``."""
    root = getattr(args, "root", None)
    named = [Path(item.partition("=")[2] if "=" in item and not Path(item).exists() else item).resolve()
             for item in args.files]
    return [*named, *([root.resolve()] if root is not None else [])]


def cmd_demo(args: argparse.Namespace, console: Console) -> int:
    reference = reference_for("demo")

    catalog = load_catalog()
    out = args.out or Path("reports") / "demo"
    # each role by a `conformance serve` child, over TLS where the reference can (IF-TLS-001 exempts
    # no loopback), its CA in the manifest: never in this process, whose load it would measure
    with serve_apart(http_roles(catalog), trust_anchor=hasattr(reference, "trust_anchor")) as served:
        base_urls = {role: where.url for role, where in served.items()}
        if not args.quiet:
            # one row of 80 columns: the roles share the reference's origin, each on a port of its own
            origins = {url.rsplit(":", 1)[0] for url in base_urls.values()}
            listed = ", ".join(f"{role} :{url.rsplit(':', 1)[1]}" if len(origins) == 1 else f"{role} {url}"
                               for role, url in base_urls.items())
            where = f" at {next(iter(origins))}" if len(origins) == 1 else ""
            console.print(f"reference{where}: {listed}", style="dim", highlight=False)
        manifest = demo_manifest(catalog, base_urls, reference.SAMPLES,
                                 {role: where.ca_bundle for role, where in served.items()})
        out.mkdir(parents=True, exist_ok=True)
        path = out / "manifest.yaml"
        path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
        args.out = out
        return _run_and_summarise(args, console, path, catalog=catalog, sign=args.sign).exit_code


def cmd_service(args: argparse.Namespace, console: Console) -> int:
    """``conformance service FOLDER``: the web service on its embedded defaults (docs/service.md)."""
    try:
        import uvicorn

        from ..service.app import create_app
        from ..service.config import load_config
    except ImportError as missing:
        raise HarnessInputError("conformance service", f"needs the service extra ({missing.name} is missing)",
                                install_hint("service")) from None
    for bundle in args.trust_anchors:
        if not bundle.is_file():
            raise HarnessInputError(f"--trust-anchors {bundle}", "no such file", "name a CA bundle (PEM) that exists")
    # Secure cookies unless served on this machine only, over plain http (a TLS proxy serves others)
    config = load_config(args.folder, secure_cookies=args.host not in ("127.0.0.1", "localhost", "::1"),
                         programme=args.programme, officers=frozenset(args.officer),
                         oidc_issuer=args.oidc_issuer, oidc_client_id=args.oidc_client_id, dask=args.dask,
                         assessor_key=args.assessor_key,
                         local_files=frozenset(bundle.resolve() for bundle in args.trust_anchors),
                         **({"queued_runs": args.queued_runs} if args.queued_runs is not None else {}))
    console.print(f"service serving http://{args.host}:{args.port}/ from {args.folder}", highlight=False)
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning", access_log=False)
    return ExitCode.OK


def cmd_service_run(args: argparse.Namespace, console: Console) -> int:
    """``conformance service-run URL VERSION``: a self-test on the service, through its JSON API."""
    import os

    import httpx

    from ..service.client import TOKEN_ENV, service_run

    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise HarnessInputError(f"${TOKEN_ENV}", "is not set",
                                "export the organisation's API token (made on the service's Members page)")
    with httpx.Client(base_url=args.url, headers={"Authorization": f"Bearer {token}"}, timeout=30,
                      follow_redirects=False) as http:
        try:
            return service_run(http, args.version, args.out, args.timeout,
                               say=lambda line: console.print(line, highlight=False, markup=False))
        except httpx.HTTPError as exc:
            raise HarnessInputError(args.url, f"cannot be reached ({type(exc).__name__})",
                                    "check the service's address") from None


def cmd_serve(args: argparse.Namespace, console: Console) -> int:
    reference = reference_for("serve")
    defects = reference.DEFECTS

    if args.list_defects:
        if not console.is_terminal:  # piped: name<TAB>description, one defect a line, for scripts
            console.file.write("".join(f"{name}\t{printable(description)}\n"
                                       for name, description in sorted(defects.items())))
            console.file.flush()
            return ExitCode.OK
        for name, description in sorted(defects.items()):
            console.print(f"{name}: {description}", highlight=False)
        return ExitCode.OK
    unknown = [d for d in args.defect if d not in defects]
    if unknown:
        raise HarnessInputError(f"--defect {unknown[0]}", "unknown defect", "see `conformance serve --list-defects`")

    planted = ", ".join(sorted(set(args.defect))) or "none (every HTTP profile conformant)"
    if args.ready_file is not None:
        from .._io.outputs import check_destination

        check_destination(args.ready_file, "--ready-file")  # bad input before anything is served
    anchor = getattr(reference, "trust_anchor", None)
    if args.ca_file is not None:
        from .._io.outputs import atomic_write, check_destination

        check_destination(args.ca_file, "--ca-file")
        if anchor is None:
            raise HarnessInputError("--ca-file", "this reference implementation names no trust anchor",
                                    "leave --ca-file out")
        atomic_write(args.ca_file, anchor().read_bytes(), what="--ca-file")

    def ready(url: str) -> None:
        """Said (and the URL written to --ready-file) only once the server accepts connections:
        a run started on this line is answered, never refused."""
        if args.ready_file is not None:
            from .._io.outputs import atomic_write

            atomic_write(args.ready_file, (url + "\n").encode(), what="--ready-file")
        trusted = f" - CA: {args.ca_file or anchor()}" if anchor is not None else ""
        console.print(f"reference implementation at {url} - planted defects: {planted}{trusted}",
                      highlight=False, soft_wrap=True)
        console.file.flush()

    app = reference.create_app(args.defect)
    try:
        if "ready" in inspect.signature(reference.run).parameters:
            reference.run(app, args.host, args.port, ready=ready)
        else:  # another reference implementation, which cannot tell: said as it starts
            ready(f"http://{args.host}:{args.port}/")
            reference.run(app, args.host, args.port)
    except KeyboardInterrupt:  # SIGINT or SIGTERM, re-raised by uvicorn once it has stopped: the way to stop
        pass
    return ExitCode.OK


def cmd_list(args: argparse.Namespace, console: Console) -> int:
    catalog = load_catalog()
    rows: list[tuple[str, ...]]
    if args.what == "requirements":
        areas = sorted({r.area for r in catalog.requirements.values()})
        if args.area and args.area not in areas:
            raise HarnessInputError(f"--area {args.area}", "no such area", f"areas: {', '.join(areas)}")
        header: tuple[str, ...] = ("id", "level", "testing", "title")
        rows = [(r.id, r.level.value, r.testing.value, r.title.get(args.lang))
                for r in catalog.requirements.values() if not args.area or r.area == args.area]
    elif args.what == "profiles":
        # normative: the requirements that decide a claim; 0 means the profile cannot be claimed
        header = ("id", "version", "requirements", "normative", "targets", "title")
        rows = [(p.id, p.version, str(len(p.all_requirements())),
                 str(len(catalog.normative_requirements(p))),
                 " ".join(f"{role}:{spec.kind}" for role, spec in p.targets.items()), p.title.get(args.lang))
                for p in catalog.profiles.values()]
    else:
        header = ("$id", "file")
        files = catalog.schemas.files
        rows = [(sid, catalog.display(files[sid]) if sid in files else "(an adapter's own)")
                for sid in catalog.schemas.ids()]
    if args.format == "json":
        listed = [dict(zip(header, row, strict=True)) for row in rows]
        console.file.write(orjson.dumps(listed, option=orjson.OPT_INDENT_2).decode() + "\n")
        console.file.flush()
        return ExitCode.OK
    if not console.is_terminal:  # piped: one tab-separated line per row, for scripts
        # written to the stream itself: rich would expand each tab into spaces
        console.file.write("".join("\t".join(printable(cell) for cell in row) + "\n" for row in rows))
        console.file.flush()
        return ExitCode.OK
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in header:
        table.add_column(column, no_wrap=column != "title", overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return ExitCode.OK


def cmd_show(args: argparse.Namespace, console: Console) -> int:
    catalog = load_catalog()
    key = MANIFEST_SCHEMA if args.id == "manifest" else args.id
    if key not in catalog.requirements and key not in catalog.profiles and key not in catalog.schemas \
            and f"{BASE_URI}{key}.json" in catalog.schemas:  # a schema by its short name: manifest/target-file
        key = f"{BASE_URI}{key}.json"
    if key in catalog.requirements:
        req = catalog.requirements[key]
        data: Any = req.model_dump(mode="json", exclude_none=True)
        data["tests"] = catalog.tests.get(key, [])
        data["profiles"] = [p.id for p in catalog.profiles.values() if key in p.all_requirements()]
    elif key in catalog.profiles:
        data = catalog.profiles[key].model_dump(mode="json", exclude_none=True)
    elif key in catalog.schemas:
        data = catalog.schemas.get(key)
    else:
        raise HarnessInputError(key, "no requirement, profile or schema has this ID",
                                hint(key, [*catalog.requirements, *catalog.profiles]))
    # a keyed reference prints the number the specification gives it (sixty-first reading, h124-fix)
    text = orjson.dumps(resolved(data, catalog.root), option=orjson.OPT_INDENT_2).decode()
    if os.environ.get("NO_COLOR") or not console.is_terminal:
        console.print(text, markup=False, highlight=False, soft_wrap=True)
    else:
        console.print_json(text)
    return ExitCode.OK


def cmd_lint(args: argparse.Namespace, console: Console) -> int:
    """``conformance lint``: the same as ``conformance catalog lint``."""
    return cmd_catalog(args, console)


def cmd_catalog(args: argparse.Namespace, console: Console) -> int:
    from ..drafting.commands import run_catalog_command

    return run_catalog_command(args, console)


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from ..drafting.commands import run_report_command

    return run_report_command(args, console)


def cmd_programme(args: argparse.Namespace, console: Console) -> int:
    if args.programme_command == "init":
        return _programme_init(args, console)
    from ..programme.commands import run_programme_command

    return run_programme_command(args, console)


def _programme_init(args: argparse.Namespace, console: Console) -> int:
    """``conformance programme init DIR``: the example cohort in a working folder, then the
    commands of the walkthrough to run there (docs/programme.md)."""
    from .._catalog.digest import PACKAGE_DIR
    from ..programme.init import examples_folder, init_cohort, next_commands

    checkout = PACKAGE_DIR.parents[1]  # src/conformance/ -> the clone, for an editable install
    samples = reference_for("programme init").SAMPLES
    done = init_cohort(args.folder, examples_folder(PACKAGE_DIR, checkout), samples,
                       load_catalog(lazy=True).digest, checkout)
    console.print(f"copied the example cohort into {done.folder} ({done.files} files); next:",
                  highlight=False, markup=False, soft_wrap=True)
    for line in next_commands(done.folder):
        console.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)
    return ExitCode.OK


def cmd_witness(args: argparse.Namespace, console: Console) -> int:
    from ..programme.witnesscli import cmd_witness as witness

    return witness(args, console)


def cmd_trust_list(args: argparse.Namespace, console: Console) -> int:
    from ..programme.trustlistcli import cmd_trust_list as trust_list

    return trust_list(args, console)


def cmd_proficiency(args: argparse.Namespace, console: Console) -> int:
    from ..programme.proficiencycli import cmd_proficiency as proficiency

    return proficiency(args, console)


def cmd_generate(args: argparse.Namespace, console: Console) -> int:
    """``conformance generate KIND``: the generator an area brings for that kind."""
    from .._areas import generators

    return generators()[args.kind](args, console)


def cmd_new(args: argparse.Namespace, console: Console) -> int:
    from ..drafting.newinput import NewRequirement
    from ..drafting.scaffold import plan_requirement, regenerate, write, write_fixture

    catalog = load_catalog()
    new = NewRequirement(args.area, args.id, args.level, args.title, tuple(args.profile), tuple(args.policy),
                         args.standard, args.section, args.url, args.topic, args.module)
    changes = plan_requirement(catalog, new)
    write(changes)
    fixture = write_fixture(catalog, new, changes)  # the known-bad fixture, by the area's fixtures/generate.py
    written, problems = regenerate(catalog, changes)  # the test lock and the docs' tables, from what was written
    shown = {change.path: "created" if change.created else "changed" for change in changes}
    if fixture is not None:
        shown[fixture] = "created"
    for path in written:
        shown.setdefault(path, "changed")
    for path, verb in shown.items():
        console.out(f"{verb} {catalog.display(path)}", highlight=False)
    for problem in problems:
        console.out(f"not regenerated: {problem}", highlight=False)
    return ExitCode.OK


def cmd_replay(args: argparse.Namespace, console: Console) -> int:
    from .._run.replay import chosen, compare, load_report, manifest_of

    before = load_report(args.report_dir)
    manifest = manifest_of(before, args.manifest, args.report_dir / "report.json")
    requirements = chosen(before, args.requirement, args.report_dir)
    if args.out is None:
        args.out = args.report_dir / "replay"
    result = _run_and_summarise(args, console, manifest, requirements=requirements, certification=args.plan)
    after = orjson.loads(result.report.model_dump_json())
    fixed = True
    for replayed in compare(before, after, requirements):
        fixed &= replayed.now == "pass"
        console.print(f"{replayed.requirement}: {replayed.before} -> {replayed.now}; findings again "
                      f"{len(replayed.again)}, gone {len(replayed.gone)}, new {len(replayed.new)}",
                      markup=False, highlight=False, soft_wrap=True)
        for kind, keys in (("again", replayed.again), ("new", replayed.new)):
            for key in keys[:3]:
                console.print(f"  {kind}: {printable(key)}", markup=False, highlight=False, soft_wrap=True)
    if fixed and result.exit_code in (ExitCode.CONFORMANT, ExitCode.INCOMPLETE):
        return ExitCode.OK
    return max(result.exit_code, ExitCode.NOT_CONFORMANT)
