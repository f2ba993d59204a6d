"""The fifty-fourth reading, part h108-bounds (docs/drafting.md, "Fifty-fourth reading, part h108-bounds"): 5.1 said
of every reading bound of its table 「超出读取界限的部分不予判定……相应测试用例按其判定准则判定为不确定」, false for the bounds
fixing the sample a case judges (the first 50 entities of a set's first page, the first 5 example DIDs, 2 000 frames
evenly spread): the case judges that sample, the rest is not read, and no 不确定 line mentions it. Now each bound says
which kind it is (``Bound.sample``), 5.1's paragraph and the 编制说明's state both kinds, table 1 marks each row, and
every case citing a bound of the other kind names it (or what lies past it) in its 不确定 line: SC-CITY-008, -009,
-012 and -013 said only 「在第 3 步中未经判定」. Each test fails at 30303a2f."""

from __future__ import annotations

import re

import pytest

from conformance.drafting.boundtable import BOUNDS

#: each bound's kind as its checks decide it: True, the bound fixes the sample judged and what lies past it is
#: neither read nor recorded unjudged; False, what lies past it is recorded unjudged (``evidence.unjudged``) or
#: makes the case inconclusive, with no other finding
KINDS = {
    # src/conformance/areas/_shared/khronos.py: ``st_size > MAX_INPUT_BYTES``: never validated, a bound left unjudged
    "glTF 校验的文件大小": False,
    # khronos.py _run(): a file whose validation exhausts NODE_HEAP_MB alone is a bound left unjudged (sixty-seventh
    # reading, h130-assets, b3)
    "glTF 校验的内存": False,
    # src/conformance/areas/assets/content.py: hash_capped() (MAX_HASH_BYTES, 1 GiB) raises TooLarge: digest unread
    "内容文件的大小": False,
    # src/conformance/areas/scenes/tiles.py walk(): evidence.unjudged(f"tiles after {pointer}", ...)
    "瓦片集的瓦片数": False,
    # src/conformance/areas/scenes/feed.py collection(): ``values[:MAX_ENTITIES]``, the rest silently not read
    "实体集的实体数": True,
    # suites/scenes/test_twin_feed.py SC-FEED-001: ``navigation_links(entity)[:feed.MAX_NAVIGATION_LINKS]``
    "实体的导航链接数": True,
    # src/conformance/areas/identity/resolution.py: ``return dids[:MAX_EXAMPLE_DIDS]`` after a note naming them
    "判定的示例 DID 数": True,
    # src/conformance/areas/terminal/body_accuracy.py _room() (face_, hand_accuracy alike): frames past MAX_FRAMES
    # are counted in ``dropped`` and only noted (suite.note_capped), the held ones judged
    "数据流保留的帧数": True,
    # body_accuracy.py (face_, hand_accuracy alike): ``np.linspace(0, len(t) - 1, min(len(t), SEARCH_FRAMES))``
    "求时移所用的设备帧数": True,
    # src/conformance/areas/terminal/headtracking.py: declared_signal(declared, LONGEST_MS) None, the stream unjudged
    "声源信号的时长": False,
    # suites/scenes/test_city_solids.py SC-CITY-013: ``evidence.unjudged(... "scenes.building-parts-skipped" ...)``
    "比较的实体对数": False,
    # suites/scenes/test_city_solids.py _judge(): ``evidence.unjudged(... "scenes.solids-skipped" ...)``
    "三维相交检测的多边形数": False,
    # src/conformance/areas/terminal/decoding.py: past MAX_EVENTS a stream is counted, its decoding not judged
    "标记数据流的标记数": False,
    # src/conformance/areas/terminal/calibration.py measure(): a span past MAX_SAMPLES leaves the stream unjudged,
    # naming the bound (sixty-seventh reading, part d's doubtful item 2)
    "校准时段的样本数": False,
    # src/conformance/areas/terminal/suite.py past_bound(): a bench record or its commands past the cap leave the
    # stream unjudged (BenchTexts.bounded; sixty-eighth reading, part h131-tbound, c3)
    "试验台记录保留的样本数": False,
    "保留的指令数": False,
    # the same past_bound() over the readings of an instrument or camera kept to 200 000 (part h131-caps)
    "测量保留的读数": False,
    # src/conformance/areas/terminal/multiview.py read_quilt(): ``QuiltReport([], unjudged=...)`` (c5)
    "拼图的像素数": False,
    # src/conformance/areas/terminal/recognition.py capped(): a voice stream past it is unjudged (sixty-ninth reading,
    # part h133-tcaps)
    "设备输出保留的条目数": False,
    # suites/interfaces/test_conventions.py: ``listing_pages >= pagination.MAX_LISTING_PAGES``: inconclusive
    "跟随的列表页数": False,
    # suites/scenes/test_twin_feed.py _observations(): ``$top={top}`` with NEWEST_OBSERVATIONS, one page judged
    "读取的观测数": True,
    # suites/scenes/test_twin_feed.py SC-FEED-003: ``evidence.unjudged(... "scenes.feed-newest-partial" ...)``;
    # test_twin_feed_mqtt.py SC-FEED-006: ``raise unreadable(...)`` when the Observations were not all read
    "跟随的观测页数": False,
    # suites/scenes/test_twin_feed_mqtt.py _broker_error(): ``evidence.unjudged(... "scenes.mqtt-past-bound" ...)``
    "MQTT 数据包的大小": False,
    # src/conformance/areas/scenes/cityjson.py MAX_SNAP_STEPS: an unplaced file's geometries left unjudged
    "吸附网格上的顶点跨度": False,
    # suites/assets/test_generation_interface.py AS-AIGC-014: ``video.past_bound``: ``evidence.unjudged(...)``
    "生成视频的解码时长": False,
    # AS-AIGC-015: ``prompt.OverBound``: ``evidence.unjudged(...)`` (sixty-fourth reading, bx2)
    "生成音频的解码量": False,
    # src/conformance/areas/identity/bbs2020.py: past MAX_STATEMENTS or MAX_BYTES ``raise Unavailable``: not checked
    "BBS+ 2020 证明所签的文档": False,
    # suites/scenes/test_tilesets.py SC-TILE-006: a ``confine.refusals`` budget refusal: ``evidence.unjudged(...)``
    # (sixty-ninth reading, c2)
    "跟随的外部瓦片集数": False,
    # sixty-ninth reading, part h133-ocaps4: SC-TILE-009's composite nesting and ID-VCAPI-003's expanded status list
    "复合瓦片的嵌套层数": False,
    "状态列表的解压大小": False,
    # assets/render.py: a picture past MAX_PIXELS raises OverBound, the picture left unjudged (sixty-ninth reading,
    # h133-ocaps2)
    "解码的图像像素数": False,
    # assets/dash.py: an MPD past MAX_BYTES or MAX_SEGMENTS raises OverBound, left unjudged (h133-ocaps2)
    "读取的 DASH 清单": False,
    # scenes/arrivals.py: a stream past MAX_STREAM_BYTES is cut with ``past_bound``, left unjudged (h133-ocaps2)
    "云端渲染流的读取量": False,
    # sixty-ninth reading, part h133-ocaps5: didcore.Unjudged, each caller's ``evidence.unjudged(...)``
    "密钥文本的长度": False,
    # assets/media.py: a text chunk past _MAX_TEXT sets MediaInfo.past_bound, the file's labels left unjudged
    # (sixty-ninth reading, h133-media)
    "PNG 文本块的解压大小": False,
    # sixty-ninth reading, part h133-ws: jsonrpc_ws.over_bound (close code 1009), the record's ``over_bound``: the run
    # past it is unjudged (IF-SES-001's ``evidence.unjudged``, the other cases inconclusive)
    "会话消息的大小": False,
}

