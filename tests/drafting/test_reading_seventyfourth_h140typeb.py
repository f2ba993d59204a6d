"""The seventy-fourth reading of issue 76, part h140-typeb: the class h139-hand found beyond its brief.

A measured requirement's 判定准则 (src/conformance/drafting/decisions.py, from its ``decision_rule``) says how each
value's U is composed, under simple acceptance too: "每个测得值连同其扩展不确定度 U（k = 2，依 ISO/IEC 指南 98-3:2008
由样本统计量的 A 类与仪器声明的 B 类合成）一并记录" is a statement about U, not only about the verdict. h139-hand's
scanner (tests/drafting/test_reading_seventyfourth_h139_hand.py) compared guarded requirements as a whole; this one
compares each rule, under either rule of decision: a rule whose criterion says its U takes the instrument's type B is
exactly one whose check hands the judge one (``u_b``, ``stated``, ``instrument``, a ``Measurement``'s u_b).

It found eleven simple-acceptance requirements whose checks pass no type B for any rule (TD-FACE-005, -007,
TD-HAPT-003, -004, TD-AUD-004, -005, -007, TD-ACC-004, TD-VOICE-004, TD-PWR-003, TD-CAPT-004: shares and rates of
counted events, times on the capture clock or on a sample grid, a ratio of one accelerometer's or one recorder's
readings), and seventeen requirements, guarded or simple, where only some rules take one. Each now says so with
``type_b_rules`` (wording only, a patch step): the criterion names the rules whose U combines the instrument's type B
and says the others' is of type A alone, the instrument's stated uncertainty not being one of the quantity they judge.

Each test fails on 2296d5571."""

from __future__ import annotations

import ast
import re

import pytest

from conformance._catalog.catalog import Catalog
from tests.drafting.test_reading_seventyfourth_h139_hand import _B_KEYS, _DEFS, _given, checks_walk
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: a rule a call judges: a string constant "R<n>", or None for a requirement without rules, or "?" (a variable)
_RULE = re.compile(r"R\d+")


def _rule(node: ast.Call, measurement: bool) -> str | None:
    at = 1 if measurement else 0
    arg = node.args[at] if len(node.args) > at else next((k.value for k in node.keywords if k.arg == "rule"), None)
    if isinstance(arg, ast.Constant) and (arg.value is None or _RULE.fullmatch(str(arg.value))):
        return arg.value
    return "?"


def _judged_rules(function: ast.FunctionDef) -> list[tuple[str | None, bool]]:
    """Each value the function judges: its rule and whether it hands the judge a type B (keywords given directly,
    through a ``**`` of a dict the function builds, or of one it is handed, which the h139 scan follows to the
    caller that builds it with the keywords)."""
    built = {t.id: n.value for n in ast.walk(function) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict)
             for t in n.targets if isinstance(t, ast.Name)}
    found: list[tuple[str | None, bool]] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        given: dict[str, ast.expr] = {}
        handed = False
        for keyword in node.keywords:
            if keyword.arg:
                given[keyword.arg] = keyword.value
            elif isinstance(keyword.value, ast.Name) and isinstance(d := built.get(keyword.value.id), ast.Dict):
                given |= {k.value: v for k, v in zip(d.keys, d.values, strict=True) if isinstance(k, ast.Constant)}
            else:
                handed = True
        if name == "Measurement":
            found.append((_rule(node, True), any(_given(a) for a in node.args[7:9])))
        elif (name == "judge" and len(node.args) >= 7) or given.keys() & (_B_KEYS | {"u_a"}):
            found.append((_rule(node, False), handed or any(_given(given[k]) for k in given.keys() & _B_KEYS)))
    return found


def _checks_by_rule() -> dict[str, dict[str | None, set[bool]]]:
    """Per requirement and rule, whether each value its checks judge takes a type B (h139's walk of the checks)."""
    found: dict[str, dict[str | None, set[bool]]] = {}
    for rid, key in checks_walk():
        for rule, b in _judged_rules(_DEFS[key]):
            found.setdefault(rid, {}).setdefault(rule, set()).add(b)
    return found


_WITH_B = {"zh": "由样本统计量的 A 类与仪器声明的 B 类合成", "en": "type B of the instrument's stated uncertainty"}
_SOME = {"zh": re.compile(r"对 (R\d+(?:、R\d+)*) 由样本统计量的 A 类与仪器声明的 B 类合成，对其余规则仅由样本统计量的 A 类评定"),
         "en": re.compile(r"for (R\d+(?: and R\d+)*) combined per ISO/IEC Guide 98-3:2008 from type A of the sample's "
                          r"statistic and type B of the instrument's stated uncertainty, for the other rules of type A")}
_BY_QUANTITY = {"zh": "对{", "en": "for {"}


def _said(fail: str, lang: str) -> set[str] | None:
    """The rules whose U the criterion says takes the instrument's type B: {"*"} all, a set of rule IDs, the empty
    set none; None where it names quantities rather than rules (``type_b_of``)."""
    if (m := _SOME[lang].search(fail)):
        return set(re.findall(r"R\d+", m.group(1)))
    if _WITH_B[lang] not in fail:
        return set()
    split = "仅由样本统计量的 A 类评定" in fail if lang == "zh" else "of type A alone" in fail
    return None if split else {"*"}


