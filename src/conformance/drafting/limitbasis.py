"""The 编制说明's 3.2: each limit of a normative statement (a number with its unit) and what it rests on, the sentence
of the requirement's notes that gives the number or the sections of the standards it cites."""

from __future__ import annotations

import functools
from collections.abc import Callable
import re

from .._catalog.model import Requirement
from .bibcites import numbered_works
from .boundtable import BOUNDS
from .englishcode import marked_part
from .explanatory_data import LIMIT
from .limitcited import cited_section, standard_title
from .limitenglish import english_basis, limit_en
from .limitnumbers import (
    COUNT,
    LEVEL,
    OWN_NUMBER,
    RATE,
    bare_limits,
    clauses,
    deciding_text,
    digits,
    levels,
    names_bare,
    per_second,
    ranged,
    same_unit,
    with_antecedent,
    with_reason,
    with_unit,
    zero_units,
)
from .limitreasons import about_others, for_limit, heads, quoted_around
from .limittimes import CLOCK, names_time, times, times_en
from .readingbounds import named_bounds
from .spec import bibliography_entries, bibliography_numbers
from .tables import load_tables
from .testcases import case_for, for_laboratory
from .wording import unit_symbols
from .writer import Block, Writer

#: what makes a sentence of the notes a limit's basis: it names where the number comes from (a
#: standard, a regulation, a study, a recommendation) or says the document sets it, and why
SOURCE = re.compile(r"自定(?!义)|设定|取自(?!直方图)|引自|出自|沿用|依据|(?<!观)测得|研究|文献|阈限|等人|等，\d{4}|建议|推荐|"
                    r"(?:规定|给出)的|普遍采用|ISO \d|IEC \d|GB(?:/T)? \d|ITU|ETSI|IEEE (?:Std )?\d|EN \d|CFR|即.{0,30}(?:所称|所采用)"
                    # a study cited by its authors and year, 「Hanlon 与 Bir（2012）记录到」 (TD-MOT-003), or in a bracket by its
                    # first author, 「（二项分布上尾；Billinger 等）」 (forty-fifth reading: TD-HAND-004's 5%)
                    r"|[A-Za-z]（(?:19|20)\d\d）|[A-Za-z] 等[）)]")
#: of the sentences naming a number with a source, the ones about the limit itself come first (a
#: method sentence may name a standard too: TD-VOICE-004's names ETSI ES 202 396-1's loudspeakers)
_ABOUT_LIMIT = re.compile(r"限值|自定(?!义)|设定|取自(?!直方图)|依据")
#: a sentence saying where a requirement's limits come from without naming each number
OWN_LIMITS = re.compile(r"(?:限值|数值|年龄|时长)[^。；]{0,30}(?:为|是)(?:本目录|本文件)(?:自定|的设定|对[^。；]{0,40}的设定)"
                        r"|并非所引标准|(?:本目录|本文件)自己的(?:规定|选择)|由(?:本目录|本文件)规定")
#: a period stated in days and restated in seconds, 「7 日（604800 秒）」: the limit is the days (fourth reading: the
#: table read 「604800 秒」 for AS-TRADE-004, -008 and -010, 「2592000 秒」 for IF-UDP-006's 30 days)
_DAYS = re.compile(r"(\d+)\s?日（\d[\d ]*\s?秒）")
#: the words before a count that make it a minimum, which both cells keep: 「至少 2 个距离」, "at least 2 distances"
#: (also where the English statement says "2 or more"), "at least 200 refreshes" (thirty-third reading, b9: 「2 个距离」 read as two)
_AT_LEAST = re.compile(r"(?:不少于|至少)\s?$")
#: a count in a period, 「每分钟至多出现 1 次识别」, 「一小时……误唤醒不超过 1 次」: a rate, 「1 min⁻¹」 / "1 min⁻¹" (thirtieth
#: reading, b16: TD-FACE-005, -007, TD-HAND-004 and TD-VOICE-004's column read a bare 「1 次」 / "1 time")
PER = re.compile(r"[每一](分钟|小时)[^。；\d]{0,30}?(\d+(?:\.\d+)?)\s?次")


