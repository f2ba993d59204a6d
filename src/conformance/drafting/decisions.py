"""The decision rule of each measured requirement (one with a ``decision_rule``: every ``measures: instrument`` one, and a
behaviour one whose check times the product's answers on the test equipment's clock) as the specification states
it: the 判定准则 sentence of its test case and the 编制说明's table of rules and reasons. Both are written
from the requirement's ``decision_rule`` and the reason its notes give ("Why: ..." / "理由：..."), so the
specification cannot say another rule than the one the harness applies (ILAC-G8:09/2019 4.2, ISO/IEC
Guide 98-4; expanded uncertainty per GUM, ISO/IEC Guide 98-3:2008)."""

from __future__ import annotations

import re

from .._catalog.model import Requirement

#: the reason a measured requirement's notes give for its rule, up to the sentence naming the version
_REASON = {"en": re.compile(r"Why: (.+?)\s*Version \d+(?:\.\d+)* states this decision rule", re.S),
           "zh": re.compile(r"理由：(.+?)\s*\d+(?:\.\d+)* 版规定了本判定规则", re.S)}

_CRITERION = {
    "simple": {
        "zh": "判定规则：简单接受（ILAC-G8:09/2019 4.2.1，ISO/IEC 指南 98-4:2012），保护带为零：测得值在限值以内即通过，"
              "超出限值即不通过；每个测得值连同其扩展不确定度 U（k = 2，依 ISO/IEC 指南 98-3:2008 由样本统计量的 A 类与仪器声明的 B 类"
              "合成）一并记录。",
        "en": "Decision rule: simple acceptance (ILAC-G8:09/2019 4.2.1, ISO/IEC Guide 98-4:2012), guard band zero: a "
              "measured value within its limit passes and one beyond it fails; each measured value is recorded with "
              "its expanded uncertainty U (k = 2, combined per ISO/IEC Guide 98-3:2008 from type A of the sample's "
              "statistic and type B of the instrument's stated uncertainty)."},
    "guarded": {
        "zh": "判定规则：保护性接受（ILAC-G8:09/2019 4.2.2，ISO/IEC 指南 98-4:2012），保护带 w = U，即测得值的扩展不确定度"
              "（k = 2，依 ISO/IEC 指南 98-3:2008 由样本统计量的 A 类与仪器声明的 B 类合成）：测得值在接受限（限值向内移动 U）以内方可"
              "通过；在限值以内但与限值相距不足 U 的值处于保护带内，判为不通过，记录注明“处于保护带内”并给出测得值、U "
              "与接受限；超出限值的值不通过。",
        "en": "Decision rule: guarded acceptance (ILAC-G8:09/2019 4.2.2, ISO/IEC Guide 98-4:2012) with guard band w = U, "
              "the measured value's expanded uncertainty (k = 2, combined per ISO/IEC Guide 98-3:2008 from type A "
              "of the sample's statistic and type B of the instrument's stated uncertainty): a value passes only "
              "within the acceptance limit, the limit moved inward by U; a value within the limit but less than U "
              "from it is within the guard band and fails, the record saying so with the value, U and the "
              "acceptance limit; a value beyond the limit fails."},
}
_NAME = {"simple": ("简单接受", "simple acceptance"), "guarded": ("保护性接受（w = U）", "guarded acceptance (w = U)")}


#: U's components when the case reads no instrument (``type_b: none``): type A alone, as the 编制说明 states
#: (forty-first reading, c28: the sentence named an instrument's type B where the precondition reads none)
_TYPE_A_ONLY = {"zh": ("由样本统计量的 A 类与仪器声明的 B 类合成", "仅由样本统计量的 A 类评定，本用例不读取仪器读数，无 B 类分量"),
                "en": ("combined per ISO/IEC Guide 98-3:2008 from type A of the sample's statistic and type B of the "
                       "instrument's stated uncertainty",
                       "combined per ISO/IEC Guide 98-3:2008 from type A of the sample's statistic alone: this case "
                       "reads no instrument, so there is no type B component")}


#: U's components when the values are times the test equipment reads on its own clock (``type_b: clock``; sixty-third
#: reading, a3/d1: IF-LAT-001's answer times and IF-SES-002's latencies): type A alone, the clock's resolution negligible
_CLOCK = {"zh": (_TYPE_A_ONLY["zh"][0], "仅由样本统计量的 A 类评定：时间由测试设备自身的单调时钟读取，本用例不读取仪器读数，"
                 "时钟分辨力的分量相对以毫秒计的时延可以忽略，不计 B 类分量"),
          "en": (_TYPE_A_ONLY["en"][0], "combined per ISO/IEC Guide 98-3:2008 from type A of the sample's statistic alone: "
                 "the times are read on the test equipment's own monotonic clock and this case reads no instrument; the "
                 "clock's resolution is negligible against times in milliseconds, so no type B component is counted")}


