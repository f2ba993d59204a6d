"""The 编制说明's account of annex A's strictest values (三（三）; issue 76, fifty-eighth reading, part h116-strict,
row a11). Each threshold of a profile that a certification plan may tighten prints 「（只可调低，最严 50 ms）」 in annex A:
the strict end of its ``bounds`` (:func:`conformance._catalog.parameters.strict_end`), past which a plan may not go.
No reason was given for any of the 205. They are the strict ends of the plausibility ranges set per parameter when
each requirement was added; no principle was stated. This module states what they are for, sorts them, from the same
profile data annex A prints, into the groups of values they follow (:func:`group`), counted, and prints the parameter
entry's own ``strictest_reason`` for each one in no group or with a reason of its own (sixtieth reading, part
h120-strict: a value set at twice the permitted error of the instrument measuring its quantity). A bound in no
group without a reason is named in the paragraph as having none, so a missing reason shows in the document rather than being hidden."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from .bibcites import numbered_works
from .conditions import value_text, with_unit
from .spec import bibliography_entries
from .tables import load_tables
from .wording import _REQ_ID
from .writer import Block, Writer

#: the divisors of the default that give a lowered threshold's strictest value in the "fraction" group
DIVISORS = (2, 5, 10, 20, 50, 100, 200)


def _power_of_ten(value: float) -> bool:
    return value > 0 and math.isclose(10.0 ** round(math.log10(value)), value)


def group(direction: str, default: float, end: float, unit: object) -> str:
    """The group of a strictest value ``end`` of a threshold with ``default`` tightened in ``direction``, "" for
    none: "ideal" (0 lowered; 1 raised for a share without unit, default at most 1), "one" (1 lowered: one unit, or
    one item of a count), "fraction" (the default divided by one of :data:`DIVISORS`), "times" (raised, a power of
    ten times the default), "decimal" (a power of ten itself). The first that holds names it."""
    if (direction == "lower" and end == 0) or (direction == "higher" and end == 1 and not unit and default <= 1):
        return "ideal"
    if direction == "lower" and end == 1:
        return "one"
    if direction == "lower" and end > 0 and any(math.isclose(default / k, end) for k in DIVISORS):
        return "fraction"
    if direction == "higher" and default > 0 and _power_of_ten(end / default):
        return "times"
    return "decimal" if _power_of_ten(end) else ""


def strict_rows(catalog: Any) -> Iterator[tuple[int, Any, str, Any, float]]:
    """(annex A's subclause number, profile, parameter name, spec, strictest value) for each threshold annex A prints
    with a strictest value, in annex A's order (as ``annexes.annex_ics`` and ``icsrows.tightening`` choose them)."""
    from .._catalog.parameters import strict_end

    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 2):
        for name, spec in profile.parameters.items():
            end = strict_end(spec)
            if spec.direction in ("lower", "higher") and end is not None and end != spec.default:
                yield number, profile, name, spec, end


def fixed_rows(catalog: Any) -> Iterator[tuple[int, Any, str, Any]]:
    """(annex A's subclause number, profile, parameter name, spec) for each threshold annex A prints as fixed (its
    strict end at its value set) whose parameter entry gives a ``strictest_reason`` why it is not tightened
    (sixty-second reading, d6: A.51's plausibility limits a plan could tighten below motion users make)."""
    from .._catalog.parameters import strict_end

    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 2):
        for name, spec in profile.parameters.items():
            if spec.direction in ("lower", "higher") and spec.strictest_reason and strict_end(spec) == spec.default:
                yield number, profile, name, spec


#: the words of a reason resting on twice the error the preconditions permit the instrument measuring the quantity
INSTRUMENT_REASON = {"zh": "所允许的测量该量的设备", "en": "permit the instrument measuring this quantity"}
_RULE_ID = re.compile(r"\bR\d+\b")


def rules_fed(req: Any, value: float) -> list[str]:
    """The rules of ``req`` that state ``value`` (a parameter's default) as a number: those the parameter feeds."""
    number = re.compile(rf"(?<![\d.]){re.escape(value_text(value))}(?![\d.]*\d)")
    return [rule.id for rule in req.rules if number.search(rule.zh)]


def takes_declared_b(req: Any, rule: str) -> bool:
    """Whether the U of ``rule`` of ``req`` takes the instrument's declared type B for every quantity it judges: its
    decision rule's ``type_b`` is the instrument's, ``type_b_rules`` (when set) lists it, and ``type_a_of`` (the
    quantities judged on type A alone) does not name it."""
    rule_of = req.decision_rule
    if rule_of is None or rule_of.type_b != "instrument":
        return False
    if rule_of.type_a_of is not None and rule in _RULE_ID.findall(rule_of.type_a_of.en):
        return False
    return rule_of.type_b_rules is None or rule in rule_of.type_b_rules


