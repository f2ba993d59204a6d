"""The leftovers of the twenty-fourth reading of issue 76, part d (docs/drafting.md, "Leftovers of the twenty-fourth
reading, part d"): the interfaces cases and the trust anchors. IF-TLS-001 needs its trust-anchor file (row 8) and
says what a suite class not offered gives (row 9); step lists named whole (row 10); IF-CODE-005 and -006 name a code
of conduct that cannot be read (row 11), and IF-CODE-006 reads its ban before judging it (row 12); IF-UDP-007's
`asset.` whole (row 13) and its pass line as its steps observe (row 14); one English form of the terms (row 38);
the trust anchors of every https target, in clause 5, annex A and the harness (row 39). Each test fails on the draft
or the harness as they were before these fixes."""

from __future__ import annotations

import http.server
import re
import ssl
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.errors import TargetUnreachable
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.servers import serving


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_tls_case_does_not_call_its_trust_anchors_optional(zh_markdown, en_markdown):
    """Row 8: without the file R6 and R7 are not judged and the case cannot pass, yet its 前置条件 said
    「（PEM，可选）」."""
    zh = _row(_cases(zh_markdown)["IF-TLS-001"], "前置条件")
    assert "信任锚文件 `ca_bundle`（PEM，RFC 7468）" in zh and "可选" not in zh
    en = _row(_cases(en_markdown)["IF-TLS-001"], "Initial conditions")
    assert "`ca_bundle` of target `api` (PEM, RFC 7468)" in en and "optional" not in en


def test_a_suite_class_not_offered_has_its_verdict(zh_markdown, en_markdown):
    """Row 9: step 4 recorded a class the test equipment cannot offer as not offered, and no verdict line said
    what that gives. Since the forty-first reading (row b9) no class is left unoffered: each is offered by its
    own ClientHello, and the pass line judges R4 for every class step 4 lists."""
    zh = _cases(zh_markdown)["IF-TLS-001"]
    assert "ClientHello" in _steps(zh, "zh")[3] and "未提供" not in _steps(zh, "zh")[3]
    assert "R4 对第 4 步所列的每一类密码套件成立" in _verdict_lines(zh, "zh")["通过"]
    en = _cases(en_markdown)["IF-TLS-001"]
    assert "ClientHello" in _steps(en, "en")[3] and "not offered" not in _steps(en, "en")[3]
    assert "R4 for each class of cipher suites step 4 lists" in _verdict_lines(en, "en")["Pass"]


def test_steps_are_named_whole_in_every_list(zh_markdown):
    """Row 10: 「第 1、3、4、5、6 步」 and 「第 5 或第 6 步」 kept the short forms part l removed elsewhere."""
    assert not re.search(r"第 \d+、[\d、]+ ?步|第 \d+ 或第 \d+ 步|步骤 ?\d", zh_markdown)
    passed = _verdict_lines(_cases(zh_markdown)["IF-CODE-001"], "zh")["通过"]
    assert "第 1 步、第 3 步、第 4 步、第 5 步、第 6 步的查看" in passed and "第 5 步或第 6 步查看" in passed


def test_an_unreadable_code_of_conduct_has_its_verdict(zh_markdown, en_markdown):
    """Row 11: the checks of IF-CODE-005 and -006 are inconclusive when the code of conduct cannot be read
    (IF-CODE-001's to judge); their 不确定 lines named identities, sanctions and clocks only."""
    for rid in ("IF-CODE-005", "IF-CODE-006"):
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
        assert "`reporting.conduct_rules`" in zh and "行为规范无法读取" in zh and "IF‑CODE‑001" in zh, rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]
        assert "code of conduct cannot be read" in en and "IF‑CODE‑001" in en, rid


def test_the_ban_case_reads_its_code_of_conduct_first(zh_markdown, en_markdown):
    """Row 12: its 不适用 line names a code of conduct declaring no `ban`, which no step read."""
    zh = _steps(_cases(zh_markdown)["IF-CODE-006"], "zh")
    # part h's check of the ICS comes first, then the code of conduct is read before anything is done
    assert zh[0].startswith("1. 核对 ICS") and zh[1].startswith("2. 读取服务发现文档的 `reporting.conduct_rules`")
    assert "未声明 `ban` 时，记录“不适用”并结束本用例" in zh[1] and "第 2 步所记录的最长期限" in zh[5]
    en = _steps(_cases(en_markdown)["IF-CODE-006"], "en")
    assert en[0].startswith("1. Check the ICS")
    assert "declares no ban, record \"not applicable\" and stop" in en[1].replace("`", "")


