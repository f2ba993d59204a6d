"""The forty-first reading of issue 76, part h94-note2 (docs/drafting.md, "Forty-first reading, part h94-note2"): the
编制说明's 四, 六 and 十一 against what the catalog states of its measured requirements and real products. Each test
runs over the whole rendered part, so a requirement or product added later cannot be left out, and fails on the note
as it was before these fixes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conformance import Catalog
from conformance.drafting.explanatory_data import load_note_data, products
from conformance.drafting.writer import normative

ROOT = Path(__file__).resolve().parents[2]


def _part(note: str, start: str, end: str) -> str:
    at = note.index(start)
    return note[at:note.index(end, at + len(start))]


def _ids(text: str) -> set[str]:
    return set(re.findall(r"[A-Z]{2}[‑-][A-Z0-9]+[‑-]\d{3}", text.replace("‑", "-")))


def _measured(catalog: Catalog) -> set[str]:
    return {r.id for r in catalog.requirements.values() if normative(r) and r.measures == "instrument"}


def test_part_4_states_every_measured_requirement_unverified_by_measurement(catalog, note_md, note_md_en):
    """d12: 四 had no measured figure for the 56 measured requirements and did not say none was measured."""
    part = _part(note_md, "## 四、", "## 五、")
    unverified = _part(part, "（六）测量类要求的实测情况", "\n\n|")
    assert "无一由测试实验室以校准仪器在真实设备上测量过" in unverified and "在测量上未经验证" in unverified
    assert _measured(catalog) <= _ids(part.split("（六）测量类要求的实测情况")[1])
    assert "终端数据交换（规范性要求" in unverified  # the largest area, tested on no real product
    assert "unverified by measurement" in note_md_en


def test_part_4_gives_the_reference_run_figures_per_area(catalog, note_md):
    """d12: (五) said 「各判定的数量……本稿不予固定」 and gave no figure; a recorded run's verdicts now stand per area."""
    part = _part(note_md, "（五）参考实现的验证结果", "（六）测量类要求的实测情况")
    assert "本稿不予固定" not in part and "`conformance demo --out 目录 --format json`" in part
    rows = [line for line in part.splitlines() if line.startswith("| ") and not line.startswith("| 领域")]
    kept = [r for r in catalog.requirements.values() if normative(r)]
    assert sum(int(row.split("|")[2]) for row in rows) == len(kept)  # every normative requirement counted once


def test_every_real_product_names_its_profiles_and_failures(catalog, note_md):
    """d13: 四（三） said 「以本文件的测试配置测试」 without naming a configuration or a failing case."""
    data = load_note_data(catalog)
    assert data is not None
    part = _part(note_md, "（三）真实产品的测试", "（四）测试结果的复现性")
    table = part[part.index("| 产品 | 所声明的测试配置 |"):]
    for product in products(data) or []:
        row = next(line for line in table.splitlines() if line.startswith(f"| {product.name.split(' (')[0]}"))
        assert product.profiles and all(f"`{p}`" in row for p in product.profiles), product.name
        # the draft's normative failures; annex C's results stand apart (forty-fourth reading, d2)
        assert _ids(row.split("|")[3].split("；另有附录 C")[0]) == {
            r for r, v in product.judged.items() if v == "fail" and normative(catalog.requirements[r])}, product.name


def test_the_3d_tiles_disagreement_is_accounted_for(note_md):
    """d13: 「本工具 603 个（99.8%）一致」 said nothing of the one tileset, nor of the own checks' disagreements."""
    entry = next(p for p in note_md.split("\n\n") if p.startswith("OGC 3D Tiles："))
    assert "`NGA_gpm`" in entry and "官方校验器有误" in entry and "仍不一致的 1 个瓦片集" in entry


def test_part_11_names_the_instruments_of_every_measured_requirement(catalog, note_md):
    """d24: 十一's 6 months and 六's 「可直接用于试点认证」 rested on no analysis of the instruments the measured cases
    need; every measured requirement now stands in a group of instruments, and the period is tied to them."""
    part = _part(note_md, "## 十一、", "## 十二、")
    table = part[part.index("| 仪器组 |"):]
    assert _measured(catalog) <= _ids(table)
    # the fifty-sixth reading (d4) gave the 6 months the reason 「未经论证」 said it lacked
    assert "其长短取决于测试实验室购置上表各组仪器" in part and "6 个月为本文件自定" in part and "未经论证" not in part
    assert "可直接用于试点认证" not in _part(note_md, "## 六、", "## 七、")


