"""The specification a committee can adopt (issue 63), checked on the rendered Chinese
Markdown: profiles without a normative requirement cannot be claimed (the conformance clause says so),
the pass thresholds are the document's numbers (annex A leaves none to the applicant)."""

from __future__ import annotations

import re

import pytest



@pytest.fixture(scope="module")
def md(zh_markdown) -> str:
    return zh_markdown  # rendered once a test process (tests/drafting/conftest.py)


def _clause(md: str, heading: str) -> str:
    """The text from a clause's heading (a level-1 heading of the document, "## ") to the next one."""
    start = md.index("\n## " + heading)
    end = md.find("\n## ", start + 1)
    return md[start:end if end > 0 else None]


def test_the_conformance_clause_says_which_profiles_cannot_be_claimed(catalog, md):
    unclaimable = sorted(p.id for p in catalog.profiles.values() if not catalog.normative_requirements(p))
    # asset-usd has no stable requirement; asset-minors became claimable with AS-MINOR-003 and AS-RATING-003
    assert "asset-usd" in unclaimable and "asset-minors" not in unclaimable and "identity-credentials" not in unclaimable
    conformance = _clause(md, re.search(r"\n## (\d+ 符合性\n)", md).group(1))
    assert (f"其中 {len(catalog.profiles) - len(unclaimable)} 个含规范性要求，可用于声称符合本文件；"
            f"其余 {len(unclaimable)} 个不含规范性要求，不能用于声称符合本文件。") in conformance
    # the first subclause is the chapter's 通则, holding the count above (leftovers of the thirteenth reading)
    for section in re.split(r"\n(?=### )", conformance)[2:]:
        profile = re.search(r"（`([a-z0-9-]+)`）", section.splitlines()[0]).group(1)
        # the note says 不能据以声称符合本文件 (fourteenth reading: a note states no permission)
        cannot = "不能据以声称符合本文件" in section
        assert cannot is (profile in unclaimable), profile
        assert ("的被测对象，在该配置所选全部" in section) is not cannot, profile


def test_annex_a_leaves_no_pass_threshold_to_the_applicant(catalog, md):
    annex = _clause(md, "附录 A（规范性）")
    assert "申请者填写被测对象的目标与参数取值" not in annex
    assert "判定阈值、容差、样本量、随机种子与时限由本文件规定" in annex and "提供者不填写" in annex
    assert "不应放宽" in annex and "在所列范围内将其改严" not in annex
    # a threshold is printed with its value and how it may move in the table of test parameters (three
    # columns, no blank to fill): tightened only, to the strict end of its bounds; a fixed number is fixed
    # (twentieth reading, row 23: a plain number as the cases write it, grouped, no longer a code value)
    assert re.search(r"\| 参数 `max_triangles` \| [^|]+ \| 100 000（只可调低，最严 1） \|", annex)
    assert re.search(r"\| 参数 `robustness_seed` \| [^|]+ \| 20240501（固定） \|", annex)
    assert not re.search(r"\| 参数 `[a-z_]+` \|[^\n]*\| *\|\n", annex)
    # and the test cases take them from the document, not from the IXIT
    assert "IXIT 给出参数取值" not in md and "`max_triangles` = 100 000" in md


def test_no_threshold_defaults_to_no_limit(catalog):
    """A budget of 0 meaning "none" left the pass threshold to whoever sets it (AS-GLTF-003)."""
    profile = catalog.profiles["asset-3d-content"]
    budgets = {n: profile.parameters[n].default for n in ("max_model_bytes", "max_triangles", "max_vertices",
                                                           "max_draw_calls")}
    assert all(v > 0 for v in budgets.values()) and profile.parameters["max_triangles"].direction == "lower"
    statement = catalog.requirements["AS-GLTF-003"].statement
    assert all(str(v) in statement.en and str(v) in statement.zh for v in budgets.values())


# --- the GB/T form of the 征求意见稿 ---------------------------------------------------------


def test_the_cover_asks_for_patents(md):
    cover = md[:md.index("\n## ")]
    assert "（征求意见稿）" in cover
    assert "在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。" in cover


def _reference_lines(md: str) -> list[str]:
    clause = _clause(md, "2 规范性引用文件\n")
    return [line for line in clause.splitlines() if line.strip() and not line.startswith(("## ", "下列文件"))]


