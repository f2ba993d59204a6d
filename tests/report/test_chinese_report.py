"""Issue 73: the Chinese report in Chinese. A failing run's zh report.html shows no English
word but names and identifiers (units, the time budget's derivation, input kinds, area names
in words of the page's language; HTTP headers and the environment marked as the product's and
the software's own, ``translate="no"``), and the font-stack notice comes after the report,
not as the first paragraph under the verdict."""

from __future__ import annotations

import re

import pytest

from tests.browser import failing_report
from tests.chinese import english_words

pytestmark = pytest.mark.slow  # a run against the reference implementation

#: the names the page shows as they are: the product, the standards and the header its
#: requirements name, the fonts of the stack, JSON members quoted by the findings
NAMES = ["Acme Metaverse Platform", "DID Core", "Accept", "kty", "publicKeyJwk", "publicKeyMultibase",
         "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei"]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    return failing_report(tmp_path_factory, "zh").read_text(encoding="utf-8")


def test_the_chinese_report_shows_no_english_word(page):
    assert english_words(page, NAMES) == []
    assert "秒" in page and "毫秒" in page and "项要求 ×" in page and ">清单<" in page


def test_the_font_notice_is_not_the_first_paragraph_under_the_verdict(page):
    banner_end = page.index("</div>", page.index('id="banner"'))
    first = re.search(r"<p[ >]", page[banner_end:])
    assert first is None or 'id="font-note"' not in page[banner_end + first.start():][:80]
    assert page.index('id="font-note"') > page.index('id="requirements"')
