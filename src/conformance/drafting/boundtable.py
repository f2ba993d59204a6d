"""The table of the test equipment's reading bounds 5.1 states (``BOUNDS``), each with its value and the reason the
编制说明 gives; :mod:`.readingbounds` writes 5.1's clause and the 编制说明's table from it (split from that module at the
sixty-seventh reading, part h130-term, to keep it under the house limit when TD-BCI-007's bound was added)."""

from __future__ import annotations

from dataclasses import dataclass


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

#: the glTF-Validator's heap cap (``khronos.NODE_HEAP_MB``, tests/drafting/test_reading_sixtyseventh_h130_assets.py
#: holds them equal), MiB as Node.js's ``--max-old-space-size`` counts them
CAP_MIB = 96
#: measured while drafting (2 cores, Node.js 24.19.0, glTF-Validator 2.0.0-dev.3.10): the most accessors and the most
#: nodes a `.gltf` file may hold and still be validated within the cap (4.4 MB and 0.65 MB of JSON), and what a
#: 16 MiB `.gltf` file of accessors needs (MiB; binary search of the cap, 1 MiB steps)
ACCESSORS_WITHIN = 68_961
NODES_WITHIN = 73_945
FULL_ACCESSORS = 262_077
FULL_ACCESSORS_NEED_MIB = 350


def spaced(number: int) -> str:
    """``1073741824`` as ``1 073 741 824``: digits grouped in threes with a space, as the draft writes numbers."""
    return f"{number:,}".replace(",", " ")


_DURATION = ("限定一次测试的时长与所需内存", "to bound a test's duration and memory")
_REQUESTS = ("限定向被测服务发出的请求数与测试时长", "to bound the requests made to the service under test and the test's duration")
_OVERLAP = ("限定三维重叠计算的时长", "to bound the duration of the 3D overlap computation")
_MEMORY = ("限定所需内存", "to bound the memory needed")


#: what becomes of an input past a bound, the end of its reason (zh, en)
_UNJUDGED = ("不予判定，相应测试用例判定为不确定，不因本界限判定为不通过",
             " is not judged, its test case inconclusive, never failed for the bound")


