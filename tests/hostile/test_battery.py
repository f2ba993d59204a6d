"""Every hostile case holds: bounded time and memory, no traceback, a documented exit code,
a valid report, no secret anywhere (see battery.py for what each check means)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .battery import Case, Servers, run_case
from .cases import ALL_CASES


def _param(case: Case) -> object:
    return pytest.param(case, id=case.name.replace(" ", "-"), marks=[pytest.mark.slow] if case.slow else [])


@pytest.mark.parametrize("case", [_param(c) for c in ALL_CASES])
def test_case_holds(case: Case, servers: Servers, tmp_path: Path) -> None:
    outcome = run_case(case, servers, tmp_path / "case")
    assert outcome.held, outcome.line()
