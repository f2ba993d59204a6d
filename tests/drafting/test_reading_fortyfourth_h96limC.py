"""The forty-fourth reading, part h96-limC (issue 76): reading bounds the steps stated as bare numbers (c1: SC-CITY-012's
1 000 polygons, and SC-CITY-008/-009's, the same check's constant; c2: SC-FEED-003/-006's 5 pages; c3: SC-FEED-002's
10 Observations) are 5.1's, cited by name, with their reasons in 三（三）."""

from __future__ import annotations

import re

from conformance.areas.scenes import feed, intersections
from conformance.drafting.boundtable import BOUNDS


def _cases(zh_markdown: str) -> str:
    return zh_markdown[zh_markdown.index("## 5 测试环境"):zh_markdown.index("## 15 符合性")]


def _cited_by(zh_markdown: str, name: str) -> str:
    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    return general[general.index(f"| {name} |"):].split("\n")[0].replace("\u2011", "-")


def test_the_bounds_are_the_checks_own():
    values = {b.name[1]: b.value[1] for b in BOUNDS}
    assert f"{intersections.MAX_POLYGONS:,}".replace(",", " ") in values["polygons of a 3D intersection test"]
    assert f"{feed.MAX_OBSERVATION_PAGES} pages" in values["Observation pages followed"]
    assert f"the {feed.NEWEST_OBSERVATIONS} newest" in values["Observations read of a Datastream"]


def test_each_case_reading_by_a_bound_cites_it(zh_markdown):
    for name, cases in (("三维相交检测的多边形数", ("SC-CITY-008", "SC-CITY-009", "SC-CITY-012", "SC-CITY-013")),
                        ("跟随的观测页数", ("SC-FEED-003", "SC-FEED-006")), ("读取的观测数", ("SC-FEED-002",))):
        row = _cited_by(zh_markdown, name)
        assert all(case in row for case in cases), (name, row)


def test_no_step_reads_by_a_bare_count(zh_markdown):
    """A count of pages read or of polygons tested, past which a step leaves its input unjudged, names 5.1's bound."""
    bare = re.compile(r"至多(?:读取|跟随)\s?\d[\d ]*\s?页|多边形(?:合计)?(?:不超过|超过)\s?\d[\d ]*\s?个")
    cases = [line for line in _cases(zh_markdown).split("\n") if not line.startswith("| ") or "测试步骤" in line]
    loose = [clause for line in cases for clause in re.split(r"(?<=[；。])", line)
             if bare.search(clause) and "读取界限" not in clause]
    assert not loose, loose


def test_files_past_max_files_are_unjudged_as_5_1_says(zh_markdown, note_md):
    """ax1: E.10 made the files past ``max_files`` a finding, against 5.1's principle for a reading bound."""
    from conformance.adapters.file import MAX_MATCHES
    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    files = f"{MAX_MATCHES:,}".replace(",", " ")
    assert f"至多读取 {files} 个（`max_files`" in general and "相应测试用例没有其他不符合项时判定为不确定" in general
    row = next(line for line in zh_markdown.split("\n") if line.startswith("| `max_files` |"))
    assert "不符合项" not in row.replace("不作为不符合项", "") and "读取界限" in row
    assert f"| 一个路径或通配模式读取的文件数 | {files} 个；" in note_md


def _limits_row(note_md: str, rid: str) -> tuple[str, str]:
    limits = note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")].replace("\u2011", "-")
    row = next(line for line in limits.split("\n") if line.startswith(f"| {rid} | ") and "附注" in line)
    _, numbers, basis = row.strip(" |").split(" | ")
    return numbers, basis


def test_the_measuring_windows_and_hold_criteria_have_their_basis(note_md):
    """c5, c6: the onset, the windows, the hold segments and the fit tolerance decide what is measured; each row lists
    them and quotes the notes' sentence giving each (of equal rank, the one writing the number with its unit)."""
    for rid, said in (("TD-OLF-003", ("起始点取升高的 10% 为本文件自定", "测量窗自指令前 1 s 起为本文件自定",
                                      "测量窗至指令结束后 6 s 为本文件自定")),
                      ("TD-DEPTH-002", ("取每个保持段的 20% 至 95% 段为本文件自定",)),
                      ("TD-RADAR-002", ("取每个保持段的 20% 至 95% 段为本文件自定",)),
                      ("TD-CAM-002", ("取每个保持段的 20% 至 95% 段为本文件自定", "至少 10 个相机帧为本文件自定")),
                      ("TD-TACT-002", ("位置判据 0.1 mm 为本文件自定", "载荷判据 5%（或 0.02 N）为本文件自定",
                                       "保持段至少 200 ms 为本文件自定")),
                      ("RB-TRACK-001", ("均在 *A* 的 5% 以内为本文件自定",))):
        numbers, basis = _limits_row(note_md, rid)
        for sentence in said:
            assert sentence in basis, (rid, sentence)
            number = re.search(r"\d[\d.]*(?:%| s| mm| N| ms|%)?(?: 至 \d+%)?", sentence).group(0)
            assert number in numbers or number.endswith("%") and number in basis, (rid, number, numbers)
        assert "起草组补充" not in basis, rid
