"""The seventieth reading of issue 76, part h134-t70 (the readers' reports, rows a1, b2, c4 and two doubtful items).

a1 (K2): 3.34 said a test deployment differs from the production one only by annex D's test-only operations and the
request time `at`, while D.3 has the test deployment, and not the production one, recognise the violating test
content marker in `POST /assets`, `session.publish` chat and `POST /reports`.
b2 (X): AS-REG-005's purpose and step 4 said every asset of the sequence and every identity's listing are read after
each step; the check reads the asset the step acted on and the identities it involved.
c4 (X): TD-DEPTH-002 and TD-RADAR-002 said a hold covered by fewer than 10 frames is not measured; the checks count the
frames inside the hold's 20 %–95 % measurement part, as TD-CAM-002 says (and TD-TACT-002/005's inconclusive lines,
the same class, their 60 %–95 % part).
Doubtful items of part b: IF-ROB-003 named Han characters its seeded strings do not hold; IF-CODE-010 did not read
R1's decision time against the 86 400 s limit.

Fails on a581be2cf."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _section(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end, markdown.index(start))]


def _case(markdown: str, rid: str) -> str:
    head = re.search(rf"^### [\d.]+ {re.escape(rid)} .*$", markdown, re.M)
    assert head is not None, rid
    rest = markdown[head.end():]
    nxt = re.search(r"^#{2,3} ", rest, re.M)
    return rest[:nxt.start()] if nxt else rest


def test_a1_the_test_deployment_term_lists_every_marker_annex_d_has_it_recognise(zh_markdown, en_markdown):
    for markdown, term_at, term_end, d3, d4, says, places in (
            (zh_markdown, "测试部署  test deployment", "测试时钟  test clock", "### D.3 ", "### D.4 ",
             r"测试部署应.*生产部署无需", r"(?:发送至|经) `([A-Z]+ [^`]+)`[^`]*?(?:`(session\.[a-z]+)` 消息)?"),
            (en_markdown, "\ntest deployment\n", "\ntest clock\n", "### D.3 ", "### D.4 ",
             r"test deployment of the platform under test shall.*production deployment need not",
             r"(?:sent to|message sent over the WebSocket) `([A-Z]+ [^`]+)`|`(session\.[a-z]+)` message")):
        term = _section(markdown, term_at, term_end)
        paragraphs = [p for p in _section(markdown, d3, d4).split("\n\n") if re.search(says, p)]
        assert len(paragraphs) >= 3, len(paragraphs)
        for paragraph in paragraphs:
            marker = re.search(r"`(METAVERSE-[A-Z-]+)`", paragraph)
            assert marker is not None and f"`{marker.group(1)}`" in term, paragraph[:80]
            first = re.search(r"`(session\.[a-z]+)`", paragraph) or re.search(r"`((?:GET|POST) /[^`]+)`", paragraph)
            assert first is not None, paragraph[:80]
            assert f"`{first.group(1)}`" in term, (first.group(1), paragraph[:80])


def test_b2_as_reg_005_reads_what_the_check_reads(zh_markdown, en_markdown):
    zh, en = _case(zh_markdown, "AS-REG-005"), _case(en_markdown, "AS-REG-005")
    for gone in ("序列中的每项资产", "对每个身份以"):
        assert gone not in zh, gone
    for gone in ("every asset of the sequence", "for each identity and"):
        assert gone not in en, gone
    assert "对该步所作用的资产" in zh and "对该步所涉的身份（发出请求的身份，转让时还有受让者）" in zh
    assert "the asset the step acted on" in en and "for each identity the step involved" in en


def _hold_clauses(text: str, zh: bool) -> list[str]:
    """The clauses of a test case that leave a hold with too few frames (or answers) unmeasured."""
    parts = re.split(r"；|。|<br>|\|" if zh else r"; |\. |<br>|\|", text)
    if zh:
        return [p for p in parts if "保持段" in p and re.search(r"少于[^，]*?(?:帧|应答)", p)]
    return [p for p in parts if re.search(r"\bhold (?:with|has|is covered by|covered by) fewer than (?:the )?\d+", p)]


def test_doubtful_if_rob_003_names_the_kinds_its_seeded_strings_hold(zh_markdown, en_markdown):
    """Step 2 names no Han character; the 25 strings of the published seed hold each kind it names."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
    from hypothesis import strategies as st

    zh, en = _case(zh_markdown, "IF-ROB-003"), _case(en_markdown, "IF-ROB-003")
    assert "汉字" not in zh and "Chinese" not in en
    assert "含空白、控制字符、保留字符与多字节字符" in zh
    assert "white space, control characters, reserved characters and multi-byte characters" in en
    values: list[str] = []
    config = settings(max_examples=25, deadline=None, database=None, verbosity=Verbosity.quiet, print_blob=False,
                      report_multiple_bugs=False, suppress_health_check=list(HealthCheck),
                      phases=[Phase.generate, Phase.shrink])
    text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=64).filter(
        lambda v: v not in (".", ".."))
    def keep(value: str) -> None:
        values.append(value)

    seed(20240501)(config(given(value=text)(keep)))()
    joined = "".join(values)
    assert len(values) == 25
    assert any(c.isspace() for c in joined) and any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in joined)
    assert any(c in ":/?#[]@!$&'()*+,;=" for c in joined) and any(ord(c) > 0x7f for c in joined)


def test_doubtful_if_code_010_judges_r1_decision_time():
    bad = yaml.safe_load((ROOT / "suites" / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8"))
    assert any(case.get("defects") == ["report-outcome-late"] and case.get("rule") == "R1"
               for case in bad["IF-CODE-010"])
    steps = yaml.safe_load((ROOT / "suites" / "interfaces" / "procedures.yaml").read_text(encoding="utf-8"))
    step6 = [s for s in steps["procedures"]["IF-CODE-010"]["steps"]["zh"] if s.startswith("6.")][0]
    assert "`outcome.decided_at` 不晚于该举报的 `received_at` 之后 86 400 s" in step6