def limit_basis(w: Writer, kept: list[Requirement]) -> list[Block]:
    """Each limit of a normative statement (a number with its unit) and what it rests on: the sentence
    of the requirement's notes that gives the number, else the sections of the standards it cites."""
    rows: list[tuple[str, ...]] = [(w.t("要求", "Requirement"), w.t("限值", "Limits"),
                                    w.t("确定依据", "Basis"))]
    by_notes = by_standard = own = unsourced = gaps = reading = 0
    numbers = bibliography_numbers(w, w.catalog, load_tables(w.catalog))
    entries = bibliography_entries(w, w.catalog, load_tables(w.catalog))  # a key's works each by its number
    cells_as_written: set[int] = set()  # rows whose basis names standards: their titles are not code
    for req in kept:
        # the statement, its rules and the 判定准则 lines deciding by a number (forty-first reading, d10)
        text = _chained(_DAYS.sub(r"\1 天", deciding_text(w, req)))
        # a limit the statement and a rule both state once, however its unit is written (sixteenth reading:
        # SC-CITY-007's rules now give 0.01 m and 20° beside the statement's 0.01 米 and 20 度)
        first: dict[str, str] = {}
        rates = {m.end(): f"每秒 {m.group(1)} 帧" for m in RATE.finditer(text)}  # its 「100 帧」 alone is no count
        read = [m.span() for pattern in (LIMIT, COUNT, RATE, PER) for m in pattern.finditer(text)]
        for m in LIMIT.finditer(text):
            if rate := rates.get(m.end()):
                first.setdefault(rate, rate)
                continue
            first.setdefault(unit_symbols(m.group(0)), m.group(0))
        least: set[str] = set()
        per = {m.end(): f"{m.group(2)} {'min' if m.group(1) == '分钟' else 'h'}⁻¹" for m in PER.finditer(text)}
        for m in COUNT.finditer(text):  # 「7 日（604800 秒）」 was read above as 「7 天」
            if rate := per.get(m.end()):
                first.setdefault(rate, rate)
                continue
            first.setdefault(unit_symbols(f"{m.group(1)} {m.group(2)}".replace("日", "天")), f"{m.group(1)} {m.group(2)}")
            if _AT_LEAST.search(text, 0, m.start()):  # 「不少于 2 个距离」 is a minimum (thirty-third reading, b9)
                least.add(f"{m.group(1)} {m.group(2)}")
        for limit in [*times(text), *levels(text)]:
            first.setdefault(limit, limit)
        bare = bare_limits(text, read)
        # 「不低于 0.8」: a number without a unit (forty-first reading, d7); not one read above as a count (「至少 200
        # 帧」 then 「少于 200 时」; TD-ACC-006's ratio 2 beside its 2 s is another number), nor 0, a sign (「大于 0」)
        bare = [n for n in bare if n != "0" and not any(_number(limit) == n for limit in first.values()
                                                        if COUNT.fullmatch(limit) or limit.endswith(("帧", "像素")))]
        for limit in bare:
            first.setdefault(limit, limit)
        # a count the criteria write with more or fewer words than the statement (「20 个被提示表情」, 「20 个」) is one
        # a rate's frames, 「每秒 100 帧」, the criteria's 「100 帧」 do not count again (TD-MPLAT-001)
        first = {key: limit for key, limit in first.items() if f"每秒 {_number(limit)} 帧" not in first or not limit.endswith("帧")
                 or limit.startswith("每秒")}
        found = [limit for limit in first.values() if not any(
            other != limit and COUNT.fullmatch(other) and limit.startswith(other) for other in first.values())]
        least = {limit for limit in found if any(short.startswith(limit) for short in least)} | least
        # a 5.1 bound the text cites by name is a limit too, its value in the row whether or not the text writes it
        bounds_named = named_bounds(text)
        by_name = {zh: en for zh, en in bounds_named.items() if unit_symbols(zh) not in map(unit_symbols, found)}
        if not (found := ranged(text, found, _number) + list(by_name)):
            continue
        # the English table writes the limits' units in English (fifth reading: it showed 「0 秒, 0.25 秒」)
        # the degree of angle with no space before it, as the SI writes it (sixth reading: 「20 °」)
        # one place of the English statement gives one count (twenty-fifth reading, row 25: IF-LAT-001's 「16 次」
        # read "16 concurrent clients", the first 16 of its statement); a unit after 1 is singular ("1 pixel")
        taken: set[int] = set()
        # 「位」 counts digits or bits: the English steps say which (ID-VCAPI-003's 「131 072 位」 is "bits"), read only then
        # and the preconditions, which give a recording's cover, "5 commanded cycles" (sixty-first reading, c1)
        steps_en = " ".join((en := case_for(w.catalog, req, "en", w.data.procedures.get(req.id), w.ics_prepended)).steps
                            + en.conditions) \
            if any(limit.endswith("位") or re.fullmatch(r"\S+ 个[\u4e00-\u9fff]+", limit) for limit in found) else ""
        # a bound's figure the text also writes keeps the bound's English, "2 000 external tilesets", not a bare
        # "2 000" (sixty-ninth reading's snapshot: SC-TILE-006)
        english = [bounds_named.get(limit) or times_en(limit) or limit_en(limit, req, taken, steps_en) for limit in found]
        english = [re.sub(r"\s?至\s?", " to ", re.sub(r"(\d)%", r"\1 %", limit)) for limit in english]  # "10 %" (b17)
        # one form for a minimum, "at least 2 distances" where the statement says "2 or more" (thirty-fourth, b10)
        english = [f"at least {en.replace(' or more', '')}" if zh in least else en
                   for zh, en in zip(found, english, strict=True)]
        notes = req.notes.zh if req.notes else ""
        # the change history gives no basis: left out of each sentence ("（1.3 版，议题 70：此前……）"), a
        # sentence of it dropped ("1.1 之前检查计数的是间隔……"); each kept sentence by its place in the notes (the English's)
        every = clauses(notes)
        # a sentence naming a file of the tool is its method, never a number's basis (TD-VOICE-004's corpus path)
        placed = {i: clean for i, s in enumerate(every) if (clean := for_laboratory(s, "zh")) and not _REPO.search(clean)}
        sentences = list(placed.values())
        picked: list[int] = []

        @functools.cache  # asked again for the same clause and limit (each bracket, each other limit): one answer
        def gives(sentence: str, limit: str) -> bool:  # a number with no unit is found alone (forty-first, d7)
            # a count the notes write in Chinese numerals, 「三次提交」, is 3 次 (forty-third reading, b6)
            # a heading announcing where a number comes from, 「30 毫秒的来源：」, gives no value: the study after it
            # gave 20 to 40 ms, the sentence after it the 30 ms (forty-fourth reading, d1: TD-GAZE-003 quoted the study alone)
            sentence = zero_units(_ANNOUNCED.sub("", sentence))  # 「duration_ns 不小于 0」 gives 0 ns (sixty-sixth, d1)
            if LEVEL.fullmatch(limit):
                return limit in levels(sentence)
            return names_bare(sentence, limit) if limit in bare else _names(per_second(digits(sentence)), _number(limit), limit)

        bounded = [limit for limit in found if unit_symbols(limit) in _bounds_cited(w, req) or limit in by_name]
        judged = [limit for limit in found if limit not in bounded]
        for limit in judged:
            # a sentence naming the number is its basis only if it says where the number comes from: one
            # that says how it is measured is a method (the third reading: AS-RATING-003 quoted how ages
            # are counted on the test clock, RB-TRACK-001 the recorded controller states, TD-VOICE-004 a path)
            # the source may stand in the clause before, in the same sentence (twenty-fourth reading, row 40:
            # TD-MOT-002's 「头部角速度：Grossman 等（1988）测得……；由于……，限值取 1000 deg/s。」 gave 1000°/s no row)
            # a source in a bracket giving another limit is that one's (forty-eighth reading, d1: TD-GAZE-004's 0.5°)
            its = {i: for_limit(s, limit, judged, gives) for i, s in placed.items()}
            sourced = [(i,) if SOURCE.search(its[i]) else (i - 1, i) for i, s in placed.items() if gives(s, limit)
                       and (SOURCE.search(its[i]) or i - 1 in placed and every[i - 1].endswith("；")
                            and SOURCE.search(placed[i - 1]))]
            # a sentence with the number in the limit's own unit first, even over a better-ranked one: 「5 个位置」 gives
            # no 5% (forty-fourth reading, b7), TD-OLF-003's 「6%」 no 6 s (c5); a clause naming it only in others' reason last
            # a clause with a source of its own before one borrowing the clause before's, and one heading the limit as the
            # document's own before one naming it in another's reason (sixty-first reading, c1, c3: TD-MPLAT-004 quoted
            # 「……为所允许的 10% 不足量的八分之一」, not the 10 %'s own sentence; TD-FORCE-004 1 kHz's for the 5 ms)
            hit: tuple[int, ...] = min(sourced, key=lambda found: _rank(placed[found[-1]]) + 2 * about_others(
                placed[found[-1]], limit, judged, gives) + 3 * (not with_unit(placed[found[-1]], limit))
                + (len(found) > 1) + 0.5 * (not heads(placed[found[-1]], limit, gives))) if sourced else ()
            if hit and (head := _ANNOUNCED.match(placed.get(hit[0] - 1, ""))) and _names(head.group(0), _number(limit)):
                hit = (hit[0] - 1, *hit)  # the study the value's sentence derives it from, 「其下限 50 毫秒」, is quoted too
            hit = quoted_around(hit, placed, judged, gives)  # with what the quote cannot do without
            picked += [i for i in hit if placed[i].strip() not in (placed[k].strip() for k in picked)]
        named = any(gives(s, limit) for s in sentences for limit in judged)
        # a number no quoted sentence names: the sentence saying where all the limits come from is quoted, if the notes
        # have one (forty-first reading, c19, d3), but a number it does not name is still the notes' gap, named as such:
        # the quote cut at 「……」 before TD-CAM-002's 0.5 m and 95% left them looking justified (forty-third, d1, d2, c1)
        # a quoted sentence giving the number otherwise, as its test parameter's value or in days, gives it too, though a
        # sentence with its unit is the one quoted (forty-third reading, d5: TD-FACE-007 flagged its own quote)
        def quoted_give(quoted: list[str], limit: str) -> bool:
            return any(gives(sentence, limit) or _otherwise(sentence, limit) for sentence in quoted)

        left = [limit for limit in judged if not quoted_give([placed[i] for i in picked], limit)]
        if left and (blanket := [i for i, s in placed.items() if _all_limits(s)][:1]):
            picked += [i for i in with_reason(with_antecedent(tuple(blanket), placed), placed) if i not in picked]
            left = [limit for limit in left if not quoted_give([placed[i] for i in blanket], limit)]
        # the clause a quoted one runs on into (「；」) is quoted too when it gives a listed number: cut, it left the
        # number's basis out (sixty-ninth reading, d's doubtful 2: TD-OLF-005's 4 s stood in the clause after 「……」)
        picked = [k for i in picked for k in _run_on(i, every, placed, found, gives)]
        picked = list(dict.fromkeys(picked))
        basis = [placed[i].strip() for i in picked]
        limits_cell = w.t("，".join(f"至少 {limit}" if limit in least else limit for limit in found), ", ".join(english))
        # a 5.1 reading bound the case cites has its reason in the next table (forty-second reading, d12: not glTF's)
        pointer = w.t(f"{_listed(bounded)}为 5.1 所列测试设备的读取界限，其确定依据见下表。",
                      f"{', '.join(english[found.index(x)] for x in bounded)}: a reading bound of the test equipment "
                      "(5.1), its basis in the next table.") if bounded else ""
        if not judged:
            reading += 1
            rows.append((req.id, limits_cell, pointer))
            continue
        if not basis and named:  # the notes name the number only to say how it is measured: said so, not quoted
            unsourced += 1
            rows.append((req.id, limits_cell, w.t("附注未写明该数值的来源（起草组补充）。", "The notes do not say where the number "
                                              "comes from (for the drafting group to add).") + pointer))
            continue
        if basis:
            by_notes += 1
            # 「0 米并非本目录自定的限值」 (TD-RADAR-001, TD-RUN-003: a sign, not a number chosen) is not counted
            own += bool(OWN_NUMBER.search("".join(basis)))
            # a clause quoted from a longer sentence closes with a full stop, not the notes' 「；」 (fourth reading); an
            # ellipsis read in a 编制说明 as text left out (sixty-ninth reading, d's doubtful 2)
            cell = w.t("附注：", "Notes: ") + re.sub("；$", "。", "".join(basis))
            gaps += bool(left)
        else:
            by_standard += 1
            # each standard once (SC-TILE-009 cited 3D Tiles 1.1 for four sections); with none, why none applies
            names = list(dict.fromkeys(ref.name for ref in req.source.standards))
            # every section cited of a document, in the order cited (TD-FACE-001's second OpenXR extension was lost)
            sections = {n: ("; " if w.lang == "zh" else ", ").join(dict.fromkeys(
                ref.section for ref in req.source.standards if ref.name == n and ref.section)) for n in names}
            # a document of the 参考文献 (a law, a paper, a web page, a draft: no published standard of clause 2) is
            # cited by its number there (fourteenth reading's leftovers: TD-TACT-001 named the paper by the catalog's
            # key, RB-JOINT-003 called the ROS message definition a 标准)
            listed = any(name in numbers for name in names)
            label = w.t("所引文件：" if listed else "所引标准：", "Documents cited: " if listed else "Standards cited: ")
            # each language cites the same: the title as the reference list writes it, dated, and the section
            # giving the value (twenty-eighth reading, b15: the Chinese gave no section, the English no date)
            cited = [w.t(f"参考文献[{numbers[n]}]", f"Bibliography [{numbers[n]}]") if n in numbers
                     else standard_title(w, n) for n in names]
            if not names:  # no_standard says why in English; the Chinese cell says what it means
                cell = w.t("未引用标准：数值为本文件自定，依据所引政策条款。",
                           f"No standard cited: {req.source.no_standard or 'the document sets the number.'}")
            else:
                cell = label + w.t("；", "; ").join(c + cited_section(w, sections[n] or "", n)
                                                    for c, n in zip(cited, names))
            cells_as_written.add(len(rows))
            # the documents cited do not say which of their sections gives the number: for the drafting group to add,
            # as for the notes' gaps (forty-third reading, d6, b7: RFC 8288 was IF-PAGE-001's basis for 2 entries)
            cell += w.t(f"（附注未写明 {_listed(judged)}的来源，起草组补充。）", " (The notes do not say where "
                        f"{', '.join(english[found.index(x)] for x in judged)} come from: for the drafting group to add.)")
        if w.lang == "en" and basis:  # the sentences the Chinese quotes, as the English notes write them, with the
            # code values the Chinese marks marked (twenty-fourth reading, row 40: 「`cooling_off_s`」, "cooling_off_s")
            cell = marked_part("Notes: " + english_basis(every, picked, req.notes.en if req.notes else ""),
                               "".join(basis), w.allowed, w.literals)
        if bounded:
            cell += w.t("（", " (") + pointer.rstrip("。.") + w.t("。）", ")")
        if basis and left:  # the numbers no quoted sentence names, in both languages (forty-first reading, c19)
            cell += w.t(f"（附注未写明 {_listed(left)}的来源，起草组补充。）",
                        f" (The notes do not say where {', '.join(english[found.index(x)] for x in left)} "
                        "come from: for the drafting group to add.)")
        rows.append((req.id, limits_cell, numbered_works(w, cell, req.source.standards, entries, w.data.named_in_notes)))
    if len(rows) == 1:
        return []
    flagged = by_standard + unsourced + gaps
    return [w.heading(w.t("（三）各项限值的确定依据", "3.3 The basis of each limit"), 2, "note-3-2",
                      normative=False),
            # the numbers of the 判定准则 and those without a unit are limits too (forty-first reading, d7, d10)
            w.para(w.t(f"规范性要求的陈述、规则及其测试用例的判定准则中决定判定结果的限值（带单位或计数的数值，以及比较所限定的无量纲数值）"
                       f"共出现在 {len(rows) - 1} 项要求中。下表逐项给出其依据：{by_notes} 项的依据"
                       f"写在要求的附注中（引文照录附注中给出该数值的句子；其中 {own} 项明确说明为本目录自定，并写明理由"
                       "或依据较弱之处）"
                       # seventh reading: 「0 项的附注未提及该数值，表中列出……」 once every number had its notes
                       + (f"，{by_standard} 项的附注未提及该数值，表中列出该要求所引用的文件，并注明待起草组补充"
                          if by_standard else "")
                       + (f"；{unsourced} 项的附注只说明数值如何测量、未写明其来源，表中注明待起草组补充" if unsourced
                          else "")
                       + (f"；{reading} 项的限值均为 5.1 所列测试设备的读取界限，其依据见下表" if reading else "")
                       + (f"；另有 {gaps} 项的附注未写明其中部分数值的来源，表中逐一列出这些数值，待起草组补充" if gaps
                          else "")
                       # the rows flagged, counted once (forty-third reading, d5), said only when there are any
                       + (f"。表中注明待起草组补充的共 {flagged} 项。" if flagged else "。"),
                       "Limits deciding the verdict in a normative requirement's statement, its rules or its test case's "
                       "verdict criteria (numbers with a unit or a count, and dimensionless numbers a comparison bounds) "
                       f"appear in {len(rows) - 1} requirements. The table "
                       "gives each one's "
                       f"basis: for {by_notes} the requirement's notes give it (the sentence of the notes naming the "
                       f"number, quoted; {own} of them say plainly the number is the catalog's own, with its reason or "
                       "where its basis is weak)"
                       + (f", for {by_standard} the notes do not name the number and the table lists the documents the "
                          "requirement cites, with their sections, marked for the drafting group to add" if by_standard else "")
                       + (f"; for {unsourced} the notes say only how the number is measured, not where it comes from, which "
                          "the table marks for the drafting group to add" if unsourced else "")
                       + (f"; for {reading} the limits are all reading bounds of the test equipment (5.1), whose basis the "
                          "next table gives" if reading else "")
                       + (f"; for {gaps} more the notes do not say where some of the numbers come from: the table names them, "
                          "for the drafting group to add" if gaps else "")
                       + (f". The table marks {flagged} rows in all for the drafting group to add." if flagged else ".")),
                   normative=False),
            # a limit as written still takes its unit's symbol (ninth reading: 「40 毫米，30 毫米」)
            Block("table", rows=tuple((row[0], unit_symbols(row[1]) if w.lang == "zh" else row[1], *row[2:])
                                      if i in cells_as_written else tuple(w.fix(c) for c in row)
                                      for i, row in enumerate(rows)), lang=w.tag, normative=False, widths=(25, 35, 105))]


