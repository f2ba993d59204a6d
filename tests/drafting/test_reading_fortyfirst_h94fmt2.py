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


def test_the_voice_corpus_is_tabled_in_annex_e_from_the_file_the_check_scores_with(zh):
    """a6: the twelve phrases TD-VOICE-004 and TD-CAPT-004 play were in the tool's source only."""
    from conformance import _areas
    from conformance.areas.terminal.recognition import corpus

    assert _areas.corpora()["mvx-voice-1"].name == "voice_corpus.yaml" and corpus()["id"] == "mvx-voice-1"
    table = next(b for b in between(zh, "annex-formats", "bibliography")
                 if b.kind == "table" and "mvx-voice-1" in b.title)
    phrases = {lang: part["phrases"] for lang, part in corpus()["languages"].items()}
    assert [(r[0], r[2]) for r in table.rows[1:]] == [(f"`{k}`", f"`{v}`") for p in phrases.values() for k, v in p.items()]
    assert len(table.rows) - 1 == 12


def test_every_case_playing_the_corpus_cites_its_clause(zh):
    """a6: a case naming 参考语料 cites the corpus clause in its initial conditions."""
    cases = {b.anchor: dict(b.rows) for b in zh if b.kind == "table" and b.anchor.startswith("test-")}
    playing = {a for a, rows in cases.items() if "参考语料" in "".join(rows.values())}
    assert {"test-TD-VOICE-004", "test-TD-CAPT-004"} <= playing
    assert [a for a in playing if "所播放的参考语料见附录 E（`mvx-voice-1`：" not in cases[a]["前置条件"]] == []


def test_every_operation_description_of_annex_d_is_given_in_chinese(zh, catalog):
    """a5: renderStream's test scene (and 27 other operations' provisions: removeTotp's acr high, enrolUserBiometric's
    separate consent, orderAsset's held orders) was only in the contract's English `description`."""
    from conformance.drafting.contracts import operations

    text = text_of(between(zh, "annex-contracts", "annex-formats"))
    shown = {op.operation_id for op in operations(catalog) if f"`{op.operation_id}`" in text}
    described = {op.operation_id: op.description[1] for op in operations(catalog) if op.description[0]}
    assert "renderStream" in described and {"removeTotp", "orderAsset", "enrolUserBiometric"} <= set(described)
    rows = {row[0].strip("`"): row[1] for b in between(zh, "annex-contracts", "annex-formats")
            if b.kind == "table" and b.rows and b.rows[0] == ("操作", "规定") for row in b.rows[1:]}
    # each in its Chinese (the rendered text marks its IDs and code values, so the row is compared by its opening)
    assert {k for k, v in described.items() if k in shown and not rows.get(k, "").startswith(v[:8])} == set()
    # the scene's every element, so that two laboratories draw the same reference
    for part in ("0.85", "0.35", "0.55", "0.2 + 0.25", "⌊0.2*W*⌋", "⌊0.3*H*⌋", '{"box": f}'):
        assert part in rows["renderStream"], part


def test_the_lint_finds_an_operation_without_its_chinese_description(catalog):
    from dataclasses import replace

    from conformance.drafting import contracts

    ops = [replace(op, description=(op.description[0], "")) if op.operation_id == "renderStream" else op
           for op in contracts.operations(catalog)]
    original = contracts.operations
    contracts.operations = lambda _catalog: ops  # type: ignore[assignment]
    try:
        found = list(contracts.summary_problems(catalog))
    finally:
        contracts.operations = original
    assert [p for _, p, _ in found] == ["operation renderStream has no x-description-zh"]


def test_the_image_listing_columns_are_defined_in_annex_e_as_the_quality_check_reads_them(zh, catalog):
    """a8: DP-QUAL-001's CSV image listing (`file_name`, `width`, `height`, `captured`) was defined nowhere outside
    its rules. The annex's table comes from data/image-listing-row.json; the check and the schema agree on a cell."""
    import jsonschema

    from conformance.areas.data import quality

    members = _annex_e_members(zh)
    assert {"file_name", "width", "height", "captured"} <= members
    schema = catalog.schemas.get("https://metaverse-conformance.org/schemas/data/image-listing-row.json")
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for cell in ("640", "0", "007", "-1", "1.5", "six"):  # an empty cell is R1's
        row = {"file_name": "a.jpg", "width": cell}
        assert checker.is_valid(row) == (list(quality.accuracy([], [row], "l.csv")) == []), cell
    for cell in ("2026-03-01T18:00:00+08:00", "2026-03-01T10:00:00Z", "2026-03-01 18:00:00", "2026-03-01"):
        row = {"file_name": "a.jpg", "captured": cell}
        assert checker.is_valid(row) == (list(quality.accuracy([], [row], "l.csv")) == []), cell
