"""IF-AUTH-001 step 2 d) and IF-AUTH-003 send a randomly generated token the platform never issued (issue 76, the
thirty-sixth reading's a16): the check generates it afresh at each run, where before it sent one fixed literal
(``Bearer conformance-never-issued-token``) a platform could recognise."""

from __future__ import annotations

import importlib.util
import sys

from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_auth", ROOT / "suites/interfaces/test_auth.py")
auth = importlib.util.module_from_spec(_spec)
sys.modules["suite_auth"] = auth  # its dataclasses look their module up
_spec.loader.exec_module(auth)


def _unknown_token() -> str:
    (header,) = [value for _, value in auth.bad_authorization() if value and value.startswith("Bearer ")
                 and value != "Bearer"]
    return header


def test_the_unknown_token_is_generated_afresh_at_each_run():
    first, second = _unknown_token(), _unknown_token()
    assert first != second
    assert "never-issued" not in first and len(first.removeprefix("Bearer ")) >= 32
