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
from conformance._run.collect import collect
from conformance.cli import main
from conformance.drafting.lint import lint
from tests.conftest import ROOT, copy_catalog, manifest_for, verdicts

#: what every scaffolded requirement needs besides its area, ID and profile: a clause it
#: serves and the standard it follows (or none)
CITED = ["--policy", "SH-GUIDE 3.1.2-sensing", "--topic", "hand-tracking", "--standard", "OpenXR Specification 1.1",
         "--section", "12.2 XR_EXT_hand_tracking"]


def _in_use(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The commands read the catalog at ``root`` and the harness's message templates from
    copies in ``tmp_path`` while the test lasts."""
    copies: dict[str, tuple[Path, ...]] = {}
    for prefix, paths in _areas.template_files().items():  # the areas' templates, e.g. areas/terminal/messages.yaml
        (tmp_path / "messages" / prefix).mkdir(parents=True)
        copies[prefix] = tuple(Path(shutil.copy(path, tmp_path / "messages" / prefix / path.name)) for path in paths)
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    monkeypatch.setattr(_areas, "template_files", functools.cache(lambda: copies))
    messages.forget()
    yield root
    messages.forget()


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
def test_a_new_requirement_loads_and_its_stub_test_fails(catalog_copy, capsys, tmp_path):
    code = main(["new", "requirement", "terminal", "--id", "TD-HAND", "--profile", "terminal-hand-tracking",
                 "--title", "Joint radii shrink with the hand", *CITED])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "changed suites/terminal/requirements.yaml",
        "created suites/terminal/test_joint_radii_shrink_with_the_hand.py",
        f"changed {catalog_copy.parent / 'messages' / 'terminal' / 'messages.yaml'}",
        "changed suites/terminal/known_bad.yaml",
        "created suites/terminal/fixtures/td-hand-005/README.md",
        "changed profiles/terminal-hand-tracking.yaml",
        "changed suites/policy-clauses.yaml",
        "changed suites/tests.lock.json",
    ]
    catalog = load_catalog(catalog_copy)
    new = catalog.requirement("TD-HAND-005")
    assert (new.level.value, new.testing.value) == ("MUST", "automated")
    assert new.title.en == "Joint radii shrink with the hand"
    assert "TODO" in new.title.zh and "TODO" in new.statement.en and "TODO" in new.statement.zh
    # since: the catalog's current version, the highest any requirement names (issue 77: was "0.1")
    others = [tuple(map(int, r.since.split("."))) for r in catalog.requirements.values() if r.id != new.id and r.since]
    assert tuple(map(int, (new.since or "").split("."))) == max(others)
    assert "TD-HAND-005" in catalog.profile("terminal-hand-tracking").requirements
    clauses = yaml.safe_load((catalog_copy / "suites/policy-clauses.yaml").read_text(encoding="utf-8"))
    assert "TD-HAND-005" in next(t for t in clauses["topics"] if t["key"] == "hand-tracking")["requirements"]
    assert catalog.tests["TD-HAND-005"] == [
        "suites/terminal/test_joint_radii_shrink_with_the_hand.py::test_joint_radii_shrink_with_the_hand"
    ]
    requirements_text = (catalog_copy / "suites/terminal/requirements.yaml").read_text(encoding="utf-8")
    assert requirements_text.startswith("# Terminal data exchange")  # appended as text: comments stay
    known_bad = yaml.safe_load((catalog_copy / "suites/terminal/known_bad.yaml").read_text(encoding="utf-8"))
    assert known_bad["TD-HAND-005"] == [{"profile": "terminal-hand-tracking"}]
    # the lock records the new test as collecting the suites finds it, and the templates stay sound
    assert collect(catalog).locks[catalog.root] == read_lock(catalog.root)
    assert messages.problems() == []
    assert "terminal.td-hand-005" in messages.templates()

    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(yaml.safe_dump(manifest_for(catalog, "terminal-hand-tracking")), encoding="utf-8")
    result = run(manifest, catalog=catalog, requirements=["TD-HAND-005"], out_dir=tmp_path / "out", formats=["json"])
    assert verdicts(result) == {"TD-HAND-005": "fail"}
    assert "TD-HAND-005: the test is not written yet" in result.report.requirements[0].message
    assert result.report.requirements[0].text["args"]["first"]["key"] == "terminal.td-hand-005"  # a template's
    assert main(["lint"]) == 0  # what is left is the drafter's TODOs, which the lint has no rule for


def test_without_an_id_the_next_free_one_of_the_area_is_taken(catalog_copy, capsys):
    last = [r for r in load_catalog(catalog_copy).requirements.values() if r.area == "interfaces"][-1].id
    prefix, number = last.rsplit("-", 1)
    assert main(["new", "requirement", "interfaces", "--level", "SHOULD", "--profile", "interfaces-core",
                 "--policy", "SH-GUIDE 3.2-interaction", "--topic", "haptics", "--standard", "none"]) == 0
    new_id = f"{prefix}-{int(number) + 1:03d}"
    assert f"created suites/interfaces/test_{new_id.lower().replace('-', '_')}.py" in capsys.readouterr().out
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
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_without_a_test_lock_nothing_is_written_and_the_fix_is_named(catalog_copy, capsys):
    (catalog_copy / "suites" / "tests.lock.json").unlink()
    before = _files(catalog_copy)
    assert main(["new", "requirement", "terminal", *_HAND, *CITED]) == 2
    assert capsys.readouterr().err == ("conformance: suites/tests.lock.json: missing: which tests decide which "
                                       "requirements is not recorded (run `conformance catalog lock`)\n")
    assert _files(catalog_copy) == before


#: one requirement a level, each in its area's places: the command's arguments, the new ID,
#: the files it creates and the files it changes (besides the test lock); the area's message
#: templates are the copies of _in_use, under messages/
_ONE_A_LEVEL = [
    (["terminal", "--id", "TD-HAND", "--level", "MUST", "--profile", "terminal-hand-tracking",
      "--title", "Joint radii shrink with the hand", *CITED],
     "TD-HAND-005", ["catalog/suites/terminal/test_joint_radii_shrink_with_the_hand.py",
                     "catalog/suites/terminal/fixtures/td-hand-005/README.md"],
     ["catalog/suites/terminal/requirements.yaml", "catalog/suites/terminal/known_bad.yaml",
      "messages/terminal/messages.yaml", "catalog/profiles/terminal-hand-tracking.yaml", "catalog/docs/terminal.md",
      "catalog/suites/policy-clauses.yaml"]),
    (["identity", "--id", "ID-DOC", "--level", "SHOULD", "--profile", "identity-document",
      "--policy", "SH-GUIDE 3.1.3-identity", "--topic", "identity-registration", "--standard", "none"],
     "ID-DOC-004",
     ["catalog/suites/identity/test_id_doc_004.py", "catalog/suites/identity/fixtures/id-doc-004/README.md"],
     ["catalog/suites/identity/requirements.yaml", "catalog/suites/identity/known_bad.yaml",
      "messages/identity/messages.yaml", "catalog/profiles/identity-document.yaml", "catalog/docs/identity.md",
      "catalog/suites/policy-clauses.yaml"]),
    (["data", "--id", "DP-DESC", "--level", "MAY", "--profile", "data-products", "--title", "Offers a sample",
      "--policy", "SH-GUIDE 3.5-data", "--policy", "SH-ACTION 14", "--topic", "data-labelling-trading",
      "--standard", "W3C Data Catalog Vocabulary (DCAT) - Version 3", "--section", "6.6 Class Dataset",
      "--url", "https://www.w3.org/TR/vocab-dcat-3/#Class:Dataset"],
     "DP-DESC-002",
     ["catalog/suites/data/test_offers_a_sample.py", "catalog/suites/data/fixtures/dp-desc-002/README.md"],
     ["catalog/suites/data/requirements.yaml", "catalog/suites/data/known_bad.yaml", "messages/data/messages.yaml",
      "catalog/profiles/data-products.yaml", "catalog/docs/data.md", "catalog/suites/policy-clauses.yaml"]),
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
            assert (added, modified) == (set(created), {*changed, "catalog/suites/tests.lock.json"}), args
            assert set(before) <= set(after)  # nothing removed
            printed = capsys.readouterr().out.splitlines()
            assert sorted(line.split(" ", 1)[1].removeprefix(f"{tmp_path}/").removeprefix("catalog/")
                          for line in printed) == sorted(p.removeprefix("catalog/") for p in
                                                         [*created, *changed, "catalog/suites/tests.lock.json"])
        catalog = load_catalog(root)
        assert [f.line() for f in lint(catalog)] == []
        levels = {new_id: catalog.requirement(new_id) for _, new_id, _, _ in _ONE_A_LEVEL}
        assert {i: r.level.value for i, r in levels.items()} == {"TD-HAND-005": "MUST", "ID-DOC-004": "SHOULD",
                                                                  "DP-DESC-002": "MAY"}
        assert [(r.statement.en.split()[3], r.statement.zh.split(">")[1][0]) for r in levels.values()] == [
            ("MUST", "应"), ("SHOULD", "宜"), ("MAY", "可")]
        assert levels["ID-DOC-004"].source.standards == [] and "TODO" in levels["ID-DOC-004"].source.no_standard
        assert levels["DP-DESC-002"].source.policy == ["SH-GUIDE 3.5-data", "SH-ACTION 14"]
        assert [s.model_dump() for s in levels["DP-DESC-002"].source.standards] == [
            {"name": "W3C Data Catalog Vocabulary (DCAT) - Version 3", "section": "6.6 Class Dataset",
             "url": "https://www.w3.org/TR/vocab-dcat-3/#Class:Dataset"}]
        assert collect(catalog).locks[catalog.root] == read_lock(catalog.root)  # the lock is what collecting finds
        assert main(["catalog", "docs", "--check"]) == 0  # and the docs' tables are fresh


def test_none_is_said_with_a_reason_and_never_beside_a_standard(catalog_copy):
    """``source.no_standard`` takes the place of ``standards``: the lint's ``standard`` rule
    accepts either, and finds a requirement that has both or neither."""
    path = catalog_copy / "suites/robots/requirements.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    path.write_bytes((ROOT / "suites" / "policy-clauses.yaml").read_bytes())
    # a topic absent on the shipped table, with no requirements yet (the lint holds it absent there)
    shipped = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
    assert next(t for t in shipped if t["key"] == "data-quality-governance")["status"] == "absent"
    topics = yaml.safe_load(_with_topic_requirement(path, "data-quality-governance", "DP-QUAL-001"))["topics"]
    topic = next(t for t in topics if t["key"] == "data-quality-governance")
    assert topic["requirements"] == ["DP-QUAL-001"] and topic["status"] == "absent" and topic["missing"]
    assert next(t for t in topics if t["key"] == "behavioural-habit-data")["status"] == "absent"  # others unchanged
