"""What the 编制说明's limits table reads a requirement's limits from (forty-first reading, part h94-basis): the
statement, its rules and the 判定准则 of its test case, whose 不通过 and 不确定 lines decide with numbers the statement
need not repeat (TD-PWR-003's 0.1 W cut-off, TD-DEPTH-002's 10 frames), and the dimensionless numbers a comparison
bounds (AS-AIGC-011's 「不低于 0.8 的归一化互相关」, TD-ACC-006's ratio 「应不小于 2」), which have no unit to be found by."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .._catalog.model import Requirement
from .explanatory_data import LIMIT
from .limittimes import clock_instants
from .testcases import case_for
from .wording import unit_symbols
from .writer import Writer

#: a comparison bounding the number after it: 「不低于 0.8」, 「不超过 0.15」, 「应不小于 2」, 「少于 10 000」
_BOUND = re.compile(r"(?:不低于|不小于|不超过|不大于|不高于|不少于|不多于|低于|高于|小于|大于|超过|少于|多于|至少|至多)\s?"
                    r"(\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.])|\d+(?:\.\d+)?)(?![\d.:])")
#: a difference bounded by 「在 N 以内」, 「强度与指令之差在 0.01 以内」 (fifty-first reading, c4: TD-OLF-004's and TD-RUN-004's 0.01
#: stood in no row, their quotes cut before its reason)
_WITHIN = re.compile(r"在\s?(\d+(?:\.\d+)?)\s?以内")
#: a step's clause giving a value this document sets, or one it takes from a cited clause (「6 至 10 位（取自 RFC 4226 第
#: 5.3 节……）」), which decides as the criteria do (forty-fourth reading, b9: ID-MFA-001's digits stood in no row)
_SET_HERE = re.compile(r"测试参数|本文件(?:规定|公布|固定)的|取自(?:[^，。；（）]|（\d{4}-\d\d-\d\d）){0,60}第 [\d.]+ 节")
#: a step's clause deciding what is measured or judged at all: what is grouped into a hold, left unmeasured, uncounted
#: or unjudged (forty-sixth reading, c1: TD-DEPTH-002's 1 mm and 0.5 s hold rule, marked as this document's in no step,
#: stood in no row while the forty-fourth reading's c6 was marked fixed); a reading bound of 5.1 has its own table
#: what is grouped into a step and the part of a hold a judged value is taken from (sixty-first reading, c3: TD-FORCE-004's
#: 1 mN and 60 % to 95 % stood in no row; its step has said 「归为一段」 since the sixty-third reading); and a step spelling
#: out the region a rule's value is judged to lie in (sixty-sixth reading, c2: TD-DISP-005's step 6 gives IEEE Std
#: 1789-2015's low-risk region, 90 Hz, 1250 Hz, 0.025 and 0.08 times the frequency, which stood in no row)
_DECIDES_WHAT = re.compile(r"规则 R\d+ 不(?:通过|满足)|查看[^：。；]*是否处于[^：。；]*内：[^。]*（规则 R\d+）|归为一(?:个保持段|个阶跃|段)|段的中位数为|不予(?:测量|判定|计入|比较)|停止判定|记为未判定|记录为未测量|(?<!文本首尾及紧邻标识的空白字符)不计(?!时)|不测")
_READING_BOUND = "读取界限"
#: the 前置条件 line giving the test equipment and its accuracy, and a bound in it the document sets itself
_EQUIPMENT = "测试设备："
_OWN_BOUND = re.compile(r"(不大于|不超过|不低于|不少于) ?(?:[\u4e00-\u9fff]{1,8}的 ?)?(\d+(?:\.\d+)?) ?([^\s\d（），；。][^（），；。\s]{0,5})"
                        r"|在 ?(\d+(?:\.\d+)?) ?([^\s\d（），；。]{1,6}) ?以内")
_OWN_REASON = "（本文件自定："


#: a limit counted, or in a unit ``LIMIT`` leaves to the count words (leftovers of the eighteenth reading: AS-AIGC-012's
#: 24, 8 and 48 characters, ID-AUTH-004's 100 attempts, AS-MINOR-004's amounts in yuan were in no row): a number with a
#: measure word, 「N 个」 with the thing counted (its first words, up to where the sentence goes on)
#: 「200 000 个」 is one number, its groups of three apart by a space (GB 3101; forty-second reading, d13, cX1: the table
#: read 「000 个」), and people are counted (「不少于 4 人」 was a bare 4); items taken, 「前 20 项资产」 (fifty-eighth, b3, b5)
COUNT = re.compile(r"(?<![\w.\-:^])(?<!第 )(?<!\d )(10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.])|\d+(?:\.\d+)?)\s?"
                   r"(个字符|个(?:(?!上|的|中|与|各|且|或|组成|测得|达到|覆盖|"
                   r"使|跟|保持|后)[\u4e00-\u9fff]){0,6}|项(?=资产|[^\u4e00-\u9fff]|$)|次|名|人(?![\u4e00-\u9fff])|元|分贝|周岁|倍|层|位(?![\u4e00-\u9fff]*[址置])|日(?!（|期))")
#: a rate in frames a second, 「每秒不少于 100 帧」: one limit, 「每秒 100 帧」 / "100 frames a second" (twenty-seventh
#: reading, row 9: TD-MPLAT-001's row read it as a count, 「100 次」 / "100 times")
RATE = re.compile(r"每秒(?:不少于|不超过|至少|至多)?\s?(\d+(?:\.\d+)?)\s?帧")


def own_bounds(conditions: list[str]) -> list[str]:
    """Each bound of the 测试设备 line that the document sets for a reason of its own, 「不大于 0.5 ℃（本文件自定：……）」,
    as 「不大于 0.5 ℃」: the bound nearest before the bracket giving its reason (fifty-seventh reading, cx4), or a lower
    bound, 「帧率不低于 60 Hz」 (fifty-ninth reading, c5: a reference's frame rate stood in no row); a bound that is a
    quarter of a limit has its reason in 5.9's table 9 (the calibration rule) and is not read."""
    out = []
    for line in conditions:
        # a bound stated as another share of a limit than the quarter, 「不大于 5 ms，即 25 ms 限值的五分之一」, or an expanded
        # uncertainty a set-up line bounds (「串联阻抗的值……扩展不确定度（k = 2）不大于 1%」) departs from 5.9's rule and needs
        # its own reason (sixty-first reading, c2, c3: TD-BCI-007's 1 μV and 1 %, TD-FORCE-004's 5 ms stood in no row)
        bounds = list(_OWN_BOUND.finditer(line))
        for i, m in enumerate(bounds):
            tail = re.split("[；。]", line[m.end():bounds[i + 1].start() if i + 1 < len(bounds) else len(line)])[0]
            other = "分之一" in tail and "四分之一" not in tail if line.startswith(_EQUIPMENT) else \
                "（k = 2）" in line[max(0, m.start() - 12):m.start()] and "分之一" not in tail
            if other and m.group(1) and _OWN_REASON not in tail:
                out.append(f"{m.group(1)} {m.group(2)}{'' if m.group(3).startswith('°') else ' '}{m.group(3)}")
        if not line.startswith(_EQUIPMENT):
            continue
        for reason in re.finditer(re.escape(_OWN_REASON), line):
            found = list(_OWN_BOUND.finditer(line, 0, reason.start()))
            if found and not re.search("[；。]", line[(m := found[-1]).end():reason.start()]):
                out.append(f"{m.group(1)} {m.group(2)} {m.group(3)}" if m.group(1) else f"不大于 {m.group(4)} {m.group(5)}")
    return out
#: a fixed rate at which the test equipment reads an interface, 「至少每 50 ms 调用一次」, 「每秒至少读取 100 次」
#: or how much a recording covers, 「每轴至少覆盖 5 个指令周期」 (sixty-first reading, c1: TD-MPLAT-004's 5 cycles, which leave
#: the 3 complete ones judged, stood in no row)
_READ_RATE = re.compile(r"至少每 ?\d+ ?(?:ms|毫秒) ?调用一次|每秒至少(?:读取|调用) ?\d+ ?次|至少覆盖 ?\d+ ?个")
#: a set-up line or clause fixing what the test equipment runs or commands, whose values decide what the case can see
#: (sixtieth reading, c2-c9, d5: TD-PWR-003's workload, TD-TACT-004's programme, TD-HAPT-004's plan, the values
#: TD-OLF-004 and TD-RUN-004 apply and TD-ACC-004's test sources stood in no row): the whole 前置条件 line of a
#: workload or programme, a plan sent, values a step applies through an interface, each whole (its values go on
#: after a 「；」); a line naming the programme a rig runs, 「试验台执行运动程序：」 (sixty-eighth reading, c6:
#: TD-PERF-004's 1.2 s, 1.5 s, 0.6 s and 90°, which set the motions its coverage thresholds are held against, stood
#: in no row)
_SET_UP_LINE = re.compile(r"^(?:试验工作负载|试验程序|[^：。；]{0,8}执行[^：。；]{0,4}程序)：")
_SET_UP = re.compile(r"(?:测试计划|指令计划)：|以 `[^`]+` 施加|播放测试声源（")
#: a set-up given in a bracket of a line saying more (the environment, an apparatus bound): the bracket alone,
#: TD-PWR-001's 「试验工作负载（……亮度 50%、音量 50% 的视频播放）」, TD-BCI-007's 「（参考设置：50 Hz、2 V 有效值……）」
_SET_UP_BRACKET = re.compile(r"试验工作负载（[^（）]*）|（参考设置：[^（）]*）")
#: a margin a step adds to a value the target declares, 「（`retention_s` + 60）s」: the margin decides when a rule is
#: observed, so it is a limit (fifty-fifth reading, d1: IF-UDP-012's and IF-BIO-001's 60 s stood in no row), written
#: with its unit, 「`retention_s` + 60 s」, to be read as one
_MARGIN = re.compile(r"（(`[a-z][a-z0-9_]*`) ?\+ ?(\d+(?:\.\d+)?)）\s?([A-Za-zμ]+)(?![A-Za-z])")
#: the sum as it is then written
_MARGIN_ADDED = re.compile(r"`[a-z][a-z0-9_]*` \+ \d")
#: the 前置条件 line listing the test parameters' values this document sets, 「测试参数取本文件规定的值（附录 A，固定）：
#: `rate_burst` = 20、`endpoint_timeout_s` = 10 s。」, and each value in it
_PARAMETERS = "测试参数取本文件规定的值"
_VALUE = re.compile(r"`([a-z][a-z0-9_]*)` = ([^、。（]+)")
#: a test parameter's value without a unit, 「`rate_burst` = 20」 (one with a unit is read as any limit with one)
_ASSIGNED = re.compile(r"`[a-z][a-z0-9_]*` = (\d+(?:\.\d+)?)(?![\d.])(?!\s?[A-Za-z%°\u4e00-\u9fff])")
#: a number as the text writes it, its groups of three apart by a space (「10 000」)
_ANY_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.])|(?<![\w.])\d+(?:\.\d+)?")
#: a range of whole numbers a statement allows: 「0 至 21 的整数」, 「0 至 7 的阶数」 (forty-fifth reading, c1: TD-AUD-001's orders
#: stood in no row)
_WHOLE_RANGE = re.compile(r"(?<![\w.\-])(\d+) ?至 ?(\d+)(?= ?的[\u4e00-\u9fff])")
#: the values a statement allows, listed in brackets after the quantity: 「位深（16、24 或 32）」 (forty-fifth reading, c1)
_ALLOWED = re.compile(r"（(\d+(?:\.\d+)?(?:、\d+(?:\.\d+)?)+ ?或 ?\d+(?:\.\d+)?)）")
#: the amplitudes or intensities a set-up commands, 「幅度 0.5」, 「强度 0.25、0.5 与 1.0」: shares of the output's maximum
_COMMANDED = re.compile(r"(?:幅度|强度) ?(\d+(?:\.\d+)?(?:(?:、| ?与 ?)\d+(?:\.\d+)?)*)(?![\d.%·])")
#: a 判定准则 sentence no limit stands in: the decision rule every measured case repeats (「判定规则：……」, whose k = 2
#: is the coverage factor), and the level the case is of
_BOILERPLATE = re.compile(r"判定规则：[^。]*。|本要求为“[^”]+”级[^。]*。")


