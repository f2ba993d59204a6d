"""The seventy-fifth reading of issue 76, part h141-ident.

b1: AS-MINOR-003 and AS-MINOR-004 opened ``Session(targets, identity_path)`` only for its registry object, so their
checks provisioned two identities (body ``{}``) that no step names and never used them, and a refusal ended the case
不确定 before a play session or a payment was probed; they now build the ``Registry`` alone. AS-RATING-003's step 1
sets up one test identity, the probe contents' holder, and its check opened two; it now opens one. Its step 2 said
「开通身份」 and listed seven ages for the six identities the check provisions (the one who turns 16 on 3 January is
read on the day before and on the day); it now lists the six. The class (the seventy-fourth reading's b1, whose test
went over the interfaces suite alone): for each case of every suite whose steps say how many identities are set up,
the number matches the identities its check provisions. Extended to the assets and identity suites it found two more:
AS-TRADE-009 (its steps set up A and the linked B; the check's ``Trade`` opened A and a buyer never used) and
AS-TRADE-010 (its step 6 sets up one further identity C; the check opened a second ``Trade``, C and a buyer never
used). Both now open only the identities their steps name.

Fails on af70da852."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conformance.areas._shared.registry import Session
from conformance.reference.server import serve
from tests.areas.failing_query import verdicts
from tests.conftest import manifest_for
from tests.drafting.test_reading_seventyfourth_h139_udp import _PHRASES as IF_PHRASES
from tests.drafting.test_reading_seventyfourth_h139_udp import Provisions, _set_ups, _steps
from tests.drafting.test_spec_sixteenth_reading import _cases

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "suites"
DEFAULT = inspect.signature(Session).parameters["count"].default
#: what a provisioning call opens: a literal count (the argument at this position or ``count=``), or one identity
COUNTED = {"Session": (2, DEFAULT), "provisioned": (2, None), "provision": (2, None)}
ONE = {"linked_identity", "provision_linked", "minor_identity", "verified_identity", "unverified_identity"}
#: the cases this part fixed
FIXED = ("AS-MINOR-003", "AS-MINOR-004", "AS-RATING-003", "AS-TRADE-009", "AS-TRADE-010")
#: calls an argument may hold and still be evaluated (no request is ever sent while reading)
_PURE_CALLS = {"items", "keys", "values", "len", "max", "min"}


# --- the check's side ---------------------------------------------------------------------------------------------

def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_h141_{path.parent.name}_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass of the module looks itself up there
    spec.loader.exec_module(module)
    return module


def _value(node: ast.expr | None, env: dict[str, Any], module: ModuleType) -> Any:
    """``node``'s value from literals, the module's names and the bound parameters; None when it needs more."""
    if node is None:
        return None
    for call in (c for c in ast.walk(node) if isinstance(c, ast.Call)):
        if (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) not in _PURE_CALLS:
            return None
    try:
        return eval(compile(ast.Expression(node), "<step>", "eval"), vars(module), dict(env))  # noqa: S307
    except Exception:  # a name the reading cannot bind (a target, a parameter of the run)
        return None


def _argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    found = next((k.value for k in call.keywords if k.arg == name), None)
    return found if found is not None or len(call.args) <= position else call.args[position]


def _bind(function: ast.FunctionDef, call: ast.Call, env: dict[str, Any], module: ModuleType,
          method: bool) -> dict[str, Any]:
    """The helper's parameters bound to the caller's arguments (or their defaults) that can be evaluated."""
    names = [a.arg for a in function.args.args][1 if method else 0:]
    defaults = dict(zip(reversed(names), reversed(function.args.defaults), strict=False))
    bound: dict[str, Any] = {}
    for position, name in enumerate(names):
        given = _argument(call, position, name)
        value = _value(given, env, module) if given is not None else _value(defaults.get(name), {}, module)
        if value is not None:
            bound[name] = value
    return bound


def _opened(call: ast.Call, env: dict[str, Any], module: ModuleType, set_ups: dict[str, int | None]) -> Any:
    """The identities one call provisions (None: not read), or False when it is no provisioning call."""
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
    if name in COUNTED:
        position, default = COUNTED[name]
        given = _argument(call, position, "count")
        value = _value(given, env, module) if given is not None else default
        return value if isinstance(value, int) else None
    if name in ONE:
        return 1
    return set_ups.get(name, False)


def _listed(node: ast.expr, env: dict[str, Any]) -> bool:
    """A comprehension's items are identities listed here: a literal display, or (the items of) a parameter the caller
    bound (AS-MINOR-003's births). One over a module's platform roles provisions "at each platform", as a loop does
    and as the steps count it (IF-SCN-001: 「在两个平台上各……开通一个测试身份」)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
        node = node.func.value
    return isinstance(node, (ast.Tuple, ast.List, ast.Dict, ast.Set)) or (isinstance(node, ast.Name) and node.id in env)


def _walk(node: ast.AST, env: dict[str, Any], context: tuple[ModuleType, dict[str, Any], dict[str, int | None]],
          times: int | None, seen: tuple[str, ...], counts: list[int | None]) -> None:
    """Each provisioning call under ``node``, ``times`` over (a comprehension's items); module helpers and the
    classes the module defines followed with their parameters bound."""
    module, helpers, set_ups = context
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        for generator in node.generators:  # over items the caller or the helper lists, not over the platforms
            _walk(generator.iter, env, context, times, seen, counts)  # IF-TDX-001: next(i for i in Session(...).ids)
            if _listed(generator.iter, env):
                items = _value(generator.iter, env, module)
                times = times * len(list(items)) if times is not None and items is not None else None
        for part in (getattr(node, "elt", None), getattr(node, "key", None), getattr(node, "value", None)):
            if part is not None:
                _walk(part, env, context, times, seen, counts)
        return
    if isinstance(node, ast.Call):
        opened = _opened(node, env, module, set_ups)
        if opened is not False:
            counts.append(opened * times if opened is not None and times is not None else None)
        callee = getattr(node.func, "id", "")
        if callee in helpers and callee not in seen:
            target, method = helpers[callee]
            _walk(target, _bind(target, node, env, module, method), context, times, (*seen, callee), counts)
    for child in ast.iter_child_nodes(node):
        _walk(child, env, context, times, seen, counts)


def _checks_open() -> dict[str, list[int | None]]:
    """Requirement ID -> the identities each provisioning call of its check opens, over every suite."""
    set_ups, found = _set_ups(), {}
    for path in sorted(SUITES.glob("*/test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers: dict[str, Any] = {f.name: (f, False) for f in tree.body if isinstance(f, ast.FunctionDef)}
        helpers.update({c.name: (init, True) for c in tree.body if isinstance(c, ast.ClassDef)
                        for init in c.body if isinstance(init, ast.FunctionDef) and init.name == "__init__"})
        module = None
        for function, _ in list(helpers.values()):
            marks = [m.args[0].value for m in function.decorator_list  # type: ignore[attr-defined]
                     if isinstance(m, ast.Call) and getattr(m.func, "attr", "") == "requirement"]
            if not marks:
                continue
            module = module or _module(path)
            counts: list[int | None] = []
            for statement in function.body:
                _walk(statement, {}, (module, helpers, set_ups), 1, (function.name,), counts)
            found.update(dict.fromkeys(marks, counts))
    return found


# --- the steps' side ----------------------------------------------------------------------------------------------

_NUMBERS = {"一": 1, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_PHRASES = (
    *IF_PHRASES,
    (re.compile(r"开通卖方与买方两个测试身份"), lambda m: 2),
    (re.compile(r"开通测试身份 [A-Z]\d? 与不关联的身份 [A-Z]\d?"), lambda m: 2),
    (re.compile(r"请求同一用户的另一身份|开通一个不关联的身份"), lambda m: 1),
    (re.compile(r"开通([两三四五六七])名"), lambda m: _NUMBERS[m.group(1)]),
    (re.compile(r"另开通一名"), lambda m: 1),
    (re.compile(r"((?:\d+、)*\d+(?: 与 \d+)?) 周岁(?:（[^）]*）)?的未成年人各一名"),
     lambda m: len(re.findall(r"\d+", m.group(1)))),
    (re.compile(r"一名成年人|一名于 \d{4} 年 \d+ 月 \d+ 日满 \d+ 周岁者"), lambda m: 1),
)
_UNCOUNTED = re.compile(r"开通(?:测试)?身份(?=[，；。（]|$)")
#: a step set up "as step n of X does", what it restates of that set-up (counted once: the referred step's)
_REFERENCE = re.compile(r"按 ([A-Z]+-[A-Z]+-\d+) ?的?第 (\d+) 步(?:、第 (\d+) 步)?[^，；。]*")


def _phrases(text: str) -> list[int]:
    """The identities each set-up phrase of a step provisions: the text from its first 开通 on."""
    text = text[text.find("开通"):] if "开通" in text else ""
    return [count(m) for pattern, count in _PHRASES for m in pattern.finditer(text)]


def _said(cases: dict[str, str], case: str, step: int | None = None, depth: int = 0) -> list[int]:
    """The identities ``case``'s steps (or its step ``step``) set up, a referred step's counted where one sets up "as
    step n of X does"."""
    counts: list[int] = []
    for number, text in enumerate(_steps(cases, case), 1):
        if step is not None and number != step:
            continue
        for ref in _REFERENCE.finditer(text):
            for n in filter(None, (ref.group(2), ref.group(3))):
                counts += _said(cases, ref.group(1), int(n), depth + 1) if depth < 3 and ref.group(1) in cases else []
        counts += _phrases(_REFERENCE.sub("", text))
    return counts


@pytest.fixture(scope="module")
def cases(zh_markdown: str) -> dict[str, str]:
    return {k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}


def test_b1_each_check_opens_as_many_identities_as_its_steps_set_up(cases):
    """Before: AS-MINOR-003 and -004 set up 9 and 5 identities and opened 11 and 7 (two more for a registry object);
    AS-RATING-003 said one and one bare 「开通身份」 and opened 2 and 6; AS-TRADE-009 said 2 and opened 3; AS-TRADE-010
    said 4 and opened 5. A step names identities one by one or in a list, a check opens them in one call or one by
    one: the totals are compared."""
    checks, compared, wrong = _checks_open(), [], []
    for case in sorted(c for c in checks if c in cases):
        opened, said = checks[case], _said(cases, case)
        if not said or not opened or None in opened:  # nothing said, or not read mechanically: not compared
            continue
        compared.append(case)
        if sum(said) != sum(opened):  # type: ignore[arg-type]
            wrong.append(f"{case}: the steps set up {said} = {sum(said)}, the check opens {opened}")
    assert not wrong, wrong
    assert set(FIXED) | {"ID-REG-002", "AS-REG-007", "AS-TRADE-011", "IF-UDP-007"} <= set(compared), compared
    assert len([c for c in compared if c.startswith("AS-")]) >= 18, compared
    assert len(compared) >= 50, compared


def test_b1_no_step_provisions_identities_without_saying_how_many(cases):
    """Before: AS-RATING-003's step 2 said 「开通身份」 and seven ages for six identities."""
    bare = [case for case in cases for step in _steps(cases, case) if _UNCOUNTED.search(step)]
    assert not bare, bare


def test_as_rating_003_step_2_lists_the_six_identities_the_check_provisions(cases):
    step = _steps(cases, "AS-RATING-003")[1]
    assert "7、10、14 与 17 周岁的未成年人各一名、一名于 2026 年 1 月 3 日满 16 周岁者，以及一名成年人" in step, step
    assert sum(_phrases(step)) == 6, _phrases(step)


@pytest.mark.parametrize(("case", "profile", "expected"), [
    ("AS-MINOR-003", "asset-minors", 9), ("AS-MINOR-004", "asset-minors", 5), ("AS-RATING-003", "asset-minors", 7),
    ("AS-TRADE-009", "asset-trading", 2), ("AS-TRADE-010", "asset-trading", 4)])
def test_b1_the_checks_provision_the_identities_their_steps_name(case, profile, expected, run_manifest, catalog):
    """Against the reference, counting ``POST /test-identities``. Before: 11, 7, 8, 3 and 5."""
    app = Provisions()
    with serve(app) as url:
        result = run_manifest(manifest_for(catalog, profile, base_urls={"api": url}), requirements=[case])
    assert verdicts(result, [case])[case] == "pass", verdicts(result, [case])
    assert app.count == expected, (case, app.count)
