"""TD-DESC-001 with a device descriptor the test equipment refuses to read (a link out of its declared
folder) beside a good one: the refused file is not judged, so the case is inconclusive, never failed
(thirty-seventh reading's leftovers, part m2)."""

from __future__ import annotations

import os
import shutil

from conformance.reference import SAMPLES
from tests.conftest import manifest_for, verdicts


def test_a_descriptor_linked_outside_its_folder_is_unjudged(tmp_path, catalog, run_manifest):
    folder = tmp_path / "descriptors"
    folder.mkdir()
    shutil.copy(SAMPLES / "descriptors" / "vr-headset.json", folder / "vr-headset.json")
    shutil.copy(SAMPLES / "descriptors" / "haptic-vest.json", tmp_path / "elsewhere.json")
    os.symlink(tmp_path / "elsewhere.json", folder / "linked.json")
    manifest = manifest_for(catalog, "terminal-descriptor")
    manifest["targets"]["descriptors"]["paths"] = [str(folder)]
    result = run_manifest(manifest)
    assert verdicts(result)["TD-DESC-001"] == "inconclusive"