#: a zero bound on a member whose name gives its unit, 「frequency_hz 不小于 0」, 「duration_ns 不小于 0」: a limit in that unit,
#: 0 Hz, 0 ns, not the bare 0 of a sign (sixty-sixth reading, d1: TD-HAPT-001's 0 Hz and TD-OLF-001's 0 ns stood in no row,
#: taken for the 0 of 「[0, 1]」)
_SUFFIX_UNITS = {"hz": "Hz", "khz": "kHz", "ns": "ns", "us": "μs", "ms": "ms", "s": "s", "min": "min", "m": "m",
                 "mm": "mm", "cm": "cm", "db": "dB", "deg": "°", "rad": "rad", "pct": "%", "percent": "%"}
_ZERO_BOUND = re.compile(r"(?<![\w`])`?[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(" + "|".join(sorted(_SUFFIX_UNITS, key=len, reverse=True))
                         + r")`?\s?(?:不小于|不低于|大于|至少|不大于|不超过|小于)\s?0(?![\d.]|\s?(?:[A-Za-z%°μ]|个|次|帧|倍))")


def zero_units(text: str) -> str:
    """Each zero bound on a member whose name gives its unit written with the unit, 「frequency_hz 不小于 0 Hz」."""
    def unit(m: re.Match[str]) -> str:
        symbol = _SUFFIX_UNITS[m.group(1)]
        return f"{m.group(0)}{'' if symbol in ('°', '%') else ' '}{symbol}"
    return _ZERO_BOUND.sub(unit, text)


