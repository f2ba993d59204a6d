"""``conformance catalog lint``: one planted defect of each kind is reported by its rule; the
shipped catalog is clean."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pytest
import yaml

from conformance._catalog.catalog import load_catalog
from conformance._catalog.model import Level
from conformance.cli import main
from conformance.drafting.lint import lint
from conformance.drafting.stability import stability_problems
from tests import session_commands
from tests.minicatalog import PROFILE, lint_collections_from_locks, lock, write_catalog
from tests.paths import ROOT

GOOD = {
    "id": "ID-DOC-901",
    "level": "MUST",
    "version": "1.0",
    "status": "stable",
    "since": "0.1",
    "title": {"en": "A DID document has an id", "zh": "DID 文档带有 id"},
    "statement": {"en": "Each DID document MUST carry an id member.", "zh": "每个 DID 文档应带有 id 成员。"},
    "source": {"policy": ["SH-GUIDE 3.1.3-identity"],
               "standards": [{"name": "W3C Decentralized Identifiers (DIDs) v1.0", "section": "5.1.1",
                              "url": "https://www.w3.org/TR/did-core/#did-subject"}]},
    "testing": "automated",
}
PARAMETERS = {"max_size_bytes": {"default": 1024, "stricter": "lower", "bounds": {"min": 1, "max": 1024}}}
CASES = {"ID-DOC-901": [{"profile": "mini", "files": {"files": ["bad.json"]}}]}


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.cache
def _shipped_clauses() -> dict:
    """The shipped policy clauses, read once per test process (never changed: each test
    writes a copy with its own topics)."""
    return yaml.load((ROOT / "suites" / "policy-clauses.yaml").read_bytes(), Loader=_LOADER)  # noqa: S506


@pytest.fixture(autouse=True)
def _lint_reads_the_locks_collection(monkeypatch):
    """Each case's catalog is written with its lock (``catalog_with``), which collects its suites; the lint under
    test then reads that collection rather than collecting the same files again (tests/minicatalog.py)."""
    lint_collections_from_locks(monkeypatch)


def catalog_with(root: Path, change=None, *, known_bad: object = CASES, renumbered=None, topics=(),
                 profile=None, **kwargs: object) -> Path:
    requirement = copy.deepcopy(GOOD)
    if change:
        change(requirement)
    write_catalog(root, requirements=[requirement], profile=profile or {**PROFILE, "parameters": PARAMETERS}, **kwargs)
    (root / "suites" / "standards.yaml").write_bytes((ROOT / "suites" / "standards.yaml").read_bytes())
    # the shipped clauses, with the topics of this test (the shipped ones name the shipped requirements)
    clauses = {**_shipped_clauses(), "topics": list(topics)}
    (root / "suites" / "policy-clauses.yaml").write_text(
        yaml.dump(clauses, Dumper=_DUMPER, allow_unicode=True), encoding="utf-8")
    if renumbered is not None:
        (root / "suites" / "renumbered.yaml").write_text(yaml.safe_dump({"renumbered": renumbered}))
    area = root / "suites" / "identity"
    (area / "fixtures").mkdir()
    (area / "fixtures" / "bad.json").write_text("{}")
    (area / "known_bad.yaml").write_text(yaml.safe_dump(known_bad))
    return lock(root)


def findings(root: Path, change=None, **kwargs: object) -> list[tuple[str, str]]:
    return [(f.rule, f.problem) for f in lint(load_catalog(catalog_with(root, change, **kwargs)))]


def test_a_well_drafted_catalog_is_clean(tmp_path):
    assert findings(tmp_path) == []


def _set(path: str, value: object):
    def change(requirement: dict) -> None:
        *parents, last = path.split(".")
        node = requirement
        for key in parents:
            node = node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return change


def _sets(*changes: tuple[str, object]):
    """Several ``_set`` changes at once (a defect planted in both languages)."""
    def change(requirement: dict) -> None:
        for path, value in changes:
            _set(path, value)(requirement)
    return change


EN = "statement.en"
ZH = "statement.zh"


@pytest.mark.parametrize(("change", "expected"), [
    (_set("source.policy", ["SH-GUIDE 9.9-nonexistent"]),
     ("policy-key", "policy key 'SH-GUIDE 9.9-nonexistent' is no clause of suites/policy-clauses.yaml")),
    (_set(EN, "Each DID document MUST carry an id and MUST NOT carry a name."),
     ("modal-en", "statement.en has 2 modal verbs (MUST, MUST NOT)")),
    (_set(EN, "Each DID document SHALL carry an id member, it MUST."), ("modal-en", "statement.en uses SHALL")),
    (_set(ZH, "每个 DID 文档必须带有 id 成员。"), ("modal-zh", "statement.zh uses 必须")),
    (_set(ZH, "每个 DID 文档应带有 id 成员，且不应带有 name。"),
     ("modal-zh", "statement.zh has 2 modal verbs (应, 不应)")),
    (_set(ZH, "每个 DID 文档宜带有 id 成员。"), ("modal-level", "statement.en says MUST but statement.zh says 宜")),
    (_set("level", "SHOULD"), ("modal-level", "level SHOULD but statement.en says MUST")),
    (_set(ZH, "每个 DID 文档应带有 id\n成员。"), ("whitespace", "statement.zh: a line break or tab inside the text")),
    (_set("title.zh", "DID 文档带 有 id"),
     ("whitespace", "title.zh: whitespace between Chinese characters: '带 有'")),
    (_sets((EN, "Each DID document MUST be at most max_size_bytes long."),
           (ZH, "每个 DID 文档应不超过 max_size_bytes。")),
     [("parameter-name", "statement.en names the parameter max_size_bytes"),
      ("parameter-name", "statement.zh names the parameter max_size_bytes")]),
    (_set("source.standards", None), ("standard", "cites no external standard")),
    (_set("source.standards", [{"name": "W3C DID Core", "url": "https://www.w3.org/TR/did-core/"}]),
     ("standard", "source.standards[0]: 'W3C DID Core' is no canonical standard name")),
    (_set("source.standards", [{"name": "W3C Decentralized Identifiers (DIDs) v1.0",
                                "url": "https://example.org/did"}]),
     ("standard", "source.standards[0]: url https://example.org/did is not under https://www.w3.org/TR/did-core/")),
    (_set("since", None), ("lifecycle", "no since")),
    (_set(ZH, "每个 DID 文档应带有 id 成员：id 为 DID；controller 为 DID；service 带有 type。"),
     ("bundled", "statement.zh chains 3 obligations with semicolons")),
    (_set("statement.zh", "每个 DID 文档应不缺少 id 成员。"), ("modal-order", "statement.zh writes 应不")),
    # issue 47: what a committee reads
    (_set("title.en", "A DID document's id, its controller and its services are consistent"),
     ("rules-related", "the title lists separate subjects as one: "
                       "\"A DID document's id, its controller and its services are consistent\"")),
    (_sets((EN, "Each DID document MUST be valid against schemas/identity/did-document.json."),
           (ZH, "每个 DID 文档应符合 did-document.json。")),
     [("repo-path", "statement.en names schemas/identity/did-document.json, a path of this repository"),
      ("repo-path", "statement.zh names did-document.json, a path of this repository")]),
    (_set("statement.en", "Each DID document MUST carry an id member, and may carry a second one."),
     ("modal-permission", "the statement grants a permission inside its rule (may / 可以 / 能……而不能)")),
    (_set("statement.zh", "每个 DID 文档应带有 id 成员（能增加而不能删除）。"),
     ("modal-permission", "the statement grants a permission inside its rule (may / 可以 / 能……而不能)")),
    (_set("notes", {"en": "A resolver should cache the document.", "zh": "解析器缓存该文档。"}),
     ("modal-note", "the note uses should")),
    (_set("notes", {"en": "Resolvers cache the document.", "zh": "解析器可缓存该文档，但不得修改。"}),
     ("modal-note", "the note uses 不得, 可")),
    (_set("notes", {"en": "Resolvers can cache it; the issuer MUST sign it.",
                    "zh": "解析器能缓存该文档，签发方应签名。"}),
     ("modal-note", "the note uses MUST, 应")),
])
def test_each_drafting_defect_is_reported_by_its_rule(tmp_path, change, expected):
    """One finding, or one in each language where the defect is planted in both (so that the
    languages still agree: ``language-parity``)."""
    assert findings(tmp_path, change) == (expected if isinstance(expected, list) else [expected])


# --- issue 63's statement rules: each tripped by one statement, not by the well-drafted one --


@pytest.mark.parametrize(("change", "expected"), [
    # 可 as a permission in the title of a MUST requirement (ID-REG-003), and 不得
    (_set("title.zh", "DID 文档可带有 id"), ("title-level", "title.zh uses '可' in a MUST requirement")),
    (_set("title.zh", "DID 文档不得缺少 id"), ("title-level", "title.zh uses '不得' in a MUST requirement")),
    # a tool's verdict standing in for the rule (AS-USD-003)
    (_set(EN, "Each DID document MUST carry an id member, as the DID validator judges it."),
     ("tool-verdict", "a tool's verdict stands in for the rule: statement (validator)")),
    (_set(ZH, "每个 DID 文档应带有 id 成员，以校验器的结论为准。"),
     ("tool-verdict", "a tool's verdict stands in for the rule: statement (校验器)")),
])
def test_an_issue_63_statement_rule_is_tripped(tmp_path, change, expected):
    assert findings(tmp_path, change) == [expected]


def test_a_title_naming_a_compound_with_ke_and_a_may_title_are_no_finding(tmp_path):
    """可验证凭证 (a verifiable credential) is a noun, not the modal 可; a MAY requirement may say 可."""
    assert findings(tmp_path / "noun", _set("title.zh", "DID 文档引用可验证凭证")) == []
    from conformance.drafting.lint import title_problems

    may = load_catalog(catalog_with(tmp_path / "may", _set("title.zh", "DID 文档可带有 id"))).requirements["ID-DOC-901"]
    assert list(title_problems(may.model_copy(update={"level": Level.MAY}))) == []


def test_a_rule_naming_a_parameter_instead_of_its_number(tmp_path):
    from conformance._catalog.model import Rule
    from conformance.drafting.lint import _rule_parameter_names

    catalog = load_catalog(catalog_with(tmp_path))
    req = catalog.requirements["ID-DOC-901"]
    tripped = req.model_copy(update={"rules": [
        Rule(id="R1", en="It MUST be at most max_size_bytes long.", zh="其长度应不超过 max_size_bytes。"),
        Rule(id="R2", en="It MUST be at most 1024 bytes long.", zh="其长度应不超过 1024 字节。")]})
    assert list(_rule_parameter_names(tripped, {"max_size_bytes"})) == [
        ("rule R1.en names the parameter max_size_bytes", "state the default number; the notes name the parameter"),
        ("rule R1.zh names the parameter max_size_bytes", "state the default number; the notes name the parameter")]


def test_the_allow_list_only_shrinks(tmp_path):
    """An allow-listed requirement is not reported while it trips the rule, and is reported
    once it no longer does (so its entry is removed)."""
    from conformance.drafting.lint import allowed_problems, title_problems

    req = load_catalog(catalog_with(tmp_path, _set("title.zh", "DID 文档可带有 id"))).requirements["ID-DOC-901"]
    listed = {"title-level": frozenset({"ID-DOC-901"})}
    assert list(allowed_problems(req, "title-level", title_problems(req), listed)) == []
    clean = req.model_copy(update={"title": req.title.model_copy(update={"zh": "DID 文档带有 id"})})
    [(rule, problem, _)] = allowed_problems(clean, "title-level", title_problems(clean), listed)
    assert (rule, problem) == ("title-level", "is on the allow-list of title-level but no longer trips it")


def test_a_renumbering_leading_nowhere(tmp_path):
    renumbered = [{"old": "ID-DOC-900", "new": ["ID-DOC-901", "ID-DOC-902"], "catalog": "0.1"}]
    assert findings(tmp_path, renumbered=renumbered) == [
        ("renumbered", "leads to ID-DOC-902, which is no requirement")]


UNLISTED = ("topic", "no seed topic lists it, so the coverage table does not count it")
TOPIC = {"key": "did-documents", "title": {"zh": "DID 文档", "en": "DID documents"},
         "clauses": ["SH-GUIDE 3.1.3-identity"], "text": {"zh": "规范和引导元宇宙内的身份类别、认证方式及认证工具等。"},
         "requirements": ["ID-DOC-901"], "status": "covered"}


@pytest.mark.parametrize(("change", "expected"), [
    ({}, []),
    ({"requirements": [], "status": "absent"}, [
        ("topic", "no requirement covers it and it says neither what is missing nor why it is out of scope"),
        UNLISTED]),
    # a topic that lists nothing: the catalog's requirement is then counted nowhere
    ({"requirements": [], "missing": "a DID document's id", "missing_zh": "DID 文档的 id", "status": "absent"},
     [UNLISTED]),
    ({"requirements": [], "out_of_scope": "not a product test", "out_of_scope_zh": "不是产品测试",
      "status": "out_of_scope"}, [UNLISTED]),
    ({"requirements": ["ID-DOC-901", "ID-DOC-999"]}, [("topic", "lists ID-DOC-999, which is no requirement")]),
    ({"clauses": ["SH-GUIDE 9.9"]}, [("topic", "clause 'SH-GUIDE 9.9' is no clause of the table"),
        ("topic-reach", "cites SH-GUIDE 3.1.3-identity, which no seed topic draws on"),
        ("topic-reach", "is listed by did-documents, none drawn from a clause it cites (SH-GUIDE 3.1.3-identity)")]),
    ({"out_of_scope": "not a product test", "out_of_scope_zh": "不是产品测试", "status": "out_of_scope"},
     [("topic", "is out of scope yet lists requirements or what is missing")]),
    # the stated status agrees with the lists (issue 47: a table that claims only what it tests)
    ({"status": None}, [("topic", "states no status")]),
    ({"status": "partial"}, [("topic", "states partial but its lists make it covered")]),
    ({"missing": "the controller's keys", "missing_zh": "控制者的密钥"}, [("topic", "states covered but its lists make it partial")]),
    # a requirement is reached from a topic drawn from a clause it cites
    ({"clauses": ["SH-GUIDE 3.5-identity"]}, [
        ("topic-reach", "cites SH-GUIDE 3.1.3-identity, which no seed topic draws on"),
        ("topic-reach", "is listed by did-documents, none drawn from a clause it cites (SH-GUIDE 3.1.3-identity)")]),
    ({"text": {"zh": "身份系统。"}}, [("seed-quote", "quotes only a heading: '身份系统。'")]),
    ({"text": {"zh": "15.标准规则体系。加快标准制定。\n三、重点工程"}},
     [("seed-quote", "the quote runs over a line break")]),
])
def test_a_planted_seed_topic_is_checked(tmp_path, change, expected):
    topic = {key: value for key, value in {**TOPIC, **change}.items() if value is not None}
    assert findings(tmp_path, topics=[topic]) == expected


MISSING = {"missing": "the controller's 2 keys", "status": "partial"}


@pytest.mark.parametrize(("change", "expected"), [
    ({**MISSING, "missing_zh": "控制者的 2 个密钥"}, []),
    (MISSING, [("topic-zh", "has missing: but no missing_zh:")]),
    ({**MISSING, "missing_zh": "控制者的密钥"}, [("topic-zh", "missing_zh: lacks 2, which missing: states")]),
    ({**MISSING, "missing_zh": "the controller's 2 keys"}, [("topic-zh", "missing_zh: is not in Chinese")]),
    ({"missing_zh": "控制者的密钥"}, [("topic-zh", "has missing_zh: but no missing:")]),
    # an article of a Chinese law is numbered in Chinese
    ({**MISSING, "missing": "the Cybersecurity Law art. 24", "missing_zh": "《中华人民共和国网络安全法》第二十四条"}, []),
    ({"requirements": [], "out_of_scope": "not a product test", "status": "out_of_scope"},
     [("topic-zh", "has out_of_scope: but no out_of_scope_zh:"), UNLISTED]),
])
def test_a_topic_gives_its_missing_and_out_of_scope_in_chinese(tmp_path, change, expected):
    """Issue 76: the Chinese table B.3 showed 134 English clauses, the topics' missing: texts."""
    assert findings(tmp_path, topics=[{**TOPIC, **change}]) == expected


