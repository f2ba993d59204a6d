"""The draft's probe print tagged (Chromium's default) and untagged (``--disable-pdf-tagging``), side by
side in one run: the shipped catalog's Chinese draft with its row marks, as ``catalog render --format pdf``
prints it first, printed in turn each way by ``drafting.pdf._print``.

Chromium's renderer and print compositor are forked by its zygote and reaped by no process this one
waits on, so ``getrusage`` misses most of a print's CPU (bench/README.md, h77-speedP1). This bench polls
every process descended from it in ``/proc`` every 0.1 s and sums each one's last seen user+system time.
It also checks what a probe is printed for: the same row marks on the same pages either way.

    PYTHONPATH=src python bench/pdf_probe_tags.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from conformance._catalog.catalog import load_catalog  # noqa: E402
from conformance.drafting.continued import row_pages  # noqa: E402
from conformance.drafting.pdf import _print, find_chromium, print_css  # noqa: E402
from conformance.drafting.render import render_html  # noqa: E402
from conformance.drafting.spec import standard_number  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def descendants_cpu(root: int, stop: threading.Event, seen: dict[tuple[int, str], float]) -> None:
    """Until ``stop``: each descendant's (pid, start time) -> its CPU-s, the last value read."""
    while not stop.is_set():
        parent, cpu = {}, {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone between the listing and the read
                continue
            pid = int(name)
            parent[pid] = int(fields[1])
            cpu[(pid, fields[19])] = (int(fields[11]) + int(fields[12])) / TICK
        for (pid, start), used in cpu.items():
            up = parent.get(pid)
            while up and up != root:
                up = parent.get(up)
            if up == root:
                seen[(pid, start)] = used
        time.sleep(0.1)


def measured_print(executable: str, page: str, folder: Path, *, tagged: bool) -> tuple[float, float, Path]:
    """(CPU-s of the process tree, wall s, the PDF) of one print."""
    seen: dict[tuple[int, str], float] = {}
    stop = threading.Event()
    poller = threading.Thread(target=descendants_cpu, args=(os.getpid(), stop, seen))
    poller.start()
    start = time.perf_counter()
    try:
        printed = _print(executable, page, folder, folder / "out.pdf", tagged=tagged)
    finally:
        stop.set()
        poller.join()
    return sum(seen.values()), time.perf_counter() - start, printed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        print("bench/pdf_probe_tags.py: needs Chromium on PATH (apt-get install chromium fonts-noto-cjk)")
        return 2
    catalog = load_catalog()
    page = render_html(catalog, None, "zh", None, None, part="draft", splits={}, marks=True).replace(
        "</head>", print_css(standard_number(catalog)) + "</head>", 1)
    cpu: dict[bool, list[float]] = {True: [], False: []}
    with tempfile.TemporaryDirectory(prefix="bench-pdf-tags-") as tmp:
        for round_ in range(args.rounds):
            marks = {}
            for tagged in (True, False):
                used, wall, printed = measured_print(executable, page, Path(tmp) / f"{round_}-{tagged}",
                                                     tagged=tagged)
                cpu[tagged].append(used)
                marks[tagged] = row_pages(printed)
                print(f"round {round_ + 1} {'tagged  ' if tagged else 'untagged'} {used:6.1f} CPU-s {wall:6.1f} s "
                      f"{printed.stat().st_size / 1e6:5.1f} MB, load {os.getloadavg()[0]:.1f}", flush=True)
            assert marks[True] == marks[False], "the marks stand on other pages untagged"
    before, after = statistics.median(cpu[True]), statistics.median(cpu[False])
    print(f"median CPU-s a probe print: tagged {before:.1f}, untagged {after:.1f}, ratio {after / before:.2f} "
          "(the same row marks on the same pages in every round)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
