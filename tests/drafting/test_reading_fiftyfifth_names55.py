"""The fifty-fifth reading, part h109-names55 (docs/drafting.md, "Fifty-fifth reading, part h109-names55"): one name
for one thing, and a case's text saying what its check does. Table B.2 still called the twin's live data 数据流 and
实时数据馈送 (a1); the draft and its explanatory note wrote 触元 and 触觉单元, 定位台 and 定位平台, 试验台 and 测试台,
结构相似度 and 结构相似性 (c5, c6); eight cases left an off-schema history to AS-REG-001, whose text never named the
schema (b3); ID-VC-004 failed SD-JWT disclosure digests under R4, a rule about VC 1.1 JWTs (bx1); TD-BIO-004 ended
its list of raw user identifier names in 「等」 while the check fails a fixed set (ax1); table E.10 printed a
pattern's backtick as `'` (ax2). Each test fails on the draft as it was before (05b2024e)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from conformance.areas.terminal.biometric import USER_ID_NAME
from conformance.drafting.patterns import PYTHON_END_GUARD, ecma
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line

ROOT = Path(__file__).resolve().parents[2]

#: a name the draft no longer writes -> the one name it writes for the same thing
_ONE_NAME = {"触觉单元": "触元", "定位平台": "定位台", "测试台": "试验台", "结构相似性": "结构相似度",
             "实时数据馈送": "实时数据服务"}


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def test_a1_c5_c6_one_name_for_each_thing(zh_markdown, note_md):
    """The class of a1, c5 and c6: neither the draft nor its explanatory note writes the second name of the taxel,
    the positioning stage, the rig, SSIM or the twin's live data, and each first name is written."""
    for text in (zh_markdown, note_md):
        assert [word for word in _ONE_NAME if word in text] == []
    for word in _ONE_NAME.values():
        assert word in zh_markdown, word
    assert "SSIM：结构相似度" in zh_markdown


def test_a1_the_twins_live_data_is_never_a_stream(zh_markdown):
    """数据流 (3.47) is a terminal's stream in a capture file: no line speaking of the digital twin's SensorThings
    service calls it so, and table B.2's twin row says 「其实时数据的时效」."""
    twin = [line for line in zh_markdown.splitlines() if "SensorThings" in line and "数字孪生" in line]
    assert twin
    assert [line[:80] for line in twin if "数据流" in line] == []
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| 数字孪生、城市信息模型与建筑信息模型 |"))
    assert "（其实时数据的时效之外）" in row and "数字孪生的实时数据服务作为 OGC SensorThings API 1.1 服务受检" in row


_LEFT_TO = re.compile(r"`([\w/.-]+\.json)` 模式（由 ([A-Z]{2}-[A-Z]+-\d{3}) 判定）")


def test_b3_a_case_judging_a_schema_for_others_names_it(zh_markdown):
    """The class of b3: where a case leaves data off a schema to another case (「… 模式（由 X 判定）」), X's own text
    names that schema; AS-REG-001's R4 and step 6 validate the history against `assets/asset-history.json`."""
    plain = _plain(zh_markdown)
    left = set(_LEFT_TO.findall(plain))
    assert ("assets/asset-history.json", "AS-REG-001") in left
    for schema, judge in sorted(left):
        assert Path(schema).stem in _case(plain, judge), (schema, judge)
    case = _case(plain, "AS-REG-001")
    assert "以附录 D 所列 `assets/asset-history.json` 模式校验应答体" in _line(case, "测试步骤")
    assert "R4：`GET /assets/{asset_id}/history` 应以符合接口契约的 `asset-history` 模式的历史应答" in case


def test_bx1_the_sd_jwt_half_of_id_vc_004_has_its_rule(zh_markdown, en_markdown):
    """ID-VC-004's SD-JWT checks (issuer signature, disclosure digests) are R6, named in the statement; R4 speaks of
    VC 1.1 JWTs and no verdict files an SD-JWT under it."""
    for markdown, sd_rule in ((zh_markdown, "R6：SD-JWT 的签发者 JWT"), (en_markdown, "R6: An SD-JWT's issuer JWT")):
        case = _plain(_case(markdown, "ID-VC-004"))
        assert sd_rule in case
        criteria = _line(case, "判定准则" if markdown is zh_markdown else "Verdict criteria")
        assert "（R4）" not in criteria and "(R4)" not in criteria
        assert "（R6）" in criteria or "(R6)" in criteria
    purpose = _line(_plain(_case(zh_markdown, "ID-VC-004")), "测试目的")
    assert "以 SD-JWT（RFC 9901）保护的凭证" in purpose


