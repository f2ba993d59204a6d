"""Issue 61: the HTML report's time-budget row is one short line (the total and its largest
part); the sum it is made of (a term per claimed profile) is folded in a <details>."""

from __future__ import annotations

import copy
import json
import re

from conformance import Report
from conformance.report.html import budget_parts, render_html
from tests.paths import ROOT

SAMPLE = json.loads((ROOT / "reports" / "sample" / "report.json").read_text(encoding="utf-8"))
DEMO_LIKE = ("60 s + identity-document: 4 requirements × 60 s + interfaces-api: 30 requirements × 3 requests "
             "× 10 s + scene-bim: 2 requirements × 100 s (60 s + 2.0 MiB over the default file size cap × 20 s)")


def _page(basis: str, seconds: float = 1400.0, lang: str = "en") -> str:
    report = copy.deepcopy(SAMPLE)
    report["budget"] = {"seconds": seconds, "basis": basis, "spent": False}
    return render_html(Report.model_validate(report), lang).decode()


def test_the_terms_are_split_outside_parentheses_and_the_largest_found():
    terms, largest = budget_parts(DEMO_LIKE)
    assert terms == ["60 s", "identity-document: 4 requirements × 60 s",
                     "interfaces-api: 30 requirements × 3 requests × 10 s",
                     "scene-bim: 2 requirements × 100 s (60 s + 2.0 MiB over the default file size cap × 20 s)"]
    assert largest == "interfaces-api: 30 requirements × 3 requests × 10 s"  # 900 s, not the 240 s or 200 s
    assert budget_parts("60 s + scene-bim: 2 requirements × 100 s (60 s + 2.0 MiB over × 20 s)")[1].startswith(
        "scene-bim")  # 200 s; the note's own 60 s and 20 s are not terms
    assert budget_parts("a basis of some other form") == (["a basis of some other form"], None)


def test_the_row_is_one_line_and_the_sum_is_folded():
    page = _page(DEMO_LIKE)
    row = re.search(r"<dt>Time budget</dt><dd>(.*?)</dd>", page, re.S).group(1)
    line, folded = row.split("<details", 1)
    assert line == "1400 s · largest part: interfaces-api: 30 requirements × 3 requests × 10 s"
    assert folded.count("<li>") == 4 and "how it adds up (4)" in folded
    assert "最大一项" in _page(DEMO_LIKE, lang="zh")


def test_a_single_term_needs_no_fold():
    page = _page("60 s + identity-document: 4 requirements × 60 s", 300.0)
    assert "<details class=\"budget\">" in page  # two terms: still a sum
    row = re.search(r"<dt>Time budget</dt><dd>(.*?)</dd>", _page("60 s", 60.0), re.S).group(1)
    assert row == "60 s (60 s)"
