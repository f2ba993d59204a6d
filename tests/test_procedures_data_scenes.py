"""Every stable requirement of the data, identifiers, robots and scenes areas has a test case
written by hand (``suites/<area>/procedures.yaml``): numbered steps and an expected result in
Chinese and English, the same number of steps in both (docs/drafting.md, "When a requirement
is stable"). Generated steps restate the statement; a committee circulates what a tester does."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.catalog import load_catalog
from conformance.drafting.spec import load_data, tool_words
from conformance.drafting.stability import written

AREAS = ("data", "identifiers", "robots", "scenes")
_NUMBER = re.compile(r"^(\d+)\. \S")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


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
        numbers = [int(m.group(1)) for s in steps[lang] if (m := _NUMBER.match(s))]
        if numbers != list(range(1, len(steps[lang]) + 1)):
            found.append(f"{req_id}: steps.{lang} are not numbered 1, 2, 3 ...")
        found += [f"{req_id}: steps.{lang} name a tool: {w}" for s in steps[lang] for w in tool_words(s)]
    if len(steps["zh"]) != len(steps["en"]):
        found.append(f"{req_id}: {len(steps['zh'])} steps in zh, {len(steps['en'])} in en")
    return found


@pytest.mark.parametrize("area", AREAS)
def test_every_stable_requirement_has_a_hand_written_test_case(catalog, procedures, area):
    ids = stable(catalog, area)
    assert ids, f"{area} has no stable requirement"
    assert [p for req_id in ids for p in problems(req_id, procedures.get(req_id))] == []


def test_a_test_case_lacking_a_part_is_found():
    steps = {"zh": ["1. 取得文件。", "2. 查看。"], "en": ["1. Obtain the file.", "2. Look."]}
    assert problems("X-Y-001", {"steps": steps}) == ["X-Y-001: no expected.zh", "X-Y-001: no expected.en"]
    expected = {"zh": "是。", "en": "Yes."}
    assert problems("X-Y-001", {"steps": steps, "expected": expected}) == []
    bad = {"zh": ["1. 运行 conformance run。", "3. 查看。"], "en": ["1. Obtain it."]}
    assert problems("X-Y-001", {"steps": bad, "expected": expected}) == [
        "X-Y-001: steps.zh are not numbered 1, 2, 3 ...", "X-Y-001: steps.zh name a tool: conformance run",
        "X-Y-001: 2 steps in zh, 1 in en"]
