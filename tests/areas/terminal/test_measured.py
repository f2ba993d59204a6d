"""Every measured terminal requirement (measures: instrument) reports, on its known-bad cases, the values it
judged as measurement items (interface 2): value, expanded uncertainty at k = 2, limit, the decision rule its
catalog entry states, and an outcome that does not pass for the rule the case breaks.

Each case's items are held to that on the case's own run in tests/e2e/test_known_bad.py
(tests/e2e/measurement_items.py), which runs every case already; here each requirement is held to having a
case that records items at all, its cases run in order until one does."""

from __future__ import annotations

import pytest

from conformance import load_catalog
from tests.conftest import manifest_for
from tests.e2e.measurement_items import checked_items
from tests.e2e.test_known_bad import CASES

MEASURED = sorted(r.id for r in load_catalog().requirements.values() if r.measures == "instrument")


def test_the_twenty_five_measured_requirements_are_all_covered():
    # RB-TRACK-002 the 19th, TD-TACT-002 the 20th; issue 75: TD-DISP-009, TD-VOICE-004, TD-CAPT-004, TD-ACC-004,
    # TD-ACC-005, TD-ACC-006 (accessibility observed), TD-DEPTH-002, TD-RADAR-002, TD-CAM-002, TD-DISP-010 and
    # TD-DISP-011 and TD-PERF-003 (h75-coverD: a luminance meter at the eyepieces, a device held still on a rig),
    # TD-FACE-004 (h75-coverC: a reference facial capture), TD-HAND-005, TD-GAZE-003 and TD-PERF-004 (h75-coverF: a reference hand
    # capture, a stepped artificial eye, a robot arm's motion programme), TD-OLF-003 (h75-coverG: a photoionization detector),
    # TD-GAZE-004 (h75-eye: the gaze validated at a session's start, after its wear and after a slip)
    # TD-HAPT-004 and TD-OLF-005 (h75-haptOlf: an accelerometer, a photoionization detector, on what the runtime
    # test interface sent)
    # TD-TACT-004 (h75-tactile: the reference indenter against the contacts a device recognises)
    # TD-HAND-006 (h75-hand: a reference capture of the same hand pinching)
    # TD-GAZE-005 (h75-gazesel: selections by gaze against an artificial eye's fixations)
    # TD-PWR-002 (h76-eighth: a calibrated contact thermometer against the touch-temperature limit)
    # TD-PERF-005 (h75-track: a reference tracker over a session's returns and at the tracking volume's faces)
    # TD-OLF-006 (h75-olfGC: a gas chromatograph on sorbent tubes of each release)
    # TD-TACT-005 (h75-tactLive: the reference indenter against what the runtime test interface answers)
    # TD-FACE-005 (h75-faceRec: expressions recognised against the subject's cued schedule)
    # TD-BODY-005 (h75-mocapEdge: the reference motion capture under occlusion and at the volume's faces)
    # TD-FACE-006 (h75-faceLive: the reference facial capture against what the runtime test interface answers)
    # TD-GAZE-006 (h75-gazeLive: the artificial eye against the gaze the runtime test interface answers)
    # TD-BCI-008 (h75-bciLive: the calibrated generator against what the runtime test interface answers)
    # TD-BODY-006 (h75-bodyLive: the reference motion capture against what the runtime test interface answers)
    # TD-FACE-007 (h75-exprIf: the subject's cued schedule against the expressions the interface answers)
    # TD-DISP-005 (h80-g, the twenty-fourth reading's row 25: a photodiode's luminance trace, guarded acceptance)
    # TD-MPLAT-002 (h81-n, the twenty-eighth reading's row a17: acceleration and jerk, simple acceptance)
    assert len(MEASURED) == 56 and all(CASES.get(r) for r in MEASURED)


@pytest.mark.parametrize("requirement", MEASURED)
def test_some_known_bad_case_of_it_reports_its_measurements(requirement, catalog, run_manifest):
    """A case fails with its items whole and carrying the catalog's rule (as each case does in
    tests/e2e/test_known_bad.py), and some case has items: the cases run in order until one has."""
    for index, case in enumerate(CASES[requirement]):
        manifest = manifest_for(catalog, case["profile"], files=case.get("files"), features=case.get("features"),
                                parameters=case.get("parameters"), product=case.get("product"))
        result = run_manifest(manifest, requirements=[requirement])
        (record,) = [r for r in result.report.requirements if r.requirement == requirement]
        if checked_items(catalog, requirement, record, case, index):
            return
    pytest.fail(f"{requirement}: no known-bad case recorded a measurement item")


def test_an_instrument_s_stated_uncertainty_applies_in_the_value_s_unit_or_not_at_all():
    from conformance.areas._shared.uncertainty import Declared
    from conformance.areas.terminal.measured import type_b

    assert type_b(Declared(0.6e-3, "m", 2), 0.0, "mm") == (pytest.approx(0.3), True)  # a rig stating metres
    assert type_b(Declared(0.2, "degree", 2), 1.0, "deg") == (pytest.approx(0.1), True)
    assert type_b(Declared(1.0, "%", 2), 50.0, "uV") == (pytest.approx(0.25), True)  # a share of the reading
    assert type_b(Declared(0.02, "N", 2), 1.0, "mm") == (0.0, False)  # another quantity: type A alone
    assert type_b(None, 1.0, "mm") == (0.0, False)
