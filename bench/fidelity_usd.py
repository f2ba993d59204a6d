"""Agreement of asset-usd with OpenUSD's own validators, on public USD and USDZ files.

The corpus is kept OUTSIDE the project (tens of MB of other projects' files, under their own
licences): ``build`` copies the files of the sources below from local git repositories (clones,
or the object stores of mirrors) at the pinned commits into ``--corpus`` (default
/tmp/usd-corpus), with ``sources.yaml`` naming each file's repository, commit, path and licence.
A blob a shallow or partial repository lacks is left out and counted.

``label`` runs OpenUSD's validators on their own: each file in a fresh Python that imports only
``pxr`` (no harness code, no guards, no budgets but a generous time-out), opens the stage and
runs every registered validator (``UsdValidation.ValidationRegistry().GetOrLoadAllValidators()``).
The label is ``error`` when any validator reports an error (``ValidationErrorType.Error``), or
when OpenUSD cannot open the file or dies on it; else ``no-error``. Labels go to
``labels.json`` beside the corpus.

``measure()`` (the contract of bench/fidelity.py) runs the harness itself: one engine run per
source, profile asset-usd with its features usdz and physics, over ``<source>/**/*.usd*`` (so
the source's folder is the input folder asset paths must stay in). A file is ``error`` when any
MUST requirement (AS-USD-001..008) has a finding for it. Agreement is per file; a file labelled
``no-error`` that the harness rejects is "rejected by the harness alone" (the goal is 0). Each
source's run is kept as ``harness-<source>.json`` beside the corpus while it is newer than the
labels: delete those files to measure a changed harness.

``cost`` measures one USDZ of a few MB (FILE, or one written for the run: a UsdPreviewSurface
grid of about 4 MB packaged by ``UsdUtils``), whole process against whole process, side by
side in one run, alternating: a Python that imports pxr and validates it alone, against
``conformance run`` of asset-usd on it, cold (a fresh process: start-up, catalog, the worker)
and warm (``CONFORMANCE_WARM=1`` through a warm process started once before the rounds, its
CPU the client's plus the whole warm process tree's: bench/warmed.py). CPU of the children
(user + system) is the measure, wall time printed beside it, with the load average; each
ratio is taken within a round (goal <= 1.5).

    python bench/fidelity_usd.py build --git usd-wg/assets=PATH ... [--corpus DIR]
    python bench/fidelity_usd.py label [--corpus DIR]
    python bench/fidelity_usd.py measure [--corpus DIR]
    python bench/fidelity_usd.py cost [FILE.usdz] [--repeat 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("USD_CORPUS", "/tmp/usd-corpus"))
SUFFIXES = (".usd", ".usda", ".usdc", ".usdz")
MUSTS = [f"AS-USD-00{n}" for n in range(1, 9)]
LABEL_TIMEOUT_S = 300

#: source folder -> where its files come from; ``every`` keeps one file in n (sorted by path)
#: so that no single source outweighs the others
SOURCES: dict[str, dict[str, Any]] = {
    "usd-wg": {"repository": "usd-wg/assets", "commit": "274fa4584dd6afe7e7d84ea30e1ec9c652858d9a",
               "folders": ["full_assets", "test_assets", "intent-vfx"], "every": 1,
               "licence": "Apache-2.0 (LICENSE; some assets name their own, e.g. StandardShaderBall/LICENCE)",
               "statement": "the USD Working Group's test and sample assets, published to be read by any "
                            "conforming USD implementation"},
    "openusd": {"repository": "PixarAnimationStudios/OpenUSD", "commit": "59992d2178afcebd89273759f2bddfe730e59aa8",
                "folders": ["extras/usd", "pxr/usd/usdUtils/testenv/testUsdUtilsComplianceChecker",
                            "pxr/usd/bin/usdchecker/testenv/testUsdChecker",
                            "pxr/usd/usdPhysics/testenv", "pxr/usd/usdSkel/testenv", "pxr/usd/usdShade/testenv"],
                "every": 1, "licence": "Tomorrow Open Source Technology License 1.0 (LICENSE.txt)",
                "statement": "OpenUSD's own examples, tutorials and test inputs (the compliance checker's include "
                             "deliberately broken packages)"},
    "tinyusdz": {"repository": "lighttransport/tinyusdz", "commit": "0693caea97fa22de0ab1de2911a487114315a290",
                 "folders": ["tests/usda", "models"], "every": 2, "licence": "Apache-2.0 (LICENSE)",
                 "statement": "an independent USD reader's parser tests and models (some deliberately malformed)"},
    "nvidia": {"repository": "NVIDIA-Omniverse/OpenUSD-Code-Samples",
               "commit": "c4c17f6947df4b6357b9a8563f75646a654f69c0", "folders": ["source"], "every": 1,
               "licence": "Apache-2.0 (LICENSE)",
               "statement": "NVIDIA's OpenUSD code samples, each with the USDA it writes (some reference "
                            "placeholder paths such as C:/path/to/file.usd)"},
    "pablode": {"repository": "pablode/usd-assets", "commit": "be3bb42c93f1046af405c7296e5d8c0d41fa6276",
                "folders": [""], "every": 1, "licence": "per asset (CC0, CC-BY; README.md)",
                "statement": "USD assets with UsdPreviewSurface, MaterialX and MDL materials for testing renderers"},
}

#: the labeller: OpenUSD alone, in a fresh interpreter (nothing of the harness is imported)
LABELLER = """
import json, sys
from pxr import Usd, UsdValidation
stage = Usd.Stage.Open(sys.argv[1])
if stage is None:
    print(json.dumps({"open": False})); raise SystemExit