def test_the_asset_prefix_is_one_code_value(zh_markdown, en_markdown):
    """Row 13: 「`asset`. 后接事件类型」 left the prefix's dot outside its code marks."""
    for text in (zh_markdown, en_markdown):
        assert "`asset`." not in text
    assert "为 `asset.` 后接事件类型" in _row(_cases(zh_markdown)["IF-UDP-007"], "测试目的")
    assert "`asset.` followed by the event type" in _row(_cases(en_markdown)["IF-UDP-007"], "Test purpose")


def test_the_activity_case_passes_on_what_its_steps_observe(zh_markdown, en_markdown):
    """Row 14: the pass line restated the statement (a transfer the steps never do), the steps acted 「在平台对的每个
    平台上」 without saying where the export is asked for, and no step recorded the non-conformities."""
    zh = _cases(zh_markdown)["IF-UDP-007"]
    passed = _verdict_lines(zh, "zh")["通过"]
    assert "asset.transfer" not in passed and "一次 `profile.set`、两次 `asset.issue`" in passed
    steps = _steps(zh, "zh")
    assert steps[0].startswith("1. 在平台 A 与平台 B 上分别") and steps[1].startswith("2. 在平台 A 与平台 B 上分别")
    assert steps[-1].startswith("4. 记录每个不符合项")
    en = _cases(en_markdown)["IF-UDP-007"]
    assert "asset.transfer" not in _verdict_lines(en, "en")["Pass"]
    assert _steps(en, "en")[-1].startswith("4. Record each non-conformity")


def test_the_english_writes_each_term_one_way(en_markdown):
    """Row 38: "nonconformity" and "non-conformance" beside the draft's non-conformity; the head and torso simulator
    written one way, as ITU-T P.58 writes it (part f's choice, row 33 (b))."""
    assert "nonconformity" not in en_markdown and "non-conformance" not in en_markdown
    assert "head-and-torso simulator" not in en_markdown and "head and torso simulator" in en_markdown


def test_clause_5_names_the_trust_anchors_of_every_https_target(zh_markdown, en_markdown):
    """Row 39: only the cases judging a chain named the trust-anchor file; every other https target was verified
    with whatever store the laboratory's computer has."""
    general = zh_markdown.split("### 5.1 通则", 1)[1].split("### 5.2", 1)[0]
    # the list the Program includes, without naming a package (part front, forty-first reading)
    assert "信任锚文件（`ca_bundle`，PEM" in general and "Mozilla CA 证书计划所收录的根证书列表" in general
    assert "不使用其他任何信任锚" in general and "记入测试报告" in general
    english = en_markdown.split("### 5.1 General", 1)[1].split("### 5.2", 1)[0]
    assert "root certificates the Mozilla CA Certificate Program includes" in english and "no other anchors" in english
    for title in ("数字资产测试环境", "标识解析测试环境", "数字身份测试环境", "平台接口测试环境"):
        table = zh_markdown.split(title, 1)[1].split("###", 1)[0]
        assert "5.1 所述信任锚" in table, title


def test_annex_a_lists_the_trust_anchors_of_every_http_target(catalog, zh, en):
    """Row 39: annex A gave `ca_bundle` a row only in the three profiles whose rules judge a chain against it (A.42,
    A.61, A.73); every other profile with an HTTP target (A.8 `asset-registry`, A.24 `identity-resolver` ...)
    named none."""
    for blocks, lang in ((zh, "zh"), (en, "en")):
        tables = {b.title: b.rows for b in blocks if b.kind == "table"}
        for profile in catalog.profiles.values():
            roles = [role for role, target in profile.targets.items() if target.kind == "http"]
            if not roles:
                continue
            title = f"{profile.title.zh}的 IXIT" if lang == "zh" else f"IXIT of {profile.title.en}"
            rows = next(rows for name, rows in tables.items() if name.endswith(title))
            for role in roles:
                assert any("`ca_bundle`" in row[0] and f"`{role}`" in row[0] for row in rows), (profile.id, role, lang)


