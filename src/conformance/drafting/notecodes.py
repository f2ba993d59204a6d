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
    parts from its path) where the English writes the same words, and a value before a possessive (「`val3dity`
    的默认容差」, "val3dity's default tolerances": a quoted value's closing mark is no possessive's)."""
    for value, times in Counter(_CODE.findall(zh)).items():
        if " " in value:
            plain = re.compile(rf"(?<![\w`/]){re.escape(value)}(?![\w`/-])")
        else:
            plain = re.compile(rf"(?<![\w`'\"/.-]){re.escape(value)}(?='s\b)")
        left = times - en.count(f"`{value}`")
        parts = _SPLIT.split(en)
        for i, part in enumerate(parts):
            if left > 0 and not part.startswith("`"):
                parts[i], n = plain.subn(f"`{value}`", part, count=left)
                left -= n
        en = "".join(parts)
    return en


#: English function words: a value spelt as one (a member `to`) is marked only where its role is plain
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
_ROLE_WORDS = ("path", "member", "list")
_WORD = re.compile(r"`[^`]+`|[\w'-]+")


def _in_role(en: str, start: int, end: int, function: bool) -> bool:
    """Whether the word at ``en[start:end]`` reads as the code value the Chinese marks: next to "path", "member" or
    "list", inside a bracket holding a code value, or (for a word no function word) beside a code value, an "and"
    or "or" between; never before a possessive (an English noun)."""
    if en.startswith("'s", end) or en.startswith("`'s", end):
        return False
    before, after = _WORD.findall(en[:start])[-2:], _WORD.findall(en[end:].lstrip("`"))[:2]
    near = [w for w in (before[-1:] + after[:1])]
    near += [before[0]] if len(before) == 2 and before[1] in ("and", "or") else []
    near += [after[1]] if len(after) == 2 and after[0] in ("and", "or") else []
    if any(w.strip("`") in _ROLE_WORDS for w in near):
        return True
    opened, closed = en.rfind("(", 0, start), en.rfind(")", 0, start)
    if opened > closed and "`" in en[opened:en.find(")", end) if ")" in en[end:] else len(en)].replace(en[start:end], ""):
        return True
    return not function and any(w.startswith("`") for w in near)


def _placed(zh: str, en: str) -> str:
    """``en`` with each one-word lower-case value the Chinese marks moved, where it was marked on an ordinary word
    (thirty-fifth reading, b9: "`sensitive` personal information", "a `session` `to` a report"), to an occurrence
    in its role ("a purpose's sensitive and `retention_s`"); a function word is never marked out of its role."""
    for value in set(_CODE.findall(zh)):
        if not re.fullmatch(r"[a-z_]+", value):
            continue
        function = value in FUNCTION_WORDS
        plain = [m for m in re.finditer(rf"(?<![\w`]){re.escape(value)}(?![\w`])", en)
                 if _in_role(en, m.start(), m.end(), function)]
        for m in list(re.finditer(rf"`{re.escape(value)}`", en)):
            if _in_role(en, m.start() + 1, m.end() - 1, function):
                continue
            if plain:
                target = plain.pop(0)
                spans = sorted([(m.start(), m.end(), value), (target.start(), target.end(), f"`{value}`")], reverse=True)
            elif function:
                spans = [(m.start(), m.end(), value)]
            else:
                continue
            for a, b, text in spans:
                en = en[:a] + text + en[b:]
            return _placed(zh, en)  # offsets changed: once more from the start
    return en


def marked_note(w: Writer, zh: list[Block], en: list[Block]) -> list[Block]:
    """``en`` (the note's English blocks) with the code values marked that the same blocks of ``zh`` mark; a note
    whose two languages do not pair block by block is returned as it is, unmarked rather than marked wrongly."""
    if len(zh) != len(en) or any(z.kind != e.kind or len(z.rows) != len(e.rows) for z, e in zip(zh, en)):
        return en

    def text(z: str, e: str) -> str:
        return _placed(z, coded_as_written(w, z, _whole(z, e))) if "`" in z else e
    out = []
    for z, e in zip(zh, en):
        rows = tuple(tuple(text(zc, ec) for zc, ec in zip(zr, er)) if len(zr) == len(er) else er
                     for zr, er in zip(z.rows, e.rows))
        out.append(replace(e, text=text(z.text, e.text), rows=rows))
    return out
