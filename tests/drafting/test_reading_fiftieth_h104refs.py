"""The fiftieth reading, part h104-refs (docs/drafting.md, "Fiftieth reading, part h104-refs"): a regulation 三（三）
quotes for a limit's basis stood in neither 八 nor the 参考文献 (d2); annex D left `amr` optional and unconstrained
where ID-AUTH-001 and ID-MFA-002/-003 read a key-proof method in it (b4); ID-VC-002 did not say how a VC 1.1 date
without a time zone compares (bx1); the 2019 NPPA notice's item was 第三项 and 第三条 (bx2); 3.19's definition stated
A.1's rule (ax1); annex E wrote 「能」 for a permission (ax2); annex D said 「仅用于测试环境」 beside 测试部署."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.blocks import limit_rows, section

ROOT = Path(__file__).resolve().parents[2]

#: a law, regulation or rule by its quoted title: 《…法》, 《…规定》, 《…办法》, 《…条例》
REGULATION = re.compile(r"《([^《》]*(?:法|规定|办法|条例))》")


def test_d2_every_regulation_a_limit_rests_on_is_in_part_8_and_the_bibliography(note, note_md, zh_markdown):
    """The class: each regulation a 三（三） basis names by its title has its own subclause in 八 and an entry in the
    参考文献 (IF-REPORT-001 named 《互联网跟帖评论服务管理规定》 by title only)."""
    named = {title for _, basis in limit_rows(note).values() for title in REGULATION.findall(basis)}
    assert "互联网跟帖评论服务管理规定" in named
    part_8 = note_md.split("## 八、", 1)[1].split("\n## ", 1)[0]
    headings = re.findall(r"^### （[一二三四五六七八九十]+）《([^》]+)》", part_8, re.M)
    bibliography = zh_markdown.split("\n## 参考文献", 1)[1]
    for title in sorted(named):
        assert title in headings, f"《{title}》 is not in 八"
        assert re.search(rf"^\[\d+\] [^\n]*\. {re.escape(title)}", bibliography, re.M), f"{title} not in 参考文献"
    assert re.search(r"^引用它的要求：规范性 IF-REPORT-001；", section(part_8, 3, r"（[一二三四五六七八九十]+）《互联网跟帖"), re.M)


def test_b4_the_token_contract_names_the_key_proof_the_cases_read(zh_markdown):
    """Annex D's `AccessToken` (D.81) and `proveKeyControl`'s token (D.78) require `amr` with an item naming a key
    proof, the very values the checks of ID-AUTH-001 R2, ID-MFA-002 R3 and ID-MFA-003 read (`KEY_AMR`)."""
    checks = (ROOT / "suites/identity/test_authentication.py").read_text(encoding="utf-8")
    key_amr = set(re.findall(r'"(\w+)"', re.search(r"^KEY_AMR = \{([^}]*)\}", checks, re.M).group(1)))
    contract = yaml.safe_load((ROOT / "schemas/interfaces/platform.openapi.yaml").read_text(encoding="utf-8"))
    token = contract["components"]["schemas"]["AccessToken"]
    assert "amr" in token["required"]
    assert set(token["properties"]["amr"]["contains"]["enum"]) == key_amr == {"pop", "swk", "hwk"}
    annex = zh_markdown.split("\n## 附录 D", 1)[1].split("\n## 附录 E", 1)[0]
    rows = re.findall(r"^\| `(?:〔1〕\.)?amr` \| `array` \| (\S+) \| ([^|]+) \|", annex, re.M)
    said = "含取值为 `pop`、`swk`、`hwk` 之一的元素"
    assert sum(1 for required, constraint in rows if required == "是" and constraint.strip() == said) >= 2


def _case(markdown: str, rid: str) -> str:
    start = re.search(rf"^### \d+\.\d+ {rid.replace('-', '[-‑]')} ", markdown, re.M)
    assert start
    return markdown[start.end():markdown.index("\n### ", start.end())]


def test_bx1_id_vc_002_says_how_a_date_without_a_time_zone_compares(zh_markdown, en_markdown):
    """VC 1.1's dates are XML Schema `dateTime` values, whose offset is optional: the step orders one without an
    offset against one with it by giving it +14:00 and -14:00, and the inconclusive line names the pair left undecided."""
    case = _case(zh_markdown, "ID-VC-002").replace("\u2212", "-")  # the renderer writes a minus sign
    assert "对不带者依次取 +14:00 与 -14:00 各换算一次" in case and "两端均不带时区偏移时，按其所写取值比较" in case
    assert "其先后不确定（第 3 步）" in case.split("不确定：", 1)[1]
    assert "giving it +14:00 and then -14:00" in _case(en_markdown, "ID-VC-002").replace("\u2212", "-")


#: a notice's provision cited as an article: the NPPA notices number their items 一、二、三 (「第三项」)
NOTICE_ARTICLE = re.compile(r"通知(?:（[^）]*）)?第[一二三四五六七八九十]+条")


def test_bx2_a_notice_s_item_is_cited_as_an_item_everywhere(zh_markdown, note_md):
    """The 2019 notice's provision was 第三项 in AS-MINOR-004's row and 第三条 in table D.5 (`payForGameService`); the
    2021 notice's 第一条 stood in 八, a parameter's description and AS-MINOR-003's row: one form, 「第N项」."""
    for text in (zh_markdown, note_md):
        assert not NOTICE_ARTICLE.findall(text)
    # the notices by their titles at first mention (fifty-first reading, a6)
    assert re.search(r"通知》（国新出发〔2019〕34号，见参考文献\[\d+\]）第三项", section(zh_markdown, 2, "附录 D"))
    assert re.search(r"通知》（国新出发〔2021〕14号，见参考文献\[\d+\]）第一项", zh_markdown)


def test_ax1_ax2_leftover_definitions_state_no_rule_annexes_grant_with_keyi_and_name_the_test_deployment(
        zh_markdown, en_markdown):
    """ax1: 3.19 ends at the parameter tables, the rule on changing them A.1's (a note points there); ax2: annex E's
    permission is 「可以」, not 「能」; annex D's test-only operations are marked with the defined term 测试部署, not
    「测试环境」 (clause 5's laboratory environment)."""
    # 测试参数's entry (3.19 when written), found by its term: entries placed before it move its number
    term = section(zh_markdown, 3, r"3\.\d+\n\n测试参数  ")
    assert "更改" not in term.split("注：", 1)[0] and "注：测试参数的更改见 A.1。" in term
    annexes = zh_markdown.split("\n## 附录 D", 1)[1].split("\n## 参考文献", 1)[0]
    assert "事件能交错排列" not in annexes and "不同资产的事件可以交错排列" in annexes
    assert "仅用于测试环境" not in zh_markdown and zh_markdown.count("仅用于测试部署") >= 6
    assert "test environments only" not in en_markdown.lower()
