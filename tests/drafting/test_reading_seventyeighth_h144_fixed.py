"""The seventy-eighth reading of issue 76 (read78a), part h144-fixed.

a1 (K2): 6.2 a) defined the instrument's declared type B as the uncertainty declared 「连同其序列号」 and table 9 said
「以其序列号及……声明」, while every measuring data file's format leaves the serial optional and the checks take the
uncertainty without one (``_shared/uncertainty.declared`` reads ``uncertainty`` alone). 6.2 a), table 9, the robots'
calibration row and the 编制说明's lead now say so in one sentence (``uncertaintywords.SERIAL``); the two test cases
whose apparatus line gives a rule's type B (TD-BODY-003, TD-DISP-009) no longer tie it to the serial.

a2 (K7): A.46 ``max_gaze_precision_deg``, its ``max_gaze_shift_deg`` and A.53 ``max_orientation_precision_deg`` were
fixed at twice the 0.25° of the instrument giving the target or reference direction, but that constant error enters
neither a scatter of samples nor a difference on the same targets, and their rules' U takes no declared type B (the
criteria say the instrument's uncertainty is not that of the quantity judged). They now follow the other limits
(half the default their strictest value), and a threshold fixed on that reason whose rules take no declared type B is
named in 三（三） (``strictest.instrument_reason_problems``).

Fails on 3e4124910."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conformance._catalog.model import Text
from conformance.drafting.strictest import INSTRUMENT_REASON, instrument_reason_problems, takes_declared_b
from conformance.drafting.uncertaintywords import SERIAL

ROOT = Path(__file__).parents[2]
#: the laboratory's signed record names its apparatus by serial; it is no measuring data file (3.61)
NOT_MEASURING = {"certification/laboratory-record.json"}
#: the forms that make the serial part of the declaration the type B is taken from
CONDITION_ZH = re.compile(r"连同其序列号|以其序列号|、序列号、")
CONDITION_EN = re.compile(r"with (?:its|the instrument's) serial|model, serial,")


def _required_serials(node: Any, path: str = "") -> list[str]:
    """Every place a schema requires a member ``serial``."""
    found: list[str] = []
    if isinstance(node, dict):
        if "serial" in node.get("required", []):
            found.append(path)
        for key, value in node.items():
            found += _required_serials(value, f"{path}/{key}")
    elif isinstance(node, list):
        for at, value in enumerate(node):
            found += _required_serials(value, f"{path}[{at}]")
    return found


def _measuring_formats_leave_the_serial_optional() -> bool:
    schemas = ROOT / "schemas"
    required = [f"{schema.relative_to(schemas)}{where}" for schema in sorted(schemas.rglob("*.json"))
                if str(schema.relative_to(schemas)) not in NOT_MEASURING
                for where in _required_serials(json.loads(schema.read_text(encoding="utf-8")))]
    return not required


def _defining(markdown: str, words: tuple[str, ...]) -> list[str]:
    """The lines that speak of a serial beside a declared uncertainty: those holding one of ``words``."""
    return [line for line in markdown.splitlines() if any(word in line for word in words)]


def test_a1_no_text_defining_the_declared_type_b_makes_the_serial_a_condition(zh_markdown, en_markdown, note_md,
                                                                              note_md_en):
    assert _measuring_formats_leave_the_serial_optional()
    zh_lines = _defining(zh_markdown + note_md, ("序列号",))
    zh_lines = [line for line in zh_lines if "B 类" in line or line.startswith("| 校准 |")]
    en_lines = _defining(en_markdown + note_md_en, ("serial",))
    en_lines = [line for line in en_lines if "type B" in line or line.startswith("| Calibration |")]
    assert len(zh_lines) >= 4 and len(en_lines) >= 4  # 6.2 a), table 9, the robots' row, the note's lead and more
    assert [line[:80] for line in zh_lines if CONDITION_ZH.search(line)] == []
    assert [line[:80] for line in en_lines if CONDITION_EN.search(line)] == []
    # 6.2 a) and the note's lead say it in the one sentence
    for markdown, words in ((zh_markdown, SERIAL["zh"]), (note_md, SERIAL["zh"]), (en_markdown, SERIAL["en"]),
                            (note_md_en, SERIAL["en"])):
        assert words in markdown
    calibration = [line for line in zh_markdown.splitlines() if line.startswith("| 校准 |") and "序列号" in line]
    assert calibration and all(SERIAL["zh"] in line for line in calibration)
    assert "{words:" not in zh_markdown + en_markdown


def _threshold(catalog, name: str) -> list[tuple[Any, Any]]:
    return [(profile, spec) for profile in catalog.profiles.values() for key, spec in profile.parameters.items()
            if key == name]


def test_a2_no_threshold_is_fixed_on_an_instrument_error_its_rules_do_not_take(catalog, note_md):
    # the class: every threshold annex A prints as fixed on twice the instrument's permitted error feeds, in each
    # requirement its reason names, only rules whose U takes the instrument's declared type B
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            assert instrument_reason_problems(catalog, spec) == [], (profile.id, name)
    # the three the reading found are tightened like the other limits, to half the value set
    for name in ("max_gaze_precision_deg", "max_gaze_shift_deg", "max_orientation_precision_deg"):
        for _, spec in _threshold(catalog, name):
            assert spec.bounds.min == spec.default / 2 and spec.strictest_reason is None
    # the function names them as they stood: fixed, the reason the instrument's
    reason = {"zh": "等于规定值，该限值不能改严：规定值为 TD-GAZE-002 的前置条件"
                    f"{INSTRUMENT_REASON['zh']}扩展不确定度的两倍。",
              "en": f"Equal to the value set: twice the uncertainty the preconditions of TD-GAZE-002 "
                    f"{INSTRUMENT_REASON['en']}."}
    (_, precision), = _threshold(catalog, "max_gaze_precision_deg")
    was = precision.model_copy(update={"bounds": precision.bounds.model_copy(update={"min": precision.default}),
                                       "strictest_reason": Text(**reason)})
    assert instrument_reason_problems(catalog, was) == ["TD-GAZE-002 R2"]
    # while one whose rule takes the declared type B (R1, the accuracy) is not named
    (_, accuracy), = _threshold(catalog, "max_gaze_accuracy_deg")
    kept = accuracy.model_copy(update={"bounds": accuracy.bounds.model_copy(update={"min": accuracy.default}),
                                       "strictest_reason": was.strictest_reason})
    assert instrument_reason_problems(catalog, kept) == []
    assert takes_declared_b(catalog.requirements["TD-GAZE-002"], "R1")
    assert not takes_declared_b(catalog.requirements["TD-PERF-004"], "R2")  # named in type_a_of
    # 三（三）'s lead says which errors set a strictest value
    assert "恒定的方向或位置误差不进入样本的离散（精密度）及同一装置上两次测量之差" in note_md
