"""``conformance new requirement``: stubs that keep the catalog loading and can never pass."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conformance import _areas, load_catalog, messages, run
from conformance._catalog.lock import read_lock
from conformance._io.yamlload import Loader
from conformance._run import collect as collecting
from conformance._run.collect import Collection
from conformance.cli import main
from conformance.drafting.lint import lint
from tests.conftest import ROOT, copy_catalog, manifest_for, verdicts

#: what every scaffolded requirement needs besides its area, ID and profile: a clause it
#: serves and the standard it follows (or none)
CITED = ["--policy", "SH-GUIDE 3.1.2-sensing", "--topic", "hand-tracking", "--standard", "OpenXR Specification 1.1",
         "--section", "12.2 XR_EXT_hand_tracking"]


def _yaml(text: str) -> object:
    """A YAML document parsed as the catalog parses it (libyaml: the pure-Python safe_load took
    about a second over the clause table here)."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)


def _in_use(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The commands read the catalog at ``root`` (CONFORMANCE_CATALOG) while the test lasts; they
    write its message templates into it (``root/messages/<area>.yaml``), and the installed
    package's templates stay as they were."""
    package = {path: path.read_bytes() for paths in _areas.template_files().values() for path in paths}
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    messages.forget()
    yield root
    monkeypatch.delenv("CONFORMANCE_CATALOG")
    messages.forget()
    assert {path: path.read_bytes() for path in package} == package  # issue 77: it wrote into the package


def _collections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Collection]]:
    """(catalog root, collection) for each collection of the suites made from now on while the
    test lasts: the lint collects the catalog's suites, and a test reads that collection to
    assert the lock records it, rather than collecting the same files again (about a CPU-second)."""
    made: list[tuple[Path, Collection]] = []
    real = collecting.collect

    def recording(catalog):  # noqa: ANN001, ANN202 - the real function's signature
        collection = real(catalog)
        made.append((catalog.root, collection))
        return collection

    monkeypatch.setattr(collecting, "collect", recording)
    return made


@pytest.fixture
def catalog_copy(tmp_path, monkeypatch) -> Iterator[Path]:
    """A copy of the shipped catalog the commands under test may change, and of the
    harness's message templates."""
    yield from _in_use(copy_catalog(tmp_path / "catalog"), tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def _module_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_catalog(tmp_path_factory.mktemp("scaffold") / "catalog")


@pytest.fixture
def unchanged_copy(_module_copy, tmp_path, monkeypatch) -> Iterator[Path]:
    """One copy of the shipped catalog for the module's tests that assert a command changes
    nothing in it (10 MB in 1 157 files: copied once, not once a test). A command that
    changed it fails the test that ran it; each test compares the files before and after
    its own command."""
    yield from _in_use(_module_copy, tmp_path, monkeypatch)


@pytest.mark.slow  # scaffolds, then runs the engine end to end on the stub
def test_a_new_requirement_loads_and_its_stub_test_fails(catalog_copy, capsys, tmp_path, monkeypatch):
    code = main(["new", "requirement", "terminal", "--id", "TD-HAND", "--profile", "terminal-hand-tracking",
                 "--title", "Joint radii shrink with the hand", *CITED])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:-1] == [
        "changed suites/terminal/requirements.yaml",
        "changed suites/terminal/test_hand.py",  # the module deciding TD-HAND-001..005 (TD-HAND-006 is test_pinch.py's)
        "created messages/terminal.yaml",  # in the catalog scaffolded, not the package
        "changed suites/terminal/known_bad.yaml",
        "changed suites/terminal/fixtures/generate.py",
        "changed profiles/terminal-hand-tracking.yaml",
        "changed suites/policy-clauses.yaml",
        "changed suites/tests.lock.json",
    ]
    assert printed[-1].startswith("created suites/terminal/fixtures/td-hand-007/")
    catalog = load_catalog(catalog_copy)
    new = catalog.requirement("TD-HAND-007")
    assert (new.level.value, new.testing.value) == ("MUST", "automated")
    assert new.title.en == "Joint radii shrink with the hand"
    assert "TODO" in new.title.zh and "TODO" in new.statement.en and "TODO" in new.statement.zh
    # since: the catalog's current version, the highest any requirement names (issue 77: was "0.1")
    others = [tuple(map(int, r.since.split("."))) for r in catalog.requirements.values() if r.id != new.id and r.since]
    assert tuple(map(int, (new.since or "").split("."))) == max(others)
    assert "TD-HAND-007" in catalog.profile("terminal-hand-tracking").requirements
    clauses = _yaml((catalog_copy / "suites/policy-clauses.yaml").read_text(encoding="utf-8"))
    assert "TD-HAND-007" in next(t for t in clauses["topics"] if t["key"] == "hand-tracking")["requirements"]
    assert catalog.tests["TD-HAND-007"] == ["suites/terminal/test_hand.py::test_td_hand_007"]
    requirements_text = (catalog_copy / "suites/terminal/requirements.yaml").read_text(encoding="utf-8")
    assert requirements_text.startswith("# Terminal data exchange")  # appended as text: comments stay
    known_bad = _yaml((catalog_copy / "suites/terminal/known_bad.yaml").read_text(encoding="utf-8"))
    fixture = printed[-1].split("fixtures/", 1)[1]
    assert known_bad["TD-HAND-007"] == [{"profile": "terminal-hand-tracking", "files": {"captures": [fixture]}}]
    assert messages.problems() == []  # the templates stay sound
    assert "terminal.td-hand-007" in messages.templates()

    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(manifest_for(catalog, "terminal-hand-tracking")), encoding="utf-8")
    result = run(manifest, catalog=catalog, requirements=["TD-HAND-007"], out_dir=tmp_path / "out", formats=["json"])
    assert verdicts(result) == {"TD-HAND-007": "fail"}
    assert "TD-HAND-007: the test is not written yet" in result.report.requirements[0].message
    assert result.report.requirements[0].text["args"]["first"]["key"] == "terminal.td-hand-007"  # a template's
    collections = _collections(monkeypatch)
    assert main(["lint"]) == 0  # what is left is the drafter's TODOs, which the lint has no rule for
    # the lock records the new test as collecting the suites finds it (the lint's one collection of the catalog)
    ((root, collection),) = collections
    assert root == catalog.root and collection.locks[catalog.root] == read_lock(catalog.root)


