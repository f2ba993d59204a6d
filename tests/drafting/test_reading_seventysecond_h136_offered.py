"""The seventy-second reading of issue 76, b's doubtful 1, taken as an X (part h136-offered).

IF-ROB-002 expected a 2xx from every operation table D.3 marks for it, `POST /generate`, `POST /render/stream` and
`POST /credentials/issue` among them, so a platform claiming `interfaces-robustness` without those services failed
for operations it never claimed; IF-AUTH-001 likewise expected 401 from the secured operations of every profile. The
class: every check taking every operation of a kind (those building :class:`conformance.areas.interfaces.offers.
Offers`) probes an operation of an optional service only where the platform's discovery document declares it. The
contract marks the services (``x-profiles``, ``x-features``, beside ``x-discovery``); table D.3 prints the marks,
D.1 states the rule, and each case of the class says it in its steps and its 不确定 line.

Fails on 07d0918ee."""

from __future__ import annotations

import ast
import re

from conformance.area import offer_marks
from conformance.drafting.contracts import operations
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def _offering_cases() -> set[str]:
    """The requirements whose check builds ``Offers`` (read from the suite's source, not listed by hand)."""
    found: set[str] = set()
    for path in sorted((ROOT / "suites" / "interfaces").glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        helpers = {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                   and "Offers(" in (ast.get_source_segment(text, f) or "")}
        for f in ast.walk(tree):
            if not isinstance(f, ast.FunctionDef) or not f.name.startswith("test_"):
                continue
            source = ast.get_source_segment(text, f) or ""
            marks = " ".join(ast.get_source_segment(text, d) or "" for d in f.decorator_list)
            if "Offers(" in source or any(f"{h}(" in source for h in helpers):
                found |= set(re.findall(r'requirement\("([A-Z]+-[A-Z]+-\d+)"\)', marks))
    return found


def test_the_class_is_the_contract_wide_checks():
    assert _offering_cases() == {"IF-AUTH-001", "IF-AUTH-002", "IF-AUTH-003", "IF-ROB-001", "IF-ROB-002",
                                 "IF-ROB-003", "IF-CON-001"}


def test_each_case_of_the_class_says_it_probes_only_what_the_platform_offers(zh_markdown, en_markdown):
    missing = []
    for lang, markdown, step, unread in (
            ("zh", zh_markdown, "只在被测平台的服务发现文档声明提供时探测", "服务发现文档未能读取"),
            ("en", en_markdown, "is probed only where the platform's discovery document declares it offered",
             "the discovery document cannot be read")):
        cases = _cases(markdown)
        for rid in sorted(_offering_cases()):
            case = cases[rid.replace("-", "‑")] if rid.replace("-", "‑") in cases else cases[rid]
            steps = _row(case, "测试步骤" if lang == "zh" else "Test procedure")
            criteria = _row(case, "判定准则" if lang == "zh" else "Verdict criteria")
            inconclusive = re.split(r"<br>", criteria)[-1]
            if step not in steps:
                missing.append((lang, rid, "steps"))
            if unread not in inconclusive:
                missing.append((lang, rid, "inconclusive line"))
    assert not missing


def test_table_d3_prints_which_profiles_offer_an_operation_and_d1_the_rule(catalog, zh_markdown, en_markdown):
    marked = [op for op in operations(catalog) if offer_marks(op.source)[0]]
    assert any(op.operation_id == "generateContent" for op in marked)
    for op in marked:
        profiles = offer_marks(op.source)[0]
        row = next(line for line in zh_markdown.splitlines() if line.startswith(f"| `{op.method} {op.path}` |"))
        assert "由服务发现文档列出测试配置 " in row and all(f"`{p}`" in row for p in profiles), op.operation_id
        row = next(line for line in en_markdown.splitlines() if line.startswith(f"| `{op.method} {op.path}` |"))
        assert "offered by a platform whose discovery document lists" in row, op.operation_id
    assert "属于可选的服务" in zh_markdown and "belongs to an optional service" in en_markdown
