"""编制说明 四（四）: the reproducibility of the results, from the recorded run of the inter-laboratory
comparison's two set-ups (``scripts/interlab_record.py`` writes the data file ``suites/explanatory.yaml`` names
under ``interlab:``; tests/e2e/interlab.py defines the set-ups). The figures are read from that file, never typed:
the eleventh reading left the section without any run's figures."""

from __future__ import annotations

import json
from typing import Any

from ..errors import CatalogError, Location
from .annexb import area_known_bad
from .explanatory_data import NoteData
from .facts import gather
from .plural import counted, noun_for
from .writer import Block, Writer, area_title

#: what a record must hold for the section to report it
_KEYS = ("recorded", "command", "set_up_a", "set_up_b", "areas", "cases", "requirements", "agreed")


def interlab_record(data: NoteData | None) -> dict[str, Any] | None:
    """The recorded run the note data names (None: none named, or the file is not in this checkout, as in an
    installed catalog); a record missing a figure is the catalog's error, naming the file."""
    spec = (data.get("interlab") if data else None) or {}
    path = data.root / str(spec.get("file", "")) if data and spec else None
    if path is None or not path.is_file():
        return None
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    missing = [key for key in _KEYS if key not in record]
    if missing:
        raise CatalogError(Location(str(spec["file"]), (missing[0],)), f"the recorded run has no {missing[0]!r}",
                           "record the run again with scripts/interlab_record.py")
    return record


def _areas(w: Writer, record: dict[str, Any]) -> str:
    names = [area_title(a["area"])[0 if w.lang == "zh" else 1] for a in record["areas"]]
    if w.lang == "zh":
        return "、".join(names)
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


def _left_out(area: dict[str, Any]) -> int:
    """How many of an area's cases the recorded run left out (the tool each needs was not installed)."""
    return len(area.get("left_out", []))


def drift(w: Writer, record: dict[str, Any]) -> list[tuple[str, int, int]]:
    """The areas whose known-bad cases the catalog holds now in another number than the record judged (area,
    recorded, now): cases added or removed since the run were not compared (fourteenth reading: the record of
    1 256 cases stood beside a catalog of 1 257). The record's set is every case of known_bad.yaml, whatever
    the requirement's status (tests/e2e/interlab.py ``proficiency_set``)."""
    known_bad = gather(w.catalog).known_bad
    now = {a["area"]: sum(area_known_bad(w.catalog, known_bad, a["area"])) for a in record["areas"]}
    # a case the record names as left out (the tool it needs was not there) is no change since the run
    return [(a["area"], a["cases"], now[a["area"]]) for a in record["areas"]
            if a["cases"] + _left_out(a) != now[a["area"]]]


def _moved(w: Writer, moved: list[tuple[str, int, int]], record: dict[str, Any]) -> tuple[str, str]:
    """Each changed area: the recorded cases, those left out among them (thirty-third reading, b11: the list gave
    the compared ones as the recorded), and the draft's as table B.1 counts them (no deprecated requirement's), the
    deprecated requirements' cases named apart (twenty-eighth reading, b9)."""
    known_bad = gather(w.catalog).known_bad
    left = {a["area"]: _left_out(a) for a in record["areas"]}
    zh, en = [], []
    for area, old, _ in moved:
        kept, withdrawn = area_known_bad(w.catalog, known_bad, area)
        whole = old + left[area]
        zh.append(f"{area_title(area)[0]}（记录 {whole} 个" + (f"，其中比对 {old} 个；" if left[area] else "，")
                  + f"本稿 {kept} 个" + (f"，另有已废止要求的 {withdrawn} 个不列入本稿" if withdrawn else "") + "）")
        en.append(f"{area_title(area)[1]} ({whole} recorded" + (f", {old} of them compared;" if left[area] else ",")
                  + f" {kept} in this draft"
                  + (f", besides {withdrawn} of deprecated requirements, which the draft does not hold" if withdrawn
                     else "") + ")")
    return "；".join(zh), "; ".join(en)