#: U's components when the values are moments read on an instrument's frames or samples (``type_b: resolution``;
#: seventy-fourth reading, c3: TD-HAND-006's criterion said A and B combined, its check takes the reference's frame
#: interval alone): the grid's interval, the instrument's stated uncertainty being of another quantity and the
#: times of its readings on the capture clock, which the test equipment line bounds, declared nowhere in the capture
_RESOLUTION = {"zh": (_TYPE_A_ONLY["zh"][0], "仅由读取时刻的分辨力评定：该时刻在所读帧或样本的一个间隔内"
                      "按矩形分布（该指南 4.3.7、F.2.2.1）；所读仪器声明的不确定度不是时间的不确定度，其读数在采集时钟上的"
                      "时刻的不确定度（前置条件的测试设备限定其扩展不确定度不大于所判定限值的四分之一）不在采集文件中"
                      "声明，二者均不计入"),
               "en": (_TYPE_A_ONLY["en"][0],
                      "evaluated per ISO/IEC Guide 98-3:2008 from the resolution alone with which the moment is read: "
                      "the moment lies within one interval of the frames or samples read, a rectangular distribution by"
                      " its 4.3.7 and F.2.2.1; the instrument's stated uncertainty is not one of a time, and the"
                      " uncertainty of its readings' moments on the capture clock, whose expanded uncertainty the"
                      " precondition's apparatus bounds at a quarter of the limit judged, is declared nowhere in the capture, so neither is "
                      "counted")}


#: U's components when the case reads an instrument whose stated uncertainty is of another quantity than some or all
#: rules judge (``type_b_rules``; fifty-ninth reading, cx3: TD-FACE-004's 测试设备 said type A alone, its criterion A and B)
_OTHER_QUANTITY = {"zh": ("仅由样本统计量的 A 类评定：所读仪器声明的不确定度不是所判定量的不确定度，不计入",
                          "对 {rules} 由样本统计量的 A 类与仪器声明的 B 类合成，对其余规则仅由样本统计量的 A 类评定：仪器声明的"
                          "不确定度不是其所判定量的不确定度，不计入"),
                   "en": ("evaluated per ISO/IEC Guide 98-3:2008 from type A of the sample's statistic alone: the instrument's "
                          "stated uncertainty is not one of the quantity judged, so it is not used",
                          "for {rules} combined per ISO/IEC Guide 98-3:2008 from type A of the sample's statistic and type B "
                          "of the instrument's stated uncertainty, for the other rules of type A alone: the instrument's "
                          "stated uncertainty is not one of the quantity they judge, so it is not used")}


#: U's components named by quantity where one rule judges quantities of both kinds (``type_b_of``, ``type_a_of``;
#: sixty-seventh reading, c3: TD-PERF-005's criterion said every U combined type A and B, its orientation drift's has none)
_BY_QUANTITY = {"zh": "对{b}由样本统计量的 A 类与仪器声明的 B 类合成，对{a}仅由样本统计量的 A 类评定：仪器声明的不确定度"
                      "不是其所判定量的不确定度，不计入",
                "en": "for {b} combined per ISO/IEC Guide 98-3:2008 from type A of the sample's statistic and type B of the "
                      "instrument's stated uncertainty, for {a} of type A alone: the instrument's stated uncertainty is not "
                      "one of the quantity judged there, so it is not used"}


