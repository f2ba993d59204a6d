"""The sixty-ninth reading of issue 76, part h133-ocaps2: the caps part h133-ocaps left (``left`` in
tests/drafting/test_reading_sixtyninth_ocaps.py's CAPS) whose verdict could be wrong, a finding a conforming product
got for its size alone.

- ``interfaces/sessions.py:MAX_KEPT``: IF-SES-001 R2 judged the first 20 000 messages of a run against the schema and
  no more. A relayed state reaches every other participant as the same text, so the record keeps each distinct text
  with how often it arrived, and every text is judged: the cap is gone.
- ``assets/render.py:MAX_PIXELS``: a picture over 4096 × 4096 pixels was reported undecodable, a failure of
  AS-AIGC-008, -011 and -013 for its size alone. It is 5.1's reading bound 「解码的图像像素数」 now (table 1, its reason
  in 三（三）), judged on the header: past it the picture is not decoded and is left unjudged (不确定 when nothing
  fails), named in AS-AIGC-011's and -013's step 2 and 不确定 line (1.3 each, and AS-AIGC-008 1.3: changed checks).
- ``assets/dash.py:MAX_BYTES`` and ``MAX_SEGMENTS``: an MPD over 4 MiB or listing over 100 000 segments was "not an
  MPD", a failure of AS-AIGC-009 (R4) and AS-AIGC-010 (R1). Both are the reading bound 「读取的 DASH 清单」 now: the MPD
  is left unjudged, named in both cases' 不确定 line (AS-AIGC-009 1.5, AS-AIGC-010 1.3). Both cases are candidates,
  so, as BBS+ 2020's bound, it stands in BOUNDS but not in 5.1's table (``readingbounds.stated``).
- ``scenes/arrivals.py:MAX_STREAM_BYTES``: a cloud-rendered stream was cut at 8 MiB and the frames not read counted as
  missing, a failure of SC-RENDER-002 R4 and SC-RENDER-004 R3 for the stream's size alone. It is the reading bound
  「云端渲染流的读取量」 now: the reading marks a stream cut there (``past_bound``) and the rules it feeds are left
  unjudged, named in both cases' steps and 不确定 line (SC-RENDER-002 1.6, SC-RENDER-004 1.4).

Each test fails on the branch's base (00c6a4a05)."""

from __future__ import annotations

from conformance.areas.assets import render
from conformance.areas.interfaces import sessions
from conformance.drafting.boundtable import BOUNDS
from tests.drafting.module_caps import module_caps
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_reading_sixtyfourth_h127aigc import _Api, _findings, _run, _suite
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

PIXELS = ("解码的图像像素数", "pixels of a picture decoded")
DASH = ("读取的 DASH 清单", "DASH manifest read")
STREAM = ("云端渲染流的读取量", "cloud-rendered stream read")


def test_the_session_record_keeps_every_message():
    assert "interfaces/sessions.py:MAX_KEPT" not in module_caps("interfaces")
    record = sessions.Record(sessions.Plan(participants=2, updates=1, interval_s=0.1, settle_s=0.1), ids=[None] * 3)
    assert record.messages == {}


def test_the_pixel_bound_is_render_s_cap():
    bound = next(b for b in BOUNDS if b.name == PIXELS)
    assert render.MAX_PIXELS == 4096 * 4096 == 16_777_216 and not bound.sample
    assert "16 777 216" in bound.value[0] and "4096 × 4096" in bound.value[1]
    assert 16_777_216 * 8 == 128 * 2**20 and 2 < 16_777_216 / (3840 * 2160) < 3


def test_a_generated_image_past_the_pixel_bound_is_unjudged_not_failed(monkeypatch):
    check = _suite().test_generated_image_shows_and_carries_its_label
    assert not _findings(_run(check, _Api()))  # the reference's image (160 × 96) passes
    monkeypatch.setattr(render, "MAX_PIXELS", 160 * 96 - 1)  # the label raster (54 × 22) still within it
    past = _run(check, _Api())
    assert not _findings(past), _findings(past)  # before: "the generated image cannot be read", R1
    [(where, reason)] = past.unjudged_inputs.items()
    assert where == "POST /generate (image)" and ("解码的图像像素数" in str(reason) or "pixels of a picture" in str(reason))


def test_table_1_lists_the_pixel_bound(zh_markdown, en_markdown):
    zh, en = _table_row(zh_markdown, PIXELS[0]), _table_row(en_markdown, PIXELS[1])
    assert zh[2].replace("\u2011", "-") == "AS-AIGC-011、AS-AIGC-013" and "16 777 216" in zh[1] and "不确定" in zh[3], zh
    assert en[2].replace("\u2011", "-") == "AS-AIGC-011, AS-AIGC-013", en


