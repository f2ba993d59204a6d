"""The rendered conformance test specification in a real browser (headless Chromium over the
DevTools pipe, tests/browser.py): every in-page link resolves, a link from the traceability
annex lands on its test case, the page and its paragraphs carry their languages, no console
errors. ``python -m tests.drafting.test_spec_browser docs/screenshots`` regenerates its screenshots."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conformance._catalog.catalog import load_catalog
from conformance.drafting.render import render_html
from tests.browser import Browser, find_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip("no chromium on PATH (apt-get install chromium; .ci/run installs it)", allow_module_level=True)


def write_spec(folder: Path, page: str | None = None) -> Path:
    """The Chinese specification's HTML in ``folder``: ``page`` as rendered, or rendered here."""
    path = folder / "specification.html"
    path.write_text(render_html(load_catalog()) if page is None else page, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory, zh_html) -> Path:
    return write_spec(tmp_path_factory.mktemp("spec"), zh_html)  # the session's render (tests/drafting/conftest.py)


def test_every_link_resolves_and_lands_on_its_test_case(page):
    with Browser(str(CHROMIUM), 1280, 900) as browser:
        browser.open(page.as_uri())
        dangling = browser.evaluate(
            "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
            ".filter(id => !document.getElementById(id))")
        assert dangling == []
        assert browser.evaluate("document.querySelectorAll('a[href^=\"#req-\"]').length") > 0
        browser.evaluate("document.querySelector(\"#traceability a[href='#req-ID-AUTH-003']\").click()")
        state = browser.evaluate(
            "(() => { const e = document.getElementById(location.hash.slice(1)); const r = e.getBoundingClientRect();"
            " return [location.hash, e.tagName, r.top > -2 && r.top < innerHeight]; })()")  # -0.5: subpixel layout
        assert state == ["#req-ID-AUTH-003", "H3", True]
        langs = browser.evaluate("[document.documentElement.lang, document.querySelectorAll('.cover, nav.toc').length]")
        assert langs == ["zh-CN", 2]  # the Chinese normative text: its cover and 目次
        assert browser.problems() == []


def main(folder: str) -> int:
    """Screenshots of the specification (its top and one test case) for docs/."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, Browser(str(find_chromium()), 1280, 900) as browser:
        browser.open(write_spec(Path(tmp)).as_uri())
        browser.screenshot(target / "specification.png")
        browser.evaluate("document.getElementById('req-ID-AUTH-003').scrollIntoView()")
        browser.screenshot(target / "specification-test-case.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
