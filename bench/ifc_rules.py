"""IfcOpenShell's EXPRESS rules compiled once per process, not per call (issue 31).

``ifc.schema_issues`` (SC-BIM-002) ends in IfcOpenShell's ``rule_executor.run``, which as
shipped parses, assertion-rewrites and compiles the schema's 578 KB rules module on every call;
:mod:`conformance.areas.scenes.ifc_rules` keeps the compiled module per process. Measured side
by side in one run, interleaved round by round, CPU time (user + system) of whole processes:

* ``per model``: one process validating ``--models`` copies of the reference building (IFC4)
  with the rules as IfcOpenShell ships them vs with the cache; the ratio is the CPU shipped ÷
  cached, and the marginal CPU of one more model in each.
* ``tests``: the harness's own IFC tests (the fast layer's SC-BIM tests of
  tests/areas/scenes/test_city_models.py and tests/areas/scenes/test_ids.py) under pytest, with and
  without the cache.

* ``--corpus``: the IFC files of the folder ``$CONFORMANCE_IFC_RULES_CORPUS`` names (kept outside
  the project: IfcOpenShell's own where-rule and validate test fixtures, ``pass-``/``fail-``
  named; sources in its SOURCES.md), each through SC-BIM-002's ``ifc.schema_issues`` in one
  process with the rules as shipped and in one with the cache: the findings must be identical
  file by file (the cache changes no result), and the CPU of both processes is compared. The
  ``fail-``/``pass-`` names are also compared with error / no-error, as information only: those
  fixtures are minimal files made for one rule each, and a ``pass-`` one may break others.

    python bench/ifc_rules.py [--rounds 3] [--models 4]
    CONFORMANCE_IFC_RULES_CORPUS=/path/to/folder python bench/ifc_rules.py --corpus
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILDING = ROOT / "src" / "conformance" / "reference" / "samples" / "bim_models" / "building.ifc"
TESTS = ["tests/areas/scenes/test_city_models.py", "tests/areas/scenes/test_ids.py"]
SHIPPED = "from conformance.areas.scenes import ifc_rules; ifc_rules.install = lambda: False\n"
MODELS = """
import sys
from conformance.areas.scenes import ifc
for _ in range(int(sys.argv[1])):
    ifc.schema_issues(ifc.open_model(sys.argv[2]))
