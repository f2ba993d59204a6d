"""The fifty-seventh reading, part h113-lag (docs/drafting.md, "Fifty-seventh reading, part h113-lag"), row c2: the
Chinese texts named one quantity, the time by which an effect follows its cause, both 延迟 and 时延 (「跟踪延迟」 beside
「眼动跟踪时延」), and motion-to-photon three ways (运动到成像、运动到显示、运动到光子). The quantity is 时延 throughout;
延迟 stays only as a verb (to delay something). Each test fails on the draft as it was before (b894c882)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]

#: The uses of 延迟 kept, each a verb (or a quotation of the former wording), matched with what surrounds it.
KEPT = (
    # a runtime that delays, drops, scales, moves or invents what passes between two parts (TD-BODY-006,
    # TD-FACE-006, TD-VIB-*, TD-OLF-*, TD-FORCE-*): the action of delaying, listed with other actions
    re.compile(r"之间延迟、"),
    # TD-AUD-005: the predicted interaural time difference is delayed by each trial shift (the action)
    re.compile(r"依次延迟"),
    # TD-MPLAT-003's 1.1.2 note quotes the words it replaced (「此前亦写作滞后与延迟」), in zh and in en
    re.compile(r"滞后与延迟、delay|滞后 and 延迟, delay"),
    # this part's own version notes (en) quote the word they replaced
    re.compile(r"wrote 延迟"),
)

#: 延迟 as the name of a latency: after what lags, or before what a quantity takes.
NOUN = re.compile(r"(?:跟踪|显示|成像|声音|指令|识别|应答|调度|触发|探针|出现|消失|渲染器|平台|振动|力|注视|最大|平均|"
                  r"的)延迟|延迟(?:与|为|取值|限值|范围|不超过|超过|代理值|预算|的)")


def _hits(text: str) -> list[str]:
    """Each 延迟 in the text no kept use accounts for, with a few characters either side."""
    out = []
    for found in re.finditer("延迟", text):
        around = text[max(0, found.start() - 12):found.end() + 12]
        if not any(kept.search(around) for kept in KEPT):
            out.append(around)
    return out


def test_c2_the_draft_names_no_latency_delay(zh_markdown):
    """The zh draft writes 延迟 only as a verb: no 跟踪延迟, 运动到声音延迟, 延迟范围, 按延迟取值 and the like."""
    assert not NOUN.findall(zh_markdown), NOUN.findall(zh_markdown)
    assert not _hits(zh_markdown), _hits(zh_markdown)
    assert "跟踪时延" in zh_markdown and "运动到声音时延" in zh_markdown and "按跟踪时延取值" in zh_markdown


def test_c2_the_explanatory_note_names_no_latency_delay(note_md):
    """The zh 编制说明 (its 三（三） rows quote the notes) writes no 延迟 as a latency either."""
    assert not NOUN.findall(note_md), NOUN.findall(note_md)
    assert not _hits(note_md), _hits(note_md)
    assert "60 ms 时延" in note_md


def test_c2_feature_and_profile_titles_name_the_latency(zh_markdown):
    """A feature's title follows: 「……准确度与时延」, never 「……准确度与延迟」."""
    assert not re.search("准确度与延迟", zh_markdown)
    for title in ("身体跟踪准确度与时延", "面部跟踪准确度与时延", "手部关节准确度与时延"):
        assert title in zh_markdown, title


def test_c2_motion_to_photon_has_one_name(zh_markdown, note_md):
    """Motion-to-photon latency is 运动到成像时延 (IEEE P3079.1's title as the 编制说明 renders it) wherever it is named."""
    for text in (zh_markdown, note_md):
        assert not re.search("运动到(?:显示|光子)", text)
    assert "运动到成像时延" in zh_markdown


def _chinese(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _chinese(value)
    elif isinstance(node, list):
        for value in node:
            yield from _chinese(value)


def _sources() -> Iterator[tuple[str, str]]:
    """Every text the catalog holds: requirements, procedures, policy clauses, profiles, schemas, the messages the
    reports print, and the Chinese strings of the drafting code."""
    for pattern in ("suites/**/*.yaml", "profiles/*.yaml", "src/conformance/areas/**/*.yaml"):
        for path in sorted(ROOT.glob(pattern)):
            for text in _chinese(yaml.safe_load(path.read_text(encoding="utf-8"))):
                yield str(path.relative_to(ROOT)), text
    for path in sorted(ROOT.glob("schemas/**/*.json")):
        for text in _chinese(json.loads(path.read_text(encoding="utf-8"))):
            yield str(path.relative_to(ROOT)), text
    for path in sorted(ROOT.glob("src/conformance/**/*.py")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def test_c2_no_source_names_a_latency_delay():
    """The class beyond what the draft prints: the report messages and the texts the draft does not render write
    延迟 only where a kept verb use stands."""
    found = [(where, hit) for where, text in _sources() for hit in _hits(text)]
    assert not found, found[:20]
