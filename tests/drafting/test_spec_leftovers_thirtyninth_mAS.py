"""The leftovers of the thirty-ninth reading of issue 76, part mAS (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part mAS"): the assets cases whose reader goes through the file adapter's ``documents()``
leave a file the test equipment refuses to read unjudged (part h92-cap did the other areas), so their 不确定 lines
name it (row 1); the reads part aTR left in AS-TRADE-003/-010, AS-MINOR-* and AS-REVIEW-* read a body through
``own_body`` (the case's own operation, a finding under its rule) or ``served_body`` / ``history_read`` (a set-up,
unjudged naming the requirement judging it) (row 2). Each test fails on the suites as they were at c0dd8477, or
before this part (checked once against those sources)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from types import SimpleNamespace

import httpx
import pytest
import yaml

from conformance import Inconclusive, NonConformance
from conformance.adapters.response import Response
from tests.drafting.test_spec_leftovers_thirtyninth_aTR import Caught
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

#: the assets cases in the draft whose check reads ``asset_metadata`` through ``FileAdapter.documents()`` (traced
#: from suites/assets/test_*.py); AS-META-004 is part h92-aAS's, and the candidates AS-META-005, AS-RATING-001 and
#: AS-AIGC-001…-010 have no test case in the draft
READING_DOCUMENTS = ("AS-CONT-001", "AS-HIST-002", "AS-META-001", "AS-META-002", "AS-META-003", "AS-META-006",
                     "AS-AIGC-011")


def test_the_cases_say_their_reader_leaves_a_refused_file_unjudged():
    """Their lines name a refused file (asserted with part h92-cap's cases in test_open_items_h92_cap.py); the
    flag part h92-cap's ``drafting/unparsed.py::refused`` reads, so a line rewritten later keeps the clause."""
    procedures = yaml.safe_load((ROOT / "suites/assets/procedures.yaml").read_text(encoding="utf-8"))["procedures"]
    assert [rid for rid in READING_DOCUMENTS if not procedures[rid].get("refused_unjudged")] == []


def test_the_changed_cases_step_with_a_note():
    """A patch step each, its note line in both languages."""
    data = yaml.safe_load((ROOT / "suites/assets/requirements.yaml").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in data["requirements"]}
    for rid in (*READING_DOCUMENTS, "AS-TRADE-003", "AS-TRADE-010", "AS-MINOR-001", "AS-MINOR-002", "AS-MINOR-003",
                "AS-REVIEW-001", "AS-REVIEW-002"):
        notes = by_id[rid]["notes"]
        assert "thirty-ninth reading's leftovers, part mAS" in notes["en"], rid
        assert "第三十九次审读遗留问题，第 mAS 部分" in notes["zh"], rid


#: row 2: the suites whose reads after a status test went straight to ``.json()``
SET_UP_READS = ("test_minors.py", "test_review.py", "test_trading.py")
#: the one read left: the discovery document's, caught, its state read as "declared" (declared_terms judges it)
CAUGHT = {("test_minors.py", "playtime_declared")}
#: settlement_time reads the settle answer the case judges already (R1's 200); another row's
NOT_THIS_ROW = {("test_trading.py", "settlement_time")}


def test_no_read_after_a_status_test_goes_straight_to_json():
    """Row 2: ``shown.json()`` (AS-TRADE-003's order before settlement), ``resold.json()`` (AS-TRADE-010's resale),
    the histories of AS-MINOR-001 and AS-REVIEW-001, the sessions of AS-MINOR-002/-003 and the listing, metadata and
    review records of AS-REVIEW-* raised an uncaught error on a body that does not parse: a fail under no rule."""
    raw = []
    for name in SET_UP_READS:
        tree = ast.parse((ROOT / "suites/assets" / name).read_text(encoding="utf-8"))
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            if (name, func.name) in CAUGHT | NOT_THIS_ROW:
                continue
            raw += [(name, func.name, call.lineno) for call in ast.walk(func) if isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute) and call.func.attr == "json"]
    assert raw == []


def _answer(status: int, body: bytes, url: str) -> Response:
    return Response("GET", url, status, httpx.Headers({"content-type": "application/json"}), body, 0.0)


def _review_module():
    spec = importlib.util.spec_from_file_location("h92_mAS_review", ROOT / "suites/assets/test_review.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class _Api:
    """An API answering each path from a table (the listing, an item's metadata, its review records)."""

    def __init__(self, answers: dict[str, tuple[int, bytes]]) -> None:
        self.answers = answers

    def get(self, path: str) -> Response:
        status, body = self.answers[path]
        return _answer(status, body, f"https://api.example{path}")


_SESSION = SimpleNamespace(registry=SimpleNamespace(path=lambda asset_id: f"/assets/{asset_id}"))
_TERMS = {"reviews": "/assets/{asset_id}/reviews"}
_RATED = b'{"asset_id": "a", "content_rating": {"scheme": "CADPA", "value": "12+"}}'


def test_review_records_that_do_not_parse_are_a_finding_under_the_callers_rule(catalog):
    """Row 2: the review records answered 200 are the case's own read; a body not JSON raised uncaught."""
    api = _Api({"/assets": (200, b'{"items": [{"asset_id": "a"}]}'), "/assets/a": (200, _RATED),
                "/assets/a/reviews": (200, b"<html>")})
    with pytest.raises(NonConformance) as raised:  # the shared own read (part h94-own) raises the finding
        list(_review_module().rated_items(api, _SESSION, catalog.schemas, Caught(), _TERMS, None, "R2"))
    assert raised.value.evidence["rule"] == "R2"


def test_a_listing_or_metadata_that_does_not_parse_is_a_set_up_left_unjudged(catalog):
    """Row 2: the asset list and an item's metadata are set-up reads; a body not JSON raised uncaught."""
    review = _review_module()
    api = _Api({"/assets": (200, b"not json")})
    with pytest.raises(Inconclusive, match="200"):
        list(review.rated_items(api, _SESSION, catalog.schemas, Caught(), _TERMS, None, "R2"))
    api = _Api({"/assets": (200, b'{"items": [{"asset_id": "a"}]}'), "/assets/a": (200, b"<html>")})
    evidence = Caught()
    with pytest.raises(Inconclusive):
        list(review.rated_items(api, _SESSION, catalog.schemas, evidence, _TERMS, None, "R2"))
    assert evidence.caught == []


def test_the_fail_lines_name_a_body_of_the_cases_own_read_that_does_not_parse(zh_markdown, en_markdown):
    """Row 2: AS-TRADE-003's read before settlement, AS-TRADE-010's order passing the asset to C and
    AS-MINOR-003's sessions inside the windows are the cases' own reads: their fail lines name the body."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    want = {"AS-TRADE-003": ("结算前的读取未得到 200 或其响应体无法解析为 JSON",
                             "the read before settlement is not answered 200 or its body does not parse as JSON"),
            "AS-TRADE-010": ("转手给 C 的下单应答体无法解析为 JSON",
                             "the body answering the order passing it to C not parsing as JSON"),
            "AS-MINOR-003": ("在时段之内未获得会话（未得到 201，或其响应体无法解析为 JSON）",
                             "gets no session inside them (no 201, or a body that does not parse as JSON)")}
    for rid, (zh, en) in want.items():
        assert zh in _verdict_lines(zh_cases[rid], "zh")["不通过"], rid
        assert en in _verdict_lines(en_cases[rid], "en")["Fail"], rid
