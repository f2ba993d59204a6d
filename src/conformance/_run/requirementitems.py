"""What pytest collects in a conformance run besides the suites' tests: the requirements a
test is marked with, and an item for each requirement no test decides (not applicable, manual,
assessed), so that pytest's counts are the report's. Read by the session, the collection of a
run's tests (:mod:`.collect`), the plan's terms and the pytest plug-in's fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .._catalog.model import Testing, Verdict
from ..messages import msg
from .plan import RunPlan


def collection_error(report: pytest.CollectReport) -> str:
    """A module that could not be collected, as one line: its node ID and the error's last line."""
    text = str(report.longrepr).strip().splitlines()
    return f"{report.nodeid}: {text[-1] if text else 'collection failed'}"


def requirement_ids(item: pytest.Item) -> list[str]:
    ids: list[str] = []
    for marker in item.iter_markers("requirement"):
        ids.extend(str(a) for a in marker.args if str(a) not in ids)
    return ids


def untested_verdict(plan: RunPlan, req_id: str) -> tuple[Verdict, str] | None:
    """The verdict of a requirement that no test decides (an optional feature not claimed, an
    assessment record, a manual requirement), or None when its tests decide it."""
    if req_id in plan.not_applicable:
        return Verdict.NOT_APPLICABLE, plan.not_applicable[req_id]
    if req_id in plan.assessments:
        return Verdict(plan.assessments[req_id].record["verdict"]), plan.assessments[req_id].message()
    testing = plan.catalog.requirements[req_id].testing
    if testing is not Testing.AUTOMATED:
        return Verdict.INCONCLUSIVE, msg("engine.needs-person", testing=testing.value)
    return None


class RequirementsFile(pytest.File):
    """An area's requirements.yaml as pytest sees it in a pytest-driven run: the parent of
    the items of requirements that no test decides (see :class:`RequirementItem`)."""

    def collect(self) -> Iterator[pytest.Item]:  # the items are made by the session, not collected
        return iter(())


class RequirementItem(pytest.Item):
    """A requirement no test decides, as a pytest item, so that pytest's counts are the
    report's: not applicable shows as skipped, manual (unassessed) as xfailed, an assessed
    one as its assessment's verdict."""

    def __init__(self, *, verdict: Verdict, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.verdict, self.message = verdict, message
        self.add_marker(pytest.mark.requirement(self.name))

    def runtest(self) -> None:
        pass  # decided before the run; the report of its call says how (see _rewrite)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.name} ({self.verdict.value}: {self.message})"
