"""The open rows of the thirty-fifth reading of issue 76, part k3 (docs/drafting.md, "Open rows of the thirty-fifth
reading, part k3"): RB-URDF-002's not-applicable line names a description of only fixed or floating joints, which
the check now gives (the check's change is tested in tests/areas/robots/test_verdict_states.py); the English code
marks are placed by the marker itself, in their role, for the test cases, annex B and the 编制说明 alike (annex B
left `val3dity` unmarked, the thirty-fifth reading's b10); table B.2's topic-name pass leaves a profile's ID as
written. Each test fails on the sources as they were before (checked against 5bb48482)."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from conformance.drafting import englishcode, notecodes
from conformance.drafting.topicnames import named_topics
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def test_rb_urdf_002_is_not_applicable_to_only_fixed_or_floating_joints(zh_markdown, en_markdown, catalog):
    """Row 1: since 1.3.0 only fixed joints were not applicable, floating ones (no limit, no axis) passed."""
    zh = _verdict_lines(_cases(zh_markdown)["RB-URDF-002"], "zh")
    en = _verdict_lines(_cases(en_markdown)["RB-URDF-002"], "en")
    assert "只有固定或浮动关节" in zh["不适用"], zh
    assert "holds only fixed or floating joints" in en["Not applicable"], en
    requirement = catalog.requirement("RB-URDF-002")
    assert tuple(map(int, requirement.version.split("."))) >= (1, 4, 0)  # later patch steps keep it
    assert "1.4.0 (issue 76, thirty-fifth reading's open rows, part k3)" in requirement.notes.en
    assert "1.4.0 版（议题 76，第三十五次审读的未决问题，第 k3 部分）" in requirement.notes.zh


def test_annex_b_marks_val3dity_as_its_chinese_does(zh_markdown, en_markdown):
    """Row 2 (b10): 表 B.2's Chinese marks 「`val3dity` 的环、多边形……错误类别」; the English printed "val3dity's ring"
    plain, as the marker took no word before a possessive (the 编制说明 alone marked it, after the fact)."""
    zh = next(line for line in zh_markdown.splitlines() if "`val3dity` 的环" in line)
    en = next(line for line in en_markdown.splitlines() if "val3dity's ring" in line or "`val3dity`'s ring" in line)
    assert "by `val3dity`'s ring" in en
    assert en.count("`val3dity`") == zh.count("`val3dity`")


def test_the_test_cases_marks_stand_in_their_role(en_markdown):
    """Row 2: the marker took the first English word the Chinese marks; the 编制说明 alone moved it after the fact.
    Each pair is a place the Chinese marks (「类型为 `tactile` 的提供项」, 「不含 `proof` 的 VC 2.0 凭证」,
    「`trade-order` 与 `trade` 模式」) and the ordinary word beside it."""
    for right, wrong in [("(an offer of type `tactile` declaring", "claims a `tactile` array"),
                         ("a VC 2.0 credential without `proof`,", "one Data Integrity `proof` ("),
                         ("the `trade-order` and `trade` schemas", "every `trade` event")]:
        assert right in en_markdown, right
        assert wrong not in en_markdown, wrong


def test_the_placement_is_the_markers_alone():
    """Row 2: one rule, in the marker: no after-the-fact fix in the 编制说明's module, and the marker itself puts a
    mark in its role and no function word out of it."""
    assert not hasattr(notecodes, "_placed")
    text = englishcode.english_coded("Adds the consents path where consent is given, to a report and the to member.",
                                     Counter({"consents": 1, "to": 1}), set())
    assert text == "Adds the `consents` path where consent is given, to a report and the `to` member."


def test_a_profile_id_is_no_topic_name():
    """Row 3: the pass took the profile key `identifier-resolution` for table B.2's topic of the same key (the source
    marked it as code to keep it); where no "profile" stands by it, a key is the topic, as the Chinese names it."""
    topics = {"identifier-resolution": SimpleNamespace(en="Identifier resolution"),
              "content-rating": SimpleNamespace(en="Grading and classification of digital content")}
    profiles = {"identifier-resolution": object(), "content-rating": object()}
    text = "the resolver (profile identifier-resolution), the content-rating profile; age ratings (content-rating)"
    assert named_topics(text, topics, profiles) == ("the resolver (profile identifier-resolution), the "
                                                    'content-rating profile; age ratings ("Grading and classification '
                                                    'of digital content")')
