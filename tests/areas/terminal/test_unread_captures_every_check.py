"""One rule for unreadable captures in every terminal check (issue 76, thirty-sixth reading's leftovers, part r):
a capture whose header cannot be read or parsed leaves its streams unjudged, so no check over a set of captures
passes beside it. ``suite.analyses`` records it, once, for every check that reads captures; before, about fifty
checks judged the other captures and passed. Each terminal requirement of a profile with captures is run over the
reference's good samples plus one capture with an unreadable header (one run a profile): none may pass, and the
capture is named unjudged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conformance._run.engine import RunResult, run
from tests.conftest import manifest_for, shipped_catalog

#: terminal requirements of a capture profile whose check reads no capture of the run's set: the descriptors
#: alone (TD-ACC-001/-002, TD-DESC-001), or only the capture the laboratory's record names (TD-OLF-006)
READS_NO_CAPTURE_SET = {"TD-ACC-001", "TD-ACC-002", "TD-DESC-001", "TD-OLF-006"}


def _cases() -> list[tuple[str, str]]:
    catalog = shipped_catalog()
    cases = []
    for pid in sorted(catalog.profiles):
        profile = catalog.profile(pid)
        if "captures" not in profile.targets:
            continue
        for rid in profile.all_requirements():
            requirement = catalog.requirements[rid]
            if requirement.area == "terminal" and getattr(requirement.testing, "value", requirement.testing) == "automated" \
                    and rid not in READS_NO_CAPTURE_SET and rid not in {r for _, r in cases}:
                cases.append((pid, rid))
    return cases


CASES = _cases()
_RUNS: dict[str, RunResult] = {}


def _run_with_unreadable(profile: str, folder: Path) -> RunResult:
    """The profile's requirements of CASES run once over its good samples plus ``broken.ndjson``."""
    if profile not in _RUNS:
        catalog = shipped_catalog()
        broken = folder / "broken.ndjson"
        broken.write_bytes(b"not a header\n")
        manifest = manifest_for(catalog, profile)
        manifest["targets"]["captures"]["paths"].append(str(broken))
        path = folder / "manifest.yaml"
        path.write_text(yaml.safe_dump(json.loads(json.dumps(manifest)), allow_unicode=True), encoding="utf-8")
        _RUNS[profile] = run(path, catalog=catalog, out_dir=folder / "out", formats=["json"],
                             requirements=[rid for pid, rid in CASES if pid == profile])
    return _RUNS[profile]


@pytest.mark.slow
@pytest.mark.parametrize(("profile", "rid"), CASES, ids=[rid for _, rid in CASES])
def test_no_capture_check_passes_beside_an_unreadable_capture(profile, rid, tmp_path):
    result = _run_with_unreadable(profile, tmp_path)
    (record,) = [r for r in result.report.requirements if r.requirement == rid]
    text = f"{record.message} " + " ".join(str(item) for item in record.evidence)
    assert record.verdict.value != "pass", text
    assert "broken.ndjson" in text, text


def test_every_capture_reading_check_is_held():
    """The list is the catalog's, not written out: a new terminal requirement of a capture profile is held."""
    assert len(CASES) > 100 and not READS_NO_CAPTURE_SET & {rid for _, rid in CASES}
