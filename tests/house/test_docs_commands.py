"""Every ``conformance`` command in README.md and docs/*.md parses and, where it needs nothing
this machine lacks, runs (issue 71): a vendor copies the docs first. The commands are read as a
shell reads them (tests/house/docs_commands.py). Each is parsed by the harness's own command
line parser: an unknown command or option fails, naming the file and line. Those that need no
product (show, list, lint, the catalog's read-only commands, generate, validate on samples,
--help) run in a temporary folder and must end with the exit code the docs state; a block that
cannot run here says why on the line before it (``<!-- sh: not run: the reason -->``)."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance import _areas, messages
from conformance.cli import main
from conformance.cli.parser import build_parser
from conformance.errors import ExitCode
from tests import session_commands
from tests.conftest import copy_catalog
from tests.house.docs_commands import Command, commands_of, documented_commands, read_doc
from tests.paths import ROOT

COMMANDS = documented_commands()


def _parse_error(command: Command) -> str | None:
    """What the harness's parser says of the command line (None: it parses)."""
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
            build_parser(command.argv).parse_args(command.argv)
    except SystemExit as exc:
        if exc.code not in (0, None):  # --help and --version exit 0
            return said.getvalue().strip() or f"exit {exc.code}"
    return None


def test_the_docs_hold_commands() -> None:
    places = {command.doc for command in COMMANDS}
    assert {"README.md", "docs/running.md", "docs/catalog.md"} <= places


def test_every_documented_command_parses() -> None:
    """One assertion over all of them: the parser is built once per command (the areas'
    commands and generators are added on demand), a few seconds in all."""
    refused = [f"{command}\n    {error}" for command in COMMANDS if (error := _parse_error(command))]
    assert not refused, "documented commands the harness refuses:\n" + "\n".join(refused)


@pytest.mark.parametrize("line", [
    "conformance run --manifest a.yaml --no-such-option",
    "conformance no-such-command",
    "conformance catalog lnit",
    "conformance verify reports/acme --trust a.pub [--policy policy.yaml]",
])
def test_a_command_the_harness_refuses_is_found(line: str) -> None:
    [command] = commands_of(f"```sh\n{line}\n```\n", "docs/x.md")
    assert _parse_error(command)


def test_the_commands_are_read_as_a_shell_reads_them() -> None:
    text = """Some text.

```sh
conformance programme init ~/pilot && cd ~/pilot   # a comment, not arguments
conformance run --manifest a.yaml \\
    --out "reports/a b"     # exit 1
conformance serve --port 8080 &
conformance compare x y --json c.json || test $? = 1
conformance generate capture --list-faults > faults.txt
pip install something
```

<!-- sh: not run: it needs a container -->
  ```bash
  $ .venv/bin/conformance demo
  ```

```console
$ conformance list profiles | cut -f1
conformance run prints this line, not a command
```
"""
    found = commands_of(text, "docs/x.md")
    assert [c.cwd for c in found] == [None, "~/pilot", "~/pilot", "~/pilot", "~/pilot", "~/pilot", "~/pilot"]
    assert [(c.place, c.argv, c.exit_code, c.stdout_to, c.not_run) for c in found] == [
        ("docs/x.md:4", ("programme", "init", "~/pilot"), 0, None, None),
        ("docs/x.md:5", ("run", "--manifest", "a.yaml", "--out", "reports/a b"), 1, None, None),
        ("docs/x.md:7", ("serve", "--port", "8080"), 0, None, None),
        ("docs/x.md:8", ("compare", "x", "y", "--json", "c.json"), 1, None, None),
        ("docs/x.md:9", ("generate", "capture", "--list-faults"), 0, "faults.txt", None),
        ("docs/x.md:15", ("demo",), 0, None, "it needs a container"),
        ("docs/x.md:19", ("list", "profiles"), 0, None, None),
    ]


# --- running them -----------------------------------------------------------------------------

#: documented commands parsed here but run by a test of their own, by document and a part of
#: the command line
_COHORT = ("the example cohort's walkthrough, run as written (each command exit 0, both participants "
           "certified, the certificate verified) by tests/programme/test_examples.py "
           "test_the_example_cohort_certifies_both_participants_as_documented")