#: bounds only candidates cite, not in 5.1's table: BBS+ 2020's (5.0), the DASH manifest's (sixty-ninth reading,
#: h133-ocaps2: AS-AIGC-009 and -010)
CANDIDATES_ONLY = {"BBS+ 2020 证明所签的文档", "读取的 DASH 清单"}

#: what each non-sampling bound's citing cases write in their 不确定 line when they do not cite it by name
PAST_IT = {
    "glTF 校验的文件大小": ("文件大于 16 MiB",),
    "glTF 校验的内存": ("校验所需内存超出 96 MiB",),
    "内容文件的大小": ("大于第 3 步的上限 1 GiB",),
    "瓦片集的瓦片数": ("有瓦片超出 5.1 所列读取界限",),
    "声源信号的时长": ("声源信号长于 60 s",),
    "标记数据流的标记数": ("超过 200 000 个",),
    "跟随的观测页数": ("仅读取了部分观测", "未读完该 `Datastream` 的观测"),
    "BBS+ 2020 证明所签的文档": ("BBS+ 2020 证明超出第 6 步所述读取界限",),  # ID-VC-008 since h114-vcdraft
}


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def _general(markdown: str) -> str:
    return _plain(markdown[markdown.index("### 5.1 "):markdown.index("### 5.2")])


