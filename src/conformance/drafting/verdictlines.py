"""The 不适用 line of a test case stated as a condition of its case (the nineteenth reading of issue 76).

Clause 3.24 makes a case not applicable when the object holds nothing it checks or its ICS does not declare the
feature the case belongs to. A hand-written line or a sentence of the notes may say the first and forget the second
(TD-DISP-005 「不适用：采集文件不含亮度数据流。」 under a 前置条件 requiring a feature), or restate its own verdict
(「不适用：若无此类标注，本要求不适用。」): the feature is named first, and the condition stands alone.
"""

from __future__ import annotations

import re

_LABEL = {"zh": "不适用：", "en": "Not applicable: "}
#: a criterion speaking of the case's feature (「未声明 `device-factor` 特性」, "its depth-sensing feature")
_NAMES_FEATURE = re.compile(r"特性|feature", re.I)
#: the verdict restated inside its own criterion: 「若……，本要求不适用。」, 「……时判定为不适用。」,
#: "With no … the requirement is not applicable.", "where none … the verdict is not applicable"
_RESTATED = {"zh": [(re.compile(r"若([^；。]+?)，本要求不适用"), r"\1"), (re.compile(r"([^；。]+?)时判定为不适用"), r"\1")],
             # "where no file declares X the verdict is not applicable" is the condition "no file declares X" (30th, a20)
             "en": [(re.compile(r"(?:^|(?<=; ))[Ww]here ([^.;]+?),? (?:the requirement|the verdict) is not applicable(?=\.|$)"),
                     r"\1"),
                    (re.compile(r",? (?:the requirement|the verdict) is not applicable(?=\.|$)"), ""),
                    (re.compile(r",? and (a file without [^.;]+?) is not applicable"), r"; \1")]}
#: a clause saying what is left out of the judgement, which follows the condition rather than opening it
_SCOPE = {"zh": re.compile(r"不予判定|只判定"), "en": re.compile(r"\bnot judged\b|\bOnly\b.*\bjudged\b")}


#: a 不适用 criterion saying no product claiming the case's profiles is without its object: the drafters wrote
#: the object five ways (平台, 被测对象, 登记接口, 解析器, 注册器) and the profiles three (本测试配置, 所列测试配置,
#: 所列任一测试配置); seventh reading: one name, clause 3.11's 被测对象, and the profiles as the 前置条件 list them.
#: The English wrote it two ways round, with five names (product, platform, registry, resolver, registrar) and "the
#: profiles listed" for one profile too (nineteenth reading's leftovers): one form, clause 3.11's implementation under test.
_NONE_NA = {"zh": re.compile(r"（声明(?:本|所列|所列任一)测试配置((?:及其[^（）的]*特性)?)的(?:平台|被测对象|登记接口|解析器|注册器)"
                             r"均(适用本要求|提供本要求所检的接口)）"),
            "en": re.compile(r"\((?:the requirement applies to every (?P<who>{who}) claiming {claimed}"
                             r"|every (?P<who2>{who}) claiming {claimed}(?P<feature> and its [^()]*? features?)? "
                             r"(?P<what>is subject to this requirement|offers the interface this requirement checks))\)"
                             .format(who="implementation under test|product|platform|registry|resolver|registrar|pair of platforms",
                                     claimed="(?:this profile|(?:any of )?the profiles listed)"))}


def none_applicable(criterion: str, profiles: int, lang: str) -> str:
    """A 「不适用：无（……）」 criterion naming the object under test and its profiles one way each."""
    if lang == "zh":
        if not criterion.startswith("不适用：无（"):
            return criterion
        claimed = "本测试配置" if profiles == 1 else "所列任一测试配置"
        return _NONE_NA["zh"].sub(lambda m: f"（声明{claimed}{m.group(1)}的被测对象均{m.group(2)}）", criterion, count=1)
    if not criterion.startswith("Not applicable: none ("):
        return criterion
    claimed = "this profile" if profiles == 1 else "any of the profiles listed"

    def one_form(m: re.Match[str]) -> str:
        who = "pair of platforms" if "pair of platforms" in (m["who"], m["who2"]) else "implementation under test"  # as 平台对 / 被测对象
        return f"(every {who} claiming {claimed}{m['feature'] or ''} {m['what'] or 'is subject to this requirement'})"
    return _NONE_NA["en"].sub(one_form, criterion, count=1)


def as_condition(criterion: str, lang: str, features: str = "") -> str:
    """``criterion`` (any verdict's) with a 不适用 line made a condition: naming ``features`` (the case's features as
    its 前置条件 quote them, 「特性“A”（`a`）」) when it does not already, its verdict not restated, its condition first."""
    label = _LABEL[lang]
    if not criterion.startswith(label):
        return criterion
    body = criterion[len(label):]
    stop, semi = ("。", "；") if lang == "zh" else (".", "; ")
    restated = False
    for pattern, repl in _RESTATED[lang]:
        body, n = pattern.subn(repl, body)
        restated = restated or bool(n)
    if restated:
        clauses = [c.strip() for c in body.rstrip(stop).split(semi) if c.strip()]
        clauses.sort(key=lambda c: bool(_SCOPE[lang].search(c)))  # the condition first, what is left out after
        if lang == "en":  # each clause now inside a sentence
            clauses = [c[:1].lower() + c[1:] if re.match(r"[A-Z][a-z]", c) else c for c in clauses]
        body = semi.join(clauses) + stop
    if lang == "en" and re.match(r"[A-Z][a-z]", body):  # a sentence's capital, not a name's ("ICS")
        body = body[:1].lower() + body[1:]
    if features and "ICS" not in body:
        declared = f"ICS 未声明支持{features}" if lang == "zh" else f"the ICS does not declare {features}"
        # a line about the feature alone names it as the 前置条件 do (「产品未声明 `certificate-login` 特性」,
        # 「无（声明本测试配置及其雷达传感特性的被测对象……）」: 52 cases); any other condition follows it
        alone = _NAMES_FEATURE.search(body) or re.match(r"无（|none \(", body)  # 「无（声明本特性的……）」 too
        body = declared + stop if alone else declared + ("，或" if lang == "zh" else ", or ") + body
    return label + body
