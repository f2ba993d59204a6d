"""Capture charts: the terminal suites record bounded series (evidence kind "series") for
passing and failing streams alike, report.json carries them within its schema, the HTML
draws them as inline SVG, and neither a long nor a hostile capture makes them grow. The
series are gathered in the analysis's one pass: a capture is opened once per run, and its
buckets do not depend on how the reader cut it into chunks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import orjson
import pytest

from conformance._catalog.catalog import REPORT_SCHEMA
from conformance._record.evidence import Evidence
from conformance._record.grouping import MAX_SERIES, PER_INPUT, grouped
from conformance.adapters import file as file_adapter
from conformance.areas.terminal import analyse
from conformance.areas.terminal.chart_buckets import IntervalBuckets, PositionBuckets
from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.series import BUCKETS, POINTS
from conformance.reference import SAMPLES
from conformance.report.charts import series_chart
from conformance.report.html import render_html
from conformance.report.junit import render_junit
from conformance.report.labels import view_labels
from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "terminal" / "fixtures"
CHARTED = ("TD-RATE-001", "TD-RATE-002", "TD-RATE-003", "TD-POSE-002")


def _series(result, requirement: str) -> list[dict]:
    found = next(r for r in result.report.requirements if r.requirement == requirement)
    return [item for item in found.evidence if item["kind"] == "series"]


def _out(result, name: str) -> Path:
    return next(path for path in result.files if path.name == name)


def _size(items: list[dict]) -> int:
    return sum(len(orjson.dumps(item)) for item in items)


@pytest.fixture
def sample_run(catalog, run_manifest):
    """The headset's sample alone: with every sample, the other device classes' streams came
    first and filled the requirement's MAX_SERIES charts before the headset's gaze."""
    headset = str(SAMPLES / "captures" / "headset-session.ndjson.gz")
    return run_manifest(manifest_for(catalog, "terminal-hmd-6dof", files={"captures": [headset]}),
                        formats=["json", "html"])


def test_the_sample_capture_s_series_are_in_report_json_for_passing_streams(sample_run, catalog):
    assert all(verdicts(sample_run)[r] == "pass" for r in CHARTED)
    data = orjson.loads(_out(sample_run, "report.json").read_bytes())
    assert catalog.schemas.findings(data, REPORT_SCHEMA) == []
    rate = _series(sample_run, "TD-RATE-001")
    streams = {item["stream"] for item in rate if item["file"].endswith("headset-session.ndjson.gz")}
    assert {"head", "controller_left", "gaze"} <= streams
    head = next(item for item in rate if item["stream"] == "head")
    # the jitter band is TD-RATE-003's limit, on its chart alone: TD-RATE-001 reads no jitter parameter
    assert head["chart"] == "intervals" and head["rate_hz"] == 90 and "jitter_ms" not in head
    jitter = next(i for i in _series(sample_run, "TD-RATE-003") if i["stream"] == "head")
    assert jitter["jitter_ms"] > 0
    assert BUCKETS // 2 < len(head["min_ms"]) == len(head["max_ms"]) <= BUCKETS and head["dropped"] == []
    seen = [v for v in head["max_ms"] if v is not None]
    assert seen and all(5 < v < 20 for v in seen)  # 90 Hz: about 11.1 ms
    positions = _series(sample_run, "TD-POSE-002")
    assert {"head", "gaze", "hand_left"} <= {item["stream"] for item in positions}  # a hand: its palm
    head_pos = next(item for item in positions if item["stream"] == "head")
    assert head_pos["volume"] == {"min": [-2.0, 0.0, -2.0], "max": [2.0, 2.5, 2.0]}
    assert 0 < len(head_pos["x"]) <= POINTS and head_pos["outside"] == [] and head_pos["outside_total"] == 0
    # bounded per stream
    assert all(_size([item]) < 8_000 for r in CHARTED for item in _series(sample_run, r))
    # kept once, with the requirement (not again with each test), and one line per array
    report_json = _out(sample_run, "report.json").read_bytes()
    assert report_json.count(b'"min_ms"') == 3 * len(rate) and b'"min_ms": [' in report_json
    charts = sum(len(_series(sample_run, r)) for r in CHARTED)
    assert len(report_json) < 40_000 + 6_000 * charts, charts  # a chart's size, never a test's copy of it
    html = _out(sample_run, "report.html").read_text(encoding="utf-8")
    assert html.count('data-chart="intervals"') >= 3 * len(streams) and 'data-chart="positions"' in html


def test_a_known_bad_capture_shows_its_drops_and_out_of_volume_points(catalog, run_manifest):
    files = {"captures": ["cap-dropped-frames.ndjson", "cap-out-of-volume.ndjson"]}
    result = run_manifest(manifest_for(catalog, "terminal-hmd-6dof", files=files), formats=["json", "html"])
    assert verdicts(result)["TD-RATE-002"] == "fail" and verdicts(result)["TD-POSE-002"] == "fail"
    dropped = next(i for i in _series(result, "TD-RATE-002") if i["file"].endswith("cap-dropped-frames.ndjson"))
    assert dropped["dropped_total"] == sum(n for _, n in dropped["dropped"]) > 0
    out = next(i for i in _series(result, "TD-POSE-002") if i["file"].endswith("cap-out-of-volume.ndjson"))
    assert out["outside"] and out["outside_total"] >= len(out["outside"])
    assert all(out["x"][k] > 2.0 for k in out["outside"])  # the fixture leaves the volume along +x
    html = _out(result, "report.html").read_text(encoding="utf-8")
    assert 'class="drop"' in html and 'class="out"' in html
    # the position charts carry the volume's bounds as axis values, in metres
    volume = out["volume"]
    for bound in (*volume["min"], *volume["max"]):
        assert f'class="tick">{bound:.2f}</text>' in html
    # the series do not displace the findings: each failing input still leads with its finding
    failing = next(r for r in result.report.requirements if r.requirement == "TD-POSE-002")
    assert [i["kind"] for i in failing.evidence].count("finding") >= 10


def test_a_long_capture_gives_series_of_bounded_size(catalog, run_manifest, tmp_path):
    header, *frames = (FIXTURES / "cap-dropped-frames.ndjson").read_text(encoding="utf-8").splitlines()
    first = json.loads(frames[0])
    period = 1e9 / 60
    lines = [header]
    count = 60_000
    for k in range(count):
        frame = dict(first, t=int(first["t"] + k * period + (3 * period if k > count // 2 else 0)))
        if k % 10_000 == 5:  # a few positions far outside the volume
            frame = {**frame, "pose": {**first["pose"], "position": {"x": 40.0, "y": 1.6, "z": 0.0}}}
        lines.append(json.dumps(frame))
    capture = tmp_path / "long.ndjson"
    capture.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "terminal-hmd-6dof", files={"captures": [str(capture)]}),
                          requirements=["TD-RATE-002", "TD-POSE-002"], formats=["json", "html"])
    (intervals,) = _series(result, "TD-RATE-002")
    assert BUCKETS // 2 < len(intervals["min_ms"]) <= BUCKETS and intervals["frames"] == count
    # the buckets span the stream: a power of two nominal periods each, the last one holding its end
    span_s = (count - 1 + 3) / 60
    assert intervals["bucket_s"] * (len(intervals["min_ms"]) - 1) <= span_s < intervals["bucket_s"] * len(
        intervals["min_ms"])
    periods = intervals["bucket_s"] * 60
    assert periods == pytest.approx(2 ** round(np.log2(periods)))
    assert intervals["dropped_total"] == 3 and len(intervals["dropped"]) == 1
    (positions,) = _series(result, "TD-POSE-002")
    assert POINTS // 2 < len(positions["x"]) <= POINTS and positions["frames"] == count
    assert positions["outside_total"] == 6 and len(positions["outside"]) == 6  # every stretch outside survives
    assert _size([intervals]) < 8_000 and _size([positions]) < 25_000
    assert _out(result, "report.html").stat().st_size < 200_000


def test_an_absurd_rate_still_gives_verdicts_and_a_read_error_keeps_what_was_read(catalog, run_manifest,
                                                                                  tmp_path):
    header, *frames = (FIXTURES / "cap-jitter.ndjson").read_text(encoding="utf-8").splitlines()
    (tmp_path / "fast.ndjson").write_text("\n".join([header.replace('"rate_hz":60', '"rate_hz":1e300'), *frames]))
    files = {"captures": [str(tmp_path / "fast.ndjson")]}
    result = run_manifest(manifest_for(catalog, "terminal-hmd-6dof", files=files), requirements=list(CHARTED))
    assert "error" not in {verdicts(result)[r] for r in CHARTED}
    assert _series(result, "TD-RATE-002") and _series(result, "TD-POSE-002")

    data = (FIXTURES / "cap-dropped-frames.ndjson").read_bytes()

    class Failing(io.BytesIO):  # a disk that fails after the first read
        reads = 0

        def read(self, size: int | None = -1) -> bytes:
            self.reads += 1
            if self.reads > 1:
                raise OSError("I/O error")
            return super().read(size)

    analysis = analyse(Failing(data[: len(data) // 2]))  # half the lines, then the error
    gaze = analysis.streams["gaze"]
    assert analysis.log("structure").total  # the analysis says where reading ended
    assert np.isfinite(gaze.interval_chart.low).any()
    assert np.count_nonzero(~np.isnan(gaze.position_chart.points[:, 0])) > 10


def test_series_have_their_own_cap_and_never_crowd_out_findings():
    evidence = Evidence()
    for k in range(MAX_SERIES + 10):
        evidence.series("intervals", file="a.ndjson", stream=f"s{k}", min_ms=list(range(900)))
    for k in range(PER_INPUT + 5):
        evidence.finding(f"bad {k}", file="a.ndjson")
    items = evidence.export()
    kinds = [i["kind"] for i in items]
    assert kinds.count("series") == MAX_SERIES and kinds.count("finding") == PER_INPUT
    assert all(len(i["min_ms"]) == 500 for i in items if i["kind"] == "series")
    assert items[-1]["omitted"] == 10 + 5
    assert [i["kind"] for i in grouped(items)].count("series") == MAX_SERIES


def test_a_hostile_series_draws_escaped_numbers_or_nothing():
    t = view_labels("en")
    hostile = {"kind": "series", "chart": "intervals", "stream": "<script>x()</script>", "rate_hz": 60,
               "jitter_ms": "2", "bucket_s": 1e308, "min_ms": ["<b>", None, 1e308, -5, True],
               "max_ms": [float("nan"), 3, 1e308, 2, 9], "dropped": [[1, 2], ["<i>", 1], [99, 1], "x"]}
    svg = str(series_chart(hostile, t))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<b>" not in svg and "<i>" not in svg
    assert svg.count('class="drop"') == 1
    assert series_chart({**hostile, "rate_hz": 0}, t) is None
    positions = {"kind": "series", "chart": "positions", "stream": "p",
                 "volume": {"min": [0, 0, 0], "max": [1, 1, "x"]}, "x": [1], "y": [1], "z": [1]}
    assert series_chart(positions, t) is None
    far = {**positions, "volume": {"min": [-1, 0, -1], "max": [1, 2, 1]}, "x": [1e300, 0.5], "y": [0, 1],
           "z": [0, 0], "outside": [0, "9"]}
    svg = str(series_chart(far, t))
    assert svg.count('class="out"') == 2 and "e+" not in svg  # both views, drawn at the plot's edge


def test_junit_leaves_the_series_out_and_zh_labels_the_charts(sample_run):
    report = sample_run.report
    assert b'"min_ms"' not in render_junit(report, "en")
    html = render_html(report, "zh").decode()
    assert "帧间隔随时间变化" in html and "俯视图" in html


def test_a_capture_is_opened_once_per_run_though_charted_twice(catalog, run_manifest, tmp_path, monkeypatch):
    """Every stream of a vr_headset (head, controllers, hands, gaze, face, haptics): the
    analysis, the verdicts and both kinds of chart come from one opening of the file by the
    checks (the engine's digest of each input, for the report's subjects, is its own read)."""
    capture = tmp_path / "vr.ndjson"
    write(capture, "vr_headset", 3.0)
    opened: list[Path] = []
    open_target = file_adapter.FileAdapter.open

    def counted(self, path):
        opened.append(Path(path))
        return open_target(self, path)

    monkeypatch.setattr(file_adapter.FileAdapter, "open", counted)
    result = run_manifest(manifest_for(catalog, "terminal-hmd-6dof", files={"captures": [str(capture)]}),
                          formats=["json", "html"])
    assert opened == [capture]
    assert {"head", "hand_left", "gaze"} <= {item["stream"] for item in _series(result, "TD-POSE-002")}
    assert {"head", "hand_left", "face"} <= {item["stream"] for item in _series(result, "TD-RATE-001")}


def test_the_buckets_do_not_depend_on_the_chunks_the_reader_cut(tmp_path):
    capture = tmp_path / "vr.ndjson"
    write(capture, "vr_headset", 6.0, faults=["dropped-frames"])
    charts = []
    for options in ({}, {"chunk_lines": 700, "block_bytes": 1 << 14}):
        with capture.open("rb") as stream:
            analysis = analyse(stream, **options)
        charts.append({sid: (s.interval_chart, s.position_chart) for sid, s in analysis.streams.items()})
    default, small = charts
    assert default.keys() == small.keys() and sum(p is not None for _, p in default.values()) >= 3
    assert any(iv is not None and iv.dropped.any() for iv, _ in default.values())
    for sid, (iv, pos) in default.items():
        other_iv, other_pos = small[sid]
        if iv is not None:
            assert (iv.width, iv.used) == (other_iv.width, other_iv.used), sid
            for name in ("low", "high", "dropped"):
                assert np.array_equal(getattr(iv, name), getattr(other_iv, name)), (sid, name)
        if pos is not None:
            assert pos.width == other_pos.width and pos.outside == other_pos.outside, sid
            assert np.array_equal(pos.points, other_pos.points, equal_nan=True), sid
            assert np.array_equal(pos.out, other_pos.out), sid


def test_interval_buckets_hold_what_the_final_width_gives_from_the_start():
    rng = np.random.default_rng(31)
    period = 1e9 / 90
    t = (1e15 + np.cumsum(rng.normal(period, period / 20, 20_000))).astype(np.int64)
    t[7_000:] += int(4 * period)  # four frames missing
    t[12_346:] -= t[12_346] - t[12_000]  # timestamps gone back: later intervals fall in earlier buckets
    ns = np.diff(t).astype(np.float64)
    keep = ns > 0  # a reversed or repeated t is no interval (TD-CAP-002's)
    buckets = IntervalBuckets(int(t[0]), period)
    cuts = np.sort(rng.choice(np.arange(1, len(ns)), 40, replace=False))
    for at, values, kept in zip(np.split(t[1:], cuts), np.split(ns, cuts), np.split(keep, cuts), strict=True):
        at, values = at[kept], values[kept]  # in uneven chunks, as timing.track hands them on
        long = values > 1.5 * period
        buckets.add(at, values, long, np.rint(values[long] / period) - 1)
    # the narrowest width, a power of two periods, that holds the whole span in BUCKETS
    doublings = int(np.log2(buckets.width / period))
    assert buckets.width == period * 2**doublings
    assert (t.max() - t[0]) // buckets.width < BUCKETS <= (t.max() - t[0]) // (buckets.width / 2)
    index = np.maximum((t[1:] - t[0]) // buckets.width, 0).astype(np.int64)[keep]
    low, high = np.full(BUCKETS, np.inf), np.full(BUCKETS, -np.inf)
    np.minimum.at(low, index, ns[keep])
    np.maximum.at(high, index, ns[keep])
    assert buckets.used == index.max() + 1 > BUCKETS // 2
    assert np.array_equal(buckets.low, low) and np.array_equal(buckets.high, high)
    assert buckets.dropped.sum() == 4 and buckets.dropped[index[6_999]] == 4


def test_position_buckets_keep_each_bucket_s_first_point_outside_else_its_first():
    rng = np.random.default_rng(32)
    n = 5_000
    p = rng.uniform(-1.0, 1.0, (n, 3))
    p[1_234:1_240, 0] = 3.0  # a stretch outside the volume
    p[4_321, 1] = -5.0
    valid = rng.random(n) > 0.2
    p[77] = np.nan  # never drawn, though outside for TD-POSE-002
    valid[77] = True
    buckets = PositionBuckets(np.array([-2.0, -2.0, -2.0]), np.array([2.0, 2.0, 2.0]))
    frames = np.arange(n)
    judged = valid & ~(np.abs(p) <= 2.0).all(axis=1)  # as check_poses finds them
    for rows in np.array_split(frames, 17):
        buckets.add(rows, p[rows], valid[rows], judged[rows])
    width = buckets.width
    assert (n - 1) // width < POINTS <= (n - 1) // (width // 2)
    valid[77] = False
    outside = valid & (np.abs(p) > 2.0).any(axis=1)
    assert buckets.outside == np.count_nonzero(outside)
    for k in range(POINTS):
        rows = frames[k * width:(k + 1) * width]
        out, ok = rows[outside[rows]], rows[valid[rows]]
        expected = out[0] if len(out) else ok[0] if len(ok) else None
        if expected is None:
            assert np.isnan(buckets.points[k]).all()
        else:
            assert np.array_equal(buckets.points[k], p[expected]) and buckets.out[k] == bool(len(out)), k
