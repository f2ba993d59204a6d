"""TD-DISP-001 judges a display stream "over at least 200 frames" (min_display_frames): a stream
of exactly that many frames is judged, one frame fewer is not (issue 59, the statement audit)."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance import Verdict
from conformance.areas.terminal.generate.capture import generate
from tests.conftest import manifest_for


def _display_capture(path, frames: int) -> str:
    """A clean display headset capture whose display stream keeps its first ``frames`` frames."""
    buffer = io.BytesIO()
    generate(buffer, "display_headset", 3.0)  # 270 display frames at 90 Hz
    header, *lines = buffer.getvalue().splitlines()
    kept, shown = [header], 0
    for line in lines:
        if orjson.loads(line)["stream"] == "display":
            shown += 1
            if shown > frames:
                continue
        kept.append(line)
    path.write_bytes(b"\n".join(kept) + b"\n")
    return str(path)


@pytest.mark.slow
@pytest.mark.parametrize("frames, verdict", [(200, Verdict.PASS), (199, Verdict.INCONCLUSIVE)])
def test_a_display_stream_of_the_fewest_frames_is_judged(catalog, run_manifest, tmp_path, frames, verdict):
    capture = _display_capture(tmp_path / f"display-{frames}.ndjson", frames)
    manifest = manifest_for(catalog, "terminal-comfort", files={"captures": [capture]})
    result = run_manifest(manifest, requirements=["TD-DISP-001"])
    found = next(r for r in result.report.requirements if r.requirement == "TD-DISP-001")
    assert found.verdict is verdict, found.message
