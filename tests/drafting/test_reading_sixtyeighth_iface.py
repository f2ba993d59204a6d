"""The sixty-eighth reading of issue 76, part h131-iface (read68b: b1, b2, b3; doubtful d1, d2).

b1 (X): ``held_by`` gave the pages read before 5.1's bound 「跟随的列表页数」 as the asset listing when the 1 000th
page still linked a next one, though IF-UDP-001/-003/-009 say such a listing counts as not served; it gives no list now
(tests/areas/interfaces/test_pages_and_acks_sixtyeighth_iface.py runs it and the class member below, IF-PAGE-001's step
4, which compared a paging cut after as many pages as the listing has items with the whole listing). b2 (X): IF-CODE-001
passed with no outcome looked at when no 201 acknowledgement carried a ``report_id``; it is inconclusive, as its 不确定
line now says. b3 (X): step 4 said near misses of the published categories were filed; the check filed those of the
first 3 only; it files those of every category step 3 files under (at most 20, the 三（三） row's figure), as step 4 now
says. d1: AS-REG-006's steps follow the check's order (transfer, burn, then the repeated lock), and step 4 says the
unchanged state is seen in step 7's history. d2: IF-PAGE-001's *L* is the least of the three values step 2 names; the
check's two further terms never decided. Each test fails on the branch's base (ffa3fd452) but the guard on the IF-UDP
texts, which were right."""

from __future__ import annotations

import ast
import re

from conformance.areas.interfaces.reporting import MAX_CATEGORIES, unpublished_categories
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def _plain(text: str) -> str:
    """The rendered text with its non-breaking hyphens (requirement IDs) as ASCII hyphens."""
    return text.replace("\u2011", "-")


def _steps(case: str, lang: str) -> list[str]:
    return _plain(_row(case, "测试步骤" if lang == "zh" else "Test procedure")).split("<br>")


def _function(path: str, name: str) -> ast.FunctionDef:
    tree = ast.parse((ROOT / path).read_text("utf-8"))
    return next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == name)


# b1 and its class ----------------------------------------------------------------------------------------------------

#: every source that follows a listing's next links, and the function doing it; each gives no partial result as a whole
#: one (held_by: None; plain_pages: complete False; IF-PAGE-001: inconclusive past either bound; AS-REG-001: one page)
_PAGE_LOOPS = {
    "src/conformance/areas/interfaces/userplatform.py": "held_by",
    "src/conformance/areas/scenes/feed.py": "plain_pages",
    "suites/interfaces/test_conventions.py": "test_list_endpoints_paginate",
    "suites/assets/test_registry.py": None,  # notes that more pages follow and judges the first alone
    "src/conformance/areas/terminal/runtime.py": None,  # an OpenXR structure's next chain, no listing
}
_NEXT = re.compile(r"""\.get\(\s*["'](?:next|@iot\.nextLink)["']\s*\)|_next_link\(""")


def test_b1_class_every_loop_over_next_links_is_known():
    """Class: the sources reading a next link are those above (a new one is looked at, and added, when
    it appears); each loop among them ends on a partial listing without judging it whole."""
    found = {str(path.relative_to(ROOT)) for folder in ("src/conformance/areas", "suites")
             for path in (ROOT / folder).rglob("*.py") if _NEXT.search(path.read_text("utf-8"))}
    assert found == set(_PAGE_LOOPS), found
    held_by = ast.unparse(_function("src/conformance/areas/interfaces/userplatform.py", "held_by"))
    assert held_by.rstrip().endswith("return ids if url is None else None"), held_by
    plain = ast.unparse(_function("src/conformance/areas/scenes/feed.py", "plain_pages"))
    assert plain.rstrip().endswith("return (read, False)"), plain
    paging = ast.unparse(_function("suites/interfaces/test_conventions.py", "test_list_endpoints_paginate"))
    assert "interfaces.listing-too-long" in paging and "interfaces.paging-too-long" in paging


def test_b1_class_if_page_001_says_where_step_4_stops(zh_markdown, en_markdown):
    case = _cases(zh_markdown)["IF-PAGE-001"]
    assert "所读页数（含第 3 步的页）超过完整列表的条目数时，即使 `next` 仍为链接亦停止跟随" in _steps(case, "zh")[3]
    assert ("或第 4 步所读页数超过完整列表的条目数后仍链接下一页而已读各页中无条目出现于两页"
            "（其后各页未读取，各页未与完整列表核对）") in _plain(_verdict_lines(case, "zh")["不确定"])
    case_en = _cases(en_markdown)["IF-PAGE-001"]
    assert "once the pages read (step 3's included) outnumber the items of the whole listing" in \
        _steps(case_en, "en")[3]
    assert "or step 4 still links a next page once its pages outnumber the items of the whole listing" in \
        _plain(_verdict_lines(case_en, "en")["Inconclusive"])


