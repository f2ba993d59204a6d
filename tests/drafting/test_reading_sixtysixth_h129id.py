"""The sixty-sixth reading of issue 76, part h129-id: ID-VC-002 judges every credential stating both ends of its
validity period, as its 判定准则 say.

b1 (read66b, K5): the 不确定 line said an end that cannot be read as a date-time makes the verdict inconclusive, but
the check passed such a credential over unrecorded (``states_both_ends`` was False for it), and without another
credential the case was not applicable; `24:00:00`, which the credential schema accepts (XML Schema 1.1 Part 2 3.3.7:
00:00:00 of the next day) and Python's ``fromisoformat`` does not, went the same way. Now such an end is recorded as
not judged, naming the credential and the value, and `24:00:00` is read as the next day's 00:00:00.
b2 (read66b, X): step 2 said two ends without a time zone offset are compared as written, but for VC 2.0 the check
skipped any pair with an end without an offset, so a credential ending a day before it starts passed. VC 2.0 5.8
(Representing Time) says a value serialized without an offset MUST be interpreted as UTC: the check reads it so, and
the statement and step 2 say so. Each test fails on the branch's base (5f7a2b291)."""

from __future__ import annotations

import json
import re
from itertools import product
from typing import TYPE_CHECKING

import pytest

from conformance.areas.identity.credentials import (
    VALIDITY_PAIRS,
    incomparable_periods,
    states_both_ends,
    unreadable_ends,
    validity_problems,
)

if TYPE_CHECKING:
    from pathlib import Path

#: readable ends of every kind, each a different instant (a local one read as UTC where it is compared so): zoned,
#: zoned by another offset, local, `24:00:00` zoned and local
READABLE = ("2026-01-01T08:00:00+08:00", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00", "2026-01-01T24:00:00Z",
            "2026-01-02T24:00:00")
#: ends that cannot be read: a leap second, a year Python cannot hold, text that is no date-time, a number, null
UNREADABLE = ("2016-12-31T23:59:60Z", "10000-01-01T00:00:00Z", "yesterday", 5, None)


@pytest.mark.parametrize("start,end", VALIDITY_PAIRS)
def test_b1_b2_every_period_stated_whole_is_compared_or_named_unjudged(start, end):
    """Class: for every pair of end values under VC 2.0's and VC 1.1's names, the credential states both ends, and
    its period is compared or each end that cannot be read is named: of two readable ends denoting different
    instants, one order fails (or, VC 1.1 only, the order is undetermined), never both passed over unrecorded."""
    silent = []
    for first, last in product(READABLE + UNREADABLE, repeat=2):
        forward, backward = {start: first, end: last}, {start: last, end: first}
        if not states_both_ends(forward):
            silent.append((first, last, "not stated"))
        named = {name for _, _, name in unreadable_ends(forward)}
        expected = {n for n, v in ((start, first), (end, last)) if v in UNREADABLE}
        if named != expected:
            silent.append((first, last, f"named {sorted(named)}"))
        if expected or first == last:
            continue
        judged = [bool(validity_problems(c)) for c in (forward, backward)]
        undetermined = bool(incomparable_periods(forward)) or bool(incomparable_periods(backward))
        if undetermined and start == "validFrom":
            silent.append((first, last, "VC 2.0 undetermined"))
        elif not undetermined and judged.count(True) != 1:
            silent.append((first, last, f"findings {judged}"))
    assert silent == []


def test_b1_an_end_that_cannot_be_read_is_named_with_its_value():
    assert unreadable_ends({"validFrom": "yesterday", "validUntil": "2026-01-01T00:00:00Z"}) == [
        ("validFrom", "validUntil", "validFrom")]
    assert unreadable_ends({"issuanceDate": "2026-01-01T00:00:00Z", "expirationDate": 5}) == [
        ("issuanceDate", "expirationDate", "expirationDate")]
    assert unreadable_ends({"validFrom": "2016-12-31T23:59:60Z", "validUntil": "2026-01-01T00:00:00Z"})
    assert unreadable_ends({"validFrom": "2026-01-01T00:00:00Z"}) == []  # one end: nothing to compare


