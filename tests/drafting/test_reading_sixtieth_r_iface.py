"""The sixtieth reading, part h120-iface (docs/drafting.md, "Sixtieth reading, part h120-iface"): AS-META-003's
not-applicable line called `rights` a member the requirement permits without requiring, though annex D's schema
requires it (b1); IF-DISC-002's inconclusive line named endpoints on an origin the test environment may not reach,
a restriction no step stated, where the check never requests another origin (b2); IF-ERR-001's inconclusive line
rested on the base URL and the discovery document, which no step requested though the check does (b3); the JSON-LD
contexts the test equipment holds went by three names (b4); annex D's "Requirements" column and the 编制说明's
三（四） left out the cases whose steps issue an asset, read its state or its history in words only (b5); AS-GLTF-002's
step 3 set aside "remarks only informative", a validator's severity, not a category of glTF 2.0 (bx1). Each test
fails on the tree before (6bd5f93b2)."""

from __future__ import annotations

import ast
import functools
import json
import re
from pathlib import Path

from conformance.drafting.contracts import _CITED_STEPS, named_operations
from conformance.drafting.writer import load_data, normative
from tests.drafting.test_reading_fiftyfirst_h105contract import _line
from tests.drafting.test_reading_fiftyninth_iface import _annex_rows, _ids

_CASE_HEAD = re.compile(r"^### \d+\.\d+ ([A-Z]+-[A-Z]+-\d{3}) ", re.M)
#: a case's heading with either hyphen, as ``_case`` finds it
_ANY_CASE_HEAD = re.compile(r"^### \d+\.\d+ ([A-Z]+[-‑][A-Z]+[-‑]\d{3}) ", re.M)


@functools.lru_cache(maxsize=2)
def _cases(markdown: str) -> dict[str, str]:
    """Requirement ID -> its test case's clause (heading to the next heading): what ``_case(markdown, rid)`` of
    tests/drafting/test_reading_fiftyfirst_h105contract.py gives each, the clause under the first heading naming it,
    found in one pass (not one search from the top a case), once a draft (the tests below read each draft's cases
    more than once; the dict is only read)."""
    first: dict[str, int] = {}
    for m in _ANY_CASE_HEAD.finditer(markdown):
        first.setdefault(m.group(1).replace("‑", "-"), m.end())
    return {m.group(1): markdown[first[m.group(1)]:markdown.index("\n### ", first[m.group(1)])]
            for m in _CASE_HEAD.finditer(markdown)}


def _verdict(case: str, lang: str, name: str) -> str:
    """One verdict line of a case's criteria row (``name``: 不适用, 不确定 / Not applicable, Inconclusive)."""
    row = _line(case, "判定准则" if lang == "zh" else "Verdict criteria")
    return next((part for part in row.split("<br>") if part.lstrip("| ").split(" | ")[-1].startswith(name)), "")


def _required_members() -> set[str]:
    """Every member a schema of the catalog requires at its top level."""
    out: set[str] = set()
    for path in Path("schemas").rglob("*.json"):
        node = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(node, dict) and isinstance(node.get("required"), list):
            out |= {str(m) for m in node["required"]}
    return out


def test_b1_no_not_applicable_line_calls_a_required_member_optional(zh_markdown, en_markdown):
    """A not-applicable line saying the requirement permits a member without requiring it names no member a schema
    requires (AS-META-003's `rights`, required by D.5.9's schema); AS-META-003's line names AS-META-001 as judging a
    document in the schema's form that lacks it."""
    required = _required_members()
    assert "rights" in required
    said = 0
    for markdown, lang, words in ((zh_markdown, "zh", "允许而不要求"), (en_markdown, "en", "does not require")):
        for rid, case in _cases(markdown).items():
            line = _verdict(case, lang, "不适用" if lang == "zh" else "Not applicable")
            if words in line:
                said += 1
                # the members the permission is about: those the last clause before the words names
                permitted = re.split(r"，|, |或|\bor\b", line[:line.index(words)])[-1]
                assert not set(re.findall(r"`([A-Za-z_]+)`", permitted)) & required, (rid, line)
        meta = _verdict(_cases(markdown)["AS-META-003"], lang, "不适用" if lang == "zh" else "Not applicable")
        assert "AS‑META‑001" in meta and ("必需成员" in meta if lang == "zh" else "required member" in meta), meta
    assert said


