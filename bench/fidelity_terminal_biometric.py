"""Agreement of the biometric rules (TD-BIO-001, TD-BIO-004) with a hand judgement of real
eye-tracking recordings' metadata (tests/corpora/terminal/bids/, BIDS eye-tracking examples).

Each recording's sidecar (with the BIDS inheritance of the dataset's top-level sidecar), its
participant's row in participants.tsv and the dataset description are turned into a capture
header without cleaning: the device from Manufacturer and ManufacturersModelName, one stream
per recording (eye tracking: eye_gaze; EEG: eeg),
the BIDS participant label as subject, and the metadata unchanged in x- members. What is
judged, by hand, once for the corpus:

- TD-BIO-001: every such stream carries biometric data (gaze and pupil; EEG) and nothing in
  BIDS declares it so, purpose, retention or consent: expected fail;
- TD-BIO-004: no metadata holds a raw personal identifier (participants are sub-XX labels
  and an NDA GUID; DeviceSerialNumber names the device; authors' names are not the recorded
  person's identifiers and the rule does not cover names): expected pass.

    python bench/fidelity.py --area terminal_biometric
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import orjson

from conformance.areas.terminal import analyse

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "terminal" / "bids"


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _participant(dataset: Path, label: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO((dataset / "participants.tsv").read_text(encoding="utf-8-sig")),
                          delimiter="\t")
    return next((row for row in rows if row.get("participant_id") == label), {})


def recordings() -> list[tuple[str, dict[str, Any]]]:
    """(item, capture header) for each eye-tracking or EEG recording of the corpus."""
    found: list[tuple[str, dict[str, Any]]] = []
    for dataset in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        description = _read(dataset / "dataset_description.json")
        for sidecar in sorted(dataset.rglob("sub-*.json")):
            name = sidecar.name
            if "_recording-eye" in name and name.endswith("_physio.json"):
                kind, device_class = "eye_gaze", "eye_tracker"
            elif name.endswith("_eeg.json"):
                kind, device_class = "eeg", "bci"
            else:
                continue
            task = next(part for part in name.split("_") if part.startswith("task-"))
            top = dataset / f"{task}_{'physio' if kind == 'eye_gaze' else 'eeg'}.json"
            metadata = {**(_read(top) if top.is_file() else {}), **_read(sidecar)}  # BIDS inheritance
            label = name.split("_")[0]
            rate = metadata.get("SamplingFrequency")
            stream: dict[str, Any] = {"id": "recording", "type": kind, "x-bids": metadata}
            if kind == "eye_gaze":
                stream["space"] = "view"
            if isinstance(rate, int | float) and rate > 0:
                stream["rate_hz"] = rate
            header = {
                "format": "mvx-capture", "version": "1.0", "subject": label,
                "device": {"class": device_class, "vendor": str(metadata.get("Manufacturer") or "unknown"),
                           "model": str(metadata.get("ManufacturersModelName") or "unknown"),
                           "firmware": "unknown", "offers": [{"type": kind}]},
                "streams": [stream],
                "x-participant": _participant(dataset, label), "x-dataset": description,
            }
            found.append((sidecar.relative_to(CORPUS).as_posix(), header))
    return found


def measure() -> list[dict[str, Any]]:
    judged = {"TD-BIO-001": ("bio_declared", "fail"), "TD-BIO-004": ("pseudonymous", "pass")}
    results = []
    for requirement, (rule, expected) in judged.items():
        total = agree = 0
        disagreements = []
        for item, header in recordings():
            analysis = analyse(io.BytesIO(orjson.dumps(header) + b"\n"))
            actual = "fail" if analysis.log(rule).total else "pass"
            total += 1
            if actual == expected:
                agree += 1
                continue
            disagreements.append({"item": item, "expected": expected, "actual": actual, "reason": "unexplained"})
        results.append({"corpus": f"bids-eyetracking {requirement}", "total": total, "agree": agree,
                        "disagreements": disagreements})
    return results


if __name__ == "__main__":
    for corpus in measure():
        print(corpus)