def test_the_topic_zh_allow_list_only_shrinks():
    from conformance.drafting.topic_texts import allowed_topic_problems, zh_problems
    from conformance.drafting.tables import Topic

    untranslated = Topic("t", "主题", "topic", ("SH-GUIDE 3.1.3-identity",), "。", missing="keys")
    listed = {"topic-zh": frozenset({"t"})}
    assert list(allowed_topic_problems(untranslated, zh_problems(untranslated), listed)) == []
    translated = Topic("t", "主题", "topic", ("SH-GUIDE 3.1.3-identity",), "。", missing="keys", missing_zh="密钥")
    [(problem, _)] = allowed_topic_problems(translated, zh_problems(translated), listed)
    assert problem == "is on the allow-list of topic-zh but no longer trips it"


@pytest.mark.parametrize(("change", "why"), [
    (_set("status", "candidate"), "ID-DOC-901 is a candidate"),
    (_set("measures", "declared"), "ID-DOC-901 checks only what the product declares"),
])
def test_a_topic_is_covered_only_through_a_normative_requirement(tmp_path, change, why):
    """Issue 63: a topic whose requirements are all candidates (or SHOULD, or checks of what
    the product declares about itself) is absent, nothing normative testing any of it, whatever
    the table states (docs/coverage-reading.md, 2026-11-25)."""
    expected = ("topic", f"states covered but its lists make it absent (no normative requirement tests it: {why})")
    assert expected in findings(tmp_path / "covered", change, topics=[TOPIC])
    stated_partial = findings(tmp_path / "partial", change, topics=[{**TOPIC, "status": "partial"}])
    assert ("topic", f"states partial but its lists make it absent (no normative requirement tests it: {why})") in (
        stated_partial)
    # stated absent, the same topic is clean: the computed status agrees
    stated_absent = findings(tmp_path / "absent", change, topics=[{**TOPIC, "status": "absent"}])
    assert not [f for f in stated_absent if f[0] == "topic"]


