"""docs/proficiency.md's commands, as written, in a temporary folder."""

from __future__ import annotations

import json

from tests.paths import ROOT
from tests.walkthroughs import EXAMPLES, run_as_written, sh_block


def test_the_proficiency_walkthrough_runs_as_written(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    commands = sh_block((ROOT / "docs" / "proficiency.md").read_text(encoding="utf-8"))
    done = run_as_written(commands, cwd=work, home=tmp_path / "home", env={"EXAMPLES": str(EXAMPLES)})
    assert "all 2 laboratories agree on all 2 case(s)" in done.stdout
    assert "disagrees: lab-c on contract-1 (IF-CON-001): verdict" in done.stdout
    compared = json.loads((work / "comparison.json").read_text(encoding="utf-8"))
    assert {d["laboratory"] for d in compared["disagreeing"]} == {"lab-c"}