validators = UsdValidation.ValidationRegistry().GetOrLoadAllValidators()
errors = UsdValidation.ValidationContext(validators).Validate(stage)
kinds = [str(e.GetType()).rsplit(".", 1)[-1] for e in errors]
names = sorted({e.GetValidator().GetMetadata().name for e in errors
                if str(e.GetType()).endswith("Error") and e.GetValidator()})
print(json.dumps({"open": True, "errors": kinds.count("Error"), "warnings": kinds.count("Warn"), "by": names}))
"""


def _usd_files(base: Path) -> list[str]:
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                  if p.suffix.lower() in SUFFIXES and p.is_file())


def build(corpus: Path, gits: dict[str, Path]) -> None:
    """Copy each source's files at its commit from a local git directory (git cat-file)."""
    corpus.mkdir(parents=True, exist_ok=True)
    record: dict[str, Any] = {"note": "public USD/USDZ files for bench/fidelity_usd.py; each source's files "
                                      "under its own licence; not part of the project", "sources": {}}
    for name, source in SOURCES.items():
        git = gits.get(source["repository"])
        if git is None:
            print(f"{name}: no --git {source['repository']}=PATH given, skipped", file=sys.stderr)
            continue
        listing = subprocess.run(["git", f"--git-dir={git}", "ls-tree", "-r", source["commit"], "--",
                                  *[f for f in source["folders"] if f]],
                                 capture_output=True, text=True, check=True).stdout.splitlines()
        wanted = []
        for line in listing:
            meta, path = line.split("\t", 1)
            _, kind, blob = meta.split()
            if kind == "blob":
                wanted.append((path, blob))
        layers = [p for p, _ in wanted if p.lower().endswith(SUFFIXES)]
        kept_layers = set(layers[::source["every"]])
        copied = missing = 0
        for path, blob in wanted:
            # a layer left out by the sampling is still copied (others reference it), but not judged
            data = subprocess.run(["git", f"--git-dir={git}", "cat-file", "blob", blob], capture_output=True)
            if data.returncode != 0:
                missing += 1
                continue
            target = corpus / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.stdout)
            copied += 1
        judged = sorted(p for p in kept_layers if (corpus / name / p).is_file())
        record["sources"][name] = {**{k: source[k] for k in ("repository", "commit", "folders", "licence",
                                                               "statement")},
                                   "files_copied": copied, "blobs_missing": missing, "judged": judged}
        print(f"{name}: {copied} files copied, {missing} blobs missing here, {len(judged)} USD files judged")
    (corpus / "sources.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


def _judged(corpus: Path) -> dict[str, list[str]]:
    """source -> the files judged: as ``build`` recorded them in sources.yaml, or, for a corpus
    folder gathered by hand (no sources.yaml), every USD file of each top-level folder."""
    if not (corpus / "sources.yaml").is_file():
        return {sub.name: _usd_files(sub) for sub in sorted(corpus.iterdir())
                if sub.is_dir() and not sub.name.startswith(".")}
    record = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))
    return {name: entry["judged"] for name, entry in record["sources"].items()}


