"""Peak memory of a whole run over a glTF with many accessors, and its cost per accessor
(issue 72 item 8; run by hand, never from the test suite).

    PYTHONPATH=src python bench/gltf_memory.py [--counts 200000 400000]

For each count, a .gltf with that many accessors (the reference triangle's accessor repeated:
135 bytes each) is run through ``conformance run`` (profile asset-3d-content, every
requirement) in a fresh process; the peak RSS of the process tree is sampled with psutil
(the process and all its children, summed, every 20 ms) and the largest single process's
VmHWM is read from ``RUSAGE_CHILDREN``. The cost per accessor is the slope between the
smallest and largest count: what each further accessor adds to the peak (both counts over the
16 MiB the glTF-Validator's Node.js is given, so neither run starts it: 200 000 accessors are
27 MB). Goal: under 300 MB
for the tree at 400 000 accessors.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
TRIANGLE = ROOT / "src" / "conformance" / "reference" / "samples" / "models" / "triangle.gltf"


def _prepare(folder: Path, count: int) -> Path:
    model = json.loads(TRIANGLE.read_bytes())
    model["accessors"] = [dict(model["accessors"][0]) for _ in range(count)]
    (folder / "m").mkdir(parents=True)
    (folder / "m" / "model.gltf").write_text(json.dumps(model))
    manifest = folder / "manifest.yaml"
    manifest.write_text(yaml.safe_dump({"product": {"name": "Many accessors", "version": "0"},
                                        "profiles": ["asset-3d-content"],
                                        "targets": {"models": {"adapter": "file", "paths": ["m/model.gltf"],
                                                               "max_file_bytes": 100_000_000}}}))
    return manifest


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(count: int) -> tuple[float, float, float, int]:
    """(peak tree RSS MB, largest process's peak MB, seconds, exit code) of one run."""
    with tempfile.TemporaryDirectory(prefix="gltf-memory-") as tmp:
        folder = Path(tmp)
        manifest = _prepare(folder, count)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-c", "import sys; from conformance.cli import main; sys.exit(main())",
                                  "run", "--manifest", str(manifest),
                                  "--out", str(folder / "out")], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        watched, peak = psutil.Process(child.pid), 0
        while child.poll() is None:
            try:
                peak = max(peak, _tree_rss(watched))
            except psutil.Error:
                pass
            time.sleep(0.02)
        seconds = time.monotonic() - started
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return peak / 2**20, largest / 2**20, seconds, child.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[200_000, 400_000])
    counts = sorted(parser.parse_args().counts)
    print(f"{'accessors':>10} {'tree peak':>10} {'largest':>10} {'seconds':>8} {'exit':>5}")
    peaks = {}
    for count in counts:
        tree, largest, seconds, code = measure(count)
        peaks[count] = tree
        print(f"{count:>10} {tree:>7.0f} MB {largest:>7.0f} MB {seconds:>8.1f} {code:>5}", flush=True)
    if len(counts) > 1:
        low, high = counts[0], counts[-1]
        print(f"cost per accessor: {(peaks[high] - peaks[low]) * 2**20 / (high - low):.0f} bytes of peak RSS "
              f"(from {low} to {high} accessors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