@pytest.fixture(scope="module")
def by_rule() -> dict[str, dict[str | None, set[bool]]]:
    return _checks_by_rule()


#: judged per quantity within one rule (``type_b_of``/``type_a_of``): not compared by rule; TD-GAZE-004 (its mean
#: offset with the validation's type B, its rise above the start without) now so too
_BY_QUANTITY_IDS = {"TD-PERF-004", "TD-PERF-005", "TD-GAZE-004"}


def test_each_rule_s_criterion_counts_a_type_b_exactly_when_its_check_does(catalog: Catalog, by_rule, zh_markdown,
                                                                           en_markdown):
    """A class test over the whole draft, simple and guarded acceptance alike: for each measured requirement and
    each rule its check judges, the 判定准则 (both languages) says that rule's U combines the instrument's type B
    exactly when the check hands the judge one for it."""
    measured = [r for r in catalog.requirements.values() if r.decision_rule is not None]
    simple = [r for r in measured if r.decision_rule and r.decision_rule.kind == "simple"]
    assert len(measured) >= 55 and len(simple) >= 25, (len(measured), len(simple))
    cases = {lang: _cases(text) for lang, text in (("zh", zh_markdown), ("en", en_markdown))}
    wrong = []
    for req in measured:
        if req.id in _BY_QUANTITY_IDS or req.id not in cases["zh"] or req.decision_rule.resolution_rules is not None:
            # stated rule by rule with the reading's resolution: tests/drafting/test_reading_seventyfifth_h141u.py
            continue
        judged = by_rule.get(req.id)
        assert judged, f"{req.id}: no judged value found in its check"
        for lang, label in (("zh", "不通过"), ("en", "Fail")):
            said = _said(_verdict_lines(cases[lang][req.id], lang)[label], lang)
            assert said is not None, (req.id, lang)
            for rule, takes in judged.items():
                if rule == "?":  # a rule chosen at run time: the requirement as a whole
                    if said == {"*"} and takes != {True} or not said and True in takes:
                        wrong.append((req.id, lang, rule, takes, said))
                    continue
                says = "*" in said or rule in said
                if takes != {says}:
                    wrong.append((req.id, lang, rule, takes, said))
            named = {r for r in said if r != "*"}
            if named - {r for r in judged if r != "?"}:
                wrong.append((req.id, lang, "named, not judged", named, set(judged)))
    assert not wrong, wrong


def test_the_scan_reads_rules_a_handed_dict_and_a_planted_check():
    """The scan reads per rule (TD-HAND-005: R1, R2 with a type B, R3 without), counts a dict handed on by ``**``
    (TD-BODY-005's ``**b``) as a type B, and finds none in a planted rule that passes none."""
    got = _checks_by_rule()
    assert got["TD-HAND-005"] == {"R1": {True}, "R2": {True}, "R3": {False}}
    assert got["TD-BODY-005"]["?"] == {True}
    assert got["TD-DISP-010"] == {None: {True}}
    planted = ast.parse("def f(judge, b):\n    judge('R1', 'q', 's', 1.0, 'ms', 2.0, 'max', u_a=0.1)\n"
                        "    judge('R2', 'q', 's', 1.0, 'ms', 2.0, 'max', u_a=0.1, **b)\n"
                        "    judge(record)\n")
    assert _judged_rules(planted.body[0]) == [("R1", False), ("R2", True)]  # type: ignore[arg-type]


def test_the_simple_acceptance_sentence_states_u_s_composition(catalog: Catalog):
    """Simple acceptance prints a U composition (so the eleven simple ones were not false positives): TD-ACC-004's
    criterion said A and B combined; it now says type A alone, the stated uncertainty not of the quantity judged."""
    from conformance.drafting.decisions import criterion
    acc = catalog.requirements["TD-ACC-004"]
    assert acc.decision_rule is not None and acc.decision_rule.kind == "simple"
    zh = criterion(acc, "zh") or ""
    assert "由样本统计量的 A 类与仪器声明的 B 类合成" not in zh
    assert "仅由样本统计量的 A 类评定：所读仪器声明的不确定度不是所判定量的不确定度，不计入" in zh
    hand = criterion(catalog.requirements["TD-HAND-005"], "en") or ""
    assert "for R1 and R2 combined from type A of the sample's statistic and type B" in hand  # rule by rule: h141-u2


def test_gaze_004_names_its_quantities(catalog: Catalog):
    """TD-GAZE-004's rules judge an offset (the validation's type B) and its rise (a difference, type A alone)."""
    from conformance.drafting.decisions import criterion
    zh = criterion(catalog.requirements["TD-GAZE-004"], "zh") or ""
    assert "对佩戴或位移之后的平均角偏差（R1、R2）由样本统计量的 A 类与仪器声明的 B 类合成" in zh
    assert "对其比会话开始时的增大量（R1、R2），即在相同目标上两次验证之差仅由样本统计量的 A 类评定" in zh