def _set_here(step: list[str]) -> list[str]:
    """A step's clauses giving values this document sets: each naming them, and each clause of the list one announces
    after a colon, to the sentence's end (sixtieth reading, c1: SC-TILE-002's 「本文件规定的数值容差：……；区域的经度与纬度
    越出不超过 10⁻⁹ rad……」 gave its 10⁻⁹ rad after a 「；」, a clause of its own naming no value set here, which stood in
    no row, and its quote stopped before the reason)."""
    out: list[str] = []
    listing = False
    for clause in step:
        if (found := _SET_HERE.search(clause)) or _MARGIN_ADDED.search(clause):
            out.append(clause)
            listing = found is not None and "：" in clause[found.end():] and not clause.endswith("。")
        elif listing:
            out.append(clause)
            listing = not clause.endswith("。")
    return out


def deciding_text(w: Writer, req: Requirement) -> str:
    """The Chinese statement, rules and 判定准则 lines that decide 通过, 不通过 or 不确定 (the 不适用 line decides by a
    declaration, never by a number)."""
    case = case_for(w.catalog, req, "zh", w.data.procedures.get(req.id), w.ics_prepended)
    criteria = [_BOILERPLATE.sub("", line) for line in case.criteria if not line.startswith("不适用")]
    # a step's clause giving a value this document sets (「本文件规定的上限」, 「测试参数 `sanction_period_s`（3 s）」)
    # decides too (forty-second reading, b1, b4, b6, c10: AS-CONT-001's 1 GiB, IF-CODE-005's 3 s stood in no row)
    # a clause ends at 「；」 or 「。」 outside brackets: AS-AIGC-011's step 3 gives its search's σ, 0.6 像素 and 5 positions
    # after a 「；」 inside its bracket, which ended the clause (forty-fourth reading, b7)
    each = [[_MARGIN.sub(r"\1 + \2 \3", clause) for clause in clauses(re.sub(r"^\d+\. ", "", step))] for step in case.steps]
    steps = [clause for step in each for clause in step]
    set_here = [clause for step in each for clause in _set_here(step)]
    # an instant a step sets the test clock to decides which day, month or period a request falls in (fifty-ninth
    # reading, b5: AS-MINOR-004's 2026-01-31 23:30 and 2026-02-01 00:30 stood in no row); the instant alone is read
    set_here += list(dict.fromkeys(i for step in case.steps for i in clock_instants(step)))
    # a 测试设备 bound the document sets for a reason of its own, not the quarter of a limit that 5.9's
    # calibration rule (table 9) gives
    # (fifty-seventh reading, cx4: TD-PWR-002's 0.5 ℃, TD-BCI-006's 10 ms stood in no row)
    set_here += own_bounds(case.conditions)
    # a reading rate the 前置条件 fix for the test equipment decides how late an answer is logged and how many fall in a
    # window (fifty-eighth reading, c7: TD-FACE-007's 50 ms and TD-TACT-005's 100 reads a second stood in no row)
    set_here += [clause for line in case.conditions for clause in clauses(line) if _READ_RATE.search(clause)]
    set_here += [re.sub(r"^\d+\. ", "", line) for line in [*case.conditions, *case.steps]
                 if _SET_UP_LINE.search(line) or _SET_UP.search(line)]
    set_here += [m.group(0) for line in case.conditions for m in _SET_UP_BRACKET.finditer(line)]
    decided = "\n".join([req.statement.zh, *(rule.zh for rule in req.rules), *criteria, *set_here])
    # a clause deciding what is measured, when it brings a number the lines above do not give (a count the criteria
    # already give with its noun, 「至少 2 个距离」, is not read again as a bare 「2 个」)
    deciding = [clause for clause in steps if clause not in set_here and _DECIDES_WHAT.search(clause)
                and _READING_BOUND not in clause and _new_number(clause, decided)]
    # the values of the test parameters the 前置条件 lists decide as the statement's limits do: 20 requests a burst
    # decide between 不适用 and a judged answer, 10 s between 无法连接 and a judged status (forty-fourth reading, b4-b6, b8:
    # IF-CODE-001, IF-RATE-001, IF-DISC-002/-003 stood in no row, IF-SES-006's row lacked its 10 updates and 2000 ms)
    text = alternative_units(zero_units(per_second(digits("\n".join([decided, *deciding])))))
    lines = [line for line in case.conditions if line.startswith(_PARAMETERS)]
    return "\n".join([text, *(f"`{m.group(1)}` = {m.group(2)}" for line in lines for m in _VALUE.finditer(line)
                                if _unstated(m.group(1), m.group(2), text))])


