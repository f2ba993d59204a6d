"""The forty-fourth reading of issue 76, part h96-forms (docs/drafting.md, "Forty-fourth reading, part h96-forms"):
the format line of a case naming only the annex E formats the case itself reads (b3). Each test fails on the draft
as it was before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.test_spec_sixteenth_reading import _cases

_SUITES = Path(__file__).resolve().parents[2] / "suites"
#: a case's format line of annex E and the formats it names: 「所读数据的格式见附录 E（声明文件：E.9、E.10；…）。」
_FORMAT_LINE = re.compile(r"所读数据的格式见附录 E（(.*?)）。")


def _sought() -> dict[str, list[str]]:
    """The words each format of annex E is found by in a case's text, by the words it is read as."""
    spec = yaml.safe_load((_SUITES / "specification.yaml").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for entry in [*spec.get("formats", []), *spec.get("encodings", [])]:
        words = entry["read_as"]["zh"]
        found.setdefault(words, []).extend(entry.get("found_by") or [entry.get("sought", words)])
    return found


def test_b3_a_case_cites_only_the_formats_it_reads(zh_markdown):
    """b3: DP-DESC-001, DP-DIST-001, DP-LABEL-005 and DP-PRICE-001 cited the COCO file (E.16), which only their
    profile's IXIT line names; the formats a format line names are each found in the case's other lines."""
    sought, wrong = _sought(), []
    for rid, case in _cases(zh_markdown).items():
        if not (line := _FORMAT_LINE.search(case)):
            continue
        # the case without its IXIT line (the profile's target, every file it holds) and without the format line
        own = re.sub(r"已按 IXIT（附录 A）提供：.*?(?:<br>| \|$)", "", case.replace(line.group(0), ""), flags=re.M)
        for named in line.group(1).split("；"):
            words = named.split("：")[0]
            if words in sought and not any(word in own for word in sought[words]):
                wrong.append(f"{rid}: {words}")
    assert wrong == []


def test_b2_the_resolution_problem_defines_the_error_ir_res_002_judges(zh_markdown):
    """b2: IR-RES-002 judges the problem's `error` (`invalidIdentifier`, `notFound`, `schemeNotSupported`,
    `representationNotSupported`); the problem details annex D gave resolveIdentifier's 400, 404, 406 and 501 had no
    such member. The schema its row cites tables `error` with the four codes."""
    row = next(line for line in zh_markdown.split("\n") if line.startswith("| `GET /1.0/resolve` |"))
    cited = re.search(r"400、404、406、501：`application/problem\+json`：`([^`]+)`（(D\.5\.\d+)）", row)
    assert cited, row
    clause = zh_markdown[zh_markdown.index(f"\n#### {cited.group(2)} `{cited.group(1)}`"):]
    clause = clause[:clause.index("\n#### ", 1)]
    error = next((line for line in clause.split("\n") if line.startswith("| `error` |")), "")
    assert all(f"`{code}`" in error for code in ("invalidIdentifier", "notFound", "schemeNotSupported",
                                                  "representationNotSupported")), clause


#: a method of the runtime test interface a case names: an OpenXR function's name or the interface's own
_METHOD = re.compile(r"`((?:xr[A-Z]|test\.)[A-Za-z0-9]+)`")


def _annex_d4(zh_markdown: str) -> str:
    start = zh_markdown.index("\n### D.4 ")
    return zh_markdown[start:zh_markdown.index("\n### D.5 ", start)]


def test_a4_every_method_a_runtime_case_sends_has_its_parameters_and_result_in_annex_d(zh_markdown):
    """a4: annex D said only that an OpenXR-named request carries its function's structures as JSON, though a
    function takes handles and pointer chains with no JSON form (TD-RUN-002's `xrLocateSpace` names a space, TD-RUN-003's
    `xrLocateHandJointsEXT` a hand) and tabled the results of the `test.*` methods alone. Every method a case names
    has a row of D.4 giving its parameters and citing the D.5 clause of its result, and the case's format line cites
    that clause."""
    d4 = _annex_d4(zh_markdown)
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([A-Za-z0-9.]+)` \| ([^|]+) \| ([^|]+) \|$", d4, re.M)}
    assert "`next` 链为数组" in d4 and "`XrHandEXT` 的名称" in d4
    missing, uncited = [], []
    for rid, case in _cases(zh_markdown).items():
        line = re.search(r"运行时测试接口的消息与应答的格式见附录 D（(.*?)）。", case)
        for method in sorted(set(_METHOD.findall(case.replace(line.group(0), "") if line else case))):
            result = re.search(r"（(D\.5\.\d+)） \|$", rows.get(method, ""))
            if not result or f"\n#### {result.group(1)} " not in zh_markdown:
                missing.append(f"{rid}: {method}")
            elif not line or not re.search(rf"`{re.escape(method)}`[^；]*的结果：{re.escape(result.group(1))}(?!\d)",
                                           line.group(1)):
                uncited.append(f"{rid}: {method}")
    assert missing == [] and uncited == []


def test_a4_the_message_schema_points_its_result_to_the_methods_tables(zh_markdown):
    """a4: D.5's table of the runtime test interface's messages gave `〔1〕.result` as an object with 「无」 and no
    pointer to where each method's result is defined."""
    start = zh_markdown.index(" `terminal/runtime-message.json`\n")
    clause = zh_markdown[start:zh_markdown.index("\n#### ", start)]
    assert re.search(r"应答的 `result` 的成员按所请求的方法见表 D\.\d+ 与表 D\.\d+ 的结果一列。", clause), clause
