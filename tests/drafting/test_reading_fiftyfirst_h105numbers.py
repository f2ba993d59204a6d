"""The fifty-first reading, part h105-numbers (docs/drafting.md, "Fifty-first reading, part h105-numbers"): 三（三） rows
labelled numbers 本文件自定 and gave no reason for them: IF-CODE-008's 3 次, TD-ACC-004's −60 dB FS and 4 个脉冲 (only
its 1 dB had one), TD-RUN-007's 8 次轮询 and 30 帧 (d3), whose 1 mm and 0.1° were put down to floating-point rounding,
micrometres (c1); TD-DISP-010 quoted 「不少于 5 次」 with no reason at all (d3); TD-OLF-003's notes gave none for its
1 s shortest command and its median of three samples (c5). Each test fails on 8882e77b."""

from __future__ import annotations

import re

from tests.drafting.blocks import limit_rows as _rows

#: a clause declaring what goes before it the document's own: 「……为本文件自定的数值」, 「……是本文件的设定」
_OWN = re.compile(r"(?:亦|同样)?(?:为|是)本文件(?:自定|的设定)(?!义)")
#: a number of a limit (its digits), not one in a bracket, which restates or converts it (「（90 Hz 下约 0.33 s）」), nor a
#: range's end (「20% 至 95% 段」: the range is declared and reasoned as one)
_NUMBER = re.compile(r"(?<![\w.\-])(?<!至 )\d+(?:\.\d+)?(?![\d.]| ?至)")
_BRACKET = re.compile(r"（[^（）]*）|\([^()]*\)")
#: words giving a reason: what the number allows, rejects or is derived from
_REASON = re.compile(r"使|以便|因此|因为|由于|容纳|容许|留出|留有|足以|不足以|远小于|远大于|远超|取其|沿用|一半|两倍|倍|分之|"
                     r"相当于|为了|避免|以免|无从|不致|[：，]即|所形成|短于|长于|低于|高于|大于|小于|最少|最多|不超过")
#: reasons given for all the numbers declared at once
_ALL = re.compile(r"两者|二者|三者|均|各|它们|这些|前者|后者|该(?:容差|数值|限值)|分之一")
#: a bracket saying only that no source gives the number, which is no reason for it
_SILENT = re.compile(r"无引用来源|未给出|未规定")
#: rows other parts of the fifty-first reading own; the lead removes them after the merge
_OWNED: set[str] = set()


def _bare(basis: str) -> list[str]:
    """The numbers a quoted sentence declares the document's own without a reason: the declaration closes its clause
    and the clause before it gives none (「8 次轮询……为本文件自定的数值。」), or a colon follows it and the reasons after
    it name some of the numbers declared and not the others (「1 dB、−60 dB FS 与 4 个脉冲为本文件自定的数值：1 dB 远小于……」)."""
    bare = []
    for sentence in re.split(r"(?<=。)", basis.removeprefix("附注：")):
        for own in _OWN.finditer(sentence):
            if sentence[:own.start()].count("（") > sentence[:own.start()].count("）"):
                continue  # said in a bracket about another requirement's numbers (TD-FACE-006: 「TD-FACE-004 的……」)
            clause = re.split(r"[。；：]", sentence[:own.start()])[-1]
            head = _BRACKET.sub("", clause)
            declared = list(dict.fromkeys(_NUMBER.findall(head)))
            after = re.sub(r"^的(?:数值|数量|数)", "", sentence[own.end():])
            gloss = re.match(r"（[^（）]*）", after)  # 「……为本文件自定的数值（200 ms 容纳振动的衰减……）」
            rest = after[gloss.end():] if gloss else after
            closing = re.split(r"[。；]", rest)[0]
            # a bracket may give the reason, not the sources' silence alone (「（无引用来源规定）」)
            said = [b for b in _BRACKET.findall(clause) if _REASON.search(b)] + ([gloss.group(0)] if gloss else [])
            said = [b for b in said if not _SILENT.search(b)]
            if not _BRACKET.sub("", closing).strip("，。 ") and not _REASON.search(head) and not said:
                bare += declared or [head[-20:]]
            elif rest.startswith("：") and not _ALL.search(reasons := rest.split("。")[0]):
                named = set(_NUMBER.findall(reasons))
                if named & set(declared):  # a reason for each number in turn: each is named
                    bare += [n for n in declared if n not in named]
    return bare


def test_each_number_declared_the_documents_own_has_a_reason(note):
    """d3, c1, c5, over the whole table: a quoted sentence declaring numbers 本文件自定 gives a reason for each."""
    found = {rid: bare for rid, (_, basis) in _rows(note).items()
             if basis.startswith("附注：") and rid not in _OWNED and (bare := _bare(basis))}
    assert found == {}


def test_the_rows_named_give_their_reasons(note):
    rows = _rows(note)
    assert "两个身份均参与" in rows["IF-CODE-008"][1]
    assert "；−60 dB FS 为 TD-AUD-004 视一耳为无声" in rows["TD-ACC-004"][1]  # a minus after 「；」 too
    assert "视一耳为无声" in rows["TD-ACC-004"][1] and "八个脉冲的一半" in rows["TD-ACC-004"][1]
    assert "取其中位数" in rows["TD-DISP-010"][1]
    run = rows["TD-RUN-007"][1]
    assert "浮点舍入" not in run and "最新的预测" in run and "两倍有余" in run and "十倍" in run
    olf = rows["TD-OLF-003"][1]
    assert "检测器的滞后" in olf and "单个样本尖峰" in olf
