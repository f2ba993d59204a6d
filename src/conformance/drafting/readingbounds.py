"""The reading bounds of the test equipment, stated once in 5.1 as the document's own test parameters (issue 76,
forty-first reading, part h94-equip: rows c4, c7, c8, d6, x1). The cases carried them as 「本测试设备的上限」, a limit
of one tool; now each is a bound this document sets, with the reason the 编制说明 gives, and a case cites it by its
name. Material past a bound is not judged: past a sampling bound it is not read and the case judges the sample the
bound fixes; past any other the case's 不确定 line says so (fifty-fourth reading, part h108-bounds). The values are
the checks' own constants (tests/drafting/test_spec_leftovers_fortyfirst_h94equip.py holds them equal)."""

from __future__ import annotations

import re
from typing import Any

from .._catalog.schemas import BASE_URI
from .boundtable import BOUNDS, Bound, covering, spaced
from .writer import Block, Writer, normative, table_ahead


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
                 covering(("限定列出与读取一个目标的文件所需的时长与内存；一个路径误指向过大的目录（如根目录）时，测试仍在有限时间内结束",
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
#: a number, or a product of two (「8192 × 8192 像素」, sixty-ninth reading, read69d's doubtful 3: the cell held a bare
#: 「8192」), then its unit (「像素」 and 「次读数」 among them, so no figure stands in a cell without one)
_NUMBER = r"(?:\d{1,3}(?: \d{3})+|\d+)[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?: × (?:\d{1,3}(?: \d{3})+|\d+))?"
_QUANTITY = (re.compile(_NUMBER + r"(?: ?(?:[A-Za-z]+|页|对|帧|条|像素|次[^\W\d的]*|个[^\W\d的]*))?"),
             re.compile(_NUMBER + r"(?: (?!(?:of|for|along|in|at|and|across|evenly|within)\b)[A-Za-z]+)*"))


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