@pytest.mark.parametrize("level", ["MUST", "SHOULD"])
def test_a_normative_requirement_reading_only_a_declaration_is_a_finding(tmp_path, level):
    """Issue 70: a MUST or SHOULD whose check reads only what the product declares about itself
    would pass on the product's own word; at MAY (a declaration check no pass rule counts) it is clean."""
    expected = ("declared-normative", f"is {level} but checks only what the product declares (measures: declared)")
    assert expected in findings(tmp_path / "n", _sets(("measures", "declared"), ("level", level)))
    may = findings(tmp_path / "may", _sets(("measures", "declared"), ("level", "MAY")))
    assert not [f for f in may if f[0] == "declared-normative"]
    assert not [f for f in findings(tmp_path / "b", _set("level", level)) if f[0] == "declared-normative"]


def test_a_topic_can_name_a_listed_requirement_a_declaration_check(tmp_path):
    """declaration_checks: a listed requirement that, for this topic, reads only what the
    product declares makes it no more covered than measures: declared would; naming one the
    topic does not list is a finding."""
    why = "ID-DOC-901 checks only what the product declares"
    expected = ("topic", f"states covered but its lists make it absent (no normative requirement tests it: {why})")
    assert expected in findings(tmp_path / "here", None, topics=[{**TOPIC, "declaration_checks": ["ID-DOC-901"]}])
    unlisted = findings(tmp_path / "unlisted", None, topics=[{**TOPIC, "declaration_checks": ["ID-DOC-902"]}])
    assert ("topic", "names ID-DOC-902 among its declaration checks but does not list it") in unlisted