#: a rate written in words, 「每秒 780 度」: the value with its compound unit, 「780°/s」, as the draft prints it
#: (sixty-seventh reading, part d's doubtful item 1: TD-PERF-004's coverage thresholds stood in its row as 「780°」)
_PER_SECOND = re.compile(r"每秒 ?(\d+(?:\.\d+)?) ?(弧度|度|米)(?![每/])")
_PER_SECOND_UNITS = {"度": "°/s", "弧度": "rad/s", "米": "m/s"}


def per_second(text: str) -> str:
    """Each rate a text writes in words, 「每秒 780 度」, as its value and compound unit, 「780°/s」."""
    def rate(m: re.Match[str]) -> str:  # the degree joins its number (GB 3102.1), 「780°/s」
        unit = _PER_SECOND_UNITS[m.group(2)]
        return f" {m.group(1)}{'' if unit.startswith('°') else ' '}{unit} "
    return _PER_SECOND.sub(rate, text)


#: a limit with the unit it takes for another kind of thing, 「0.1 rad/s（或 m/s）」 for a revolute or a prismatic joint
_OR_UNIT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?) ?([^\s（）\d]{1,6})（或 ?([^\s（）\d][^（）]{0,5})）")


def alternative_units(text: str) -> str:
    """Each limit a text gives in a second unit by its first's number, 「0.1 rad/s（或 m/s）」, written whole in both,
    「0.1 rad/s（或 0.1 m/s）」: the second is a limit of its own, for a prismatic joint, with its own basis (fifty-fourth
    reading, c4: RB-JOINT-003's 0.1 m/s stood in no row); 「300 ms（或下一条指令）」 names no unit and stays."""
    def whole(m: re.Match[str]) -> str:
        other = unit_symbols(f"{m.group(1)} {m.group(3)}")
        return f"{m.group(1)} {m.group(2)}（或 {other}）" if LIMIT.fullmatch(other) else m.group(0)
    return _OR_UNIT.sub(whole, text)


