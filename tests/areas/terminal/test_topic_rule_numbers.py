"""The terminal topic modules' findings name the rule of their requirement they break (issue 76, the
thirty-sixth reading's a9, part 2): the known-bad captures of the requirements that define rules and whose
findings a topic module (bci, camera, depth, vergence, flicker, display, radar, tactile, voice) files in the
reader's log give every finding of that log the R-number the defect breaks, never the log key, which
``suite.record`` would otherwise copy into the rule. The cases the suite's test judges itself (a conflict, a
flicker, a transcript outside the sound) leave the log empty and are not listed."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.model import RULES

FIXTURES = Path(__file__).resolve().parents[3] / "suites" / "terminal" / "fixtures"
LOG_OF = {requirement: key for key, requirement in RULES.items()}
#: (requirement, known-bad capture) -> the rules its log's findings name
EXPECTED = {
    ("TD-BCI-001", "bci-rules/eeg-label.ndjson.gz"): {"R1", "R2", "R4"},
    ("TD-BCI-001", "bci-rules/emg-no-reference.ndjson.gz"): {"R3"},
    ("TD-BCI-001", "bci-rules/channel-type.ndjson.gz"): {"R1"},
    ("TD-BCI-001", "bci-rules/placement-unknown.ndjson.gz"): {"R4"},
    ("TD-CAM-001", "cam-rules/short-frame.ndjson.gz"): {"R1"},
    ("TD-CAM-001", "cam-rules/outside.ndjson.gz"): {"R2"},
    ("TD-DEPTH-001", "depth-rules/short-frame.ndjson.gz"): {"R1"},
    ("TD-DEPTH-001", "depth-rules/zero.ndjson.gz"): {"R2"},
    ("TD-DISP-004", "disp-rules/va-focal-undeclared.ndjson.gz"): {"R1"},
    ("TD-DISP-004", "disp-rules/va-depth-invalid.ndjson.gz"): {"R2"},
    ("TD-DISP-004", "disp-rules/va-focal-outside.ndjson.gz"): {"R2"},
    ("TD-DISP-005", "disp-rules/luminance-gap.ndjson.gz"): {"R1"},
    ("TD-DISP-005", "disp-rules/luminance-negative.ndjson.gz"): {"R1"},
    ("TD-DISP-007", "disp-rules/ipd.ndjson.gz"): {"R1"},
    ("TD-DISP-007", "disp-rules/ipd-differs.ndjson.gz"): {"R2"},
    ("TD-RADAR-001", "radar-rules/unpaired.ndjson.gz"): {"R1"},
    ("TD-RADAR-001", "radar-rules/outside.ndjson.gz"): {"R2"},
    ("TD-TACT-001", "tact-rules/short-frame.ndjson.gz"): {"R1"},
    ("TD-TACT-001", "tact-rules/negative.ndjson.gz"): {"R2"},
    ("TD-VOICE-003", "voice-rules/transcript-backwards.ndjson.gz"): {"R2"},
    ("TD-VOICE-003", "voice-rules/transcript-early.ndjson.gz"): {"R3"},
    ("TD-VOICE-003", "voice-rules/transcript-empty.ndjson.gz"): {"R4"},
    ("TD-VOICE-003", "voice-rules/transcript-confidence.ndjson.gz"): {"R5"},
}


@pytest.mark.parametrize(("requirement", "capture"), EXPECTED)
def test_a_topic_modules_findings_name_the_rule_they_break(requirement, capture):
    path = FIXTURES / capture
    with gzip.open(path) if path.suffix == ".gz" else path.open("rb") as stream:
        log = analyse(stream).log(LOG_OF[requirement])
    assert {finding.rule for finding in log.detailed} == EXPECTED[requirement, capture], \
        [(finding.rule, finding.message) for finding in log.detailed]
