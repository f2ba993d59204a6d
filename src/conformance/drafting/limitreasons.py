"""A quote of the 编制说明's limits table going on until each limit a heading clause announces has its reason (forty-
seventh reading, b1, b2): 「处罚期限 1 h 与 3 s 为本文件自定：……处罚期限取 1 h，……；」 gives 1 h's reason and leaves 3 s's
to the clause after it, 「没有该时钟时……默认取 3 s，……」, which the quote cut (kept out of :mod:`.limitbasis`, which the
house holds under 450 lines)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .limitnumbers import _SOURCE_SILENT, ANAPHOR, OWN_NUMBER, derived_from, with_antecedent, with_reason

#: whether a piece of text gives a limit's number, as the table reads it
Gives = Callable[[str, str], bool]

#: a reason speaking of a heading's limits together, 「二者均短」, 「这些预算……」 (not 「平均」)
_TOGETHER = re.compile(r"二者|两者|三者|这些|它们|(?<!平)均|都")


def announced(clause: str, limits: list[str], gives: Gives) -> tuple[list[str], list[str]]:
    """The limits a clause names in its heading, before the words saying the document sets them (「……为本文件自定」),
    and of those the ones its reason after them names again; none for a clause that is no such heading."""
    own = OWN_NUMBER.search(clause)
    if not own:
        return [], []
    head, reason = clause[:own.end()], clause[own.end():]
    named = [limit for limit in limits if gives(head, limit)]
    return named, [limit for limit in named if gives(reason, limit)]


def heads(clause: str, limit: str, gives: Gives) -> bool:
    """Whether a clause names the limit before the words saying the document sets it, 「……5 ms……为本文件自定：」, its
    heading, or says nothing of the kind (a source's clause); not a clause heading other limits (sixty-first reading, c3)."""
    own = OWN_NUMBER.search(clause)
    return not own or gives(clause[:own.end()], limit)


def _reason_part(clause: str) -> str:
    """What a heading says after the words that the document sets its limits; empty for a clause that is no heading."""
    own = OWN_NUMBER.search(clause)
    return clause[own.end():] if own else ""


def about_others(clause: str, limit: str, limits: list[str], gives: Gives) -> bool:
    """Whether a clause heads other limits as the document's own and names this one only in their reason: 「0.9……与 5 s
    窗口同为本文件自定的数值：……5 s 长于 R1 的 3000 ms……」 gives no 3000 ms's basis, the clause before it does, 「3000 毫秒……即
    Ofcom 建议的实时字幕最大时延」 (fifty-first reading, d1: TD-CAPT-004's row quoted the former alone)."""
    named, _ = announced(clause, limits, gives)
    if not named or limit in named or not (own := OWN_NUMBER.search(clause)):
        return False
    # named beside one of them in each part of their reason (「5 s 长于 R1 的 3000 ms」), not in a part of its own, 「而 20 ms
    # 限值为测试参数……」, 「唤醒词至少播放 4 次亦为本文件自定」 (TD-HAND-005, TD-VOICE-004)
    parts = re.split("[，：]", clause[own.end():])
    return all(any(gives(part, other) for other in named) for part in parts if gives(part, limit))


def with_each_reason(picked: tuple[int, ...], placed: Mapping[int, str], limits: list[str],
                     gives: Gives) -> tuple[int, ...]:
    """The clauses ``picked`` with, after a heading that gives its limits' reasons one by one (its reason names one
    of them again, not all), the clauses after it that give the others', as long as each names one still left."""
    out = list(picked)
    for at in picked:
        named, reasoned = announced(placed[at], limits, gives)
        left = [limit for limit in named if limit not in reasoned]
        # a heading saying only that the source sets none leaves every reason to the clauses after it (fifty-second
        # reading, h106-limT: TD-BCI-007's 10 MΩ and TD-PERF-003's 60 s lost theirs when one clause was quoted)
        # a reason naming none of them again but paraphrasing some, 「每十个……超过一个；」 for 90 %, leaves the others' to
        # the clauses after 「；」 too (fifty-fourth reading, h108-sources: TD-HAND-004's 250 ms was cut), unless it
        # speaks of them together (「二者均……」) or its sentence ends there
        if len(named) < 2 or not reasoned and not _SOURCE_SILENT.search(placed[at]) and (
                not placed[at].rstrip().endswith("；") or _TOGETHER.search(_reason_part(placed[at]))):
            continue  # one number, or a reason for all of them at once (「这些预算……」): the clause is whole
        following = at + 1
        while left and following in placed and (given := [x for x in left if gives(placed[following], x)]):
            if following not in out:
                out.insert(out.index(following - 1) + 1, following)
            left = [x for x in left if x not in given]
            following += 1
    return tuple(out)



#: a bracket in a clause, 「（1.0 度，沿用 TD-GAZE-002 的限值……）」
_BRACKET = re.compile(r"（[^（）]*）")


def for_limit(clause: str, limit: str, limits: list[str], gives: Gives) -> str:
    """The clause as it speaks of one limit: without the brackets giving another of the limits and not this one
    (forty-eighth reading, d1: TD-GAZE-004's 「……（1.0 度，沿用 TD-GAZE-002 的限值，来自 SR Research……），以及……增大量不超过
    max_gaze_shift_deg（0.5 度）」 passed for 0.5°'s source by 1.0°'s, and 0.5°'s own sentence was never quoted)."""
    return _BRACKET.sub(lambda m: m.group(0) if gives(m.group(0), limit)
                        or not any(gives(m.group(0), other) for other in limits if other != limit) else "", clause)


def with_latter(picked: tuple[int, ...], placed: Mapping[int, str]) -> tuple[int, ...]:
    """The clauses ``picked`` with the clause after one saying what 「前者」 is for, when that clause says what 「后者」 is
    for (forty-eighth reading, d3: RB-URDF-003's quote stopped at 「……前者容许这一误差……」, 10⁻¹² kg·m²'s reason cut)."""
    out = list(picked)
    for at in picked:
        if "前者" in placed[at] and "后者" not in placed[at] and "后者" in placed.get(at + 1, "") and at + 1 not in out:
            out.insert(out.index(at) + 1, at + 1)
    return tuple(out)


#: a clause going on from the one before it by what that one gave, 「以之约束整个往返……」 (the number it gave), or pointing
#: back to it, 「该数值……」
_SEQUEL = re.compile(r"^\s*以(?:之|此)")


#: a clause opening with a cited standard's rule a colon lists, 「IEEE Std 1789-2015 的低风险区（8.1.1，推荐做法 1）：……；」
_CITED_LIST = re.compile(r"^\s*(?:ISO|IEC|IEEE Std|GB(?:/T)?|ITU-[TR]|ETSI|EN|RFC) ?[\d.-]+[^：；。]*：")


def with_sequel(picked: tuple[int, ...], placed: Mapping[int, str],
                gives_limit: Callable[[str], bool] = lambda clause: False) -> tuple[int, ...]:
    """The clauses ``picked`` with each clause after one ending at 「；」 that goes on from it (sixty-third reading, c1:
    SC-RENDER-003's quote stopped at 「200 ms 为 ITU-T G.1010 对交互式游戏推荐的单向时延；」 and cut 「以之约束整个往返……为本
    目录自定的选择，严于单向目标」, so the row read as if G.1010 gave the round trip's limit), and each item after them of
    a cited standard's list a quoted clause opens with 「：」, when each gives a limit of the row (sixty-sixth reading,
    c2: TD-DISP-005's quote of IEEE Std 1789-2015's low-risk region stopped before 「1250 Hz 以上不限」)."""
    out = list(picked)
    for at in picked:
        following = start = at
        while start - 1 in picked:
            start -= 1
        end = following
        while placed.get(end, "").rstrip().endswith("；") and end + 1 in placed:
            end += 1
        # the list's items to the sentence's end, each giving a limit of the row (else no item is added)
        listing = bool(_CITED_LIST.search(placed.get(start, ""))) and placed.get(end, "").rstrip().endswith("。") and all(
            gives_limit(placed[i]) for i in range(following + 1, end + 1))
        while placed.get(following, "").rstrip().endswith("；") and following + 1 in placed and (
                listing or _SEQUEL.match(placed[following + 1]) or ANAPHOR.match(placed[following + 1])):
            following += 1
            if following not in out:
                out.insert(out.index(following - 1) + 1, following)
    return tuple(out)


def quoted_around(hit: tuple[int, ...], placed: dict[int, str], limits: list[str], gives: Gives) -> tuple[int, ...]:
    """The clauses ``hit`` that give a limit with those its quote cannot do without: the study 「该研究」 names (45th
    reading, d3), what 「它们是……」 points back to (45th, d2), the reason after 「……自定：某标准未规定……；」 (46th, d1),
    each reason a heading of several limits leaves to the clauses after it (47th, b1), 「后者……」 after 「前者……」 (48th, d3),
    and the clause after 「；」 going on from a quoted one (63rd, c1)."""
    if not hit:
        return hit
    hit = with_antecedent((*derived_from(placed, hit[0]), *hit), placed)
    return with_sequel(with_latter(with_each_reason(with_reason(hit, placed), placed, limits, gives), placed), placed,
                       lambda clause: any(gives(clause, limit) for limit in limits))