def _row(general: str, name: str) -> list[str]:
    line = next(line for line in general.split("\n") if line.startswith(f"| {name} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def _inconclusive(markdown: str, rid: str) -> str:
    """The 不确定 line of test case ``rid``'s 判定准则 row."""
    text = _plain(markdown)
    # a purpose names the requirement's title in parentheses or, for six terminal cases, in quotes (h133-ws: the
    # runtime cases citing 「会话消息的大小」 are among them)
    case = text[min(i for mark in "（“" if (i := text.find(f"验证被测对象满足要求 {rid}{mark}")) >= 0):]
    criteria = next(line for line in case.split("\n") if line.startswith("| 判定准则 |"))
    return next(part for part in criteria.split("<br>") if part.startswith("不确定："))


def test_every_bound_has_its_kind_established():
    assert set(KINDS) == {b.name[0] for b in BOUNDS}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_bound_is_of_the_kind_its_check_decides(name):
    bound = next(b for b in BOUNDS if b.name[0] == name)
    assert getattr(bound, "sample", None) is KINDS[name], name


def test_5_1_claims_no_inconclusive_for_the_sampling_bounds(zh_markdown, en_markdown):
    general = _general(zh_markdown)
    paragraph = next(p for p in general.split("\n\n") if p.startswith("测试设备按表"))
    assert "超出读取界限的部分不予判定，其本身不作为不符合项，相应测试用例按其判定准则判定为不确定" not in paragraph
    # 「不改变判定结果」 since h112-fixC: the twenty-third reading's leftovers, part i, bar 「不影响判定」 from the draft
    assert "确定测试用例所判定的样本" in paragraph and "不改变判定结果" in paragraph, paragraph
    assert "“超出界限的部分”" in paragraph
    assert "leaves its test case inconclusive as its verdict criteria say" not in _general(en_markdown).split("\n\n")[0]
    # a bound only a candidate cites is not in 5.1 (fifty-eighth reading, a4: BBS+ 2020's, ID-VC-008's)
    for bound in (b for b in BOUNDS if b.name[0] in general):
        assert len(_row(general, bound.name[0])) == 4, bound.name[0]  # the column 「超出界限的部分」
        past = _row(general, bound.name[0])[3]
        assert ("不改变判定结果" in past) is bound.sample and ("不确定" in past) is not bound.sample, (bound.name[0], past)
        english = _row(_general(en_markdown), bound.name[1])[3]
        assert ("no effect on the verdict" in english) is bound.sample, (bound.name[1], english)


def test_the_explanatory_note_says_both_kinds(note_md):
    note = _plain(note_md)
    assert "超出界限的输入不予判定，相应测试用例判定为不确定" not in note
    # worded as 5.1 since h112-fixC (「不改变判定结果」, not 「不影响判定」)
    assert "确定所判定样本的界限之外的输入不予读取，不改变判定结果，其余界限之外有输入时相应测试用例判定为不确定" in note


def _citing(zh_markdown: str, name: str) -> list[str]:
    """The cases table 1 lists for a bound (its third column)."""
    cases = _row(_general(zh_markdown), name)[2].split("、")
    assert cases and cases != ["—"], name
    return cases


@pytest.mark.parametrize("name", sorted(name for name, sample in KINDS.items()
                                        if not sample and name not in CANDIDATES_ONLY))
def test_each_case_citing_a_bound_past_which_it_is_inconclusive_says_so(zh_markdown, name):
    for rid in _citing(zh_markdown, name):
        line = _inconclusive(zh_markdown, rid)
        named = f"读取界限“{name}”" in line or any(said in line for said in PAST_IT.get(name, ()))
        assert named, (name, rid, line)


@pytest.mark.parametrize("name", sorted(name for name, sample in KINDS.items() if sample))
def test_each_case_citing_a_sampling_bound_names_the_sample_in_its_steps(zh_markdown, name):
    text = _plain(zh_markdown)
    for rid in _citing(zh_markdown, name):
        case = text[text.index(f"验证被测对象满足要求 {rid}（"):]
        steps = next(line for line in case.split("\n") if line.startswith("| 测试步骤 |"))
        assert re.search(f"读取界限“{re.escape(name)}”", steps), (name, rid)
