"""Every stable requirement has a test case written by hand (issue 47): in
``suites/<area>/procedures.yaml``, numbered steps naming no tool and an expected result, in
Chinese (the normative text) and English (its translation, the same number of steps), and the
specification shows that text, never the generated "for each item, check in turn" one
(docs/drafting.md, "When a requirement is stable"). Each check is shown finding what it guards
against."""

from __future__ import annotations

import re

import pytest
import yaml

from conformance import load_catalog
from conformance.drafting.onename import one_step_name
from conformance.drafting.stability import written
from conformance.drafting.testcases import case_for
from conformance.drafting.wording import tool_words
from conformance.drafting.writer import Writer, load_data
from conformance.errors import HarnessInputError
from tests.conftest import copy_catalog, shipped_catalog

AREAS = sorted({r.area for r in shipped_catalog().requirements.values()})
_NUMBER = re.compile(r"^(\d+)\. \S")
_SUBSTEP = re.compile(r"^\s+[a-z]\) \S")  # a) b) ... under a numbered step


@pytest.fixture(scope="module")
def procedures(catalog):
    return load_data(catalog).procedures


def stable(catalog, area: str) -> list[str]:
    return sorted(r.id for r in catalog.requirements.values() if r.area == area and r.status == "stable")


def problems(req_id: str, procedure: dict | None) -> list[str]:
    """What a hand-written test case lacks or gets wrong."""
    found = [f"{req_id}: no {part}" for part in written(procedure)]
    if found:
        return found
    steps = procedure["steps"]
    for lang in ("zh", "en"):
        main = [s for s in steps[lang] if not _SUBSTEP.match(s)]
        numbers = [int(m.group(1)) for s in main if (m := _NUMBER.match(s))]
        if numbers != list(range(1, len(main) + 1)):
            found.append(f"{req_id}: steps.{lang} are not numbered 1, 2, 3 ...")
        found += [f"{req_id}: steps.{lang} name a tool: {w}" for s in steps[lang] for w in tool_words(s)]
        found += [f"{req_id}: steps.{lang} has an empty step" for s in steps[lang] if not s.strip()]
    if len(steps["zh"]) != len(steps["en"]):
        found.append(f"{req_id}: {len(steps['zh'])} steps in zh, {len(steps['en'])} in en")
    return found


@pytest.mark.parametrize("area", AREAS)
def test_every_stable_requirement_has_a_hand_written_test_case(catalog, procedures, area):
    ids = stable(catalog, area)
    assert ids, f"{area} has no stable requirement"
    assert [p for req_id in ids for p in problems(req_id, procedures.get(req_id))] == []


def test_the_specification_shows_the_written_steps_and_expected_result(catalog, procedures):
    prepended = Writer(catalog, "zh").ics_prepended
    for req in catalog.requirements.values():
        if req.status != "stable":
            continue
        for lang in ("zh", "en"):
            case = case_for(catalog, req, lang, procedures[req.id])
            # the renderer's last step recording 不适用 follows the written ones (forty-ninth reading, h102-na)
            shown = case.steps[:-1] if _ADDED_NA_STEP.match(case.steps[-1]) else case.steps
            written = procedures[req.id]["steps"][lang]
            expected = procedures[req.id]["expected"][lang]
            if req.id in prepended:  # the step checking the ICS first, the written ones after it one further down
                assert "ICS" in case.steps[0], req.id
                assert [_numbers_aside(s) for s in shown[1:]] == [_numbers_aside(s) for s in written], req.id
                assert _numbers_aside(case.expected) == _numbers_aside(expected), req.id
            else:
                assert shown == written, req.id
                assert case.expected == expected, req.id
            assert not any("check in turn" in s or "逐项检查：" in s for s in case.steps), req.id


_ADDED_NA_STEP = re.compile(r'\d+\. (?:有下列情形时，不作通过或不通过的判定，记录“不适用”'
                            r'|Record "not applicable", neither pass nor fail)')


def _numbers_aside(step: str) -> str:
    """A step without its numbers, its cited steps in the draft's one form (「第 N 步」)."""
    return re.sub(r"\d+", "#", one_step_name(step))


def test_a_test_case_lacking_a_part_is_found():
    steps = {"zh": ["1. 取得文件。", "2. 查看。"], "en": ["1. Obtain the file.", "2. Look."]}
    assert problems("X-Y-001", {"steps": steps}) == ["X-Y-001: no expected.zh", "X-Y-001: no expected.en"]
    expected = {"zh": "是。", "en": "Yes."}
    assert problems("X-Y-001", {"steps": steps, "expected": expected}) == []
    bad = {"zh": ["1. 运行 conformance run。", "3. 查看。"], "en": ["1. Obtain it."]}
    assert problems("X-Y-001", {"steps": bad, "expected": expected}) == [
        "X-Y-001: steps.zh are not numbered 1, 2, 3 ...", "X-Y-001: steps.zh name a tool: conformance run",
        "X-Y-001: 2 steps in zh, 1 in en"]
    nested = {"zh": ["1. 发送：", "   a) 甲；", "   b) 乙。", "2. 记录。"],
              "en": ["1. Send:", "   a) one;", "   b) two.", "2. Record."]}
    assert problems("X-Y-001", {"steps": nested, "expected": expected}) == []
    blank = {"zh": ["1. 取得文件。", " "], "en": ["1. Obtain the file.", "2. Look."]}
    assert "X-Y-001: steps.zh has an empty step" in problems("X-Y-001", {"steps": blank, "expected": expected})


def test_a_case_without_its_translation_is_refused_in_one_line(tmp_path):
    root = copy_catalog(tmp_path / "catalog")
    path = root / "suites" / "assets" / "procedures.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    del document["procedures"]["AS-GLTF-003"]["expected"]["en"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(HarnessInputError) as caught:
        load_data(load_catalog(root))
    assert "suites/assets/procedures.yaml" in str(caught.value) and "AS-GLTF-003" in str(caught.value)
