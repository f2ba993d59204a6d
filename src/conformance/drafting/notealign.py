"""Which clauses of a requirement's English notes say what given clauses of its Chinese notes say (twenty-fourth
reading, row 40: the 编制说明's English limits table quoted other sentences of the notes than the Chinese one did).

The notes are one text in two languages, written clause by clause in the same order, but not cut alike: the
Chinese ends a clause with 「；」 where the English goes on with a comma, and the other way round. The clauses are
aligned as parallel texts are (Gale and Church, "A program for aligning sentences in bilingual corpora",
Computational Linguistics 19(1), 1993): in order, one clause to one, to two or to none, at the least cost, a pair's
cost the difference of its lengths (against the two notes' ratio) and of what both languages write alike (numbers,
and the Latin words the Chinese keeps: names, code values, designations).
"""

from __future__ import annotations

import functools
import math
import re

#: numbers, and Latin words (「Israr 等人」, `max_haptic_latency_ms`, 「GB/T 20485.21-2007」 keep theirs in Chinese)
_SHARED = re.compile(r"\d+(?:\.\d+)?|[A-Za-z][A-Za-z0-9_]*")
_NUMBER = re.compile(r"^\d")
#: an abbreviation's point, which ends no sentence
_ABBREVIATION = re.compile(r"\b(?:al|e\.g|i\.e|cf|vs|art|no|approx|fig|vol|pp)$", re.I)
#: the cost of a clause the other language has no clause for, and the extra cost of one clause aligned to two
_SKIP, _MERGE = 1.5, 0.4


def english_clauses(notes: str) -> list[str]:
    """The English notes' sentences and semicolon clauses, as limitbasis cuts the Chinese at 「。」 and 「；」:
    ending at "." or ";" outside brackets, not at an abbreviation's point ("et al.", "e.g.", "art.")."""
    out, start, depth = [], 0, 0
    for i, char in enumerate(notes):
        depth += (char == "(") - (char == ")")
        ends = char == ";" or char == "." and notes[i + 1:i + 2] in ("", " ") and not _ABBREVIATION.search(
            notes[start:i])
        if ends and depth <= 0:
            out.append(notes[start:i + 1].strip())
            start, depth = i + 1, 0
    return [c for c in out + [notes[start:].strip()] if c]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _SHARED.findall(text)}


def aligned(chinese: list[str], english: list[str]) -> dict[int, list[int]]:
    """Each Chinese clause's English clauses (none where the English has nothing for it)."""
    if not chinese or not english:
        return {}
    ratio = sum(map(len, english)) / max(1, sum(map(len, chinese)))
    zh_words, en_words = [_words(c) for c in chinese], [_words(c) for c in english]

    # a run of one or two clauses ending before ``end``: its length and its words (and the English its numbers),
    # joined once, not for each of the up to five pairs the table below weighs it in
    @functools.cache
    def zh_run(end: int, count: int) -> tuple[int, frozenset[str]]:
        return sum(len(chinese[i]) for i in range(end - count, end)), frozenset().union(
            *(zh_words[i] for i in range(end - count, end)))

    @functools.cache
    def en_run(end: int, count: int) -> tuple[int, frozenset[str], frozenset[str]]:
        found = frozenset().union(*(en_words[j] for j in range(end - count, end)))
        return (sum(len(english[j]) for j in range(end - count, end)), found,
                frozenset(w for w in found if _NUMBER.match(w)))

    def cost(zh: range, en: range) -> float:
        (zh_len, said), (en_len, found, numbers) = zh_run(zh.stop, len(zh)), en_run(en.stop, len(en))
        missing = len(said - found) / len(said) if said else 0.0  # what the Chinese writes that the English lacks
        extra = len(numbers - said) / len(numbers) if numbers else 0.0  # numbers the Chinese does not write
        return abs(math.log((en_len + 1) / (ratio * zh_len + 1))) + 2 * (missing + extra)

    n, m = len(chinese), len(english)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    beads = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in beads:
                if (a, b) == (0, 0) or i < a or j < b or best[i - a][j - b] == math.inf:
                    continue
                c = cost(range(i - a, i), range(j - b, j)) + _MERGE * (a + b == 3) if a and b else _SKIP
                if best[i - a][j - b] + c < best[i][j]:
                    best[i][j], step[i][j] = best[i - a][j - b] + c, (a, b)
    out: dict[int, list[int]] = {}
    i, j = n, m
    while i or j:
        a, b = step[i][j]
        for k in range(i - a, i):
            out[k] = list(range(j - b, j))
        i, j = i - a, j - b
    return out
