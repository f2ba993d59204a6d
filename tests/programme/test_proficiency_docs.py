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
    assert "questionable: lab-b on tracking-1 (TD-PERF-001): trueness@rig z = 2.33" in done.stdout
    assert "disagrees: lab-c on contract-1 (IF-CON-001): verdict" in done.stdout
    compared = json.loads((work / "comparison.json").read_text(encoding="utf-8"))
    assert {d["laboratory"] for d in compared["disagreeing"]} == {"lab-c"}
    # a laboratory's own report.json: its verdict compared, and the measurement items TD-PERF-001
    # writes (interface 2 of issue 70) matched to the round's trueness of the rig and scored
    lab_d = json.loads((work / "lab-d.json").read_text(encoding="utf-8"))
    assert lab_d["disagreeing"] == [{"laboratory": "lab-d", "case": "contract-1", "requirement": "IF-CON-001",
                                     "problems": ["no result"]}]
    (tracking,) = [row for row in lab_d["rows"] if row["case"] == "tracking-1"]
    assert tracking["verdict"] == "pass" and tracking["agrees"]
    (scored,) = [v for v in tracking["values"] if v["quantity"].startswith("trueness")]
    report = json.loads((work / "lab-d" / "report.json").read_text(encoding="utf-8"))
    (record,) = [r for r in report["requirements"] if r["requirement"] == "TD-PERF-001"]
    items = [i for i in record["evidence"] if i.get("kind") == "measurement" and i.get("quantity") == "trueness"]
    if items:  # the round's quantity and subject are the ones the run's items carry, X its value
        # one value, judged by R1 against the standard's limit and, since TD-PERF-001 2.3, by R4 against the claim
        assert {(i["subject"], i["unit"]) for i in items} == {("rig", "mm")}
        assert len({i["value"] for i in items}) == 1 and {i["rule"] for i in items} <= {"R1", "R4"}
        assert scored["quantity"] == "trueness@rig" and scored["evaluation"] == "satisfactory"
        assert abs(scored["z"]) < 0.1
        assert abs(items[0]["uncertainty"] - 0.11) < 0.01  # the round's U(X) is the run's U
    else:  # a harness that writes no measurement items: compared by the verdict, the value unscored
        assert tracking["values"] == [{"quantity": "trueness@rig", "value": None, "assigned": 0.58,
                                       "score": "no value", "evaluation": "not scored"}]