def test_without_an_id_the_next_free_one_of_the_area_is_taken(catalog_copy, capsys):
    last = [r for r in load_catalog(catalog_copy).requirements.values() if r.area == "interfaces"][-1].id
    prefix, number = last.rsplit("-", 1)
    assert main(["new", "requirement", "interfaces", "--level", "SHOULD", "--profile", "interfaces-core",
                 "--policy", "SH-GUIDE 3.2-interaction", "--topic", "haptics", "--standard", "none"]) == 0
    new_id = f"{prefix}-{int(number) + 1:03d}"
    printed = capsys.readouterr().out
    assert "changed suites/interfaces/test_" in printed and "fixtures" not in printed  # HTTP: a defect to plant
    assert load_catalog(catalog_copy).requirement(new_id).level.value == "SHOULD"


_HAND = ["--profile", "terminal-hand-tracking"]


@pytest.mark.parametrize(("args", "expected"), [
    (["termnal", *_HAND], "area termnal: unknown (one of: assets, data, identifiers, identity, interfaces, robots, "
                          "scenes, terminal) (did you mean terminal?"),
    (["terminal", "--id", "TD-HAND-001", *_HAND], "--id TD-HAND-001: already exists in area terminal"),
    (["terminal", "--id", "AS-META-009", *_HAND], "--id AS-META-009: IDs of area terminal start with TD-"),
    (["terminal", "--id", "td-hand", *_HAND], "--id td-hand: not a requirement ID or prefix"),
    (["terminal", "--profile", "terminal-hands"], "profile terminal-hands: unknown (did you mean terminal-haptics?"),
    # the clause: one of the table's, with the close ones named
    (["terminal", *_HAND, "--policy", "SH-GUIDE"],
     "--policy SH-GUIDE: no clause of suites/policy-clauses.yaml (close: SH-GUIDE 3.1.1-testing, "
     "SH-GUIDE 3.1.2-terminal, SH-GUIDE 3.1.2-sensing)"),
    (["terminal", *_HAND, "--policy", "SH-GUIDE 3.1.2-sensor"],
     "--policy SH-GUIDE 3.1.2-sensor: no clause of suites/policy-clauses.yaml (close: SH-GUIDE 3.1.2-sensing"),
    # the standard: by its canonical name and under its URL, or none (then without a section or URL)
    (["terminal", *_HAND, "--standard", "openxr"],
     "--standard openxr: no canonical standard name of suites/standards.yaml (close: 'OpenXR Specification 1.1')"),
    (["terminal", *_HAND, "--url", "https://example.org/openxr"],
     "--url https://example.org/openxr: not under the URL of 'OpenXR Specification 1.1' (start it with "
     "https://registry.khronos.org/OpenXR/specs/1.1/html/xrspec.html)"),
    (["terminal", *_HAND, "--standard", "none"], "--standard none: takes no --section or --url"),
    # the seed topic: one of the table's, where the coverage table counts it
    (["terminal", *_HAND, "--topic", "hand-trackin"],
     "--topic hand-trackin: no topic of suites/policy-clauses.yaml (close: hand-tracking"),
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(unchanged_copy, capsys, args, expected):
    before = _files(unchanged_copy)
    assert main(["new", "requirement", *CITED, *args]) == 2  # a later option replaces an earlier one
    err = capsys.readouterr().err
    assert err.startswith(f"conformance: {expected}") and err.count("\n") == 1, err
    assert _files(unchanged_copy) == before


def _files(root: Path) -> dict[Path, bytes]:
    """Every file under ``root`` but the interpreter's byte code: a collection or an import writes ``__pycache__``
    wherever ``PYTHONDONTWRITEBYTECODE`` is unset (as in CI), which is no place a command touches."""
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts}


def test_without_a_test_lock_nothing_is_written_and_the_fix_is_named(catalog_copy, capsys):
    (catalog_copy / "suites" / "tests.lock.json").unlink()
    before = _files(catalog_copy)
    assert main(["new", "requirement", "terminal", *_HAND, *CITED]) == 2
    assert capsys.readouterr().err == ("conformance: suites/tests.lock.json: missing: which tests decide which "
                                       "requirements is not recorded (run `conformance catalog lock`)\n")
    assert _files(catalog_copy) == before


#: one requirement a level, each in its area's places: the command's arguments, the new ID,
#: the folder of the known-bad fixture it creates (its one file named as the reference's first
#: sample of the profile's file role) and the files it changes (besides the test lock): the
#: suite module deciding requirements like it, the fixtures' generator, the catalog's own
#: message templates (created by the first of an area)
_ONE_A_LEVEL = [
    (["terminal", "--id", "TD-HAND", "--level", "MUST", "--profile", "terminal-hand-tracking",
      "--title", "Joint radii shrink with the hand", *CITED],
     "TD-HAND-007", "catalog/suites/terminal/fixtures/td-hand-007/",
     ["catalog/suites/terminal/requirements.yaml", "catalog/suites/terminal/known_bad.yaml",
      "catalog/suites/terminal/test_hand.py", "catalog/suites/terminal/fixtures/generate.py",
      "catalog/messages/terminal.yaml", "catalog/profiles/terminal-hand-tracking.yaml", "catalog/docs/terminal.md",
      "catalog/suites/policy-clauses.yaml"]),
    (["identity", "--id", "ID-DOC", "--level", "SHOULD", "--profile", "identity-document",
      "--policy", "SH-GUIDE 3.1.3-identity", "--topic", "identity-registration", "--standard", "none"],
     "ID-DOC-004", "catalog/suites/identity/fixtures/id-doc-004/",
     ["catalog/suites/identity/requirements.yaml", "catalog/suites/identity/known_bad.yaml",
      "catalog/suites/identity/test_did_documents.py", "catalog/suites/identity/fixtures/generate.py",
      "catalog/messages/identity.yaml", "catalog/profiles/identity-document.yaml", "catalog/docs/identity.md",
      "catalog/suites/policy-clauses.yaml"]),
    (["data", "--id", "DP-DESC", "--level", "MAY", "--profile", "data-products", "--title", "Offers a sample",
      "--policy", "SH-GUIDE 3.5-data", "--policy", "SH-ACTION 14", "--topic", "data-labelling-trading",
      "--standard", "W3C Data Catalog Vocabulary (DCAT) - Version 3", "--section", "6.6 Class Dataset",
      "--url", "https://www.w3.org/TR/vocab-dcat-3/#Class:Dataset"],
     "DP-DESC-002", "catalog/suites/data/fixtures/dp-desc-002/",
     ["catalog/suites/data/requirements.yaml", "catalog/suites/data/known_bad.yaml",
      "catalog/suites/data/test_products.py", "catalog/suites/data/fixtures/generate.py",
      "catalog/messages/data.yaml", "catalog/profiles/data-products.yaml", "catalog/docs/data.md",
      "catalog/suites/policy-clauses.yaml"]),
]


@pytest.mark.slow  # three scaffolds, each collecting the suites for the lock, then the lint
def test_one_requirement_a_level_is_lint_clean_and_touches_only_its_places(tmp_path, monkeypatch, capsys):
    """MUST, SHOULD and MAY: each entry cites a clause, states its level with the verb the lint
    wants in both languages, cites a standard or says none applies; the lint finds nothing
    (it has no rule for the TODO texts: the stub test fails when run). Each command changes
    its area's places, the profile, the test lock and the docs' tables, and nothing else."""
    root = copy_catalog(tmp_path / "catalog")
    shutil.copytree(ROOT / "docs", root / "docs")  # the generated tables
    for _ in _in_use(root, tmp_path, monkeypatch):
        for args, _, created, changed in _ONE_A_LEVEL:
            before = _files(tmp_path)
            assert main(["new", "requirement", *args]) == 0
            after = _files(tmp_path)
            shown = {path.relative_to(tmp_path).as_posix() for path in after}
            added = {p for p in shown if tmp_path / p not in before}
            modified = {p for p in shown if tmp_path / p in before and before[tmp_path / p] != after[tmp_path / p]}
            fixture = [p for p in added if p.startswith(created)]
            assert len(fixture) == 1 and "/" not in fixture[0].removeprefix(created), added
            changed_now = {p for p in changed if tmp_path / p in before}  # a catalog's first template: created
            assert (added, modified) == ({*fixture, *(set(changed) - changed_now)},
                                         {*changed_now, "catalog/suites/tests.lock.json"}), args
            assert set(before) <= set(after)  # nothing removed
            printed = capsys.readouterr().out.splitlines()
            assert sorted(line.split(" ", 1)[1].removeprefix("catalog/") for line in printed) == sorted(
                p.removeprefix("catalog/") for p in [*fixture, *changed, "catalog/suites/tests.lock.json"])
        catalog = load_catalog(root)
        collections = _collections(monkeypatch)
        assert [f.line() for f in lint(catalog)] == []
        levels = {new_id: catalog.requirement(new_id) for _, new_id, _, _ in _ONE_A_LEVEL}
        assert {i: r.level.value for i, r in levels.items()} == {"TD-HAND-007": "MUST", "ID-DOC-004": "SHOULD",
                                                                  "DP-DESC-002": "MAY"}
        assert [(r.statement.en.split()[3], r.statement.zh.split(">")[1][0]) for r in levels.values()] == [
            ("MUST", "应"), ("SHOULD", "宜"), ("MAY", "可")]
        assert levels["ID-DOC-004"].source.standards == [] and "TODO" in levels["ID-DOC-004"].source.no_standard
        assert levels["DP-DESC-002"].source.policy == ["SH-GUIDE 3.5-data", "SH-ACTION 14"]
        assert [s.model_dump() for s in levels["DP-DESC-002"].source.standards] == [
            {"name": "W3C Data Catalog Vocabulary (DCAT) - Version 3", "section": "6.6 Class Dataset",
             "url": "https://www.w3.org/TR/vocab-dcat-3/#Class:Dataset"}]
        ((collected, collection),) = collections  # the lint's one collection of the catalog
        assert collected == catalog.root and collection.locks[catalog.root] == read_lock(catalog.root)  # the lock
        assert main(["catalog", "docs", "--check"]) == 0  # and the docs' tables are fresh


def test_none_is_said_with_a_reason_and_never_beside_a_standard(catalog_copy):
    """``source.no_standard`` takes the place of ``standards``: the lint's ``standard`` rule
    accepts either, and finds a requirement that has both or neither."""
    path = catalog_copy / "suites/robots/requirements.yaml"
    document = _yaml(path.read_text(encoding="utf-8"))
    both, neither = document["requirements"][:2]
    both["source"]["no_standard"] = "the policy clause alone sets the rule"
    del neither["source"]["standards"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = {(f.requirement, f.problem) for f in lint(load_catalog(catalog_copy)) if f.rule == "standard"}
    assert found == {(both["id"], "cites standards and says no_standard"),
                     (neither["id"], "cites no external standard")}


def test_without_a_topic_the_topics_drawing_on_its_clauses_are_named(unchanged_copy, capsys):
    before = _files(unchanged_copy)
    cited = [a for a in CITED if a not in ("--topic", "hand-tracking")]
    assert main(["new", "requirement", "terminal", *_HAND, *cited]) == 2
    err = capsys.readouterr().err
    assert err.startswith("conformance: --topic: missing: the seed topic") and "hand-tracking" in err, err
    assert _files(unchanged_copy) == before


def test_the_first_requirement_of_an_absent_topic_leaves_it_absent(tmp_path):
    """A scaffolded requirement is a draft, normative for no topic: the topic stays absent
    until a stable MUST requirement tests it (the lint holds the status to that)."""
    from conformance.drafting.scaffold import _with_topic_requirement

    path = tmp_path / "policy-clauses.yaml"
    # the shipped table has no absent topic left (issue 74, h74-absent: the last four are out of scope, each
    # with its reason), so the copy gets one planted, with no requirements yet, before the clauses
    planted = ('- key: planted-absent\n  title: {zh: 种植的主题, en: A planted topic}\n  clauses: [SH-GUIDE 3.2-network]\n'
               '  text: {zh: "种植的句子。"}\n  status: absent\n  missing: nothing tests it\n  missing_zh: 未作检验\n')
    shipped_text = (ROOT / "suites" / "policy-clauses.yaml").read_text(encoding="utf-8")
    assert shipped_text.count("\nclauses:\n") == 1
    path.write_text(shipped_text.replace("\nclauses:\n", "\n" + planted + "clauses:\n"), encoding="utf-8")
    shipped = _yaml(path.read_text(encoding="utf-8"))["topics"]
    assert next(t for t in shipped if t["key"] == "planted-absent")["status"] == "absent"
    topics = _yaml(_with_topic_requirement(path, "planted-absent", "IF-EDGE-001"))["topics"]
    topic = next(t for t in topics if t["key"] == "planted-absent")
    assert topic["requirements"] == ["IF-EDGE-001"] and topic["status"] == "absent" and topic["missing"]
    # others unchanged
    assert next(t for t in topics if t["key"] == "network-physical-security")["status"] == "out_of_scope"


#: the check's body a drafter writes, all that is written by hand: a description that is no
#: whole XML document is a finding (the scaffolded fixture is the sample cut in half)
_BODY = '''    from xml.etree import ElementTree

    files = targets["robot_description"]
    for path in files.files():
        try:
            ElementTree.fromstring(files.read_bytes(path))
        except ElementTree.ParseError:
            evidence.finding(msg("robots.rb-joint-004", test=files.display_name(path)))
'''


@pytest.mark.slow  # scaffolds, collects the suites for the lock, lints, then runs the engine twice
def test_with_only_the_checks_body_written_it_lints_and_its_known_bad_case_fails(catalog_copy, capsys, tmp_path):
    """Issue 77: the scaffold builds the area's shape (the check in the area's suite module, the
    fixture by fixtures/generate.py, the case in known_bad.yaml, the lock), so a drafter writes
    only the check's body: then the lint is clean, the known-bad case fails and the samples pass."""
    assert main(["new", "requirement", "robots", "--id", "RB-JOINT", "--profile", "robot-joint-data",
                 "--title", "Descriptions are whole documents", "--policy", "SH-GUIDE 3.1.2-sensing",
                 "--topic", "hand-tracking", "--standard", "none"]) == 0
    capsys.readouterr()
    module = catalog_copy / "suites/robots/test_robots.py"
    text = module.read_text(encoding="utf-8")
    stub = '    evidence.finding(msg("robots.rb-joint-004", test="suites/robots/test_robots.py::test_rb_joint_004"))\n'
    assert text.endswith(stub)
    module.write_text(text.removesuffix(stub) + _BODY, encoding="utf-8")
    generate = (catalog_copy / "suites/robots/fixtures/generate.py").read_text(encoding="utf-8")
    assert generate.rstrip().endswith("main()\n    known_bad_rb_joint_004()")  # regenerating writes it again

    catalog = load_catalog(catalog_copy)
    assert [f.line() for f in lint(catalog)] == []
    assert catalog.tests["RB-JOINT-004"] == ["suites/robots/test_robots.py::test_rb_joint_004"]
    (case,) = _yaml((catalog_copy / "suites/robots/known_bad.yaml").read_text(encoding="utf-8"))[
        "RB-JOINT-004"]
    assert case == {"profile": "robot-joint-data", "files": {"robot_description": ["rb-joint-004/greeter.urdf"]}}
    manifest = manifest_for(catalog, "robot-joint-data")
    for name, paths in (("good", None), ("bad", [catalog_copy / "suites/robots/fixtures/rb-joint-004/greeter.urdf"])):
        if paths:
            manifest["targets"]["robot_description"] = {"adapter": "file", "paths": [str(p) for p in paths]}
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        result = run(path, catalog=catalog, requirements=["RB-JOINT-004"], out_dir=tmp_path / name, formats=["json"])
        assert verdicts(result) == {"RB-JOINT-004": "pass" if name == "good" else "fail"}, name
    assert "rb-joint-004/greeter.urdf)" in result.report.requirements[0].message  # the template of the catalog


def test_the_scaffolds_collection_of_one_module_keeps_the_other_entries_as_locked(tmp_path):
    """The scaffold rewrites the lock by collecting the module it added the test to: that
    module's entries are as collecting finds them, every other one as the lock recorded it
    (not imported: the lint collects them all); without a lock to keep, all is collected."""
    from conformance._catalog.lock import lock_bytes, lock_path
    from conformance._run.collect import collect_modules
    from tests.minicatalog import TEST_MODULE, lock, write_catalog

    root = write_catalog(tmp_path / "mini")
    (root / "suites/identity/test_other.py").write_text(TEST_MODULE.replace("test_something", "test_other"),
                                                        encoding="utf-8")
    lock(root)
    mini = root / "suites/identity/test_mini.py"
    mini.write_text(mini.read_text(encoding="utf-8") + '\n\n@pytest.mark.requirement("ID-DOC-901")\n'
                    'def test_added():\n    pass\n', encoding="utf-8")
    recorded = read_lock(root)
    assert recorded == {"identity/test_mini.py::test_something": ["ID-DOC-901"],
                        "identity/test_other.py::test_other": ["ID-DOC-901"]}
    # planted: the collected module's entries stale (one gone, one marked otherwise), the other's too
    lock_path(root).write_bytes(lock_bytes({"identity/test_mini.py::test_something": ["STALE"],
                                            "identity/test_mini.py::test_gone": ["ID-DOC-901"],
                                            "identity/test_other.py::test_other": ["PLANTED"]}))
    catalog = load_catalog(root, plugins={})
    collection = collect_modules(catalog, [mini])
    assert collection.errors == [] and collection.locks == {catalog.root: {
        "identity/test_mini.py::test_something": ["ID-DOC-901"], "identity/test_mini.py::test_added": ["ID-DOC-901"],
        "identity/test_other.py::test_other": ["PLANTED"]}}  # kept as locked: test_other.py was not collected
    lock_path(root).unlink()
    assert collect_modules(catalog, [mini]).locks[catalog.root]["identity/test_other.py::test_other"] == ["ID-DOC-901"]


def test_a_catalogs_templates_file_changed_in_place_is_read_again(tmp_path, monkeypatch):
    """The scaffold appends to a catalog's templates file, then reads the templates again
    (``messages.forget``): each file is parsed once for the same bytes, so the new bytes at
    the same path are parsed, and what a caller changes in an entry stays its own."""
    path = tmp_path / "messages" / "terminal.yaml"
    path.parent.mkdir()
    path.write_text('td-hand-901:\n  en: "first ({test})"\n  zh: "第一（{test}）"\n', encoding="utf-8")
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(tmp_path))
    messages.forget()
    try:
        assert messages.templates()["terminal.td-hand-901"]["en"] == "first ({test})"
        messages.templates()["terminal.td-hand-901"]["en"] = "changed by a caller"
        messages.forget()
        assert messages.templates()["terminal.td-hand-901"]["en"] == "first ({test})"
        path.write_text(path.read_text(encoding="utf-8") + 'td-hand-902:\n  en: "second ({test})"\n'
                        '  zh: "第二（{test}）"\n', encoding="utf-8")
        messages.forget()
        assert {k: v["en"] for k, v in messages.templates().items() if k.startswith("terminal.td-hand-9")} == {
            "terminal.td-hand-901": "first ({test})", "terminal.td-hand-902": "second ({test})"}
    finally:
        monkeypatch.delenv("CONFORMANCE_CATALOG")
        messages.forget()
