"""The seventy-third reading of issue 76 (read73c), TD-CAM-002's uncovered hold (part h137-cam).

c3 (X): TD-CAM-002 only counted, in a note, a hold whose measurement part (20 % to 95 % of it) fewer than 10 camera
frames cover, so the case passed with a declared board place never measured; its step 3 said such a hold "is not
measured and is counted" and its 不确定 line named only a stream with no hold measured. TD-DEPTH-002 and TD-RADAR-002
(thirty-eighth reading, c11) and TD-TACT-002/-005 (c16) record such a hold unjudged. Now TD-CAM-002 does too
(`terminal.camera-holds-uncovered`, 1.4.0; tests/areas/terminal/test_camera.py drops the camera's frames of one
hold), and its step 3, 通过 and 不确定 lines read as TD-DEPTH-002's.

The class tests: every terminal check whose measurement counts holds too few frames cover (a result type with an
`uncovered` field) records them through `evidence.unjudged`; every rendered case whose step leaves such a hold
unmeasured says it is recorded unjudged, the result at best 不确定, and its 不确定 line names the hold.

Fails on bb7a364bd."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AREA = ROOT / "src" / "conformance" / "areas" / "terminal"
SUITE = ROOT / "suites" / "terminal"
RID = "TD-CAM-002"
UNJUDGED = "记为未判定，结果至多为不确定"


def _counts_uncovered(module: Path) -> bool:
    """The module declares a result type holding a count of holds (or windows) too few frames cover."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.ClassDef) and any(
        isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id == "uncovered"
        for item in node.body) for node in ast.walk(tree))


def _records_unjudged(tree: ast.Module) -> bool:
    """Some ``if <result>.uncovered:`` in the suite file calls ``evidence.unjudged`` in its body."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Attribute) and node.test.attr == "uncovered":
            calls = [c for part in node.body for c in ast.walk(part) if isinstance(c, ast.Call)]
            if any(isinstance(c.func, ast.Attribute) and c.func.attr == "unjudged" for c in calls):
                return True
    return False


def _importers(module: str) -> list[tuple[Path, ast.Module]]:
    found = []
    for path in sorted(SUITE.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.ImportFrom) and n.module == f"conformance.areas.terminal.{module}"
               for n in ast.walk(tree)):
            found.append((path, tree))
    return found


def test_c3_class_every_check_counting_uncovered_holds_records_them_unjudged():
    modules = [p.stem for p in sorted(AREA.glob("*.py")) if _counts_uncovered(p)]
    assert {"camera", "depth", "radar", "tactile"} <= set(modules), modules
    missing = []
    for module in modules:
        # the suite files that measure with this module and read the count
        readers = [(path, tree) for path, tree in _importers(module) if ".uncovered" in path.read_text("utf-8")]
        assert readers, module
        missing += [f"{path.name} ({module})" for path, tree in readers if not _records_unjudged(tree)]
    assert not missing, missing


def _case(markdown: str, rid: str) -> str:
    head = re.search(rf"^### [\d.]+ {re.escape(rid)} .*$", markdown, re.M)
    assert head is not None, rid
    rest = markdown[head.end():]
    nxt = re.search(r"^#{2,3} ", rest, re.M)
    return rest[:nxt.start()] if nxt else rest


def _row(case: str, label: str) -> str:
    row = next((line for line in case.splitlines() if line.startswith(f"| {label} |")), None)
    assert row is not None, label
    return row


def _cases(markdown: str) -> list[tuple[str, str]]:
    """Each terminal test case of the draft: its ID and its text up to the next heading."""
    return [(rid, _case(markdown, rid)) for rid in re.findall(r"^### [\d.]+ (TD-[A-Z]+-\d+) ", markdown, re.M)]


def test_c3_class_a_hold_left_unmeasured_for_too_few_frames_is_unjudged_in_every_step(zh_markdown):
    skipping = re.compile(r"少于[^；。<]*?的保持段不予测量([^；。<]*)")
    found, wrong = [], []
    for rid, case in _cases(zh_markdown):
        step = _row(case, "测试步骤")
        for m in skipping.finditer(step):
            found.append(rid)
            if not m.group(1).startswith("，" + UNJUDGED):
                wrong.append(f"{rid}: step {m.group(0)}")
            if not re.search(r"不确定：[^|]*某个保持段[^；。|]*少于[^；。|]*而无法测量", _row(case, "判定准则")):
                wrong.append(f"{rid}: 不确定 line names no hold too few frames cover")
    assert {"TD-CAM-002", "TD-DEPTH-002", "TD-RADAR-002", "TD-TACT-002", "TD-TACT-005"} <= set(found), found
    assert not wrong, wrong


def test_c3_the_camera_case_reads_as_the_depth_case(zh_markdown, en_markdown):
    case = _case(zh_markdown, RID)
    step = _row(case, "测试步骤")
    assert "内少于 10 个相机帧的保持段不予测量，" + UNJUDGED in step, step
    assert "不予测量并计数" not in step, step
    verdict = _row(case, "判定准则")
    assert "其每个保持段均得到测量，且每个位置均满足 R1 与 R2" in verdict, verdict
    assert "其测得的每个位置" not in verdict, verdict
    assert "某个保持段的测量段（第 5 步的 20% 至 95% 段）内少于 10 个相机帧而无法测量" in verdict, verdict
    en = _case(en_markdown, RID)
    en_step = _row(en, "Test steps") if "| Test steps |" in en else en
    assert "is not measured and is recorded unjudged, the result being at best inconclusive" in en_step, en_step
    assert "is not measured and is counted" not in en
    assert "each of its holds is measured, every place meets R1 and R2" in en
    assert "a hold has fewer than 10 camera frames from 20 % to 95 % of it (its measurement part, step 5)" in en
