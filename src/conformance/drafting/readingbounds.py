"""The reading bounds of the test equipment, stated once in 5.1 as the document's own test parameters (issue 76,
forty-first reading, part h94-equip: rows c4, c7, c8, d6, x1). The cases carried them as 「本测试设备的上限」, a limit
of one tool; now each is a bound this document sets, with the reason the 编制说明 gives, and a case cites it by its
name. Material past a bound is not judged: past a sampling bound it is not read and the case judges the sample the
bound fixes; past any other the case's 不确定 line says so (fifty-fourth reading, part h108-bounds). The values are
the checks' own constants (tests/drafting/test_spec_leftovers_fortyfirst_h94equip.py holds them equal)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._catalog.schemas import BASE_URI
from .validatorbound import GLTF_MEMORY
from .writer import Block, Writer, normative, table_ahead


def spaced(number: int) -> str:
    """``1073741824`` as ``1 073 741 824``: digits grouped in threes with a space, as the draft writes numbers."""
    return f"{number:,}".replace(",", " ")


def binary_size(number: int) -> str:
    """``1073741824`` as ``1 GiB``: the largest binary unit that divides it (IEC 80000-13's prefixes)."""
    for unit, shift in (("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if number >= 1 << shift and number % (1 << shift) == 0:
            return f"{number >> shift} {unit}"
    return f"{spaced(number)} B"


def _ixit_member(w: Writer, target: str, member: str) -> dict[str, Any]:
    """One member of a target's IXIT as the manifest's schema for that target (schemas/manifest/target-<target>.json)
    defines it: 5.1 and the 编制说明 read its range there, so they cannot state another than the harness enforces."""
    return w.catalog.schemas.get(f"{BASE_URI}manifest/target-{target}.json")["properties"][member]  # type: ignore[index,no-any-return]


def ixit_range(w: Writer, target: str, member: str) -> tuple[int, int]:
    """The least and the largest value a target's IXIT may give one reading bound (they were typed by hand in both
    5.1 and the 编制说明 before)."""
    member_schema = _ixit_member(w, target, member)
    return member_schema["minimum"], member_schema["maximum"]


def file_defaults() -> tuple[int, str, str]:
    """The file target's default bounds as 5.1 writes them: a file's MiB, its bytes grouped, the files of one path."""
    from ..adapters.file import DEFAULT_MAX_FILE_BYTES, MAX_MATCHES
    return DEFAULT_MAX_FILE_BYTES >> 20, spaced(DEFAULT_MAX_FILE_BYTES), spaced(MAX_MATCHES)


@dataclass(frozen=True)
class Bound:
    name: tuple[str, str]  # zh, en: how a case cites it, 「读取界限“……”」
    value: tuple[str, str]
    why: tuple[str, str]  # the one reason the 编制说明 gives (本文件自定)
    #: the bound fixes the sample its cases judge (the first 50 entities, 2 000 frames evenly spread): what lies past
    #: it is not read and does not change a verdict; False: material past it leaves the case inconclusive
    sample: bool = False


#: the entity-set bounds as the walking check applies them (tests/drafting/test_reading_sixtysixth_h129note.py holds them)
#: and the requests a set takes: its page, each entity's self-link and links (sixty-sixth reading, c4: a typed 400)
ENTITIES = 50
NAVIGATION_LINKS = 8
SET_REQUESTS = 1 + ENTITIES * (1 + NAVIGATION_LINKS)

_DURATION = ("限定一次测试的时长与所需内存", "to bound a test's duration and memory")
_REQUESTS = ("限定向被测服务发出的请求数与测试时长", "to bound the requests made to the service under test and the test's duration")
_OVERLAP = ("限定三维重叠计算的时长", "to bound the duration of the 3D overlap computation")
_MEMORY = ("限定所需内存", "to bound the memory needed")


def _covering(purpose: tuple[str, str], zh: str, en: str) -> tuple[str, str]:
    """A bound's reason: what it limits, then what conforming input it still takes in whole (fiftieth reading, d5:
    「限定一次测试的时长与所需内存」 alone fits any number and does not say why a conforming input is not cut)."""
    return f"{purpose[0]}；{zh}", f"{purpose[1]}; {en}"


BOUNDS = (
    Bound(("glTF 校验的文件大小", "glTF file size validated"),
          ("每个 glTF 文件及其每个外部资源至多 16 MiB（16 777 216 B）",
           "16 MiB (16 777 216 B) for each glTF file and each of its external resources"),
          ("限定校验一个文件所需的内存与时长；该值大于本文件对模型文件所定的最大字节数 10 MB（`max_model_bytes`），"
           "满足该要求的模型不会因此未予判定",
           "to bound the memory and time validating one file takes; it is larger than the 10 MB this document sets for "
           "a model file (`max_model_bytes`), so no model meeting that requirement is left unjudged by it")),
    Bound(*GLTF_MEMORY),
    Bound(("内容文件的大小", "size of a content file"),
          ("每个内容文件至多 1 GiB（1 073 741 824 B）", "1 GiB (1 073 741 824 B) for each content file"),
          ("限定计算一个文件的摘要所需的读取量与时长；该值大于本文件对模型文件所定的最大字节数 10 MB（`max_model_bytes`），"
           "满足该要求的模型全部得到摘要",
           "to bound the bytes read and the time computing one file's digest takes; it is larger than the 10 MB this "
           "document sets for a model file (`max_model_bytes`), so every model meeting that requirement is digested")),
    Bound(("瓦片集的瓦片数", "tiles of a tileset"),
          ("每个瓦片集 JSON 沿其瓦片树至多 200 000 个瓦片", "200 000 tiles along each tileset JSON's tile tree"),
          _covering(_DURATION, "它容纳 9 层的完整四叉树（87 381 个瓦片）与 6 层的完整八叉树（37 449 个瓦片），更大的瓦片树能拆为"
                    "外部瓦片集，每个瓦片集 JSON 各按本界限读取",
                    "it takes in a full quadtree of 9 levels (87 381 tiles) and a full octree of 6 (37 449 tiles), and a "
                    "larger tree can be split into external tilesets, each tileset JSON read within the bound")),
    Bound(("实体集的实体数", "entities of an entity set"),
          (f"每个实体集第一页的前 {ENTITIES} 个实体", f"the first {ENTITIES} entities of each entity set's first page"),
          _covering(_REQUESTS, f"只读取服务所返回的第一页，一页不超过 {ENTITIES} 个实体时全部得到判定；连同每个实体的自链接与"
                    f"至多 {NAVIGATION_LINKS} 个导航链接，每个实体集至多发出 {SET_REQUESTS} 次请求（读取第一页 1 次，"
                    f"每个实体至多 {1 + NAVIGATION_LINKS} 次）",
                    f"only the first page the service returns is read, and a page of up to {ENTITIES} entities is judged "
                    f"whole; with each entity's self-link and at most {NAVIGATION_LINKS} navigation links, an entity set "
                    f"takes at most {SET_REQUESTS} requests (1 reading the first page, at most {1 + NAVIGATION_LINKS} an "
                    "entity)"),
          sample=True),
    Bound(("实体的导航链接数", "navigation links of an entity"),
          (f"每个实体的前 {NAVIGATION_LINKS} 个导航链接", f"the first {NAVIGATION_LINKS} navigation links of each entity"),
          _covering(_REQUESTS, "SensorThings API 1.1 连同其任务部分与 `MultiDatastream` 扩展中，导航链接最多的实体 `Thing` "
                    "有 5 个（`Locations`、`HistoricalLocations`、`Datastreams`、`MultiDatastreams` 与 `TaskingCapabilities`），"
                    "符合标准的实体的导航链接因此全部得到跟随",
                    "in SensorThings API 1.1 with its tasking part and the `MultiDatastream` extension the entity with "
                    "the most navigation links, `Thing`, has 5 (`Locations`, `HistoricalLocations`, `Datastreams`, "
                    "`MultiDatastreams` and `TaskingCapabilities`), so every navigation link of a conforming entity is "
                    "followed"), sample=True),
    Bound(("判定的示例 DID 数", "example DIDs judged"),
          ("服务发现文档 `example_dids` 所列条目中前 5 个语法有效的 DID",
           "the first 5 syntactically valid DIDs of the entries the discovery document's `example_dids` lists"),
          _covering(_REQUESTS, "`example_dids` 是平台为测试所举的示例，不是其能解析的全部 DID；引用它的测试用例对每个 "
                    "DID 至多以三种表示形式各解析一次，5 个 DID 至多 15 次请求，平台为其支持的每种 DID 方法各举一例时，"
                    "至多 5 种方法的示例全部得到判定",
                    "the `example_dids` are examples the platform gives for testing, not every DID it resolves; the "
                    "test cases citing it resolve each DID once in at most three representations, at most 15 requests "
                    "for 5 DIDs, and a platform giving one example for each DID method it supports has the examples "
                    "of up to 5 methods judged whole"), sample=True),
    Bound(("数据流保留的帧数", "frames held of a stream"), ("每个数据流 40 000 帧", "40 000 frames of each stream"),
          ("限定所需内存；以 90 Hz 计容纳约 7 min 的采集", "to bound the memory needed; it takes in about 7 min of capture "
           "at 90 Hz"), sample=True),
    Bound(("求时移所用的设备帧数", "device frames of the time-shift search"),
          ("均匀分布的 2 000 个设备帧", "2 000 device frames evenly spread"),
          _covering(("限定逐毫秒搜索时移的计算量", "to bound the computation of the millisecond-step shift search"),
                    "在至多 40 000 帧（读取界限“数据流保留的帧数”）的数据流中至少每 20 帧取 1 帧，整个采集时段均有帧参与",
                    "in a stream of at most 40 000 frames (the reading bound \"frames held of a stream\") at least one "
                    "frame in 20 is taken, so the whole capture takes part"), sample=True),
    Bound(("声源信号的时长", "length of a source's signal"), ("60 s", "60 s"),
          _covering(_DURATION, "60 s 含 3 000 个 20 ms 的窗口，为引用它的测试用例所需至少 50 个测得窗口的 60 倍",
                    "60 s hold 3 000 windows of 20 ms, 60 times the 50 measured windows the test case citing it needs at least")),
    Bound(("比较的实体对数", "pairs of solids compared"),
          ("每个文件 200 对包围盒相交的实体", "200 pairs of solids whose boxes meet, in each file"),
          _covering(_OVERLAP, "每个建筑物与两侧相邻建筑物的包围盒相交时，200 对容纳约 200 个建筑物连成的街区",
                    "where each building's box meets those of its two neighbours, 200 pairs take in a block of about 200 "
                    "buildings in a row")),
    Bound(("三维相交检测的多边形数", "polygons of a 3D intersection test"),
          ("每个受检的壳、实体、组合实体或实体对合计至多 1 000 个",
           "1 000 in all for each shell, solid, CompositeSolid or pair of solids tested"),
          _covering(_OVERLAP, "每个实体至多 500 个多边形时实体对得到完整检测，为长方体实体 6 个面的 80 余倍",
                    "a pair of solids of up to 500 polygons each is tested whole, over 80 times the 6 faces of a "
                    "box-shaped solid")),
    Bound(("标记数据流的标记数", "markers of a marker stream"), ("200 000 个", "200 000"),
          _covering(_MEMORY, "标记按试次或提示给出，200 000 个为引用它的测试用例所需至少 20 个试次的 10 000 倍",
                    "markers come one a trial or cue, and 200 000 are 10 000 times the 20 trials the test cases "
                    "citing it need at least")),
    Bound(("跟随的列表页数", "list pages followed"), ("1 000 页", "1 000 pages"),
          _covering(_REQUESTS, "以每页 100 个条目（测试参数 `page_size`）计，1 000 页容纳 100 000 个条目的列表",
                    "at 100 items a page (the test parameter `page_size`), 1 000 pages hold a listing of 100 000 "
                    "items")),
    Bound(("读取的观测数", "Observations read of a Datastream"),
          ("每个 `Datastream` 按 `phenomenonTime` 降序的前 10 个观测（一页）",
           "the 10 newest Observations of each `Datastream` by `phenomenonTime` (one page)"),
          _covering(_REQUESTS, "最新的观测是数字孪生所显示的观测，一页的 10 个观测全部得到判定",
                    "the newest Observations are those a digital twin shows, and the 10 of one page are judged whole"),
          sample=True),
    Bound(("跟随的观测页数", "Observation pages followed"),
          ("每个 `Datastream` 的观测至多 5 页", "5 pages of each `Datastream`'s Observations"),
          _covering(_REQUESTS, "服务支持排序查询时所读的观测全部在其第一页之内，仅在排序查询失败时读取后续页面，未读完的页面不予判定",
                    "where the service supports the ordered query the Observations read all lie in its first page; "
                    "further pages are read only when the ordered query fails, and pages not read are left unjudged")),
    Bound(("MQTT 数据包的大小", "MQTT packet size"),
          ("每个数据包至多 256 KiB（262 144 B）", "256 KiB (262 144 B) for each packet"),
          _covering(_MEMORY, "SensorThings API 经 MQTT 发布的每个数据包承载一个实体（如一个 `Observation`）的 JSON 表示，"
                    "256 KiB 容纳结果为至多 30 000 个数值（每个按 8 个字符计，约 240 000 B）的数组的观测连同其其余成员；"
                    "MQTT 3.1.1 允许的数据包至多为 268 435 455 B（2.2.3），超出界限的数据包不予判定，不作为不符合项",
                    "a packet SensorThings API publishes over MQTT carries one entity (an `Observation`, say) as JSON, and "
                    "256 KiB take in an Observation whose result is an array of up to 30 000 numbers (8 characters each, "
                    "some 240 000 B) with its other members; MQTT 3.1.1 allows packets of up to 268 435 455 B (2.2.3), "
                    "so a packet past the bound is left unjudged, not a finding")),
    Bound(("吸附网格上的顶点跨度", "vertex spread on the snapping grid"),
          ("每个文件的顶点坐标跨度至多 2⁵³ 个吸附网格步长（`snap_tolerance_m`）",
           "2⁵³ steps of the snapping grid (`snap_tolerance_m`) across each file's vertex coordinates"),
          ("顶点吸附到网格后以整数坐标比较；2⁵³ 是双精度浮点数能精确表示的最大连续整数，跨度更大时网格坐标不再精确，"
           "吸附的结果不再可靠；以 0.001 m 的网格计，2⁵³ 个步长约为 9 × 10¹² m，城市模型的坐标跨度全部在界限之内",
           "snapped vertices are compared by their integer grid coordinates; 2⁵³ is the largest run of integers a "
           "double represents exactly, so past it a grid coordinate is no longer exact and the snapping cannot be "
           "relied on; on a grid of 0.001 m, 2⁵³ steps are about 9 × 10¹² m, so a city model's coordinates all lie "
           "within the bound")),
    Bound(("生成视频的解码时长", "length of a generated video decoded"), ("每个视频的前 60 s", "the first 60 s of each video"),
          _covering(("限定一次测试的时长", "to bound a test's duration"), "起始帧与自 1 s 起每隔 0.5 s 抽取的帧各以多个缩放级查找标识，"
                    "60 s 的视频共 120 帧；不长于 60 s 的视频全部帧均得到判定，长于 60 s 的视频其后的帧不予判定，"
                    "测试用例判定为不确定，不因本界限判定为不通过",
                    "the opening frame and a frame every 0.5 s from 1 s are each searched for the label at many scales, "
                    "120 frames in a video of 60 s; every frame of a video up to 60 s is judged, past 60 s a video's "
                    "frames are not judged and the test case is inconclusive, never failed for the bound")),
    Bound(("生成音频的解码量", "generated audio decoded"),
          ("每个音频至多 1 800 s，压缩音频文件至多 256 MiB（268 435 456 B）",
           "1 800 s of each audio, 256 MiB (268 435 456 B) of each compressed audio file"),
          _covering(_DURATION, "1 800 s 的音频在 8 000 Hz 的分析采样率下为 14 400 000 个采样，以 10 ms 的步长与提示比较 180 000 "
                    "个起点；256 MiB 在 1 800 s 内容纳平均码率约 1 193 kbit/s 的压缩音频，高于 MP3 的最高码率 320 kbit/s，"
                    "不长于 1 800 s 的 MP3 文件因而全部得到解码",
                    "1 800 s of audio are 14 400 000 samples at the analysis rate of 8 000 Hz, and 180 000 starting points "
                    "compared with the prompt in steps of 10 ms; 256 MiB take in 1 800 s of compressed audio at about "
                    "1 193 kbit/s on average, above MP3's highest bit rate of 320 kbit/s, so every MP3 file of up to "
                    "1 800 s is decoded whole")),
    Bound(("BBS+ 2020 证明所签的文档", "document a BBS+ 2020 proof signs"),
          ("至多 20 000 条陈述、8 MiB，验证至多 60 s", "20 000 statements and 8 MiB at most, verified within 60 s"),
          ("限定验证一个证明所需的内存与时长；三个数值相互配合：8 MiB 容纳 20 000 条平均 419 B 的陈述，"
           "在编制时所用的双核测试设备（与其他进程共用）上验证这样一份文档的签名测得约 60 s，验证 100 条陈述的文档不到 1 s，"
           "数十条陈述的凭证因而全部在界限之内",
           "to bound the memory and time verifying one proof takes; the three go together: 8 MiB take in 20 000 "
           "statements of 419 B on average, verifying the signature of such a document took about 60 s on the "
           "two-core test equipment used in drafting (shared with other processes), a document of 100 statements "
           "under 1 s, so a credential of tens of statements lies wholly within the bounds")),
)


def _cases_citing(w: Writer, bound: Bound) -> list[str]:
    """The IDs of the requirements whose written procedure cites the bound by name (the catalog's, not typed here)."""
    cited = f"读取界限“{bound.name[0]}”"
    return [rid for rid in sorted(w.data.procedures) if cited in str(w.data.procedures[rid])]


def _citing(w: Writer, bound: Bound) -> str:
    """The normative test cases citing the bound, by ID."""
    return ("、" if w.lang == "zh" else ", ").join(
        rid for rid in _cases_citing(w, bound) if normative(w.catalog.requirements[rid])) or "—"


def stated(w: Writer) -> tuple[Bound, ...]:
    """The bounds of 5.1's table: not one only annex C's drafts and candidates cite, whose procedures the draft does
    not print (fifty-eighth reading, a4: BBS+ 2020's, once ID-VC-003's moved to a candidate)."""
    return tuple(b for b in BOUNDS if not (cases := _cases_citing(w, b))
                 or any(normative(w.catalog.requirements[rid]) for rid in cases))


def bounds_clause(w: Writer) -> list[Block]:
    """5.1's paragraph and table of the reading bounds. Table 1's bounds are fixed; the file and response bounds of the
    paragraphs above it and the request time limit are defaults the IXIT may change, and none of them is a test
    parameter, which the IXIT never sets (fifty-ninth reading, a3: both were called 本文件规定的测试参数)."""
    rows = [(w.t("读取界限", "Reading bound"), w.t("数值", "Value"), w.t("所涉测试用例", "Test cases"),
             w.t("超出界限的部分", "Past the bound"))]
    rows += [(w.t(*b.name), w.t(*b.value), _citing(w, b), w.t(*(_PAST_SAMPLE if b.sample else _PAST_OTHER)))
             for b in stated(w)]
    named = table_ahead(1)  # the table after the paragraph, numbered once the document is whole
    return [w.para(w.t(f"测试设备按表 {named} 所列的读取界限读取被测对象的输入。表 {named} 的读取界限由本文件规定，不因被测对象而改变；"
                       "上文所述文件与 HTTP 响应的读取界限（`max_file_bytes`、`max_files`、`max_response_bytes`、"
                       "`max_json_depth`）与请求时限（`timeout_s`）是测试设备的默认值，IXIT 可在上文所给的范围内另给。读取界限与"
                       "请求时限都不是测试参数：它们只决定测试设备读取哪些输入、等待多久，不改变任何判定阈值。"
                       f"超出读取界限的部分不予判定，其本身不作为不符合项。表 {named} 的读取界限分为两种（见表中“超出界限的部分”一栏）："
                       "一种确定测试用例所判定的样本（如实体集第一页的前 50 个实体），测试用例只判定该样本，超出的部分不予读取，"
                       "不改变判定结果，各测试用例的测试步骤指明所判定的样本；另一种之外仍有输入时，相应测试用例按其判定准则判定为"
                       "不确定（见各测试用例的“不确定”判定准则）。",
                       "The test equipment reads the inputs of the implementation under test within the reading bounds "
                       f"of Table {named}. The bounds of Table {named} are this document's, the same for every "
                       "implementation; the bounds on files and HTTP responses above (`max_file_bytes`, `max_files`, "
                       "`max_response_bytes`, `max_json_depth`) and the request time limit (`timeout_s`) are the test "
                       "equipment's defaults, which the IXIT may change within the ranges given above. Neither the "
                       "reading bounds nor the request time limit is a test parameter: they decide only which inputs "
                       "the test equipment reads and how long it waits, and change no verdict threshold. What lies "
                       f"past a reading bound is not judged and is not by itself a finding. The bounds of Table {named} "
                       "are of two kinds (the table's column \"Past the bound\"): one fixes the sample a test "
                       "case judges (the first 50 entities of an entity set's first page, say), and what lies past it "
                       "is not read and does not change the verdict, the case's steps naming the sample; past the "
                       "other, input left unread leaves the test case inconclusive as its verdict criteria say.")),
            w.table(rows, (40, 60, 40, 30), title=w.t("测试设备的读取界限", "Reading bounds of the test equipment"),
                    anchor="reading-bounds")]


#: what table 1 says of the material past a bound of each kind (Bound.sample)
_PAST_SAMPLE = ("不予读取，不改变判定结果（界限确定所判定的样本）",
                "not read; no effect on the verdict (the bound fixes the sample judged)")
_PAST_OTHER = ("不予判定，测试用例按其“不确定”判定准则判定",
               "not judged; the test case is inconclusive as its verdict criteria say")


def _file_bound(w: Writer) -> Bound:
    """5.1's bound on a file read, stated in its paragraph (bodyclauses.file_bound_text), with the IXIT's range
    (schemas/manifest/target-file.json): the 编制说明 gives its reason as for the table's (forty-second reading, b2,
    d14: 64 MiB and 1 024 B to 1 TiB stood nowhere in the 编制说明)."""
    mib, grouped, _ = file_defaults()
    low, high = ixit_range(w, "file", "max_file_bytes")
    return Bound(("测试设备读取文件的上限", "size of a file read"),
                 (f"{mib} MiB（{grouped} B）；IXIT 可另给 {spaced(low)} B 至 {spaced(high)} B（`max_file_bytes`）",
                  f"{mib} MiB ({grouped} B); the IXIT may give {spaced(low)} B to {spaced(high)} B (`max_file_bytes`)"),
                 (f"{mib} MiB 限定读取一个文件所需的内存与时长，大于本文件对模型文件所定的最大字节数 10 MB（`max_model_bytes`），"
                  f"满足该要求的模型不会因此未予读取；IXIT 的范围只排除误写的数值：小于 {spaced(low)} B 的上限连元数据文档也无从读取，"
                  f"大于 {binary_size(high)} 的文件超出一次测试所能读取的数据量",
                  f"{mib} MiB bounds the memory and time reading one file takes and is larger than the 10 MB this "
                  "document sets for a model file (`max_model_bytes`), so no model meeting that requirement is left "
                  f"unread by it; the IXIT's range only rules out mistyped values: a bound below {spaced(low)} B would leave even "
                  f"a metadata document unread, a file above {binary_size(high)} is more than one test can read"))


def _files_bound(w: Writer) -> Bound:
    """5.1's bound on the files one path or glob stands for (``max_files``, bodyclauses.file_bound_text), with the
    IXIT's range (target-file.json): forty-fourth reading, ax1, where E.10 made the files past it a finding."""
    files = file_defaults()[2]
    from ..adapters.file import MAX_MATCHES
    assets = spaced(MAX_MATCHES // 2)
    low, high = ixit_range(w, "file", "max_files")
    return Bound(("一个路径或通配模式读取的文件数", "files read of one path or glob"),
                 (f"{files} 个；IXIT 可另给 {spaced(low)} 至 {spaced(high)} 个（`max_files`）",
                  f"{files}; the IXIT may give {spaced(low)} to {spaced(high)} (`max_files`)"),
                 _covering(("限定列出与读取一个目标的文件所需的时长与内存；一个路径误指向过大的目录（如根目录）时，测试仍在有限时间内结束",
                            "to bound the time and memory listing and reading a target's files take; a path naming too "
                            "large a folder by mistake (the root, say) still ends the test in bounded time"),
                           f"以每项资产一个模型文件与一个元数据文件计，{files} 个文件容纳 {assets} 项资产的目录；"
                           "声明文件的 `paths` 能列出多个路径，更多的文件能按子目录分为多个路径，每个路径各按本界限读取；"
                           # fifty-ninth reading, a2: the IXIT range's ends had no reason
                           f"IXIT 的范围只排除误写的数值：小于 {spaced(low)} 个的上限一个文件也不读取，大于 {spaced(high)} 个文件"
                           f"以每个文件平均 1 MiB 计已近 {binary_size(1 << 40)}（读取界限“测试设备读取文件的上限”的最大值），"
                           "超出一次测试所能读取的数据量",
                           f"at one model file and one metadata file an asset, {files} files take in a folder of "
                           f"{assets} such pairs; the manifest's `paths` may list several paths, so more files "
                           "can be split by folder into several paths, each read within the bound; the IXIT's range only "
                           f"rules out mistyped values: a bound below {spaced(low)} would read no file at all, and more "
                           f"than {spaced(high)} files at 1 MiB each on average come near {binary_size(1 << 40)} (the "
                           "largest value of the reading bound \"size of a file read\"), more than one test can read"))


#: the deepest nesting the harness's JSON parser (orjson) reads: deeper, it refuses the document itself ("depth limit
#: exceeded"); max_json_depth's largest value is half of it (tests/drafting/test_reading_fiftyninth_note.py holds it)
PARSER_DEPTH = 1024


def response_defaults() -> tuple[int, str, int]:
    """The HTTP target's default bounds as 5.1 writes them: the body's MiB, its bytes grouped, the JSON depth."""
    from .._io.parsing import DEFAULT_MAX_DEPTH
    from ..adapters.http import DEFAULT_MAX_RESPONSE_BYTES
    return DEFAULT_MAX_RESPONSE_BYTES >> 20, spaced(DEFAULT_MAX_RESPONSE_BYTES), DEFAULT_MAX_DEPTH


def _response_bounds(w: Writer) -> tuple[Bound, Bound]:
    """5.1's bounds on an HTTP answer read (bodyclauses.response_bound_text), with the IXIT's ranges
    (schemas/manifest/target-http.json): forty-fourth reading, ax1, where E.11 made an answer past them a finding."""
    mib, grouped, depth = response_defaults()
    low, high = ixit_range(w, "http", "max_response_bytes")
    shallow, deep = ixit_range(w, "http", "max_json_depth")
    return (Bound(("测试设备读取 HTTP 响应体的上限", "size of an HTTP response body read"),
                  (f"{mib} MiB（{grouped} B）；IXIT 可另给 {spaced(low)} B 至 {spaced(high)} B（`max_response_bytes`）",
                   f"{mib} MiB ({grouped} B); the IXIT may give {spaced(low)} B to {spaced(high)} B (`max_response_bytes`)"),
                  (f"{mib} MiB 限定读取一个响应所需的内存与时长；以每页 100 个条目（测试参数 `page_size`）计，"
                   f"它容纳每个条目平均至多 {spaced((mib << 20) // 100)} B 的列表页；IXIT 的范围只排除误写的数值："
                   f"小于 {spaced(low)} B 的上限连一个问题详情响应也无从读取，其最大值 {binary_size(high)} 与读取界限“内容文件的大小”相同",
                   f"{mib} MiB bounds the memory and time reading one response takes; at 100 items a page (the test "
                   f"parameter `page_size`) it takes in a list page of up to {spaced((mib << 20) // 100)} B an item on "
                   "average; the "
                   f"IXIT's range only rules out mistyped values: a bound below {spaced(low)} B would leave even a problem "
                   f"details response unread, and its largest value, {binary_size(high)}, is the reading bound \"size of a content file\"")),
            Bound(("测试设备读取 JSON 响应的嵌套层数", "nesting depth of a JSON response read"),
                  (f"{depth} 层；IXIT 可另给 {shallow} 至 {deep} 层（`max_json_depth`）",
                   f"{depth} levels; the IXIT may give {shallow} to {deep} (`max_json_depth`)"),
                  (f"限定解析一个响应所需的内存与时长，RFC 8259 第 9 节允许解析方限定嵌套深度，深于界限的响应因而不违反 JSON 格式；"
                   f"{depth} 层容纳 GeoJSON（RFC 7946）要素集合中多面几何的坐标所需 8 层的 {depth // 8} 倍；"
                   f"IXIT 的范围只排除误写的数值：小于 {shallow} 层的上限连含一个对象或数组成员的对象也无从读取，"
                   # fifty-ninth reading, a2: the largest depth had no reason
                   f"{deep} 层为测试工具所用 JSON 解析器（orjson）自身拒绝解析的深度 {spaced(PARSER_DEPTH)} 层的一半，"
                   "使读取界限而非解析器决定何种响应不予读取，并为解析器的版本变化留出余量",
                   "to bound the memory and time parsing one response takes; RFC 8259 section 9 lets a parser bound the "
                   f"nesting depth, so a response nested deeper breaks no JSON rule; {depth} levels are {depth // 8} times "
                   "the 8 a GeoJSON (RFC 7946) feature collection's MultiPolygon coordinates need; the IXIT's range only "
                   "rules out "
                   f"mistyped values: a bound below {shallow} would leave even an object with one object or array member "
                   f"unread, and {deep} is half the {spaced(PARSER_DEPTH)} levels past which the harness's JSON parser "
                   "(orjson) itself refuses a document, so the reading bound, not the parser, decides which responses "
                   "are unread, with room for the parser's versions to change")))


def request_timeout(w: Writer) -> tuple[str, str]:
    """The HTTP target's request time limit as 5.1 writes it, the adapter's default (``DEFAULT_TIMEOUT_S``) and the
    largest the IXIT may give (target-http.json's ``timeout_s``): forty-eighth reading, part h101-timeouts, where
    「连接失败或超时」 decided a verdict and no clause gave the limit."""
    from ..adapters.http import DEFAULT_TIMEOUT_S
    return f"{DEFAULT_TIMEOUT_S:g}", f"{_ixit_member(w, 'http', 'timeout_s')['maximum']:g}"


def _timeout_bound(w: Writer) -> Bound:
    """5.1's request time limit (bodyclauses.request_timeout_text) with its reason in the 编制说明."""
    seconds, most = request_timeout(w)
    return Bound(("测试设备的请求时限", "request time limit of the test equipment"),
                 (f"{seconds} s；IXIT 可另给大于 0 s 至 {most} s（`timeout_s`）",
                  f"{seconds} s; the IXIT may give more than 0 s up to {most} s (`timeout_s`)"),
                 ("限定测试设备等待一个无应答的请求的时长，使一次测试在有限时间内结束；它不是对响应时间的要求，各测试用例以其自身的"
                  f"时限判定响应时间。测试用例以请求未在时限内得到应答判定通过或不通过时，所用的 {seconds} s 固定，不随 IXIT "
                  f"改变：{seconds} s 为共享空间中状态到达其他参与者所允许的最大时延 400 ms 的 25 倍，按交互所需时延应答的平台"
                  "不因测试网络的偶然时延被判为未应答，而从不应答的请求不使测试无限等待；IXIT 的范围只排除误写的数值：大于 "
                  f"{most} s 的等待超出一次测试所能承受的时长",
                  "to bound how long the test equipment waits for a request that is not answered, so that a test ends "
                  "in bounded time; it is no requirement on response times, which each test case judges by its own "
                  f"limit. Where a test case decides pass or fail by a request not answered in time, the {seconds} s are "
                  f"fixed, whatever the IXIT gives: {seconds} s is 25 times the 400 ms a shared space allows at most for a "
                  "state to reach the other participants, so a platform answering as interaction needs is not judged "
                  "unanswered for a chance delay of the test network, while a request never answered does not hold the "
                  f"test without end; the IXIT's range only rules out mistyped values: a wait above {most} s is longer "
                  "than one test can bear"))


#: a bound's value as limits: each number with the unit or thing counted after it, 「1 000 页」, 「16 MiB」,
#: 「2⁵³ 个吸附网格步长」; in English up to the words saying what of, "1 000 pages", "200 pairs"
_QUANTITY = (re.compile(r"(?:\d{1,3}(?: \d{3})+|\d+)[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?: ?(?:[A-Za-z]+|页|对|帧|条|个[^\W\d的]*))?"),
             re.compile(r"(?:\d{1,3}(?: \d{3})+|\d+)[⁰¹²³⁴⁵⁶⁷⁸⁹]*"
                        r"(?: (?!(?:of|for|along|in|at|and|across|evenly|within)\b)[A-Za-z]+)*"))


_BRACKETED = re.compile(r"（[^）]*）|\s?\([^)]*\)")


def named_bounds(text: str) -> dict[str, str]:
    """The 5.1 bounds a Chinese text cites by name, 「读取界限“跟随的列表页数”」, each as a limit, Chinese to English
    (sixty-second reading, b3: IF-UDP-001, -003 and -009 cite 1 000 页 so in their 不确定 line and stood in no row of
    三（三）, while AS-CONT-001's 1 GiB, a bound too, had its row)."""
    # every quantity of the value, not its first alone (sixty-fifth reading, a1: AS-AIGC-015's 256 MiB stood in no row);
    # one in brackets restates the one before it, 「256 MiB（268 435 456 B）」, and is no bound of its own
    out: dict[str, str] = {}
    for bound in BOUNDS:
        if f"读取界限“{bound.name[0]}”" in text:
            zh, en = ([m.group(0) for m in pattern.finditer(_BRACKETED.sub("", value))]
                      for pattern, value in zip(_QUANTITY, bound.value, strict=True))
            out |= dict(zip(zh, en, strict=True))
    return out


def all_bounds(w: Writer) -> tuple[Bound, ...]:
    """Every bound the 编制说明 gives a reason for: 5.1's paragraph bounds with the IXIT's ranges, then its table's
    (fifty-second reading, d6: a test read the table's alone, and the 4 MiB and the 5 000 files escaped it)."""
    return (_file_bound(w), _files_bound(w), *_response_bounds(w), _timeout_bound(w), *stated(w))


def bounds_basis(w: Writer) -> list[Block]:
    """The 编制说明's reason for each bound (三（三）): the document sets them, and why."""
    rows = [(w.t("读取界限", "Reading bound"), w.t("数值", "Value"), w.t("确定依据", "Basis"))]
    rows += [(w.t(*b.name), w.t(*b.value), w.t(f"本文件自定：{b.why[0]}。", f"Set by this document: {b.why[1]}."))
             for b in all_bounds(w)]
    return [w.para(w.t("5.1 所列测试设备的读取界限均为本文件自定，不是测试参数，也不是判定阈值：超出界限的输入不予判定；"
                       "确定所判定样本的界限之外的输入不予读取，不改变判定结果，其余界限之外有输入时相应测试用例判定为不确定"
                       "（见 5.1 表中“超出界限的部分”一栏）。文件与 HTTP 响应的读取界限与请求时限是测试设备的默认值，IXIT 可在 5.1 所给的范围内另给；"
                       "IXIT 所给的请求时限只改变测试设备对未得到应答即判为不确定的请求"
                       "等待多久，测试用例以请求未在时限内得到应答判定通过或不通过时，所用的时限固定（见 5.1）。各界限的理由如下表。",
                       "The reading bounds of the test equipment 5.1 lists are this document's own, neither test "
                       "parameters nor verdict thresholds: an input past a bound is not judged; past a bound fixing the sample "
                       "judged it is not read and changes no verdict, past any other it leaves its test case "
                       "inconclusive (5.1's table, column \"Past the bound\"). "
                       "The bounds on files and HTTP responses and the request time limit are the test equipment's defaults, "
                       "which the IXIT may change within the ranges 5.1 gives; an IXIT request time limit only changes how long the equipment "
                       "waits for a request whose lack of an answer leaves a case inconclusive; where a test case decides "
                       "pass or fail by a request not answered in time, the limit is fixed (see 5.1). The table gives "
                       "each one's reason."), normative=False),
            Block("table", rows=tuple(tuple(w.fix(c) for c in row) for row in rows), lang=w.tag, normative=False,
                  widths=(40, 55, 70))]
