"""The 编制说明's English with the code values its Chinese marks (thirty-second reading of issue 76, row b14: 96
lines of the English note printed `GET /1.0/resolve`, `check_urdf`, `usd-core` or `POST /blocks` as plain words,
against the note's own rule in 4 (2) that a package, a command or a function is set in code type). The note is
written in one language a call, so its English blocks are marked against the Chinese blocks of the same note, block
by block and cell by cell, where the Chinese as written marks (:func:`.annexcodes.coded_as_written`): no code value
the Chinese leaves plain is added."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .annexcodes import coded_as_written
from .englishcode import _CODE, _SPLIT
from .writer import Block, Writer


def _whole(zh: str, en: str) -> str:
    """``en`` with the code values ``zh`` marks that the word-by-word marking would miss, marked no more times than
    ``zh`` marks each: a value of more than one word (「`GET /follows`」, an operation, whose method that marking
    parts from its path) where the English writes the same words (where a one-word value goes is
    :func:`.englishcode.english_coded`'s rule, a value before a possessive included)."""
    for value, times in Counter(_CODE.findall(zh)).items():
        if " " not in value:
            continue
        plain = re.compile(rf"(?<![\w`/]){re.escape(value)}(?![\w`/-])")
        left = times - en.count(f"`{value}`")
        parts = _SPLIT.split(en)
        for i, part in enumerate(parts):
            if left > 0 and not part.startswith("`"):
                parts[i], n = plain.subn(f"`{value}`", part, count=left)
                left -= n
        en = "".join(parts)
    return en


def marked_note(w: Writer, zh: list[Block], en: list[Block]) -> list[Block]:
    """``en`` (the note's English blocks) with the code values marked that the same blocks of ``zh`` mark; a note
    whose two languages do not pair block by block is returned as it is, unmarked rather than marked wrongly."""
    if len(zh) != len(en) or any(z.kind != e.kind or len(z.rows) != len(e.rows) for z, e in zip(zh, en)):
        return en

    def text(z: str, e: str) -> str:
        return coded_as_written(w, z, _whole(z, e)) if "`" in z else e
    out = []
    for z, e in zip(zh, en):
        rows = tuple(tuple(text(zc, ec) for zc, ec in zip(zr, er)) if len(zr) == len(er) else er
                     for zr, er in zip(z.rows, e.rows))
        out.append(replace(e, text=text(z.text, e.text), rows=rows))
    return out
