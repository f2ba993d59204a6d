"""The seventy-ninth reading, part h145-misc (docs/drafting.md): 编制说明 二（二）'s second exception said of every
requirement limited by the lower of a declared value and this document's (TD-DISP-009, TD-FORCE-004, TD-FORCE-005,
TD-PERF-001) that one declaring nothing is judged by this document's limit, though TD-PERF-001's R3 asks for the
declaration and its 不通过 line fails a device giving none (d1). The test holds the sentence to each named
requirement's test case, and fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data

#: a step or verdict line falling back to this document's number where the device declares nothing
#: (「设备未声明余辉时间时取一个刷新周期」, 「设备未声明安全力时以 140 N 为限」)
_FALLS_BACK = re.compile(r"未声明[^。；，（]{0,12}?时(?:以|取)")
#: a 不通过 line failing a missing declaration (「或其所属的提供项未给出正确度或精密度」)
_FAILS_MISSING = re.compile(r"未(?:给出|声明)")


def _principle(note_md: str) -> str:
    text = note_md.replace("\u2011", "-")
    return text[text.index("（二）可检测"):text.index("（三）可追溯")]


def _ids(text: str) -> list[str]:
    return re.findall(r"[A-Z]{2}-[A-Z0-9]+-\d{3}", text)


def test_the_lower_of_two_limits_says_what_an_undeclared_value_gets(catalog, note_md, note_md_en):
    """d1: each requirement the second exception names is said to fall back to this document's limit without a
    declaration exactly when its test case's steps or verdict lines say so and its 不通过 line fails no missing
    declaration; the others are said to fail, as their 不通过 line does; in both languages."""
    principle = _principle(note_md)
    named = re.search(r"两者中的较小者为限值的要求（([^）]+)）(.*?)(?:；以|。)", principle)
    assert named, principle
    lower, rest = _ids(named.group(1)), named.group(2)
    fallback_zh = re.search(r"未声明时，([^，]+?) 按本文件的限值判定", rest)
    asked_zh = re.search(r"，([^，；]+?) 要求给出该声明，未给出即不通过", rest)
    said_fallback = _ids(fallback_zh.group(1)) if fallback_zh else (lower if "未声明或声明的值较大时" in rest else [])
    said_asked = _ids(asked_zh.group(1)) if asked_zh else []
    assert sorted(said_fallback + said_asked) == sorted(lower), rest
    procedures = load_data(catalog).procedures
    for rid in lower:
        case = procedures[rid]
        lines = [*case["steps"]["zh"], *case["criteria"]["zh"]]
        fail = next(line for line in case["criteria"]["zh"] if line.startswith("不通过"))
        falls_back = any(_FALLS_BACK.search(line) for line in lines) and not _FAILS_MISSING.search(fail)
        assert (rid in said_fallback) == falls_back, rid
        assert (rid in said_asked) == bool(_FAILS_MISSING.search(fail)), rid
    en = note_md_en.replace("\u2011", "-")
    clause = en[en.index("a limit of this document ("):]
    clause = clause[:clause.index("; the requirements whose limit is a value")]
    if said_asked:
        assert re.search(r"fails ([^;]+?), which asks for the declaration", clause)
        assert _ids(re.search(r"fails ([^;]+?), which asks", clause).group(1)) == said_asked
        fallback_en = re.search(r"nothing is judged by this document's limit in ([^;]+?), and fails", clause)
        assert _ids(fallback_en.group(1) if fallback_en else "") == said_fallback
    else:
        assert "one declaring more or nothing by this document's limit" in clause