PENDING: dict[tuple[str, str], str] = {
    # the whole "Certifying the example cohort" block: running it here too judged the cohort twice
    ("docs/programme.md", "programme init ~/pilot-round-1"): _COHORT,
    ("docs/programme.md", "keys generate --out program.key"): _COHORT,
    ("docs/programme.md", "serve --port 8080 --ca-file reports/reference-ca.pem"): _COHORT,
    ("docs/programme.md", "programme run programme.yaml --out reports"): _COHORT,
    ("docs/programme.md", "programme certify programme.yaml --out reports"): _COHORT,
    ("docs/programme.md", "programme site programme.yaml --runs reports"): _COHORT,
    ("docs/programme.md", "verify reports/certificates/example-headset-0.json"): _COHORT,
}
#: the documented servers (each started in the background, ``&``): run as a child process on a
#: free port instead of the documented one, the working folder's manifests pointed at it
SERVERS = {("serve",)}
#: what a command that changes the catalog needs: a copy of it (suites, schemas, profiles, docs)
CATALOG_WRITERS = {("catalog", "lock"), ("catalog", "docs"), ("new", "requirement")}
#: the commands that take seconds each (a run, a rendered document, the lint, a lock)
COSTLY = {("run",), ("replay",), ("catalog", "render"), ("catalog", "lint"), ("lint",), *CATALOG_WRITERS}
#: a DID the reference implementation resolves (examples/platform.yaml's)
KNOWN_DID = "did:web:identity.example.com"
SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples"


def _pending(command: Command) -> str | None:
    line = " ".join(command.argv)
    return next((why for (doc, part), why in PENDING.items() if command.doc == doc and part in line), None)


def _by_document() -> dict[str, list[Command]]:
    """The commands to run, by document: a reader runs a document's commands in its order (a
    run's folder made in one block is replayed in a later one)."""
    documents: dict[str, list[Command]] = {}
    for command in COMMANDS:
        if command.not_run is None and not _pending(command):
            documents.setdefault(command.doc, []).append(command)
    return documents


DOCUMENTS = _by_document()


def test_every_pending_entry_still_names_a_documented_command() -> None:
    """An entry left after its walkthrough changed would keep a command from running unseen."""
    stale = [key for key in PENDING
             if not any(command.doc == key[0] and key[1] in " ".join(command.argv) for command in COMMANDS)]
    assert not stale, f"PENDING names no documented command: {stale}"


def _costly(commands: list[Command]) -> bool:
    return any(command.argv[:1] in COSTLY or command.argv[:2] in COSTLY for command in commands)


def _needs_product(commands: list[Command]) -> bool:
    return any("acme.yaml" in " ".join(command.argv) or command.argv[:1] == ("replay",) for command in commands)


def _acme(url: str, ca_bundle: Path) -> str:
    """docs/running.md's own acme.yaml, pointed at the reference implementation (and at the
    CA its certificate chains to, when it serves TLS)."""
    text = read_doc("docs/running.md")
    body = text[text.index("```yaml\n# acme.yaml\n") + len("```yaml\n"):]
    body = body[:body.index("```")]
    base_url = "    base_url: https://id.acme.example\n"
    assert base_url in body, "docs/running.md's acme.yaml names its base_url otherwise: follow it here"
    served = f"    base_url: {url.rstrip('/')}\n"
    if url.startswith("https:"):
        served += f"    ca_bundle: {ca_bundle}\n"
    return body.replace(base_url, served).replace("did:web:id.acme.example", KNOWN_DID)


def _workspace(folder: Path, catalog_digest: str, served: tuple[str, Path] | None) -> Path:
    """The files the documented commands name, made from the reference's samples: the reader's
    exports, library, ledger, a run's report folder, a plan pinned to this catalog, acme.yaml."""
    folder.mkdir()
    # examples' paths lead to ../src/conformance/reference/samples; their files are copies (a
    # documented server's port is written into them), their folders links
    (folder / "src").symlink_to(ROOT / "src", target_is_directory=True)
    (folder / "examples").mkdir()
    for path in (ROOT / "examples").iterdir():
        if path.is_file():
            shutil.copy(path, folder / "examples" / path.name)
        else:
            (folder / "examples" / path.name).symlink_to(path, target_is_directory=True)
    shutil.copytree(SAMPLES / "did_documents", folder / "exports" / "dids")
    (folder / "library" / "chair").mkdir(parents=True)
    shutil.copy(SAMPLES / "usd_assets" / "crate.usda", folder / "library" / "chair" / "chair.usda")
    shutil.copy(SAMPLES / "usd_assets" / "wood.png", folder / "library" / "chair" / "wood.png")
    shutil.copy(SAMPLES / "asset_history" / "reference-ledger.ndjson", folder / "ledger.ndjson")
    shutil.copytree(SAMPLES / "asset_metadata", folder / "metadata")
    shutil.copytree(ROOT / "reports" / "sample", folder / "reports" / "latest")
    plan = (f"id: acme-round-1\nversion: '1'\nprogram: Example pilot program\ntitle: Platforms, first round\n"
            f"catalog_digest: {catalog_digest}\nprofiles:\n  interfaces-core: {{}}\n")
    for name in ("plan.yaml", "program-plan.yaml"):
        (folder / name).write_text(plan, encoding="utf-8")
    if served is not None:
        (folder / "conformance").mkdir()
        for name in ("acme.yaml", "conformance/acme.yaml"):
            (folder / name).write_text(_acme(*served), encoding="utf-8")
        main(["keys", "generate", "--out", str(folder / "program.key")])
    return folder


