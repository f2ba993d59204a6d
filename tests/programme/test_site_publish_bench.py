"""bench/site_publish.py at three and six participants, so that it cannot rot: every call it
measures runs, and the incremental ones write what one revocation changes (the revoked
participant's two pages and the two overviews; the checkpoint, the partial tiles, the leaves
and the head, the new head's copy). No timing is asserted: the figures are the bench's to print (bench/README.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_site_publish_bench_measures_each_call(capsys):
    spec = importlib.util.spec_from_file_location("site_publish", ROOT / "bench" / "site_publish.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--sizes", "3,6", "--rounds", "1"]) == 0
    rows = {line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]]
            for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "/" in line}
    assert rows["site, incremental"][0].endswith("/ 4") and rows["site, incremental"][1].endswith("/ 4"), rows
    assert rows["site, full rebuild"][1].endswith(f"/ {2 * 6 + 3}"), rows
    assert rows["log published, incremental"][1].endswith("/ 6"), rows
