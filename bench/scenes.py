"""Scene models at real sizes (issue 48): the harness's cost on generated CityJSON and IFC
models of 1 to 100 MB, side by side with what other tools spend on the same files, in one run.

Models are written by ``conformance generate city|building`` (the code behind it, in-process:
:mod:`conformance.areas.scenes.synthetic`) with every defect planted (IFC: all but a wrong
header, which would leave the model unread), so each run also shows that they fail. Each
measured command is its own process; its CPU time (user + system) and peak RSS come from
``wait4`` (the kernel's accounting of that child alone).

* ``harness``: ``conformance run`` of a manifest claiming ``scene-cityjson`` (or ``scene-ifc``
  with its features georeferenced and model-view) for the file (its ``max_file_bytes`` raised
  to the file's size), the whole process, JSON report only;
* ``orjson``: ``orjson.loads`` of the file alone, the floor any Python validator pays;
* ``cjio``: ``cjio FILE info`` (cjio reads the model and summarises it; its ``validate`` needs
  cjvalpy, which is not on PyPI, and cjval is a Rust crate; both are reported when absent);
* ``ifcopenshell``: ``ifcopenshell.validate`` alone on the IFC file (the EXPRESS schema and
  where-rules, as SC-BIM-002 calls it), opening the file included;
* ``lxml``: for CityGML, ``lxml.etree.parse`` of the file and its validation against the
  vendored CityGML 3.0 schemas (compiling them included), what SC-CITY-011 does alone. The
  CityGML models are the reference sample's Building repeated with fresh identifiers (no
  generator command: :func:`write_citygml`), with one identifier repeated and one local link
  dangling (SC-CITY-010 and SC-CITY-011 fail).

* ``before``: with ``--before TREE``, the same harness command run from another source tree
  (``PYTHONPATH=TREE/src``, e.g. a checkout of the main branch before a change), on the CityJSON
  sizes of ``--before-mb`` (default 1 and 10: the whole-parse path needs about 26x a file's size
  in memory), side by side with this tree's, with both reports' SC-CITY verdicts compared.

Printed per size: the file's size and objects, each command's CPU seconds and peak RSS, the
harness's CPU per city object (linear growth shows as a flat column), its RSS as a multiple
of the file size, and its ratios to the anchors.

    python bench/scenes.py [--city-mb 1,10,100] [--ifc-mb 10,100] [--gml-mb 10,100]
                           [--before TREE [--before-mb 1,10]] [--work DIR] [--json]

Issue 48's goals: CityJSON <= 1 ms of CPU per city object at 100 MB, linear from 1 to 100 MB,
peak RSS <= 3x the file size; IFC at 100 MB within 3x IfcOpenShell's own validate.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CLI = [PYTHON, "-m", "conformance.cli"]
ORJSON = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"
#: planted in the IFC models: not ``header``, which would leave the model unread by SC-BIM-002
IFC_DEFECTS = ["globalid", "map-conversion"]
#: claimed for the IFC models, so that every requirement that opens a model judges it (SC-BIM-002,
#: -003, -008) and the planted map-conversion defect shows (information-requirements needs IDS files)
IFC_FEATURES = ["georeferenced", "model-view"]
IFC_VALIDATE = ("import sys, ifcopenshell, ifcopenshell.validate as v; m = ifcopenshell.open(sys.argv[1]); "
                "v.validate(m, v.json_logger(), express_rules=True)")


LXML_VALIDATE = ("import sys; from lxml import etree; "
                 "from conformance.areas.scenes import citygml, citygml_schema as s; "
                 "s.schema().validate(etree.parse(sys.argv[1], citygml._parser()))")
DISTRICT = ROOT / "src" / "conformance" / "reference" / "samples" / "citygml_models" / "district.gml"


def write_citygml(path: Path, megabytes: float) -> int:
    """A CityGML 3.0 model of about ``megabytes``: the sample's Building repeated, its identifiers
    and links renamed per copy, streamed to ``path``; one copy repeats the first one's identifier
    and one links to an identifier no element has. Returns how many Buildings."""
    text = DISTRICT.read_text(encoding="utf-8")
    start, end = text.index("  <cityObjectMember>"), text.index("</CityModel>")
    member = text[start:end]
    count = max(4, round(megabytes * 1e6 / len(member.encode())))
    with path.open("w", encoding="utf-8") as out:
        out.write(text[:start])
        for i in range(count):
            copy = member.replace("building-a", f"b{i}")
            if i == count // 3:
                copy = copy.replace(f'gml:id="b{i}"', 'gml:id="b0"', 1)  # a repeated identifier
            elif i == 2 * count // 3:
                copy = copy.replace(f'"#b{i}-roof-polygon"', '"#nowhere"', 1)  # a dangling link
            out.write(copy)
        out.write(text[end:])
    return count


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """CPU seconds, peak RSS (MB), wall seconds and exit code of one process."""
    import time

    started = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "rss_mb": round(usage.ru_maxrss / 1024, 1),
            "wall_s": round(time.monotonic() - started, 1), "exit": proc.returncode,
            "tail": out.decode("utf-8", "replace").strip().splitlines()[-1:] if out else []}


def _objects_for(kind: str, megabytes: float) -> int:
    """How many objects make a model of about ``megabytes`` (measured on a small one)."""
    from conformance.areas.scenes import synthetic

    sample = io.BytesIO()
    if kind == "city":
        synthetic.write_city(sample, 2000, list(synthetic.CITY_DEFECTS))
    else:
        synthetic.write_building(sample, 2000, IFC_DEFECTS)
    return max(20, round(megabytes * 1e6 / (len(sample.getvalue()) / 2000)))


def generate(kind: str, megabytes: float, folder: Path) -> tuple[Path, int, int]:
    """The model's path, its objects (City Objects or walls) and its size in bytes. Written by
    ``conformance generate`` in its own process: a model built here would raise this process's
    peak RSS, which every child it starts afterwards inherits as its own (``ru_maxrss`` survives
    fork and exec), and the children's figures would be this process's."""
    from conformance.areas.scenes import synthetic

    count = _objects_for(kind, megabytes)
    path = folder / (f"city-{megabytes:g}mb.city.json" if kind == "city" else f"building-{megabytes:g}mb.ifc")
    defects = list(synthetic.CITY_DEFECTS) if kind == "city" else IFC_DEFECTS
    argv = [*CLI, "generate", kind, "--objects", str(count), "--out", str(path)]
    subprocess.run([*argv, *(arg for name in defects for arg in ("--defect", name))], check=True, capture_output=True)
    # Buildings, a BuildingPart for every tenth, and the planted extension object
    objects = count + (count + 9) // 10 + 1 if kind == "city" else count
    return path, objects, path.stat().st_size


def harness(profile: str, path: Path, folder: Path, tree: Path | None = None) -> dict[str, Any]:
    """``conformance run`` on a manifest claiming ``profile`` for the one file: a manifest, not
    ``validate``, so that the file target's ``max_file_bytes`` (64 MiB by default) admits it;
    with ``tree``, the harness of that source tree."""
    out = folder / f"report-{path.stem}{'-before' if tree else ''}"
    shutil.rmtree(out, ignore_errors=True)
    role = {"scene-cityjson": "city_models", "scene-citygml": "citygml_models"}.get(profile, "bim_models")
    manifest = folder / f"manifest-{path.stem}.json"
    manifest.write_text(json.dumps({
        "product": {"name": "generated", "version": "1", "vendor": "bench/scenes.py"},
        "profiles": [{"id": profile, **({"features": IFC_FEATURES} if profile == "scene-ifc" else {})}],
        "targets": {role: {"adapter": "file", "paths": [path.name],
                           "max_file_bytes": max(64 << 20, path.stat().st_size + (1 << 20))}}}))
    env = {**os.environ, "PYTHONPATH": str(tree / "src")} if tree else None
    found = run([*CLI, "run", "--manifest", str(manifest), "--format", "json", "-q", "--out", str(out)], ROOT, env)
    report = out / "report.json"
    if report.exists():
        data = json.loads(report.read_bytes())
        found["verdicts"] = {r["requirement"]: r["verdict"] for r in data["requirements"]}
        found["findings"] = {r["requirement"]: [(e.get("pointer"), e.get("rule"), e.get("message"))
                                                for e in r.get("evidence", []) if e.get("kind") == "finding"]
                             for r in data["requirements"]}
    return found


def _against(kind: str, mb: float, path: Path, objects: int, folder: Path, anchor: str, code: str) -> dict[str, Any]:
    """One row: the harness on ``path`` and the anchor alone (``python -c code path``), side by
    side; the model is deleted after."""
    size = path.stat().st_size
    profile = {"IFC": "scene-ifc", "CityGML": "scene-citygml"}[kind]
    row: dict[str, Any] = {"kind": kind, "target_mb": mb, "mb": round(size / 1e6, 1), "objects": objects}
    row["harness"] = harness(profile, path, folder)
    row[anchor] = run([PYTHON, "-c", code, str(path)], ROOT)
    row["ms_per_object"] = round(1000 * row["harness"]["cpu_s"] / objects, 3)
    row["rss_x_file"] = round(row["harness"]["rss_mb"] * 1e6 / size, 1)
    row[f"ratio_{anchor}"] = round(row["harness"]["cpu_s"] / max(row[anchor]["cpu_s"], 0.01), 2)
    path.unlink()
    return row


def measure(city_mb: list[float], ifc_mb: list[float], folder: Path, gml_mb: list[float] = (),
            before: Path | None = None, before_mb: tuple[float, ...] = ()) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    cjio = shutil.which("cjio") or (str(Path(PYTHON).with_name("cjio")) if Path(PYTHON).with_name("cjio").exists()
                                     else None)
    for mb in city_mb:
        path, objects, size = generate("city", mb, folder)
        row: dict[str, Any] = {"kind": "CityJSON", "target_mb": mb, "mb": round(size / 1e6, 1), "objects": objects}
        row["harness"] = harness("scene-cityjson", path, folder)
        if before is not None and mb in before_mb:
            row["before"] = harness("scene-cityjson", path, folder, before)
            row["before_ms_per_object"] = round(1000 * row["before"]["cpu_s"] / objects, 3)
            row["before_rss_x_file"] = round(row["before"]["rss_mb"] * 1e6 / size, 1)
            row["same_findings"] = row["before"].get("findings") == row["harness"].get("findings")
        row["orjson"] = run([PYTHON, "-c", ORJSON, str(path)], ROOT)
        row["cjio"] = run([cjio, str(path), "info"], ROOT) if cjio else "not installed (pip install cjio)"
        row["ms_per_object"] = round(1000 * row["harness"]["cpu_s"] / objects, 3)
        row["rss_x_file"] = round(row["harness"]["rss_mb"] * 1e6 / size, 1)
        row["ratio_orjson"] = round(row["harness"]["cpu_s"] / max(row["orjson"]["cpu_s"], 0.01), 1)
        if isinstance(row["cjio"], dict):
            row["ratio_cjio_info"] = round(row["harness"]["cpu_s"] / max(row["cjio"]["cpu_s"], 0.01), 1)
        rows.append(row)
        path.unlink()
    for mb in ifc_mb:
        path, objects, size = generate("building", mb, folder)
        rows.append(_against("IFC", mb, path, objects, folder, "ifcopenshell", IFC_VALIDATE))
    for mb in gml_mb:
        path = folder / f"district-{mb:g}mb.gml"
        objects = write_citygml(path, mb)
        rows.append(_against("CityGML", mb, path, objects, folder, "lxml", LXML_VALIDATE))
    return {"rows": rows, "load": os.getloadavg(),
            "cjval": "not measured: a Rust crate (cargo install cjval), and crates.io is not reachable here"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--city-mb", default="1,10,100", help="CityJSON sizes, MB (comma separated; '' for none)")
    parser.add_argument("--ifc-mb", default="10,100", help="IFC sizes, MB (comma separated; '' for none)")
    parser.add_argument("--gml-mb", default="10,100", help="CityGML sizes, MB (comma separated; '' for none)")
    parser.add_argument("--work", type=Path, help="folder for the generated models (default: a temporary one)")
    parser.add_argument("--before", type=Path, metavar="TREE", help="also run the harness of this source tree")
    parser.add_argument("--before-mb", default="1,10", help="CityJSON sizes to run --before on (default 1,10)")
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = parser.parse_args()
    sizes = [[float(x) for x in value.split(",") if x] for value in (args.city_mb, args.ifc_mb, args.gml_mb)]
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        result = measure(sizes[0], sizes[1], Path(tmp), sizes[2], args.before.resolve() if args.before else None,
                         tuple(float(x) for x in args.before_mb.split(",") if x))
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"load average {result['load'][0]:.1f}; cjval: {result['cjval']}")
    print(f"{'model':9} {'MB':>6} {'objects':>8} {'harness CPU s':>13} {'ms/object':>9} {'RSS MB':>7} {'RSS/file':>8}"
          f"  anchors (CPU s, RSS MB) and harness ratio")
    for row in result["rows"]:
        h = row["harness"]
        if row["kind"] == "CityJSON":
            cj = row["cjio"]
            anchors = (f"orjson {row['orjson']['cpu_s']} s {row['orjson']['rss_mb']} MB ({row['ratio_orjson']}x); "
                       + (f"cjio info {cj['cpu_s']} s {cj['rss_mb']} MB ({row['ratio_cjio_info']}x)"
                          if isinstance(cj, dict) else f"cjio {cj}"))
        elif row["kind"] == "IFC":
            v = row["ifcopenshell"]
            anchors = f"ifcopenshell.validate {v['cpu_s']} s {v['rss_mb']} MB ({row['ratio_ifcopenshell']}x)"
        else:
            v = row["lxml"]
            anchors = f"lxml parse + XMLSchema.validate {v['cpu_s']} s {v['rss_mb']} MB ({row['ratio_lxml']}x)"
        print(f"{row['kind']:9} {row['mb']:>6} {row['objects']:>8} {h['cpu_s']:>13} {row['ms_per_object']:>9} "
              f"{h['rss_mb']:>7} {row['rss_x_file']:>8}  {anchors}")
        if "before" in row:
            b = row["before"]
            print(f"{'  before':9} {'':>6} {'':>8} {b['cpu_s']:>13} {row['before_ms_per_object']:>9} {b['rss_mb']:>7} "
                  f"{row['before_rss_x_file']:>8}  after/before CPU {h['cpu_s'] / max(b['cpu_s'], 0.01):.2f}x, "
                  f"RSS {h['rss_mb'] / max(b['rss_mb'], 0.1):.2f}x; same findings: {row['same_findings']}")
        failed = sorted(r for r, v in h.get("verdicts", {}).items() if v == "fail")
        print(f"{'':9} harness exit {h['exit']}, failed: {', '.join(failed) or '-'}"
              + (f"; said: {h['tail'][0][:200]}" if h["exit"] not in (0, 1) and h["tail"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
