"""A vendor's ``pytest --conformance-manifest`` session over tests that raise their reasons
(inconclusive, not applicable, a failure with findings), in two source trees side by side:
the CPU pytest spends on tracebacks the verdict replaces (issue 77 item 7).

    python bench/pytest_mode_tracebacks.py --before /path/to/other/tree --rounds 3 --tests 120

A small catalog (the harness's schemas, one area, one profile) whose ``--tests`` tests each
raise, two frames below the test, Inconclusive, NotApplicable or NonConformance with evidence
in turn; its session is run as a new process (``python -m pytest -q -p no:cacheprovider
--conformance-manifest m.yaml``) with each tree's ``src`` first on PYTHONPATH and
CONFORMANCE_CATALOG naming the catalog, first in the other tree, then in this one, a round at a
time. Prints each session's CPU (its process, from rusage) and the ratio this tree ÷ the other
within each round, then the ratios' min / median / max and the load average. The machine is
shared: compare the ratios. Exit status 1 if a session's counts are not the expected ones.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import rounds_side_by_side, tree_options  # noqa: E402  (bench/'s helper, run as a script)

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("inconclusive", "not_applicable", "finding")
MODULE_HEAD = '''import pytest
from conformance import Inconclusive, NonConformance, NotApplicable


def _judge(kind, number):
    return _reason(kind, number)


def _reason(kind, number):
    if kind == "inconclusive":
        raise Inconclusive(f"nothing to look at ({number})")
    if kind == "not_applicable":
        raise NotApplicable(f"no such feature ({number})")
    raise NonConformance(f"value {number} is wrong", file="x.json", pointer=f"/{number}", expected=1, actual=2)
'''
TEST = '''

@pytest.mark.requirement("ID-DOC-{number}")
def test_{number}():
    _judge("{kind}", {number})
'''


def write_catalog(root: Path, count: int) -> None:
    """The small catalog and a vendor folder (``root / "vendor"``) whose manifest claims it."""
    numbers = [str(100 + n) for n in range(count)]
    for folder in ("catalog", "manifest", "report", "certification", "assessment"):
        shutil.copytree(ROOT / "schemas" / folder, root / "catalog" / "schemas" / folder)
    area = root / "catalog" / "suites" / "identity"
    area.mkdir(parents=True)
    requirements = [{"id": f"ID-DOC-{n}", "level": "MUST", "title": {"en": "A title", "zh": "标题"},
                     "statement": {"en": "A statement.", "zh": "一条陈述。"},
                     "source": {"policy": ["SH-GUIDE 3.1.3-identity"]}, "testing": "automated"} for n in numbers]
    (area / "requirements.yaml").write_text(yaml.safe_dump({"area": "identity", "requirements": requirements},
                                                           allow_unicode=True), encoding="utf-8")
    module = MODULE_HEAD + "".join(TEST.format(number=n, kind=KINDS[i % 3]) for i, n in enumerate(numbers))
    (area / "test_reasons.py").write_text(module, encoding="utf-8")
    (root / "catalog" / "profiles").mkdir()
    profile = {"id": "reasons", "version": "1.0.0", "title": {"en": "Reasons", "zh": "理由"},
               "targets": {"files": {"kind": "file"}}, "requirements": [f"ID-DOC-{n}" for n in numbers]}
    (root / "catalog" / "profiles" / "reasons.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True),
                                                                encoding="utf-8")
    vendor = root / "vendor"
    vendor.mkdir()
    (vendor / "data.json").write_text("{}")
    manifest = {"product": {"name": "Bench", "version": "1"}, "profiles": ["reasons"],
                "targets": {"files": {"adapter": "file", "paths": ["data.json"]}}}
    (vendor / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")


def session(tree: Path, root: Path) -> tuple[float, str]:
    """CPU seconds of one session in ``tree`` and pytest's closing line."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "CONFORMANCE_CATALOG": str(root / "catalog")}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_utime + usage.ru_stime
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--conformance-manifest", "m.yaml"], cwd=root / "vendor", env=env,
                          capture_output=True, text=True, timeout=600)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return usage.ru_utime + usage.ru_stime - before, (lines[-1] if lines else done.stderr.strip()[-300:])


def main(argv: list[str]) -> int:
    parser = tree_options(__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=120, help="tests in the session (a multiple of 3)")
    options = parser.parse_args(argv)
    if not (options.before / "src" / "conformance").is_dir():
        print(f"bench/pytest_mode_tracebacks.py: {options.before} holds no src/conformance", file=sys.stderr)
        return 2
    third = options.tests // 3
    expected = f"{third} failed, {third} skipped, {third} xfailed"
    print(f"{options.tests} tests a session")
    wrong = False
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_catalog(root, third * 3)
        for side in (options.before.resolve(), ROOT):  # a first session each: caches and .pyc files
            session(side, root)

        def measure(tree: Path) -> float:
            nonlocal wrong
            cpu, closing = session(tree, root)
            wrong |= not closing.startswith(expected)
            print(f"  {'after ' if tree == ROOT else 'before'} {closing}")
            return cpu

        rounds_side_by_side(options.before, options.rounds, measure, "s CPU")
    return 1 if wrong else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