def test_a_covered_topic_listing_a_manual_requirement_is_an_overclaim(tmp_path):
    assert ("topic-overclaim", "is stated covered but ID-DOC-901 is tested manual, not automated") in findings(
        tmp_path, _set("testing", "manual"), topics=[TOPIC])



def test_a_clause_key_listed_twice_and_a_heading_only_clause(tmp_path):
    root = catalog_with(tmp_path)
    path = root / "suites" / "policy-clauses.yaml"
    clauses = yaml.safe_load(path.read_text(encoding="utf-8"))
    clauses["clauses"].append({"key": "SH-DT 4.3", "document": "SH-DT", "clause": "四(三)",
                               "text": {"zh": "（三）强化实施应用及评价。"}})
    path.write_text(yaml.safe_dump(clauses, allow_unicode=True), encoding="utf-8")
    assert [(f.rule, f.problem) for f in lint(load_catalog(root))] == [
        ("seed-quote", "the clause key is listed twice"),
        ("seed-quote", "quotes only a heading: '（三）强化实施应用及评价。'")]


def test_a_changed_statement_level_or_default_without_a_version_bump(tmp_path):
    from conformance._catalog.versions import updated_versions, versions_path, versions_text

    root = catalog_with(tmp_path, _set("parameters", ["max_size_bytes"]))
    versions_path(load_catalog(root)).write_text(versions_text(updated_versions(load_catalog(root))))
    assert [(f.rule) for f in lint(load_catalog(root))] == []
    path = root / "suites" / "identity" / "requirements.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["requirements"][0]["statement"]["en"] = "Each DID document MUST carry an id member first."
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert [(f.rule, f.problem) for f in lint(load_catalog(root))] == [
        ("version-bump", "statement, level or a parameter default changed since version 1.0 was recorded")]
    profile = next((root / "profiles").glob("*.yaml"))
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    document["requirements"][0]["version"] = "1.1"  # the bump clears it; the lock records 1.1
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert lint(load_catalog(root)) == []
    versions_path(load_catalog(root)).write_text(versions_text(updated_versions(load_catalog(root))))
    # a default is part of what a version means
    data["parameters"]["max_size_bytes"].update(default=2048, bounds={"min": 1, "max": 2048})
    profile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert [f.rule for f in lint(load_catalog(root))] == ["version-bump"]