def test_b1_the_user_data_cases_count_a_listing_past_the_bound_as_not_served(zh_markdown):
    """The texts the check now meets: IF-UDP-001, -003 and -009 name the bound in their 不确定 lines (a guard: these
    lines were right before; the check's change is run by
    tests/areas/interfaces/test_pages_and_acks_sixtyeighth_iface.py, which fails on the base)."""
    cases = _cases(zh_markdown)
    for rid in ("IF-UDP-001", "IF-UDP-003", "IF-UDP-009"):
        assert "经 1 000 页后仍链接下一页" in _plain(_verdict_lines(cases[rid], "zh")["不确定"]), rid


# b2 ------------------------------------------------------------------------------------------------------------------

def test_b2_if_code_001_names_acknowledgements_without_a_report_id(zh_markdown, en_markdown):
    zh = _plain(_verdict_lines(_cases(zh_markdown)["IF-CODE-001"], "zh")["不确定"])
    assert ("或第 3 步受理的举报，其受理确认均未给出可读的举报标识（`report_id`），"
            "致使处理结果无从读取（由 IF-REPORT-001 判定）") in zh
    en = _plain(_verdict_lines(_cases(en_markdown)["IF-CODE-001"], "en")["Inconclusive"])
    assert ("or no acknowledgement of the reports step 3 has accepted carries a readable report identifier "
            "(`report_id`), so that no outcome can be read (IF-REPORT-001 judges the acknowledgement)") in en
    source = (ROOT / "suites/interfaces/test_reporting.py").read_text("utf-8")
    assert "if filed and not judged" not in source and "interfaces.conduct-no-report-id" in source


# b3 ------------------------------------------------------------------------------------------------------------------

def test_b3_near_misses_are_of_every_category_step_3_files(zh_markdown, en_markdown, note):
    published = {f"category-{n:02d}" for n in range(MAX_CATEGORIES + 5)}
    tried = set(unpublished_categories(published))
    filed = sorted(published)[:MAX_CATEGORIES]
    assert {f" {c} " for c in filed} | {c.upper() for c in filed} <= tried
    assert f" {sorted(published)[MAX_CATEGORIES]} " not in tried  # past step 3's 20: not filed, no near miss
    assert "第 3 步所取每个类别大小写不同或前后加空格的形式" in _steps(_cases(zh_markdown)["IF-CODE-001"], "zh")[3]
    assert "each category step 3 takes in another case or padded with spaces" in \
        _steps(_cases(en_markdown)["IF-CODE-001"], "en")[3]
    limits, basis = limit_rows(note)["IF-CODE-001"]
    assert "20 个" in limits and "第 4 步的近似类别亦取自这些类别" in basis


# d1 ------------------------------------------------------------------------------------------------------------------

def test_d1_as_reg_006_steps_follow_the_checks_order(zh_markdown, en_markdown):
    source = (ROOT / "suites/assets/test_registry_lifecycle.py").read_text("utf-8")
    order = [source.index(f'"assets.{key}"') for key in ("step-transfer-locked", "step-burn-locked", "step-relock")]
    assert order == sorted(order)
    steps = _steps(_cases(zh_markdown)["AS-REG-006"], "zh")
    assert "（规则 R3、R4）" in steps[3] and "由第 7 步的历史查看" in steps[3] and "（规则 R2）" in steps[4]
    assert "持有者与销毁状态不变" not in _plain(zh_markdown)
    steps_en = _steps(_cases(en_markdown)["AS-REG-006"], "en")
    assert "(rules R3, R4)" in steps_en[3] and "step 7's history" in steps_en[3] and "(rule R2)" in steps_en[4]


# d2 ------------------------------------------------------------------------------------------------------------------

def test_d2_if_page_001s_limit_is_the_least_of_step_2s_three_values(zh_markdown):
    check = _function("suites/interfaces/test_conventions.py", "test_list_endpoints_paginate")
    (limits,) = [node.value for node in ast.walk(check) if isinstance(node, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == "limits" for t in node.targets)]
    assert isinstance(limits, ast.List) and len(limits.elts) == 2  # page_size and the third; the declared size appended
    assert ast.unparse(limits) == "[params.page_size, -(-len(everything) // 3)]"
    assert "max(1" not in ast.unparse(check)
    step = _steps(_cases(zh_markdown)["IF-PAGE-001"], "zh")[1]
    assert "三者中的最小值" in step
