"""The leftovers of the twentieth reading of issue 76, part g (docs/drafting.md, "Leftovers of the twentieth reading,
part g"): row 6, the city models' geometry budget. Part b stated it in the cases as processor time
(`geometry_budget_s`, 3600 s), so the judged set, and so a verdict between 不确定 and 通过/不通过, depended on the
laboratory's machine. It is now a count of the model, `geometry_budget_polygons`: the texts here, the behaviour in
tests/areas/scenes/test_generate.py. Each test fails on the catalog as it was before (the old name, 处理器时间)."""

from __future__ import annotations

import yaml

from tests.drafting.test_spec_leftovers_nineteenth import ROOT, _line
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.drafting.versions import not_earlier

# 2.5.1: R11's criterion stated (twenty-third reading, row 10); each a patch more for 「议题」 in its Chinese notes (the
# last stop's leftovers, part a)
_CASES = {"SC-CITY-007": "2.5.4", "SC-CITY-008": "2.5.3", "SC-CITY-009": "2.5.2", "SC-CITY-012": "1.5.2",
          "SC-CITY-013": "1.3.3"}  # 1.3.2: the thirty-fourth reading's c4 (CityJSON types in the singular); each
# a patch since for the thirty-sixth reading's c3 (part i's inconclusive wording)
_STEPS = {"zh": "测试步骤", "en": "Test procedure"}
_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}
_INC = {"zh": "不确定：", "en": "Inconclusive: "}
#: words of a time budget: none may be left where the budget acts
_TIME = {"zh": ("处理器时间", "CPU", "geometry_budget_s", "3600"),
         "en": ("processor time", "CPU", "geometry_budget_s", "3600")}
_COUNT = {"zh": "至多检查 10 000 000 个多边形", "en": "examines at most 10 000 000 polygons"}
_ORDER = {"zh": "自第一个使累计数超出该数的几何起，其余几何不予判定",
          "en": "from the first geometry that takes the sum past that number on, the geometries left are not judged"}
_LEFT = {"zh": "超出 `geometry_budget_polygons` 规定的多边形数而余下的几何",
         "en": "left past the polygons of `geometry_budget_polygons`"}


def _requirements() -> dict[str, dict]:
    loaded = yaml.safe_load((ROOT / "suites/scenes/requirements.yaml").read_text(encoding="utf-8"))
    items = loaded["requirements"] if isinstance(loaded, dict) else loaded
    return {r["id"]: r for r in items if r["id"] in _CASES}


def test_each_case_bounds_the_validation_by_a_count_of_polygons(zh_markdown, en_markdown):
    """Step 3 of the five cases states the count, how it is taken (the file's order, the first geometry past it and
    every later one left), the 前置条件 its value, the 不确定 line the geometries left past it; no time is named."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        for rid in _CASES:
            step = _row(cases[rid], _STEPS[lang])
            inconclusive = _line(markdown, rid, _INC, lang)
            assert _COUNT[lang] in step and "`geometry_budget_polygons`" in step, (rid, lang)
            assert _ORDER[lang] in step, (rid, lang)
            assert "`geometry_budget_polygons` = 10 000 000" in _row(cases[rid], _CONDITIONS[lang]), (rid, lang)
            assert _LEFT[lang] in inconclusive, (rid, lang, inconclusive)
            for word in _TIME[lang]:
                assert word not in step and word not in inconclusive, (rid, lang, word)


def test_annex_a_states_the_count_and_no_time(zh_markdown, en_markdown, note_md):
    rows = {"zh": "| 参数 `geometry_budget_polygons` | 单个城市模型几何校验",
            "en": "| Parameter `geometry_budget_polygons` | Polygons"}
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        row = next((line for line in markdown.splitlines() if line.startswith(rows[lang])), "")
        assert "10 000 000" in row and ("只可调高" in row if lang == "zh" else "may only be raised" in row), (lang, row)
        assert "geometry_budget_s" not in markdown, lang
    assert "geometry_budget_s" not in note_md


def test_the_profile_parameter_is_a_count_that_may_only_be_raised():
    profile = yaml.safe_load((ROOT / "profiles/scene-cityjson.yaml").read_text(encoding="utf-8"))
    parameters = profile["parameters"]
    assert "geometry_budget_s" not in parameters
    budget = parameters["geometry_budget_polygons"]
    assert budget["default"] == 10_000_000 and budget["stricter"] == "higher"
    assert budget["bounds"]["min"] == budget["default"] < budget["bounds"]["max"]
    assert "unit" not in budget  # a count, as max_triangles
    assert "Polygons" in budget["description"]["en"] and "多边形个数" in budget["description"]["zh"]


def test_the_notes_state_the_number_as_the_catalogs_own_choice_and_the_time_as_information():
    for rid, req in _requirements().items():
        assert not_earlier(req["version"], _CASES[rid]), rid  # a parameter default changed: a minor step
        assert "geometry_budget_polygons" in req["parameters"] and "geometry_budget_s" not in req["parameters"], rid
        en, zh = req["notes"]["en"], req["notes"]["zh"]
        for text in ("geometry_budget_polygons (set at 10000000 polygons", "the catalog's own choice", "1033687",
                     "157926 City Objects", "As information, not a requirement", "microseconds of processor time"):
            assert text in en, (rid, text)
        for text in ("geometry_budget_polygons（规定值 10000000 个多边形", "本目录自定", "1033687", "157926 个城市对象",
                     "以下仅为参考信息，并非要求", "微秒的处理器时间"):
            assert text in zh, (rid, text)


def test_the_report_message_names_the_count():
    messages = yaml.safe_load((ROOT / "src/conformance/areas/scenes/messages.yaml").read_text(encoding="utf-8"))
    budget = messages["solids-budget"]
    assert "{budget} polygons" in budget["en"] and "geometry_budget_polygons" in budget["en"]
    assert "{budget} 个多边形" in budget["zh"] and "geometry_budget_polygons" in budget["zh"]
    assert "CPU" not in budget["en"] + budget["zh"]


def test_no_check_reads_processor_time_for_the_budget():
    """The geometric validation and its checks read no clock: the judged set cannot depend on one."""
    for path in ("src/conformance/areas/scenes/solids.py", "suites/scenes/test_city_solids.py"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "process_time" not in text and "budget_s" not in text and "import time" not in text, path
