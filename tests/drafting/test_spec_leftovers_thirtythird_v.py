"""The leftovers of the thirty-third reading of issue 76, part v (docs/drafting.md, "Leftovers of the thirty-third
reading, part v"): IF-UDP-012's and IF-UDP-013's 不确定 lines name the user-data set-up states their checks leave
inconclusive (row a6); IF-UDP-013's step after the deletion reads as the check does, and a blank feed that cannot be
read or moves leaves R3 unjudged in the text and in the check (row a7); IF-SCN-002 names its schema by the file
annex D lists (row a8). Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_HABITS = Path(__file__).resolve().parents[2] / "suites" / "interfaces" / "test_user_habits.py"
_MESSAGES = Path(__file__).resolve().parents[2] / "src" / "conformance" / "areas" / "interfaces" / "messages.yaml"


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_user_data_set_up_states_are_named_where_the_checks_leave_them_inconclusive(zh_markdown, en_markdown):
    """Row a6: both checks begin with `userdata.declaration` and provision identities; IF-UDP-013 makes its user with
    `make_user`. Their 不确定 lines named none of these states (IF-UDP-012 named the profile `PUT` only)."""
    for case in ("IF-UDP-012", "IF-UDP-013"):
        zh = _verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"]
        assert "未声明 `user_data` 的 `profile` 与 `export` 路径" in zh, case
        assert "测试身份未能开通" in zh, case
        en = _verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"]
        assert "does not declare `user_data` with its `profile` and `export` paths" in en, case
        assert "a test identity cannot be provisioned" in en, case
    zh = _verdict_lines(_cases(zh_markdown)["IF-UDP-013"], "zh")["不确定"]
    # the thirty-fifth reading's part d names annex D's status alone (row a10)
    assert "资料未能设置（未按附录 D 以 200 应答，由 IF\u2011UDP\u2011011 判定）或资产未能发行" in zh
    en = _verdict_lines(_cases(en_markdown)["IF-UDP-013"], "en")["Inconclusive"]
    assert "a profile cannot be set (not answered 200 as annex D gives; IF\u2011UDP\u2011011 judges it) or an asset " \
           "issued" in en


def test_the_reads_after_the_deletion_are_the_checks(zh_markdown, en_markdown):
    """Row a7: 「按第 4 步的顺序」 brought in step 4's six reads; the check reads the three personalised feeds and
    judges R3 only on a steady, readable blank feed."""
    zh_case, en_case = _cases(zh_markdown)["IF-UDP-013"], _cases(en_markdown)["IF-UDP-013"]
    zh_step = next(step for step in _steps(zh_case, "zh") if "DELETE" in step)
    assert "的顺序" not in zh_step and "仅读取个性化推荐" in zh_step
    assert "空白用户的推荐无法读取或两次读取不同时 R3 不予判定" in zh_step
    en_step = next(step for step in _steps(en_case, "en") if "DELETE" in step)
    assert "in the order of" not in en_step and "personalised recommendations only" in en_step
    assert "R3 is unjudged if the blank user's recommendations cannot be read or its two reads differ" in en_step
    assert "删除后空白用户的推荐无法读取或先后两次读取不同时，R3 未经判定" in _verdict_lines(zh_case, "zh")["不确定"]
    assert "after it the blank user's recommendations cannot be read or its two reads differ, R3 is unjudged" \
        in _verdict_lines(en_case, "en")["Inconclusive"]


def test_the_check_records_r3_unjudged_without_a_steady_blank_feed():
    """Row a7, the check: R3 passed silently when the blank user's feed after the deletion moved or could not be
    read; it now records R3 unjudged with a message of its own, in both languages."""
    source = _HABITS.read_text(encoding="utf-8")
    assert "if before is None or before != after:" in source
    assert '"interfaces.hab-unsteady-after-delete"' in source
    message = yaml.safe_load(_MESSAGES.read_text(encoding="utf-8"))["hab-unsteady-after-delete"]
    assert "R3 unjudged" in message["en"] and "R3 未经判定" in message["zh"]


def test_the_interactive_report_is_named_by_its_schema_file(zh_markdown, en_markdown):
    """Row a8: 「符合交互节点报告格式」 / "the interactive-nodes report format" is defined nowhere; the check validates
    against `interfaces/scene-interactive.json`, which annex D lists."""
    zh_case, en_case = _cases(zh_markdown)["IF-SCN-002"], _cases(en_markdown)["IF-SCN-002"]
    assert "交互节点报告格式" not in zh_case and "有效格式" not in zh_case
    assert "interactive-nodes report format" not in en_case and "valid format" not in en_case
    assert any("符合附录 D 所列的 `interfaces/scene-interactive.json` 的响应体" in step
               for step in _steps(zh_case, "zh"))
    assert "符合附录 D 所列的 `interfaces/scene-interactive.json`" in _verdict_lines(zh_case, "zh")["不通过"]
    assert any("valid against `interfaces/scene-interactive.json` (annex D)" in step
               for step in _steps(en_case, "en"))
    assert "valid against `interfaces/scene-interactive.json` (annex D)" in _verdict_lines(en_case, "en")["Fail"]


@pytest.mark.slow
def test_if_udp_013_with_a_moving_blank_feed_after_the_deletion_is_inconclusive_naming_r3(
        catalog, serve_reference, run_manifest, monkeypatch):
    """Row a7, the run: a platform whose blank user's feed moves between the two reads after the deletion passed
    R3 in the check; the text makes it 不确定, and so does the check now."""
    from conformance.reference.interfaces import habits
    from tests.conftest import manifest_for

    forget, items, reads = habits.Habits.forget, habits.Habits.items, iter(range(10 ** 6))

    def forgetting(self, did: str) -> None:
        self.moving = True  # from the deletion on, every personalised feed moves
        forget(self, did)

    def moving_items(self, did: str, personalised: bool) -> list[str]:
        listed = items(self, did, personalised)
        return [*listed, f"read-{next(reads)}"] if personalised and getattr(self, "moving", False) else listed

    monkeypatch.setattr(habits.Habits, "forget", forgetting)
    monkeypatch.setattr(habits.Habits, "items", moving_items)
    url = serve_reference([])
    manifest = manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": serve_reference([])})
    result = run_manifest(manifest, requirements=["IF-UDP-013"])
    record = next(r for r in result.report.requirements if r.requirement == "IF-UDP-013")
    assert record.verdict.value == "inconclusive", record.message
    assert "R3 unjudged" in record.message