#: a clause's heading naming the number it is about, 「30 毫秒的来源：」, "Where the 30 ms comes from:"
_ANNOUNCED = re.compile(r"^\s*[^：。；]{0,30}的(?:来源|依据)[：:]")
#: a sentence describing the test's method or equipment, which names a limit only to relate the equipment to it
#: (fifth reading: TD-ACC-004's row quoted its test equipment, 「测试设备：取自耳机之前的渲染器两路声道……即 1 dB
#: 限值的四分之一」, read as a source by its 取自 and 限值, not the sentence after it, 「1 dB、-60 dB FS 与 4 个脉冲为
#: 本目录自定的数值：……」)
_METHOD = re.compile(r"^\s*(?:测试设备|试验方法|测试方法)[：:]")


#: a chain of inequalities giving its unit once, after its last bound: 「40 <= min < max <= 90 毫米」 (TD-ACC-002)
_CHAIN = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(\s*<=?\s*[a-z_]+\s*<=?\s*[a-z_]+\s*<=?\s*\d+(?:\.\d+)?\s*)"
                    r"(毫米|厘米|米|mm|cm|m|秒|毫秒|s|ms|度|°|%)(?![a-zA-Z])")


def _chained(text: str) -> str:
    """A chain's first bound with the unit of its last, so both are read as limits (fourteenth reading: the table
    gave TD-ACC-002 「90 mm」 without the 40 mm its statement bounds the range by)."""
    return _CHAIN.sub(lambda m: f"{m.group(1)} {m.group(3)}{m.group(2)}{m.group(3)}", text)


