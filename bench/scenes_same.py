"""Same findings on real CityJSON files, read lean and whole (issue 48): one engine run a file of a
folder (``*.city.json``, e.g. 3DGI/cityjson-corpus's ``cases/``, kept outside the project), in this
source tree with every model read lean (``cityjson_lean.LEAN_BYTES = 0``) and in another tree
(``--before TREE``, e.g. a checkout of the main branch, which reads them whole), each in its own
process; prints the files whose verdicts or evidence (kind, rule, pointer, message) differ.

    python bench/scenes_same.py FOLDER --before TREE

Not a timing. A corpus agreement (bench/fidelity_scenes.py --twin) cannot move where no
finding does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, sys, tempfile
from pathlib import Path
import yaml
if sys.argv[2] == "lean":
    from conformance.areas.scenes import cityjson_lean
    cityjson_lean.LEAN_BYTES = 0
from conformance._run.engine import run

found = {}
for path in sorted(Path(sys.argv[1]).rglob("*.city.json")):
    manifest = {"product": {"name": "corpus", "version": "1"},
                "profiles": [{"id": "scene-cityjson", "features": ["georeferenced"]}],
                "targets": {"city_models": {"adapter": "file", "paths": [str(path)]}}}
    with tempfile.TemporaryDirectory() as scratch:
        written = Path(scratch) / "manifest.yaml"
        written.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        result = run(written, out_dir=Path(scratch) / "out", formats=["json"])
    found[str(path.relative_to(sys.argv[1]))] = [
        [r.requirement, r.verdict, [[i.get("kind"), i.get("rule"), i.get("pointer"), i.get("message")]
                                    for i in r.evidence]] for r in result.report.requirements]
json.dump(found, sys.stdout)
"""


def findings(folder: Path, tree: Path, mode: str) -> dict[str, list]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder), mode], env=env, cwd=tempfile.gettempdir(),
                         capture_output=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of *.city.json files")
    parser.add_argument("--before", type=Path, required=True, metavar="TREE", help="source tree that reads whole")
    args = parser.parse_args()
    lean = findings(args.folder.resolve(), ROOT, "lean")
    whole = findings(args.folder.resolve(), args.before.resolve(), "whole")
    differ = sorted(name for name in lean.keys() | whole.keys() if lean.get(name) != whole.get(name))
    count = sum(1 for rows in whole.values() for _, _, evidence in rows for item in evidence if item[0] == "finding")
    print(f"{len(whole)} files, {count} findings read whole; differing read lean: {len(differ)}")
    for name in differ:
        print(f"  {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