def test_a_version_raised_by_a_smaller_step_than_the_change_asks(tmp_path):
    """Issue 77: the lint applies docs/drafting.md's version rule: a number changed is a minor
    step (a patch is refused), a rule removed a major one; a bump the change allows is clean."""
    from conformance._catalog.versions import updated_versions, versions_path, versions_text

    root = catalog_with(tmp_path, _set("rules", [
        {"id": "R1", "en": "Each DID document MUST carry an id member.", "zh": "每个 DID 文档应带有 id 成员。"},
        {"id": "R2", "en": "Each id MUST be at most 200 characters long.", "zh": "每个 id 应不超过 200 个字符。"},
        {"id": "R3", "en": "Each id MUST be a DID.", "zh": "每个 id 应为 DID。"}]),
        known_bad={"ID-DOC-901": [{"profile": "mini", "rule": rule, "files": {"files": ["bad.json"]}}
                                  for rule in ("R1", "R2", "R3")]})
    path = root / "suites" / "identity" / "requirements.yaml"

    def edit(version: str, change) -> list[tuple[str, str]]:
        versions_path(load_catalog(root)).write_text(versions_text(updated_versions(load_catalog(root))))
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document["requirements"][0])
        document["requirements"][0]["version"] = version
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        return [(f.rule, f.problem) for f in lint(load_catalog(root)) if f.rule == "version-bump"]

    def stricter(req: dict) -> None:
        req["rules"][1].update(en="Each id MUST be at most 100 characters long.", zh="每个 id 应不超过 100 个字符。")

    assert edit("1.0.1", stricter) == [
        ("version-bump", "version 1.0 -> 1.0.1 is a patch step, but the numbers changed")]
    assert edit("1.1", stricter) == []  # raised again before the lock: the step from 1.0 is minor
    assert edit("1.1.1", lambda req: req["rules"][0].update(en="Every DID document MUST carry an id member.")) == []
    assert edit("1.2", lambda req: req["rules"].pop()) == [
        ("version-bump", "version 1.1.1 -> 1.2 is a minor step, but rule R3 was removed or renumbered")]
    assert edit("2.0", lambda req: None) == []


def test_the_version_rule_is_written_once_in_the_drafters_docs() -> None:
    from conformance.drafting.changes import BASE, STEPS

    text = " ".join((ROOT / "docs" / "drafting.md").read_text(encoding="utf-8").split())
    assert all(f"- {words}" in text for words in STEPS.values())
    assert BASE in text  # the version a day's versions are judged from


def test_the_lock_keeps_the_date_a_version_was_recorded(tmp_path):
    from datetime import date

    from conformance._catalog.versions import recorded_on, updated_versions, versions_path, versions_text

    root = catalog_with(tmp_path)
    catalog = load_catalog(root)
    first = next(iter(sorted(catalog.requirements)))
    versions_path(catalog).write_text(versions_text(updated_versions(catalog, today=date(2026, 1, 5))))
    assert recorded_on(load_catalog(root), first) == date(2026, 1, 5)
    catalog = load_catalog(root)  # relocked later: an unchanged version keeps its date
    versions_path(catalog).write_text(versions_text(updated_versions(catalog, today=date(2026, 3, 1))))
    assert recorded_on(load_catalog(root), first) == date(2026, 1, 5)
    path = next(p for p in (root / "suites").glob("*/requirements.yaml") if first in p.read_text(encoding="utf-8"))
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(r for r in document["requirements"] if r["id"] == first)
    entry["version"] = "9.0"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    catalog = load_catalog(root)
    assert recorded_on(catalog, first) is None  # the lock names another version
    versions_path(catalog).write_text(versions_text(updated_versions(catalog, today=date(2026, 3, 1))))
    assert recorded_on(load_catalog(root), first) == date(2026, 3, 1)


@pytest.mark.parametrize(("number", "expected"), [
    ("1024", []),
    ("2048", [("parameter-number", "statement.en states 2048 but the default of max_size_bytes is 1024")]),
])
def test_a_statement_states_its_parameters_default(tmp_path, number, expected):
    def change(requirement: dict) -> None:
        requirement["parameters"] = ["max_size_bytes"]
        requirement["statement"] = {"en": f"Each DID document MUST be at most {number} bytes long.",
                                    "zh": f"每个 DID 文档的长度应在 {number} 字节以内。"}
        requirement["notes"] = {"en": "The limit is the profile parameter max_size_bytes.",
                                "zh": "该限值为配置参数 max_size_bytes。"}
    assert findings(tmp_path, change) == expected


RULES = [{"id": "R1", "en": "A DID document MUST carry an id member.", "zh": "DID 文档应带有 id 成员。"},
         {"id": "R2", "en": "The id member MUST be a DID.", "zh": "id 成员应为 DID。"}]


@pytest.mark.parametrize(("rules", "expected"), [
    ([None], [("rules", "1 known-bad case(s) name no rule"), ("rules", "rule R1 has no known-bad case"),
              ("rules", "rule R2 has no known-bad case")]),
    (["R1"], [("rules", "rule R2 has no known-bad case")]),  # a rule whose case was removed
    (["R1", "R2"], []),
    (["R1", "R9"], [("rules", "rule R2 has no known-bad case"), ("keys", "ID-DOC-901 has no rule 'R9'")]),
])
def test_every_rule_has_a_known_bad_case_naming_it(tmp_path, rules, expected):
    cases = [{"profile": "mini", "files": {"files": ["bad.json"]}, **({"rule": r} if r else {})} for r in rules]
    assert findings(tmp_path, _set("rules", RULES), known_bad={"ID-DOC-901": cases}) == expected