"""
PYTEST = "import sys, pytest\nsys.exit(pytest.main(sys.argv[1:]))\n"


def cpu(code: str, *args: str) -> float:
    """User + system CPU seconds of one ``python -c code args`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONHASHSEED": "0"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


CORPUS = """
import json, sys
from pathlib import Path
from conformance.areas.scenes import ifc
out = {}
for path in sorted(Path(sys.argv[1]).glob("*.ifc")):
    try:
        model = ifc.open_model(path)
    except ValueError as exc:
        out[path.name] = ["unreadable"]
        continue
    out[path.name] = [f"{f.rule} {f.pointer} {f.message}" for f in ifc.schema_issues(model)]
Path(sys.argv[2]).write_text(json.dumps(out, sort_keys=True))
"""


def corpus() -> None:
    import json
    import tempfile

    folder = os.environ.get("CONFORMANCE_IFC_RULES_CORPUS")
    if not folder or not Path(folder).is_dir():
        sys.exit("bench/ifc_rules.py: set CONFORMANCE_IFC_RULES_CORPUS to a folder of .ifc files")
    with tempfile.TemporaryDirectory() as scratch:
        shipped_json, cached_json = Path(scratch) / "shipped.json", Path(scratch) / "cached.json"
        shipped_cpu = cpu(SHIPPED + CORPUS, folder, str(shipped_json))
        cached_cpu = cpu(CORPUS, folder, str(cached_json))
        shipped, cached = json.loads(shipped_json.read_text()), json.loads(cached_json.read_text())
    same = [name for name in shipped if shipped[name] == cached.get(name)]
    labelled = {name: name.split("--")[-1].startswith("fail-") for name in shipped
                if name.split("--")[-1].startswith(("fail-", "pass-"))}
    agree = sum(1 for name, fails in labelled.items() if bool(shipped[name]) == fails)
    print(f"corpus {folder}: {len(shipped)} IFC files (load average {os.getloadavg()[0]:.1f})")
    print(f"findings identical shipped vs cached: {len(same)}/{len(shipped)}")
    for name in sorted(set(shipped) - set(same)):
        print(f"  differs: {name}")
    print(f"CPU seconds, whole process: shipped {shipped_cpu:.1f}, cached {cached_cpu:.1f}, "
          f"ratio {shipped_cpu / cached_cpu:.2f}")
    print(f"SC-BIM-002 error/no-error vs the fixtures' pass-/fail- names: {agree}/{len(labelled)}")
    print("SC-BIM-005 on the same files (header only; no external oracle, a tally):")
    for (schema, views, rules), count in _views(Path(folder)).most_common():
        print(f"  {count:>4}  {schema:<12} ViewDefinition [{', '.join(views)}]  -> {', '.join(rules) or 'pass'}")


def _views(folder: Path) -> Counter[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    from conformance.areas.scenes import ifc, ifc_views

    tally: Counter[tuple[str, tuple[str, ...], tuple[str, ...]]] = Counter()
    for path in sorted(folder.glob("*.ifc")):
        data = path.read_bytes()[:ifc_views.HEADER_BYTES]
        schema = ifc.header(data)[1]
        if schema is None:
            tally["(no official schema)", (), ("SC-BIM-001",)] += 1
            continue
        found, _ = ifc_views.view_findings(data, schema)
        tally[schema, tuple(ifc_views.declared_views(data) or ()), tuple(f.rule or "" for f in found)] += 1
    return tally


def main() -> None:
    if "--corpus" in sys.argv[1:]:
        corpus()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--models", type=int, default=4)
    options = parser.parse_args()
    n = options.models
    rows: dict[str, list[float]] = {key: [] for key in ("shipped-1", "cached-1", "shipped-n", "cached-n",
                                                        "shipped-tests", "cached-tests")}
    tests = ["-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-k", "ifc or bim or ids or building", *TESTS]
    for _ in range(options.rounds):
        rows["shipped-1"].append(cpu(SHIPPED + MODELS, "1", str(BUILDING)))
        rows["cached-1"].append(cpu(MODELS, "1", str(BUILDING)))
        rows["shipped-n"].append(cpu(SHIPPED + MODELS, str(n), str(BUILDING)))
        rows["cached-n"].append(cpu(MODELS, str(n), str(BUILDING)))
        rows["shipped-tests"].append(cpu(SHIPPED + PYTEST, *tests))
        rows["cached-tests"].append(cpu(PYTEST, *tests))
    med = {key: statistics.median(values) for key, values in rows.items()}
    marginal_shipped = (med["shipped-n"] - med["shipped-1"]) / (n - 1)
    marginal_cached = (med["cached-n"] - med["cached-1"]) / (n - 1)
    print(f"CPU seconds, median of {options.rounds} rounds (load average {os.getloadavg()[0]:.1f})")
    print(f"{'measure':<34}{'shipped':>10}{'cached':>10}{'shipped/cached':>16}")
    for label, key in (("1 model, whole process", "1"), (f"{n} models, whole process", "n"),
                       ("IFC tests under pytest", "tests")):
        print(f"{label:<34}{med['shipped-' + key]:>10.2f}{med['cached-' + key]:>10.2f}"
              f"{med['shipped-' + key] / med['cached-' + key]:>16.2f}")
    # the cached marginal is within the noise of zero: a ratio of it would say nothing
    ratio = f"{marginal_shipped / marginal_cached:>16.2f}" if marginal_cached > 0.05 else f"{'-':>16}"
    print(f"{'marginal CPU of one more model':<34}{marginal_shipped:>10.2f}{marginal_cached:>10.2f}{ratio}")


if __name__ == "__main__":
    main()
