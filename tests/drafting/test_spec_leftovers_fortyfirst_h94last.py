"""The forty-first reading, part h94-last (issue 76): the rows nobody took. d23: a paper's part heads
(「Abstract」) cited in the Chinese 编制说明 三（三） are Chinese; c30: SC-CITY-007/-008's tolerances are the
document's own, val3dity's defaults informative only; bx2: annex B ties SC-TILE-006 to the ICS feature its case
names, not to an installation; bx3: the cases finding a label by normalised cross-correlation state the scales
the search uses, the check's own constants."""

from __future__ import annotations

import re

import yaml

from conformance.areas.assets import render

from .test_spec_leftovers_fourteenth import cited_only


def _limits(note_md: str) -> str:
    return note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")]


def test_part_heads_of_cited_papers_are_chinese(note_md, zh_markdown, catalog):
    # every row quotes its notes since the forty-third reading (parts h95-basisN, h95-basisT): the cells citing papers
    # are also read as the table writes them for notes that give no basis
    limits = _limits(note_md) + "\n".join(cited_only(catalog, "zh").values())
    cited = re.findall(r"参考文献\[\d+\]\s?([^；|]*)", limits)
    heads = re.compile(r"\b(?:Abstract|Introduction|Methods|Results|Discussion|Conclusions?)\b", re.IGNORECASE)
    assert cited and not [c for c in cited if heads.search(c)]
    # Dahiya's paper by its number in the 参考文献, which an entry listed before it moves (part h94-aigc)
    number = re.search(r"^\[(\d+)\] Dahiya R S", zh_markdown, re.MULTILINE).group(1)
    assert f"参考文献[{number}]的摘要" in limits.replace("\u2011", "-")


def test_city_tolerances_are_the_documents_own(note_md):
    note = _limits(note_md).replace("\u2011", "-")
    for rid in ("SC-CITY-007", "SC-CITY-008"):
        row = note[note.index(f"| {rid} |"):].split("\n")[0]
        assert "本文件自定" in row and "取自 val3dity" not in row, row


def test_annex_b_ties_the_full_tileset_check_to_the_ics_feature(zh_markdown):
    annex_b = zh_markdown[zh_markdown.index("## 附录 B"):].replace("\u2011", "-")
    assert "安装了" not in annex_b and "已安装" not in annex_b
    steps = yaml.safe_load(open("suites/scenes/procedures.yaml", encoding="utf-8"))["procedures"]["SC-TILE-006"]["steps"]["zh"]
    feature = re.search(r"特性“([^”]+)”", steps[0]).group(1)
    assert f"ICS 声明特性“{feature}”时" in annex_b and "（SC-TILE-006）" in annex_b


def test_label_search_states_the_checks_scales():
    procedures = yaml.safe_load(open("suites/assets/procedures.yaml", encoding="utf-8"))["procedures"]
    step = f"逐级增大 {round((render.SCALE_STEP - 1) * 100)}%"
    stretches = "、".join(f"{s:g}" for s in render._STRETCHES[:-1]) + f" 与 {render._STRETCHES[-1]:g} 倍"
    for rid in ("AS-AIGC-011", "AS-AIGC-013", "AS-AIGC-014"):
        text = " ".join(procedures[rid]["steps"]["zh"])
        assert "按不同缩放比例" not in text
        for said in (step, f"最短边的 {render.locate.__defaults__[1]:.0%}", f"1/{render._BLUR_PER_HEIGHT}",
                     f"最高的 {render._CANDIDATES} 个位置", stretches):
            assert said in text, (rid, said)


def test_the_mqtt_packet_bound_is_5_1s_and_no_finding(zh_markdown):
    """c15: the 256 KiB the SC-FEED cases read a packet up to is a reading bound of 5.1, the check's own; a packet
    past it is unjudged, never a violation of R2."""
    from conformance.areas.scenes import mqtt
    from conformance.drafting.boundtable import BOUNDS

    [bound] = [b for b in BOUNDS if b.name[1] == "MQTT packet size"]
    assert f"{mqtt.MAX_PACKET:,}".replace(",", " ") + " B" in bound.value[1]
    cases = zh_markdown.replace("\u2011", "-")
    assert "超过 256 KiB 的数据包" not in cases
    general = cases[cases.index("### 5.1 通则"):cases.index("### 5.2")]
    row = general[general.index("| MQTT 数据包的大小 |"):].split("\n")[0]
    assert all(rid in row for rid in ("SC-FEED-005", "SC-FEED-006", "SC-FEED-007")), row


def test_5_1_lists_the_json_ld_contexts_the_equipment_holds(zh_markdown):
    """b8: DP-DESC-001's verdict depends on the contexts held; 5.1 names each (read from the pinned set) and the
    case cites that list, not the tool's bundle."""
    from conformance.areas._shared import jsonld

    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    urls = [entry["url"] for entry in jsonld.listing()]
    assert urls and all(f"`{url}`" in general for url in urls)
    assert f"下列 {len(urls)} 个测试设备持有的 JSON-LD 上下文" in general  # sixtieth reading, h120-iface b4
    cases = zh_markdown[zh_markdown.index("## 5 测试环境"):zh_markdown.index("## 15 符合性")].replace("\u2011", "-")
    assert "测试工具内置的上下文" not in cases and "测试设备内置的上下文" not in cases
    case = cases[cases.index("DP-DESC-001"):]
    assert "测试设备持有的 JSON-LD 上下文（5.1）" in case[:case.index("判定准则") + 600]  # sixtieth reading b4