def test_a_rule_states_one_obligation(tmp_path):
    two = [RULES[0], {"id": "R2", "en": "The id MUST be a DID and MAY be a URL.", "zh": "id 应为 DID。"}]
    cases = [{"profile": "mini", "files": {"files": ["bad.json"]}, "rule": r} for r in ("R1", "R2")]
    assert findings(tmp_path, _set("rules", two), known_bad={"ID-DOC-901": cases}) == [
        ("rules", "rule R2: rule.en has 2 modal verbs (MUST, MAY)")]


def test_a_bundled_statement_lists_its_rules_and_each_rule_is_one_obligation(tmp_path):
    bundled = {"en": "Each DID document MUST carry an id member; the id is a DID; it names a controller.",
               "zh": "每个 DID 文档应带有 id 成员：id 为 DID；其指明控制者。"}
    cases = [{"profile": "mini", "files": {"files": ["bad.json"]}, "rule": r} for r in ("R1", "R2")]

    def planted(requirement: dict) -> None:
        requirement["statement"] = bundled
    assert findings(tmp_path / "a", planted) == [("bundled", "statement.en chains 3 obligations with semicolons")]

    def with_rules(requirement: dict) -> None:  # the same statement with its rules listed: no finding
        requirement["statement"] = bundled
        requirement["rules"] = RULES
    assert findings(tmp_path / "b", with_rules, known_bad={"ID-DOC-901": cases}) == []
    chained = [RULES[0], {"id": "R2", "en": "The id MUST be a DID; it names a controller.", "zh": "id 应为 DID。"}]
    assert findings(tmp_path / "c", _set("rules", chained), known_bad={"ID-DOC-901": cases}) == [
        ("rules", "rule R2 chains obligations with a semicolon")]


def test_dangling_keys_are_reported_by_the_keys_rule(tmp_path):
    assert findings(tmp_path, known_bad={**CASES, "ID-DOC-901": [{"profile": "mini", "defects": ["nope"]}]}) == [
        ("keys", "unknown defect 'nope'")]
    assert findings(tmp_path / "b", test_module="def test_unmarked():\n    pass\n") == [
        ("keys", "automated requirement ID-DOC-901 has no test")]
    assert findings(tmp_path / "c", known_bad={}) == [
        ("keys", "automated requirement ID-DOC-901 has no known-bad case")]


@pytest.mark.parametrize(("change", "rule"), [
    (_set("level", "SHALL"), "schema"),
    (None, "unique-id"),
])
def test_schema_and_unique_ids_are_reported_by_the_command(tmp_path, monkeypatch, capsys, change, rule):
    root = catalog_with(tmp_path, change)
    if rule == "unique-id":
        path = root / "suites" / "identity" / "requirements.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document["requirements"] *= 2
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    assert main(["catalog", "lint"]) == 1
    [line] = capsys.readouterr().out.strip().splitlines()
    assert line.startswith(f"[{rule}] suites/identity/requirements.yaml")


def test_a_drafting_table_against_its_schema(tmp_path, monkeypatch, capsys):
    root = catalog_with(tmp_path, renumbered=[{"old": "ID-DOC-900", "catalog": "0.1"}])
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    assert main(["catalog", "lint"]) == 1
    [line] = capsys.readouterr().out.strip().splitlines()
    assert line.startswith("[schema] suites/renumbered.yaml at $.renumbered[0]: ")


