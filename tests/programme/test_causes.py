"""Why a participant run did not finish, as the programme's console and site say it."""

from __future__ import annotations

import orjson

from conformance.messages import msg
from conformance.programme.causes import run_cause


def _report(profiles: int, requirements: int, reached: int) -> dict:
    stop, missed = msg("engine.interrupted-by", signal="SIGTERM"), msg("engine.not-reached")
    results = [{"requirement": f"ID-DOC-{n:03}", "verdict": "pass" if n < reached else "error",
                "message": "" if n < reached else str(missed), "text": None if n < reached else missed.text()}
               for n in range(requirements)]
    return {"complete": False, "notes": [str(stop)], "note_texts": [stop.text()], "requirements": results,
            "profiles": [{"id": f"p{n}", "outcome": "incomplete", "blocking": [r["requirement"] for r in results]}
                         for n in range(profiles)]}


def test_an_interrupted_run_is_one_line_and_its_files_not_a_line_per_profile(tmp_path):
    (tmp_path / "report.json").write_bytes(orjson.dumps(_report(profiles=21, requirements=90, reached=5)))
    (tmp_path / "console.log").write_text("…\n")
    assert run_cause(tmp_path) == [
        "interrupted by SIGTERM: 85 of 90 requirements not reached (judged before it stopped: 5 passed)",
        f"report: {tmp_path / 'report.json'}", f"console: {tmp_path / 'console.log'}"]
    [line] = run_cause(tmp_path, "zh", files=False)
    assert "90 项要求中有 85 项未执行" in line
