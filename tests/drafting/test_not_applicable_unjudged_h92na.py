"""Issue 76, the thirty-ninth reading's part mAS (part h92-na): clause 6.1 says that a test case with nothing it
checks among the inputs it read, beside an input not judged, is 不确定 rather than 不适用 (the engine's rule,
tests/_run/test_not_applicable_unjudged.py). Fails on the draft as it was before."""

from __future__ import annotations

import re


def _verdicts_clause(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    return markdown[start:markdown.index("\n#", start + len(heading))]


def test_clause_six_says_nothing_found_beside_an_input_not_judged_is_inconclusive(zh_markdown, en_markdown):
    zh = _verdicts_clause(zh_markdown, re.search(r"#+ \d+\.1 判定结果", zh_markdown).group(0))
    assert "而另有所提供的输入未能得到判定（如测试设备拒绝读取的文件）时，该输入可能含有其检验的内容，判定为不确定而非不适用。" in zh
    en = _verdicts_clause(en_markdown, re.search(r"#+ \d+\.1 Verdicts", en_markdown).group(0))
    assert "while another input provided could not be judged (such as a file the test equipment refused to read), " \
           "is inconclusive rather than not applicable" in en


def test_the_history_rule_case_leaves_a_refused_file_out_of_its_not_applicable_line():
    """AS-HIST-002's 不适用 line held 「有历史文件无法读取时亦然」: a history file refused, with nothing else judged, is
    不确定 now (the engine's rule), so the line speaks of history files whose lines do not parse."""
    import yaml

    from tests.paths import ROOT

    criteria = yaml.safe_load((ROOT / "suites/assets/procedures.yaml").read_text(encoding="utf-8"))
    case = criteria["procedures"]["AS-HIST-002"]["criteria"]
    zh = next(line for line in case["zh"] if line.startswith("不适用："))
    en = next(line for line in case["en"] if line.startswith("Not applicable: "))
    # the line names no inconclusive state (test_spec_fifteenth_reading): it says every file supplied was read
    assert "无法读取" not in zh and "有历史文件的行无法解析时亦然" in zh and "所提供的文件均得到读取" in zh
    assert "cannot be read" not in en and "lines of a history file do not parse" in en and "every file supplied" in en

