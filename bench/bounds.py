"""Peak memory of the readers bounded by issue 24, side by side: each reader as it was
(unbounded) and as it is (capped), on the same hostile input, each in a fresh process.

    python bench/bounds.py

Prints, per case, the peak RSS of the process or of its largest child (MB: its own VmHWM,
the children's ``RUSAGE_CHILDREN``) and the wall time, unbounded vs bounded, with the ratio.
Sparse files stand in for huge ones; the glTF models are generated (accessors, a data: URI).
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIANGLE = ROOT / "src" / "conformance" / "reference" / "samples" / "models" / "triangle.gltf"

#: A fresh process running one reader (``body``) on ``path``; prints its peak RSS and seconds.
RUNNER = """
import resource, sys, time
sys.path.insert(0, {src!r})
from pathlib import Path
path = Path({path!r})
started = time.monotonic()
try:
{body}
except Exception as exc:
    print("refused:", type(exc).__name__, str(exc)[:80], file=sys.stderr)
# VmHWM, not ru_maxrss: that would count the pages of the bench process this one was forked from
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(max(own, children) / 1024, time.monotonic() - started)
"""

VALIDATE_UNCAPPED = """
    import subprocess, os
    from conformance.areas._shared import khronos
    subprocess.run([khronos.node_executable(), str(khronos.RUNNER), str(khronos.PACKAGE), str(path)],
                   capture_output=True, env={**os.environ, "NODE_OPTIONS": "",
                   "CONFORMANCE_MAX_RESOURCE_BYTES": str(1 << 31)})
"""
VALIDATE = """
    from conformance.areas._shared import khronos
    khronos.validate([path])
"""
READ_WHOLE = """
    path.read_bytes()
"""
READ_CAPPED = """
    from conformance._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
    read_capped(path, MAX_DOCUMENT_BYTES)
"""


def _model(folder: Path, kind: str) -> Path:
    model = json.loads(TRIANGLE.read_bytes())
    if kind == "accessors":
        model["accessors"] = [dict(model["accessors"][0]) for _ in range(115_000)]
    else:
        raw = b"\0" * (40 << 20)
        model["buffers"][0] = {"byteLength": len(raw),
                               "uri": "data:application/octet-stream;base64," + base64.b64encode(raw).decode()}
    path = folder / f"{kind}.gltf"
    path.write_text(json.dumps(model))
    return path


def _sparse(folder: Path, size: int) -> Path:
    path = folder / "report.json"
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _measure(body: str, path: Path) -> tuple[float, float]:
    code = RUNNER.format(src=str(ROOT / "src"), path=str(path), body=body.strip("\n"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900, check=False)
    try:
        rss, seconds = (float(v) for v in done.stdout.split())
    except ValueError:
        raise SystemExit(f"the runner failed: {done.stderr[-500:]}") from None
    return rss, seconds


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bounds-") as tmp:
        folder = Path(tmp)
        cases = [
            ("glTF, 115 000 accessors (15.5 MB)", VALIDATE_UNCAPPED, VALIDATE, _model(folder, "accessors")),
            ("glTF, a 40 MiB data: URI (56 MB)", VALIDATE_UNCAPPED, VALIDATE, _model(folder, "data-uri")),
            ("a 1 GiB report read back (export, ETA, verify)", READ_WHOLE, READ_CAPPED, _sparse(folder, 1 << 30)),
        ]
        print(f"{'case':48} {'unbounded':>18} {'bounded':>18} {'RSS ratio':>10}")
        for name, before, after, path in cases:
            rss_before, s_before = _measure(before, path)
            rss_after, s_after = _measure(after, path)
            print(f"{name:48} {rss_before:8.0f} MB {s_before:5.1f} s {rss_after:8.0f} MB {s_after:5.1f} s "
                  f"{rss_before / rss_after:9.1f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
