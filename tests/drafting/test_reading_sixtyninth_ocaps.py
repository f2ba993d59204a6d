"""The sixty-ninth reading of issue 76, part h133-ocaps: c2 (read69c, X) and its class over every area but terminal and
robots (part h133-tcaps does those).

c2: SC-TILE-006's walk of external tilesets (``scenes.confine.MAX_TILESETS``) left a tileset unjudged past 2 000 of
them, a bound in no text. It is 5.1's reading bound 「跟随的外部瓦片集数」 now (table 1, its reason in 三（三）), named in
SC-TILE-006's step 3 and 不确定 line (1.2.6, wording only), and the walk counts external tilesets only (it stopped at
1 999 with the entry counted, while its message said "more than 2 000").

The class: every module-level cap of these areas (``tests/drafting/module_caps.py``'s census) is classified below.
Three caps past which a check judged only part of its input, silently, are gone, the whole input judged: DP-LABEL-005's
quote test enumerated the first 100 000 occurrences of a quote and reported a quote missing whose own occurrence came
later (a wrong fail; ``text_labels.MAX_TRIED``); the tasking description's first 50 fields were judged
(``tasking.MAX_FIELDS``); the user data export's walk saw its first 200 000 nodes (``userdata.MAX_NODES``). Each of
these inputs is already read whole within 5.1's response bounds, and judging it is linear. The caps classed ``left``
are further instances this part had no time to fix; the report names them with their evidence.

Each test fails on the branch's base (54fe4344c)."""

from __future__ import annotations

import importlib

from conformance.areas.data import text_labels
from conformance.areas.interfaces import userdata
from conformance.areas.scenes import confine, tasking
from conformance.drafting.boundtable import BOUNDS, spaced
from tests.drafting.module_caps import module_caps
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

AREAS = ("scenes", "assets", "identity", "interfaces", "data", "identifiers", "_shared")
TILESETS = ("跟随的外部瓦片集数", "external tilesets followed")