def test_b2_a_case_leaving_other_origins_unjudged_says_its_steps_skip_them(zh_markdown, en_markdown):
    """Every case whose inconclusive line names an endpoint on another origin than the target's has a step saying
    it requests the target's own origin only (IF-DISC-003 did; IF-DISC-002 named an origin the test environment
    may not reach, which no step stated)."""
    seen = []
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        for rid, case in _cases(markdown).items():
            line = _verdict(case, lang, "不确定" if lang == "zh" else "Inconclusive")
            if not re.search(r"以外的源|其他源|另一源" if lang == "zh" else r"another origin|other origins?", line):
                continue
            seen.append(rid)
            steps = _line(case, "测试步骤" if lang == "zh" else "Test procedure")
            assert re.search(r"目标自身的源|同源" if lang == "zh" else r"the target's own origin|same-origin",
                             steps), (rid, lang)
            assert not re.search(r"测试环境不允许访问|may not reach", line), (rid, line)
    assert {"IF-DISC-002", "IF-DISC-003"} <= set(seen)


def _route_serving_checks() -> set[str]:
    """The requirements whose check, before judging a plain 404 or 405, asks what shows the route serving
    (``require_route_serves``): requests its case's steps have to send too."""
    out: set[str] = set()
    for path in Path("suites").rglob("test_*.py"):
        source = path.read_text(encoding="utf-8")
        if "require_route_serves" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef) or "require_route_serves" not in ast.unparse(node):
                continue
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if m := re.fullmatch(r"pytest\.mark\.requirement\('([A-Z]+-[A-Z]+-\d{3})'\)", text):
                    out.add(m.group(1))
    return out


def test_b3_every_case_whose_check_tells_a_plain_404_apart_says_the_requests_it_sends(zh_markdown, en_markdown):
    """Each case whose check asks a known-good request before judging a plain 404 or 405 (IF-ERR-001: the base URL,
    then the discovery document) says so in a step, and its inconclusive line rests on that step."""
    checks = _route_serving_checks()
    assert {"IF-ERR-001", "ID-RES-002", "ID-RES-004"} <= checks
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        cases = _cases(markdown)
        for rid in checks:
            steps = _line(cases[rid], "测试步骤" if lang == "zh" else "Test procedure")
            assert ("404 或 405" if lang == "zh" else "404 or 405") in steps, (rid, lang)
        steps = _line(cases["IF-ERR-001"], "测试步骤" if lang == "zh" else "Test procedure")
        step3 = re.search(r"<br>3\. (.*?)<br>4\. ", steps)
        assert step3, steps
        for words in (("基础地址", "服务发现文档") if lang == "zh" else ("base URL", "discovery document")):
            assert words in step3.group(1), (lang, words)
        line = _verdict(cases["IF-ERR-001"], lang, "不确定" if lang == "zh" else "Inconclusive")
        assert ("第 3 步" if lang == "zh" else "step 3") in line, line


_OTHER_NAMES = {"zh": r"已知上下文|内置的?\s?JSON-LD 上下文|随附的上下文|未内置",
                "en": r"\bknown contexts\b|\bbundled contexts\b|lists as held by the test equipment"}
_HELD = {"zh": "测试设备持有的 JSON-LD 上下文", "en": "the JSON-LD contexts the test equipment holds"}