def test_the_command_lists_findings_and_exits_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(catalog_with(tmp_path, _set("since", None))))
    assert main(["lint"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "[lifecycle] suites/identity/requirements.yaml at ID-DOC-901: no since "
        "(add version: '1.0', status: stable, since: '0.1')", "1 finding(s)"]


def test_the_shipped_catalog_lints_clean(tmp_path_factory):
    made = session_commands.run_once(tmp_path_factory, ("catalog", "lint"))  # docs/catalog.md's line too
    assert made["code"] == 0
    assert made["stdout"].startswith("catalog clean: ")


def test_lint_of_one_area(capsys):
    assert main(["catalog", "lint", "--area", "terminal"]) == 0
    assert main(["catalog", "lint", "--area", "nowhere"]) == 2
    assert "--area nowhere: no requirement has this area" in capsys.readouterr().err


def test_a_statement_over_the_length_a_committee_reads_as_one_obligation(tmp_path):
    from conformance.drafting.statements import MAX_STATEMENT

    long = "Each DID document MUST carry an id member" + ", and a controller" * 50 + "."
    assert len(long) > MAX_STATEMENT["en"]
    assert findings(tmp_path, _set(EN, long)) == [
        ("statement-length", f"statement.en is {len(long)} characters, over {MAX_STATEMENT['en']}")]
    assert findings(tmp_path / "b", _set(EN, long[:MAX_STATEMENT["en"] - 1] + ".")) == []


def test_a_prohibition_is_written_not_before_the_verb_but_a_numeric_limit_is_kept(tmp_path):
    cases = [{"profile": "mini", "files": {"files": ["bad.json"]}, "rule": r} for r in ("R1", "R2")]
    prohibited = [RULES[0], {"id": "R2", "en": "The id member MUST be non-empty.", "zh": "id 成员应不为空。"}]
    assert findings(tmp_path, _set("rules", prohibited), known_bad={"ID-DOC-901": cases}) == [
        ("modal-order", "rule R2.zh writes 应不")]
    limited = [RULES[0], {"id": "R2", "en": "The id member MUST be at most 1024 bytes long.",
                          "zh": "id 成员的长度应不超过 1024 字节。"}]
    assert findings(tmp_path / "b", _set("rules", limited), known_bad={"ID-DOC-901": cases}) == []
    limit = _sets((EN, "Each DID document's id member MUST be at least 1 character long."),
                  (ZH, "每个 DID 文档的 id 成员应不少于 1 个字符。"))
    assert findings(tmp_path / "c", limit) == []


GATED = {**GOOD, "id": "ID-DOC-902", "statement": {
    "en": "A DID document that declares a controller MUST carry an id member.",
    "zh": "声明控制者的 DID 文档应带有 id 成员。"}}
GATED_TEST = '''import pytest

from conformance import NotApplicable


def _declared(targets):
    raise NotApplicable("no controller declared")


@pytest.mark.requirement("ID-DOC-901")
def test_something():
    pass


@pytest.mark.requirement("ID-DOC-902")
def test_gated(targets):
    {call}
'''


def _gated_findings(root: Path, *, call: str, in_feature: bool = True) -> list[tuple[str, str]]:
    """A catalog whose profile selects ID-DOC-902 (stated on a declaration) through a feature."""
    root = catalog_with(root, test_module=GATED_TEST.replace("{call}", call))
    path = root / "suites" / "identity" / "requirements.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["requirements"].append(GATED)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    feature = {"controllers": {"title": {"en": "Controllers", "zh": "控制者"}, "requirements": ["ID-DOC-902"]}}
    profile = {**PROFILE, "parameters": PARAMETERS, **({"features": feature} if in_feature else
                                                       {"requirements": ["ID-DOC-901", "ID-DOC-902"]})}
    (root / "profiles" / "mini.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    claim = {"features": ["controllers"]} if in_feature else {}
    cases = {**CASES, "ID-DOC-902": [{"profile": "mini", **claim, "files": {"files": ["bad.json"]}}]}
    (root / "suites" / "identity" / "known_bad.yaml").write_text(yaml.safe_dump(cases))
    return [(f.rule, f.problem) for f in lint(load_catalog(lock(root)))]


def test_a_feature_gated_requirement_on_a_declaration_can_be_not_applicable(tmp_path):
    assert _gated_findings(tmp_path / "a", call="pass") == [
        ("feature-gate", "applies to what the target declares, but its test cannot report not applicable when "
                         "nothing is declared")]
    # its test reports not applicable (through a function of its module): clean
    assert _gated_findings(tmp_path / "b", call="_declared(targets)") == []
    # a core requirement of its profile is judged whenever the profile is claimed: not the rule's business
    assert _gated_findings(tmp_path / "c", call="pass", in_feature=False) == []


def _stable_ready(found: list[tuple[str, str]]) -> list[str]:
    return [problem for rule, problem in found if rule == "stable-ready"]


@pytest.mark.parametrize(("change", "kwargs", "expected"), [
    # the known-bad cases of stable-ready: each breaks one criterion of stability
    (_set("testing", "untestable"), {"known_bad": {}}, ["is stable but untestable"]),
    (_set("testing", "manual"), {"known_bad": {}},
     ["is stable and tested manually but its hand-written test case lacks steps.zh, steps.en, expected.zh, "
      "expected.en"]),
    (None, {"topics": [{**TOPIC, "status": "partial", "missing": "the controller; ID-DOC-901 checks only the id"}]},
     ["is stable but topic did-documents names it in missing: as untested"]),
    (_set("notes", {"en": "Which members count is TBD.", "zh": "计入哪些成员待定。"}), {},
     ["is stable but its notes hold the open marker 'TBD'"]),
    # a candidate is not held to them
    (lambda r: r.update(status="candidate", testing="manual"), {"known_bad": {}}, []),
])
def test_a_stable_requirement_meets_the_criteria_of_stability(tmp_path, change, kwargs, expected):
    assert _stable_ready(findings(tmp_path, change, **kwargs)) == expected


def test_a_stable_requirement_no_profile_selects(tmp_path):
    # a profile selects at least one requirement (its schema), so the mini catalog's only one is
    # always selected: the criterion is shown on the function the lint calls
    catalog = load_catalog(catalog_with(tmp_path))
    req = catalog.requirements["ID-DOC-901"]
    assert list(stability_problems(req, profiled=set(), untested={}, procedures={})) == [
        ("is stable but no profile selects it", "add it to a profile, or keep it candidate")]
    assert list(stability_problems(req, profiled={req.id}, untested={}, procedures={})) == []


def test_a_manual_stable_requirement_with_its_test_case_written_by_hand(tmp_path):
    root = catalog_with(tmp_path, _set("testing", "manual"), known_bad={})
    steps = {"zh": ["1. 取得 DID 文档。", "2. 查看其 id 成员。"],
             "en": ["1. Obtain the DID document.", "2. Look at its id."]}
    expected = {"zh": "每个 DID 文档带有 id 成员。", "en": "Each DID document carries an id member."}
    path = root / "suites" / "identity" / "procedures.yaml"
    path.write_text(yaml.safe_dump({"procedures": {"ID-DOC-901": {"steps": steps}}}, allow_unicode=True),
                    encoding="utf-8")
    found = [(f.rule, f.problem) for f in lint(load_catalog(root))]
    assert _stable_ready(found) == ["is stable and tested manually but its hand-written test case lacks "
                                    "expected.zh, expected.en"]
    path.write_text(yaml.safe_dump({"procedures": {"ID-DOC-901": {"steps": steps, "expected": expected}}},
                                   allow_unicode=True), encoding="utf-8")
    assert _stable_ready([(f.rule, f.problem) for f in lint(load_catalog(root))]) == []


_THREE_RULES = [
    {"id": "R1", "en": "Each DID document MUST carry an id member.", "zh": "每个 DID 文档应带有 id 成员。"},
    {"id": "R2", "en": "Each id MUST be at most 200 characters long.", "zh": "每个 id 应不超过 200 个字符。"},
    {"id": "R3", "en": "Each id MUST be a DID.", "zh": "每个 id 应为 DID。"}]


def _landed_then_edited(tmp_path: Path):
    """A catalog whose requirement (1.0, three rules) was recorded on an earlier date, and an
    ``edit(version, change)`` that changes it, records it today as ``catalog lock`` does and
    returns the lint's ``version-bump`` findings."""
    from datetime import date

    from conformance._catalog.versions import updated_versions, versions_path, versions_text

    root = catalog_with(tmp_path, _set("rules", copy.deepcopy(_THREE_RULES)),
                        known_bad={"ID-DOC-901": [{"profile": "mini", "rule": rule, "files": {"files": ["bad.json"]}}
                                                  for rule in ("R1", "R2", "R3")]})
    versions_path(load_catalog(root)).write_text(versions_text(updated_versions(load_catalog(root),
                                                                                 today=date(2026, 1, 5))))
    path = root / "suites" / "identity" / "requirements.yaml"

    def edit(version: str, change) -> list[tuple[str, str, str]]:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document["requirements"][0])
        document["requirements"][0]["version"] = version
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        text = versions_text(updated_versions(load_catalog(root)))
        versions_path(load_catalog(root)).write_text(text)
        assert versions_text(updated_versions(load_catalog(root))) == text  # the lock is idempotent
        return [(f.rule, f.problem, f.fix) for f in lint(load_catalog(root)) if f.rule == "version-bump"]

    return root, edit


def _stricter(req: dict) -> None:
    req["rules"][1].update(en="Each id MUST be at most 100 characters long.", zh="每个 id 应不超过 100 个字符。")


def test_a_rule_removed_at_a_same_day_version_is_a_major_step_from_the_base(tmp_path):
    """Issue 77 item 3: every version is judged from its base (the last version recorded on an
    earlier day) too, not only from one recorded earlier the same day: TD-DISP-005's R1 removed at
    1.2 -> 1.3 over a 1.2 recorded that day was a major step from the landed 1.1, and the lint
    passed it."""
    from conformance._catalog.versions import read_versions

    root, edit = _landed_then_edited(tmp_path)
    assert edit("1.1", _stricter) == []
    assert read_versions(load_catalog(root))["ID-DOC-901"]["base"]["version"] == "1.0"
    [(rule, problem, fix)] = edit("1.2", lambda req: req["rules"].pop(0))  # a minor step from today's 1.1
    assert problem == ("version 1.0 (the last version recorded on an earlier day) -> 1.2 is a minor step, "
                       "but rule R1 was removed or renumbered")
    assert fix.startswith("take a major step")
    assert read_versions(load_catalog(root))["ID-DOC-901"]["base"]["version"] == "1.0"  # the day keeps its base
    assert edit("2.0", lambda req: None) == []  # one major step from 1.0


def test_two_steps_the_same_day_are_each_judged_and_allowed(tmp_path):
    """Two parts may step one requirement the same day, each landing: 1.0.1 then 1.0.2 (wording
    both times) is clean; a changed number at a third step still asks a minor one."""
    root, edit = _landed_then_edited(tmp_path)
    assert edit("1.0.1", lambda req: req["rules"][0].update(en="Every DID document MUST carry an id member.")) == []
    assert edit("1.0.2", lambda req: req["rules"][2].update(en="Every id MUST be a DID.")) == []
    [(rule, problem, fix)] = edit("1.0.3", _stricter)
    assert problem == ("version 1.0 (the last version recorded on an earlier day) -> 1.0.3 is a patch step, "
                       "but the numbers changed")
    assert edit("1.1", lambda req: None) == []


def test_the_base_of_a_recorded_version_comes_from_the_locks_history():
    """scripts/versions_base.py: each entry without a base gets the last entry recorded on an
    earlier date (or the base of one recorded the same day); a base kept stays; a requirement
    new since its first recording has none; filling twice changes nothing."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("versions_base", ROOT / "scripts" / "versions_base.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    def entry(version: str, recorded: str, **more: object) -> dict[str, object]:
        return {"version": version, "digest": version, "recorded": recorded, "parts": {"rules": {}}, **more}

    landed = entry("1.1", "2026-11-23")
    record = {"TD-A": entry("1.3", "2026-11-28"), "TD-B": entry("1.0", "2026-11-28"),
              "TD-C": entry("2.0", "2026-11-28", base=entry("1.0", "2026-11-01")), "TD-D": entry("1.1", "2026-11-27")}
    history = [  # newest first, as the first-parent log lists them
        {"TD-A": entry("1.2", "2026-11-28"), "TD-B": entry("1.0", "2026-11-28"), "TD-D": entry("1.0.1", "2026-11-27")},
        {"TD-A": landed, "TD-D": entry("1.0.1", "2026-11-27", base=entry("1.0", "2026-11-20"))},
        {"TD-A": entry("1.0", "2026-11-20"), "TD-D": entry("1.0", "2026-11-20")}]
    filled = script.with_bases(record, history)
    assert filled["TD-A"]["base"] == landed  # not the same day's 1.2
    assert "base" not in filled["TD-B"]  # new since its first recording
    assert filled["TD-C"]["base"]["version"] == "1.0"  # kept
    assert filled["TD-D"]["base"]["version"] == "1.0"  # the base of the same day's 1.0.1
    assert script.with_bases(filled, history) == filled
