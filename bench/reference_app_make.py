"""Making one reference app (``conformance.reference.create_app``), as every known-bad case served over HTTP
and many other tests do (over a thousand a suite), this tree beside another, side by side.

    python bench/reference_app_make.py --before /path/to/other/tree --rounds 5

Prints, round by round, the CPU milliseconds of the schemas' staleness check an app makes
(``catalog_schemas`` of the catalog's schemas, both trees' modules in one process, their file lists
asserted equal), then of ``create_app`` itself (each tree in a child process of its own), and the
ratios this tree ÷ the other (min / median / max over the rounds).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _trees import ROOT, child_output, module_of, rounds_side_by_side, tree_options

APPS = 200
CHILD = f"""
import time
from conformance.reference import create_app
create_app()  # the schemas read and compiled once, as in any process
started = time.process_time()
for _ in range({APPS}):
    create_app()
print((time.process_time() - started) / {APPS} * 1000)
"""


def create_app_ms(tree: Path) -> float:
    return float(child_output(tree, CHILD).split()[-1])


def main() -> int:
    args = tree_options(__doc__.splitlines()[0], rounds=5).parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from conformance._catalog.catalog import default_root

    folder = default_root() / "schemas"
    before = module_of(args.before, "conformance.reference.assets.routes", "routes_before")
    after = module_of(ROOT, "conformance.reference.assets.routes", "routes_after")
    assert before.catalog_schemas(folder).ids() == after.catalog_schemas(folder).ids()
    assert after._files_as_they_are(folder) == tuple(sorted(
        (str(path), stat.st_size, stat.st_mtime_ns) for path in folder.rglob("*") if path.is_file()
        for stat in (path.stat(),)))

    def staleness_ms(module: object) -> float:
        started = time.process_time()
        for _ in range(APPS):
            module.catalog_schemas(folder)  # type: ignore[attr-defined]
        return (time.process_time() - started) / APPS * 1000

    print("the schemas' staleness check an app makes (CPU ms an app, one process):")
    modules = {args.before.resolve(): before, ROOT: after}
    rounds_side_by_side(args.before, args.rounds, lambda tree: staleness_ms(modules[tree]), "ms")
    print(f"create_app, {APPS} apps in a child process per tree (CPU ms an app):")
    rounds_side_by_side(args.before, args.rounds, create_app_ms, "ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