#: every cap of the areas: (class, the 5.1 bound's name for "bound" (else ""), the bound's figure as its value writes
#: it where that is not the cap spaced (else ""), one line of reason)
CAPS: dict[str, tuple[str, str, str, str]] = {
    "scenes/arrivals.py:MAX_STREAM_BYTES": ("bound", "云端渲染流的读取量", "8 MiB", "a stream past it is unjudged "
                                            "(h133-ocaps2)"),
    "scenes/building_parts.py:MAX_PAIRS": ("bound", "比较的实体对数", "", "pairs past it are unjudged"),
    "scenes/cesium.py:RUN_LIMIT_S": ("safety", "", "", "the validator process's timeout: a validator giving no report "
                                     "leaves the tileset unjudged (SC-TILE-006's notes and 不确定 line)"),
    "scenes/citygml.py:MAX_FINDINGS": ("evidence", "", "", "findings kept of one kind; the verdict is already a fail"),
    "scenes/citygml_schema.py:MAX_ERRORS": ("evidence", "", "", "schema errors listed; the rest are counted"),
    "scenes/cityjson.py:MAX_FINDINGS": ("evidence", "", "", "findings of one rule in one file; the rest are counted"),
    "scenes/cityjson.py:MAX_SNAP_STEPS": ("bound", "吸附网格上的顶点跨度", "2⁵³", "past it the snapping is inexact"),
    "scenes/cityjson_seq.py:MAX_FINDINGS": ("evidence", "", "", "findings of one kind per file; the rest are counted"),
    "scenes/feed.py:MAX_ENTITIES": ("bound", "实体集的实体数", "", "the sample of each entity set (sample=True)"),
    "scenes/feed.py:MAX_NAVIGATION_LINKS": ("bound", "实体的导航链接数", "", "links followed of each entity"),
    "scenes/feed.py:MAX_OBSERVATION_PAGES": ("bound", "跟随的观测页数", "", "pages not read are unjudged"),
    "scenes/ids.py:MAX_ENTITIES": ("evidence", "", "", "failing entities named in one finding; the rest are counted"),
    "scenes/ifc_psets.py:MAX_FINDINGS": ("evidence", "", "", "findings per file and rule; the rest are counted"),
    "scenes/ifc_scope.py:MAX_NAMED": ("evidence", "", "", "instances a finding names"),
    "scenes/ifc_values.py:MAX_FINDINGS": ("evidence", "", "", "findings per rule and file; the rest are counted"),
    "scenes/ifc_views.py:MAX_NAMED": ("evidence", "", "", "entities a finding names"),
    "scenes/intersections.py:MAX_POLYGONS": ("bound", "三维相交检测的多边形数", "", "shells past it are unjudged"),
    "scenes/legacy.py:MAX_DEPTH": ("bound", "复合瓦片的嵌套层数", "", "a content file nesting deeper is unjudged, "
                                   "SC-TILE-009 (h133-ocaps4)"),
    "scenes/metadata.py:FLOAT32_MAX": ("schema", "", "", "the range of a FLOAT32 metadata value"),
    "scenes/mqtt.py:MAX_PACKET": ("bound", "MQTT 数据包的大小", "", "a packet past it is unjudged"),
    "scenes/mqtt.py:MAX_MESSAGES": ("evidence", "", "", "PUBLISH packets kept for a finding's topics seen; each "
                                    "wanted message is matched as it is read (wait_all, h133-ocaps3)"),
    "scenes/solids.py:MAX_RING": ("method", "", "", "rings up to it are compared pairwise at once, longer ones by a "
                                  "grid of snap-sized cells (solids_fast.folded_large), judged the same (h133-ocaps3)"),
    "scenes/solids_fast.py:MAX_RING": ("method", "", "", "the fast proof takes rings of up to 12 vertices; others go "
                                       "the general path, judged the same"),
    "scenes/tiles.py:MAX_TILES": ("bound", "瓦片集的瓦片数", "", "tiles past it are unjudged"),
    "scenes/confine.py:MAX_TILESETS": ("bound", TILESETS[0], "", "c2: a tileset reaching more is unjudged"),
    "assets/dash.py:MAX_BYTES": ("bound", "读取的 DASH 清单", "4 MiB", "an MPD past it is unjudged (h133-ocaps2)"),
    "assets/dash.py:MAX_SEGMENTS": ("bound", "读取的 DASH 清单", "", "an MPD past it is unjudged (h133-ocaps2)"),
    "assets/encoded_audio.py:MAX_BYTES": ("bound", "生成音频的解码量", "", "a larger file is unjudged"),
    "assets/encoded_audio.py:_MAX_PADDING": ("method", "", "", "leading zero padding skipped before a frame is sought"),
    "assets/generation.py:MAX_VIDEO_S": ("bound", "生成视频的解码时长", "", "frames past 60 s are unjudged"),
    "assets/media.py:_MAX_TEXT": ("bound", "PNG 文本块的解压大小", "1 MiB", "a file with a text chunk expanding "
                                  "past it is unjudged, AS-AIGC-005 and AS-AIGC-013 (h133-media)"),
    "assets/media.py:MAX_BOX_DEPTH": ("finding", "", "", "ISO-BMFF containers nested past 16, past the 5 levels of "
                                      "ISO/IEC 14496-12, are no MP4 file: a finding AS-AIGC-005, -007, -014 and -015 "
                                      "state (h133-media)"),
    "assets/prompt.py:MAX_SECONDS": ("bound", "生成音频的解码量", "", "longer audio is unjudged"),
    "assets/render.py:MAX_PIXELS": ("bound", "解码的图像像素数", "", "a picture past it is unjudged (h133-ocaps2)"),
    "assets/stateful.py:MAX_ASSETS": ("method", "", "", "assets the stateful test model issues at once"),
    "identity/bbs2020.py:MAX_STATEMENTS": ("bound", "BBS+ 2020 证明所签的文档", "", "a larger document is unjudged"),
    "identity/bbs2020.py:MAX_BYTES": ("bound", "BBS+ 2020 证明所签的文档", "8 MiB", "a larger document is unjudged"),
    "identity/bbs2020.py:MAX_VALUE": ("schema", "", "", "a base proof's signature has a fixed length, and a derived "
                                      "proof of at most 20 000 statements (~43 characters each) stays under 1 MiB"),
    "identity/multikey.py:MAX_KEY_TEXT": ("bound", "密钥文本的长度", "", "a DID document holding longer key text is "
                                          "unjudged, ID-DOC-001, ID-RES-001, ID-REG-001 (h133-ocaps5)"),
    "identity/resolution.py:MAX_EXAMPLE_DIDS": ("bound", "判定的示例 DID 数", "", "the sample judged (sample=True)"),
    "identity/statuslist.py:MAX_BYTES": ("bound", "状态列表的解压大小", "16 MiB", "a status list expanding past it "
                                         "is unjudged, ID-VCAPI-003 (h133-ocaps4)"),
    "interfaces/clienthello.py:_MAX_RECORD": ("schema", "", "", "TLS's own record bound, 2^14 bytes plus the header "
                                              "(RFC 8446, 5.1)"),
    "interfaces/openapi.py:MAX_REMEMBERED": ("safety", "", "", "a memo of plans and validators: past it they are "
                                             "recomputed, nothing is left unjudged (openapi.py)"),
    "interfaces/pagination.py:MAX_LISTING_PAGES": ("bound", "跟随的列表页数", "", "pages past it are unjudged"),
    "interfaces/reporting.py:MAX_CATEGORIES": ("method", "", "", "IF-CODE-001 step 3: 至多本文件规定的 20 个"),
    "interfaces/robustness.py:MAX_DEPTH": ("method", "", "", "$ref inlined to 12 levels when requests are generated "
                                           "from a recursive schema; it shapes requests, judges no input"),
    "interfaces/sessions.py:ANSWER_LIMIT_S": ("method", "", "", "IF-SES-001/-005's fixed 10 s to connect and be "
                                              "answered, 5.1's request time limit"),
    "data/coco_masks.py:MAX_GROUPS": ("schema", "", "", "a compressed RLE count's groups (pycocotools' format)"),
    "data/coco_masks.py:LIMIT": ("schema", "", "", "RLE counts as pycocotools' 64-bit integers"),
    "identifiers/syntax.py:GIAI_MAX": ("schema", "", "", "GS1 AI 8004 (GIAI) holds at most 30 characters"),
    "_shared/contextstore.py:MAX_BYTES": ("safety", "", "", "the harness's own context file: past it the run stops "
                                          "with a harness input error naming the file (contextstore.py)"),
    "_shared/jsonrpc_ws.py:MAX_MESSAGE_BYTES": ("bound", "会话消息的大小", "256 KiB", "a WebSocket message over it "
                                                "closes the connection (1009) and the run is unjudged; sessions.py and "
                                                "harassment.py import it (h133-ws)"),
    "_shared/khronos.py:RUN_LIMIT_S": ("safety", "", "", "the validator process's timeout: a file with no answer is "
                                       "unavailable, unjudged (shared.validator-failed)"),
    "_shared/khronos.py:MAX_INPUT_BYTES": ("bound", "glTF 校验的文件大小", "", "a larger file is unjudged"),
}
CLASSES = {"bound", "finding", "evidence", "method", "safety", "schema", "left"}
#: the instances of c2's class this part reports left (each named in its report); a fix removes one from here
LEFT = {key for key, (kind, *_) in CAPS.items() if kind == "left"}


