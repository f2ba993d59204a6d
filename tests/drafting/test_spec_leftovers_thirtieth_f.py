"""The leftovers of the thirtieth reading of issue 76, part f (docs/drafting.md, "Leftovers of the thirtieth reading,
part f"): annex D's operations tables and the note's 三（四）. D.1's English says "shall" (row b2); the "Requirements"
column reads a call written with method and path apart (b3, and the note's copy, b18) and a step a case takes over from
a case it cites (b4); optional bearer protection is printed as such (b5); /payments needs the payer's token and
/reports takes the reporter's (b6); the code of conduct's operation and schema are in annex D (b11). Each test fails on
the draft or the contract as they were before these fixes."""

from __future__ import annotations

import re

from conformance.cli.manifests import demo_manifest
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.drafting.test_spec_leftovers_twentyninth_x import _rows


def _ids(cell: str) -> set[str]:
    return {rid.replace("‑", "-") for rid in re.split(r"、|, ", cell)}


def _note_rows(markdown: str) -> dict[str, set[str]]:
    """`METHOD /path` -> the requirements the note's 三（四） table lists for it."""
    return {m[1]: _ids(m[2]) for m in re.finditer(r"^\| `?((?:GET|PUT|POST|DELETE|PATCH) /[^`| ]*)`? \| ([^|]*) \|",
                                                  markdown, re.M)}


def test_d1_states_a_requirement_in_english(en_markdown):
    """b2: the Chinese writes 应 twice; the English stated a fact ("are valid", "is of one of them")."""
    assert "responses shall be valid against the schemas listed" in en_markdown
    assert "audio, a video stream) shall be of one of them" in en_markdown
    assert "responses are valid against the schemas listed" not in en_markdown


#: (operation, requirements whose steps call it with the method and the path in two code spans, or "`GET` its state")
SPLIT = {
    "GET /assets": {"AS-CONT-002", "AS-REG-004", "AS-REG-005"},
    "GET /assets/{asset_id}": {"AS-CONT-002"},
    "GET /assets/{asset_id}/state": {"AS-REG-002", "AS-REG-005", "AS-REG-007"},
    "GET /assets/{asset_id}/history": {"AS-REG-006"},
}

#: (operation, requirements whose steps take its call over from a step of a case they cite)
CITED = {
    "GET /sessions/{space}": {"IF-SES-004", "IF-SES-006"},
    "POST /test-identities": {"IF-SES-003", "IF-SES-004", "IF-SES-005", "IF-SES-006", "IF-AUTH-003", "IF-SCN-002",
                              "IF-UDP-002", "IF-UDP-003", "IF-UDP-004", "IF-UDP-006", "IF-UDP-008"},
}


def test_the_column_reads_a_call_written_apart(zh_markdown, en_markdown, note_md, note_md_en):
    """b3 and b18: 「以 `GET` 请求 `/assets`」 / "`GET` the registry's asset list `/assets`" was not read as a call,
    in table D.3 nor in the note's table that copies its column."""
    for markdown in (zh_markdown, en_markdown):
        rows = _rows(markdown)
        for key, ids in SPLIT.items():
            assert ids <= _ids(rows[key][3]), (key, sorted(ids - _ids(rows[key][3])))
    for markdown in (note_md, note_md_en):
        rows = _note_rows(markdown)
        for key, ids in SPLIT.items():
            assert ids <= rows[key], (key, sorted(ids - rows[key]))


def test_the_column_counts_a_step_taken_over_from_a_cited_case(zh_markdown, en_markdown, note_md):
    """b4: IF-SES-004/-006 follow IF-SES-001's steps as IF-SES-003/-005 do, yet only the latter were listed under
    joinSession; no case provisioning through a cited step was listed under provisionTestIdentity."""
    for markdown in (zh_markdown, en_markdown):
        rows = _rows(markdown)
        for key, ids in CITED.items():
            assert ids <= _ids(rows[key][3]), (key, sorted(ids - _ids(rows[key][3])))
    rows = _note_rows(note_md)
    for key, ids in CITED.items():
        assert ids <= rows[key], key


def test_optional_protection_is_printed_as_such(zh_markdown, en_markdown):
    """b5: issueCredential and createDid (`security: [{}, {bearer: []}]`) were printed 「保护：持有者令牌」, which D.1
    makes refuse a request without a token, though ID-REG-001 and ID-VCAPI-001 send none."""
    zh, en = _rows(zh_markdown), _rows(en_markdown)
    for key in ("POST /credentials/issue", "POST /1.0/create"):
        assert "保护：可选不记名令牌" in zh[key][2] and "Protection: optional bearer token" in en[key][2], key
    assert "“保护：可选不记名令牌”的操作亦受理不带令牌的请求，请求带有效不记名令牌时以该令牌识别调用者" in zh_markdown
    assert ("one marked \"Protection: optional bearer token\" accepts a request without a token too, and identifies "
            "the caller by the valid bearer token a request carries") in en_markdown


def test_payments_and_reports_take_the_callers_token(zh_markdown, en_markdown):
    """b6: the contract gave /payments and /reports no `security`, printed 「保护：无」, while AS-MINOR-004 pays with
    the minor's token (the reference refuses a payment without one: 401) and IF-CODE-001 files and reads its report
    with R's."""
    zh, en = _rows(zh_markdown), _rows(en_markdown)
    assert "保护：不记名令牌" in zh["POST /payments"][2] and "Protection: bearer token" in en["POST /payments"][2]
    for key in ("POST /reports", "GET /reports/{report_id}"):
        assert "保护：可选不记名令牌" in zh[key][2] and "Protection: optional bearer token" in en[key][2], key


def auth_on_reference(catalog, run_manifest):
    """IF-AUTH-001's record of a run against the reference (the interfaces-robustness profile alone)."""
    with serve(create_app([])) as url:
        manifest = demo_manifest(catalog, {"api": url, "api_b": url, "runtime": url})
        manifest["profiles"] = [p for p in manifest["profiles"] if p["id"] == "interfaces-robustness"]
        result = run_manifest(manifest, requirements=["IF-AUTH-001"])
    return next(r for r in result.report.requirements if r.requirement == "IF-AUTH-001")


def test_the_reference_refuses_an_unauthenticated_payment(catalog, run_manifest):
    """b6: with /payments secured, IF-AUTH-001 probes it too; the reference (which reads the payer from the token)
    still passes."""
    found = auth_on_reference(catalog, run_manifest)
    assert found.verdict.value == "pass", found.message


def test_the_code_of_conduct_is_in_annex_d(zh_markdown, en_markdown):
    """b11: IF-CODE-001, -005 and -006 judge the code of conduct against `interfaces/conduct-rules.json`; annex D
    listed neither its `GET` nor the schema."""
    for markdown, through in ((zh_markdown, "（经服务发现文档的 `reporting.conduct_rules`）"),
                              (en_markdown, " (through the discovery document's `reporting.conduct_rules`)")):
        row = _rows(markdown)["GET /conduct-rules"]
        assert row[1].startswith("`getConductRules`") and through in row[1]
        assert re.search(r"`interfaces/conduct-rules\.json`[（(]D\.5\.\d+[）)]", row[2].replace(" (", "(")), row[2]
        assert {"IF-CODE-001", "IF-CODE-005", "IF-CODE-006"} <= _ids(row[3])
        assert re.search(r"^#### D\.5\.\d+ `interfaces/conduct-rules\.json`$", markdown, re.M)