def _code_words(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def _tokens(words: list[str]) -> set[str]:
    spelled = {"email": ("e", "mail"), "cellphone": ("cell", "phone")}
    found: set[str] = set()
    for word in words:
        for token in re.findall(r"[a-z]+", word.lower()):
            found.update(spelled.get(token, (token,)))
    return found


def test_ax1_td_bio_004_lists_the_names_the_check_fails(zh_markdown):
    """TD-BIO-004's step 3 states the closed set of `USER_ID_NAME` (no 「等」): every word of the check's pattern is
    in the step, and every name the step's rule builds is one the check fails."""
    case = _plain(_case(zh_markdown, "TD-BIO-004"))
    step = next(part for part in _line(case, "测试步骤").split("<br>") if part.startswith("3."))
    assert "等" not in step and "等）" not in _line(case, "测试目的")
    words = _code_words(step)
    pattern_words = _tokens(re.findall(r"[a-z]+", re.sub(r"\\[a-z]|\[[^\]]*\]", " ", USER_ID_NAME.pattern)))
    assert pattern_words <= _tokens(words) | {"x"}, pattern_words - _tokens(words)
    holders = ("user", "account", "member", "customer", "player")
    kinds = ("id", "name", "no", "number", "email", "e-mail", "phone", "mobile")
    alone = {"phone": ("no", "num", "number"), "mobile": ("no", "num", "number"), "telephone": ("no", "num", "number"),
             "cellphone": ("no", "num", "number"), "email": ("address", "addr"), "id_card": ("no", "number")}
    built = [f"{h}{j}{k}" for h, k in itertools.product(holders, kinds) for j in ("", "_", "-")]
    built += [n for head, tails in alone.items() for n in [head, *(f"{head}{j}{t}" for t in tails for j in "_-")]]
    built += ["id_number", "uid", "username", "login", "real_name", "x-userEmail", "USER_ID"]
    assert [name for name in built if not USER_ID_NAME.match(name)] == []
    assert [name for name in ("device_id", "nickname", "user_ids", "stream_id") if USER_ID_NAME.match(name)] == []


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_ax2_a_patterns_backtick_is_printed_as_the_same_character(zh_markdown):
    """A schema pattern holding a backtick is printed with the ECMA-262 escape `\\x60`, which matches what the
    schema's backtick matches; never with `'` in its place (RFC 9110's tchar of `headers_env`)."""
    ticked = sorted({p for path in (ROOT / "schemas").rglob("*.json")
                     for p in _patterns(json.loads(path.read_text(encoding="utf-8"))) if "`" in p})
    assert ticked
    for pattern in ticked:
        printed = ecma(pattern)
        assert f"`{printed.replace('|', chr(92) + '|')}`" in zh_markdown, printed
        assert pattern.replace(PYTHON_END_GUARD, "$").replace("`", "'") not in zh_markdown
        assert re.fullmatch(printed, "a`b") is not None or re.fullmatch(pattern, "a`b") is None


def test_a5_test_clock_names_only_the_test_clock(zh_markdown, en_markdown):
    """3.35's 测试时钟 is the per-identity time `POST /test/clock` sets; annex D names no other mechanism
    `test_clock`: the order clock no requirement used is withdrawn, and the play-session request time is
    `minors.playtime.request_time`, which 3.34's list of test-only facilities names."""
    contract = (ROOT / "schemas" / "interfaces" / "platform.openapi.yaml").read_text(encoding="utf-8")
    assert "test-clock" not in contract and "playtime.test_clock" not in contract
    for markdown in (zh_markdown, en_markdown):
        assert "trading.test_clock" not in markdown and "minors.playtime.test_clock" not in markdown
        assert "`minors.playtime.request_time`" in markdown
    term = zh_markdown[zh_markdown.index("测试部署  test deployment"):zh_markdown.index("测试时钟  test clock")]
    # fifty-seventh reading, part h111-names57 (ax1): the flag declares whether the request member `at` is accepted
    assert "游戏会话请求所带的请求时刻（请求的成员 `at`，由服务发现文档的 `minors.playtime.request_time` 声明是否接受）" in term
