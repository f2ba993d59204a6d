"""The seventy-fourth reading of issue 76, part h139-udp.

b1: IF-UDP-007 (and -008 to -011, which refer to its step 1) say one test identity is set up at each platform, but
their checks used ``userplatform.platform()``, which opens ``Session(count=2)`` and makes two users, the subject and
another user, each with a profile and two assets: a refusal for the second ended the case 不确定 for an identity the
steps never name. The checks read the subject alone, so they now make one user (``subject_platform``), as IF-BIO-001's
``enrolling_platform`` does; IF-UDP-006 (the same set-up, its step naming the subject only) too. The class: for each
interfaces case whose steps say how many identities are set up, the count matches the identities its check opens, as
far as can be read mechanically (the steps' phrases; the check's ``Session``/``provisioned`` calls and the userplatform
set-ups it calls); the importers of IF-UDP-005, IF-TDX-001 and IF-IOP-002, which open two identities to take the first
whose DID is not the holder's, said one, and now say two. No step provisions identities without saying how many.

Doubtful items of section 3: AS-REG-007's 不通过 line names the two failures its check reports that it left out (a
refusal without RFC 9457 problem details; the anonymous read not answered 200); IF-ROB-001's step 2 no longer says that
every operation is probed beside the sentences on the operations that are not.

Fails on db9559929."""

from __future__ import annotations

import ast
import inspect
import re
from collections import Counter
from pathlib import Path
from typing import Any

from conformance.areas._shared.registry import Session
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import verdicts
from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "suites" / "interfaces"
USERPLATFORM = ROOT / "src" / "conformance" / "areas" / "interfaces" / "userplatform.py"
PROVISION = "/test-identities"
#: the cases this part fixed (b1) and the two the brief names as the class's measure
ONE_USER = ("IF-UDP-006", "IF-UDP-007", "IF-UDP-008", "IF-UDP-009", "IF-UDP-010", "IF-UDP-011")
NAMED = (*ONE_USER[1:], "IF-UDP-004", "IF-BIO-001")
IMPORTERS = ("IF-UDP-005", "IF-TDX-001", "IF-IOP-002")


# --- the check's side: how many identities each provisioning call opens ----------------------------------------------

def _literal_count(call: ast.Call, position: int, default: int | None) -> int | None:
    """The ``count`` a call passes (keyword, or the argument at ``position``), when it is a literal."""
    node = next((k.value for k in call.keywords if k.arg == "count"), None)
    if node is None and len(call.args) > position:
        node = call.args[position]
    if node is None:
        return default
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, int) else None


def _set_ups() -> dict[str, int | None]:
    """Each userplatform function that opens a Session -> the identities it opens."""
    tree = ast.parse(USERPLATFORM.read_text(encoding="utf-8"))
    found: dict[str, int | None] = {}
    default = inspect.signature(Session).parameters["count"].default
    for function in tree.body:
        if isinstance(function, ast.FunctionDef):
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Session":
                    found[function.name] = _literal_count(call, 2, default)
    return found


def _opened(call: ast.Call, set_ups: dict[str, int | None]) -> int | None | bool:
    """The identities one call opens (None: not a literal), or False when it provisions none."""
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
    if name == "Session":
        return _literal_count(call, 2, inspect.signature(Session).parameters["count"].default)
    if name in ("provisioned", "provision"):
        return _literal_count(call, 2, None)
    if name in ("linked_identity", "provision_linked"):
        return 1
    if name in set_ups:
        return set_ups[name]
    return False