#: a path in the tool's repository (TD-VOICE-004's notes name its reference corpus's file)
_REPO = re.compile(r"\bsrc/|\.py\b|\.yaml\b")


def _all_limits(sentence: str) -> bool:
    """Whether a sentence says where all of a requirement's limits come from, not one number's (「推送时限 10 秒这一
    数值为本目录自定」 speaks of 10 s alone: SC-FEED-005's 256 KiB is no more justified by it)."""
    return any(not re.search(r"(?:这一|该|此)$", sentence[:m.start()])
               and not (sentence[:m.start()].endswith("这些") and _ITS_OWN_LIST.match(sentence, m.end()))
               for m in OWN_LIMITS.finditer(sentence))


#: 「这些数值为本文件自定……：各仪器的扩展不确定度……温度 (23 ± 5) ℃」 speaks of the numbers the colon lists, not the limits
#: (forty-second reading, cX4: 20 terminal rows' limits were left looking justified by it)
_ITS_OWN_LIST = re.compile(r"[^。；：]{0,20}：[^。；]*\d")


def _listed(limits: list[str]) -> str:
    """Limits in a Chinese sentence, a space after the last only if it ends in a symbol (「200 000 个的来源」)."""
    return "、".join(limits) + ("" if re.search(r"[\u4e00-\u9fff]$", limits[-1]) else " ")


