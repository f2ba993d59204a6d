"""The forty-first reading of issue 76, part h94-fmt2 (docs/drafting.md, "Forty-first reading, part h94-fmt2"): the
inputs the test cases read, defined in a normative annex. Each test runs over the whole render, so a case reading a
member of an input no annex defines cannot come back."""

from __future__ import annotations

import re

from tests.drafting.blocks import between, text_of


def _annex_e_members(zh) -> set[str]:
    """Every member path annex E's member tables give (`targets.*.adapter`, `paths`)."""
    return {row[0].strip("`") for b in between(zh, "annex-formats", "bibliography")
            if b.kind == "table" and b.rows and b.rows[0][0] == "成员" for row in b.rows[1:]}


def test_every_member_of_the_manifest_a_case_reads_is_defined_in_annex_e(zh):
    """a14: DP-DESC-001 read 「声明文件的 `jsonld_contexts`」 and IF-DISC-001 「声明文件的 `paths`」, and annex A lets the
    manifest tighten parameters, but no normative annex gave the manifest's members."""
    read = set(re.findall(r"声明文件的 `([a-z_]+)`", text_of(zh)))
    assert {"paths", "jsonld_contexts"} <= read
    members = _annex_e_members(zh)
    assert {m for m in read if not any(p == m or p.endswith("." + m) or p.endswith("]" + m) for p in members)} == set()
    # the ICS answers, the IXIT and the tightened parameters each have their member
    assert {"profiles[]〔2〕.features", "profiles[]〔2〕.parameters", "targets"} <= members


def test_a_case_reading_a_manifest_member_cites_its_clause(zh):
    """a14: the case reading the manifest cites annex E's clause in its initial conditions, as for a capture."""
    cases = [row for b in zh if b.kind == "table" for row in b.rows
             if row and row[0] == "前置条件" and "声明文件的 `" in "".join(r[1] for r in b.rows if len(r) > 1)]
    assert cases and all("声明文件：" in row[1] for row in cases)
