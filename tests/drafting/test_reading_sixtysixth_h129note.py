"""The sixty-sixth reading of issue 76, part h129-note.

d1 (read66d, K7): TD-HAPT-001's row of 三（三） left out 「`frequency_hz` 不小于 0」, TD-OLF-001's 「`duration_ns` 不小于 0」:
a bare 0 was taken for a sign and dropped, so the 0 of 「[0, 1]」 seemed to stand for it. A zero bound on a member whose
name gives its unit is now a limit in that unit (0 Hz, 0 ns), quoted with its reason. TD-RUN-004's 「运行时自选的大于 0
的值」 is a sign (any positive value the runtime chooses in place of OpenXR's sentinel), no limit, and stays out.
c2 (read66c, K7): TD-DISP-005's row lacked the 90 Hz, 1250 Hz, 0.025 and 0.08 times the frequency of IEEE Std
1789-2015's low-risk region, which its step 6 judges by; the row now lists them and quotes the region whole.
c3 (read66c, K7): TD-FORCE-005's precondition asked a held force of at least 1 N that no check tests and no note
justifies: it is gone (the check judges a force above four times the noise floor, as step 4 says).
c4 (read66c, K8): the reading bound 「实体集的实体数」 claimed 400 requests a set; SC-FEED-001's check requests each
entity's self-link and up to 8 navigation links besides the page: the figure is computed from the check's constants.
ax1 (read66a, X): eleven parameter rows of annex A read only by annex C requirements were not marked as such, the
marker being decided by the IDs a row's description names; it is now decided by the requirements reading it.

Each test fails on the branch's base (5f7a2b291)."""

from __future__ import annotations

import re

from conformance._catalog.catalog import Catalog
from conformance.areas.scenes import feed
from conformance.drafting import boundtable
from conformance.drafting.icsrows import in_draft
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Block, Writer, normative
from tests.drafting.blocks import limit_rows
from tests.paths import ROOT

# d1 ---------------------------------------------------------------------------------------------------------------

_UNITS = {"hz": "Hz", "ns": "ns", "ms": "ms", "s": "s", "m": "m", "mm": "mm", "db": "dB"}
_ZERO = re.compile(r"`?([a-z][a-z0-9_]*)_(hz|ns|ms|s|m|mm|db)`?\s?(?:不小于|大于|不低于|至少)\s?0(?![\d.])")


def test_d1_a_zero_bound_on_a_member_with_a_unit_stands_in_the_row_with_its_reason(catalog: Catalog, note, note_en):
    """Class: for every normative requirement whose statement or rules bound a member named with its unit by zero,
    the row of 三（三） lists the zero in that unit in both languages, and its quote gives the member's reason."""
    rows, rows_en = limit_rows(note), limit_rows(note_en)
    found = []
    for req in catalog.requirements.values():
        if not normative(req):
            continue
        text = "\n".join([req.statement.zh, *(rule.zh for rule in req.rules)])
        for m in _ZERO.finditer(text):
            found.append(req.id)
            zero = f"0 {_UNITS[m.group(2)]}"
            assert req.id in rows, req.id
            assert re.search(rf"(?<![\d.]){zero}(?![\w])", rows[req.id][0]), (req.id, rows[req.id][0])
            assert re.search(rf"(?<![\d.]){zero}(?![\w])", rows_en[req.id][0]), (req.id, rows_en[req.id][0])
            stem = m.group(1).split("_")[0]
            assert stem in rows[req.id][1] and not rows[req.id][1].endswith("…… |"), (req.id, rows[req.id][1])
    assert {"TD-HAPT-001", "TD-OLF-001"} <= set(found), found


def test_d1_a_positive_value_the_runtime_chooses_is_no_limit(note):
    """TD-RUN-004's 「大于 0」 is a sign: its row lists the values commanded, not a 0."""
    assert not re.search(r"(?<![\d.])0(?![\d.])", limit_rows(note)["TD-RUN-004"][0])


# c2 ---------------------------------------------------------------------------------------------------------------

_REGION = re.compile(r"查看[^：。；]*是否处于[^：。；]*内：([^。]*)（规则 R\d+）")
_QUANTITY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?) ?(Hz|倍)")


def test_c2_the_region_a_step_judges_by_stands_in_the_row_with_its_source(catalog: Catalog, note):
    """Class: every quantity of a region a normative case's step spells out for a rule stands in the row, and the
    quote gives the region whole."""
    w = Writer(catalog, "zh")
    rows = limit_rows(note)
    seen = []
    for req in catalog.requirements.values():
        if not normative(req):
            continue
        case = case_for(catalog, req, "zh", w.data.procedures.get(req.id), w.ics_prepended)
        for step in case.steps:
            for m in _REGION.finditer(step):
                seen.append(req.id)
                cell = rows[req.id][0]
                for q in _QUANTITY.finditer(m.group(1)):
                    assert re.search(rf"(?<![\d.]){re.escape(q.group(1))} ?{q.group(2)}", cell), (req.id, q.group(0), cell)
    assert "TD-DISP-005" in seen
    basis = rows["TD-DISP-005"][1]
    assert "IEEE Std 1789-2015 的低风险区" in basis and "1250 Hz 以上不限" in basis, basis


