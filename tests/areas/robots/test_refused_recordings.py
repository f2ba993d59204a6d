"""RB-JOINT-001 with a joint-state recording the test equipment refuses to read (a link out of its
declared folder) beside the good one: the refused file is not judged, so the case is inconclusive,
never failed (thirty-seventh reading's leftovers, part m2)."""

from __future__ import annotations

import os
import shutil

from conformance.reference import SAMPLES
from tests.conftest import manifest_for, verdicts


def test_a_recording_linked_outside_its_folder_is_unjudged(tmp_path, catalog, run_manifest):
    folder = tmp_path / "joint_states"
    folder.mkdir()
    shutil.copy(SAMPLES / "joint_states" / "greeter-session.jsonl", folder / "greeter-session.jsonl")
    shutil.copy(SAMPLES / "joint_states" / "greeter-session.jsonl", tmp_path / "elsewhere.jsonl")
    os.symlink(tmp_path / "elsewhere.jsonl", folder / "linked.jsonl")
    manifest = manifest_for(catalog, "robot-joint-data")
    manifest["targets"]["joint_states"]["paths"] = [str(folder / "*")]
    assert verdicts(run_manifest(manifest))["RB-JOINT-001"] == "inconclusive"
