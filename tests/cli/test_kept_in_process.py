"""What a process keeps between its calls of the command (``conformance.cli.main``): the parser
(built once for each variant of the command line) and the catalog (given again while its files
are unchanged: ``conformance._catalog.held``). Each kept thing must never outlive what it was
made from: an edited catalog file, a rewritten test lock, an area's command registered later,
each is seen by the very next call."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest

from conformance import _areas, cli
from conformance._catalog import catalog as catalog_module
from conformance._catalog import held
from conformance.cli import commands, parser
from tests.minicatalog import write_catalog


def _catalog_with_lock(root: Path, node: str = "identity/test_mini.py::test_something") -> Path:
    write_catalog(root)
    (root / "suites" / "tests.lock.json").write_text(json.dumps({"tests": {node: ["ID-DOC-901"]}}), encoding="utf-8")
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every catalog the commands are given, in order; the kept ones of earlier tests dropped."""
    found: list[object] = []

    def recording(*args: object, **kwargs: object) -> object:
        found.append(catalog_module.load_catalog(*args, **kwargs))  # type: ignore[arg-type]
        return found[-1]

    monkeypatch.setattr(commands, "load_catalog", recording)
    monkeypatch.setattr(held, "_held", type(held._held)())
    return found


def _show(capsys: pytest.CaptureFixture[str]) -> dict:
    assert cli.main(["show", "ID-DOC-901"]) == 0
    return orjson.loads(capsys.readouterr().out)


