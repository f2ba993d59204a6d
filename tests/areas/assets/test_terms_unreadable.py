"""The requirements that judge declared terms (AS-MINOR-001/002, AS-REVIEW-001/002, AS-TRADE-*)
leave them unjudged when the discovery document is not JSON: inconclusive, never a fail (the
document is IF-DISC-001's to judge; issue 59)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Inconclusive, NonConformance
from conformance.areas._shared import trading
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_minors", ROOT / "suites/assets/test_minors.py")
minors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(minors)


class HtmlDiscovery:
    """A platform whose discovery document is an HTML page answered with 200."""

    def get(self, path, **_):
        def json():
            raise NonConformance("the body is not valid JSON")
        return SimpleNamespace(status=200, content=b"<html>welcome</html>", json=json, requested=f"GET http://t{path}")


class Params(SimpleNamespace):
    identity_path = "/identities"


def test_the_trading_terms_of_a_document_that_is_not_json_are_unjudged():
    with pytest.raises(Inconclusive):
        trading.terms(HtmlDiscovery())


def test_play_time_limits_over_a_document_that_is_not_json_are_inconclusive():
    """AS-MINOR-002 1.5: the applicability probe read the body as JSON and failed the requirement."""
    with pytest.raises(Inconclusive):
        minors.test_play_time_limits_are_honoured({"api": HtmlDiscovery()}, None, None, Params())
