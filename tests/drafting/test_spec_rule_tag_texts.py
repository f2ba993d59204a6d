"""The texts the rule-tag parts left to decide (issue 76, thirty-sixth reading a9; docs/drafting.md, "Texts the rule
tags left to decide"): a finding each check filed under no rule, or under a rule that did not state it, now has a rule
that states it (rows 1 to 4), and no note names a check's old tag as a rule (row 5 and the scan). Each test fails on
the catalog and the checks as they were before this part."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import yaml

from conformance import Catalog
from conformance.areas.identity import vcjwt
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

SUITES = Path(__file__).resolve().parents[2] / "suites"


def _rule(catalog: Catalog, rid: str, rule: str) -> tuple[str, str]:
    found = next(r for r in catalog.requirement(rid).rules if r.id == rule)
    return found.en, found.zh


def _known_bad(area: str, rid: str) -> list[dict[str, object]]:
    return yaml.safe_load((SUITES / area / "known_bad.yaml").read_text(encoding="utf-8"))[rid]


def test_a_feed_set_url_that_answers_no_collection_breaks_r1(catalog: Catalog, zh_markdown, en_markdown):
    """Row 1: the `collection` finding (a set URL not answered 200 with a value array) was filed under R1, which
    asked the root only to name the sets (SC-FEED-001) or a TaskingCapability's description (SC-FEED-004)."""
    for rid in ("SC-FEED-001", "SC-FEED-004"):
        en, zh = _rule(catalog, rid, "R1")
        assert "as a collection" in en and "以集合" in zh, rid
        assert any(case.get("rule") == "R1" and case.get("finding") == "does not answer a collection"
                   for case in _known_bad("scenes", rid)), rid
    zh = _row(_cases(zh_markdown)["SC-FEED-001"], "测试步骤").split("<br>")
    assert "返回集合" in zh[2] and "（规则 R1）" in zh[2]
    en = _row(_cases(en_markdown)["SC-FEED-001"], "Test procedure").split("<br>")
    assert "answers 200 with a collection" in en[2] and "(rule R1)" in en[2]


def _b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def test_a_key_binding_jwt_that_does_not_decode_breaks_r1(catalog: Catalog):
    """Row 2: ID-VC-006's `kb-encoding` finding carried no rule; RFC 9901 4.3 makes a KB-JWT a JWT, R1 now says so."""
    issuer = f"{_b64({'alg': 'ES256', 'typ': 'dc+sd-jwt'})}.{_b64({'iss': 'did:example:1', 'cnf': {'kid': 'k'}})}.c2ln"
    findings = list(vcjwt.key_binding_findings(f"{issuer}~not-a-jwt", lambda kid: None, presented=True))
    assert [(f.rule, f.extra.get("check")) for f in findings] == [("R1", "kb-encoding")]
    en, zh = _rule(catalog, "ID-VC-006", "R1")
    assert "decode to JSON objects" in en and "解码为 JSON 对象" in zh


def test_a_description_that_is_not_json_ld_breaks_r6(catalog: Catalog):
    """Row 3: DP-DESC-001's statement asks for JSON-LD but no rule R1-R5 stated it; R6 does, with a known-bad case."""
    req = catalog.requirement("DP-DESC-001")
    en, zh = _rule(catalog, "DP-DESC-001", "R6")
    assert "JSON-LD that expands" in en and "JSON-LD" in zh
    assert "rules R1 to R6" in req.statement.en and "规则 R1 至 R6" in req.statement.zh
    assert any(case.get("rule") == "R6" for case in _known_bad("data", "DP-DESC-001"))


def test_an_unreadable_generated_file_breaks_the_rule_that_reads_it(catalog: Catalog):
    """Row 4: AS-AIGC-006 filed a model that does not parse under R1, AS-AIGC-007 a media file under R2; neither
    rule said the file is read."""
    en, zh = _rule(catalog, "AS-AIGC-006", "R1")
    assert "parse as glTF" in en and "解析" in zh
    en, zh = _rule(catalog, "AS-AIGC-007", "R2")
    assert "parsing as its audio or video format" in en and "解析" in zh


_LISTED = re.compile(r"(?:Rules, each a finding of its own: |规则（各自产生独立的(?:不符合项|发现)）：)([^.。]*)")


def test_no_note_names_a_check_tag_as_a_rule(catalog: Catalog):
    """Row 5 and the scan: IF-RISK-002/-003, AS-MINOR-002 and IF-CODE-002 to -007 listed their checks' old tags
    (`grade-known`, `mute-refused`, `removal-direct`…) as their rules, which the report names R1, R2…"""
    named = []
    for req in catalog.requirements.values():
        if not req.rules or not req.notes:
            continue
        for text in (req.notes.en, req.notes.zh):
            for listed in _LISTED.findall(re.sub(r"\s+", " ", text)):
                items = re.split(r", |、| and |与", re.sub(r"\([^)]*\)|（[^）]*）", "", listed))
                named += [f"{req.id}: {item}" for item in items if not re.match(r"R\d+\b", item.strip())]
    assert named == []