def _new_number(clause: str, text: str) -> bool:
    """Whether a clause writes a number the text does not: a quantity in its unit (5 mm is not given by 「5 次」), a
    count or another number as itself."""
    def numbers(part: str) -> set[str]:
        part = digits(part)
        quantities = {unit_symbols(m.group(0)) for m in LIMIT.finditer(part)}
        return quantities | {m.group(0) for m in _ANY_NUMBER.finditer(LIMIT.sub(" ", part))}
    return not numbers(clause) <= numbers(text)


def _unstated(name: str, value: str, text: str) -> bool:
    """Whether a test parameter's value is a number the statement, rules, criteria and steps do not already give in
    some form: the ratio 0.05 is their 5%, 0.005 m their 5 mm, 1 their 1.0° (the parameter restated would be a second
    limit); a seed picks which values are sent and bounds nothing."""
    number = re.match(r"-?\d+(?:\.\d+)?(?![\d.])", value)
    if not number or name.endswith("_seed"):
        return False
    given = {float(re.sub(r"\s", "", m.group(0))) for m in _ANY_NUMBER.finditer(text)}
    return not {round(float(number.group(0)) * scale, 9) for scale in (1, 100, 1000)} & {round(n, 9) for n in given}


def clauses(notes: str) -> list[str]:
    """The sentences and semicolon clauses of notes or a step, ending at 。 or ； outside brackets: a 「；」 inside 「（……）」 ends
    no clause (fourteenth reading: TD-TACT-005's basis began 「2 mm，`max_tactile_position_mm`），为……」)."""
    out, start, depth = [], 0, 0
    for i, char in enumerate(notes):
        depth = max(0, depth + (char in "（(") - (char in "）)"))  # a clause's 「8.7 c)」 opens nothing it closes
        if char in "。；" and depth <= 0:
            out.append(notes[start:i + 1])
            start, depth = i + 1, 0
    return out + ([notes[start:]] if notes[start:] else [])