def test_normative_references_are_published_standards_in_gbt_order(md):
    refs = _reference_lines(md)
    # tools, the project's own contracts, community-group drafts and vendor extensions are bibliography
    for name in ("3d-tiles-validator", "Metaverse conformance interface contracts", "W3C CCG", "DIF DID Registration",
                 "3DTILES_bounding_volume_S2", "ROS ", "W3C DID Resolution", "glTF-Validator"):
        assert not [line for line in refs if name in line], name
    bibliography = md[md.index("\n## 参考文献"):]
    # the project's own contracts and schemas are in the document itself (annexes E and F), not the bibliography
    assert "CesiumGS 3d-tiles-validator" in bibliography and "Metaverse conformance interface contracts" not in bibliography
    # national standards (GB and GB/T as one group), then ISO, ISO/IEC and IEC (one group), then the others; by
    # number within each (GB 4943.1 before GB/T 10000 before GB 11643: GB/T 1.1-2020 8.6.3, eleventh leftovers)
    def rank(line: str) -> int:
        return 0 if line.startswith("GB") else 2 if line.startswith(("ISO", "IEC")) else 5
    ranks = [rank(line) for line in refs]
    assert ranks == sorted(ranks) and ranks[0] == 0
    gb = [float(re.match(r"GB(?:/T)? (\d+(?:\.\d+)?)", line).group(1)) for line in refs if rank(line) == 0]
    assert gb == sorted(gb) and gb[0] == 4943.1
    iso = [int(re.match(r"(?:ISO|IEC)(?:/[A-Z]+)? (\d+)", line).group(1)) for line in refs
           if rank(line) == 2 and not re.search(r" (Guide|指南) ", line)]
    assert iso == sorted(iso)


def test_the_term_metaverse_cites_the_seed_that_defines_it(catalog, md):
    """The definition is in seed 000 (SH-GUIDE: 「元宇宙是对现实世界的数字化扩展…」), bibliography item [1]."""
    term = md[md.index("\n### 3.1\n"):md.index("\n### 3.2\n")]
    assert "元宇宙  metaverse" in term and "对现实世界的数字化扩展" in term
    number = re.search(r"来源：参考文献\[(\d+)\]", term).group(1)
    from conformance.drafting.tables import load_tables

    documents = list(load_tables(catalog).documents.items())
    key, title = documents[int(number) - 1]
    # GB/T 7714-2015 form, the city and the unknown date supplied in square brackets (fifty-eighth reading, a1)
    assert key == "SH-GUIDE" and f"\n[{number}] [上海市]. {title}[Z]. [出版年不详].\n" in md


def test_requirement_ids_do_not_break_in_table_cells(md):
    cells = [line for line in md.splitlines() if line.startswith("| ")]
    outside_code = [re.sub(r"`[^`]*`", "", line) for line in cells]
    assert any("AS\u2011GLTF\u2011003" in line for line in outside_code)
    assert not [line for line in outside_code if re.search(r"\b[A-Z]{2}-[A-Z0-9]+-\d{3}\b", line)]


def test_the_html_keeps_ids_on_one_line(zh_html):
    page = zh_html
    assert ".rid,.key{white-space:nowrap}" in page and '<a class="rid" href="#req-AS-GLTF-003">' in page


# --- the 编制说明 ----------------------------------------------------------------------------


def test_the_explanatory_note_has_the_parts_a_committee_reads(note_md, md):
    for heading in ("一、工作简况", "（一）任务来源", "（二）主要工作过程", "二、标准编制原则",
                    "三、主要内容及其确定依据", "四、主要试验（验证）情况",
                    "八、与有关的现行法律、法规和强制性国家标准的关系"):
        assert f" {heading}\n" in note_md, heading
    assert note_md.startswith("# 《元宇宙\u3000互操作性\u3000一致性测试规范》（征求意见稿）编制说明")
    # its counts are the draft's: the coverage of the 引言, the claimable profiles of the conformance clause
    covered = re.search(r"已覆盖 (\d+) 个，部分覆盖 (\d+) 个", md).groups()
    assert "已覆盖 {} 个，部分覆盖 {} 个".format(*covered) in note_md
    claimable = re.search(r"其中 (\d+) 个含规范性要求", md).group(1)
    assert f"其中 {claimable} 个可用于声称符合" in note_md
    # the national standards it relates to are those of clause 2
    assert "GB 4943.1—2022" in note_md and "GB 11643—1999" in note_md
    # without a report, it says how to produce the verification
    # (part note2 records the run with `conformance demo --out 目录 --format json`: the command, with its views)
    assert "`conformance demo --out 目录" in note_md and "--report 目录/report.json`" in note_md


def test_the_explanatory_note_summarises_a_runs_report(catalog, tmp_path, capsys):
    from conformance.cli import main
    from tests.paths import ROOT

    sample = ROOT / "reports" / "sample" / "report.json"
    assert main(["catalog", "render", "--part", "explanatory", "--report", str(sample)]) == 0
    note = capsys.readouterr().out
    assert "测试“Sample Identity Service 1.0”" in note and "要求 4 项，通过 3 项，不通过 1 项" in note
    assert "| `identity-document` | 不符合 | 不通过 1, 通过 3 |" in note
    (tmp_path / "bad.json").write_text("[]")
    assert main(["catalog", "render", "--part", "explanatory", "--report", str(tmp_path / "bad.json")]) == 2
    assert "is no run's report.json" in capsys.readouterr().err


def test_a_report_that_is_no_regular_file_is_one_line_not_a_hang(tmp_path, capsys):
    import os

    from conformance.cli import main

    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)  # opened plainly, reading it would wait for a writer for ever
    assert main(["catalog", "render", "--part", "explanatory", "--report", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert "--report" in err and "cannot be read as a run's report.json" in err and len(err.strip().splitlines()) == 1
