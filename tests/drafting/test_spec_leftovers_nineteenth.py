"""The leftovers of the nineteenth reading of issue 76 (docs/drafting.md, "Leftovers of the nineteenth reading"):
a required input that is missing is 不确定 (clause 3.23), in the text and in the check; an inconclusive line states a
condition of the object, the method's bounds standing in its steps. Each test fails on the draft as it was before
the fix it names; the scan also on a planted line."""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

from conformance._record.evidence import Evidence, recording
from conformance.adapters.file import FileAdapter
from conformance.adapters import AdapterContext
from conformance.errors import HarnessInputError, Inconclusive
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}
_STEPS = {"zh": "测试步骤", "en": "Test procedure"}
_NA = {"zh": "不适用：", "en": "Not applicable: "}
_INC = {"zh": "不确定：", "en": "Inconclusive: "}
_NONE = {"zh": re.compile(r"^不适用：无（声明(?:本|所列任一)测试配置的被测对象均适用本要求）。$"),
         "en": re.compile(r"^Not applicable: none \(every implementation under test claiming (?:this profile|any of the profiles listed) "
                          r"is subject to this requirement\)\.$")}
_SUPPLIES_NONE = {"zh": "被测对象未提供任何", "en": "the implementation under test supplies no "}

_MISSING_INPUT = ("AS-META-002", "AS-META-006", "ID-DOC-001", "ID-DOC-002", "ID-DOC-003")
_BOUNDED = ("SC-FEED-004", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012", "SC-CITY-013", "RB-TRACK-001")


def _line(markdown: str, rid: str, label: dict[str, str], lang: str) -> str:
    criteria = _row(_cases(markdown)[rid], _CRITERIA[lang])
    return next((c for c in criteria.split("<br>") if c.startswith(label[lang])), "")


def test_a_missing_required_input_is_inconclusive_in_the_text(zh_markdown, en_markdown):
    """Row 3: 「不适用：被测对象声明该测试配置却未提供任何 DID 文档」 called a missing required input 不适用; clause
    3.23 names it 不确定. Each case has no not-applicable case, and its 不确定 line names the missing input."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        for rid in _MISSING_INPUT:
            # AS-META-006's documents none of which is named by a token ID are not applicable (twenty-fourth reading,
            # row 1): its case has a not-applicable case, of documents supplied, not of documents missing
            assert _NONE[lang].match(_line(markdown, rid, _NA, lang)) or rid == "AS-META-006", (rid, lang)
            assert _SUPPLIES_NONE[lang] in _line(markdown, rid, _INC, lang), (rid, lang)


def _suite(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_left19_{Path(path).stem}", ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _emptied_role(tmp_path: Path, role: str) -> FileAdapter:
    """A role whose one file passed the manifest's check and was gone when a check read it: no document."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.json").write_text("{}", encoding="utf-8")
    adapter = FileAdapter(role, {"adapter": "file", "paths": ["docs/*.json"]}, AdapterContext(tmp_path / "m.yaml", {}))
    adapter.preflight()
    (tmp_path / "docs" / "a.json").unlink()
    return adapter


def test_a_role_matching_no_file_is_refused_before_any_verdict(tmp_path):
    """What an empty target yields: the manifest's check refuses it (exit 2 at the CLI), so no case is judged."""
    adapter = FileAdapter("did_documents", {"adapter": "file", "paths": ["none/*.json"]},
                          AdapterContext(tmp_path / "m.yaml", {}))
    with pytest.raises(HarnessInputError, match="no file matches"):
        adapter.preflight()


@pytest.mark.parametrize(("path", "role", "checks"), [
    ("suites/assets/test_metadata.py", "asset_metadata", ("test_erc_metadata", "test_erc1155_file_names")),
    ("suites/identity/test_did_documents.py", "did_documents",
     ("test_did_documents_follow_the_data_model", "test_did_documents_carry_no_private_keys",
      "test_verification_method_references_resolve")),
])
def test_a_check_that_reads_no_document_is_inconclusive(tmp_path, path, role, checks):
    """Row 3, the behaviour: AS-META-002, AS-META-006 and ID-DOC-002 passed on no document (a pass on nothing),
    ID-DOC-001 and -003 blamed unsuccessful resolution results there were none of; each is now inconclusive,
    naming the missing input."""
    module = _suite(path)
    adapter = _emptied_role(tmp_path, role)
    for name in checks:
        with recording(Evidence()), pytest.raises(Inconclusive, match="missing|缺失"):
            check = getattr(module, name)
            given = {"targets": {role: adapter}, "schemas": None, "evidence": Evidence()}
            check(**{k: v for k, v in given.items() if k in inspect.signature(check).parameters})


_METHOD_BOUND = re.compile(r"\d{3,}|测试无法推导|比较有上限|拟合|最小二乘|cannot derive|are bounded|least squares|fitted")


def _states_the_method(line: str) -> bool:
    """An inconclusive line stating how the method bounds its work (a cap, a fit) instead of a condition."""
    return bool(_METHOD_BOUND.search(line))


def test_the_scan_finds_a_planted_method_bound():
    assert _states_the_method("不确定：多边形超过 1000 个的壳不作 306 检测：该壳未经判定，因此在没有其他发现时结论为不确定。")
    assert _states_the_method("Inconclusive: The comparisons are bounded: at most 200 pairs are compared per file.")
    assert not _states_the_method("不确定：被测对象导出的 CityJSON 文件缺失或无法读取，致使第 2 步起的检查无法完成。")


def test_an_inconclusive_line_states_a_condition_of_the_object(zh_markdown, en_markdown):
    """Row 13: six 不确定 lines stated a limit of the method or a definition (「多边形超过 1000 个的壳不作 306 检测」,
    「比较有上限」, RB-TRACK-001's test motion); each now opens with the input missing or unreadable, the bound
    standing in a step."""
    opening = {"zh": re.compile(r"^不确定：.*(?:缺失或无法读取|缺失或无法取得|无法访问)"),
               "en": re.compile(r"^Inconclusive: .*(?:missing or unreadable|missing or cannot be obtained|cannot be reached)")}
    bound_in_steps = {"SC-FEED-004": ("范围或聚合组件", "a range or aggregate component"),
                      "SC-CITY-008": ("1 000", "1 000"), "SC-CITY-009": ("1 000", "1 000"),
                      "SC-CITY-012": ("1 000", "1 000"), "SC-CITY-013": ("200 对", "200 pairs"),
                      "RB-TRACK-001": ("时间戳不递增", "stamps do not increase")}
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        for rid in _BOUNDED:
            line = _line(markdown, rid, _INC, lang)
            assert not _states_the_method(line), (rid, lang, line)
            assert opening[lang].search(line), (rid, lang, line)
            word = bound_in_steps[rid][lang == "en"]
            assert word in _row(cases[rid], _STEPS[lang]), (rid, lang, word)


#: the one form of a 「不适用：无（……）」 line in each language: the object, the profiles, what every such object does
_NONE_FORM = {"zh": re.compile(r"^不适用：无（声明(本|所列任一)测试配置[^（）]*?的(被测对象|平台对)均(适用本要求|提供本要求所检的接口)）"),
              "en": re.compile(r"^Not applicable: none \(every (implementation under test|pair of platforms) claiming (this profile|any of the "
                               r"profiles listed)(?: and its [^()]*? features?)? (is subject to this requirement|offers the "
                               r"interface this requirement checks)\)")}
_SAME = {"本": "this profile", "所列任一": "any of the profiles listed", "被测对象": "implementation under test",
         "平台对": "pair of platforms", "适用本要求": "is subject to this requirement",
         "提供本要求所检的接口": "offers the interface this requirement checks"}


def test_a_none_applicable_line_reads_one_way_in_english_as_in_chinese(zh_markdown, en_markdown):
    """The English 「不适用：无（……）」 lines wrote the object five ways (product, platform, registry, resolver,
    registrar), the sentence two ways round, and "the profiles listed" for a case of one profile, where the Chinese
    reads one way (nineteenth reading's leftovers): each English line now says what its Chinese says."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    compared = 0
    for rid, zh_case in zh_cases.items():
        zh_line = next((c for c in _row(zh_case, _CRITERIA["zh"]).split("<br>") if c.startswith("不适用：无（")), "")
        en_line = next((c for c in _row(en_cases[rid], _CRITERIA["en"]).split("<br>")
                        if c.startswith("Not applicable: none (")), "")
        assert bool(zh_line) == bool(en_line), (rid, zh_line, en_line)
        if not zh_line:
            continue
        zh_form, en_form = _NONE_FORM["zh"].match(zh_line), _NONE_FORM["en"].match(en_line)
        assert zh_form and en_form, (rid, zh_line, en_line)
        assert [_SAME[g] for g in zh_form.groups()] == [en_form[2], en_form[1], en_form[3]], (rid, zh_line, en_line)
        compared += 1
    assert compared >= 90, compared


def test_the_english_none_line_is_rewritten_in_its_one_form():
    from conformance.drafting.verdictlines import none_applicable

    planted = "Not applicable: none (the requirement applies to every registrar claiming the profiles listed)."
    assert none_applicable(planted, 1, "en") == ("Not applicable: none (every implementation under test claiming this profile is "
                                                 "subject to this requirement).")
    assert none_applicable(planted, 2, "en").startswith("Not applicable: none (every implementation under test claiming any of")