#: a clause deriving its number from a study it names only as 「该研究」 (TD-HAND-005: 「约为该研究所报告指尖平均误差的两倍」)
_THAT_STUDY = re.compile(r"该(?:研究|文献|论文)")
#: a clause naming a study by its authors and year, 「Abdlkarim 等（2024）」, 「Hanlon 与 Bir（2012）」
_STUDY = re.compile(r"[A-Za-z]\S*(?: 等)?（(?:19|20)\d\d）")


def derived_from(placed: Mapping[int, str], at: int) -> list[int]:
    """The clauses before clause ``at`` of the notes that its quote needs: back to the one naming the study that
    ``at`` derives its number from as 「该研究」 (forty-fifth reading, d3: TD-HAND-005's 20 mm, twice the study's
    fingertip error, was quoted without the study or its 1.1 cm); none when ``at`` names no such study, or the
    three clauses before it do not name one."""
    if not _THAT_STUDY.search(placed[at]):
        return []
    for start in range(at - 1, at - 4, -1):
        if start not in placed:
            return []
        if _STUDY.search(placed[start]):
            return list(range(start, at))
    return []


#: a count of tries in Chinese numerals, 「合计三次提交」 (not 「第三次」, an ordinal, nor 「每次」, 「一次」, a single one, nor
#: 「两次」, a step done twice, 「二次」 of 「二次开发」)
_NUMERAL_TIMES = re.compile(r"(?<![第每一])([三四五六七八九])次")
#: a count in Chinese numerals a comparison bounds, 「少于三帧」, 「至少三个接触数正确的帧」, 「至少有四个多边形」 (forty-eighth
#: reading, part h101-numerals: TD-TACT-002/-004/-005's three frames and answers stood in no row); not an enumeration,
#: 「三种表示形式」, which counts what is listed elsewhere and bounds nothing, nor 两: 「少于两帧」, 「少于两个名称」 is the
#: least an interval, a difference or a choice needs, no limit the document sets
_NUMERAL_BOUND = re.compile(r"(不少于|不多于|不超过|至少有?|至多|少于|多于|超过)([三四五六七八九])(个|帧|项|名|段|条|种|人)")
#: a range a statement allows with both ends, 「置信度在 0 至 1 之间」 (forty-eighth reading, part h101-numerals: TD-BODY-004's
#: confidence stood in no row)
_BETWEEN = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?) ?至 ?(\d+(?:\.\d+)?) ?之间")


def _numeral(char: str) -> int:
    return "一二三四五六七八九".index(char) + 1


def digits(text: str) -> str:
    """A count of tries written in Chinese numerals as the table reads counts, 「三次」 as 「3 次」 (forty-third reading, b6:
    IF-CODE-008's three submissions stood in no row), and a count a comparison bounds, 「少于三帧」 as 「少于 3 帧」."""
    text = _NUMERAL_BOUND.sub(lambda m: f"{m.group(1)} {_numeral(m.group(2))} {m.group(3)}", text)
    text = _PARAMETER_COUNT.sub(r"\1 \2 \3", text)
    text = _NUMERAL_MULTIPLE.sub(lambda m: f"的 {_numeral(m.group(1))} 倍", text)
    return _NUMERAL_TIMES.sub(lambda m: f" {_numeral(m.group(1))} 次", text)


#: a multiple in Chinese numerals a comparison bounds, 「升高低于本底的五倍」 as 「……本底的 5 倍」 (fifty-fourth reading,
#: h108-sources: TD-OLF-003's floor stood in no row); not 两, as for counts
_NUMERAL_MULTIPLE = re.compile(r"的([三四五六七八九])倍")


#: a count given as a test parameter's value in brackets, 「共测试参数 `session_updates`（10）次」, read as 「10 次」 (fiftieth
#: reading, h103-limits' leftover: IF-SES-001's 10 updates stood in no row)
_PARAMETER_COUNT = re.compile(r"(`[a-z][a-z0-9_]*`)（(\d+)）(次|个|名|帧)")


