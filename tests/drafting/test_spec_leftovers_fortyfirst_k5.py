"""The forty-first reading of issue 76, part h94-k5 (docs/drafting.md, "Forty-first reading, part h94-k5"): 不适用
and 不确定 lines that fit their case, and verdicts the cases left out. Each test fails on the draft or the harness as
they were before these fixes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conformance.areas.interfaces import userplatform
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
_USER_DATA_SUITES = ("test_user_data.py", "test_user_rights.py", "test_user_habits.py", "test_trusted_exchange.py")
#: the set-ups of userplatform and the user_data paths each declares it calls
_SET_UPS = {"platform": userplatform.USER_PATHS, "subject_platform": userplatform.USER_PATHS,
            "enrolling_platform": userplatform.ENROLLING_PATHS}


def _paths_called(function: ast.FunctionDef) -> set[str]:
    """The ``user_data`` paths a check needs declared: those of the set-ups it calls, and those it passes
    ``userdata.declaration`` itself (a literal tuple or a set-up's constant)."""
    called: set[str] = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in _SET_UPS:
            called |= set(_SET_UPS[name])
        elif name == "declaration" and getattr(node.func.value, "id", None) == "userdata":  # type: ignore[attr-defined]
            paths = node.args[1]
            called |= ({ast.literal_eval(e) for e in paths.elts} if isinstance(paths, ast.Tuple)
                       else set(getattr(userplatform, paths.id)))  # type: ignore[attr-defined]
    return called


def _checks_paths() -> dict[str, set[str]]:
    """Requirement ID -> the user_data paths its check needs declared, over the user-data suite modules."""
    found: dict[str, set[str]] = {}
    for name in _USER_DATA_SUITES:
        tree = ast.parse((ROOT / "suites" / "interfaces" / name).read_text(encoding="utf-8"))
        helpers = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        for function in helpers.values():
            for mark in function.decorator_list:
                if isinstance(mark, ast.Call) and getattr(mark.func, "attr", "") == "requirement":
                    paths = _paths_called(function)
                    for callee in {getattr(c.func, "id", "") for c in ast.walk(function) if isinstance(c, ast.Call)}:
                        if callee in helpers and callee != function.name:  # a module helper the check calls
                            paths |= _paths_called(helpers[callee])
                    found[mark.args[0].value] = paths  # type: ignore[attr-defined]
    return found


def test_b11_each_case_names_the_user_data_paths_its_check_needs_and_no_other(zh_markdown, en_markdown):
    """Row b11: fifteen cases named `user_data`'s `profile`, `export` and `import` paths in one template sentence,
    and their checks needed all three, though thirteen never call `import` (IF-BIO-001 not `profile` either)."""
    checks = _checks_paths()
    assert len(checks) == 15, sorted(checks)
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for case, paths in checks.items():
        zh = re.search(r"未声明 `user_data` 的 (.*?) 路径", _verdict_lines(zh_cases[case], "zh")["不确定"])
        en = re.search(r"does not declare `user_data` with its (.*?) paths?\b",
                       _verdict_lines(en_cases[case], "en")["Inconclusive"])
        assert zh and en, case
        assert set(re.findall(r"`(\w+)`", zh.group(1))) == paths, (case, zh.group(1), paths)
        assert set(re.findall(r"`(\w+)`", en.group(1))) == paths, (case, en.group(1), paths)
    assert checks["IF-UDP-009"] == {"profile", "export"} and checks["IF-BIO-001"] == {"export"}
    assert checks["IF-UDP-005"] == checks["IF-TDX-001"] == {"profile", "export", "import"}


def test_b11_bx5_if_udp_009_gives_the_fail_of_an_undeclared_or_unanswered_deletion(catalog, zh_markdown, en_markdown):
    """Rows b11 and bx5: no line of IF-UDP-009 gave a verdict for an undeclared `user_data.delete` path or a
    deletion not answered 204, though the check records a fail under R1 for both; R1 spoke only of after a 204."""
    (r1,) = [rule for rule in catalog.requirement("IF-UDP-009").rules if rule.id == "R1"]
    assert r1.zh.startswith("在声明的 user_data.delete 路径上请求的删除应以 204 响应"), r1.zh
    assert r1.en.startswith("A deletion requested at the declared user_data.delete path MUST be answered 204"), r1.en
    zh = _row(_cases(zh_markdown)["IF-UDP-009"], "测试步骤").split("<br>")[1]
    assert "未声明该路径" in zh and "未以附录 D 所给的 204 应答时，记录“不通过”（规则 R1）" in zh, zh
    en = _row(_cases(en_markdown)["IF-UDP-009"], "Test procedure").split("<br>")[1]
    assert "declares no such path" in en and "not answered annex D's 204, record \"fail\" (rule R1)" in en, en


def test_c14_a_refusal_of_the_declared_render_interface_fails_and_only_an_unreachable_address_is_inconclusive(
        zh_markdown, en_markdown):
    """Row c14: SC-RENDER-001 to -003 were inconclusive on a refusal or a server error of the platform's own rendering
    interface, which SC-RENDER-004 fails; the check raised Inconclusive on any status other than 200."""
    for case in ("SC-RENDER-001", "SC-RENDER-002", "SC-RENDER-003", "SC-RENDER-004"):
        zh, en = _verdict_lines(_cases(zh_markdown)[case], "zh"), _verdict_lines(_cases(en_markdown)[case], "en")
        assert "拒绝" not in zh["不确定"] and "服务器错误" not in zh["不确定"], case
        assert "refus" not in en["Inconclusive"] and "server error" not in en["Inconclusive"], case
        if case != "SC-RENDER-004":
            assert "渲染接口以 200 以外的状态应答" in zh["不通过"] and "连接失败" in zh["不确定"], case
            assert "answers a status other than 200" in en["Fail"] or "with a status other than 200" in en["Fail"], case
    source = (ROOT / "suites" / "scenes" / "test_cloud_rendering.py").read_text(encoding="utf-8")
    assert 'raise Inconclusive(msg("scenes.render-refused"' not in source