def _bounds_cited(w: Writer, req: Requirement) -> set[str]:
    """The values of the 5.1 reading bounds the requirement's test case cites by name, as the table writes limits."""
    written = str(w.data.procedures.get(req.id, ""))
    return {unit_symbols(m.group(0)) for bound in BOUNDS if f"读取界限“{bound.name[0]}”" in written
            for pattern in (LIMIT, COUNT) for m in pattern.finditer(bound.value[0])}


def _rank(sentence: str) -> int:
    """Which of the sentences naming a number with a source to quote: one about the limit first, a method
    or equipment sentence last."""
    return 2 if _METHOD.search(sentence) else 0 if _ABOUT_LIMIT.search(sentence) else 1


def _number(limit: str) -> str:
    """A limit's number, 「24」 of 「24 个字符」, a range's upper end's (the limit whole if it has none)."""
    found = CLOCK.match(limit) or LIMIT.match(limit := re.split(r"\s?至\s?", limit)[-1]) or COUNT.match(limit) or RATE.match(limit)
    return found.group(1) if found else limit


def _names(sentence: str, number: str, limit: str = "") -> bool:
    """Whether a notes sentence gives this limit's number: with a unit or count word (the limit's unit if it has one, d2 of
    the forty-fifth reading), in a list a count word closes, or as a default."""
    if (said := names_time(sentence, number)) is not None:  # a time of day, an instant, a period from a turn
        return said
    measured = bool(limit) and bool(LIMIT.fullmatch(re.split(r"\s?至\s?", limit)[-1]))
    # a length is not named by a speed in it, 「以 20 mm/s 滑动」, 「每秒 20 毫米」 for TD-TACT-004's two tips 20 mm apart (sixtieth reading)
    return any(m.group(1).replace(" ", "") == number.replace(" ", "") and (not measured or same_unit(m.group(0), limit))
               and not (measured and (re.match(r"/s(?![a-zA-Z])|每秒", sentence[m.end():])
                                      or sentence[:m.start()].rstrip().endswith("每秒")))
               for pattern in (LIMIT, COUNT) for m in pattern.finditer(sentence)) or bool(
        re.search(rf"(?:默认|default|规定值|set at)\s?{re.escape(number)}(?![\d.])", sentence)) or bool(
        re.search(rf"(?<![\w.\-:]){re.escape(number)}(?=(?:\s?[、，与和或至]\s?\d+(?:\.\d+)?)+\s?(?:个|次|名|元))", sentence))


def _otherwise(sentence: str, limit: str) -> bool:
    """Whether a notes sentence gives the limit's number as a test parameter's value, 「`min_gesture_trials` 20」, or a
    period in seconds in whole days, 「7 天」 for 604 800 s (AS-TRADE-004)."""
    written = _number(limit)
    number = written.replace(" ", "")
    days = f"{int(number) // 86400} 天" if number.isdigit() and limit.endswith(" s") and int(number) % 86400 == 0 else ""
    return bool(re.search(rf"[a-z]+_[a-z_]+`?\s?[（(]?{re.escape(written)}(?![\d.])", sentence)
                or days and re.search(rf"(?<![\d.]){days}", sentence.replace("日", "天")))


def _run_on(i: int, every: list[str], placed: dict[int, str], found: list[str],
            gives: Callable[[str, str], bool]) -> list[int]:
    """Clause ``i`` and each clause after it that it runs on into (it ends in 「；」) while that one gives a number of
    ``found``, the row's 限值 cell."""
    out = [i]
    while every[out[-1]].endswith("；") and out[-1] + 1 in placed and any(gives(placed[out[-1] + 1], x) for x in found):
        out.append(out[-1] + 1)
    return out