#: a closed interval a value lies in, 「位于 [0, 1]」, and a negative number a comparison bounds with no unit after it,
#: 「不小于 -1（XR_MIN_HAPTIC_DURATION）」 (fifty-eighth reading, d1: TD-OLF-001's and TD-HAPT-001's bounds stood in no row)
_INTERVAL = re.compile(r"位于 ?(\[-?\d+(?:\.\d+)?, ?\d+(?:\.\d+)?\])")
_NEGATIVE = re.compile(r"(?:不低于|不小于|不超过|不大于|不高于|低于|高于|小于|大于|至少|至多)\s?([-−]\d+(?:\.\d+)?)"
                       r"(?![\d.:]|\s?[A-Za-z%°\u4e00-\u9fff])")


def bare_limits(text: str, taken: list[tuple[int, int]]) -> list[str]:
    """The numbers a comparison bounds that no unit or count word follows (``taken``: the spans read with one), and
    the ranges of whole numbers a statement allows, 「0 至 21 的整数」 (forty-second reading, b3: AS-META-004's 21), or
    a closed interval it gives, 「[0, 1]」, and a negative bound, 「-1」."""
    found = [f"{m.group(1)} 至 {m.group(2)}" for pattern in (_WHOLE_RANGE, _BETWEEN) for m in pattern.finditer(text)]
    found += [m.group(1).replace("−", "-") for pattern in (_INTERVAL, _NEGATIVE) for m in pattern.finditer(text)]
    found += [value for m in _ALLOWED.finditer(text) for value in re.split(r" ?[、或] ?", m.group(1))]
    for m in [*_BOUND.finditer(text), *_WITHIN.finditer(text), *_ASSIGNED.finditer(text)]:
        if not any(start <= m.start(1) < end for start, end in taken):
            found.append(re.sub(r"[\u2009\u202f]", " ", m.group(1)))
    # a commanded amplitude or intensity, a share of the output's maximum (sixtieth reading, c6, c7, d5)
    found += [value for m in _COMMANDED.finditer(text) for value in re.split(r" ?[、与] ?", m.group(1))]
    return list(dict.fromkeys(found))


def ranged(text: str, found: list[str], number: Callable[[str], str]) -> list[str]:
    """Each limit the text gives as a range's upper end with its lower end, 「1 至 64 个字符」, 「25% 至 75%」 (forty-second
    reading, d13: the table listed 64 characters, and 25% apart from 75%); the lower end alone is no limit then."""
    out = list(found)
    for limit in found:
        unit = limit[len(upper := number(limit)):]
        pair = re.search(rf"(?<![\w.\-])(\d+(?:\.\d+)?)((?:\s?{re.escape(unit.strip())})?)\s?至\s?{re.escape(limit)}", text)
        if pair and upper != limit and limit in out:
            lower = pair.group(1) + (pair.group(2) or unit)
            out = [pair.group(0) if x == limit else x for x in out if x != lower or x == limit]
    return out


def names_bare(sentence: str, number: str) -> bool:
    """Whether a sentence of the notes names a dimensionless number: the number alone, not part of another
    (「0.8」 in 「0.85」 or 「10.8」), nor a section (「5.2」 of 「GB 45438—2025 5.2」 is no 5.2 the case decides by)."""
    return bool(re.search(rf"(?<![\w.\-:]){re.escape(number)}(?![\d.:]|\s?(?:%|°))", sentence))


#: a percentile level deciding a verdict, 「第 99 百分位数」, 「第 5 与第 99.5 百分位数」, 「第 40 至第 60 百分位数」 (fiftieth
#: reading, c2: RB-TRACK-001's 95th, TD-DISP-009's 5th and 99.5th stood in no row); each level listed as 「第 N 百分位数」
_LEVEL = re.compile(r"第 ?(\d+(?:\.\d+)?)(?= ?(?:(?:与|和|、|至)第 ?\d+(?:\.\d+)? ?)*百分位)")
LEVEL = re.compile(r"第 (\d+(?:\.\d+)?) 百分位数")


def levels(text: str) -> list[str]:
    """The percentile levels a text names, each as the table lists it, 「第 95 百分位数」."""
    return list(dict.fromkeys(f"第 {m.group(1)} 百分位数" for m in _LEVEL.finditer(text)))


