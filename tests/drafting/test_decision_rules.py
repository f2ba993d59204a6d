"""The specification says which decision rule each measured requirement applies: its test case's 判定准则
(written from the catalog's decision_rule, whether or not the criteria are written by hand) and the 编制说明's
table of rules and reasons (from the requirement's notes), in Chinese and English."""

from __future__ import annotations

import pytest

from conformance.drafting.decisions import reason
from conformance.drafting.wording import one_document_name
from conformance.drafting.writer import Writer
from tests.drafting.test_spec_gbt import cases

WORDS = {"zh": ("判定准则", {"guarded": ("保护性接受", "保护带内", "判为不通过"), "simple": ("简单接受", "保护带为零")}),
         "en": ("Verdict criteria", {"guarded": ("guarded acceptance", "within the guard band", "fails"),
                                     "simple": ("simple acceptance", "guard band zero")})}


def _measured(catalog):
    return [r for r in catalog.requirements.values() if r.decision_rule is not None]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_measured_test_case_states_its_rule(catalog, lang, request):
    label, words = WORDS[lang]
    found = cases(request.getfixturevalue(lang))  # the draft's blocks, rendered once a process (conftest.py)
    measured = _measured(catalog)
    # RB-TRACK-002 (an external tracker) the 19th, TD-TACT-002 (an indenter) the 20th; TD-DISP-009, TD-VOICE-004
    # and TD-CAPT-004 (issue 75) the 21st to 23rd, TD-ACC-004 and TD-ACC-005 the 24th and 25th, TD-DEPTH-002 (a
    # reference target at known distances) the 26th, TD-RADAR-002 (a corner reflector) the 27th, TD-ACC-006 (a
    # camera at the eyepiece) the 28th, TD-CAM-002 (a calibration board at known places) the 29th, TD-DISP-010 (a
    # spectroradiometer at the eyepieces) the 30th, TD-DISP-011 (a luminance meter at the eyepieces) the 31st,
    # TD-PERF-003 (a device held still on a rig) the 32nd, TD-FACE-004 (a reference
    # facial capture) the 33rd, TD-HAND-005 (h75-coverF: a reference capture of the same hand) the 34th,
    # TD-GAZE-003 (h75-coverF: an artificial eye a stage steps) the 35th, TD-PERF-004 (h75-coverF: a robot arm's
    # motion programme) the 36th, TD-OLF-003 (h75-coverG: a
    # photoionization detector before a scent device's outlet) the 37th, TD-GAZE-004 (h75-eye: a session's
    # validations) the 38th, TD-HAPT-004 (h75-haptOlf: an accelerometer on vibrations sent through the runtime
    # test interface) the 39th, TD-OLF-005 (h75-haptOlf: a photoionization
    # detector on scents sent through it) the 40th, TD-TACT-004 (h75-tactile: the reference indenter
    # against the contacts a device recognises) the 41st, TD-HAND-006 (h75-hand: a reference capture of the same
    # hand pinching) the 42nd, TD-GAZE-005 (h75-gazesel: selections by gaze) the 43rd, TD-PWR-002 (h76-eighth: a
    # calibrated contact thermometer) the 44th, TD-PERF-005 (h75-track: a
    # reference tracker over a session's returns and at the tracking volume's faces) the 45th, TD-OLF-006 (h75-olfGC: a gas
    # chromatograph) the 46th, TD-TACT-005 (h75-tactLive: the
    # indenter against what the runtime test interface answers) the 47th, TD-FACE-005 (h75-faceRec:
    # expressions recognised against the subject's cued schedule) the 48th, TD-BODY-005 (h75-mocapEdge: a
    # reference motion capture under occlusion and at the volume's faces) the 49th, TD-FACE-006 (h75-faceLive: the
    # reference facial capture against what the runtime test interface answers) the 50th, TD-GAZE-006 (h75-gazeLive: the
    # artificial eye against the gaze the runtime test interface answers) the 51st, TD-BCI-008 (h75-bciLive: the
    # calibrated generator against what the runtime test interface answers) the 52nd, TD-BODY-006 (h75-bodyLive: the
    # reference motion capture against what the runtime test interface answers) the 53rd, TD-FACE-007 (h75-exprIf: the
    # reference facial capture's cued schedule against the expressions the runtime test interface answers) the 54th,
    # TD-DISP-005 (h80-g, the twenty-fourth reading's row 25: a photodiode's luminance trace) the 55th, TD-MPLAT-002 (h81-n, the twenty-eighth reading's row a17: the instrument on the moving
    # base, simple acceptance) the 56th; IF-LAT-001 and IF-SES-002 (h126-meas, the sixty-third reading's a3 and d1:
    # latencies read on the test equipment's clock, simple acceptance, type_b: clock) the 57th and 58th
    assert len(measured) == 58
    for req in measured:
        criteria = found[req.id][label]
        assert all(w in criteria for w in words[req.decision_rule.kind]), (req.id, criteria)
        assert len(criteria.split("\n")) == 4  # the rule ends the fail criterion; no part is added
    others = [c[label] for rid, c in found.items() if catalog.requirements[rid].decision_rule is None]
    assert not any(words["simple"][0] in c or words["guarded"][0] in c for c in others)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_explanatory_note_lists_each_rule_and_why(catalog, lang, request):
    note = request.getfixturevalue({"zh": "note", "en": "note_en"}[lang])  # once a process (conftest.py)
    at = next(i for i, b in enumerate(note) if b.anchor == "note-3-1")
    table = next(b for b in note[at:] if b.kind == "table")
    rows = {row[0]: row for row in table.rows[1:]}
    measured = _measured(catalog)
    assert set(rows) == {r.id for r in measured}
    writer = Writer(catalog, lang)
    for req in measured:
        # as the note writes it: the catalog names itself 本目录, the note 本文件 (wording.one_document_name)
        why = one_document_name(reason(req, lang), lang)
        # and as the writer passes every cell: units by symbol (ninth reading), U in italics (tenth)
        assert why and rows[req.id][2] == writer.fix(why) and len(why) > 20
        assert rows[req.id][1].startswith(WORDS[lang][1][req.decision_rule.kind][0].split("（")[0])
