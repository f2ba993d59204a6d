"""The sixtieth reading, part h119-disp (docs/drafting.md, "Sixtieth reading, part h119-disp"), row c1 (left open by
h117-disp): TD-DISP-011 judges the eyepiece's luminance at the centre and eight points at (±15, 0), (0, ±15) and
(±15, ±15) degrees, but its check did not read the display's field of view, so AR glasses whose field does not reach a
point (about 29 degrees vertically) were failed at points they cannot show. The check now reads the field of view the
capture header's device description declares (system.display.fov_deg, the measurement's own record of the device): a
point outside it is not read, and R2, over the nine, is then not judged (inconclusive). Each test fails on the draft and
the check as they were before (14f17e141)."""

from __future__ import annotations

import io
import re

import orjson
import pytest

from conformance.areas.terminal.eyepiece_luminance import POINTS
from conformance.areas.terminal.generate.capture import generate
from tests.conftest import captures_verdict
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.drafting.test_reading_fiftyninth_disp import _point_cases

_HEADS = {"zh": ("测试目的", "测试步骤", "判定准则"), "en": ("Test purpose", "Test procedure", "Verdict criteria")}
#: what each line says, per language: the purpose (a point outside the field is not read), step 2 (the header's
#: member, and which record is believed), the inconclusive line (the field of view not holding the points)
_SAYS = {
    "zh": ("所声明视场之外的点不予读取，此时均匀性不予判定", "测量本身对所测设备的记录",
           "设备描述所声明的视场角不包含九个视场点中的每一点"),
    "en": ("A point outside the declared field of view is not read, and the uniformity is then not judged",
           "the header is the measurement's own record of the device measured",
           "the field of view the capture header's device description declares does not hold each of the nine"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_c1_every_field_point_case_reads_the_declared_field_of_view(lang, zh_markdown, en_markdown):
    """Each case placing field points at angles (the class of c1) says in its purpose that a point outside the
    declared field of view is not read, reads the header's system.display.fov_deg in the step after the ICS check (which
    stays first) and says it believes the header (the measurement's own record) over a descriptor given apart, and
    names the field of view not holding the points in its inconclusive line."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    cases = _point_cases(markdown, lang)
    assert "TD-DISP-011" in cases, cases
    for rid in cases:
        case = _case(markdown, rid)
        purpose, steps, criteria = (_line(case, head) for head in _HEADS[lang])
        said_purpose, said_record, said_inconclusive = _SAYS[lang]
        assert said_purpose in purpose, (rid, purpose)
        ics, first = steps.split("<br>")[:2]
        assert ics.split(" | ")[-1].startswith("1. 核对 ICS" if lang == "zh" else "1. Check the ICS"), (rid, ics)
        assert "`system.display.fov_deg`" in first and said_record in first, (rid, first)
        inconclusive = criteria.split("不确定：" if lang == "zh" else "Inconclusive: ", 1)[1]
        assert said_inconclusive in inconclusive, (rid, inconclusive)


def test_c1_the_notes_no_longer_say_the_check_ignores_the_field_of_view(catalog):
    """The notes (en and zh) say the check reads the field of view and believes the capture header's record; the
    bracket saying it does not read it is gone."""
    notes = catalog.requirement("TD-DISP-011").notes
    assert "(the check does not read the field of view" not in notes.en
    assert "（检查不读取视场角" not in notes.zh
    assert "the header is the measurement's own record of the device measured" in notes.en
    assert "文件头部是测量本身对所测设备的记录" in notes.zh


def _display(rig: bytes, horizontal: float, vertical: float) -> bytes:
    """The reference rig's capture for a display of ``horizontal`` by ``vertical`` degrees: its header's device
    description declares that field, and the meter aimed at a point outside it reads the black shown there."""
    header, rest = rig.split(b"\n", 1)
    head = orjson.loads(header)
    head["device"]["system"] = {"name": "Reference near-eye display", "tracking": {"orientation": True, "position": True},
                                "display": {"fov_deg": {"horizontal": horizontal, "vertical": vertical}}}
    frames = []
    for raw in rest.splitlines():
        frame = orjson.loads(raw)
        if "luminance_cd_m2" in frame:
            frame["luminance_cd_m2"] = [0.2 if abs(h) > horizontal / 2 or abs(v) > vertical / 2 else value
                                        for (h, v), value in zip(POINTS, frame["luminance_cd_m2"], strict=True)]
        frames.append(orjson.dumps(frame))
    return orjson.dumps(head) + b"\n" + b"\n".join(frames) + b"\n"


@pytest.mark.parametrize(("horizontal", "vertical"), [(52, 29), (29, 52), (28, 28), (60, 29.9)])
def test_c1_a_display_is_never_failed_at_points_outside_its_declared_field(horizontal, vertical, tmp_path, catalog,
                                                                           run_manifest):
    """Over fields narrower than the nine points need (30 degrees reaches 15), horizontally, vertically or both: a
    display showing black only outside its declared field is inconclusive, naming the field and the points it does
    not hold, never failed (before, the black at the points it cannot show failed R2). A field wide enough is still
    judged at the nine and can fail: tests/areas/terminal/test_eyepiece_luminance.py."""
    buffer = io.BytesIO()
    generate(buffer, "luminance_rig", 6.0)
    path = tmp_path / "display.ndjson"
    path.write_bytes(_display(buffer.getvalue(), horizontal, vertical))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-011", [path],
                                     features=["eyepiece-luminance"])
    assert verdict == "inconclusive", text
    assert re.search(rf"{horizontal:g} by {vertical:g} degrees\) does not hold \(", text), text
