"""The forty-third reading of issue 76, part h95-form (docs/drafting.md, "Forty-third reading, part h95-form"):
every case names an ICS feature in one form, its label beside its identifier as annex A lists it (b2, left by part
h95-names: the cases quoted the label alone, AS-REG-005, AS-TRADE-006/-007 and ID-CERT-001 the identifier alone).
Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest

from tests.drafting.test_spec_leftovers_fortyfirst_front import _clause

#: a feature in the one form, per language: 特性“label”（`id`）, the feature "label" (`id`)
_FORM = {"zh": re.compile(r"特性“([^”]+)”（`([a-z0-9-]+)`）"), "en": re.compile(r'feature "([^"]+)" \(`([a-z0-9-]+)`\)')}
#: a feature quoted by label without its identifier
_LABEL_ALONE = {"zh": re.compile(r"特性“[^”]+”(?!（`)"), "en": re.compile(r'feature "[^"]+"(?! \(`)')}
_ANNEX_A = {"zh": ("\n## 附录 A", "\n## 附录 B"), "en": ("\n## Annex A", "\n## Annex B")}
#: the rows of a case quoting the ICS: its 前置条件, 测试步骤 and 判定准则 (the 不适用 line)
_ROWS = {"zh": r"\| (?:前置条件|测试步骤|判定准则) \| (.*) \|", "en": r"\| (?:Initial conditions|Test procedure|Verdict criteria) \| (.*) \|"}


def _markdown(request: pytest.FixtureRequest, lang: str) -> str:
    return request.getfixturevalue(f"{lang}_markdown")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_b2_every_case_names_a_feature_by_label_and_identifier_as_annex_a_does(request, lang):
    """b2: the cases' 前置条件, steps and 不适用 lines quoted 「特性“平台将多个身份关联为同一用户”」 where annex A reads
    「特性“平台将多个身份关联为同一用户”（`linked-identities`）」; AS-REG-005 read 「ICS 声明支持特性 `lifecycle-lock`」."""
    markdown = _markdown(request, lang)
    start, end = _ANNEX_A[lang]
    annex_a = {(label, name) for label, name in _FORM[lang].findall(_clause(markdown, start, end))}
    assert annex_a
    cases = markdown[:markdown.index(start)]
    rows = "\n".join(re.findall(_ROWS[lang], cases))
    quoted = set(_FORM[lang].findall(rows))
    assert len(quoted) > 40 and quoted <= annex_a, sorted(quoted - annex_a)[:3]
    assert not _LABEL_ALONE[lang].findall(rows), _LABEL_ALONE[lang].findall(rows)[:3]
    alone = re.compile(r"特性 `[a-z0-9-]+`|`[a-z0-9-]+` 特性" if lang == "zh" else
                       r"the feature `[a-z0-9-]+`|the `[a-z0-9-]+` feature|claim[a-z]* the feature `")
    assert not alone.findall(rows), alone.findall(rows)[:3]


def test_b2_the_generated_lines_give_the_one_form():
    """The 前置条件 line, the 不适用 line and the prepended ICS step are written from the feature's one form."""
    from conformance.drafting.conditions import feature_named
    from conformance.drafting.icsstep import ics_step

    zh = feature_named("运动平台", "motion-platform", "zh")
    assert zh == "特性“运动平台”（`motion-platform`）"
    assert ics_step(zh, "zh") == "1. 核对 ICS：未声明支持特性“运动平台”（`motion-platform`）时，记录“不适用”并结束本用例。"
    assert feature_named("Motion platform", "motion-platform", "en") == 'the feature "Motion platform" (`motion-platform`)'


def test_b2_a_quoted_label_asks_no_number_and_adds_no_length(catalog):
    """The statements naming a feature in the one form (ID-CERT-001's 「（X.509）」, IF-UDP-013's "Article 24"): the
    label is the profile's name, so the version step, the language parity and the statement length read its
    identifier alone."""
    from conformance._catalog.versions import feature_labels_dropped, parts
    from conformance.drafting.parity import text_problems

    en = 'A platform claiming the feature "Certificates (X.509)" (`certificate-login`) MUST issue 1 certificate.'
    zh = "声明特性“证书（X.509）”（`certificate-login`）的平台应签发 1 个证书。"
    assert feature_labels_dropped(en) == "A platform claiming the feature `certificate-login` MUST issue 1 certificate."
    assert feature_labels_dropped(zh) == "声明特性 `certificate-login`的平台应签发 1 个证书。"
    assert list(text_problems("statement", en, zh.replace("X.509", "X"))) == []
    req = catalog.requirements["ID-CERT-001"]
    texts = [req.statement.en, *(rule.en for rule in req.rules or [])]
    assert "(`certificate-login`)" in req.statement.en  # its label's 「X.509」 counted no more than the other 509s
    assert parts(catalog, req)["numbers"].count("509") == sum(feature_labels_dropped(t).count("509") for t in texts) \
        < sum(t.count("509") for t in texts)
