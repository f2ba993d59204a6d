"""The twenty-third reading of issue 76, part k (docs/drafting.md, "Leftovers of the twenty-third reading, part k"):
rows 5, 10, 13, 14, 15, 21, 22, 23, 24, 25, 28 and 40. Scenes, assets and robots: a 前置条件 naming only what the
case reads; a statement, its rules and its steps stating one criterion; a refused kind failing, a transport the
standard allows being the laboratory's to speak; a record resting on the rules, not on a tool's codes. Each test
fails on the draft as it was before the fix it names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from conformance import Inconclusive
from conformance.areas.scenes import mqtt as mq
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
_LABELS = {"zh": {"conditions": "前置条件", "steps": "测试步骤", "criteria": "判定准则"},
           "en": {"conditions": "Initial conditions", "steps": "Test procedure", "criteria": "Verdict criteria"}}
NB = "\u2011"  # the draft joins an ID's parts with a non-breaking hyphen


def _part(markdown: str, rid: str, lang: str, part: str) -> str:
    return _row(_cases(markdown)[rid], _LABELS[lang][part])


def _line(text: str, start: str) -> str:
    """The piece of a table cell (its lines are joined by <br>) that starts with ``start``."""
    return next((piece for piece in text.split("<br>") if piece.startswith(start)), "")


def _requirement(area: str, rid: str) -> dict:
    entries = yaml.safe_load((ROOT / f"suites/{area}/requirements.yaml").read_text(encoding="utf-8"))["requirements"]
    return next(entry for entry in entries if entry["id"] == rid)


def _rule(area: str, rid: str, rule: str, lang: str) -> str:
    return next(r[lang] for r in _requirement(area, rid)["rules"] if r["id"] == rule)


# ---- row 5: the BIM cases that read no IDS file do not name one

@pytest.mark.parametrize("rid", ["SC-BIM-003", "SC-BIM-005", "SC-BIM-006", "SC-BIM-007", "SC-BIM-008", "SC-BIM-009",
                                 "SC-BIM-010"])
def test_a_bim_case_without_ids_names_no_ids_file(zh_markdown, en_markdown, rid):
    assert "信息需求" not in _part(zh_markdown, rid, "zh", "conditions")
    assert "IDS" not in _part(zh_markdown, rid, "zh", "conditions")
    assert "IDS" not in _part(en_markdown, rid, "en", "conditions")
    assert "IFC 文件" in _part(zh_markdown, rid, "zh", "conditions")


# ---- row 10: SC-CITY-007's fold criterion is R11's, each normal against the first triangle's

def test_the_fold_criterion_is_measured_against_the_first_triangle(zh_markdown, en_markdown):
    zh = _line(_part(zh_markdown, "SC-CITY-007", "zh", "criteria"), "通过：")
    assert "其各三角形的法向与第一个三角形的法向相差不超过 20°" in zh
    assert "彼此相差" not in zh
    en = _line(_part(en_markdown, "SC-CITY-007", "en", "criteria"), "Pass:")
    assert "within 20° of the first triangle's" in en
    assert "of one another" not in en
    assert "第一个三角形" in _rule("scenes", "SC-CITY-007", "R11", "zh")


# ---- rows 13 and 25: RB-TRACK-001's peak speed as step 1 takes it; step 5's limit with its units; 不大于

def test_the_tracking_case_states_the_motion_and_the_limit_as_it_applies_them(zh_markdown, en_markdown):
    zh = _line(_part(zh_markdown, "RB-TRACK-001", "zh", "criteria"), "通过：")
    assert "峰值速度不超过其速度限值的一半" in zh
    assert "峰值速度为其速度限值的一半" not in zh
    en = _line(_part(en_markdown, "RB-TRACK-001", "en", "criteria"), "Pass:")
    assert "peak speed is at most half its velocity limit" in en
    steps = _part(zh_markdown, "RB-TRACK-001", "zh", "steps")
    assert "`max_tracking_error`（0.05 rad（`revolute`）或 0.05 m（`prismatic`））比较" in steps
    assert "（0.05）" not in steps
    assert "(0.05 rad (`revolute`) or 0.05 m (`prismatic`))" in _part(en_markdown, "RB-TRACK-001", "en", "steps")
    for rule in ("R2", "R3"):
        assert "不大于" in _rule("robots", "RB-TRACK-001", rule, "zh")
        assert "小于或等于" not in _rule("robots", "RB-TRACK-001", rule, "zh")


# ---- row 14: AS-META-004's rules state what steps 2 and 3 check

def test_the_metadata_rules_state_the_bounds_the_steps_check():
    assert "非负整数" in _rule("assets", "AS-META-004", "R1", "zh")
    assert "non-negative whole number" in _rule("assets", "AS-META-004", "R1", "en")
    assert "min_age 为 0 至 21 的整数" in _rule("assets", "AS-META-004", "R2", "zh")
    assert "min_age a whole number from 0 to 21" in _rule("assets", "AS-META-004", "R2", "en")
    assert "在其范围之内" not in _rule("assets", "AS-META-004", "R2", "zh")


# ---- row 15: AS-REG-001's steps look at the status codes R1 and R2 name

def test_the_registry_steps_look_at_the_status_codes(zh_markdown, en_markdown):
    zh = _part(zh_markdown, "AS-REG-001", "zh", "steps")
    assert "查看是否以 201 应答" in zh
    assert zh.count("查看是否以 200 应答") == 2
    assert "记录状态码" not in zh
    en = _part(en_markdown, "AS-REG-001", "en", "steps")
    assert "look at whether it answers 201" in en
    assert en.count("look at whether it answers 200") == 2


# ---- row 21: a broker over TLS or WebSocket is judged; one inconclusive line for one situation

def test_a_broker_over_tls_or_websocket_is_no_limit_of_the_laboratory(zh_markdown, en_markdown):
    five = _line(_part(zh_markdown, "SC-FEED-005", "zh", "criteria"), "不确定：")
    # the twenty-fifth reading's part p named the states the checks reach besides (the entity taken in step 4), the
    # twenty-sixth's part d a broker that cannot be connected (no transport of the laboratory's client, though)
    # the forty-first reading's c15: a packet past 5.1's reading bound is left unread, the line's last clause, the
    # only MQTT it names (a bound of the document's, not a transport the laboratory's client lacks)
    five, bound = five.split("；或代理发送的数据包超出读取界限“MQTT 数据包的大小”（见 5.1）")
    assert five.startswith("不确定：服务根无法访问；") and five.endswith("致使推送无法观察") and "MQTT" not in five, five
    assert bound == "，该数据包未予读取，且没有其他不符合项。", bound
    five_en = _line(_part(en_markdown, "SC-FEED-005", "en", "criteria"), "Inconclusive:")
    five_en = five_en.split(' the reading bound "MQTT packet size" (see 5.1)')[0]
    assert five_en.startswith("Inconclusive: the service root cannot be reached; ") and "MQTT" not in five_en
    seven = _line(_part(zh_markdown, "SC-FEED-007", "zh", "criteria"), "不确定：")
    seven = seven.split("；或代理发送的数据包超出读取界限“MQTT 数据包的大小”（见 5.1）")[0]  # c15, as above
    assert seven.startswith("不确定：服务根无法访问；")
    assert seven.endswith("或平台拒绝第 5 步的 `PATCH`；以上均致使推送无法观察"), seven
    assert "MQTT" not in seven
    for rid in ("SC-FEED-005", "SC-FEED-006", "SC-FEED-007"):
        assert "`mqtts://` 经 TLS，`ws://` 与 `wss://` 经 WebSocket" in _part(zh_markdown, rid, "zh", "steps")
    # the check does so: each scheme is an endpoint the client connects to (tests/areas/scenes/test_feed_mqtt.py
    # connects over TLS and WebSocket and fails a silent broker offered over ws:// alone)
    assert [(at.websocket, at.tls) for at in map(mq.endpoint, ("mqtt://h", "mqtts://h", "ws://h/m", "wss://h/m"))] \
        == [(False, False), (False, True), (True, False), (True, True)]
    source = (ROOT / "suites/scenes/test_twin_feed_mqtt.py").read_text(encoding="utf-8")
    assert "mqtt-no-plain-endpoint" not in source


# ---- row 22: the delivery time is the parameter's value, not a declared one

@pytest.mark.parametrize("rid", ["SC-FEED-005", "SC-FEED-006", "SC-FEED-007"])
def test_the_delivery_time_is_the_value_this_document_sets(rid):
    # SC-FEED-006 pushes nothing: its 10 s is the creation time (fifty-eighth reading, part h116-limT, c6)
    zh, en = ("创建时限", "creation time") if rid == "SC-FEED-006" else ("推送时限", "delivery time")
    statement = _requirement("scenes", rid)["statement"]
    assert f"所声明的{zh}" not in statement["zh"]
    assert f"在 10 秒的{zh}内" in statement["zh"]
    assert f"declared {en}" not in " ".join(statement["en"].split())
    assert f"{en} of 10 s" in " ".join(statement["en"].split())


# ---- row 23: a refused kind fails R1; only an unreachable interface or a server error is inconclusive

_KINDS = {"AS-AIGC-012": "文本", "AS-AIGC-013": "图片", "AS-AIGC-014": "视频", "AS-AIGC-015": "音频",
          "AS-AIGC-016": "场景"}


@pytest.mark.parametrize("rid", sorted(_KINDS))
def test_a_refused_kind_fails_and_a_server_error_is_inconclusive(zh_markdown, en_markdown, rid):
    step = _part(zh_markdown, rid, "zh", "steps").split("<br>")[0]
    assert "以服务器错误（`5xx`）应答该请求时记录“不确定”" in step
    assert f"拒绝生成{_KINDS[rid]}" in step and "记录“不通过”（规则 R1 不满足）" in step
    criteria = _part(zh_markdown, rid, "zh", "criteria")
    assert f"拒绝生成{_KINDS[rid]}" in _line(criteria, "不通过：")
    assert "未以 200 应答" not in _line(criteria, "不确定：") and "服务器错误" in _line(criteria, "不确定：")
    en = _part(en_markdown, rid, "en", "steps").split("<br>")[0]
    assert 'record "fail" (rule R1 not met)' in en


class _Answer:
    def __init__(self, status: int) -> None:
        self.status, self.requested = status, "POST https://platform.example/generate"


class _Api:
    def __init__(self, status: int) -> None:
        self.status = status

    def post(self, path: str, json: object) -> _Answer:
        return _Answer(self.status)


class _Evidence:
    def __init__(self) -> None:
        self.findings: list[tuple[str, dict]] = []

    def finding(self, message: str, **members: object) -> None:
        self.findings.append((message, members))


def _generation_module():
    path = ROOT / "suites/assets/test_generation_interface.py"
    spec = importlib.util.spec_from_file_location("generation_interface_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_check_fails_a_refusal_and_leaves_a_server_error_inconclusive():
    generate = _generation_module()._generate
    evidence = _Evidence()
    assert generate(_Api(422), "/generate", "scene", evidence) is None
    [(message, members)] = evidence.findings
    assert members["rule"] == "R1" and members["actual"] == 422 and "422" in message
    with pytest.raises(Inconclusive):
        generate(_Api(503), "/generate", "text", _Evidence())
    known_bad = yaml.safe_load((ROOT / "suites/assets/known_bad.yaml").read_text(encoding="utf-8"))["AS-AIGC-016"]
    assert any(case.get("defects") == ["generation-refuses-scenes"] and case.get("rule") == "R1"
               for case in known_bad)


# ---- row 24: the city cases record the rule broken, not val3dity's error code

@pytest.mark.parametrize("rid", ["SC-CITY-007", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012"])
def test_a_city_case_records_the_rule_broken(zh_markdown, en_markdown, rid):
    zh = _part(zh_markdown, rid, "zh", "steps")
    assert "4. 记录每个不符合项所违反的规则及其所在的" in zh
    assert "错误的代码" not in zh
    en = _part(en_markdown, rid, "en", "steps")
    assert "4. Record each non-conformity's rule and the " in en
    assert "error's code" not in en


# ---- row 28: the English names SC-CITY-002's finding a non-conformity, as the Chinese does

@pytest.mark.parametrize("rid", ["SC-CITY-008", "SC-CITY-009", "SC-CITY-012"])
def test_the_english_names_the_non_conformity_sc_city_002_records(en_markdown, rid):
    steps = _part(en_markdown, rid, "en", "steps")
    assert f"SC{NB}CITY{NB}002's finding" not in steps
    assert f"(a non-conformity SC{NB}CITY{NB}002 records)" in steps


# ---- row 40: SC-TILE-011's statement and pass line state R1 and R3

def test_the_s2_statement_states_what_its_rules_check(zh_markdown, en_markdown):
    zh = _line(_part(zh_markdown, "SC-TILE-011", "zh", "criteria"), "通过：")
    assert ("给出字符串 `token` 与数值高度，`token` 为有效 S2 单元的规范形式，"
            "且 `minimumHeight` 不大于 `maximumHeight`") in zh
    assert "之间" not in zh
    en = _line(_part(en_markdown, "SC-TILE-011", "en", "criteria"), "Pass:")
    assert "the `minimumHeight` not greater than the `maximumHeight`" in en
