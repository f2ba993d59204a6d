"""A measured value within its guard band is named as such, with its value, U (k = 2), limit and rule, in
the console (one line per value), the HTML report and the JUnit failure text, in English and Chinese."""

from __future__ import annotations

import io

from rich.console import Console

from conformance._run.console import print_summary
from conformance.report.html import render_html
from conformance.report.junit import render_junit
from conformance.report.measurements import measurement_line
from tests.report.test_reports import make_report

ITEM = {"kind": "measurement", "requirement": "IF-A-002", "rule": "R1", "quantity": "trueness", "subject": "head",
        "value": 1.93, "unit": "mm", "uncertainty": 0.12, "k": 2, "limit": 2.0, "limit_kind": "max",
        "decision_rule": "guarded", "guard_band": 0.12, "outcome": "guard_band", "u_a": 0.01, "u_b": 0.06,
        "basis": "type A and B"}
PASSED = {**ITEM, "subject": "hand", "value": 1.2, "outcome": "pass"}


def _report():
    report = make_report()
    requirements = [r.model_copy(update={"evidence": [*r.evidence, ITEM, PASSED]}) if r.requirement == "IF-A-002"
                    else r for r in report.requirements]
    return report.model_copy(update={"requirements": requirements})


def test_the_line_states_value_uncertainty_limit_rule_and_outcome():
    en, zh = measurement_line(ITEM, "en"), measurement_line(ITEM, "zh")
    assert en == ("R1 trueness of head: 1.93 ± 0.12 mm (k = 2); limit <= 2 mm; guarded acceptance, guard band "
                  "0.12 mm: within the limit but within the guard band: does not pass")
    assert "保护带内" in zh and "1.93 ± 0.12 mm（k = 2）" in zh
    simple = measurement_line({**ITEM, "decision_rule": "simple", "guard_band": 0, "unit": "1", "outcome": "fail",
                               "limit_kind": "min"}, "en")
    assert "simple acceptance: fail, beyond the limit" in simple and ">= 2;" in simple and " 1 " not in simple


def test_the_console_prints_one_line_per_guard_band_value():
    for lang, words in (("en", "within the guard band"), ("zh", "处于保护带内")):
        out = io.StringIO()
        print_summary(Console(file=out, width=400), _report(), [], lang=lang)
        lines = [line for line in out.getvalue().splitlines() if words in line]
        assert len(lines) == 1 and "1.93 ± 0.12 mm" in lines[0], out.getvalue()
        assert "hand" not in out.getvalue()  # a passing value is in the report, not the console


def test_html_shows_each_measured_value_and_junit_carries_the_item():
    html = render_html(_report(), "en").decode()
    assert "1.93 ± 0.12 mm (k = 2); limit &lt;= 2 mm; guarded acceptance" in html
    assert "within the guard band: does not pass" in html and "1.20 ± 0.12 mm" in html
    assert "测得值" in render_html(_report(), "zh").decode()
    junit = render_junit(_report(), "en").decode()
    assert '"outcome": "guard_band"' in junit.replace("&quot;", '"') and "guarded" in junit


def test_a_quantity_named_by_a_template_is_shown_in_the_report_s_language():
    named = {**ITEM, "quantity": "orientation trueness",
             "quantity_text": {"key": "terminal.quantity-orientation-trueness", "args": {}}}
    assert "head 的朝向正确度" in measurement_line(named, "zh")
    assert "R1 orientation trueness of head" in measurement_line(named, "en")