def test_the_aigc_image_cases_name_the_pixel_bound(zh_markdown, en_markdown):
    for rid in ("AS-AIGC-011", "AS-AIGC-013"):
        zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        step = next(s for s in _row(zh, "测试步骤").split("<br>") if s.startswith("2."))
        assert "4096 × 4096 的图片" in step and f"读取界限“{PIXELS[0]}”，见 5.1" in step, step
        assert f'the reading bound "{PIXELS[1]}", see 5.1' in _row(en, "Test procedure"), rid
        assert f"读取界限“{PIXELS[0]}”" in _verdict_lines(zh, "zh")["不确定"], rid
        assert f'the reading bound "{PIXELS[1]}"' in _verdict_lines(en, "en")["Inconclusive"], rid


def test_the_note_gives_the_pixel_bound_its_reason(note_md, note_md_en):
    zh, en = _note_row(note_md, PIXELS[0]), _note_row(note_md_en, PIXELS[1])
    assert "128 MiB" in zh and "3840 × 2160" in zh and "不确定" in zh, zh
    assert "128 MiB" in en and "inconclusive" in en, en


def test_the_dash_bound_is_dash_s_caps():
    from conformance.areas.assets import dash

    bound = next(b for b in BOUNDS if b.name == DASH)
    assert dash.MAX_BYTES == 4 * 2**20 and dash.MAX_SEGMENTS == 100_000 and not bound.sample
    assert "4 194 304 B" in bound.value[0] and "100 000" in bound.value[0] and "100 000" in bound.value[1]
    assert 100_000 * 2 / 3600 > 55 and 100_000 * 40 < dash.MAX_BYTES


def test_an_mpd_past_the_dash_bound_is_unjudged_not_failed(monkeypatch):
    import importlib.util
    from pathlib import Path
    from types import SimpleNamespace

    from conformance._record.evidence import Evidence, recording
    from conformance.areas.assets import dash
    from tests.paths import ROOT

    spec = importlib.util.spec_from_file_location("perceived_ocaps2d", ROOT / "suites/assets/test_generated_perceived.py")
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    big = b"<MPD>" + b" " * dash.MAX_BYTES + b"</MPD>"
    with recording(Evidence()) as evidence:
        suite._judge_dash(None, evidence, SimpleNamespace(name="m.json"), Path("/x"), "/content/0/live",
                          [(0, ("a.mpd", big, Path("/x/a.mpd")))], "urn:label")
    assert not [item for item in evidence.items if item.get("kind") == "finding"]  # before: "not an MPD", R1
    assert list(evidence.unjudged_inputs) == ["a.mpd"]


def test_the_dash_cases_name_the_bound_and_5_1_leaves_it_to_the_candidates(catalog, zh_markdown):
    """The criteria are generated since h133-refs (``unjudged_beside``), no longer a written copy."""
    from conformance.drafting.testcases import case_for
    from conformance.drafting.writer import load_data

    procedures = load_data(catalog).procedures
    for rid in ("AS-AIGC-009", "AS-AIGC-010"):
        assert catalog.requirements[rid].status == "candidate", rid
        zh, en = (case_for(catalog, catalog.requirements[rid], lang, procedures.get(rid)).criteria[-1]
                  for lang in ("zh", "en"))
        assert f"读取界限“{DASH[0]}”" in zh, rid
        assert f'the reading bound "{DASH[1]}"' in en, rid
    assert f"| {DASH[0]} |" not in zh_markdown


def test_the_stream_bound_is_arrivals_cap():
    from conformance.areas.scenes import arrivals

    bound = next(b for b in BOUNDS if b.name == STREAM)
    assert arrivals.MAX_STREAM_BYTES == 8 * 2**20 and not bound.sample and "8 388 608 B" in bound.value[0]
    assert round(8 * 2**20 / 600 / 1024) == 14 and round(8 * 2**20 / 24 / 1024) == 341 and 160 * 90 * 3 // 2 == 21_600


def test_table_1_and_the_render_cases_name_the_stream_bound(zh_markdown, en_markdown):
    zh = _table_row(zh_markdown, STREAM[0])
    assert zh[2].replace("\u2011", "-") == "SC-RENDER-002、SC-RENDER-004" and "8 MiB" in zh[1], zh
    for rid, step in (("SC-RENDER-002", "5."), ("SC-RENDER-004", "2."), ("SC-RENDER-004", "4.")):
        case, english = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        text = next(s for s in _row(case, "测试步骤").split("<br>") if s.startswith(step))
        assert f"读取界限“{STREAM[0]}”，见 5.1" in text, (rid, text)
        assert f'the reading bound "{STREAM[1]}", see 5.1' in _row(english, "Test procedure"), rid
        assert f"读取界限“{STREAM[0]}”" in _verdict_lines(case, "zh")["不确定"], rid
        assert f'the reading bound "{STREAM[1]}"' in _verdict_lines(english, "en")["Inconclusive"], rid


def test_the_note_gives_the_stream_bound_its_reason(note_md, note_md_en):
    zh, en = _note_row(note_md, STREAM[0]), _note_row(note_md_en, STREAM[1])
    assert "21 600 B" in zh and "不确定" in zh, zh
    assert "21 600 B" in en and "inconclusive" in en, en
