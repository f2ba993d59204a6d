"""The seventieth reading of issue 76 (read70c), the robots clause (part h134-robots).

c1 (K5): RB-JOINT-003's check reads the robot description (to unwrap `continuous` joints by 2π) and is inconclusive
without one (``robots.no-description``), which neither its steps nor its 不确定 line said.
c2 (K5): RB-TRACK-002's check takes each joint's test motion from the description and is inconclusive without one
(``robots.motion-no-description``), which neither its steps nor its 不确定 line said.
c3 (X): RB-TRACK-002 dropped, unrecorded, joints whose command is not the test motion or with fewer than 50
controller-state messages (tests/areas/robots/test_tracker_unjudged_joints.py tests the check); its step 4 and
不确定 line now state both, as RB-TRACK-001's do.

The class test: every ``robots.*`` message a robots check raises as inconclusive, or records as a joint's reason for
being unjudged, has its condition in that case's 不确定 line, in Chinese and English. The keys are read from the
suite's tests (suites/robots/test_robots.py) and the helpers they call, so a new inconclusive outcome without its
condition in the case fails here.

Fails on a581be2cf."""

from __future__ import annotations

import ast
import re

import pytest

from tests.paths import ROOT

SUITE = ROOT / "suites" / "robots" / "test_robots.py"
AREA = ROOT / "src" / "conformance" / "areas" / "robots"

#: each key's condition as the 不确定 line states it: (zh pattern, en pattern)
CONDITIONS: dict[str, tuple[str, str]] = {
    "no-description": (r"机器人描述[^；，]{0,14}缺失或无法取得", r"robot's URDF description[^;,]{0,40} (?:is|are) missing"),
    "motion-no-description": (r"机器人描述[^；，]{0,14}缺失或无法取得",
                              r"robot's URDF description[^;,]{0,40} (?:is|are) missing"),
    "no-recording": (r"关节状态记录缺失或无法取得", r"joint-state recordings?[^;,]{0,10} (?:is|are) missing"),
    "recordings-empty": (r"文件为空或只有空行", r"empty files or blank lines only"),
    "recordings-unusable": (r"没有可供判定的关节状态消息", r"no joint-state message fit to judge"),
    "velocity-unjudged": (r"时间戳不递增", r"stamps do not increase"),
    "no-velocity": (r"没有关节在至少 10 个区间内同时报告位置与速度",
                    r"no joint reports position and velocity over at least 10 intervals"),
    "no-controller-states": (r"关节轨迹控制器状态记录缺失或无法取得",
                             r"controller-state record is missing or cannot be obtained"),
    "no-tracker-captures": (r"跟踪记录缺失", r"capture is missing"),
    "no-tracks": (r"没有关节具有至少 50 条控制器状态消息", r"no joint has at least 50 controller-state messages"),
    "tracks-too-few": (r"控制器状态消息少于 50 条", r"fewer than 50 controller-state messages"),
    "commands-too-few": (r"控制器状态消息少于 50 条", r"fewer than 50 controller-state messages"),
    "lag-unjudged": (r"滞后无法求出", r"lag cannot be taken"),
    "motion-undefined": (r"没有测试动作", r"has no test motion"),
    "motion-other": (r"所记录的指令不是测试动作", r"recorded command that is not the test motion"),
    "motion-short": (r"所记录的指令不是测试动作", r"recorded command that is not the test motion"),
    "tracker-no-instrument": (r"未声明带有扩展不确定度的仪器", r"declares no instrument with an expanded uncertainty"),
    "tracker-missing-joint": (r"未被跟踪", r"is not tracked"),
    "tracker-short": (r"每个周期不足 20 个跟踪帧", r"fewer than 20 tracker frames a cycle"),
}
#: keys that only carry the first unjudged joint's reason (the reasons are checked instead)
CARRIERS = {"motion-not-run", "tracker-unjudged"}
#: the reasons an area function gives for a joint it leaves unjudged
REASONS: dict[tuple[str, str], set[str]] = {
    ("tracking", "on_motion"): {"motion-undefined", "motion-other", "motion-short"},
    ("tracker", "judge"): {"motion-undefined", "commands-too-few", "tracker-missing-joint", "tracker-short"},
}
NOT_INCONCLUSIVE = {"NotApplicable", "note", "Finding"}


def _key(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name) and call.func.id == "msg" and call.args \
            and isinstance(call.args[0], ast.Constant) and str(call.args[0].value).startswith("robots."):
        return str(call.args[0].value).removeprefix("robots.")
    return None


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) \
        else ""