def _left_out_text(record: dict[str, Any]) -> tuple[str, str]:
    """The cases the run did not judge, the tool each needs not being installed on its computer (in the number of
    their count: "the tool it needs" for one, thirty-third reading, b10)."""
    missed = [item for a in record["areas"] for item in a.get("left_out", [])]
    if not missed:
        return "", ""
    listed_zh = "、".join(f"{item['case']}（需 {item['requires']}）" for item in missed)
    listed_en = ", ".join(f"{item['case']} (needs {item['requires']})" for item in missed)
    return (f"另有 {len(missed)} 个用例因记录所用计算机未安装其所需工具而未经比对：{listed_zh}。",
            f" {counted(len(missed), 'further case')} {noun_for(len(missed), 'was', 'were')} not compared, the tool "
            f"{noun_for(len(missed), 'it', 'each')} needs not being installed on the recording computer: {listed_en}.")


def _drift_text(w: Writer, record: dict[str, Any], bad: int) -> tuple[str, str]:
    """What the recorded cases are beside 四（一）'s count, and any area whose cases changed since the run."""
    moved = drift(w, record)
    missed_zh, missed_en = _left_out_text(record)
    zh = (f"记录中的 {record['cases']} 个用例除规范性要求的用例外，还包括附录 C 所列候选与草案要求以及已废止要求的"
          f"用例；本稿规范性要求的已知不合格用例为 {bad} 个（见（一））。")
    en = (f" The {record['cases']} recorded cases hold, beside the normative requirements' cases, those of annex C's "
          f"candidates and drafts and of deprecated requirements; this draft's normative requirements have {bad} "
          "known-bad cases (see (1)).") + missed_en
    zh += missed_zh
    if moved:
        listed_zh, listed_en = _moved(w, moved, record)
        zh += "记录之后，下列领域的已知不合格用例数有变化，增减的用例未经本次比对，送审前应重新记录：" + listed_zh + "。"
        en += (" Since the run, the known-bad cases of these areas changed in number, and the cases added or removed "
               "were not compared; the run is to be recorded again before the draft for approval: " + listed_en + ".")
    return zh, en