def instrument_reason_problems(catalog: Any, spec: Any) -> list[str]:
    """For a threshold annex A prints as fixed on the reason that twice the instrument's permitted error reaches its
    value (:data:`INSTRUMENT_REASON`), the rules it feeds in the requirements the reason names whose U takes no
    declared type B of the instrument (``REQ Rn``): there the instrument's error is not one of the quantity judged,
    the criteria say, and the reason does not hold (seventy-eighth reading, a2: TD-GAZE-002's precision, R2, was
    fixed at twice the 0.25° of the target directions, which the RMS scatter of successive samples does not hold)."""
    from .._catalog.parameters import strict_end

    reason = spec.strictest_reason.zh if spec.strictest_reason else ""
    if INSTRUMENT_REASON["zh"] not in reason or strict_end(spec) != spec.default:
        return []
    named = [catalog.requirements[rid] for rid in dict.fromkeys(_REQ_ID.findall(reason))
             if rid in catalog.requirements]
    return [f"{req.id} {rule}" for req in named for rule in rules_fed(req, spec.default)
            if not takes_declared_b(req, rule)]


def _cited(w: Writer, profile: Any, reason: str, entries: dict[str, tuple[int, ...]]) -> str:
    """``reason`` with each study it names cited by its 参考文献 number, as the limits' reasons cite theirs (sixty-second
    reading, d7: Bohannon's walking speeds stood in A.51's reasons with a DOI and no entry): the documents its
    profile's requirements draw on."""
    cited = [s for rid in profile.all_requirements() if rid in w.catalog.requirements
             for s in w.catalog.requirements[rid].source.standards]
    return numbered_works(w, reason, cited, entries, w.data.named_in_notes) if reason else reason


_RULES = {
    "ideal": ("理想值：可调低的误差、偏差、时间或比例最严为 0；可调高、无单位、规定值不大于 1 的份额或相关系数最严为 1",
              "The ideal value: 0 for an error, deviation, time or ratio that is lowered; 1 for a share or "
              "correlation without unit that is raised, its default at most 1"),
    "one": ("一个单位：可调低的量最严为 1，即其单位的 1 个单位（1 ms、1 mm、1 s 等）或计数中的 1 个",
            "One unit: 1 for a quantity that is lowered, one of its unit (1 ms, 1 mm, 1 s...) or one item of a count"),
    "fraction": ("规定值的几分之一：可调低的量最严为规定值除以 2、5、10、20、50、100 或 200",
                 "A fraction of the default: the default divided by 2, 5, 10, 20, 50, 100 or 200, for a quantity "
                 "that is lowered"),
    "times": ("规定值的十的整数次幂倍：可调高的量（多为样本量、次数等计数）最严为规定值的 10、100、1000 等倍",
              "A power of ten times the default: 10, 100, 1000... times the default, for a quantity that is "
              "raised (mostly a count: a sample size, a number of trials)"),
    "decimal": ("十的整数次幂：最严为 0.01、0.1、10、1000 等十的整数次幂，位于规定值改严的一侧",
                "A power of ten: 0.01, 0.1, 10, 1000..., on the stricter side of the default"),
}