#: U's components rule by rule where some rules' U is the resolution of the reading (``resolution_rules``; seventy-fifth
#: reading, c1/c2: criteria said "type A of the sample's statistic" where the check takes a grid's interval over
#: sqrt(12), a type B evaluation that 6.2's type A does not cover): the clauses, joined by "；" / "; "
_PER_RULE = {
    "zh": {"b": "对 {rules} 由样本统计量的 A 类与仪器声明的 B 类合成", "rb": "对 {rules} 由读数的分辨力与仪器声明的 B 类合成",
           "r": "对 {rules} 仅由读数的分辨力评定", "ar": "对 {rules} 由样本统计量的 A 类与读数的分辨力合成", "b_rest": "对其余规则由样本统计量的 A 类与仪器声明的 B 类合成",
           "a": "对其余规则仅由样本统计量的 A 类评定", "a_why": "，仪器声明的不确定度不是其所判定量的不确定度，不计入",
           "what": "读数的分辨力指所读值在其读取网格（帧、样本、消息间隔或搜索步长）的一个间隔内按矩形分布（该指南 4.3.7、"
                   "F.2.2.1，属 B 类评定），记录未声明的分量（如读取时刻所在时钟的对齐）不计入",
           "sep": "；", "lead": ""},
    "en": {"b": "for {rules} combined from type A of the sample's statistic and type B of the instrument's stated "
                "uncertainty",
           "rb": "for {rules} combined from the resolution of the reading and type B of the instrument's stated "
                 "uncertainty",
           "r": "for {rules} from the resolution of the reading alone",
           "ar": "for {rules} combined from type A of the sample's statistic and the resolution of the reading",
           "b_rest": "for the other rules combined from type A of the sample's statistic and type B of the instrument's"
                     " stated uncertainty",
           "a": "for the other rules from type A of the sample's statistic alone",
           "a_why": ", the instrument's stated uncertainty not being one of the quantity they judge, so not used",
           "what": "the resolution of the reading: the value read lies within one interval of the grid it is read on "
                   "(frames, samples, message intervals or a search's steps), a rectangular distribution (that "
                   "Guide's 4.3.7 and F.2.2.1, a type B evaluation); a component the record does not declare (such "
                   "as the alignment of the clocks the moments are read on) is not counted",
           "sep": "; ", "lead": "evaluated per ISO/IEC Guide 98-3:2008 "}}


def _per_rule(req: Requirement, lang: str, prefix: str | None) -> str:
    """The U clauses rule by rule (``resolution_rules`` set), after ``prefix`` (the by-quantity sentence) if given."""
    rule, words = req.decision_rule, _PER_RULE[lang]
    assert rule is not None and rule.resolution_rules is not None
    res = rule.resolution_rules

    def listed(rules: list[str]) -> str:
        return "、".join(rules) if lang == "zh" else " and ".join([", ".join(rules[:-1]), rules[-1]] if rules[:-1]
                                                                   else rules)
    with_b = rule.type_b_rules if rule.type_b == "instrument" else []
    named = [*res, *(with_b or [])]
    clauses = [] if prefix is None else [prefix]
    if prefix is None and with_b is None:
        clauses.append(words["b_rest"])
    elif prefix is None and (only_b := [r for r in with_b or [] if r not in res]):
        clauses.append(words["b"].format(rules=listed(only_b)))
    if both := [r for r in res if r in (with_b or [])]:
        clauses.append(words["rb"].format(rules=listed(both)))
    with_a = rule.statistic_rules or []
    if alone := [r for r in res if r not in (with_b or []) and r not in with_a]:
        clauses.append(words["r"].format(rules=listed(alone)))
    if with_a:
        clauses.append(words["ar"].format(rules=listed(with_a)))
    if prefix is None and with_b is not None and any(r.id not in named for r in req.rules):
        clauses.append(words["a"] + (words["a_why"] if rule.type_b == "instrument" else ""))
    return (words["lead"] if prefix is None else "") + words["sep"].join([*clauses, words["what"]])


def criterion(req: Requirement, lang: str) -> str | None:
    """The 判定准则 sentence stating ``req``'s decision rule (None: not a measured requirement)."""
    if req.decision_rule is None:
        return None
    sentence = _CRITERION[req.decision_rule.kind][lang]
    if (split := req.decision_rule).resolution_rules is not None:
        by_quantity = _BY_QUANTITY[lang].format(b=split.type_b_of.get(lang), a=split.type_a_of.get(lang)) \
            if split.type_b_of is not None and split.type_a_of is not None else None
        return sentence.replace(_TYPE_A_ONLY[lang][0], _per_rule(req, lang, by_quantity))
    if req.decision_rule.type_b == "none":
        sentence = sentence.replace(*_TYPE_A_ONLY[lang])
    elif req.decision_rule.type_b == "clock":
        sentence = sentence.replace(*_CLOCK[lang])
    elif req.decision_rule.type_b == "resolution":
        sentence = sentence.replace(*_RESOLUTION[lang])
    elif (split := req.decision_rule).type_b_of is not None and split.type_a_of is not None:
        sentence = sentence.replace(_TYPE_A_ONLY[lang][0], _BY_QUANTITY[lang].format(b=split.type_b_of.get(lang),
                                                                                     a=split.type_a_of.get(lang)))
    elif (rules := req.decision_rule.type_b_rules) is not None:
        alone, some = _OTHER_QUANTITY[lang]
        what = some.format(rules=("、" if lang == "zh" else " and ").join(rules)) if rules else alone
        sentence = sentence.replace(_TYPE_A_ONLY[lang][0], what)
    return sentence


