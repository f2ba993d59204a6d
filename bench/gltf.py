"""Benchmark of glTF validation (run by hand, never from the test suite).

    PYTHONPATH=src python bench/gltf.py [--mb 1] [--repeat 5] [--batch 100]

Generates a grid mesh as a GLB of about --mb megabytes (positions, normals, texture
coordinates, 32-bit indices) and measures, side by side in one run on that same file:

- validator: the official Khronos glTF-Validator alone, the pinned npm package run by Node.js
  (a fresh ``node`` process calling ``validateBytes``: what a user running the validator
  by hand pays);
- harness check: ``khronos.validate`` and the mapping of its report to findings (a fresh
  Node.js process too, no cached report); and the same through the Node.js process a run
  keeps (started once, before the rounds: what each further file of a run costs);
- harness run: the whole requirement run, ``conformance._run.engine.run`` of AS-GLTF-001 and
  AS-GLTF-002 over a manifest naming the file (in-process: catalog, plan, pytest session,
  report written).

Then a batch of --batch copies of the file in one harness run and in one validator process.
Goal (issue 12): harness ÷ validator < 3 on a 1 MB glTF. Times are the best of --repeat runs,
the approaches interleaved.
"""

from __future__ import annotations

import argparse
import json
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from conformance.areas._shared import gltf_reports, khronos

VALIDATE_ALL = """
const fs = require("fs");
const v = require(process.argv[1]);
(async () => {
  for (const f of process.argv.slice(2)) {
    const r = await v.validateBytes(new Uint8Array(fs.readFileSync(f)), {maxIssues: 200});
    if (r.issues.numErrors) { console.log(f, r.issues.numErrors); }
  }
})();
"""


def grid_glb(target_bytes: int) -> bytes:
    """A square grid mesh whose GLB is about ``target_bytes`` long (32 bytes per vertex, 24 per quad)."""
    side = max(2, int((target_bytes / 56) ** 0.5))
    count = side * side
    positions = bytearray()
    normals = bytearray()
    uvs = bytearray()
    for j in range(side):
        for i in range(side):
            u, v = i / (side - 1), j / (side - 1)
            positions += struct.pack("<3f", u, 0.0, v)
            normals += struct.pack("<3f", 0.0, 1.0, 0.0)
            uvs += struct.pack("<2f", u, v)
    indices = bytearray()
    for j in range(side - 1):
        for i in range(side - 1):
            a = j * side + i
            indices += struct.pack("<6I", a, a + side, a + 1, a + 1, a + side, a + side + 1)
    blobs = [bytes(positions), bytes(normals), bytes(uvs), bytes(indices)]
    views, offset = [], 0
    for index, blob in enumerate(blobs):
        view = {"buffer": 0, "byteOffset": offset, "byteLength": len(blob)}
        view["target"] = 34963 if index == 3 else 34962
        views.append(view)
        offset += len(blob)
    document = {
        "asset": {"version": "2.0", "generator": "metaverse-conformance bench/gltf.py"},
        "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2}, "indices": 3}]}],
        "buffers": [{"byteLength": offset}], "bufferViews": views,
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": count, "type": "VEC3",
             "min": [0, 0, 0], "max": [1, 0, 1]},
            {"bufferView": 1, "componentType": 5126, "count": count, "type": "VEC3"},
            {"bufferView": 2, "componentType": 5126, "count": count, "type": "VEC2"},
            {"bufferView": 3, "componentType": 5125, "count": len(indices) // 4, "type": "SCALAR"},
        ],
    }
    text = json.dumps(document, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 4)
    binary = b"".join(blobs)
    chunks = struct.pack("<II", len(text), 0x4E4F534A) + text + struct.pack("<II", len(binary), 0x004E4942) + binary
    return struct.pack("<III", 0x46546C67, 2, 12 + len(chunks)) + chunks


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    from conformance._catalog.catalog import load_catalog
    from conformance._run.engine import run

    catalog = load_catalog()
    node = khronos.node_executable()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        model = root / "one" / "grid.glb"
        model.parent.mkdir()
        model.write_bytes(grid_glb(int(args.mb * 1_000_000)))
        batch = root / "batch"
        batch.mkdir()
        for n in range(args.batch):
            shutil.copyfile(model, batch / f"grid-{n:03d}.glb")

        def validator(files: list[Path]) -> None:
            subprocess.run([node, "-e", VALIDATE_ALL, str(khronos.PACKAGE), *map(str, files)], check=True,
                           capture_output=True)

        close = getattr(khronos, "close", lambda: None)  # the source before issue 31 kept no process

        def harness_check(fresh: bool = True) -> None:
            khronos._cache.clear()
            if fresh:
                close()
            report = khronos.validate([model])[model]
            assert gltf_reports.counts(report)["numErrors"] == 0, report
            list(gltf_reports.messages(report))

        def harness_run(folder: Path, pattern: str) -> Callable[[], None]:
            manifest = {"product": {"name": "bench", "version": "1"}, "profiles": [{"id": "asset-3d-content"}],
                        "targets": {"models": {"adapter": "file", "paths": [pattern]}}}
            (folder / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")

            def go() -> None:
                khronos._cache.clear()
                close()  # the run starts its own validator process, as a user's does
                result = run(folder / "m.yaml", catalog=catalog, requirements=["AS-GLTF-001", "AS-GLTF-002"],
                             out_dir=folder / "out", formats=["json"])
                assert {r.verdict.value for r in result.report.requirements} == {"pass"}, result.report.requirements
            return go

        one_run, batch_run = harness_run(model.parent, "*.glb"), harness_run(batch, "*.glb")
        validator([model])  # warm the file cache
        timings: dict[str, list[float]] = {"validator": [], "check": [], "warm": [], "run": []}
        for _ in range(args.repeat):
            timings["validator"].append(best(lambda: validator([model]), 1))
            timings["check"].append(best(harness_check, 1))
            harness_check()  # a process started, and kept
            timings["warm"].append(best(lambda: harness_check(fresh=False), 1))
            timings["run"].append(best(one_run, 1))
        size = model.stat().st_size
        base = min(timings["validator"])
        print(f"one GLB of {size / 1e6:.2f} MB (best of {args.repeat})")
        print(f"  validator alone (node)   {base * 1000:8.1f} ms")
        for label, key in (("harness check         ", "check"), ("… process kept        ", "warm"),
                           ("harness run (engine)  ", "run")):
            took = min(timings[key])
            print(f"  {label}   {took * 1000:8.1f} ms   ratio {took / base:.2f}")
        files = sorted(batch.glob("*.glb"))
        v_batch = best(lambda: validator(files), 1)
        h_batch = best(batch_run, 1)
        print(f"batch of {len(files)} in one process")
        print(f"  validator alone (node)   {v_batch:8.2f} s")
        print(f"  harness run (engine)     {h_batch:8.2f} s   ratio {h_batch / v_batch:.2f}")


if __name__ == "__main__":
    main()