def strictest_basis(w: Writer) -> list[Block]:
    """三（三）'s paragraph on annex A's strictest values, its table of the groups with their counts, and its table of
    the strictest values in no group, each with its parameter entry's reason."""
    rows = list(strict_rows(w.catalog))
    if not rows:
        return []
    counts = dict.fromkeys(_RULES, 0)
    own: dict[tuple[str, ...], list[str]] = {}  # a row: the clauses A.n of the profiles sharing it
    missing: list[str] = []
    entries = bibliography_entries(w, w.catalog, load_tables(w.catalog))
    for number, profile, name, spec, end in rows:
        reason = _cited(w, profile, spec.strictest_reason.get(w.lang) if spec.strictest_reason else "", entries)
        kind = "" if reason else group(spec.direction, spec.default, end, spec.unit)
        if kind:  # a value with its own reason is in the table of reasons even where a group's rule also fits it
            counts[kind] += 1
            continue
        if not reason:
            missing.append(f"`{name}`（A.{number}）" if w.lang == "zh" else f"`{name}` (A.{number})")
        row = (f"`{name}`", with_unit(value_text(spec.default), spec.unit, w.lang),
               with_unit(value_text(end), spec.unit, w.lang), reason.rstrip("。."))
        own.setdefault(row, []).append(f"A.{number}")
    others = sum(len(clauses) for clauses in own.values())
    fixed = list(fixed_rows(w.catalog))
    for number, profile, name, spec in fixed:  # a threshold not tightened, and why, below those that are
        row = (f"`{name}`", with_unit(value_text(spec.default), spec.unit, w.lang), w.t("固定", "fixed"),
               _cited(w, profile, spec.strictest_reason.get(w.lang), entries).rstrip("。."))
        own.setdefault(row, []).append(f"A.{number}")
    # a fixed threshold whose instrument reason its rules' U belies is named, as a missing reason is
    belied = [w.t(f"`{name}`（A.{number}：{'、'.join(found)}）", f"`{name}` (A.{number}: {', '.join(found)})")
              for number, _, name, spec in fixed if (found := instrument_reason_problems(w.catalog, spec))]
    lead = w.para(w.t(
        f"附录 A 各测试参数表对可改严的阈值注明的“最严”值（共 {len(rows)} 个）是认证计划或声明文件改严该阈值所能达到的界限："
        "认证计划可在规定值与最严值之间选定更严的阈值，不能超出最严值，改严因而有止境。"
        "最严值是各测试参数加入时所定取值范围的严端，除下表注明取自已发表数值的以外均为本文件自定，"
        "不是经测量证明产品能达到的水平；本文件未逐一验证测试方法在各最严值处仍能作出判定，但测试环境或测试用例的前置条件"
        "给出测量该量的设备所允许的误差（计算机时钟与协调世界时的偏差，或以该量的单位计的扩展不确定度）且该误差进入所"
        "判定的量时，最严值不小于该误差的两倍，使一半的限值留给被测对象，两倍已达规定值的，该阈值不能改严；"
        "恒定的方向或位置误差不进入样本的离散（精密度）及同一装置上两次测量之差，这样的量不以该误差定其最严值。"
        "最严值按下表的规则确定（按所列顺序归入第一个相符的组）；不属于任一组或另有其理由的，其理由见其后一表。"
        + (f"附录 A 注明“固定”而另有其理由的阈值（共 {len(fixed)} 个）不能改严，其理由亦见该表。" if fixed else ""),
        f"The strictest values annex A's tables of test parameters give for the thresholds that may be tightened "
        f"({len(rows)} in all) are how far a certification plan or a manifest may tighten them: a plan may choose a "
        "stricter threshold between the value set and the strictest value, never beyond it, so tightening has an end. "
        "They are the strict ends of the ranges set for each test parameter when it was added, this document's own "
        "except where the table below names a published figure, and not levels products are shown by measurement to "
        "reach; this document has not verified for each that its test method still decides a threshold there, but where "
        "the test environment or a test case's preconditions give the permitted error of the instrument measuring the "
        "quantity (the offset of the computer's clock from UTC, or an expanded uncertainty in the quantity's unit) and "
        "that error enters the quantity judged, the strictest value is at least twice that error, leaving half the "
        "limit to the product, and a threshold whose twice that error reaches the value set is not tightened; a "
        "constant error of a direction or a position does not enter the scatter of samples (a precision) nor a "
        "difference of two measurements on the same apparatus, and such a quantity's strictest value is not set by "
        "it. They follow the rules of the table below (each in the "
        "first group that fits, in the order listed); those in no group or with a reason of their own have the reasons "
        "of the table after it."
        + (f" The thresholds annex A prints as fixed for a reason of their own ({len(fixed)} in all) are not "
           "tightened; that table gives their reasons too." if fixed else "")), normative=False)
    head = (w.t("组别与规则", "Group and rule"), w.t("参数数", "Parameters"))
    body = [(w.t(*_RULES[kind]), str(count)) for kind, count in counts.items()]
    body.append((w.t("其余：各有其理由，见下表", "Others: each with its own reason, in the table below"),
                 str(others)))
    out = [lead, Block("table", rows=tuple(tuple(w.fix(c) for c in row) for row in [head, *body]), lang=w.tag,
                       normative=False, widths=(130, 35))]
    if own:
        own_head = (w.t("条款", "Clause"), w.t("参数", "Parameter"), w.t("规定值", "Value set"),
                    w.t("最严值", "Strictest"), w.t("理由", "Reason"))
        out.append(Block("table", rows=tuple(tuple(w.fix(c) for c in row) for row in [own_head, *(
            (w.t("、", ", ").join(clauses), *row) for row, clauses in own.items())]), lang=w.tag,
                         normative=False, widths=(15, 45, 22, 22, 70)))
    if belied:
        out.append(w.para(w.t("以下注明“固定”的阈值，其理由所依据的设备误差不计入其规则的 U，该理由不成立："
                              f"{'、'.join(belied)}。",
                              "These thresholds printed as fixed rest on an instrument's error that their rules' U "
                              f"does not take, so their reason does not hold: {', '.join(belied)}."), normative=False))
    if missing:
        out.append(w.para(w.t(f"以下最严值尚无理由：{'、'.join(missing)}。",
                              f"These strictest values have no reason yet: {', '.join(missing)}."), normative=False))
    return out
