"""The HTML report in a real browser (headless Chromium over the DevTools pipe, see
tests/browser.py): the banner shows the outcome, anchors navigate, the first failure's
evidence is one click from the top, no console errors, target-supplied script stays text,
Chinese renders with the page's font stack (and the page says so when it cannot)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conformance.report.html import render_html
from tests.browser import Browser, failing_report, find_chromium
from tests.paths import ROOT

from .test_reports import HOSTILE, make_report

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip("no chromium on PATH (apt-get install chromium; .ci/run installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The failing run's reports (read only: the browser opens them), made once a test session."""
    return {lang: failing_report(tmp_path_factory, lang) for lang in ("en", "zh")}


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module's tests: started once, not once a test (a launch is a second of
    CPU, most of it in processes no rusage of ours sees)."""
    with Browser(CHROMIUM, 1280, 900) as opened:
        yield opened


@pytest.fixture
def browser(chromium):
    """A page of its own in a browser context of its own (no cookie, storage or history of another test),
    closed after the test; the page checks read only its events (:meth:`Browser.problems`)."""
    chromium.new_context(1280, 900)
    yield chromium
    chromium.page("Page.close")


def test_the_banner_shows_the_outcome_at_the_top(browser, reports):
    browser.open(reports["en"].as_uri())
    outcome = browser.evaluate("[document.getElementById('overall-outcome').dataset.outcome,"
                               " document.getElementById('overall-outcome').innerText,"
                               " document.getElementById('banner').getBoundingClientRect().bottom < innerHeight]")
    assert outcome == ["not_conformant", "not conformant", True]
    assert browser.problems() == []


def test_the_first_failure_s_evidence_is_one_click_from_the_top(browser, reports):
    browser.open(reports["en"].as_uri())
    link = browser.evaluate("document.getElementById('first-failure').getAttribute('href')")
    browser.click("#first-failure")
    state = browser.evaluate(
        "(() => { const e = document.getElementById(location.hash.slice(1)); const r = e.getBoundingClientRect();"
        # scrolled to the top: the page scrolls by whole pixels, the element may sit a fraction above
        " return [location.hash, e.tagName, e.open, r.top > -1 && r.top < innerHeight,"
        " e.querySelector('.item') && e.querySelector('.item').innerText]; })()")
    assert state[0] == link and state[1] == "DETAILS" and state[2] is True and state[3] is True, state
    assert state[4].startswith("Finding"), state
    assert browser.problems() == []


def test_every_anchor_resolves_and_a_closed_evidence_opens_when_linked(browser, reports):
    browser.open(reports["en"].as_uri())
    missing = browser.evaluate("[...document.querySelectorAll('a[href^=\"#\"]')]"
                               ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))")
    assert missing == []
    browser.click('#banner a[href="#profile-identity-resolver"]')
    assert browser.evaluate("location.hash") == "#profile-identity-resolver"
    # A passing requirement's evidence is closed; following a link to it opens it.
    closed = browser.evaluate("(() => { const d = document.querySelector('section.req[data-verdict=\"pass\"] "
                              "details.input'); return d ? d.id : null; })()")
    if closed:
        browser.evaluate(f"location.hash = {json.dumps('#' + closed)}")
        assert browser.evaluate(f"document.getElementById({json.dumps(closed)}).open") is True


def test_filters_hide_requirements_by_verdict(browser, reports):
    browser.open(reports["en"].as_uri())
    browser.click('input[data-filter-verdict="pass"]')
    hidden = browser.evaluate("[...document.querySelectorAll('section.req')].map(s => [s.dataset.verdict, s.hidden])")
    assert hidden and all(h == (v == "pass") for v, h in hidden), hidden


def test_capture_charts_render(browser, tmp_path):
    from conformance._run.engine import run

    fixtures = ROOT / "suites" / "terminal" / "fixtures"
    manifest = tmp_path / "m.yaml"
    captures = [str(fixtures / name) for name in ("cap-dropped-frames.ndjson", "cap-out-of-volume.ndjson")]
    manifest.write_text(json.dumps({"product": {"name": "Headset", "version": "1"}, "profiles": ["terminal-hmd-6dof"],
                                    "targets": {"captures": {"adapter": "file", "paths": captures}}}))
    run(manifest, out_dir=tmp_path / "out", formats=["html"], requirements=["TD-RATE-002", "TD-POSE-002"])
    browser.open((tmp_path / "out" / "report.html").as_uri())
    browser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    charts = browser.evaluate(
        "[...document.querySelectorAll('figure.series')].map(f => { const s = f.querySelector('svg');"
        " const r = s.getBoundingClientRect(); return [f.dataset.chart, r.width, r.height,"
        " s.querySelectorAll('.iv, .in, .out').length, s.querySelectorAll('.drop').length,"
        " s.querySelectorAll('.out').length]; })")
    assert {c[0] for c in charts} == {"intervals", "positions"}, charts
    assert all(width > 100 and height > 100 and marks > 0 for _, width, height, marks, _, _ in charts), charts
    assert any(c[0] == "intervals" and c[4] > 0 for c in charts)  # the dropped frames are marked
    assert any(c[0] == "positions" and c[5] > 0 for c in charts)  # so are the positions out of the volume
    assert browser.problems() == []


def test_script_in_target_data_stays_inert(browser, tmp_path):
    page = tmp_path / "hostile.html"
    report = make_report()
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    report = report.model_copy(update={"manifest": {"product": {"name": HOSTILE + payload, "version": payload}}})
    page.write_bytes(render_html(report, "en"))
    browser.open(page.as_uri())
    assert browser.evaluate("window.__pwned === undefined") is True
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert "<script>window.__pwned=1</script>" in browser.evaluate("document.body.innerText")
    assert browser.problems() == []


def test_chinese_renders_with_the_font_stack(browser, reports):
    browser.open(reports["zh"].as_uri())
    assert browser.evaluate("document.documentElement.getAttribute('data-cjk-font')") == "found", (
        "no CJK font: apt-get install fonts-noto-cjk (.ci/run does)")
    assert "Noto Sans CJK SC" in browser.evaluate("getComputedStyle(document.body).fontFamily")
    assert browser.evaluate("document.getElementById('font-missing').hidden") is True
    assert browser.evaluate("document.getElementById('overall-outcome').innerText") == "不符合"
    assert browser.problems() == []


def test_without_a_cjk_font_the_page_says_so(reports, tmp_path):
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs fonts-dejavu to stand for a system without CJK fonts")
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                      f"<dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    with Browser(CHROMIUM, 1280, 900, env={**os.environ, "FONTCONFIG_FILE": str(config)}) as browser:
        browser.open(reports["zh"].as_uri())
        assert browser.evaluate("document.documentElement.getAttribute('data-cjk-font')") == "missing"
        assert browser.evaluate("document.getElementById('font-missing').hidden") is False


def test_the_report_reads_on_a_phone(reports):
    """Issue 73: at 390 px the report scrolled sideways and broke words mid-word. Its tables
    scroll in their own boxes, the page does not, and no text is squeezed to a few characters
    (a requirement's ID beside its title kept whole), in either language."""
    from tests.programme.test_site import _NARROW, _OVERFLOW

    with Browser(CHROMIUM, 390, 844) as phone:
        for lang in ("en", "zh"):
            phone.open(reports[lang].as_uri())
            shown, closed, opened = phone.evaluate(_OVERFLOW)
            assert shown == 390 and closed == [390, []] and opened == [390, []], (lang, closed, opened)
            assert phone.evaluate(_NARROW) == [], lang
            assert phone.problems() == []
