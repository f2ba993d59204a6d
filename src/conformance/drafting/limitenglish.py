"""The English cell of the 编制说明's limits table: the clauses of the English notes saying what the quoted Chinese
clauses say (moved out of :mod:`.limitbasis`, which the house holds under 450 lines)."""

from __future__ import annotations

import re

from .notealign import aligned, english_clauses
from .testcases import for_laboratory


def english_basis(chinese: list[str], picked: list[int], notes: str) -> str:
    """The clauses of the English notes that say what the ``picked`` clauses of the Chinese notes (``chinese``, cut
    by :func:`.limitnumbers.clauses`) say, in the Chinese table's order (twenty-fourth reading, row 40: the English quoted every
    sentence naming a number, or the whole notes when a limit was a count, 59 rows of 137 far longer than the
    Chinese; AS-TRADE-004's 40 characters against 1 276). The history is left out as the Chinese leaves it out."""
    english = english_clauses(notes)
    pairs = aligned(chinese, english)
    chosen = list(dict.fromkeys(j for i in picked for j in pairs.get(i, [])))
    quoted = [(j, kept) for j in chosen if not _EN_HISTORY.match(english[j])
              and (kept := for_laboratory(english[j], "en"))]
    out = ""
    for k, (j, clause) in enumerate(quoted):
        # a clause opening the quotation, or a sentence, opens with a capital ("these figures are ..." after the
        # Chinese 「；」 it followed); one cut from its sentence closes with an ellipsis, as the Chinese 「……」 does
        # (fourth reading), unless the next clause quoted is the one after it
        if (not out or out.endswith((".", "…"))) and re.match(r"[a-z]+\b(?![_\-(])", clause):
            clause = clause[0].upper() + clause[1:]
        if clause.endswith(";") and (k + 1 == len(quoted) or quoted[k + 1][0] != j + 1):
            clause = clause[:-1] + "…"
        out += (" " if out else "") + clause
    # the notes' English says "profile parameter", the draft "test parameter" (as the Chinese 配置参数 is quoted
    # 测试参数, wording.one_verdict_name; thirty-second reading, b12)
    return out.replace("profile parameter", "test parameter")


#: a version's note in the English notes: 「1.2 (issue 75): ...」, 「2.4.1: ...」
_EN_HISTORY = re.compile(r"(?:Version )?\d+\.\d+(?:\.\d+)? ?(?:\(issue \d+\))?:")
