"""Fidelity of the robots area on URDF descriptions of real robots nobody here wrote.

The corpus is kept outside the project (about 150 files, several MB): point
``$CONFORMANCE_ROBOT_CORPORA`` at a folder holding one sub-folder per source, each a
checkout's ``*.urdf`` files with a ``sources.yaml`` naming the repository and commit:

* ``unitreerobotics+unitree_ros``: Unitree's humanoids (G1, H1, H2, R1) and quadrupeds;
* ``Gepetto+example-robot-data``: humanoids (Talos, Romeo, iCub), service robots (TIAGo,
  PR2), arms and legged robots, as the Pinocchio community publishes them;
* ``robotology+icub-models``: the iCub humanoid's generated models.

Each file is also altered three times, once per structural obligation both sides state
(written under ``altered/`` by ``--record``, outside XML comments): the first revolute or
prismatic joint loses its ``<limit>``; the second link takes the first link's name; the first
joint's parent names a link that does not exist.

Expected: urdfdom's ``check_urdf`` (ROS's reference URDF parser), run only by
``python bench/fidelity_robots.py --record``, which writes ``expected.json`` beside the sources:
a file is valid when check_urdf loads it without logging an error: it exits non-zero on a model it
refuses, and logs "Error:" where it loads the model but drops a part it cannot read (an inertial
whose number it cannot read, a visual whose material has no name), as
tests/areas/robots/test_urdf_as_read.py tells the three answers apart. The check_urdf asked is the one the tests
ask (tests/areas/robots/urdfdom.py): ``$CHECK_URDF``, else the PyPI wheel cmeel-urdfdom 6.0.0
that ``scripts/install-real-products.sh urdfdom`` installs, else Debian's liburdfdom-tools on
PATH (urdfdom 3.0.1, which answered as 6.0.0 on every file here, 2026-11-25); ``expected.json``
names which.
Actual: the file is invalid when RB-URDF-001 (any rule) or RB-URDF-002 R1 (a limit missing or
unreadable) finds something, the obligations urdfdom enforces; RB-URDF-002 R2 (a usable axis)
and RB-URDF-003 (positive limits, mass, physical inertia, a range not inverted) go beyond what
urdfdom checks, so they are counted apart, as what real descriptions break.

    CONFORMANCE_ROBOT_CORPORA=/path/to/corpora python bench/fidelity_robots.py [--record] [--json]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SOURCES = ("unitreerobotics+unitree_ros", "Gepetto+example-robot-data", "robotology+icub-models")
ALTERATIONS = ("no-limit", "repeated-link", "unknown-parent")


def corpus() -> Path | None:
    folder = os.environ.get("CONFORMANCE_ROBOT_CORPORA")
    return Path(folder) if folder else None


def originals(root: Path) -> list[Path]:
    return sorted(p for source in SOURCES for p in (root / source).rglob("*.urdf"))


def _outside_comments(pattern: str, text: str) -> list[re.Match[str]]:
    """The matches of ``pattern`` that are not inside an XML comment: real descriptions keep
    commented-out links and joints (``<!-- <link name="world"/> ... -->``), and altering one of
    those would leave the robot as it was."""
    comments = [m.span() for m in re.finditer(r"<!--.*?-->", text, re.S)]
    return [m for m in re.finditer(pattern, text, re.S)
            if not any(start <= m.start() < end for start, end in comments)]


def _alter(text: str, how: str) -> str | None:
    """``text`` breaking one obligation, or None where the file has nothing to break so."""
    if how == "no-limit":
        joints = _outside_comments(r'<joint\b[^>]*type="(revolute|prismatic)"[^>]*>.*?</joint>', text)
        if not joints or "<limit" not in joints[0].group(0):
            return None
        joint = joints[0]
        cut = re.sub(r"<limit\b[^>]*/>|<limit\b.*?</limit>", "", joint.group(0), count=1, flags=re.S)
        return text[:joint.start()] + cut + text[joint.end():]
    if how == "repeated-link":
        links = _outside_comments(r'<link\s+name\s*=\s*"([^"]+)"', text)
        if len(links) < 2 or links[0].group(1) == links[1].group(1):
            return None
        return text[:links[1].start(1)] + links[0].group(1) + text[links[1].end(1):]
    parents = _outside_comments(r'<parent\s+link\s*=\s*"([^"]+)"', text)
    if not parents:
        return None
    return text[:parents[0].start(1)] + "no_such_link_in_this_robot" + text[parents[0].end(1):]


def items(root: Path) -> list[Path]:
    return originals(root) + sorted((root / "altered").rglob("*.urdf"))


def record(root: Path) -> None:
    """Write the altered copies, then ask check_urdf about every file."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.areas.robots.urdfdom import check_urdf_command, why_missing

    command = check_urdf_command()
    if command is None:
        sys.exit(why_missing())
    altered_root = root / "altered"
    if altered_root.is_dir() and not altered_root.is_symlink():
        shutil.rmtree(altered_root)  # copies an earlier version of _alter wrote must not linger
    for path in originals(root):
        for how in ALTERATIONS:
            altered = _alter(path.read_text(encoding="utf-8", errors="replace"), how)
            if altered is not None:
                target = root / "altered" / how / path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(altered, encoding="utf-8")
    expected = {}
    for path in items(root):
        done = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=60)
        first = next((line.strip() for line in (done.stderr + done.stdout).splitlines() if "rror" in line), "")
        logged = "Error:" in done.stderr
        expected[path.relative_to(root).as_posix()] = {"valid": done.returncode == 0 and not logged,
                                                       "loaded": done.returncode == 0, "error": first}
    oracle = {"oracle": "urdfdom check_urdf", "command": command[-1],
              "recorded": datetime.now(UTC).date().isoformat(), "files": expected}
    partial = root / "expected.json.partial"
    partial.write_text(json.dumps(oracle, indent=1), encoding="utf-8")
    partial.replace(root / "expected.json")