def reasons_level(sentence: str, limit: str) -> bool:
    """Whether a notes sentence says what a level is, 「第 99 百分位数为本文件自定：……」, 「第 95 百分位数使……」, not only
    uses it (「跟踪误差第 95 百分位数的 0.05 rad……」 gives 0.05 rad's reason, not the 95th's)."""
    if not (found := LEVEL.fullmatch(limit)):
        return False
    level = re.escape(found.group(1))
    return bool(re.search(rf"第 ?{level} ?(?:(?:与|和|、)第 ?[\d.]+ ?)*百分位数?(?:（[^）]*）)?\s?(?:为|是|使|均为)", sentence))


def with_unit(sentence: str, limit: str) -> bool:
    """Whether a notes sentence writes the limit with its unit, 「6 s」, not only its number (the 「6%」 of another); a
    percentile level with what it is (:func:`reasons_level`)."""
    if LEVEL.fullmatch(limit):
        return reasons_level(sentence, limit)
    return bool(re.search(rf"(?<![\d.]){re.escape(unit_symbols(limit))}(?![\d.])", unit_symbols(sentence)))


#: a clause opening with a word pointing back, 「它们是本文件自定的数值」, 「该数值取自……」, 「其规定值 40……」: quoted alone it names
#: nothing (forty-fifth reading, d2: TD-DISP-009's quote began at 「它们」, the parameters and their values cut off); not
#: 「其他」, 「其余」, 「此外」, nor 「这些数值（10 min、5 次……）」, whose bracket lists what it speaks of
ANAPHOR = re.compile(r"^\s*(?:它们|它|其(?![他余中次实])|该|此(?![外前时])|这(?:些(?![^（，。；]{0,4}（)|一|个|种)|上述|二者|两者|前者|后者)")


def with_antecedent(picked: tuple[int, ...], placed: dict[int, str]) -> tuple[int, ...]:
    """The clauses ``picked`` (by their place in the notes) with the clause before the first, as long as the first
    points back to it."""
    while picked and ANAPHOR.match(placed[picked[0]]) and (before := [i for i in placed if i < picked[0]]):
        picked = (max(before), *picked)
    return picked


#: a clause whose only reason for a number the document sets itself is the cited source's silence, 「300 秒为本目录自定：
#: SensorThings API 未规定观测的时效；」: why the number is what it is stands in the clause after it
#: 「……规定的限值未能取得引用；」 says the same (fifty-second reading, h106-limT: TD-BCI-007's reason for 80 dB was cut)
_SOURCE_SILENT = re.compile(r"[：:][^。；]*(?:(?:未|没有|并未|不)(?:规定|给出)|未能取得引用)[^。；]*；$")


def with_reason(picked: tuple[int, ...], placed: Mapping[int, str]) -> tuple[int, ...]:
    """The clauses ``picked`` with the clause after the last, when the last says only that the source sets no number
    (forty-sixth reading, d1: TD-BCI-004's, TD-MOT-001's, SC-FEED-003's quotes stopped at 「……未规定……」, the reason cut)."""
    last = picked[-1] if picked else None
    if last is not None and OWN_NUMBER.search(placed[last]) and _SOURCE_SILENT.search(placed[last]) and last + 1 in placed:
        return (*picked, last + 1)
    return picked


#: a quote saying the document set a number itself, as the table shows it (「本目录」 is rendered 「本文件」), not one saying
#: it did not (「并非本文件自定」): the rows the lead paragraph counts as the document's own (forty-fifth reading, d5: it
#: counted 119 rows by 「本目录」 alone while 130 quotes said 「本文件自定」)
OWN_NUMBER = re.compile(r"(?<!并非)(?<!不是)(?:本目录|本文件)(?:自定(?!义)|自行|自己的|的设定|对[^。；]{0,40}的设定"
                        r"|为[^。；]{0,20}自定)")


def same_unit(written: str, limit: str) -> bool:
    """Whether a number the notes write with its unit, 「10 kHz」, is in the limit's unit: a quote giving 10 kHz gives
    no 10% (forty-fifth reading, d2: TD-DISP-009's 10% passed for given); a count's words may differ (「20 个表情」)."""
    measured = [unit_symbols(x).replace(" ", "") for x in (written, re.split(r"\s?至\s?", limit)[-1])]
    units = [re.sub(r"^-?[\d/.⁻⁰¹²³⁴⁵⁶⁷⁸⁹\u2009\u202f]+", "", x) for x in measured]
    return units[0] == units[1] or not units[1] or not units[0]