def test_b1_24_00_00_is_the_next_day_s_midnight():
    """XML Schema 1.1 Part 2 3.3.7: `24:00:00` ends a day, the same instant as 00:00:00 of the next."""
    same = {"validFrom": "2026-01-02T00:00:00Z", "validUntil": "2026-01-01T24:00:00Z"}
    assert unreadable_ends(same) == [] and validity_problems(same) == []
    inverted = {"validFrom": "2026-01-02T00:00:01Z", "validUntil": "2026-01-01T24:00:00Z"}
    assert [f.pointer for f in validity_problems(inverted)] == ["/validUntil"]
    v1 = {"issuanceDate": "2026-01-02T00:00:01", "expirationDate": "2026-01-01T24:00:00.000"}
    assert [f.pointer for f in validity_problems(v1)] == ["/expirationDate"]
    assert unreadable_ends({"validFrom": "9999-12-31T24:00:00Z", "validUntil": "9999-12-31T24:00:00Z"})


def test_b2_a_vc_2_0_end_without_a_time_zone_is_read_as_utc():
    """VC 2.0 5.8: "Time values that are incorrectly serialized without an offset MUST be interpreted as UTC"."""
    local = {"validFrom": "2026-01-02T00:00:00", "validUntil": "2026-01-01T00:00:00"}
    assert [f.pointer for f in validity_problems(local)] == ["/validUntil"]
    mixed = {"validFrom": "2026-01-01T08:00:00", "validUntil": "2026-01-01T07:59:59Z"}  # UTC: a second before
    assert [f.pointer for f in validity_problems(mixed)] == ["/validUntil"] and incomparable_periods(mixed) == []
    assert validity_problems({"validFrom": "2026-01-01T08:00:00", "validUntil": "2026-01-01T08:00:00Z"}) == []
    # VC 1.1 keeps XML Schema's order: within 14 hours the order is undetermined
    assert incomparable_periods({"issuanceDate": "2026-01-01T08:00:00", "expirationDate": "2026-01-01T07:59:59Z"})


@pytest.mark.slow
def test_b1_the_case_is_inconclusive_for_an_end_it_cannot_read(catalog, run_manifest, tmp_path: Path):
    """Before: not applicable (the only credential's period was never stated "both ends")."""
    from tests.conftest import manifest_for, verdicts

    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                  "issuer": "did:example:issuer", "validFrom": "yesterday", "validUntil": "2026-01-01T00:00:00Z",
                  "credentialSubject": {"id": "did:example:subject"}}
    (tmp_path / "vc.json").write_text(json.dumps(credential), encoding="utf-8")
    manifest = manifest_for(catalog, "identity-credentials")
    manifest["targets"]["credentials"] = {"adapter": "file", "paths": [str(tmp_path / "vc.json")]}
    result = run_manifest(manifest, requirements=["ID-VC-002"])
    assert verdicts(result)["ID-VC-002"] == "inconclusive"
    notes = [e for r in result.report.requirements for e in r.evidence if e.get("kind") == "note"]
    assert any(e.get("pointer") == "/validFrom" and "yesterday" in e["message"] for e in notes), notes


def _case(markdown: str, rid: str) -> str:
    start = re.search(rf"^### \d+\.\d+ {rid.replace('-', '[-‑]')} ", markdown, re.M)
    assert start
    return markdown[start.end():markdown.index("\n### ", start.end())].replace("\u2011", "-").replace("\u2212", "-")


def test_b1_b2_the_case_says_what_the_check_does(zh_markdown, en_markdown):
    """The statement and step 2 read a VC 2.0 end without an offset as UTC (5.8) and `24:00:00` as the next day's
    midnight; two local ends compared as written is VC 1.1's; the 不确定 line names an unreadable end only when
    nothing fails, and the undetermined order as VC 1.1's."""
    zh, en = _case(zh_markdown, "ID-VC-002"), _case(en_markdown, "ID-VC-002")
    assert zh.count("第 5.8 节") >= 2 and "视为 UTC" in zh and "读作次日 00:00:00" in zh
    assert "VC 1.1 的两端均不带时区偏移时，按其所写取值比较" in zh
    inconclusive = zh.split("不确定：", 1)[1].split("\n", 1)[0]
    assert inconclusive.startswith("没有不符合项，而某一凭证一端的取值无法解析为日期时间")
    assert "VC 1.1 凭证" in inconclusive
    assert "read as UTC, as VC 2.0 says (5.8)" in en and "as 00:00:00 of the next day" in en
    assert "where neither VC 1.1 end has one, compare the values as written" in en
    assert en.split("Inconclusive: ", 1)[1].startswith("there is no non-conformity, and a credential has an end")
