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

* ``--agreement FOLDER``: issue 71's goal, "no model IfcOpenShell's validator rejects is
  accepted", on every ``.ifc`` file under FOLDER (public files kept outside the project; the
  corpus measured is named in bench/README.md). Each file goes through ``ifcopenshell.validate``
  on its own, by path, EXPRESS rules on (the validator opens the file itself, so the reader's
  parse-time log is part of its result, as its docstring recommends), in a process that imports
  nothing of the harness but :mod:`conformance.areas.scenes.ifc_rules`, the per-process compile of
  the rules (the findings are the same, the first mode shows; ``--shipped`` runs the rules as
  shipped); and through the harness's SC-BIM-001 and SC-BIM-002 (``tests`` of
  suites/scenes/test_city_models.py: the header, the reader's parse, the schema check) in
  another. A file the validator rejects (an error statement, or it raises) must fail one of
  the two requirements; the counts of the four cells are printed, then every disagreement with
  both verdicts. A worker that dies on a file (the reader crashing) records it and goes on.

    python bench/ifc_rules.py [--rounds 3] [--models 4]
    CONFORMANCE_IFC_RULES_CORPUS=/path/to/folder python bench/ifc_rules.py --corpus
    python bench/ifc_rules.py --agreement /tmp/ifccorpus [--shipped] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
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


#: ifcopenshell.validate on its own: each file by path, as its command line validates it with --rules
ORACLE = """
import json, sys
import ifcopenshell, ifcopenshell.validate as validate
if sys.argv[3] != "shipped":
    from conformance.areas.scenes import ifc_rules
    ifc_rules.install()
out = open(sys.argv[2], "a", encoding="utf-8")
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    out.write(json.dumps({"start": path}) + "\\n"); out.flush()
    logger = validate.json_logger()
    try:
        validate.validate(path, logger, express_rules=True)
        said = [str(s.get("message", "")).strip().splitlines()[0][:160] if str(s.get("message", "")).strip() else "?"
                for s in logger.statements if s.get("level", "error") == "error"]
    except Exception as exc:
        said = [f"raised {type(exc).__name__}: {str(exc)[:160]}"]
    out.write(json.dumps({"path": path, "said": said}) + "\\n"); out.flush()
"""

#: SC-BIM-001 and SC-BIM-002 as suites/scenes/test_city_models.py judges one file
HARNESS = """
import json, sys
from pathlib import Path
from conformance.areas.scenes import ifc
out = open(sys.argv[2], "a", encoding="utf-8")
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    out.write(json.dumps({"start": path}) + "\\n"); out.flush()
    found, schema = ifc.header(Path(path).read_bytes()[:ifc.HEADER_BYTES])
    said = [f"SC-BIM-001 {f.rule} line {f.line}: {f.message}"[:200] for f in found]
    if schema:
        try:
            model = ifc.open_model(Path(path))
        except ifc.NotStep as exc:
            said += [f"SC-BIM-001 {f.rule} line {f.line}: {f.message}"[:200] for f in ifc.syntax_findings(exc)]
        except ValueError as exc:
            said.append(f"unjudged: {str(exc)[:160]}")
        else:
            said += [f"SC-BIM-002 {f.rule} {f.pointer or ''}: {f.message}"[:200] for f in ifc.schema_issues(model)]
    out.write(json.dumps({"path": path, "said": said}) + "\\n"); out.flush()
"""


def _each(code: str, paths: list[str], scratch: Path, *args: str) -> dict[str, list[str]]:
    """``code`` run over ``paths`` in as few processes as it takes: a process that dies on a
    file (the reader crashing) leaves that file recorded as "died", and the next starts after it."""
    results: dict[str, list[str]] = {}
    todo = list(paths)
    while todo:
        listing, log = scratch / "todo.txt", scratch / "log.jsonl"
        listing.write_text("\n".join(todo), encoding="utf-8")
        log.write_text("", encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", code, str(listing), str(log), *args], cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        started = None
        for line in log.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if "start" in entry:
                started = entry["start"]
            else:
                results[entry["path"]], started = entry["said"], None
        if started is not None:
            results[started] = [f"died (exit {done.returncode})"]
        todo = [p for p in todo if p not in results]
    return results


def agreement(folder: Path, shipped: bool, out: Path | None) -> int:
    """Issue 71's IFC goal on ``folder``: every file the validator rejects fails SC-BIM-001/002."""
    import tempfile

    paths = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() == ".ifc" and p.is_file())
    with tempfile.TemporaryDirectory() as scratch:
        oracle = _each(ORACLE, paths, Path(scratch), "shipped" if shipped else "cached")
        harness = _each(HARNESS, paths, Path(scratch))
    cells: Counter[tuple[bool, bool]] = Counter()
    missed, stricter = [], []
    for path in paths:
        rejects = bool(oracle[path])
        fails = any(s.startswith("SC-BIM-") for s in harness[path])
        cells[rejects, fails] += 1
        if rejects and not fails:
            missed.append(path)
        elif fails and not rejects:
            stricter.append(path)
    by_source = Counter(Path(p).relative_to(folder).parts[0] for p in paths)
    print(f"corpus {folder}: {len(paths)} IFC files ({', '.join(f'{k} {v}' for k, v in sorted(by_source.items()))}); "
          f"ifcopenshell {_version()}, rules {'as shipped' if shipped else 'compiled once per process'}")
    print(f"{'':<28}{'harness fails':>15}{'harness passes':>16}")
    for rejects, label in ((True, "validator rejects"), (False, "validator accepts")):
        print(f"{label:<28}{cells[rejects, True]:>15}{cells[rejects, False]:>16}")
    print(f"rejected by the validator and accepted by the harness (the goal: 0): {len(missed)}")
    for title, listed in (("accepted by the harness, rejected by the validator", missed),
                          ("failed by the harness, accepted by the validator", stricter)):
        if listed:
            print(f"{title}:")
        for path in listed:
            print(f"  {Path(path).relative_to(folder)}")
            print(f"    validator: {'; '.join(oracle[path][:3]) or 'no error'}")
            print(f"    harness:   {'; '.join(harness[path][:3]) or 'no finding'}")
    if out is not None:
        out.write_text(json.dumps({"validator": oracle, "harness": harness}, indent=1, sort_keys=True))
    return 1 if missed else 0


def _version() -> str:
    out = subprocess.run([sys.executable, "-c", "import ifcopenshell; print(ifcopenshell.version)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main() -> None:
    if "--corpus" in sys.argv[1:]:
        corpus()
        return
    if "--agreement" in sys.argv[1:]:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--agreement", type=Path, required=True, help="a folder of .ifc files")
        parser.add_argument("--shipped", action="store_true", help="the validator's rules as shipped")
        parser.add_argument("--json", type=Path, help="write both sides' statements per file here")
        options = parser.parse_args()
        sys.exit(agreement(options.agreement, options.shipped, options.json))
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