@pytest.fixture(scope="module")
def served_reference() -> Iterator[tuple[str, Path]]:
    """``conformance serve`` on a free port, as the docs start it: its URL once it accepts, and
    the CA certificate its TLS chain leads to (written there when it serves TLS)."""
    with tempfile.TemporaryDirectory() as folder:
        ready, said, ca_file = Path(folder) / "url", Path(folder) / "stderr", Path(folder) / "reference-ca.pem"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        # the CA its TLS certificate chains to, where the serve command writes one (--ca-file)
        tls = [] if _parse_error(Command("", "", ("serve", "--ca-file", "ca.pem"), 0, None, None)) else [
            "--ca-file", str(ca_file)]
        with said.open("w") as stderr:  # a file, not a pipe nobody reads while it serves
            server = subprocess.Popen([sys.executable, "-m", "conformance.cli", "serve", "--port", "0",
                                       "--ready-file", str(ready), *tls], env=env, stdout=subprocess.DEVNULL,
                                      stderr=stderr)
        try:
            for _ in range(600):  # until it accepts connections (it writes the file then), or ends
                if ready.exists() or server.poll() is not None:
                    break
                time.sleep(0.1)
            assert ready.exists(), f"conformance serve did not start: {said.read_text()[-2000:]}"
            yield ready.read_text(encoding="utf-8").strip(), ca_file
        finally:
            server.terminate()
            server.wait(timeout=30)


def _with_catalog_copy(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[Path, Path]:
    """The commands read and change a copy of the catalog (and of the areas' message templates
    a new requirement adds to), never the checkout's: each copied file -> its original."""
    root = copy_catalog(folder / "catalog")
    copied = {root / path.relative_to(ROOT): path for part in ("suites", "schemas", "profiles")
              for path in _files(ROOT / part)}
    (root / "docs").mkdir()
    for doc in (ROOT / "docs").glob("*.md"):
        copied[Path(shutil.copy(doc, root / "docs" / doc.name))] = doc
    copies: dict[str, tuple[Path, ...]] = {}
    for prefix, paths in _areas.template_files().items():
        (folder / "messages" / prefix).mkdir(parents=True)
        copies[prefix] = tuple(Path(shutil.copy(path, folder / "messages" / prefix / path.name)) for path in paths)
        copied.update(zip(copies[prefix], paths))
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    monkeypatch.setattr(_areas, "template_files", functools.cache(lambda: copies))
    messages.forget()
    return copied


def _files(folder: Path) -> list[Path]:
    """The files under ``folder`` but byte code (copy_catalog's and a collection's)."""
    return [path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts]


def _still_the_checkout(copied: dict[Path, Path], folder: Path) -> bool:
    """Whether the catalog copy under ``folder`` holds exactly the checkout's files, byte for
    byte (the documented commands run so far changed nothing in it)."""
    now = {path for part in ("catalog", "messages") for path in _files(folder / part)}
    return now == set(copied) and all(copy.read_bytes() == original.read_bytes() for copy, original in copied.items())


def _argv(command: Command) -> list[str]:
    return [os.path.expanduser(os.path.expandvars(word)) for word in command.argv]


def _checkout() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--", "src", "suites", "schemas", "profiles", "docs",
                           "examples", "reports"], cwd=ROOT, capture_output=True, text=True, check=False).stdout


@pytest.mark.parametrize("doc", [
    pytest.param(doc, marks=[pytest.mark.slow] if _costly(commands) else [], id=doc)
    for doc, commands in DOCUMENTS.items()])
