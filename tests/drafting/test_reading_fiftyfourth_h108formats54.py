"""The fifty-fourth reading of issue 76, part h108-formats54 (docs/drafting.md, "Fifty-fourth reading, part
h108-formats54"): what four cases read was stated by no normative annex, or stated otherwise. c1: SC-RENDER-002 and
SC-RENDER-004 time each frame by a fragmented MP4, one movie fragment a frame, which only the English contract said;
annex D prints the response's description from the contract. b1: IF-RISK-004 reads the review records at
`content_review.reviews` and the agent listing at `ai_agents.agents`, which annex D said served annex C only; the
operations are in D.3 now, with the schemas their checks validate with. a2: table E.15 said `date_captured` is an
RFC 3339 date-time, E.7 and the case COCO's form too; the schema now says what the case accepts, with the check's
pattern. a3: SC-BIM-005 read `ViewDefinition [...]` and a list of views per schema that only the bibliography's web
pages gave; annex E has a clause whose table is the check's. Each test fails on the sources as they were before."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conformance.areas.assets import review
from conformance.areas.data import quality
from conformance.areas.interfaces import agents
from conformance.areas.scenes import ifc_views
from tests.drafting.blocks import section
from tests.drafting.test_spec_fortyfirst_h94_fmt4 import _encoding_clause
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str) -> str:
    """A text with the render's non-breaking hyphens as hyphens."""
    return text.replace("\u2011", "-")


def _line(markdown: str, start: str) -> str:
    """The table row of ``markdown`` that begins with ``start``."""
    found = [line for line in _plain(markdown).splitlines() if line.startswith(start)]
    assert len(found) == 1, (start, len(found))
    return found[0]


def _contract() -> dict:
    return yaml.safe_load((_ROOT / "schemas/interfaces/platform.openapi.yaml").read_text(encoding="utf-8"))


def test_c1_annex_d_states_the_fragmented_stream(zh_markdown, en_markdown):
    """c1: the provision of `renderStream` gives, in both languages, the successful response as the contract
    describes it: one movie fragment (`moof` and its `mdat`, ISO/IEC 14496-12:2022 8.8) a frame, sent as rendered."""
    response = _contract()["paths"]["/render/stream"]["post"]["responses"]["200"]
    said = " ".join(response["x-description-zh"].split())
    for part in ("ISO/IEC 14496-12:2022 第 8.8 节", "每帧一个电影片段", "`moof`", "`mdat`", "渲染完成后即发送"):
        assert part in said, part
    assert f"成功响应：{_plain(said)}" in _line(zh_markdown, "| `renderStream` |")
    english = _line(en_markdown, "| `renderStream` |")
    assert "Successful response: The rendered test scene" in english and "one movie fragment a frame" in english


def test_b1_annex_d_defines_what_if_risk_004_reads(zh_markdown):
    """b1: D.3 lists the review records and the agent listing with IF-RISK-004 and the schemas the checks validate
    those bodies with; the discovery rows no longer say the paths serve annex C only."""
    for path, schema, member in (("GET /assets/{asset_id}/reviews", review.REVIEWS_SCHEMA, "content_review.reviews"),
                                 ("GET /agents", agents.AGENTS_SCHEMA, "ai_agents.agents")):
        row = _line(zh_markdown, f"| `{path}` |")
        assert "IF-RISK-004" in row.split(" | ")[-1] and f"`{schema.split('/schemas/')[1]}`（D.5." in row, path
        assert f"`{member}`" in row
        described = _line(zh_markdown, f"| `{member}` |")
        assert "仅为附录" not in described and "本附录不规定" not in described, member
    case = _cases(zh_markdown)["IF-RISK-004"]
    assert "`ai_agents.agents`" in _row(case, "测试步骤") and "`content_review.reviews`" in _row(case, "测试步骤")


def test_a2_annex_e_says_what_date_captured_the_case_accepts(zh_markdown):
    """a2: E.15's `date_captured` is COCO's form or an RFC 3339 date-time, with the check's own pattern, as E.7's
    note and DP-QUAL-001 R2 say; both forms pass the check."""
    row = _line(zh_markdown, "| `images[].date_captured` |")
    assert "COCO 所写形式的日期时间" in row and "RFC 3339 日期时间" in row and "带或不带时区偏移" in row
    assert f"匹配正则表达式 `{quality._DATE_TIME.pattern}`" in row
    assert "为 RFC 3339 日期时间。" not in row
    for written in ("2013-11-14 17:02:52", "2013-11-14T17:02:52+08:00"):
        assert quality._time(written, coco=True) is not None, written
    assert quality._time("2013-11-14 17:02:52") is None  # the listing's `captured` stays RFC 3339


def test_a3_annex_e_lists_the_model_views_the_check_accepts(zh_markdown):
    """a3: annex E's clause on the header's model view declaration gives the `ViewDefinition [...]` syntax and, per
    schema, exactly the main and add-on views SC-BIM-005 accepts; the view cases cite the clause."""
    number, text = _encoding_clause(zh_markdown, "IFC 文件头的模型视图声明")
    assert "`ViewDefinition`" in text and "ViewDefinition [CoordinationView_V2.0, QuantityTakeOffAddOnView]" in text
    assert "不区分大小写" in text and re.search(r"见参考文献\[\d+\]", text)
    rows = {cells[0]: cells[1:] for line in text.splitlines()
            if (cells := [c.strip() for c in line.strip("|").split("|")]) and len(cells) == 3}
    for schema, views in ifc_views.VIEWS.items():
        main, add_on = rows[f"`{schema}`"]
        assert set(re.findall(r"`([^`]+)`", main)) == {v for v, extra in views.items() if not extra}, schema
        assert set(re.findall(r"`([^`]+)`", add_on)) == {v for v, extra in views.items() if extra}, schema
    assert {key for key in rows if key.startswith("`")} == {f"`{schema}`" for schema in ifc_views.VIEWS}
    cases = _cases(zh_markdown)
    for req_id in ("SC-BIM-005", "SC-BIM-006", "SC-BIM-007", "SC-BIM-009", "SC-BIM-010"):
        assert f"IFC 文件头的模型视图声明：{number}" in _row(cases[req_id], "前置条件"), req_id


def test_the_clauses_are_in_annex_d_and_e(zh_markdown):
    """The operations of b1 are annex D's, the clause of a3 annex E's (not an informative annex)."""
    assert "`GET /agents`" in section(zh_markdown, 2, r"附录 D")
    assert "IFC 文件头的模型视图声明" in section(zh_markdown, 2, r"附录 E")