def _value(key: str) -> object:
    place, name = key.split(":")
    module = importlib.import_module("conformance.areas." + place.removesuffix(".py").replace("/", "."))
    return getattr(module, name)


def test_class_every_cap_of_the_areas_is_classified():
    census = module_caps(*AREAS)
    assert set(census) == set(CAPS), (set(census) ^ set(CAPS))
    for key, (kind, bound, figure, why) in CAPS.items():
        assert kind in CLASSES and why, key
        assert bool(bound) == (kind == "bound"), key


def test_class_each_bound_cap_is_its_bound_figure():
    bounds = {b.name[0]: b for b in BOUNDS}
    for key, (kind, name, figure, _) in CAPS.items():
        if kind != "bound":
            continue
        value = _value(key)
        assert isinstance(value, (int, float)), key
        written = figure or spaced(int(value))
        assert written in bounds[name].value[0], (key, written, bounds[name].value[0])
    assert _value("identity/bbs2020.py:MAX_BYTES") == 8 * 1024 * 1024


def test_class_the_caps_left_are_the_ones_reported():
    """Caps past which a check judges part of its input, or fails it, with no text saying so: the part's report names
    each; none may be added without a reading."""
    assert LEFT == set()  # the last four taken by parts h133-media and h133-ws


# c2 ---------------------------------------------------------------------------------------------------------------


