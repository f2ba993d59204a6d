"""Seventy-eighth reading, part h144-doubt: the doubtful items made plain in the text.

DP-LABEL-005's R2 fails a TextQuoteSelector with no non-empty string `exact` (W3C Web Annotation 4.2.4), and
its rule says so; TD-BIO-003 is not applicable when no exported biometric stream has frames; no scenes case sends
a Datastream lacking a navigation link to SC-FEED-001, which judges only the links an entity gives."""

from __future__ import annotations

import pytest

from conformance.areas.data.text_labels import check_target


@pytest.mark.parametrize("exact", [None, "", 3])
def test_a_quote_without_a_non_empty_exact_breaks_r2_and_the_rule_says_so(catalog, exact):
    selector = {"type": "TextQuoteSelector"} if exact is None else {"type": "TextQuoteSelector", "exact": exact}
    assert [f.rule for f in check_target("some text", [("/target/selector", selector)])] == ["R2"]
    r2 = {rule.id: rule for rule in catalog.requirement("DP-LABEL-005").rules}["R2"]
    assert "non-empty" in r2.en and "非空" in r2.zh


def test_no_scenes_case_blames_sc_feed_001_for_a_missing_navigation_link():
    from tests.paths import ROOT

    text = (ROOT / "suites" / "scenes" / "procedures.yaml").read_text(encoding="utf-8")
    for marker in ("navigationLink` (see SC-FEED-001", "navigationLink` 导航链接（另见 SC-FEED-001",
                   "Observations cannot be read (SC-FEED-001", "navigationLink` 的 Datastream（另见 SC-FEED-001"):
        assert marker not in text