def _keys(node: ast.AST, functions: dict[str, ast.FunctionDef], report: bool = False) -> set[str]:
    """The message keys a function raises as inconclusive or records as a reason, with the helpers it calls."""
    found: set[str] = set()

    def walk(n: ast.AST, quiet: bool) -> None:
        if isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "report" and not report:
            for child in n.orelse:
                walk(child, quiet)
            return
        if isinstance(n, ast.Call):
            name = _name(n)
            quiet = quiet or name in NOT_INCONCLUSIVE
            key = _key(n)
            if key is not None and not quiet:
                found.add(key)
            if isinstance(n.func, ast.Name) and n.func.id in functions:
                with_report = any(k.arg == "report" and isinstance(k.value, ast.Constant) and k.value.value
                                  for k in n.keywords)
                found.update(_keys(functions[n.func.id], functions, with_report))
            if isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name):
                found.update(REASONS.get((n.func.value.id, n.func.attr), set()))
        for child in ast.iter_child_nodes(n):
            walk(child, quiet)

    for statement in node.body if isinstance(node, ast.FunctionDef) else [node]:
        walk(statement, False)
    return found


def _cases() -> dict[str, set[str]]:
    tree = ast.parse(SUITE.read_text(encoding="utf-8"))
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    cases: dict[str, set[str]] = {}
    for f in functions.values():
        for d in f.decorator_list:
            if isinstance(d, ast.Call) and _name(d) == "requirement":
                cases[str(d.args[0].value)] = _keys(f, functions) - CARRIERS  # type: ignore[attr-defined]
    return cases


CASES = _cases()


def _inconclusive(markdown: str, requirement: str, lead: str) -> str:
    section = re.search(rf"^### [\d.]+ {requirement} .*?(?=^#{{2,3}} )", markdown, re.S | re.M)
    assert section, requirement
    line = re.search(rf"{lead}[^|]*?(?=<br>|\s*\|)", section.group(0))
    assert line, requirement
    return line.group(0)


def test_the_suite_is_read():
    assert set(CASES) >= {"RB-JOINT-001", "RB-JOINT-002", "RB-JOINT-003", "RB-TRACK-001", "RB-TRACK-002"}
    assert {"no-description", "velocity-unjudged"} <= CASES["RB-JOINT-003"]
    assert {"motion-no-description", "motion-other", "commands-too-few", "tracker-no-instrument"} <= CASES["RB-TRACK-002"]
    for (module, _), reasons in REASONS.items():
        text = (AREA / f"{module}.py").read_text(encoding="utf-8")
        assert all(f'"robots.{r}"' in text for r in reasons if r != "motion-other"), module


@pytest.mark.parametrize("requirement", sorted(CASES))
def test_every_inconclusive_outcome_is_in_its_cases_inconclusive_line(requirement, zh_markdown, en_markdown):
    zh = _inconclusive(zh_markdown, requirement, "不确定：")
    en = _inconclusive(en_markdown, requirement, "Inconclusive: ")
    unknown = CASES[requirement] - set(CONDITIONS)
    assert not unknown, f"state the condition of {unknown} here and in {requirement}'s inconclusive line"
    missing = [(key, lang) for key in sorted(CASES[requirement])
               for lang, text, pattern in (("zh", zh, CONDITIONS[key][0]), ("en", en, CONDITIONS[key][1]))
               if not re.search(pattern, text)]
    assert missing == [], (zh, en)


def test_c1_rb_joint_003_reads_the_description_to_unwrap_continuous_joints(zh_markdown, en_markdown):
    section = re.search(r"^### [\d.]+ RB-JOINT-003 .*?(?=^#{2,3} )", zh_markdown, re.S | re.M)
    assert section and "2. 取得关节状态记录与机器人描述。" in section.group(0)
    assert "按 2π 展开" in section.group(0)
    section = re.search(r"^### [\d.]+ RB-JOINT-003 .*?(?=^#{2,3} )", en_markdown, re.S | re.M)
    assert section and "unwrapped by 2π" in section.group(0)


def test_c2_c3_rb_track_002_states_the_description_and_rb_track_001_step_4(zh_markdown, en_markdown):
    section = re.search(r"^### [\d.]+ RB-TRACK-002 .*?(?=^#{2,3} )", zh_markdown, re.S | re.M)
    assert section
    text = section.group(0)
    assert "由机器人描述中该关节的运动范围与速度限值求得" in text
    assert "按 RB‑TRACK‑001 第 4 步核对每个关节至少有 50 条控制器状态消息、其所记录的指令为测试动作" in text
    section = re.search(r"^### [\d.]+ RB-TRACK-002 .*?(?=^#{2,3} )", en_markdown, re.S | re.M)
    assert section and "as RB‑TRACK‑001 step 4 does, that each joint has at least 50 controller-state messages" \
        in section.group(0)
