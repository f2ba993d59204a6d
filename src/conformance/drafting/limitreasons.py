"""A quote of the 编制说明's limits table going on until each limit a heading clause announces has its reason (forty-
seventh reading, b1, b2): 「处罚期限 1 h 与 3 s 为本文件自定：……处罚期限取 1 h，……；」 gives 1 h's reason and leaves 3 s's
to the clause after it, 「没有该时钟时……默认取 3 s，……」, which the quote cut (kept out of :mod:`.limitbasis`, which the
house holds under 450 lines)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .limitnumbers import OWN_NUMBER

#: whether a piece of text gives a limit's number, as the table reads it
Gives = Callable[[str, str], bool]


def announced(clause: str, limits: list[str], gives: Gives) -> tuple[list[str], list[str]]:
    """The limits a clause names in its heading, before the words saying the document sets them (「……为本文件自定」),
    and of those the ones its reason after them names again; none for a clause that is no such heading."""
    own = OWN_NUMBER.search(clause)
    if not own:
        return [], []
    head, reason = clause[:own.end()], clause[own.end():]
    named = [limit for limit in limits if gives(head, limit)]
    return named, [limit for limit in named if gives(reason, limit)]


def with_each_reason(picked: tuple[int, ...], placed: Mapping[int, str], limits: list[str],
                     gives: Gives) -> tuple[int, ...]:
    """The clauses ``picked`` with, after a heading that gives its limits' reasons one by one (its reason names one
    of them again, not all), the clauses after it that give the others', as long as each names one still left."""
    out = list(picked)
    for at in picked:
        named, reasoned = announced(placed[at], limits, gives)
        left = [limit for limit in named if limit not in reasoned]
        if len(named) < 2 or not reasoned:
            continue  # one number, or a reason for all of them at once (「这些预算……」): the clause is whole
        following = at + 1
        while left and following in placed and (given := [x for x in left if gives(placed[following], x)]):
            if following not in out:
                out.insert(out.index(following - 1) + 1, following)
            left = [x for x in left if x not in given]
            following += 1
    return tuple(out)

