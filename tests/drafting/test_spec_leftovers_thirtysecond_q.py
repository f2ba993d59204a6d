"""The leftovers of the thirty-second reading of issue 76, part q (docs/drafting.md, "Leftovers of the thirty-second
reading, part q"): annex D's English names the request body and the successful response as the Chinese does (row
b4); the two request bodies that are not JSON state the contract's media type (b5); the English descriptions of
enumerated members mark the values the Chinese marks, counted cell by cell (b10). Each test fails on the draft as it
was before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.test_spec_leftovers_thirtieth_g import _annexes_d_e, _rows
from tests.drafting.test_spec_leftovers_thirtyfirst_g import _codes

CONTRACT = Path(__file__).resolve().parents[2] / "schemas" / "interfaces" / "platform.openapi.yaml"


def _operation_row(markdown: str, operation: str) -> str:
    return next(r for r in _rows(markdown) if f"| `{operation}`" in r)


def test_the_english_names_the_request_body_and_the_successful_response(zh_markdown, en_markdown):
    """b4: 75 cells said "Request: …" / "Response: …" and 55 headings "`importAsset` request" / "… response"
    against 「请求体」 / 「成功响应」."""
    zh, en = _annexes_d_e(zh_markdown), _annexes_d_e(en_markdown)
    assert not re.search(r"(^|<br>|\| )(Request|Response): ", en, re.M)
    # a cell opening with it (an example after <br> since part h114-cases is counted in neither language)
    assert en.count("| Request body") == zh.count("| 请求体") and en.count("<br>Successful response: ") == zh.count(
        "<br>成功响应：") > 40
    zh_heads = re.findall(r"^#### D\.5\.\d+ `\w+` (请求体|成功响应)", zh, re.M)
    en_heads = re.findall(r"^#### D\.5\.\d+ `\w+` (request body|successful response)", en, re.M)
    assert [{"请求体": "request body", "成功响应": "successful response"}[h] for h in zh_heads] == en_heads
    assert len(en_heads) == 55
    # D.5.4 problem details since the 43rd (b1), the resolution problem before it since the 44th (b2)
    # its number moves as annex D gains schemas (D.5.19 since the fifty-fourth reading's content reviews, a2)
    assert re.search(r"^#### D\.5\.\d+ `startPlaySession` successful response$", en, re.M)
    assert "— Members of the `startPlaySession` successful response\n" in en
    assert not re.search(r"^#### D\.5\.\d+ `\w+` (request|response)$", en, re.M)


def _non_json_bodies() -> dict[str, list[str]]:
    """operationId -> the media types of its request body, for each body described by a schema that is not JSON."""
    paths = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))["paths"]
    found = {}
    for item in paths.values():
        for op in item.values():
            content = op.get("requestBody", {}).get("content", {}) if isinstance(op, dict) else {}
            if any("schema" in media for media in content.values()) and list(content) != ["application/json"]:
                found[op["operationId"]] = list(content)
    return found


def test_a_request_body_that_is_not_json_states_its_media_type(zh_markdown, en_markdown):
    """b5: the form of `introspectToken` (RFC 7662 2.1) and the glTF document of `publishScene` read as JSON
    objects: neither table D.3's cell nor their inline schema's heading named the contract's media type."""
    bodies = _non_json_bodies()
    assert bodies == {"publishScene": ["model/gltf+json"],
                      "introspectToken": ["application/x-www-form-urlencoded"]}
    for operation, (media,) in bodies.items():
        assert re.search(rf"\| 请求体（`{re.escape(media)}`）：内联（D\.5\.\d+）<br>", _operation_row(zh_markdown, operation))
        assert re.search(rf"\| Request body \(`{re.escape(media)}`\): inline \(D\.5\.\d+\)<br>",
                         _operation_row(en_markdown, operation))
        assert re.search(rf"^#### D\.5\.\d+ `{operation}` 请求体（`{re.escape(media)}`）$", zh_markdown, re.M)
        assert re.search(rf"^#### D\.5\.\d+ `{operation}` request body \(`{re.escape(media)}`\)$", en_markdown, re.M)
        assert f"Members of the `{operation}` request body (`{media}`)" in en_markdown
    # a JSON body names no media type
    assert "| 请求体：内联（D.5." in _operation_row(zh_markdown, "importAsset")


def test_each_english_cell_marks_every_value_the_chinese_marks(zh_markdown, en_markdown):
    """b10: part g's test (thirty-first reading b5) compared code spans as sets, per paragraph; counted per table
    cell, six descriptions gave `buyer`/`seller`, `consent`/`contract`/`law`, `limit`, `t0`, `start`, `marker`
    unmarked (or not at all) in English."""
    zh, en = _rows(zh_markdown), _rows(en_markdown)
    assert len(zh) == len(en)
    short = [(z_cell, e_cell) for z, e in zip(zh, en) for z_cell, e_cell in zip(z.split(" | "), e.split(" | "))
             if _codes(z_cell) - _codes(e_cell)]
    assert short == []


def test_the_session_validation_says_in_english_what_the_chinese_says(zh_markdown, en_markdown):
    """b10: the English added that the time worn is "read from the capture clock" (the Chinese: 「佩戴一段时间之后」)."""
    zh = next(r for r in _rows(zh_markdown) if r.startswith("| `session_validation` |"))
    en = next(r for r in _rows(en_markdown) if r.startswith("| `session_validation` |"))
    assert "`worn` 为佩戴一段时间之后；" in zh and "capture clock" not in en
    assert "`worn`, after the headset has been worn for a while;" in en
    assert "measured against that of `start`" in en and "相对 `start` 测量" in zh