@pytest.fixture
def private_ca_server():
    """A TLS server whose chain leads to the reference's test CA only, which no public root list holds."""
    from conformance.reference.tls import server_context, trust_anchor

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler, server_context()) as url:
        yield url, trust_anchor()


def test_a_target_without_ca_bundle_is_verified_with_the_named_list_only(tmp_path: Path, private_ca_server,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """Row 39, the harness: without a ca_bundle the HTTP exchanges trusted whatever SSL_CERT_FILE named (httpx's
    default), and the harness's own connections (WebSockets) the machine's store; both are the named list now, and
    the manifest's ca_bundle still reaches a private CA."""
    from conformance.adapters.auth import default_trust

    url, anchor = private_ca_server
    monkeypatch.setenv("SSL_CERT_FILE", str(anchor))  # a laboratory's own setting: not what the standard names
    config = {"adapter": "http", "base_url": url, "timeout_s": 5}
    adapter = HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", {}))
    try:
        assert adapter.tls_context() is default_trust()
        with pytest.raises(TargetUnreachable):
            adapter.preflight()
    finally:
        adapter.close()
    (tmp_path / "ca.pem").write_bytes(anchor.read_bytes())
    anchored = HttpAdapter("api", {**config, "ca_bundle": "ca.pem"}, AdapterContext(tmp_path / "m.yaml", {}))
    try:
        anchored.preflight()
        assert anchored.get("/").status == 200
    finally:
        anchored.close()


def test_the_default_trust_holds_the_named_list_alone():
    """Row 39: the default context trusts the certifi bundle's roots and nothing the machine adds."""
    from conformance.adapters.auth import default_anchors_file, default_trust

    context = default_trust()
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    roots = default_anchors_file().read_text(encoding="ascii", errors="ignore").count("BEGIN CERTIFICATE")
    assert len(context.get_ca_certs()) == roots
    assert default_trust(shared=False) is not context  # a context a client certificate is loaded into: its own


def test_the_report_records_the_default_trust_anchors(catalog):
    """Row 39: the run's environment names the list it verified an https target given no ca_bundle with."""
    from conformance._run.terms import environment
    from conformance.adapters.auth import DEFAULT_ANCHORS_LIST

    def plan(targets: dict) -> SimpleNamespace:
        return SimpleNamespace(catalog=catalog, selected=[], profiles=[], manifest=SimpleNamespace(targets=targets))

    found = environment(plan({"api": {"adapter": "http", "base_url": "https://platform.test"}}))["trust_anchors"]
    assert found["list"] == DEFAULT_ANCHORS_LIST and re.fullmatch(r"[0-9a-f]{64}", found["sha256"])
    assert found["version"]
    for targets in ({"api": {"adapter": "http", "base_url": "https://platform.test", "ca_bundle": "ca.pem"}},
                    {"api": {"adapter": "http", "base_url": "http://platform.test"}},
                    {"files": {"adapter": "file", "paths": ["a.json"]}}):
        assert "trust_anchors" not in environment(plan(targets))


def test_the_html_report_shows_the_default_trust_anchors():
    """Row 39: the HTML view prints the recorded list as a line of its own, not a Python mapping."""
    import json

    from conformance._catalog.model import Report
    from conformance.report.html import render_html

    root = Path(__file__).resolve().parents[2]
    data = json.loads((root / "reports" / "sample" / "report.json").read_text(encoding="utf-8"))
    data["environment"]["trust_anchors"] = {"list": "Mozilla CA Certificate Program (certifi)", "version": "2026.10.19",
                                            "sha256": "0" * 64}
    page = render_html(Report.model_validate(data)).decode("utf-8")
    assert "trust_anchors · Mozilla CA Certificate Program (certifi) 2026.10.19 · sha256 " + "0" * 64 in page
    assert "{&#39;list&#39;" not in page and "{'list'" not in page
