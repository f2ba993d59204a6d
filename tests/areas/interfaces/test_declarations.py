"""The discovery declarations the interface checks read, through one read (``_shared.discovery.declared_member``):
each module's ``declaration`` keeps its verdict for a missing member (a non-conformance naming its pointer and
the caller's rule, or inconclusive), and none reads the discovery document itself (leftovers of the twenty-third
reading, part m: sessions, reporting and scenes each had their own copy of the read)."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conformance import Inconclusive, NonConformance
from conformance.areas._shared import discovery
from conformance.areas.interfaces import reporting, scenes, sessions, userdata

INTERFACES = Path(reporting.__file__).parent
AREAS = INTERFACES.parent


class _Api:
    """Just enough of the http adapter: a discovery document served as JSON."""

    def __init__(self, document: object) -> None:
        self.document = document

    def get(self, path: str, **kwargs: Any) -> SimpleNamespace:
        assert path == discovery.DISCOVERY
        return SimpleNamespace(status=200, json=lambda: self.document, requested=f"GET {path}")


def _raised(call: Any) -> BaseException:
    with pytest.raises((NonConformance, Inconclusive)) as caught:
        call()
    return caught.value


def test_a_session_without_a_join_path_fails_the_callers_rule() -> None:
    declared = {"join": "/sessions/{space}"}
    assert sessions.declaration(_Api({"sessions": declared}), "R1") == declared
    for document in ({}, {"sessions": []}, {"sessions": {"join": "sessions/{space}"}}, {"sessions": {"join": "/s"}}):
        raised = _raised(lambda d=document: sessions.declaration(_Api(d), "R2"))
        assert isinstance(raised, NonConformance), document
        assert raised.evidence == {"file": discovery.DISCOVERY, "pointer": "/sessions/join", "rule": "R2"}


def test_reporting_without_an_endpoint_fails_the_callers_rule_and_is_otherwise_inconclusive() -> None:
    declared = {"endpoint": "/reports", "conduct_rules": "/conduct"}
    assert reporting.declaration(_Api({"reporting": declared}), "R1") == declared
    raised = _raised(lambda: reporting.declaration(_Api({"reporting": {"conduct_rules": "/conduct"}}), "R1"))
    assert isinstance(raised, NonConformance)
    assert raised.evidence == {"file": discovery.DISCOVERY, "pointer": "/reporting/endpoint", "rule": "R1"}
    # a case reading another member (the code of conduct): the object alone is read, its absence undecided
    assert reporting.declaration(_Api({"reporting": {"conduct_rules": "/c"}})) == {"conduct_rules": "/c"}
    assert isinstance(_raised(lambda: reporting.declaration(_Api({}))), Inconclusive)


def test_shared_scenes_missing_at_one_platform_fails_naming_it() -> None:
    declared = {"publish": "/p", "scene": "/s/{scene_id}", "interactive": "/i/{scene_id}"}
    assert scenes.declaration(_Api({"shared_scenes": declared}), "api_b") == declared
    raised = _raised(lambda: scenes.declaration(_Api({"shared_scenes": {"publish": "/p"}}), "api_b"))
    assert isinstance(raised, NonConformance)
    assert raised.evidence == {"file": f"{discovery.DISCOVERY} at api_b", "pointer": "/shared_scenes"}
    assert "api_b" in str(raised)


def test_user_data_without_the_paths_a_case_calls_is_inconclusive() -> None:
    declared = {"profile": "/u/{did}", "export": "/e/{did}"}
    assert userdata.declaration(_Api({"user_data": declared}), ("profile", "export")) == declared  # no import needed
    raised = _raised(lambda: userdata.declaration(_Api({"user_data": declared}), ("profile", "import")))
    assert isinstance(raised, Inconclusive) and "profile, import" in str(raised)


def test_declared_terms_reads_a_nested_member_through_the_same_read() -> None:
    terms = {"daily_limit_s": 3600}
    assert discovery.declared_terms(_Api({"minors": {"playtime": terms}}), ("minors", "playtime"),
                                    "assets.playtime-no-terms") == terms
    raised = _raised(lambda: discovery.declared_terms(_Api({"minors": {}}), ("minors", "playtime"),
                                                      "assets.playtime-no-terms"))
    assert isinstance(raised, NonConformance)
    assert raised.evidence == {"file": discovery.DISCOVERY, "pointer": "/minors/playtime"}


def _calls(path: Path, name: str) -> list[str]:
    """The functions of ``path`` that call ``name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
            for c in ast.walk(f) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == name]


def test_every_declaration_reads_through_the_one_read() -> None:
    """No module of the areas but the shared one reads the discovery document to take a member of it; each
    interface module's ``declaration`` calls ``declared_member``."""
    readers = {p.relative_to(AREAS).as_posix() for p in AREAS.rglob("*.py")
               if "_vendor" not in p.parts and _calls(p, "discovery_document")}
    assert readers == {"_shared/discovery.py"}
    for module in (sessions, reporting, scenes, userdata):
        assert "declaration" in _calls(Path(module.__file__), "declared_member"), module.__name__
