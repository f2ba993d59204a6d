"""The leftovers of the twenty-fifth reading of issue 76, part s (docs/drafting.md, "Leftovers of the twenty-fifth
reading, part s"): the capture file defined for a laboratory's captures too (row 21); clause 5.1's trust anchors for
every TLS connection, without making IF-TLS-001's chain unfailable, and the MQTT broker's connections taking them
(row 22); table 7 and B.2 naming the network cases (row 23); the bibliography's CADPA entry dated (row 24). Each test
fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest

from conformance.adapters.auth import default_trust
from conformance.areas.scenes import mqtt as mq
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_twin_feed_mqtt", ROOT / "suites/scenes/test_twin_feed_mqtt.py")
assert _spec is not None and _spec.loader is not None
suite = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = suite  # its dataclasses resolve their annotations through it
_spec.loader.exec_module(suite)


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_the_capture_file_covers_a_laboratorys_captures(zh_markdown, en_markdown):
    """Row 21: 3.25 said a capture is a file 「终端在使用期间记录的」, while the measuring cases read captures a
    laboratory records with its own instruments (5.9, E.6)."""
    zh = _between(zh_markdown, "采集文件  capture file", "### 3.26")
    assert "测试实验室以其测量仪器在测试终端时记录的" in zh
    en = _between(en_markdown, "\ncapture file\n", "### 3.26")
    assert "a test laboratory records with its measuring instruments" in en


def test_clause_5_1_leaves_the_chain_case_its_fail(zh_markdown, en_markdown):
    """Row 22 (a): 「证书链不能据此验证的目标为无法访问」, a general rule without the exception of IF-TLS-001, whose
    R6 and R7 judge the chain."""
    zh = _between(zh_markdown, "### 5.1 通则", "### 5.2")
    # the forty-first reading (bx4) worded that case's whole rule: it fails a chain not verifying against the file
    assert "目标为无法访问" not in zh and "判定证书链本身的测试用例" in zh and "证书链不能据此验证时判为不通过" in zh
    en = _between(en_markdown, "### 5.1 General", "### 5.2")
    assert "is not reached" not in en and "it fails a chain that does not verify against the file" in en


def test_clause_5_1_names_the_anchors_of_mqtts_and_wss(zh_markdown, en_markdown):
    """Row 22 (b): 5.1 named `https` alone; SC-FEED-005 to -007 reach a broker over `mqtts://` and `wss://`, and the
    runtime test interface is a WebSocket."""
    zh = _between(zh_markdown, "### 5.1 通则", "### 5.2")
    assert "`mqtts://`" in zh and "`wss://`" in zh and "经 TLS 连接被测目标时" in zh
    en = _between(en_markdown, "### 5.1 General", "### 5.2")
    assert "`mqtts://`" in en and "`wss://`" in en and "connects to over TLS" in en


def test_a_broker_behind_an_http_root_takes_the_default_anchors(monkeypatch: pytest.MonkeyPatch):
    """Row 22 (b), the harness: a TLS broker declared by an http service root (no trust of the HTTP exchanges) was
    verified with ``ssl.create_default_context()``, the machine's own store, which 5.1 excludes."""
    seen: dict[str, Any] = {}

    def client(host: str, port: int, timeout: float, *, tls: Any = None, websocket: str | None = None) -> None:
        seen["tls"] = tls

    monkeypatch.setattr(suite.mq, "Client", client)
    for url in ("mqtts://broker.invalid:8883", "wss://broker.invalid/mqtt"):
        at = mq.endpoint(url)
        assert at is not None
        suite._Broker({}, at, None).client(1.0)
        assert seen["tls"] is default_trust(), url


def test_table_7_names_the_network_cases(zh_markdown, en_markdown):
    """Row 23: table 7 named file readers only and said 「测试离线进行，不访问网络」, while SC-FEED-001 to -007 and
    SC-RENDER-001 to -004 reach the platform over the network; B.2 described the file cases only."""
    zh = _between(zh_markdown, "表 8　三维场景与数字孪生测试环境", "### 5.9")
    assert "；测试离线进行，不访问网络" not in zh
    for needed in ("SC‑FEED‑001 至 SC‑FEED‑007", "SC‑RENDER‑001 至 SC‑RENDER‑004", "MQTT 3.1.1 客户端",
                   "H.264 解码程序", "5.1 所述信任锚", "网络往返时延"):
        assert needed in zh, needed
    en = _between(en_markdown, "Table 8 — 3D scenes and digital twins test environment", "### 5.9")
    assert "the test runs offline" not in en
    for needed in ("SC‑FEED‑001 to SC‑FEED‑007", "SC‑RENDER‑001 to SC‑RENDER‑004", "MQTT 3.1.1 client",
                   "H.264 decoder", "network round-trip time"):
        assert needed in en, needed
    b2 = zh_markdown.split("三维场景与数字孪生：测试工具读取", 1)[1].split("\n", 1)[0]
    assert "SensorThings API 服务" in b2 and "云渲染" in b2


def test_the_cadpa_entry_gives_its_date_and_trial_status(zh_markdown, en_markdown):
    """Row 24: 「中国音像与数字出版协会. 网络游戏适龄提示：团体标准[S].」 gave no year; issued 2020-12-16 as a trial."""
    zh = next(line for line in zh_markdown.splitlines() if "网络游戏适龄提示" in line and line.startswith("["))
    assert zh.endswith("网络游戏适龄提示（试行）：团体标准[S]. 2020-12-16."), zh
    # the English gives the issuer's name and the Chinese entry's form since the thirty-fifth reading's part w (b5)
    en = next(line for line in en_markdown.splitlines() if "age-appropriateness reminder" in line and line.startswith("["))
    assert en.endswith("(trial): group standard[S]. 2020-12-16."), en