def _same_size_edit(path: Path, old: bytes, new: bytes) -> None:
    """Bytes changed in place, the size and the modification time put back (only the status
    change time moves): the quietest edit a file can get."""
    before = path.stat()
    data = path.read_bytes()
    assert old in data and len(old) == len(new)
    with path.open("r+b") as handle:
        handle.write(data.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_an_unchanged_catalog_is_given_again_and_an_edited_file_is_seen_by_the_next_call(
        tmp_path, monkeypatch, capsys, loads):
    root = _catalog_with_lock(tmp_path / "catalog")
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    assert _show(capsys)["title"]["en"] == "A title"
    assert _show(capsys)["title"]["en"] == "A title"
    assert loads[1] is loads[0]  # kept: nothing changed
    _same_size_edit(root / "suites" / "identity" / "requirements.yaml", b"A title", b"B title")
    assert _show(capsys)["title"]["en"] == "B title"  # the next call sees the edit
    assert loads[2] is not loads[0]
    # saved as editors save (a new file renamed over the old one)
    edited = root / "suites" / "identity" / "requirements.yaml.new"
    edited.write_bytes((root / "suites" / "identity" / "requirements.yaml").read_bytes().replace(b"B title", b"C title"))
    edited.replace(root / "suites" / "identity" / "requirements.yaml")
    assert _show(capsys)["title"]["en"] == "C title"
    # a profile added to the catalog: the next call lists it
    (root / "profiles" / "other.yaml").write_text((root / "profiles" / "mini.yaml").read_text(encoding="utf-8")
                                                  .replace("id: mini", "id: other"), encoding="utf-8")
    assert _show(capsys)["profiles"] == ["mini", "other"]


def test_a_rewritten_test_lock_is_read_again_by_the_next_call(tmp_path, monkeypatch, capsys, loads):
    root = _catalog_with_lock(tmp_path / "catalog")
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    assert _show(capsys)["tests"] == ["suites/identity/test_mini.py::test_something"]
    # the lock is not in the digest (`catalog lock` rewrites it): read again all the same
    (root / "suites" / "tests.lock.json").write_text(json.dumps(
        {"tests": {"identity/test_mini.py::test_other": ["ID-DOC-901"]}}), encoding="utf-8")
    assert _show(capsys)["tests"] == ["suites/identity/test_mini.py::test_other"]
    assert loads[1] is loads[0]  # the same catalog, its lock read again


def test_a_catalog_is_kept_only_while_a_command_runs(tmp_path, loads):
    root = _catalog_with_lock(tmp_path / "catalog")
    first = catalog_module.load_catalog(root, plugins={})
    assert catalog_module.load_catalog(root, plugins={}) is not first  # a library caller's own
    with held.holding():
        kept = catalog_module.load_catalog(root, plugins={})
        assert catalog_module.load_catalog(root, plugins={}) is kept
        assert catalog_module.load_catalog(root, plugins={}, lazy=True) is not kept  # another laziness


def test_a_catalog_whose_schemas_took_a_registration_is_not_given_again(tmp_path, loads):
    root = _catalog_with_lock(tmp_path / "catalog")
    with held.holding():
        kept = catalog_module.load_catalog(root, plugins={})
        kept.schemas.register({"$id": "https://example.org/acme-config.json", "type": "object"}, "acme")
        again = catalog_module.load_catalog(root, plugins={})
        assert again is not kept and "https://example.org/acme-config.json" not in again.schemas


def test_a_catalog_checked_against_other_target_kinds_is_not_given_again(tmp_path, monkeypatch, loads):
    root = _catalog_with_lock(tmp_path / "catalog")
    with held.holding():
        kept = catalog_module.load_catalog(root, plugins={})
        assert kept.kinds >= {"file", "http"}

        class Bundle:
            kind = "bundle"

        monkeypatch.setattr(_areas, "adapter_plugins", lambda: {"bundle": Bundle})
        again = catalog_module.load_catalog(root, plugins={})
        assert again is not kept and "bundle" in again.kinds


def test_the_parser_is_built_once_and_again_when_the_areas_commands_change(monkeypatch):
    monkeypatch.setattr(parser, "_BUILT", {})
    assert parser.build_parser(["show", "X"]) is parser.build_parser(["list", "profiles"])
    helped = parser.build_parser(["--help"])
    assert parser.build_parser(["--help"]) is helped

    class Acme:
        help = "an area's command"

        def add_arguments(self, sub: object) -> None:
            pass

    monkeypatch.setattr(_areas, "commands", lambda registered={"acme-thing": Acme()}: registered)
    with_acme = parser.build_parser(["acme-thing"])
    assert with_acme is not helped
    assert with_acme.parse_args(["acme-thing"]).area_command == "acme-thing"


def test_a_default_list_is_not_shared_between_two_parses():
    run = parser.build_parser(["run"])
    first = run.parse_args(["run", "--manifest", "m.yaml"])
    first.profile.append("identity-document")  # a command may add to what it was given
    assert run.parse_args(["run", "--manifest", "m.yaml"]).profile == []


def test_a_test_module_put_under_fixtures_after_a_clean_load_is_refused_by_the_next(tmp_path, monkeypatch):
    """The refusal of test modules under fixtures/ walks a clean suites/ once while its folders
    keep their identity: a module added later moves its folder's, and the next load refuses it."""
    from conformance.errors import CatalogError

    real_ns, real_walk = catalog_module.time.time_ns, catalog_module.walk_files
    # every folder counts as settled: the walk starts (as the memo sees it) an hour after now
    monkeypatch.setattr(catalog_module.time, "time_ns", lambda: real_ns() + 3600 * 10**9)
    walks: list[Path] = []
    monkeypatch.setattr(catalog_module, "walk_files", lambda base, *args: walks.append(base) or real_walk(base, *args))
    root = _catalog_with_lock(tmp_path / "catalog")
    fixtures = root / "suites" / "identity" / "fixtures"
    fixtures.mkdir()
    (fixtures / "data.json").write_text("{}", encoding="utf-8")
    catalog_module.refuse_fixture_tests(root)
    catalog_module.refuse_fixture_tests(root)
    assert walks == [root]  # walked once: the second found every folder as it was
    (fixtures / "test_planted.py").write_text("def test_x():\n    pass\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="a test module under a fixtures folder"):
        catalog_module.load_catalog(root, plugins={})


def test_a_command_interrupted_drops_what_it_kept_and_bad_input_does_not(tmp_path, monkeypatch, capsys, loads):
    """A lazy catalog stopped in the middle of parsing a file is not given again: an interrupt
    (or a bound, or a run left incomplete) drops every kept catalog; a refusal of bad input,
    raised by the code between parses, keeps them."""
    root = _catalog_with_lock(tmp_path / "catalog")
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    _show(capsys)
    assert cli.main(["show", "ID-NOPE-001"]) == 2  # bad input
    assert len(held._held) == 1
    real_show = commands.cmd_show

    def interrupted(args: object, console: object) -> int:
        real_show(args, console)
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "cmd_show", interrupted)
    assert cli.main(["show", "ID-DOC-901"]) == 3
    assert len(held._held) == 0
    monkeypatch.setattr(commands, "cmd_show", lambda args, console: (real_show(args, console), 3)[1])
    assert cli.main(["show", "ID-DOC-901"]) == 3  # a run left incomplete (interrupted inside its own guard)
    assert len(held._held) == 0
