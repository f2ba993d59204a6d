"""IF-SES-001/-005 fix the 10 s a connection and a join are waited for (本文件规定的): the target's IXIT
``timeout_s`` does not move it (forty-ninth reading, part h102-ixit)."""

from __future__ import annotations

import importlib.util
import sys
from types import SimpleNamespace

from conformance.areas.interfaces import sessions
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_sessions", ROOT / "suites/interfaces/test_sessions.py")
suite = sys.modules["suite_sessions"] = importlib.util.module_from_spec(_spec)  # its dataclass looks itself up
_spec.loader.exec_module(suite)


class Api:
    base_url = "https://platform.test"
    timeout_s = 60.0  # the IXIT's request time limit, longer than the 10 s the cases fix

    def tls_context(self):
        return None


def test_an_ixit_timeout_of_60_s_does_not_change_the_join_limit(monkeypatch):
    planned: list[sessions.Plan] = []

    def run(base, join, space, tokens, plan, tls):
        planned.append(plan)
        return sessions.Record(plan)

    monkeypatch.setattr(suite.sessions, "declaration", lambda api, rule=None: {"join": "/sessions/{space}"})
    monkeypatch.setattr(suite.sessions, "run", run)
    monkeypatch.setattr(suite, "provisioned",
                        lambda api, path, count: [SimpleNamespace(token=f"t{i}") for i in range(count)])
    drive = suite._Drive("/identities", 8, 32, 10, 100, 2000)
    suite._measured({"api": Api()}, drive, 8)
    assert [plan.timeout_s for plan in planned] == [sessions.ANSWER_LIMIT_S] == [10.0]