def test_every_documented_command_runs(doc: str, request: pytest.FixtureRequest, catalog, tmp_path: Path,
                                       tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The document's commands in order, in a working folder holding the files they name, each
    ending with the exit code its line states (0 unless it says otherwise). docs/catalog.md's
    DOCX render and lint are the drafting tests' session runs of the same command lines
    (tests/session_commands.py, made before this test changes the environment) while the catalog
    copy is still the checkout's, byte for byte, and run here otherwise."""
    commands = DOCUMENTS[doc]
    session = {argv: session_commands.run_once(tmp_path_factory, argv) for argv in session_commands.COMMANDS
               if any(tuple(_argv(command)) == argv for command in commands)}
    served = request.getfixturevalue("served_reference") if _needs_product(commands) else None
    work = _workspace(tmp_path / "work", catalog.digest, served)
    for name, value in {"ACME_TOKEN": "any-value", "PLATFORM_TOKEN": "any-value", "EXAMPLES": str(ROOT / "examples"),
                        "NO_COLOR": "1", "CONFORMANCE_CONTEXT_STORE": str(tmp_path / "contexts")}.items():
        monkeypatch.setenv(name, value)
    copied = None
    if any(command.argv[:2] in CATALOG_WRITERS for command in commands):
        copied = _with_catalog_copy(tmp_path, monkeypatch)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # where a documented ~/pilot is made
    (tmp_path / "home").mkdir()
    before = _checkout()
    monkeypatch.chdir(work)
    capsys.readouterr()
    with contextlib.ExitStack() as servers:
        try:
            for command in commands:
                argv, expected = _argv(command), command.exit_code
                here = work / os.path.expanduser(command.cwd) if command.cwd else work
                if command.argv[:1] in SERVERS:
                    servers.enter_context(_documented_server(command, here, tmp_path))
                    continue
                monkeypatch.chdir(here)
                if argv[:2] == ["catalog", "diff"]:  # git refs of this checkout: read in it
                    monkeypatch.chdir(ROOT)
                    if not all(_has_ref(ref) for ref in argv[2:] if not ref.startswith("-")):
                        expected = ExitCode.BAD_INPUT  # a clone without that history (shallow, an archive): one line
                try:
                    if tuple(argv) in session and copied and _still_the_checkout(copied, tmp_path):
                        code = _ran_in_session(session[tuple(argv)], here)
                    else:
                        code = main(argv)
                finally:
                    monkeypatch.chdir(here)
                out, err = capsys.readouterr()
                if command.stdout_to:
                    (here / command.stdout_to).write_text(out, encoding="utf-8")
                assert code == expected, f"{command}\nexit {code}, the docs state {expected}\n{err[-2000:]}"
        finally:
            messages.forget()  # the templates a catalog copy's commands read
    assert _checkout() == before, "a documented command changed the checkout"


def _ran_in_session(made: dict[str, Any], here: Path) -> int:
    """The session's run of a documented line: what it wrote put where the line writes it, what
    it said said again."""
    shutil.copytree(made["folder"], here, dirs_exist_ok=True)
    sys.stdout.write(made["stdout"])
    sys.stderr.write(made["err"])
    return int(made["code"])


@contextlib.contextmanager
def _documented_server(command: Command, here: Path, tmp_path: Path) -> Iterator[str]:
    """A documented ``conformance serve ... &``, as written but on a free port (``--port 0``,
    another engineer's or test's 8080 never in the way), in ``here``: once it accepts, the
    manifests in ``here`` and ``here/examples`` that name the documented port name its own."""
    argv, port = list(_argv(command)), None
    if "--port" in argv:
        at = argv.index("--port")
        port, argv[at + 1] = argv[at + 1], "0"
    ready = tmp_path / f"ready-{len(list(tmp_path.glob('ready-*')))}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with (tmp_path / f"{ready.name}.stderr").open("w") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "conformance.cli", *argv, "--ready-file", str(ready)],
                                  cwd=here, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        for _ in range(600):
            if ready.exists() or server.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), f"{command} did not start: {ready.with_suffix('.stderr').read_text()[-2000:]}"
        url = ready.read_text(encoding="utf-8").strip().rstrip("/")
        if port is not None:
            served = url.split("//", 1)[1]
            for manifest in [*here.glob("*.yaml"), *here.glob("examples/*.yaml")]:
                if manifest.is_file() and not manifest.is_symlink():
                    text = manifest.read_text(encoding="utf-8")
                    manifest.write_text(text.replace(f"127.0.0.1:{port}", served), encoding="utf-8")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _has_ref(ref: str) -> bool:
    return subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=ROOT,
                          capture_output=True, check=False).returncode == 0


def test_a_catalog_copy_a_command_changed_is_not_taken_for_the_checkout(tmp_path, monkeypatch) -> None:
    """The session's runs stand for a documented line only on the checkout's bytes: a file
    added to the copy, or one byte changed, and the line runs on the copy itself."""
    copied = _with_catalog_copy(tmp_path, monkeypatch)
    assert _still_the_checkout(copied, tmp_path)
    added = tmp_path / "catalog" / "suites" / "added.yaml"
    added.write_text("{}\n", encoding="utf-8")
    assert not _still_the_checkout(copied, tmp_path)
    added.unlink()
    assert _still_the_checkout(copied, tmp_path)
    changed = next(copy for copy in copied if copy.suffix == ".yaml")
    changed.write_bytes(changed.read_bytes() + b"\n")
    assert not _still_the_checkout(copied, tmp_path)
