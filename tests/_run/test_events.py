"""A run is a stream of typed events; its report is a pure fold of them, so a run replayed
from its event log gives the same report.json, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._record.grouping import Grouped
from conformance._run import events as ev
from conformance._run.aggregation import replay_file
from conformance._run.engine import run
from conformance.cli import main
from conformance.report import report_json
from tests.conftest import manifest_for

from .test_engine import mini  # noqa: F401  (the fixture: a catalog whose tests give every verdict)


def _events(out: Path) -> list[ev.Event]:
    return list(ev.decode_lines((out / ev.EventLog.FILENAME).read_bytes().splitlines()))


def test_a_replayed_event_log_gives_the_same_report_bytes(mini, tmp_path):  # noqa: F811
    catalog, manifest = mini
    result = run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    written = (tmp_path / "out" / "report.json").read_bytes()
    assert report_json(replay_file(tmp_path / "out" / ev.EventLog.FILENAME)) == written
    assert result.report.interop, "the mini catalog records an interop cell: it travels as an event too"


def test_the_stream_runs_from_run_started_to_run_finished(mini, tmp_path):  # noqa: F811
    catalog, manifest = mini
    run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    events = _events(tmp_path / "out")
    assert isinstance(events[0], ev.RunStarted) and isinstance(events[-1], ev.RunFinished)
    running: set[str] = set()
    for event in events[1:-1]:
        if isinstance(event, ev.CaseStarted):
            assert event.test not in running
            running.add(event.test)
        elif isinstance(event, ev.CaseFinished):
            running.remove(event.test)
        elif isinstance(event, ev.EvidenceEvent | ev.InteropResult) and event.test:
            assert event.test in running, "evidence arrives while its test runs"
    assert not running
    findings = [e for e in events if isinstance(e, ev.FindingRecorded)]
    assert any(e.item.get("pointer") == "/a/0" for e in findings)  # a query needs no report parsing


@pytest.mark.slow
def test_replay_holds_over_http_exchanges_and_capped_evidence(tmp_path, catalog, reference_tls_url):
    manifest = tmp_path / "m.yaml"
    import yaml

    manifest.write_text(yaml.safe_dump(manifest_for(catalog, "interfaces-core", base_urls={"api": reference_tls_url})))
    run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    events = _events(tmp_path / "out")
    assert any(isinstance(e, ev.Exchange) for e in events)
    assert report_json(replay_file(tmp_path / "out" / ev.EventLog.FILENAME)) == (
        tmp_path / "out" / "report.json").read_bytes()


def test_replay_writes_the_views_and_refuses_what_is_no_event_log(mini, tmp_path, capsys):  # noqa: F811
    catalog, manifest = mini
    run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    log = tmp_path / "out" / ev.EventLog.FILENAME
    assert main(["report", "replay", str(log), "--out", str(tmp_path / "again"), "--format", "json,html"]) == 0
    assert (tmp_path / "again" / "report.json").read_bytes() == (tmp_path / "out" / "report.json").read_bytes()
    bad = tmp_path / "bad.ndjson"
    bad.write_bytes(log.read_bytes().splitlines()[0] + b'\n{"event": "no_such_event"}\n')
    capsys.readouterr()
    assert main(["report", "replay", str(bad), "--out", str(tmp_path / "bad")]) == 2
    err = capsys.readouterr().err
    assert f"{bad} at line 2" in err and "Traceback" not in err
    cut = tmp_path / "cut.ndjson"  # a log without its run_finished: a run's events, not a whole run's
    cut.write_bytes(b"\n".join(log.read_bytes().splitlines()[:-1]) + b"\n")
    assert main(["report", "replay", str(cut), "--out", str(tmp_path / "cut")]) == 2
    assert main(["report", "replay", str(tmp_path / "missing.ndjson"), "--out", str(tmp_path / "m")]) == 2


_items = st.lists(st.fixed_dictionaries({
    "kind": st.sampled_from(["finding", "note", "http", "series"]),
    "file": st.sampled_from(["", "a.json", "b.json", "c.json"]),
}), max_size=120)


@settings(max_examples=200, deadline=None)
@given(_items, st.integers(1, 4), st.integers(1, 12), st.integers(0, 3))
def test_kept_items_and_omitted_counts_rebuild_the_same_groups(items, per_input, total, series):
    kept: list[dict] = []
    live = Grouped(per_input, total, series, on_kept=kept.append)
    for index, item in enumerate(items):
        live.add({**item, "n": index})
    rebuilt = Grouped(per_input, total, series)
    for item in kept:
        rebuilt.add(item)
    for key, count in live.omitted.items():
        rebuilt.omit(key, count)
    assert rebuilt.export() == live.export()