def reproducibility(w: Writer, data: NoteData | None, proven: int, bad: int) -> Block:
    """四（四）: the two set-ups, the items they judged and how many they judged alike (from the recorded run),
    and why two set-ups of one tool on one computer are not yet an inter-laboratory comparison."""
    record = interlab_record(data)
    file = str(((data.get("interlab") if data else None) or {}).get("file", ""))
    b = record["set_up_b"] if record else {}
    if record:
        differing = [key for a in record["areas"] for key in a["differing"]]
        # every known-bad case at the run, the compared ones and those left out (thirty-second reading, b15)
        whole = record["cases"] + sum(_left_out(a) for a in record["areas"])
        compared_zh = (f"共 {whole} 个，其中 {record['cases']} 个（{record['requirements']} 项要求）经比对"
                       if whole != record["cases"] else f"共 {record['cases']} 个（{record['requirements']} 项要求）")
        of = f"{record['cases']} cases of {record['requirements']} requirements"
        compared_en = f"{whole} cases, of which {of} were compared" if whole != record["cases"] else of
        ran_zh = (f"{record['recorded']} 记录的一次比对（`{record['command']}`）：设置 A 在一个进程中"
                  f"按目录顺序对每个用例各运行一次（时区 `{record['set_up_a']['zone']}`）；设置 B 为另一进程（时区 "
                  f"`{b['zone']}`、语言环境 `{b['lang']}`、另一临时目录），共用一份声明文件的用例合并为一次运行，运行及其要求的"
                  f"顺序倒置，状态机的失败序列不作收缩。样品为{_areas(w, record)}的全部已知不合格用例，"
                  f"{compared_zh}，两种设置的判定、不符合项与测得值在其中"
                  f" {record['agreed']} 个上一致" + ("。" if not differing else f"，不一致的为 {'、'.join(differing)}。"))
        ran_en = (f"A run recorded on {record['recorded']} (`{record['command']}`): set-up A judged each case in a run of "
                  f"its own, in the order the catalog lists them, in one process (time zone "
                  f"`{record['set_up_a']['zone']}`); set-up B "
                  f"was another process (time zone `{b['zone']}`, locale `{b['lang']}`, another temporary root) judging "
                  "the cases that share a manifest in one run, the runs and their requirements in reverse order, the "
                  f"state machines' failing sequences not shrunk. The items: every known-bad case of "
                  f"{_areas(w, record)}, {compared_en}; the two "
                  f"set-ups' verdicts, findings and measured values agreed on {record['agreed']}"
                  + ("." if not differing else f"; they differed on {', '.join(differing)}."))
        drift_zh, drift_en = _drift_text(w, record, bad)
        source = (f"（数据见开源项目 metaverse-conformance 的 {file}，由 "
                  f"`scripts/interlab_record.py` 生成）{drift_zh}", f" (figures: the metaverse-conformance project's "
                  f"{file}, written by `scripts/interlab_record.py`).{drift_en}")
    else:
        ran_zh = ran_en = ""
        source = ("", "")
    return w.para(w.t(
        "（四）测试结果的复现性（尚非实验室间比对）：以同一测试工具的两种不同测试设置"
        "（不同的进程、时区、语言环境、临时目录与运行顺序）判定同一组已知不合格用例（每项自动化要求的已知不合格用例，"
        f"规范性要求中 {proven} 项共 {bad} 个；测试工具的自检另以参考实现的运行为已知合格样品，不在下述记录之中），"
        "两种设置对每个用例的判定、不符合项与测得值应一致。"
        + ran_zh + source[0] + "测试工具的测试中有意植入的相关性（运行间共享缓存、依本地时钟判定、另行判定的实验室）均被比对发现。"
        "这两种设置属同一测试工具与同一台计算机，不是实验室间比对：本稿尚无两个及以上实验室参加的比对，"
        "由认证机构组织的能力验证按 ISO/IEC 17043:2023 与 ISO 13528:2022 比较各实验室的判定与 *z* 比分数或 *E*_n 值。",
        "(4) Reproducibility of the results (not yet an inter-laboratory comparison): the same "
        f"set of known-bad cases (those of every automated requirement, {bad} for {proven} normative "
        "requirements; the harness's self-check adds the reference implementation's run as known-good items, which the record "
        "below does not hold) is judged under two different set-ups of the same tool (another process, time "
        "zone, locale, temporary root and run order), whose verdicts, findings and measured values must agree on every "
        "item. " + (ran_en + source[1] + " " if ran_en else "")
        + "Dependences planted in the harness's tests (a cache shared between runs, a verdict read from the local "
        "clock, a laboratory judging otherwise) are each caught. Both set-ups are one tool on one computer, not an "
        "inter-laboratory comparison: none with two or more laboratories has been run for this draft; proficiency "
        "rounds a certification body runs compare laboratories' verdicts and *z*-scores or *E*_n numbers per "
        "ISO/IEC 17043:2023 "
        "and ISO 13528:2022."), normative=False)


def reference_implementation(w: Writer) -> str:
    """What the note's 「参考实现」 is, said where the note first describes the work (fifty-eighth reading, d11: the
    note used the term thirteen times, first in 三（三）'s limit reasons, and said what it is only in 四（五）)."""
    return w.t("本说明所称参考实现，是随测试工具提供、由起草组编写的被测对象实现：它作为被测平台提供附录 D 的接口操作，"
               "作为被测终端提供运行时测试接口，并附有读取文件的测试配置所用的样品（终端采集文件、设备描述、模型与瓦片集等）；"
               "`conformance demo` 与测试工具的自检以之为已知合格的被测对象运行测试用例（见四（五）），并在其中植入已知缺陷，"
               "以验证每个测试用例能够判为不通过。",
               "The reference implementation this note speaks of is an implementation under test the drafting group "
               "wrote and ships with the harness: as a platform it serves annex D's operations, as a terminal the "
               "runtime test interface, and it carries the samples of the profiles that read files (device captures "
               "and descriptors, models, tilesets...); `conformance demo` and the harness's own tests run the test "
               "cases against it as a known-good implementation under test (see (5) of part 4), and plant known "
               "defects in it to show that each test case can fail.")
