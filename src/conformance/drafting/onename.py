"""One name for one thing in the rendered specification (twelfth reading, issue 76).

The catalog's texts were written by many hands and name a few things two ways. The specification
names each one way, as its clauses 2 to 4 do; the catalog's own texts, which the harness's reports
also use, keep their words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: ERC-721 and ERC-1155 are the names the Ethereum documents carry, clause 15, annex A and the
#: bibliography use; AS-META-002 and AS-META-006 wrote the proposal's number, 「EIP-721」, 「EIP-1155」
#: (10 times). The file name pattern `eip-1155` in code values stays.
_EIP = re.compile(r"(?<![A-Za-z0-9`/-])EIP-(721|1155)(?![0-9])")

#: GS1 Digital Link is one of clause 4's names kept in the original, written 「GS1 数字链接」 12 times beside
_GS1_ZH = re.compile(r"GS1 数字链接")


def one_citation_name(text: str, lang: str) -> str:
    """A document cited under the name clause 2, clause 4 and the bibliography give it."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # outside code values only
        parts[i] = _EIP.sub(r"ERC-\1", parts[i])
        if lang == "zh":
            parts[i] = _GS1_ZH.sub("GS1 Digital Link", parts[i])
    return "`".join(parts)


#: the harness as the normative text named the laboratory's equipment: annex B calls the open-source
#: program 测试工具 ("the harness"), and test cases and annex A's pro formas used the same word for what
#: a laboratory tests with, once with the program's TLS library (IF-TLS-001's step 4). Clause 5 calls
#: that equipment 测试设备 ("test equipment").
_TESTER = {"zh": ((re.compile(r"测试工具的 TLS 库"), "测试设备"), (re.compile(r"测试工具"), "测试设备")),
           "en": ((re.compile(r"\bthe harness's TLS library\b"), "the test equipment"),
                  (re.compile(r"\bthe harness's\b"), "the test equipment's"),
                  (re.compile(r"\b[Tt]he harness\b"), "the test equipment"))}


def the_tester(text: str, lang: str) -> str:
    """Normative text naming the laboratory's equipment as clause 5 does, never the program of annex B."""
    for pattern, name in _TESTER[lang]:
        text = pattern.sub(_capitalised(name), text)
    return text


def _capitalised(name: str) -> Callable[[re.Match[str]], str]:
    """The replacement ``name``, capitalised where the words it replaces opened a sentence ("The harness ...")."""
    def replace(match: re.Match[str]) -> str:
        return name[0].upper() + name[1:] if match.group(0)[0] == "T" else name
    return replace


#: a quotation in corner brackets, 「…」, as table B.3 quoted the policy texts (34 marks) while the rest of the
#: document quotes with “…”
_CORNER = re.compile(r"「([^「」]*)」")


def quote_marks(text: str) -> str:
    """Corner-bracket quotations as the document's other quotations, “…”, a quotation inside one in ‘…’."""
    return _CORNER.sub(lambda m: "“" + m.group(1).replace("“", "‘").replace("”", "’") + "”", text)


#: a step cited as 「步骤 N」 (47 places, twenty-third reading, row 35) or as 「第 1 至 4 步」, 「第 3、4 步」 beside the
#: draft's 「第 N 步」 (253 places): one form, each step named whole, 「第 2 步至第 4 步」, 「第 1 步与第 2 步」; a list of
#: more steps and 「第 5 或第 6 步」 alike (twenty-fourth reading, row 10: 「第 1、3、4、5、6 步」 was left)
_STEPS_ZH = re.compile(r"步骤 ?(\d+(?: ?[至与、或] ?\d+)*)(?: (?=[\u4e00-\u9fff]))?"
                       r"|第 (\d+(?: ?[至、或] ?(?:第 )?\d+)+) 步")
#: what stands between two step numbers of a list
_STEP_JOINER = re.compile(r" ?([至与、或]) ?(?:第 )?")


def one_step_name(text: str) -> str:
    """Steps cited in the Chinese as 「第 N 步」, as the English cites them "step N" throughout."""
    def step(match: re.Match[str]) -> str:
        pieces = _STEP_JOINER.split(match.group(1) or match.group(2))  # number, joiner, number, ...
        return "".join(f"第 {piece} 步" if i % 2 == 0 else piece for i, piece in enumerate(pieces))
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # outside code values only
        parts[i] = _STEPS_ZH.sub(step, parts[i])
    return "`".join(parts)