def covering(purpose: tuple[str, str], zh: str, en: str) -> tuple[str, str]:
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
    Bound(("glTF 校验的内存", "memory of glTF validation"),
          (f"校验每个 glTF 文件至多 {CAP_MIB} MiB", f"{CAP_MIB} MiB for validating each glTF file"),
          ("限定校验器所用的内存，使任何文件都不致耗尽测试设备的内存；该值为运行校验器的进程中 JavaScript 对象"
           "所用内存的上限，每个文件在该上限之内单独判定，超出上限的文件不影响其他文件的校验。校验所需的内存随"
           "文件 JSON 中的对象数增长，而非随文件的字节数增长，在编制时所用的测试设备上测得："
           f"{CAP_MIB} MiB 容纳 {spaced(ACCESSORS_WITHIN)} 个访问器或 {spaced(NODES_WITHIN)} 个节点；"
           "缓冲中的二进制数据不计入其中，以二进制数据为主的 16 MiB GLB 文件，以及达到本文件所定各项渲染预算"
           "（`max_model_bytes` 10 MB、`max_vertices` 150 000、`max_triangles` 100 000、`max_draw_calls` 50）"
           "的模型，校验所用内存均不超过 16 MiB；JSON 中对象更多的文件即使不大于 16 MiB 也可能超出本界限（含 "
           f"{spaced(FULL_ACCESSORS)} 个访问器的 16 MiB `.gltf` 文件约需 {FULL_ACCESSORS_NEED_MIB} MiB），"
           "这样的文件不予判定，相应测试用例判定为不确定",
           "to bound the memory the validator uses, so that no file takes the test equipment's memory; it caps the memory "
           "of the JavaScript objects of the process running the validator, each file is judged within it alone, and a "
           "file past it does not affect the validation of the others. The memory a validation needs grows with the "
           "objects of the file's JSON, not with its bytes, as measured on the test equipment used in drafting: "
           f"{CAP_MIB} MiB take in {spaced(ACCESSORS_WITHIN)} accessors or {spaced(NODES_WITHIN)} nodes; the binary data "
           "of buffers is not counted, and a 16 MiB GLB file mostly of binary data, like a model at each rendering budget "
           "this document sets (`max_model_bytes` 10 MB, `max_vertices` 150 000, `max_triangles` 100 000, `max_draw_calls` "
           "50), is validated within 16 MiB of memory; a file whose JSON holds more objects may pass the bound though no "
           f"larger than 16 MiB (a 16 MiB `.gltf` file of {spaced(FULL_ACCESSORS)} accessors needs about "
           f"{FULL_ACCESSORS_NEED_MIB} MiB), and such a file is not judged, its test case inconclusive"),),
    Bound(("内容文件的大小", "size of a content file"),
          ("每个内容文件至多 1 GiB（1 073 741 824 B）", "1 GiB (1 073 741 824 B) for each content file"),
          ("限定计算一个文件的摘要所需的读取量与时长；该值大于本文件对模型文件所定的最大字节数 10 MB（`max_model_bytes`），"
           "满足该要求的模型全部得到摘要",
           "to bound the bytes read and the time computing one file's digest takes; it is larger than the 10 MB this "
           "document sets for a model file (`max_model_bytes`), so every model meeting that requirement is digested")),
    Bound(("瓦片集的瓦片数", "tiles of a tileset"),
          ("每个瓦片集 JSON 沿其瓦片树至多 200 000 个瓦片", "200 000 tiles along each tileset JSON's tile tree"),
          covering(_DURATION, "它容纳 9 层的完整四叉树（87 381 个瓦片）与 6 层的完整八叉树（37 449 个瓦片），更大的瓦片树能拆为"
                    "外部瓦片集，每个瓦片集 JSON 各按本界限读取",
                    "it takes in a full quadtree of 9 levels (87 381 tiles) and a full octree of 6 (37 449 tiles), and a "
                    "larger tree can be split into external tilesets, each tileset JSON read within the bound")),
    # sixty-ninth reading, c2: SC-TILE-006's walk of external tilesets (scenes.confine.MAX_TILESETS) stopped at a
    # budget no text named, leaving the tileset unjudged
    Bound(("跟随的外部瓦片集数", "external tilesets followed"),
          ("每个瓦片集 JSON 所到达的各级外部瓦片集至多 2 000 个", "2 000 external tilesets, at every level, reached from each tileset JSON"),
          covering(_DURATION, "每个外部瓦片集各按读取界限“瓦片集的瓦片数”读取，2 000 个外部瓦片集各含 200 000 个瓦片时共 4 亿个"
                    "瓦片，为完整的 9 层四叉树（87 381 个瓦片）的 4 500 余倍；到达的外部瓦片集超出界限的瓦片集"
                    + _UNJUDGED[0],
                    "each external tileset is read within the reading bound \"tiles of a tileset\", and 2 000 external "
                    "tilesets of 200 000 tiles each are 400 million tiles, over 4 500 times a full quadtree of 9 levels "
                    "(87 381 tiles); a tileset reaching more external tilesets than the bound" + _UNJUDGED[1])),
    # sixty-ninth reading, part h133-ocaps4: SC-TILE-009 skipped the inner tiles of composites nested deeper than
    # scenes.legacy.MAX_DEPTH silently, judging the file on the rest
    Bound(("复合瓦片的嵌套层数", "nesting of composite tiles"),
          ("每个内容文件中内部瓦片的嵌套至多 8 个层级", "8 levels of inner tiles nested in each content file"),
          covering(_DURATION, "3D Tiles 1.1 允许复合瓦片含有复合瓦片而未规定层数；一层复合瓦片即能合并任意多个不同格式的瓦片，"
                   "内部瓦片嵌套不超过 8 个层级的内容文件全部得到判定；嵌套更深的内容文件" + _UNJUDGED[0],
                   "3D Tiles 1.1 lets a composite hold composites and sets no depth; one composite already joins any "
                   "number of tiles of different formats, and a content file nesting inner tiles up to 8 levels is "
                   "judged whole; a content file nesting them deeper" + _UNJUDGED[1])),
    Bound(("实体集的实体数", "entities of an entity set"),
          (f"每个实体集第一页的前 {ENTITIES} 个实体", f"the first {ENTITIES} entities of each entity set's first page"),
          covering(_REQUESTS, f"只读取服务所返回的第一页，一页不超过 {ENTITIES} 个实体时全部得到判定；连同每个实体的自链接与"
                    f"至多 {NAVIGATION_LINKS} 个导航链接，每个实体集至多发出 {SET_REQUESTS} 次请求（读取第一页 1 次，"
                    f"每个实体至多 {1 + NAVIGATION_LINKS} 次）",
                    f"only the first page the service returns is read, and a page of up to {ENTITIES} entities is judged "
                    f"whole; with each entity's self-link and at most {NAVIGATION_LINKS} navigation links, an entity set "
                    f"takes at most {SET_REQUESTS} requests (1 reading the first page, at most {1 + NAVIGATION_LINKS} an "
                    "entity)"),
          sample=True),
    Bound(("实体的导航链接数", "navigation links of an entity"),
          (f"每个实体的前 {NAVIGATION_LINKS} 个导航链接", f"the first {NAVIGATION_LINKS} navigation links of each entity"),
          covering(_REQUESTS, "SensorThings API 1.1 连同其任务部分与 `MultiDatastream` 扩展中，导航链接最多的实体 `Thing` "
                    "有 5 个（`Locations`、`HistoricalLocations`、`Datastreams`、`MultiDatastreams` 与 `TaskingCapabilities`），"
                    "符合标准的实体的导航链接因此全部得到跟随",
                    "in SensorThings API 1.1 with its tasking part and the `MultiDatastream` extension the entity with "
                    "the most navigation links, `Thing`, has 5 (`Locations`, `HistoricalLocations`, `Datastreams`, "
                    "`MultiDatastreams` and `TaskingCapabilities`), so every navigation link of a conforming entity is "
                    "followed"), sample=True),
    Bound(("判定的示例 DID 数", "example DIDs judged"),
          ("服务发现文档 `example_dids` 所列条目中前 5 个语法有效的 DID",
           "the first 5 syntactically valid DIDs of the entries the discovery document's `example_dids` lists"),
          covering(_REQUESTS, "`example_dids` 是平台为测试所举的示例，不是其能解析的全部 DID；引用它的测试用例对每个 "
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
          covering(("限定逐毫秒搜索时移的计算量", "to bound the computation of the millisecond-step shift search"),
                    "在至多 40 000 帧（读取界限“数据流保留的帧数”）的数据流中至少每 20 帧取 1 帧，整个采集时段均有帧参与",
                    "in a stream of at most 40 000 frames (the reading bound \"frames held of a stream\") at least one "
                    "frame in 20 is taken, so the whole capture takes part"), sample=True),
    Bound(("声源信号的时长", "length of a source's signal"), ("60 s", "60 s"),
          covering(_DURATION, "60 s 含 3 000 个 20 ms 的窗口，为引用它的测试用例所需至少 50 个测得窗口的 60 倍",
                    "60 s hold 3 000 windows of 20 ms, 60 times the 50 measured windows the test case citing it needs at least")),
    Bound(("比较的实体对数", "pairs of solids compared"),
          ("每个文件 200 对包围盒相交的实体", "200 pairs of solids whose boxes meet, in each file"),
          covering(_OVERLAP, "每个建筑物与两侧相邻建筑物的包围盒相交时，200 对容纳约 200 个建筑物连成的街区",
                    "where each building's box meets those of its two neighbours, 200 pairs take in a block of about 200 "
                    "buildings in a row")),
    Bound(("三维相交检测的多边形数", "polygons of a 3D intersection test"),
          ("每个受检的壳、实体、组合实体或实体对合计至多 1 000 个",
           "at most 1 000 polygons in all for each shell, solid, CompositeSolid or pair of solids tested"),
          covering(_OVERLAP, "每个实体至多 500 个多边形时实体对得到完整检测，为长方体实体 6 个面的 80 余倍",
                    "a pair of solids of up to 500 polygons each is tested whole, over 80 times the 6 faces of a "
                    "box-shaped solid")),
    Bound(("标记数据流的标记数", "markers of a marker stream"), ("200 000 个", "200 000 markers"),
          covering(_MEMORY, "标记按试次或提示给出，200 000 个为引用它的测试用例所需至少 20 个试次的 10 000 倍",
                    "markers come one a trial or cue, and 200 000 are 10 000 times the 20 trials the test cases "
                    "citing it need at least")),
    Bound(("校准时段的样本数", "samples of a calibration span"),
          ("每个正弦、短接、共模或串联时段至多 2 000 000 个样本", "2 000 000 samples of each sine, shorted, common-mode or "
                                                      "series span"),
          # sixty-eighth reading, a1: the reason claimed every span the preconditions describe was read whole, which
          # holds only up to 2 000 000 samples a span; the case fixes neither the rate nor a span's length
          covering(_MEMORY, "一个时段至多读取 2 000 000 个样本，在 10 kHz 的采样率下为 200 s，为最低频率 0.5 Hz 的正弦测量所需 "
                   "2 个周期（4 s）的 50 倍，在不高于 500 kHz 的采样率下也容纳这 2 个周期；样本数超过界限（时段更长或"
                   "采样率更高）的时段" + _UNJUDGED[0],
                   "a span is read up to 2 000 000 samples, 200 s at a sampling rate of 10 kHz, 50 times the 2 cycles "
                   "(4 s) measuring the lowest sine, of 0.5 Hz, needs, and those 2 cycles fit at any rate up to 500 kHz; "
                   "a span of more samples (longer, or sampled faster)" + _UNJUDGED[1])),
    # sixty-eighth reading, c3: the bench cases' caps (bench_trace.MAX_TRACE_SAMPLES, tactile.MAX_READINGS and
    # bench_trace.MAX_COMMANDS) stood in no row, and a step or command past them was only counted, so a device passed
    # on what was kept; past them the stream is unjudged now
    Bound(("试验台记录保留的样本数", "samples held of a bench record"),
          # sixty-ninth reading, c3/d1: an eye-gaze stream on the artificial-eye bench (gaze_steps.MAX_SAMPLES)
          ("每个数据流 2 000 000 个样本（力传感器、加速度计、光离子化检测器与光电二极管的记录按样本计，压头、触觉阵列、"
           "触摸阵列与深度传感器的记录按帧计，测距仪与角反射器的记录按读数计，雷达的记录按点计，人工眼试验台上眼动数据流的"
           "有效样本与经接口读取的应答按样本计）",
           "2 000 000 samples of each stream (a force transducer's, accelerometer's, photoionization detector's or "
           "photodiode's record counted in samples, an indenter's, tactile array's, touch array's or depth sensor's in "
           "frames, a distance meter's or corner reflector's in readings, a radar's in points, an eye-gaze stream's "
           "valid samples and the answers read through the interface on the artificial-eye bench in samples)"),
          covering(_MEMORY, "2 000 000 个样本在 1 kHz 的采样率（力传感器的最低采样率）下为 2 000 s，为力反馈测试用例所举阶梯"
                   "（8 级各保持 400 ms，共 3.2 s）的 600 余倍，在 10 kHz 下为 200 s；按帧、读数或点计的记录每秒 1 000 个时"
                   "同为 2 000 s；更长的测试能分为多个采集文件，每个文件的数据流各按本界限读取；记录超出界限的数据流不予判定，相应测试用例判定为不确定，不因本界限判定为"
                   "不通过",
                   "2 000 000 samples are 2 000 s at a sampling rate of 1 kHz (the least a force transducer may have), "
                   "over 600 times the staircase the force-feedback test case gives as an example (8 levels held 400 ms "
                   "each, 3.2 s), and 200 s at 10 kHz; a record counted in frames, readings or points is 2 000 s at "
                   "1 000 a second too; a longer test can be split into several captures, each one's streams read "
                   "within the bound; a stream whose record goes past the bound" + _UNJUDGED[1])),
    Bound(("保留的指令数", "commands held"), ("每个被测数据流 200 000 条指令", "200 000 commands of each stream measured"),
          covering(_MEMORY, "以 1 kHz 逐帧下达的力指令 200 000 条为 200 s，为力反馈测试用例所举阶梯（共 3.2 s）的 60 余倍；"
                   "振动与气味指令逐条下达，经运行时测试接口发送的测试计划分别为 9 条振动与 4 个气味；指令超出界限的"
                   "数据流" + _UNJUDGED[0],
                   "200 000 force commands given frame by frame at 1 kHz are 200 s, over 60 times the staircase "
                   "the force-feedback test case gives as an example (3.2 s); vibrations and scents are commanded one at a "
                   "time, and the test schedules sent through the runtime test interface hold 9 vibrations and 4 "
                   "scents; a stream whose commands go past the bound" + _UNJUDGED[1])),
    # sixty-eighth reading, part h131-caps (c3's class): the caps of a spectroradiometer's, a luminance meter's and a
    # camera's kept readings (200 000 each) were a note past them, so a case passed on what was kept
    Bound(("测量保留的读数", "readings held of a measurement"),
          # sixty-ninth reading, c3/d1 and read69d's doubtful 1: the poses of a motion programme, a session and a head
          # (motion_programme.MAX_FRAMES, headtracking.MAX_POSES) and a view_scale camera's (magnification.MAX_READINGS)
          ("每个数据流 200 000 次读数（光谱辐射计与亮度计按读数计，相机与标定板按帧计，位姿数据流按有效位姿计）",
           "200 000 readings of each stream (a spectroradiometer's or luminance meter's counted in readings, a "
           "camera's or calibration board's in frames, a pose stream's in valid poses)"),
          covering(_MEMORY, "200 000 帧在每秒 30 帧下为 6 000 余 s，容纳的保持段为每个保持段所需 10 帧的 20 000 倍；"
                   "200 000 次读数为取中位数所需至少 5 次读数的 40 000 倍；200 000 个位姿在每秒 1 000 个下为 200 s，"
                   "为运动程序（约 4.1 s）的 40 余倍，在至多 60 s 的声源信号（读取界限“声源信号的时长”）期间容纳每秒 3 000 个以上的"
                   "头部位姿；读数超出界限的数据流" + _UNJUDGED[0],
                   "200 000 frames are over 6 000 s at 30 frames a second, 20 000 times the 10 frames a hold needs; "
                   "200 000 readings are 40 000 times the 5 readings a median needs at least; 200 000 poses are 200 s at "
                   "1 000 a second, over 40 times the motion programme (about 4.1 s), and take in over 3 000 head poses "
                   "a second through a source's signal of up to 60 s (the reading bound \"length of a source's "
                   "signal\"); a stream whose readings go past the bound" + _UNJUDGED[1])),
    # sixty-eighth reading, c5: the quilt's cap failed R1, though it bounds the test equipment's decoding memory
    Bound(("拼图的像素数", "pixels of a quilt"),
          ("每幅拼图至多 8192 × 8192 像素（67 108 864 像素）", "8192 × 8192 pixels (67 108 864 pixels) of each quilt"),
          ("限定解码一幅拼图所需的内存：64 Mi 像素，按检查计算所用的每像素 4 字节灰度值为 256 MiB，在解码之前按文件头判定；"
           "8192 × 8192 像素容纳 8 列 6 行、每个视图 1024 × 1365 像素的拼图；"
           "像素数更多的拼图" + _UNJUDGED[0],
           "to bound the memory decoding one quilt takes: 64 Mi pixels, 256 MiB as the 4-byte grey values the check "
           "computes on, judged on the file's header before anything is decoded; 8192 × 8192 pixels hold a quilt of 8 "
           "columns and 6 rows of 1024 × 1365 pixel views; a quilt of more pixels" + _UNJUDGED[1])),
    # sixty-ninth reading, read69d's doubtful 1: recognition.MAX_KEPT, the device's output about a voice stream the
    # corpus is played to, was counted past the cap and the stream judged on what was kept
    Bound(("设备输出保留的条目数", "items held of a device's output"),
          ("每个受测语音数据流的最终识别结果、语音事件与字幕条目每类 100 000 条",
           "100 000 items of each kind (final results, voice events, caption cues) about each voice stream played to"),
          covering(_MEMORY, "参考语料每种语言 6 个语句，在安静与噪声条件下各播放一次，另有至少 4 次唤醒词播放，每次播放的"
                   "结果、事件与字幕逐条给出；1 h 收听时段内即使每秒有 10 条语音事件也只有 36 000 条，界限容纳其 2 倍有余；任一类条目超出界限的"
                   "语音数据流" + _UNJUDGED[0],
                   "the reference corpus holds 6 phrases a language, each played once in quiet and once in noise, with "
                   "at least 4 plays of the wake word, and each play's results, events and cues come one by one; even "
                   "10 voice events a second over the hour of listening are only 36 000, which the bound takes in twice over and more; a voice stream with any kind "
                   "past the bound" + _UNJUDGED[1])),
    Bound(("跟随的列表页数", "list pages followed"), ("1 000 页", "1 000 pages"),
          covering(_REQUESTS, "以每页 100 个条目（测试参数 `page_size`）计，1 000 页容纳 100 000 个条目的列表",
                    "at 100 items a page (the test parameter `page_size`), 1 000 pages hold a listing of 100 000 "
                    "items")),
    Bound(("读取的观测数", "Observations read of a Datastream"),
          ("每个 `Datastream` 按 `phenomenonTime` 降序的前 10 个观测（一页）",
           "the 10 newest Observations of each `Datastream` by `phenomenonTime` (one page)"),
          covering(_REQUESTS, "最新的观测是数字孪生所显示的观测，一页的 10 个观测全部得到判定",
                    "the newest Observations are those a digital twin shows, and the 10 of one page are judged whole"),
          sample=True),
    Bound(("跟随的观测页数", "Observation pages followed"),
          ("每个 `Datastream` 的观测至多 5 页", "5 pages of each `Datastream`'s Observations"),
          covering(_REQUESTS, "服务支持排序查询时所读的观测全部在其第一页之内，仅在排序查询失败时读取后续页面，未读完的页面不予判定",
                    "where the service supports the ordered query the Observations read all lie in its first page; "
                    "further pages are read only when the ordered query fails, and pages not read are left unjudged")),
    Bound(("MQTT 数据包的大小", "MQTT packet size"),
          ("每个数据包至多 256 KiB（262 144 B）", "256 KiB (262 144 B) for each packet"),
          covering(_MEMORY, "SensorThings API 经 MQTT 发布的每个数据包承载一个实体（如一个 `Observation`）的 JSON 表示，"
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
    # sixty-ninth reading, part h133-ocaps2: a picture over 4096 × 4096 pixels (assets.render.MAX_PIXELS) was reported
    # undecodable, a finding for its size alone
    Bound(("解码的图像像素数", "pixels of a picture decoded"),
          ("每幅图像至多 4096 × 4096 像素（16 777 216 像素）", "4096 × 4096 pixels (16 777 216 pixels) of each picture"),
          covering(("限定解码并查找标识所需的内存，在解码之前按文件头判定",
                    "to bound the memory decoding a picture and searching it for the label take, judged on the file's "
                    "header before anything is decoded"),
                   "16 Mi 像素按查找所用的每像素 8 字节灰度值为 128 MiB；4096 × 4096 像素为 3840 × 2160 像素（8 294 400 "
                   "像素）超高清画面的 2 倍有余；像素数更多的图像" + _UNJUDGED[0],
                   "16 Mi pixels are 128 MiB as the 8-byte grey values the search computes on; 4096 × 4096 pixels are "
                   "over twice an ultra-high-definition picture of 3840 × 2160 pixels (8 294 400 pixels); a picture of "
                   "more pixels" + _UNJUDGED[1])),
    # sixty-ninth reading, part h133-ocaps2: an MPD over 4 MiB or listing over 100 000 segments (assets.dash.MAX_BYTES,
    # MAX_SEGMENTS) was reported as not an MPD, a finding for its size alone
    Bound(("读取的 DASH 清单", "DASH manifest read"),
          ("每个 MPD 至多 4 MiB（4 194 304 B），所列分段至多 100 000 个",
           "4 MiB (4 194 304 B) and 100 000 segments listed of each MPD"),
          covering(_MEMORY, "直播录制的 MPD 更新只列出其时移窗口内的分段，100 000 个 2 s 的分段为 55 h 余；4 MiB 容纳以 "
                   "`SegmentTimeline` 逐个列出 100 000 个分段（每个 `S` 元素约 40 B）的 MPD；超出任一数值的 MPD"
                   + _UNJUDGED[0],
                   "an MPD update of a live recording lists the segments of its time-shift window, and 100 000 segments "
                   "of 2 s are over 55 h; 4 MiB take in an MPD listing 100 000 segments one by one in a "
                   "`SegmentTimeline` (some 40 B an `S` element); an MPD past either figure" + _UNJUDGED[1])),
    # sixty-ninth reading, part h133-ocaps2: a rendered stream was cut at 8 MiB (scenes.arrivals.MAX_STREAM_BYTES) and
    # the frames not read counted missing, a finding for its size alone
    Bound(("云端渲染流的读取量", "cloud-rendered stream read"),
          ("每个流至多 8 MiB（8 388 608 B）", "8 MiB (8 388 608 B) of each stream"),
          covering(_MEMORY, "8 MiB 容纳每帧平均约 14 KiB 的 600 帧 160 × 90 像素的流（该尺寸未经压缩的 YUV 4:2:0 帧为 "
                   "21 600 B），以及每帧平均约 341 KiB 的 24 帧 1920 × 1080 像素的流；超出界限的流读至界限为止，"
                   + _UNJUDGED[0],
                   "8 MiB take in a stream of 600 frames of 160 × 90 pixels at some 14 KiB a frame on average (an "
                   "uncompressed YUV 4:2:0 frame of that size is 21 600 B) and a stream of 24 frames of 1920 × 1080 "
                   "pixels at some 341 KiB a frame; a stream past the bound is read up to it and" + _UNJUDGED[1])),
    Bound(("生成视频的解码时长", "length of a generated video decoded"), ("每个视频的前 60 s", "the first 60 s of each video"),
          covering(("限定一次测试的时长", "to bound a test's duration"), "起始帧与自 1 s 起每隔 0.5 s 抽取的帧各以多个缩放级查找标识，"
                    "60 s 的视频共 120 帧；不长于 60 s 的视频全部帧均得到判定，长于 60 s 的视频其后的帧不予判定，"
                    "测试用例判定为不确定，不因本界限判定为不通过",
                    "the opening frame and a frame every 0.5 s from 1 s are each searched for the label at many scales, "
                    "120 frames in a video of 60 s; every frame of a video up to 60 s is judged, past 60 s a video's "
                    "frames are not judged and the test case is inconclusive, never failed for the bound")),
    Bound(("生成音频的解码量", "generated audio decoded"),
          ("每个音频至多 1 800 s，压缩音频文件至多 256 MiB（268 435 456 B）",
           "1 800 s of each audio, 256 MiB (268 435 456 B) of each compressed audio file"),
          covering(_DURATION, "1 800 s 的音频在 8 000 Hz 的分析采样率下为 14 400 000 个采样，以 10 ms 的步长与提示比较 180 000 "
                    "个起点；256 MiB 在 1 800 s 内容纳平均码率约 1 193 kbit/s 的压缩音频，高于 MP3 的最高码率 320 kbit/s，"
                    "不长于 1 800 s 的 MP3 文件因而全部得到解码；更长的音频或更大的文件不予判定，测试用例判定为不确定，"
                    "不因本界限判定为不通过",
                    "1 800 s of audio are 14 400 000 samples at the analysis rate of 8 000 Hz, and 180 000 starting points "
                    "compared with the prompt in steps of 10 ms; 256 MiB take in 1 800 s of compressed audio at about "
                    "1 193 kbit/s on average, above MP3's highest bit rate of 320 kbit/s, so every MP3 file of up to "
                    "1 800 s is decoded whole; longer audio or a larger file is not judged, its test case "
                    "inconclusive, never failed for the bound")),
    # sixty-ninth reading, part h133-ocaps4: ID-VCAPI-003's status list (identity.statuslist.MAX_BYTES) expanding past
    # 16 MiB was reported unreadable, a finding, with no text setting 16 MiB
    Bound(("状态列表的解压大小", "status list expanded"),
          ("每个状态列表解压后至多 16 MiB（16 777 216 B，134 217 728 个状态位）",
           "16 MiB (16 777 216 B, 134 217 728 status bits) of each status list expanded"),
          covering(_MEMORY, "W3C Bitstring Status List v1.0 规定比特串至少 131 072 位（16 KiB），16 MiB 为这一最短列表的 1 024 倍；"
                   "解压后超出界限的状态列表" + _UNJUDGED[0],
                   "W3C Bitstring Status List v1.0 sets a bitstring of at least 131 072 bits (16 KiB), and 16 MiB are "
                   "1 024 times that shortest list; a status list expanding past the bound" + _UNJUDGED[1])),
    # sixty-ninth reading, part h133-ocaps5: DID documents holding key text past identity.multikey.MAX_KEY_TEXT passed
    # on what was judged, the key neither decoded nor named
    Bound(("密钥文本的长度", "length of key text"),
          ("每个密钥文本（`publicKeyMultibase`、`publicKeyBase58` 或 `did:key` DID 所编码的密钥）至多 10 000 个字符",
           "10 000 characters of each key text (a `publicKeyMultibase`, a `publicKeyBase58` or the key a `did:key` DID "
           "encodes)"),
          covering(_DURATION, "`base58` 解码所需时长随文本长度的平方增长；FIPS 204 表 2 所列最大的后量子签名公钥 ML-DSA-87 "
                   "为 2 592 B，以 `base58btc` 书写约 3 540 个字符，以 `base16` 书写约 5 190 个字符，10 000 个字符在测试设备"
                   "所解码的任一多基编码（`base58btc`、`base64url`、`base64`、`base32`、`base16`）下均至少容纳 4 999 B 的密钥；"
                   "更长的密钥文本所在的文档" + _UNJUDGED[0],
                   "`base58` decoding takes time growing with the square of the text's length; ML-DSA-87's public key, the "
                   "largest post-quantum signature key FIPS 204 lists (Table 2), is 2 592 B, some 3 540 characters in "
                   "`base58btc` and 5 190 in `base16`, and 10 000 characters take in a key of at least 4 999 B in any "
                   "multibase encoding the test equipment decodes (`base58btc`, `base64url`, `base64`, `base32`, `base16`); a "
                   "document holding a longer key text" + _UNJUDGED[1])),
    Bound(("BBS+ 2020 证明所签的文档", "document a BBS+ 2020 proof signs"),
          ("至多 20 000 条陈述、8 MiB，验证至多 60 s", "20 000 statements and 8 MiB at most, verified within 60 s"),
          ("限定验证一个证明所需的内存与时长；三个数值相互配合：8 MiB 容纳 20 000 条平均 419 B 的陈述，"
           "在编制时所用的双核测试设备（与其他进程共用）上验证这样一份文档的签名测得约 60 s，验证 100 条陈述的文档不到 1 s，"
           "数十条陈述的凭证因而全部在界限之内",
           "to bound the memory and time verifying one proof takes; the three go together: 8 MiB take in 20 000 "
           "statements of 419 B on average, verifying the signature of such a document took about 60 s on the "
           "two-core test equipment used in drafting (shared with other processes), a document of 100 statements "
           "under 1 s, so a credential of tens of statements lies wholly within the bounds")),
    # sixty-ninth reading, part h133-media: a compressed PNG text chunk (assets.media._MAX_TEXT) was inflated to 1 MiB
    # and the cut text judged, silently
    Bound(("PNG 文本块的解压大小", "PNG text chunk expanded"),
          ("每个压缩的 PNG 文本块（`zTXt` 或压缩的 `iTXt`）解压后至多 1 MiB（1 048 576 B）",
           "1 MiB (1 048 576 B) of each compressed PNG text chunk (`zTXt` or compressed `iTXt`) expanded"),
          covering(_MEMORY, "GB 45438—2025 附录 E 所定隐式标识的成员为标志、名称与编号，一个标识通常不足 1 KiB，1 MiB "
                   "为其千倍以上，亦容纳载有该标识与其他元数据的 XMP 包；未压缩的文本块在文件大小上限之内完整读取；"
                   "带有解压后超出界限的文本块的文件" + _UNJUDGED[0],
                   "the members of the implicit label GB 45438-2025 annex E sets are a flag, names and numbers, a "
                   "label being under 1 KiB as a rule, and 1 MiB are over a thousand times that, taking in an XMP "
                   "packet carrying the label among other metadata; an uncompressed text chunk is read whole within "
                   "the file size cap; a file holding a text chunk expanding past the bound" + _UNJUDGED[1])),
    # the figures are the largest messages measured (seventy-first reading, d's doubtful 1: a 26-joint answer and 64
    # participants were named, not the 70 body joints and the 33 a session case holds;
    # tests/drafting/test_reading_seventyfirst_layers.py measures them)
    # sixty-ninth reading, part h133-ws: a WebSocket message over 256 KiB (_shared.jsonrpc_ws.MAX_MESSAGE_BYTES) closed
    # the connection, which IF-SES-001 failed as a participant not let join, a finding for its size alone
    Bound(("会话消息的大小", "session message size"),
          ("每条 WebSocket 消息至多 256 KiB（262 144 B）", "256 KiB (262 144 B) for each WebSocket message"),
          covering(_MEMORY, "RFC 6455 与附录 D 的 `session-message` 模式均未限定消息的大小；会话中每条状态消息（含 100 ms 的 "
                   "G.711 语音帧）不到 2 KiB，33 名参与者（负载测量的 32 名与 1 名后加入者）各带语音帧的快照不到 44 KiB，测试设备"
                   "经连接读取的运行时测试接口应答中最大者（70 个身体关节的位置，以参考实现测得）不到 24 KiB，256 KiB 为其中最大者的 5 倍以上；测试设备对超出界限的消息以关闭码 1009（RFC 6455，7.4.1）关闭连接，"
                   "该连接所在的运行" + _UNJUDGED[0],
                   "neither RFC 6455 nor annex D's `session-message` schema limits a message's size; a state message "
                   "of a session (a 100 ms G.711 voice frame with it) is under 2 KiB, a snapshot of 33 participants (the "
                   "load measurement's 32 and 1 late joiner), each with a voice frame, under 44 KiB, and the largest runtime "
                   "test interface answer the test equipment reads over a connection (the locations of 70 body joints, "
                   "measured with the reference implementation) under 24 KiB, 256 KiB being more "
                   "than 5 times the largest of them; the test equipment closes the connection of a message past the "
                   "bound with close code 1009 (RFC 6455, 7.4.1), and the run on that connection" + _UNJUDGED[1])),
)
