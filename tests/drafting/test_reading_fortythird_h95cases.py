"""The forty-third reading of issue 76, part h95-cases (docs/drafting.md, "Forty-third reading, part h95-cases"):
test-case texts and the annex D cells the cases read (rows b1, bx1, bx2 of read43b; c3, cx2 of read43c). Each test
fails on the draft or the harness as they were at e8b6c206."""

from __future__ import annotations

import gzip
import re

import orjson

from conformance.drafting.contracts import operations
from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import captures_verdict, manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"


def _row(markdown: str, operation: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("| `") and f"| `{operation}`" in line)


def test_b1_every_other_response_the_contract_gives_a_body_stands_in_annex_d(catalog, zh_markdown, en_markdown):
    """Over every contract: an operation whose contract gives a non-2xx response a body prints it (「其他响应」),
    so what a case judges an error against is in the annex; before, only the successful response stood there."""
    with_bodies = [op for op in operations(catalog) if any(
        str(code).isdigit() and str(code)[0] not in "12" and ("content" in answer or "$ref" in answer)
        for code, answer in op.source.get("responses", {}).items())]
    assert {op.operation_id for op in with_bodies} >= {"resolveDid", "resolveIdentifier", "joinSession"}
    for op in with_bodies:
        if f"| `{op.operation_id}`" not in zh_markdown:  # an operation no requirement names is not in annex D
            continue
        assert "<br>其他响应：" in _row(zh_markdown, op.operation_id), op.operation_id
        assert "<br>Other responses: " in _row(en_markdown, op.operation_id), op.operation_id
    zh = _row(zh_markdown, "resolveDid")
    assert re.search(r"其他响应：410：`application/problem\+json`：`interfaces/problem-details\.json`（D\.5\.\d+）；"
                     r"`application/did-resolution`：`identity/did-resolution-result\.json`（D\.5\.\d+）", zh), zh


def test_b1_the_deactivated_member_is_defined_where_the_harness_validates(catalog, zh_markdown):
    """「含扩展成员 `deactivated: true` 的 RFC 9457 问题详情」 named a member defined nowhere; the problem details
    schema the harness validates problems with now defines it, and annex D prints it with that schema's members."""
    schema = catalog.schemas.get("https://metaverse-conformance.org/schemas/interfaces/problem-details.json")
    assert schema["properties"]["deactivated"] == {**schema["properties"]["deactivated"], "type": "boolean",
                                                   "const": True}
    clause = zh_markdown.split("`interfaces/problem-details.json`\n\n", 1)[1].split("####", 1)[0]
    assert "| `deactivated` | `boolean` | 否 | 取值为 `true` |" in clause, clause
    assert "扩展成员 `deactivated` 为 `true`" in zh_markdown.split("### D.2 ", 1)[0]  # D.1


def test_bx1_a_label_or_prompt_not_served_fails_and_a_server_error_stays_inconclusive(catalog, run_manifest):
    """Before, a 404 for the label raster or the audio prompt left AS-AIGC-013..015 inconclusive for ever."""
    cases = (("label", ("AS-AIGC-013", "AS-AIGC-014")), ("prompt", ("AS-AIGC-015",)))
    for name, ids in cases:
        for status, verdict in ((404, "fail"), (503, "inconclusive")):
            with serve_failing(lambda method, path, query, name=name: method == "GET" and path.endswith(f"/{name}"),
                               status=status) as url:
                result = run_manifest(manifest_for(catalog, "generation-interface", base_urls={"api": url}),
                                      requirements=list(ids))
            assert verdicts(result, list(ids)) == dict.fromkeys(ids, verdict), (name, status)
            if verdict == "fail":
                assert "does not serve the" in reasons(result, ids[0])


def test_bx1_the_texts_fail_a_label_or_prompt_not_served(zh_markdown):
    for case, what in (("AS-AIGC-013", "标识图像"), ("AS-AIGC-014", "标识图像"), ("AS-AIGC-015", "音频提示")):
        lines = _verdict_lines(_cases(zh_markdown)[case], "zh")
        assert f"{what}的请求以 200 与服务器错误以外的状态码应答" in lines["不通过"], case
        assert "服务未提供" not in lines["不确定"], case


def test_bx2_no_fail_line_only_negates_the_title(zh_markdown, en_markdown):
    """Over the whole draft: 10 cases' 不通过 lines said only 「任一被检对象不满足“<title>”」, no observation
    that fails."""
    bare_zh = re.compile(r"不通过：任一被检对象不满足“[^”]*”，记录指明对象与位置。")
    bare_en = re.compile(r'Fail: an item checked does not meet "[^"]*"; the record names it and where\.')
    assert [c for c, t in _cases(zh_markdown).items() if bare_zh.search(t)] == []
    assert [c for c, t in _cases(en_markdown).items() if bare_en.search(t)] == []
    lines = _verdict_lines(_cases(zh_markdown)["IF-UDP-004"], "zh")
    assert "另一已认证用户的导出请求得到 403、404 以外的应答" in lines["不通过"]


def _without_markers(out):
    head, *rows = gzip.decompress((SAMPLES / "bci-headset.ndjson.gz").read_bytes()).splitlines()
    parsed = orjson.loads(head)
    markers = {s["id"] for s in parsed["streams"] if s.get("type") == "marker"}
    assert markers
    parsed["streams"] = [s for s in parsed["streams"] if s["id"] not in markers]
    frames = [r for r in rows if r.strip() and orjson.loads(r).get("stream") not in markers]
    out.write_bytes(b"\n".join([orjson.dumps(parsed), *frames]) + b"\n")
    return out


def test_c3_captures_without_a_marker_stream_are_not_applicable(tmp_path, catalog, run_manifest, zh_markdown):
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-005",
                                     [_without_markers(tmp_path / "no-markers.ndjson")])
    assert verdict == "not_applicable", text
    lines = _verdict_lines(_cases(zh_markdown)["TD-BCI-005"], "zh")
    assert lines["不适用"].startswith("不适用：所提供的采集文件均不含 `marker` 数据流"), lines["不适用"]
    assert "不含" not in lines["不确定"], lines["不确定"]


def test_cx2_no_case_names_a_validator_it_does_not_introduce(zh_markdown):
    """SC-TILE-006's step 3 said 「不交给校验器，校验器在……」 with no validator introduced; every 校验器 a case
    names is the JSON Schema validator its own step introduces."""
    introduced = re.compile(r"JSON Schema (?:2020-12 )?校验器$")
    found = [(c, m.group(0)) for c, t in _cases(zh_markdown).items()
             for m in re.finditer(r".{0,24}校验器", t) if not introduced.search(m.group(0))]
    assert found == [], found
    assert "不予检查；检查中对该文件夹之外文件的读取予以拒绝" in _cases(zh_markdown)["SC-TILE-006"]