def test_b4_the_json_ld_contexts_held_go_by_one_name(zh_markdown, en_markdown):
    """The draft names the JSON-LD contexts the test equipment holds one way, E.30's title, which 5.1 uses for its
    list: no case, rule or annex says 「已知上下文」 or 「内置的 JSON-LD 上下文」 (known, bundled contexts), and each
    case expanding or compacting with them names them so, with 5.1."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        if re.search(_OTHER_NAMES[lang], markdown):  # the names with their context where one stands (a slow scan)
            assert not re.findall(rf".{{0,40}}(?:{_OTHER_NAMES[lang]}).{{0,20}}", markdown), lang
        titles = re.findall(r"^### E\.\d+ (.+)$", markdown, re.M)
        assert _HELD[lang] in [t[0].lower() + t[1:] if lang == "en" else t for t in titles], lang
        clause = markdown[markdown.index("JSON-LD 文档展开时" if lang == "zh" else "When it expands a JSON-LD"):][:400]
        assert ("个测试设备持有的 JSON-LD 上下文" if lang == "zh" else "JSON-LD contexts it holds") in clause
        cases = _cases(markdown)
        for rid in ("ID-VC-001", "ID-VC-003", "DP-DESC-001"):
            steps = _line(cases[rid], "测试步骤" if lang == "zh" else "Test procedure")
            assert _HELD[lang] + (" (5.1)" if lang == "en" else "（5.1）") in steps, (rid, lang)


#: (operation, the Chinese words by which a case's steps call it without its method and path)
CALLS_ZH = {
    "issueAsset": r"发行(?:[一两三]|新|探测|资产)",
    "getAssetState": r"(?:读取并记录其|请求其|读取其|再次读取探测资产的)状态(?!码)",
    "getAssetHistory": r"(?:读取|与)[^。；，]{0,40}?历史(?!文件)",
}


def _zh_steps(procedures, rid: str, depth: int = 3) -> list[str]:
    """A case's Chinese steps, with the steps of a case it takes over (cited in its English steps, as annex D's
    column reads them: ``contracts._steps_taken``)."""
    steps = (procedures.get(rid) or {}).get("steps") or {}
    out = [str(s) for s in steps.get("zh") or ()]
    for step in (str(s) for s in steps.get("en") or ()):
        for numbers, cited, whole in _CITED_STEPS.findall(step) if depth else ():
            taken = _zh_steps(procedures, cited or whole, depth - 1)
            wanted = set(re.findall(r"\d+", numbers))
            if " to " in numbers:
                first, last = (int(n) for n in re.findall(r"\d+", numbers)[:2])
                wanted = {str(n) for n in range(first, last + 1)}
            out += [t for t in taken if whole or t.split(".", 1)[0].strip() in wanted]
    return out


def test_b5_every_case_issuing_or_reading_an_asset_in_words_is_listed_with_the_operation(catalog, zh_markdown,
                                                                                         note_md):
    """The class of b5: a case whose Chinese steps (with those it takes over) issue an asset, read its state or its
    history without writing the operation's method and path is listed with that operation in table D.3 and in the
    编制说明's 三（四） table (IF-AUTH-002 and IF-UDP-001 issue, IF-UDP-003 to -006 through IF-UDP-001's step 1)."""
    kept = [req for req in catalog.requirements.values() if normative(req)]
    procedures = load_data(catalog).procedures
    listed, _ = named_operations(catalog, kept, procedures)
    by_id = {op.operation_id: op.requirements for op in listed}
    missing = {operation: [req.id for req in kept if any(re.search(words, s) for s in _zh_steps(procedures, req.id))
                           and req.id not in by_id.get(operation, ())]
               for operation, words in CALLS_ZH.items()}
    assert missing == {operation: [] for operation in CALLS_ZH}
    for markdown in (zh_markdown, note_md):
        rows = _annex_rows(markdown)
        issued = set(_ids(rows["POST /assets"][0]))
        assert {"IF-AUTH-002", "IF-UDP-001", "IF-UDP-003", "IF-UDP-004", "IF-UDP-005", "IF-UDP-006", "IF-UDP-007",
                "IF-UDP-009", "IF-UDP-010", "IF-UDP-011", "IF-UDP-013"} <= issued
        assert "IF-UDP-005" in _ids(rows["GET /assets/{asset_id}/history"][0])
        assert {"IF-AUTH-002", "IF-AUTH-003"} <= set(_ids(rows["GET /assets/{asset_id}/state"][0]))


def test_bx1_the_gltf_recommendation_case_names_the_report_levels_it_reads(zh_markdown, en_markdown):
    """AS-GLTF-002 sets aside the issues of the levels information and hint by the report's severity member, not
    "remarks only informative", which glTF 2.0 does not define; no case's steps use that category, and the case names
    no tool."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        for rid, case in _cases(markdown).items():
            steps = _line(case, "测试步骤" if lang == "zh" else "Test procedure")
            assert not re.search(r"提示性|only informative", steps), rid
        case = _cases(markdown)["AS-GLTF-002"]
        steps = _line(case, "测试步骤" if lang == "zh" else "Test procedure")
        assert "`severity`" in steps
        levels = ("错误（`0`）", "警告（`1`）", "信息（`2`）", "提示（`3`）") if lang == "zh" else (
            "`0` error", "`1` warning", "`2` information", "`3` hint")
        assert all(level in steps for level in levels), steps
        assert not re.search(r"Validator|Khronos", case)
