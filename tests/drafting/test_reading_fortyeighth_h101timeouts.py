"""The forty-eighth reading, part h101-timeouts (docs/drafting.md, "Forty-eighth reading, part h101-timeouts"), the
leftovers of part h100-limP: time limits deciding a verdict that no clause stated (「连接失败或超时」 in six cases, the
feed's 「推送时限」 and the report clock's 「时限」 without their numbers), now the request time limit 5.1 sets (read from
the HTTP adapter) or the case's own value; and 三（三）'s quotes saying only that a number is 本文件自定, now each with its
reason. Each test fails on the draft as it was before (0bf5a69b)."""

from __future__ import annotations

import re

from conformance.adapters.http import DEFAULT_TIMEOUT_S
from conformance.drafting.limitnumbers import clauses
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Block, Writer

#: a clause speaking of a time limit: 「超时」, 「时限」 (「请求时限」, 「推送时限」, 「处理时限」)
_TIME_LIMIT = re.compile(r"超时|时限")
#: a value with a unit of time, 「10 秒」, 「86 400 s」, 「300 毫秒」, or 5.1's request time limit by name
_NAMED = re.compile(r"\d[\d  ]*(?:\.\d+)?\s*(?:s|ms|min|h|秒|毫秒|分钟|小时|天)(?![A-Za-z])|5\.1 规定的请求时限")
#: a clause saying a number is this document's own
_OWN = re.compile(r"本文件(?:自定|规定)")
#: what may follow the mark and still give no reason: 「的数值」, 「的选择」, 「，并非标准规定」, the clause's end
_BARE_TAIL = re.compile(r"^(?:的(?:数值|选择|数量|限值|时限|设定))?(?:，并非[^，。；：]*)?[）)]?[。；]?$")
#: a reason standing before the mark: 「因……」, 「以便……」, 「使……」, 「用于……」, 「即……」, 「沿用……」, a colon
_REASON_BEFORE = re.compile(r"因|以便|使|用于|即|沿用|[：:]")
#: a parenthesis before the mark saying why (「（渲染器丢失一路声道或只送往一耳）」), not only listing values
_WHY_BRACKET = re.compile(r"（[^（）]*(?:使|即|时|为|或|不|无)[^（）]*）")


def _bare(clause: str) -> bool:
    """A clause marking a number as this document's with no reason: nothing but 「的数值」 after its last mark, and no
    reason clause, colon or explaining parenthesis before its first."""
    clause = re.sub(r"^附注：", "", clause)
    marks = list(_OWN.finditer(clause))
    before = clause[:marks[0].start()]
    return bool(_BARE_TAIL.match(clause[marks[-1].end():])) and not _REASON_BEFORE.search(before) \
        and not _WHY_BRACKET.search(before)


def _cases(catalog, lang: str = "zh"):
    w = Writer(catalog, lang)
    for rid, req in sorted(catalog.requirements.items()):
        if (procedure := w.data.procedures.get(rid)) is not None:
            yield rid, case_for(catalog, req, lang, procedure, w.ics_prepended)


def _text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks if b.kind == "para" and b.text)


def test_5_1_states_the_request_time_limit_the_adapter_waits(zh, note):
    """5.1 gives the HTTP adapter's time limit (``DEFAULT_TIMEOUT_S``) as a test parameter, and the 编制说明 its reason."""
    seconds = f"{DEFAULT_TIMEOUT_S:g} s"
    assert f"至多等待 {seconds}（请求时限）" in _text(zh)
    rows = [row for b in note if b.kind == "table" and b.rows for row in b.rows if row[0] == "测试设备的请求时限"]
    assert len(rows) == 1 and rows[0][1].startswith(seconds) and rows[0][2].startswith("本文件自定：限定"), rows


def test_every_time_limit_in_a_case_names_its_value(catalog):
    """The class: each clause of a case's steps, expected result and criteria speaking of a time limit or a timeout
    names the value (a number with its unit) or 5.1's request time limit."""
    unnamed = []
    for rid, case in _cases(catalog):
        for line in [*case.steps, case.expected, *case.criteria]:
            unnamed += [(rid, c) for c in clauses(line) if _TIME_LIMIT.search(c) and not _NAMED.search(c)]
    assert not unnamed, unnamed


def test_the_cases_that_said_timeout_cite_5_1(catalog):
    """The six cases of h100-limP's leftovers cite 5.1's request time limit where they said 「连接失败或超时」."""
    cases = dict(_cases(catalog))
    for rid in ("AS-API-001", "ID-REG-001", "ID-RES-002", "IF-DISC-001", "IF-TLS-001", "SC-RENDER-004"):
        assert "在 5.1 规定的请求时限内" in "\n".join(cases[rid].criteria), rid
    en = dict(_cases(catalog, "en"))
    assert "the request time limit of clause 5.1" in "\n".join(en["AS-API-001"].criteria)


def test_a_number_this_document_sets_has_its_reason_in_the_quote(note):
    """三（三）: a quoted clause saying a number is 本文件自定 or 本文件规定 gives the reason with it (a clause or a colon
    after the mark, or a reason clause or explaining parenthesis before it), never the mark alone: AS-AIGC-014's 0.5 s,
    IF-SES-002's 5 ms, 10 % and 3 measurements, and the four others the class found (AS-AIGC-012, AS-MINOR-003,
    IF-LAT-001, IF-SES-002's update rate)."""
    table = next(b for b in note if b.kind == "table" and b.rows and b.rows[0][1] == "限值")
    bare = [(row[0], c) for row in table.rows[1:] for c in clauses(row[2]) if _OWN.search(c) and _bare(c)]
    assert not bare, bare
    rows = {row[0].replace("\u2011", "-"): row[2] for row in table.rows[1:]}
    assert "缺失标识达 0.5 s 以上的一段必含一个抽取的帧" in rows["AS-AIGC-014"]
    # the probe's 5 ms period is no limit of a rule: its reason stands in the notes, the row quotes the limits' own
    # (fifty-first reading, part h105-numbers: a sentence each)
    assert "3 次测量为本文件自定：使一次偶发的负载不致使本要求判定为不确定" in rows["IF-SES-002"]