def _repository(corpus: Path, name: str) -> str:
    return SOURCES[name]["repository"] if name in SOURCES else f"folder {corpus / name}"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def label(corpus: Path) -> None:
    """Label each judged file; a label whose file is unchanged (same SHA-256) is kept, so a source
    added to the corpus is labelled alone."""
    old = corpus / "labels.json"
    kept: dict[str, Any] = json.loads(old.read_text(encoding="utf-8")) if old.is_file() else {}
    labels: dict[str, Any] = {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PXR_")}
    for name, files in _judged(corpus).items():
        for item in files:
            path = corpus / name / item
            digest = _digest(path)
            if kept.get(f"{name}/{item}", {}).get("sha256") == digest:
                labels[f"{name}/{item}"] = kept[f"{name}/{item}"]
                continue
            try:
                done = subprocess.run([sys.executable, "-c", LABELLER, str(path)], capture_output=True,
                                      timeout=LABEL_TIMEOUT_S, env=env, cwd=path.parent)
            except subprocess.TimeoutExpired:
                labels[f"{name}/{item}"] = {"label": "error", "why": f"no answer in {LABEL_TIMEOUT_S} s",
                                            "sha256": digest}
                continue
            line = next((x for x in reversed(done.stdout.splitlines()) if x.startswith(b"{")), None)
            if line is None:
                labels[f"{name}/{item}"] = {"label": "error", "sha256": digest,
                                            "why": f"OpenUSD died (status {done.returncode})"}
                continue
            answer = json.loads(line)
            if not answer["open"]:
                labels[f"{name}/{item}"] = {"label": "error", "why": "OpenUSD cannot open it", "sha256": digest}
            else:
                labels[f"{name}/{item}"] = {"label": "error" if answer["errors"] else "no-error", **answer,
                                            "sha256": digest}
    (corpus / "labels.json").write_text(json.dumps(labels, indent=1, sort_keys=True), encoding="utf-8")
    counts = {k: sum(1 for v in labels.values() if v["label"] == k) for k in ("error", "no-error")}
    print(f"labelled {len(labels)} files: {counts}")


def _failing(base: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """requirement -> files (relative to ``base``) with a finding; and each file's findings."""
    sys.path.insert(0, str(ROOT / "src"))
    from conformance._run.engine import run

    manifest = {"product": {"name": "fidelity corpus", "version": "1"},
                "profiles": [{"id": "asset-usd", "features": ["usdz", "physics"]}],
                "targets": {"usd_assets": {"adapter": "file", "max_files": 5000,
                                           # a pattern that matches nothing is a manifest error
                                           "paths": [f"**/*{s}" for s in SUFFIXES if next(base.rglob(f"*{s}"), None)]}}}
    with tempfile.TemporaryDirectory() as scratch:
        path = base / ".fidelity-asset-usd.yaml"
        path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        try:
            result = run(path, requirements=MUSTS, out_dir=Path(scratch) / "out", formats=["json"])
        finally:
            path.unlink()
    failing: dict[str, set[str]] = {}
    why: dict[str, list[str]] = {}
    for requirement in result.report.requirements:
        for item in requirement.evidence:
            if item.get("kind") == "finding" and item.get("file"):
                failing.setdefault(requirement.requirement, set()).add(item["file"])
                why.setdefault(item["file"], []).append(f"{requirement.requirement}: {item.get('message', '')[:160]}")
    return failing, why


def measure(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    if not (corpus / "labels.json").is_file():
        return []  # no corpus here (it is built outside the project): nothing measured
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    out = []
    for name, files in _judged(corpus).items():
        kept = corpus / f"harness-{name}.json"  # a source's run, kept until the corpus is built again
        if kept.is_file() and kept.stat().st_mtime > (corpus / "labels.json").stat().st_mtime:
            stored = json.loads(kept.read_text(encoding="utf-8"))
            failing, why = {k: set(v) for k, v in stored["failing"].items()}, stored["why"]
        else:
            failing, why = _failing(corpus / name)
            kept.write_text(json.dumps({"failing": {k: sorted(v) for k, v in failing.items()}, "why": why}),
                            encoding="utf-8")
        rejected = set().union(*failing.values()) if failing else set()
        misses = []
        for item in files:
            want = labels[f"{name}/{item}"]["label"]
            got = "error" if item in rejected else "no-error"
            if want != got:
                said = labels[f"{name}/{item}"]
                misses.append({"item": f"{name}/{item}", "expected": want, "actual": got,
                               "openusd": ", ".join(said.get("by", [])) or said.get("why", "")
                               or f"{said.get('warnings', 0)} warnings",
                               "reason": "; ".join(why.get(item, [])) or "no finding"})
        out.append({"corpus": f"{name} ({_repository(corpus, name)})", "total": len(files),
                    "agree": len(files) - len(misses), "disagreements": misses,
                    "labelled_error": sum(1 for i in files if labels[f"{name}/{i}"]["label"] == "error"),
                    "rejected_alone": sum(1 for m in misses if m["expected"] == "no-error")})
    return out


GRID = """
import sys
from pxr import Sdf, Usd, UsdGeom, UsdShade, UsdUtils
n = int(sys.argv[2])
stage = Usd.Stage.CreateNew(sys.argv[1] + "/grid.usdc")
UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.y)
UsdGeom.SetStageMetersPerUnit(stage, 1.0)
root = UsdGeom.Xform.Define(stage, "/Grid")
stage.SetDefaultPrim(root.GetPrim())
mesh = UsdGeom.Mesh.Define(stage, "/Grid/Mesh")
mesh.CreatePointsAttr([(x * 0.01, 0.0, z * 0.01) for z in range(n + 1) for x in range(n + 1)])
mesh.CreateFaceVertexCountsAttr([4] * (n * n))
mesh.CreateFaceVertexIndicesAttr([i for z in range(n) for x in range(n) for i in
    (z * (n + 1) + x, z * (n + 1) + x + 1, (z + 1) * (n + 1) + x + 1, (z + 1) * (n + 1) + x)])
material = UsdShade.Material.Define(stage, "/Grid/Material")
shader = UsdShade.Shader.Define(stage, "/Grid/Material/Surface")
shader.CreateIdAttr("UsdPreviewSurface")
shader.CreateInput("diffuseColor", Sdf.ValueTypeNames.Color3f).Set((0.8, 0.5, 0.2))
material.CreateSurfaceOutput().ConnectToSource(shader.ConnectableAPI(), "surface")
UsdShade.MaterialBindingAPI.Apply(mesh.GetPrim()).Bind(material)
stage.Save()
UsdUtils.CreateNewUsdzPackage(Sdf.AssetPath(sys.argv[1] + "/grid.usdc"), sys.argv[1] + "/grid.usdz")
"""


def cost(package: Path | None, repeat: int) -> None:
    """Whole process against whole process, cold and warm, alternated, in one run."""
    import resource

    sys.path.insert(0, str(Path(__file__).parent))
    from spread import spread
    from warmed import Warm, tree_cpu

    with tempfile.TemporaryDirectory() as scratch:
        if package is None:
            subprocess.run([sys.executable, "-c", GRID, scratch, "600"], check=True, capture_output=True)
            package = Path(scratch) / "grid.usdz"
        package = package.resolve()
        size = package.stat().st_size
        manifest = Path(scratch) / "manifest.yaml"
        manifest.write_text(yaml.safe_dump({
            "product": {"name": "cost", "version": "1"},
            "profiles": [{"id": "asset-usd", "features": ["usdz", "physics"]}],
            "targets": {"usd_assets": {"adapter": "file", "paths": [str(package)]}}}), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        env.pop("CONFORMANCE_WARM", None)
        warm = Warm(env, Path(scratch))

        def harness(name: str) -> list[str]:
            return [sys.executable, "-m", "conformance.cli", "run", "--manifest", str(manifest), "--no-progress",
                    "--out", str(Path(scratch) / name)]

        runs = {"openusd alone": ([sys.executable, "-c", LABELLER, str(package)], env, None),
                "harness cold": (harness("cold"), env, None),
                "harness warm": (harness("warm"), warm.env, warm.pid)}
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        wall: dict[str, list[float]] = {k: [] for k in runs}
        codes: dict[str, set[int]] = {k: set() for k in runs}
        loads = [os.getloadavg()[0]]
        try:
            for n in range(repeat + 1):  # the first round untimed: file cache, catalog cache
                for key in (list(runs) if n % 2 == 0 else list(reversed(runs))):
                    command, environment, server = runs[key]
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    tree = tree_cpu(server) if server else 0.0
                    started = time.perf_counter()
                    done = subprocess.run(command, capture_output=True, env=environment, cwd=scratch)
                    took = time.perf_counter() - started
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                    used += tree_cpu(server) - tree if server else 0.0
                    codes[key].add(done.returncode)
                    if key != "openusd alone" and done.returncode not in (0, 1):
                        print(done.stdout.decode()[-2000:], done.stderr.decode()[-2000:], file=sys.stderr)
                    if n:
                        cpu[key].append(used)
                        wall[key].append(took)
                loads.append(os.getloadavg()[0])
        finally:
            warm.stop()
        same = [json.loads((Path(scratch) / name / "report.json").read_text())["requirements"]
                for name in ("cold", "warm")]
    print(f"{package.name}: {size / 1e6:.1f} MB; {repeat} rounds; "
          f"load average (1 min) {min(loads):.1f}-{max(loads):.1f}")
    print(f"{'':16} {'CPU s, min / median / max':>26}   {'ratio to OpenUSD alone':>24}   wall s, median   exit")
    for key in runs:
        line = f"  {key:<14} {spread(cpu[key], 3, width=6)}"
        if key != "openusd alone":
            ratios = [v / b for v, b in zip(cpu[key], cpu["openusd alone"], strict=True)]
            line += f"   {spread(ratios, 2, width=5)} x"
        else:
            line += " " * 27
        print(f"{line}   {statistics.median(wall[key]):6.3f}          {sorted(codes[key])}")
    said = []
    for key in ("harness cold", "harness warm"):
        ratio = statistics.median(v / b for v, b in zip(cpu[key], cpu["openusd alone"], strict=True))
        said.append(f"{key.split()[1]} {ratio:.2f}x ({'met' if ratio <= 1.5 else 'not met'})")
    print(f"verdicts of the cold and the warm run the same: {same[0] == same[1]}; goal (issue 49) <= 1.5x: "
          + "; ".join(said))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["build", "label", "measure", "cost"])
    parser.add_argument("file", nargs="?", type=Path, help="the USDZ of `cost`")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--git", action="append", default=[], help="owner/name=PATH of a local git directory")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.command == "build":
        build(args.corpus, {k: Path(v) for k, v in (g.split("=", 1) for g in args.git)})
    elif args.command == "label":
        label(args.corpus)
    elif args.command == "cost":
        cost(args.file, args.repeat)
    else:
        results = measure(args.corpus)
        if args.json:
            print(json.dumps(results, indent=1))
            return
        total = sum(r["total"] for r in results)
        agree = sum(r["agree"] for r in results)
        for r in results:
            print(f"{r['corpus']}: {r['agree']}/{r['total']} agree ({r['labelled_error']} labelled error; "
                  f"{r['rejected_alone']} valid files rejected by the harness alone)")
            for miss in r["disagreements"]:
                print(f"  {miss['item']}\n    UsdValidation: {miss['expected']} ({miss['openusd']})"
                      f"\n    harness:       {miss['actual']} ({miss['reason']})")
        if total:
            print(f"overall: {agree}/{total} = {100 * agree / total:.1f} % agreement over {len(results)} sources")


if __name__ == "__main__":
    main()