def judge(path: Path) -> tuple[list[str], list[str]]:
    """Our findings on one file: (the obligations urdfdom also enforces, the others), each as
    "requirement rule"."""
    from conformance.areas.robots import urdf
    from conformance.errors import NonConformance

    try:
        robot = urdf.parse(path.read_bytes(), what=path.name)
    except NonConformance:
        return ["RB-URDF-001 R1"], []
    shared: list[str] = []
    beyond: list[str] = []
    for requirement, checks in (("RB-URDF-001", (urdf.names, urdf.connections, urdf.tree, urdf.numbers)),
                                ("RB-URDF-002", (urdf.limits,)),
                                ("RB-URDF-003", (urdf.positive_limits, urdf.inertials, urdf.ranges))):
        for check in checks:
            for finding in check(robot):
                key = f"{requirement} {finding.rule}"
                (shared if requirement == "RB-URDF-001" or key == "RB-URDF-002 R1" else beyond).append(key)
    return shared, beyond


def measure() -> list[dict[str, Any]]:
    root = corpus()
    if root is None or not (root / "expected.json").is_file():
        return []
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))["files"]
    groups: dict[str, list[str]] = {}
    for name in expected:
        group = "altered " + name.split("/")[1] if name.startswith("altered/") else name.split("/")[0]
        groups.setdefault(group, []).append(name)
    results = []
    for group, names in groups.items():
        disagreements = []
        beyond: Counter[str] = Counter()
        for name in sorted(names):
            shared, others = judge(root / name)
            beyond.update(set(others))
            if expected[name]["valid"] != (not shared):
                answer = ("valid" if expected[name]["valid"] else
                          "loaded, logging an error" if expected[name].get("loaded") else "invalid")
                disagreements.append({"item": name, "expected": f"{answer} ({expected[name]['error']})",
                                      "actual": ", ".join(sorted(set(shared))) or "valid",
                                      "reason": "check_urdf and RB-URDF-001/002 R1 differ"})
        results.append({"corpus": f"urdf {group}", "total": len(names), "agree": len(names) - len(disagreements),
                        "disagreements": disagreements, "beyond_urdfdom": dict(sorted(beyond.items()))})
    return results


if __name__ == "__main__":
    root = corpus()
    if root is None:
        sys.exit("set CONFORMANCE_ROBOT_CORPORA to the corpus folder (see this script's docstring)")
    if "--record" in sys.argv:
        record(root)
    found = measure()
    print(json.dumps(found, indent=1) if "--json" in sys.argv else "\n".join(
        f"{r['corpus']}: {r['agree']}/{r['total']}; files breaking rules urdfdom does not check: "
        f"{r['beyond_urdfdom']}" for r in found))