# c3 ---------------------------------------------------------------------------------------------------------------

def test_c3_no_held_force_the_check_does_not_test(catalog: Catalog):
    """TD-FORCE-005 asks no minimum held force: the check judges a force above four times the noise floor."""
    w = Writer(catalog, "zh")
    req = catalog.requirements["TD-FORCE-005"]
    for lang in ("zh", "en"):
        case = case_for(catalog, req, lang, w.data.procedures.get(req.id), w.ics_prepended)
        text = "\n".join([*case.conditions, *case.steps])
        assert "1 N" not in text and "2.5 N" in text, text
    assert req.notes and "至少 1 N 的力（" not in req.notes.zh and "force of at least 1 N (" not in req.notes.en
    source = (ROOT / "src/conformance/areas/terminal/force_stop.py").read_text(encoding="utf-8")
    assert "NOISE_FACTOR * floor" in source


# c4 ---------------------------------------------------------------------------------------------------------------

def test_c4_the_requests_of_an_entity_set_are_the_checks(note, note_en):
    """The reading bound's figure is the first page plus each entity's self-link and navigation links, as
    SC-FEED-001's check requests them, from the check's constants."""
    assert boundtable.ENTITIES == feed.MAX_ENTITIES
    assert boundtable.NAVIGATION_LINKS == feed.MAX_NAVIGATION_LINKS
    expected = 1 + feed.MAX_ENTITIES * (1 + feed.MAX_NAVIGATION_LINKS)
    assert boundtable.SET_REQUESTS == expected == 451
    check = (ROOT / "suites/scenes/test_twin_feed.py").read_text(encoding="utf-8")
    assert 'entity["@iot.selfLink"]' in check and "[:feed.MAX_NAVIGATION_LINKS]" in check
    zh = next(r for b in note if b.kind == "table" for r in b.rows if r[0] == "实体集的实体数")
    en = next(r for b in note_en if b.kind == "table" for r in b.rows if r[0] == "entities of an entity set")
    assert f"至多发出 {expected} 次请求" in zh[2] and "400" not in zh[2], zh
    assert f"at most {expected} requests" in en[2] and "400" not in en[2], en


# ax1 --------------------------------------------------------------------------------------------------------------

_PROFILE = re.compile(r"`([a-z0-9-]+)`[）)]\s*$")
_MARK = {"zh": "仅供附录 C 所列的资料性要求使用，不用于符合性判定",
         "en": "used only by informative requirements listed in annex C, not in judging conformance"}


def _parameter_rows(blocks: list[Block]) -> list[tuple[str, str, str]]:
    """(profile, parameter, description) of every row of annex A's tables of test parameters."""
    out, profile = [], ""
    for b in blocks:
        if b.kind == "heading" and (m := _PROFILE.search(b.text)):
            profile = m.group(1)
        elif b.kind == "table" and b.rows and b.rows[0][0] in ("测试参数", "Test parameter"):
            out += [(profile, re.search(r"`([a-z0-9_]+)`", r[0]).group(1), r[1]) for r in b.rows[1:]]  # type: ignore[union-attr]
    return out


def test_ax1_a_parameter_row_says_it_serves_annex_c_alone_by_its_readers(catalog: Catalog, zh, en):
    """Class: every annex A parameter row carries the annex C marker exactly when the requirements of its profile
    reading it (listing it under ``parameters``) are all informative, in both languages."""
    for lang, blocks in (("zh", zh), ("en", en)):
        rows = _parameter_rows(blocks)
        assert len(rows) > 100, len(rows)
        wrong = []
        for profile, name, desc in rows:
            readers = [catalog.requirements[r] for r in catalog.profiles[profile].all_requirements()
                       if in_draft(catalog, r) and r in catalog.requirements and name in catalog.requirements[r].parameters]
            if not readers:
                continue
            informative = all(not normative(r) for r in readers)
            if informative != (_MARK[lang] in desc):
                wrong.append((profile, name))
        assert not wrong, (lang, wrong)
        marked = {name for _, name, desc in rows if _MARK[lang] in desc}
        assert {"video_label_start_s", "large_user_base_users", "max_rest_interval_min", "pair_bbox_tolerance",
                "min_caption_coverage", "max_va_conflict_ratio", "rating_systems"} <= marked, marked