def _checks_open() -> dict[str, list[int | None]]:
    """Requirement ID -> the identities each provisioning call of its check opens (module helpers followed)."""
    set_ups, found = _set_ups(), {}
    for module in sorted(SUITES.glob("test_*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        helpers = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        for function in helpers.values():
            marks = [m.args[0].value for m in function.decorator_list  # type: ignore[attr-defined]
                     if isinstance(m, ast.Call) and getattr(m.func, "attr", "") == "requirement"]
            if not marks:
                continue
            counts: list[int | None] = []
            todo, seen = [function], set()
            while todo:
                current = todo.pop()
                if current.name in seen:
                    continue
                seen.add(current.name)
                for call in (c for c in ast.walk(current) if isinstance(c, ast.Call)):
                    opened = _opened(call, set_ups)
                    if opened is not False:
                        counts.append(opened)  # type: ignore[arg-type]
                    callee = getattr(call.func, "id", "")
                    if callee in helpers and callee != function.name:
                        todo.append(helpers[callee])
            for mark in marks:
                found[mark] = counts
    return found


# --- the steps' side: how many identities each set-up phrase provisions -----------------------------------------------

_NUMBERS = {"一": 1, "两": 2, "三": 3, "四": 4}
_PHRASES = (
    (re.compile(r"开通([一两三四])个(?:测试)?身份"), lambda m: _NUMBERS[m.group(1)]),
    (re.compile(r"开通测试身份 [A-Z]\d? 与 [A-Z]\d?"), lambda m: 2),
    (re.compile(r"开通测试身份 [A-Z]\d?(?![\d 与])"), lambda m: 1),
    (re.compile(r"开通主体与另一用户"), lambda m: 2),
    (re.compile(r"开通主体(?!与)"), lambda m: 1),
    (re.compile(r"开通另一身份|取得与之关联的身份|开通与 \S+ 关联的新身份"), lambda m: 1),
)
#: a step that provisions identities without saying how many
_UNCOUNTED = re.compile(r"开通测试身份(?=[，；。（]|$)")
_REFERENCE = re.compile(r"按 (IF-[A-Z]+-\d+) ?的?第 (\d+) 步(?:、第 (\d+) 步)?([^，；。]*)")


def _steps(cases: dict[str, str], case: str) -> list[str]:
    row = _row(cases[case], "测试步骤").replace("‑", "-")
    return [re.sub(r"^\d+\. ", "", step) for step in row.split("<br>")]


def _phrases(text: str) -> list[int]:
    return [count(m) for pattern, count in _PHRASES for m in pattern.finditer(text)]


def _said(cases: dict[str, str], case: str, step: int | None = None, depth: int = 0) -> tuple[list[int], list[str]]:
    """The identities each set-up phrase of ``case``'s steps (or of its step ``step``) provisions, a referred step's
    own counted where the step sets up "as step n of X does", and the disagreements found on the way: a reference
    restating what it provisions otherwise than the step it refers to does."""
    counts: list[int] = []
    problems: list[str] = []
    steps = _steps(cases, case)
    for number, text in enumerate(steps, 1):
        if step is not None and number != step:
            continue
        for ref in _REFERENCE.finditer(text):
            inherited: list[int] = []
            for n in filter(None, (ref.group(2), ref.group(3))):
                got, bad = _said(cases, ref.group(1), int(n), depth + 1) if depth < 3 else ([], [])
                inherited += got
                problems += bad
            restated = _phrases(ref.group(4))
            if restated and sorted(restated) != sorted(inherited):
                problems.append(f"{case} step {number}: {ref.group(0)!r} says {restated}, {ref.group(1)} {inherited}")
            counts += inherited
        counts += _phrases(_REFERENCE.sub("", text))
    return counts, problems


def test_b1_each_check_opens_as_many_identities_as_its_steps_set_up(zh_markdown):
    """Before: IF-UDP-007, -009, -010 and -011 said one identity (or did not say) and opened two; -008 referred to
    -007's one; -006 said it provisions the subject and opened the subject and another user; the importers of IF-UDP-005,
    IF-TDX-001 and IF-IOP-002 said one and opened two."""
    cases = {k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}
    checks, compared, wrong = _checks_open(), [], []
    for case in sorted(c for c in checks if c in cases):
        opened = checks[case]
        said, problems = _said(cases, case)
        wrong += problems
        if not said or not opened or None in opened:  # nothing said, or not read mechanically: not compared
            continue
        compared.append(case)
        if Counter(said) != Counter(opened):
            wrong.append(f"{case}: the steps set up {sorted(said)}, the check opens {sorted(opened)}")
    assert not wrong, wrong
    assert set(NAMED) | set(IMPORTERS) | {"IF-UDP-006"} <= set(compared), compared
    assert len(compared) >= 30, compared


def test_b1_no_step_provisions_identities_without_saying_how_many(zh_markdown):
    """Before: IF-UDP-009, -010 and -011 said 「开通测试身份」, no number, no names."""
    cases = {k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}
    bare = [case for case in cases if case.startswith("IF-")
            for step in _steps(cases, case) if _UNCOUNTED.search(step)]
    assert not bare, bare


class Provisions:
    """The reference, counting the identities it provisions (``POST /test-identities``)."""

    def __init__(self) -> None:
        self.app, self.count = create_app(), 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == PROVISION:
            self.count += 1
        await self.app(scope, receive, send)


def test_b1_the_one_user_checks_provision_one_identity_at_each_platform(run_manifest, catalog):
    """Before: two at each platform for each of these cases; IF-UDP-004, which asks as the other user, still two."""
    opened = {}
    for case in (*ONE_USER, "IF-UDP-004"):
        a, b = Provisions(), Provisions()
        with serve(a) as url_a, serve(b) as url_b:
            manifest = manifest_for(catalog, "data-portability", base_urls={"api": url_a, "api_b": url_b})
            result = run_manifest(manifest, requirements=[case])
        assert verdicts(result, [case])[case] in ("pass", "not_applicable"), (case, verdicts(result, [case]))
        opened[case] = (a.count, b.count)
    assert opened == {**dict.fromkeys(ONE_USER, (1, 1)), "IF-UDP-004": (2, 2)}, opened


def test_as_reg_007_fail_line_names_every_failure_its_check_reports(zh_markdown, en_markdown):
    """Section 3: the check (``registry.expect``) fails a refusal that is not RFC 9457 problem details and an anonymous
    ``GET /assets/{asset_id}`` not answered 200; the 不通过 line named neither."""
    zh = _verdict_lines({k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}["AS-REG-007"], "zh")["不通过"]
    en = _verdict_lines({k.replace("‑", "-"): v for k, v in _cases(en_markdown).items()}["AS-REG-007"], "en")["Fail"]
    assert "拒绝的应答不是 RFC 9457 问题详情" in zh and "不带令牌读取该资产未得到 200" in zh, zh
    assert "a refusal is not RFC 9457 problem details" in en and "is not answered 200" in en, en


def test_if_rob_001_step_2_does_not_say_every_operation_is_probed(zh_markdown, en_markdown):
    """Section 3: step 2 ended its parenthesis with 「因而每个操作都得到探测」 beside the operations it then says are not
    probed (undeclared, or a declared path with a parameter the case cannot fill)."""
    zh = _steps({k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}, "IF-ROB-001")[1]
    en = _row({k.replace("‑", "-"): v for k, v in _cases(en_markdown).items()}["IF-ROB-001"], "Test procedure")
    en = en.split("<br>")[1]
    assert "每个操作都得到探测" not in zh and "因而每个操作的契约路径都能填充" in zh, zh
    assert "so every such operation is probed" not in en and "so every such operation's contract path can be filled" in en
