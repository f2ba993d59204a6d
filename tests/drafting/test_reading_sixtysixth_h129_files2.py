"""The sixty-sixth reading of issue 76, part h129-files2: b4 (read66b), the rest of the class. ``FileAdapter.documents()``
records a supplied file that does not parse as a finding of the running case, so every case whose check reads through
it fails on such a file; the fail line of each now names it (procedures key ``unparsed_fails``), the data products'
cases among them (their JSON-LD that cannot be processed stays unjudged, ``unparsed_unjudged``, where they read it).
The cases are computed from the suites' code by a call graph, not listed. The runtime cases read the descriptors on
each test (a descriptor that did not parse failed only the test holding the dialogue). Each test fails on the
branch's base (a2a7afda7)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conformance.drafting.unparsed import refused
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

ROOT = Path(__file__).resolve().parents[2]
_UNPARSED_ZH = re.compile(r"无法按其格式解析|无法以 JSON 读取|无法解析|不能按 RFC 8259 解析")
_UNPARSED_EN = re.compile(r"cannot be parsed in its format|cannot be read as JSON|does not parse|cannot be parsed")


def _reading_through_documents() -> set[str]:
    """The requirement IDs whose checks call ``.documents(...)``, directly or through functions of suites/ and areas/
    (a call graph by name: a callee is the function of that name in the same module if there is one, a name defined
    more than three times is not followed; a call within ``with discarding():`` is not followed)."""
    files = [*ROOT.glob("suites/*/*.py"), *ROOT.glob("src/conformance/areas/**/*.py")]
    calls: dict[tuple[str, str], set[tuple[str, str]]] = {}
    marks: dict[tuple[str, str], list[str]] = {}
    direct: set[tuple[str, str]] = set()
    byname: dict[str, list[tuple[str, str]]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            key, names = (str(path), node.name), set()
            # a call within ``with discarding():`` records nothing on the running case (AS-HIST's transfer rules)
            muted = {id(sub) for w in ast.walk(node) if isinstance(w, ast.With) and any(
                isinstance(i.context_expr, ast.Call) and isinstance(i.context_expr.func, ast.Name)
                and i.context_expr.func.id == "discarding" for i in w.items) for sub in ast.walk(w)}
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and id(sub) not in muted:
                    fn = sub.func
                    if isinstance(fn, ast.Attribute) and fn.attr == "documents":
                        direct.add(key)
                    elif isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name):
                        names.add(("attr", fn.attr))
                    elif isinstance(fn, ast.Name):
                        names.add(("name", fn.id))
                    names |= {("name", a.id) for a in sub.args if isinstance(a, ast.Name)}
            calls[key] = names
            byname.setdefault(node.name, []).append(key)
            for deco in node.decorator_list:
                for c in ast.walk(deco):
                    if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "requirement":
                        marks.setdefault(key, []).extend(str(a.value) for a in c.args if isinstance(a, ast.Constant))
    reach, changed = set(direct), True
    while changed:
        changed = False
        for key, names in calls.items():
            if key in reach:
                continue
            for kind, name in names:
                cands = byname.get(name, [])
                if kind == "name":
                    cands = [k for k in cands if k[0] == key[0]] or cands
                if len(cands) <= 3 and any(k in reach for k in cands):
                    reach.add(key)
                    changed = True
                    break
    return {rid for key, rids in marks.items() if key in reach for rid in rids}


def test_the_call_graph_finds_the_cases_of_the_finding():
    """The computed set holds the cases b4 and this part named (the graph is not empty by mistake)."""
    found = _reading_through_documents()
    assert {"AS-CONT-001", "AS-META-002", "ID-VC-004", "TD-RUN-005", "TD-OLF-006", "DP-LABEL-001"} <= found
    assert len(found) > 80


def test_every_case_reading_through_documents_names_an_unparsable_file_on_its_fail_line(zh_markdown, en_markdown):
    """b4, the class: every stable case whose check reads files through ``documents()`` names on 不通过 a supplied
    file that does not parse, since the file adapter fails it."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    missing = []
    for rid in sorted(_reading_through_documents()):
        if rid not in zh_cases:  # not in the draft (not stable)
            continue
        zh, en = _verdict_lines(zh_cases[rid], "zh"), _verdict_lines(en_cases[rid], "en")
        if not (_UNPARSED_ZH.search(zh["不通过"]) and _UNPARSED_EN.search(en["Fail"])):
            missing.append(rid)
    assert missing == []


def test_id_cat_001_calls_no_unparsable_credential_inconclusive(zh_markdown, en_markdown):
    """ID-CAT-001's 不确定 line said 「凭证文件无法读取或解析」, a file its check fails."""
    zh = _verdict_lines(_cases(zh_markdown)["ID-CAT-001"], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)["ID-CAT-001"], "en")["Inconclusive"]
    assert "无法读取或解析" not in zh and "凭证文件缺失或无法取得（访问被拒）" in zh
    assert "read or parsed" not in en


def test_the_key_joins_the_generated_by_rule_fail_line():
    """The generated fail line 「任一被检对象违反 R1、R2、R3 中任一项，记录指明」 takes the clause before its record."""
    files = {"unparsed_fails": {"zh": "JSON 文件", "en": "JSON files"}}
    zh = refused(["不通过：任一被检对象违反 R1 中任一项，记录指明违反的规则。"], "zh", files)
    assert zh == ["不通过：任一被检对象违反 R1 中任一项，或所提供的 JSON 文件中有文件无法按其格式解析，记录指明违反的规则。"]


def test_every_runtime_test_reads_the_descriptors():
    """A descriptor that does not parse fails each runtime case, not only the one that held the dialogue first: the
    descriptors are read before the held dialogue is looked up."""
    source = (ROOT / "suites/terminal/test_runtime.py").read_text()
    held = source[source.index("def _held("):source.index("def _hold(")]
    assert held.index('targets["descriptors"].documents()') < held.index("if bridge not in _HELD")