def clock_timed(measured: list[Requirement]) -> list[str]:
    """The IDs of ``measured`` whose values are times read on the test equipment's own clock (``type_b: clock``)."""
    return [r.id for r in measured if r.decision_rule is not None and r.decision_rule.type_b == "clock"]


def rule_name(req: Requirement, lang: str) -> str:
    zh, en = _NAME[req.decision_rule.kind] if req.decision_rule is not None else ("—", "—")
    return zh if lang == "zh" else en


def reason(req: Requirement, lang: str) -> str | None:
    """Why ``req`` applies its rule, as its notes say (None when they give no reason)."""
    found = _REASON[lang].search(req.notes.get(lang)) if req.notes is not None else None
    return " ".join(found.group(1).split()) if found else None


#: the inconclusive line's clause where some rule's U takes the instrument's type B (seventy-sixth reading, doubtful 1:
#: TD-GAZE-002's check judged R1 on type A alone when its target display declared no uncertainty, and could pass)
_UNDECLARED = {"zh": "某个测得值的 U 按本判定规则含仪器声明的 B 类，所读仪器却未声明可用于该值的不确定度"
                     "（仅有 A 类的 U 不足以判其通过）",
               "en": "a value whose U this decision rule combines with the instrument's type B reads an instrument that "
                     "declares no uncertainty usable for it (a U of type A alone cannot make it pass)"}
#: the lead of an inconclusive line's condition met without a nonconformity
_LEAD = {"zh": "或没有不符合项，而", "en": "or, with no rule broken, "}


def takes_type_b(req: Requirement) -> bool:
    """Whether some rule's (or quantity's) U combines the instrument's declared type B."""
    rule = req.decision_rule
    return rule is not None and rule.type_b == "instrument" and (rule.type_b_rules != [] or rule.type_b_of is not None)


def undeclared_unjudged(req: Requirement) -> bool:
    """Whether the drafting names, in the inconclusive line, a value left unjudged for its instrument declaring no
    uncertainty: the criterion combines a type B and the check leaves such a value unjudged, the line not already
    saying so (the decision rule's ``undeclared_b``)."""
    return takes_type_b(req) and req.decision_rule is not None and req.decision_rule.undeclared_b == "unjudged"


def _outside(line: str, sep: str, start: int) -> int:
    """The first ``sep`` in ``line`` from ``start`` outside parentheses (-1: none)."""
    depth = 0
    for i in range(start, len(line)):
        depth += (line[i] in "(（") - (line[i] in ")）")
        if depth <= 0 and line.startswith(sep, i):
            return i
    return -1


def _with_undeclared(line: str, lang: str) -> str:
    """The inconclusive ``line`` naming a value whose instrument declares no uncertainty: one more condition of its
    last "no nonconformity" list where it has one (its lead not repeated), else a condition of its own."""
    clause = _UNDECLARED[lang]
    sep, end = ("；", "。") if lang == "zh" else ("; ", ".")
    at = line.rfind(_LEAD[lang])
    if at < 0:
        return line.rstrip().rstrip(end) + sep + _LEAD[lang] + clause + end
    stop = _outside(line, sep, at)
    stop = len(line.rstrip().rstrip(end)) if stop < 0 else stop
    return line[:stop] + ("，或" if lang == "zh" else ", or ") + clause + line[stop:]


def with_criterion(criteria: list[str], req: Requirement, lang: str) -> list[str]:
    """``criteria`` (pass, fail, not applicable, inconclusive) with the decision rule's sentence ending the
    fail criterion, whose "does not pass" it makes precise (ending the last one when none is marked), and, where a
    U takes the instrument's type B, the inconclusive line naming a value whose instrument declares none for it."""
    sentence = criterion(req, lang)
    if sentence is None or not criteria or any(sentence in c for c in criteria):
        return criteria
    fail = "不通过" if lang == "zh" else "Fail"
    at = next((i for i, c in enumerate(criteria) if c.startswith(fail)), len(criteria) - 1)
    joined = criteria[at].rstrip() + ("" if lang == "zh" else " ") + sentence
    criteria = [*criteria[:at], joined, *criteria[at + 1:]]
    label = "不确定：" if lang == "zh" else "Inconclusive: "
    if undeclared_unjudged(req) and (last := len(criteria) - 1) != at and criteria[last].startswith(label):
        criteria[last] = _with_undeclared(criteria[last].rstrip(), lang)
    return criteria
