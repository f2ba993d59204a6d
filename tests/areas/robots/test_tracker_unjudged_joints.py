"""RB-TRACK-002 1.2.0 (seventieth reading, c3): a joint whose recorded command is not the test motion, or with
fewer than 50 controller-state messages, is named not judged (inconclusive when nothing fails), as RB-TRACK-001
names it; until 1.1 the check dropped it unrecorded and the case passed on the other joints."""

from __future__ import annotations

import orjson
import pytest

from tests.conftest import SAMPLES, manifest_for, verdicts


def _edit(lines: list[bytes], joint: str, change) -> bytes:
    out = []
    for i, line in enumerate(lines):
        record = orjson.loads(line)
        change(i, record, record["joint_names"].index(joint))
        out.append(orjson.dumps(record))
    return b"\n".join(out) + b"\n"


def _scale(i: int, record: dict, k: int) -> None:  # the command 1.3 times the test motion's
    for part in ("reference", "feedback"):
        record[part]["positions"][k] = round(1.3 * record[part]["positions"][k], 6)


def _drop_after_30(i: int, record: dict, k: int) -> None:  # the joint in only the first 30 messages
    if i >= 30:
        for key in ("joint_names",):
            record[key].pop(k)
        for part in ("reference", "feedback", "error"):
            for field, values in record.get(part, {}).items():
                if isinstance(values, list) and len(values) > k:
                    values.pop(k)


@pytest.mark.parametrize(("change", "words"), [(_scale, "is not the test motion"), (_drop_after_30, "fewer than the 50")])
def test_a_joint_left_out_of_the_tracker_judgement_is_named(catalog, run_manifest, tmp_path, change, words):
    lines = (SAMPLES / "controller_states" / "greeter-controller.jsonl").read_bytes().splitlines()
    path = tmp_path / "greeter-controller.jsonl"
    path.write_bytes(_edit(lines, "head_pan", change))
    manifest = manifest_for(catalog, "robot-joint-data")
    manifest["targets"]["controller_states"]["paths"] = [str(path)]
    result = run_manifest(manifest, requirements=["RB-TRACK-002"])
    assert verdicts(result) == {"RB-TRACK-002": "inconclusive"}
    message = result.report.requirements[0].message
    assert "greeter-controller.jsonl: head_pan" in message
    assert "were not judged on the tracker's measurement" in message and words in message


def test_the_unchanged_sample_still_passes(catalog, run_manifest):
    result = run_manifest(manifest_for(catalog, "robot-joint-data"), requirements=["RB-TRACK-002"])
    assert verdicts(result) == {"RB-TRACK-002": "pass"}
