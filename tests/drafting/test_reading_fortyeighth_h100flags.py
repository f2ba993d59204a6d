"""The forty-eighth reading of issue 76, part h100-flags (docs/drafting.md, "Forty-eighth reading, part h100-flags"):
row c1, what a frame's `flags` means. Annex E.4 gave `flags` and `joints[].flags` as `integer` with no bit values and
no meaning for a frame without `flags`, while TD-GAZE-001 read such a frame, 「按附录 E」, as valid and not tracked
and TD-GAZE-002 and TD-MOT-001 as valid and tracked. Each test fails on the draft as it was before this part
(e78309dd)."""

from __future__ import annotations

import json
import re

from tests.paths import ROOT

#: the bits of OpenXR `XrSpaceLocationFlags` (OpenXR Specification 1.1, `XrSpaceLocationFlagBits`)
_BITS = {"zh": ("0x1 朝向有效", "0x2 位置有效", "0x4 朝向处于跟踪状态", "0x8 位置处于跟踪状态"),
         "en": ("0x1 orientation valid", "0x2 position valid", "0x4 orientation tracked", "0x8 position tracked")}
#: what annex E says of a frame without `flags`: the one meaning every case reads
_NO_FLAGS = {"zh": "不带 `flags` 的帧视为四个位全部置位，即朝向与位置均有效且处于跟踪状态",
             "en": "A frame without `flags` has all four bits set: its orientation and position are valid and tracked"}
#: a clause speaking of a frame without flags, and what it may not say of it
_ABSENT = {"zh": re.compile(r"(?:不带|未带|无|缺省|没有)\s*`?(?:flags|标志位)`?"),
           "en": re.compile(r"(?:without|no|absent)\s+`?flags`?", re.I)}
_CONTRARY = {"zh": re.compile("未处于跟踪|未跟踪|清零|无效"), "en": re.compile(r"not tracked|untracked|clear|invalid")}
_AFFIRMS = {"zh": re.compile("有效|置位|取用"), "en": re.compile(r"valid|set\b|\ball\b")}
_CLAUSE = {"zh": r"[。；]|<br>", "en": r"(?<=[a-z`)])\. |; |<br>"}


def _annex_e4(markdown: str) -> str:
    start = re.search(r"^### E\.4 ", markdown, re.M)
    assert start, "annex E.4"
    return markdown[start.start():markdown.index("\n### E.5 ", start.start())]


def _row(section: str, member: str) -> str:
    return next(line for line in section.splitlines() if line.startswith(f"| `{member}` |"))


def test_annex_e4_gives_the_bits_of_flags_and_the_meaning_of_a_frame_without(zh_markdown, en_markdown):
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        table = _annex_e4(markdown)
        for member in ("flags", "joints[].flags"):
            row = _row(table, member)
            assert "`XrSpaceLocationFlags`" in row and "OpenXR Specification 1.1" in row, (lang, member)
            assert all(bit in row for bit in _BITS[lang]), (lang, member)
        assert _NO_FLAGS[lang] in _row(table, "flags"), lang


def test_every_clause_on_a_frame_without_flags_reads_it_valid_and_tracked(zh_markdown, en_markdown):
    """One meaning in the whole draft: TD-GAZE-001 said 「视为有效但未处于跟踪状态，即两位均清零」."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        clauses = [c for c in re.split(_CLAUSE[lang], markdown) if _ABSENT[lang].search(c)]
        assert len(clauses) >= 7, lang  # TD-GAZE-001/-002, TD-MOT-001, TD-POSE-001 (and now annex E, TD-POSE-002, TD-PERF-*)
        contrary = [c for c in clauses if _CONTRARY[lang].search(c[_ABSENT[lang].search(c).start():])]
        assert contrary == [], (lang, contrary)
        assert [c for c in clauses if not _AFFIRMS[lang].search(c)] == [], lang


def test_the_checks_read_a_frame_without_flags_as_the_schema_says():
    """poses.NO_FLAGS, what every check reads for a frame without flags, is all four bits; the schema says so."""
    from conformance.areas.terminal.poses import NO_FLAGS

    assert NO_FLAGS == 0x1 | 0x2 | 0x4 | 0x8
    schema = json.loads((ROOT / "schemas" / "terminal" / "frame.json").read_text(encoding="utf-8"))
    described = schema["properties"]["flags"]
    assert "all four bits set" in described["description"] and "四个位全部置位" in described["x-description-zh"]
