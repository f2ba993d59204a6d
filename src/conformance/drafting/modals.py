"""The lint's rules on modal verbs (issue 47 and GB/T 1.1-2020 Annex C): one verb per
statement in each language, only the catalog's forms (RFC 2119 capitals; 应 / 不应, 宜 / 不宜,
可 / 不必), the verbs agreeing with the level and with each other, no permission inside a rule,
no modal verb in a note, no obligation written after a permission."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._catalog.model import Level, Requirement, Text
from .statements import order_problems

#: English modal verbs (the catalog's RFC 2119 subset) and the level each belongs to.
EN_VERBS = {"MUST": "MUST", "MUST NOT": "MUST", "SHOULD": "SHOULD", "SHOULD NOT": "SHOULD",
            "MAY": "MAY", "NEED NOT": "MAY"}
#: GB/T 1.1-2020 Table: the Chinese form of each English verb.
ZH_OF = {"MUST": "应", "MUST NOT": "不应", "SHOULD": "宜", "SHOULD NOT": "不宜", "MAY": "可", "NEED NOT": "不必"}
_EN = re.compile(r"\b(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY|NEED NOT)\b")
_EN_OTHER = re.compile(r"\b(SHALL NOT|SHALL|REQUIRED|RECOMMENDED|OPTIONAL)\b")
# Words in which 应, 宜 or 可 is no modal verb (response, application, licence, verifiable...); a level named by its
# verb in quotes, 「“应”级」, is a name (twenty-eighth reading, b12: a note said 强制级, a term the draft lacks).
_ZH_WORDS = re.compile(
    "“应”级|“宜”级|“可”级|响应|对应|相应|适应|反应|应答|供应|回应|效应|应急|呼应|应用|"
    "适宜|便宜|"
    "许可|认可|可信|可选|可验证|可能|可靠|可视|可控|可读|可携带|可移植|可逆|可用性|可访问性|可追溯|可互操作|可执行文件|"
    "可打印|可解析|可离线|可供|可判定|可用令牌|即可"
)
#: forms GB/T 1.1-2020 allows only as equivalents (or not at all) in a requirement, and the
#: preferred form each stands for
ZH_PREFERRED = {"必须": "应", "应当": "应", "应该": "应", "务必": "应", "须": "应", "不得": "不应", "不应当": "不应"}
_ZH = re.compile("不应当|不应|不宜|不必|不得|必须|应当|应该|务必|(?<![必无])须|应|宜|可")


def modal_findings(level: Level, statement: Text) -> Iterator[tuple[str, str, str]]:
    """(rule, problem, fix) of a statement's modal verbs."""
    en = _EN.findall(statement.en)
    for other in sorted(set(_EN_OTHER.findall(statement.en))):
        yield "modal-en", f"statement.en uses {other}", "use MUST, MUST NOT, SHOULD, SHOULD NOT, MAY or NEED NOT"
    if len(en) != 1:
        yield ("modal-en", f"statement.en has {len(en)} modal verbs ({', '.join(en) or 'none'})",
               "one requirement states one rule: split it, or restate it with one verb")
    zh_text = _ZH_WORDS.sub("＿", statement.zh)
    found = _ZH.findall(zh_text)
    for other in sorted({v for v in found if v in ZH_PREFERRED}):
        yield "modal-zh", f"statement.zh uses {other}", f"GB/T 1.1-2020 writes {ZH_PREFERRED[other]}"
    zh = [ZH_PREFERRED.get(v, v) for v in found]
    if len(zh) != 1:
        yield ("modal-zh", f"statement.zh has {len(zh)} modal verbs ({', '.join(zh) or 'none'})",
               "one verb per statement (能 / 不能 state a capability, not a rule)")
    if len(en) == 1:
        verb = en[0]
        if EN_VERBS[verb] != level.value:
            yield "modal-level", f"level {level.value} but statement.en says {verb}", "make them agree"
        if len(zh) == 1 and zh[0] != ZH_OF[verb]:
            yield ("modal-level", f"statement.en says {verb} but statement.zh says {zh[0]}",
                   f"GB/T 1.1-2020: {verb} is {ZH_OF[verb]}")


#: an obligation after a permission, as its condition (「可带有……；若带有，则……」, 「可带有……，测试配置要求时则带有」;
#: "MAY carry rights, which, when carried, give ..."): a failure of it would fail a product for how it uses a
#: permission, a second type of provision in one statement (GB/T 1.1-2020; the twenty-first reading's row 4).
#: 则 in 规则, 原则, 法则, 准则, 细则 and 若 in 若干 are no such condition.
_ZH_CONDITION = re.compile("若(?!干)[^。]*?(?<![规原法准细])则|时则")
_EN_CONDITION = re.compile(r"\bwhich,? when\b|\bwhen (?:any is )?(?:carried|declared|given|stated|made)\s*,"
                           r"|\band carries it when\b")


def condition_findings(level: Level, text: Text, place: str = "statement") -> Iterator[tuple[str, str, str]]:
    """(rule, problem, fix) of a MAY statement or rule that writes an obligation after its permission."""
    if level.value != "MAY":
        return
    for lang, pattern in (("en", _EN_CONDITION), ("zh", _ZH_CONDITION)):
        found = pattern.search(text.get(lang))
        if found:
            yield ("permission-condition", f"{place}.{lang} writes an obligation after its permission "
                   f"({found.group(0)!r})", "state one permission with the forms it covers ("
                   "「可一并说明……全部三项，其中……」); a use of it in another form does not use it and fails")


_EN_PERMISSION = re.compile(r"\bmay\b")
_ZH_PERMISSION = re.compile("可以|能[^，。；、]{0,8}而不能")
_EN_NOTE = re.compile(r"(?<!level )\b(MUST|SHALL|SHOULD|MAY|REQUIRED|RECOMMENDED|must|shall|should|may)\b")


def wording_findings(req: Requirement) -> Iterator[tuple[str, str, str]]:
    """(rule, problem, fix) of the wording around the modal verbs: their order in Chinese, a
    permission hidden in the rule, modal verbs in the notes."""
    yield from order_problems(req, _ZH_WORDS)
    yield from condition_findings(req.level, req.statement)
    if _EN_PERMISSION.search(req.statement.en) or _ZH_PERMISSION.search(req.statement.zh):
        yield ("modal-permission", "the statement grants a permission inside its rule (may / 可以 / 能……而不能)",
               "state only the obligation (no later than…; 不晚于…); a permission is a MAY requirement of its own")
    if req.notes is not None:
        en = sorted(set(_EN_NOTE.findall(req.notes.en)))
        zh_note = sorted(set(_ZH.findall(_ZH_WORDS.sub("＿", req.notes.zh))))
        if en or zh_note:
            yield ("modal-note", f"the note uses {', '.join(en + zh_note)}",
                   "a note informs: write can / might / is / 能 / 可能 / 是, or move the rule into a statement")