def test_c2_the_walk_is_the_bound():
    bound = next(b for b in BOUNDS if b.name == TILESETS)
    assert confine.MAX_TILESETS == 2_000 and not bound.sample
    assert "2 000" in bound.value[0] and "2 000" in bound.value[1]


def test_c2_table_1_lists_sc_tile_006_under_the_bound(zh_markdown, en_markdown):
    zh, en = _table_row(zh_markdown, TILESETS[0]), _table_row(en_markdown, TILESETS[1])
    assert zh[2] == "SC-TILE-006" and en[2] == "SC-TILE-006", (zh, en)
    assert "2 000" in zh[1] and "不确定" in zh[3], zh


def test_c2_sc_tile_006_names_the_bound_in_step_3_and_its_inconclusive_line(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["SC-TILE-006"], _cases(en_markdown)["SC-TILE-006"]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if s.startswith("3."))
    assert f"至多跟随 2 000 个外部瓦片集（读取界限“{TILESETS[0]}”，见 5.1）" in step, step
    assert f'at most 2 000 external tilesets of each tileset are followed (the reading bound "{TILESETS[1]}", ' \
        "see 5.1)" in _row(en, "Test procedure")
    assert f"超过 2 000 个（读取界限“{TILESETS[0]}”）" in _verdict_lines(zh, "zh")["不确定"]
    assert f'more than 2 000 external tilesets (the reading bound "{TILESETS[1]}")' in \
        _verdict_lines(en, "en")["Inconclusive"]


def test_c2_the_note_gives_the_bound_its_reason(note_md, note_md_en):
    """200 000 tiles a tileset JSON (tiles.MAX_TILES) times 2 000 external tilesets are 4 × 10⁸ tiles, over 4 500 times
    the full quadtree of 9 levels (87 381 tiles) the tiles bound's reason names."""
    from conformance.areas.scenes import tiles

    assert tiles.MAX_TILES * confine.MAX_TILESETS == 400_000_000
    assert 4500 < 400_000_000 / 87_381 < 4600 and sum(4 ** level for level in range(9)) == 87_381
    zh, en = _note_row(note_md, TILESETS[0]), _note_row(note_md_en, TILESETS[1])
    assert "读取界限“瓦片集的瓦片数”" in zh and "4 500 余倍" in zh and "不确定" in zh, zh
    assert "400 million tiles" in en and "inconclusive" in en, en


# the class's fixes ------------------------------------------------------------------------------------------------


def test_a_quote_recurring_past_100_000_times_is_found_at_its_own_place():
    text = "a" * 150_000 + "xby"
    selectors = [("/0", {"type": "TextPositionSelector", "start": 150_001, "end": 150_002}),
                 ("/1", {"type": "TextQuoteSelector", "exact": "b", "prefix": "x", "suffix": "y"})]
    assert list(text_labels.check_target(text, selectors)) == []
    selectors[1] = ("/1", {"type": "TextQuoteSelector", "exact": "a"})
    selectors[0] = ("/0", {"type": "TextPositionSelector", "start": 120_000, "end": 120_001})
    assert list(text_labels.check_target(text, selectors)) == []
    selectors[0] = ("/0", {"type": "TextPositionSelector", "start": 150_000, "end": 150_001})  # the "x", not an "a"
    assert [f.rule for f in text_labels.check_target(text, selectors)] == ["R3"]


def test_every_field_of_a_tasking_description_is_judged():
    fields = [{"name": f"f{i}", "type": "Count"} for i in range(60)] + [{"name": "late", "type": "Blob"}]
    description = {"type": "DataRecord", "field": fields}
    assert any("late" in problem for problem in tasking.description_problems(description))
    assert len(tasking.fields({"type": "DataRecord", "field": fields[:60]})) == 60


def test_the_user_data_walk_reaches_every_node():
    package = {"items": [{"n": i} for i in range(120_000)] + ["other-user@example.org"]}
    assert userdata.mentions(package, {"other-user": "email"}) == [("/items/120000", "email")]