def test_the_reference_run_record_refuses_what_is_no_demo_report(tmp_path):
    """scripts/reference_run_record.py: bad input is one line and exit 2, the record untouched."""
    bad = tmp_path / "report.json"
    bad.write_text(json.dumps({"harness": {}}), encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "reference_run_record.py"), str(bad),
                           "--out", str(tmp_path / "out.json")], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


def test_every_internet_draft_of_clause_2_is_explained_in_3_5(zh_markdown, note_md):
    """a1: clause 2 cited JSON Schema 2020-12 through two Internet-Drafts, unpublished at the IETF; 三（五） said why.
    Since the forty-third reading (a2) clause 2 cites the release json-schema.org published and lists no draft; 三（五）
    names the drafts, says they expired and why they stand only in 参考文献."""
    clause = _part(zh_markdown, "## 2 规范性引用文件", "## 3 术语和定义")
    assert not re.findall(r"\((draft-[a-z0-9-]+)\)", clause)
    editions = _part(note_md, "（五）引用文件的版本", "## 四、")
    drafts = ("draft-bhutton-json-schema-01", "draft-bhutton-json-schema-validation-01")
    assert all(f"`{d}`" in editions for d in drafts) and "互联网草案" in editions and "未成为 RFC" in editions
    assert "只列于参考文献" in editions


def test_wcag_is_cited_for_information_only(zh_markdown):
    """a2: WCAG 2.2 stood in clause 2 though no statement, rule or test case cites it (TD-ACC-006's notes give its
    1.4.4 as the basis of a number); it is in the 参考文献, and annex B names its edition."""
    clause = _part(zh_markdown, "## 2 规范性引用文件", "## 3 术语和定义")
    assert "WCAG" not in clause
    assert re.search(r"^\[\d+\] W3C Web Content Accessibility Guidelines \(WCAG\) 2\.2", zh_markdown, re.M)
    assert "WCAG 2.2 的成功准则 1.4.4" in _part(zh_markdown, "## 附录 B", "## 附录 C")


def test_the_decision_rule_reasons_leave_a_limits_origin_to_3_3(note_md, note_md_en):
    """d11: 三（二）'s reasons called TD-MPLAT-003's 100 ms and TD-AUD-005's 60 ms 「本文件自定」 (「依据较弱」) while 三（三）
    gave their sources (14 CFR Part 60, Brungart). Where a limit comes from is said once, in 三（三）: no reason of the
    decision-rule table judges a limit's origin."""
    for note, start, end, said in (
            (note_md, "### （二）测量类要求", "### （三）各项限值", r"本文件自定|本目录自定|依据较弱"),
            (note_md_en, "3.2 Measurement uncertainty", "3.3 The basis of each limit", r"the (?:catalog|document)'s own|weak basis")):
        table = _part(note, start, end)
        reasons = [line.rsplit("|", 2)[1] for line in table.splitlines() if re.match(r"\| [A-Z]{2}[‑-]", line)]
        assert reasons and [r for r in reasons if re.search(said, r)] == []


def test_part_7_compares_the_standards_of_the_same_kind(note_md, note_md_en):
    """d15: 七 compared test suites only and said IEEE Std 3079-2020 「尚未与其对照」 without saying why; the standards
    of the same kind now have rows, each saying what it specifies and how the document differs."""
    part = _part(note_md, "## 七、", "本文件为自主制定")
    rows = {line.split("|")[1].strip(): line for line in part.splitlines() if line.startswith("| ")}
    for name in ("ISO/IEC 23005 系列", "IEEE 2888 系列", "ISO/IEC 18039:2019", "ISO/IEC 9646 系列"):
        assert any(n.startswith(name) for n in rows), name
    ieee = next(line for n, line in rows.items() if n.startswith("IEEE 3079"))
    assert "未能取得该标准的文本" in ieee and "尚未与其对照" not in ieee
    assert "IEEE Std 2888.1-2023" in note_md_en
