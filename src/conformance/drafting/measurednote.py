"""What the 编制说明 says of its measured requirements and real products (issue 76, forty-first reading, part
h94-note2): 四（六） states that no instrument has measured any measured requirement on a real device, listed by
area, and which areas no real product was tested in (d12); 四（三） names each real product's profiles and the
requirements it fails (d13); 六 and 十一 name the instruments the measured requirements need, by group, as their test
cases' 「测试设备」 lines give them (d24). Every count and ID is computed from the catalog and docs/real-products.md."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from .._catalog.model import Requirement
from ..errors import CatalogError, Location
from .decisions import clock_timed
from .explanatory_data import NoteData, Product, load_note_data
from .facts import gather
from .selfcheck import run_meets
from .wording import plain_programs, plain_registries, product_name
from .writer import Block, Writer, area_title, normative


def _measured(kept: list[Requirement]) -> list[Requirement]:
    """The measured requirements: judged on a laboratory's instrument readings (``measures: instrument``)."""
    return [r for r in kept if r.measures == "instrument"]


def _timed(kept: list[Requirement]) -> list[str]:
    """The measured requirements of 三（二） that are not ``measures: instrument``: those timing answers on the test
    equipment's clock (sixty-third reading, a3/d1), which no laboratory instrument measures."""
    return clock_timed([r for r in kept if r.decision_rule is not None and r.measures != "instrument"])


def _apart(kept: list[Requirement]) -> tuple[str, str]:
    """:func:`_timed` said apart: 「除……以外的」 and "other than ..., " (empty: none)."""
    timed = _timed(kept)
    if not timed:
        return "", ""
    return (f"除以测试设备自身的时钟计时的 {'、'.join(timed)} 以外的",
            f"other than {', '.join(timed)}, which time answers on the test equipment's own clock, ")


#: a statement judging a device against the rating its own descriptor's offer (``offers[]`` entry) declares
#: (TD-MPLAT-001's 「数据流的提供项为该轴声明的额定位移」, TD-MPLAT-004's 「提供项声明额定的每个轴」)
_DECLARED_RATING = re.compile(r"提供项[^。；，]{0,6}?声明的?额定")

#: a limit that is the lower of a value the device declares and a bound this document fixes (forty-ninth reading, part
#: h102-terms, d7: TD-FORCE-004's 「设备声明的安全力（safety.max_force_n）与 140 N 两者中的较小者」; fifty-eighth reading,
#: part h114-note, d6: 「二者中的较小者」, and a statement holding one value both to a number and to the declared one,
#: 「不超过 2 毫米……且不超过其设备所声明的正确度」)
DECLARED_OR_FIXED = re.compile(r"声明的[^。；，]{0,30}?与[^。；，]{0,20}?[两二]者中的较小者"
                               r"|不超过 \d[^。；]{0,40}?且不超过其?[^。；，]{0,8}?声明的")

#: a rule asking for the declaration itself (TD-PERF-001's R3, 「该数据流所属的提供项应给出 `position_accuracy_mm`」):
#: a device declaring nothing fails it, not judged by this document's limit alone (seventy-ninth reading, d1)
DECLARATION_ASKED = re.compile(r"(?:提供项|设备描述)[^。；，]{0,6}?应(?:给出|声明)")

#: a limit that is a declared value plus a margin this document fixes (d6: TD-GAZE-005's 「所声明的驻留时间加 100 毫秒」)
DECLARED_PLUS = re.compile(r"声明的[^。；，]{0,12}?加 \d")

#: any statement or rule holding a measured value to something the device declares (a share of samples at a declared
#: range's end is no such bound): each normative requirement it
#: finds is to be one of the three kinds above (tests/drafting/test_reading_fiftyeighth_note.py), so the list of
#: exceptions 二（二） gives cannot miss one
DECLARED_BOUND = re.compile(r"(?:超过|不晚于|不长于|不短于|不低于|达到)[^。；，%]{0,25}?声明的?")  # not a share


def _texts(req: Requirement) -> list[str]:
    return [req.statement.zh, *(rule.zh for rule in req.rules)]


def declared_limits(kept: list[Requirement]) -> dict[str, list[str]]:
    """The normative requirements whose limit comes from a declaration, by kind: ``rated`` (the declared rating
    alone), ``lower`` (the lower of the declared value and this document's bound), ``plus`` (the declared value and
    this document's margin), each requirement in the first kind its statement or rules match."""
    out: dict[str, list[str]] = {"rated": [], "lower": [], "plus": []}
    for req in kept:
        texts = _texts(req)
        for kind, pattern in (("rated", _DECLARED_RATING), ("lower", DECLARED_OR_FIXED), ("plus", DECLARED_PLUS)):
            if any(pattern.search(t) for t in texts):
                out[kind].append(req.id)
                break
    return out


def declaration_asked(kept: list[Requirement]) -> list[str]:
    """The normative requirements a rule of which asks for the declaration itself (:data:`DECLARATION_ASKED`): one
    declaring nothing fails them."""
    return [req.id for req in kept if any(DECLARATION_ASKED.search(rule.zh) for rule in req.rules)]


def own_rating_clause(kept: list[Requirement]) -> tuple[str, str]:
    """二（二）'s exceptions, ending its sentence (zh, en): the normative requirements whose limit comes from the
    product's own declaration, found by their statements and rules, not typed (forty-fourth reading, d3; fifty-eighth
    reading, d6: TD-PERF-001, TD-DISP-009 and TD-GAZE-005 were missing), each kind with why it loosens nothing."""
    kinds = declared_limits(kept)
    rated, lower, plus = kinds["rated"], kinds["lower"], kinds["plus"]
    zh, en = "", ""
    if rated:
        zh += (f"；以设备描述中被测对象自身声明的额定值为限值的要求（{'、'.join(rated)}）例外：所声明的额定值即被测的声明本身，"
               "判定的是该声明是否属实，而不是放宽一项符合性限值；容差与测试方法由本文件规定，该声明不能放宽本文件规定的"
               "任何限值，且其中测量被测对象能否达到额定值的要求使声明过大的额定值不能通过")
        en += (f", except the requirements whose limit is the rating the product's own device descriptor declares "
               f"({', '.join(rated)}): the declared rating is the claim under test, so the claim is verified, no "
               "conformance limit loosened; the tolerance and the test method are this document's, the declaration "
               "cannot loosen any limit this document sets, and the one of them measuring whether the product reaches "
               "its rating fails a rating declared too large")
    if lower:
        asked = [rid for rid in declaration_asked(kept) if rid in lower]
        fallback = [rid for rid in lower if rid not in asked]
        zh += (f"；以设备声明的值与本文件规定的限值两者中的较小者为限值的要求（{'、'.join(lower)}）亦为例外：该声明只能收紧"
               "本文件规定的限值，不能放宽它，声明的值较小时被测对象按其声明判定（所声明的性能经核实），"
               + ("未声明或声明的值较大时按本文件的限值判定" if not asked else
                  "声明的值较大时按本文件的限值判定；"
                  + (f"未声明时，{'、'.join(fallback)} 按本文件的限值判定，" if fallback else "")
                  + f"{'、'.join(asked)} 要求给出该声明，未给出即不通过"))
        en += (f"{'; the' if rated else ', except the'} requirements whose limit is the lower of a value the device "
               f"declares and a limit of this document ({', '.join(lower)}) are excepted too: the declaration can "
               "only tighten this document's limit, never loosen it; a device declaring less is judged by its "
               "declaration (the performance claimed is verified), "
               + ("one declaring more or nothing by this document's limit" if not asked else
                  "one declaring more by this document's limit; "
                  + (f"one declaring nothing is judged by this document's limit in {', '.join(fallback)}, and "
                     if fallback else "one declaring nothing ")
                  + f"fails {', '.join(asked)}, which asks for the declaration"))
    if plus:
        zh += (f"；以设备声明的值加本文件规定的余量为限值的要求（{'、'.join(plus)}）亦为例外：所声明的值是被测对象自身的交互设计"
               "（如驻留时间），本文件不规定其上限，也不规定选择时间的绝对上限，只判定被测对象的实际行为超出其声明的部分不超过"
               "本文件规定的余量；该声明不能放宽该余量")
        en += (f"{'; the' if rated or lower else ', except the'} requirements whose limit is a value the device declares "
               f"plus a margin of this document ({', '.join(plus)}) are excepted too: the declared value is the product's "
               "own interaction design (such as its dwell time), for which this document sets no upper bound, nor any "
               "upper bound on the selection time itself; it judges only that the product's behaviour exceeds its "
               "declaration by no more than this document's margin, which the declaration cannot loosen")
    return zh + "。", en + "."


def _by_area(requirements: list[Requirement]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for req in requirements:
        out.setdefault(req.area, []).append(req.id)
    return out


def unmeasured(w: Writer, kept: list[Requirement], judged: list[Product] | None) -> list[Block]:
    """四（六）: the measured requirements are unverified by measurement (none read on a real device), by area; the
    areas without a real product among (三)'s."""
    measured = _measured(kept)
    if not measured:
        return []
    tested = {w.catalog.requirements[r].area for p in judged or [] for r in p.judged if r in w.catalog.requirements}
    untested = {area_title(area): n for area, n in _counts(kept).items() if area not in tested}
    apart, listed = _apart(kept), sum(r.decision_rule is not None for r in kept)
    out = [w.para(w.t(
        (f"（六）测量类要求的实测情况：三（二）所列 {listed} 项测量类要求中，{apart[0]} {len(measured)} 项" if apart[0] else
         f"（六）测量类要求的实测情况：三（二）所列 {len(measured)} 项测量类要求") + "，无一由测试实验室以校准仪器在真实设备上"
        "测量过：本稿的判定只来自参考实现运行中由本项目生成的样品与已知不合格用例，不含任何仪器对真实产品的读数，"
        "三（二）的判定规则与各测试用例所给测试设备的不确定度上限（测试不确定度比为 4）亦未经实测检验。"
        "这些要求因此在测量上未经验证：其限值、判定规则与测试方法待至少一个实验室以校准仪器测量真实设备、"
        "报告测得值及其 *U* 与判定后复核，本说明不以参考实现的运行结果代替这一验证。"
        "（三）的真实产品亦不涉及下列领域：" + "；".join(
            f"{zh}（规范性要求 {n} 项）" for (zh, _), n in untested.items())
        + ("。这些要求按领域如下表。" if apart[0] else "。各领域的测量类要求如下表。"),
        (f"(6) Measurement of the measured requirements: of the {listed} measured requirements of 3.2, none of the "
         f"{len(measured)} {apart[1]}has " if apart[1] else
         f"(6) Measurement of the measured requirements: none of the {len(measured)} measured requirements of 3.2 has ")
        + "been measured by a test laboratory's calibrated instrument on a real device: the verdicts of this draft come "
        "only from samples the project generated for the reference run and from known-bad cases, with no instrument's "
        "reading of a real product, and neither the decision rules of 3.2 nor the bounds on the test equipment's "
        "uncertainty the test cases give (a test uncertainty ratio of 4) have been tried by a measurement. These "
        "requirements are therefore unverified by measurement: their limits, decision rules and test methods await "
        "review after at least one laboratory has measured real devices with calibrated instruments and reported the "
        "measured values with their U and verdicts; this note does not let the reference run stand for that. The real "
        "products of (3) touch none of these areas either: " + "; ".join(
            f"{en} ({n} normative requirements)" for (_, en), n in untested.items())
        + (". These requirements by area are in the table." if apart[1] else
           ". The measured requirements of each area are in the table.")), normative=False)]
    rows: list[tuple[str, ...]] = [(w.t("领域", "Area"), w.t("项数", "Count"), w.t("测量类要求", "Measured requirements"))]
    rows += [(w.t(*area_title(area)), str(len(ids)), "、".join(ids) if w.lang == "zh" else ", ".join(ids))
             for area, ids in _by_area(measured).items()]
    out.append(w.table(rows, (40, 15, 110), normative=False))
    return out


def _counts(kept: list[Requirement]) -> dict[str, int]:
    out: dict[str, int] = {}
    for req in kept:
        out[req.area] = out.get(req.area, 0) + 1
    return out


#: docs/real-products.md's verdicts in both languages, in the order 四（三）'s first table counts them; an error is 6.1's
#: 未执行 (fortieth reading, b6), under its name alone: a fault is one of its causes, a program missing another
#: (sixty-fifth reading, part h128-text, d1: SC-TILE-006, not run for want of its validator, stood under 「测试设备故障」)
RECORDED = {"pass": ("通过", "pass"), "fail": ("不通过", "fail"), "inconclusive": ("不确定", "inconclusive"),
            "not applicable": ("不适用", "not applicable"), "error": ("未执行", "not run")}


def normative_apart(w: Writer, judged: list[Product] | None) -> list[Product] | None:
    """Each product with only the draft's normative requirements in ``judged``, which 四（三）'s tables count and list;
    its annex C (candidate or draft) requirements' verdicts moved to ``annex_c``, given apart as for reference only
    (forty-fourth reading, d2). A requirement the catalog does not hold stays where the record put it."""
    def apart(p: Product) -> Product:
        drafts = {r: v for r, v in p.judged.items() if r in w.catalog.requirements
                  and not normative(w.catalog.requirements[r])}
        return replace(p, judged={r: v for r, v in p.judged.items() if r not in drafts}, annex_c=drafts)
    return None if judged is None else [apart(p) for p in judged]


def product_configurations(w: Writer, judged: list[Product]) -> Block:
    """四（三）'s second table: the profiles each product claimed and the requirements it fails (d13); its annex C
    requirements' verdicts follow apart, for reference only (forty-fourth reading, d2)."""
    rows: list[tuple[str, ...]] = [(w.t("产品", "Product"), w.t("所声明的测试配置", "Profiles claimed"),
                                    w.t("不通过的要求", "Requirements failed"))]
    sep = "、" if w.lang == "zh" else ", "
    for product in judged:
        failed = [r for r, verdict in product.judged.items() if verdict == "fail"]
        claimed = w.t("、", ", ").join(f"`{p}`" for p in product.profiles) or "—"
        drafts = sep.join(f"{r} {w.t(*RECORDED.get(v, (v, v)))}" for r, v in product.annex_c.items())
        rows.append((w.t(product_name(product.name), product.name), claimed,
                     (sep.join(failed) or w.t("无", "none")) + (w.t(
                         f"；另有附录 C 的候选或草案要求 {drafts}，仅供参考，不计入本文件的判定",
                         f"; besides, annex C's candidate or draft requirements {drafts}, for reference only and not "
                         "counted among this document's verdicts") if drafts else "")))
    table = w.table(rows, (50, 50, 65), normative=False)
    return replace(table, rows=plain_registries(table.rows))  # registries by their names, as the first table


def instruments(w: Writer, data: NoteData | None) -> list[Block]:
    """六 and 十一: the instruments the measured requirements need, by group (``instruments`` of
    suites/explanatory.yaml: each group's requirements and instruments, as their test cases' 「测试设备」 lines name
    them); a measured requirement no group names is the catalog's error, so a new one cannot be left out."""
    groups: list[dict[str, Any]] = list(data.get("instruments") or []) if data else []
    measured = _measured([r for r in w.catalog.requirements.values() if normative(r)])
    if data is None or not groups or not measured:
        return []
    named = {str(r) for g in groups for r in g["requirements"]}
    missing = [r.id for r in measured if r.id not in named]
    if missing:
        raise CatalogError(Location(w.catalog.display(data.path), ("instruments",)),
                           f"no group names the measured requirements {', '.join(missing)}",
                           "add them to the group whose instruments they need, as their test case names them")
    known = {r.id for r in measured}
    rows: list[tuple[str, ...]] = [(w.t("仪器组", "Group"), w.t("测量类要求", "Measured requirements"),
                                    w.t("所需仪器（依测试用例的“测试设备”）", "Instruments (the test cases' equipment)"))]
    for group in groups:
        ids = [str(r) for r in group["requirements"] if str(r) in known]
        if ids:
            rows.append((w.text(group["name"]), ("、" if w.lang == "zh" else ", ").join(ids), w.text(group["needs"])))
    apart = _apart([r for r in w.catalog.requirements.values() if normative(r)])
    intro = w.para(w.t(
        f"测量类要求所需的仪器：{apart[0].removesuffix('的') + '，' if apart[0] else ''}{len(measured)} 项测量类要求按其测试用例前置条件中的“测试设备”分为下表 {len(rows) - 1} 组；"
        "测试实验室对所声称的测试配置中的测量类要求出具记录，需具备相应组的仪器及其校准（GB/T 27025—2019 认可范围覆盖该要求）。"
        "起草组尚未调查国内哪些实验室已具备各组仪器与校准能力，也未调查其购置与校准费用，本说明不给出这些数字"
        "（起草组填写：征求意见中向测试实验室调查的结果）。",
        f"Instruments the measured requirements need: {apart[1]}the {len(measured)} "
        "measured requirements fall into the "
        f"{len(rows) - 1} groups of the table by the equipment their test cases' preconditions name; a laboratory "
        "making records for the measured requirements of a profile claimed needs the group's instruments and their "
        "calibration (its GB/T 27025-2019 accreditation scope covering the requirement). The drafting group has not "
        "yet surveyed which laboratories in China have each group's instruments and calibrations, nor their purchase "
        "and calibration costs, and this note gives no such figures (to be filled in by the drafting group: the "
        "results of a survey of test laboratories during consultation)."), normative=False)
    return [intro, w.table(rows, (35, 55, 75), normative=False)]


def reference_figures(w: Writer, kept: list[Requirement]) -> list[Block]:
    """四（五）'s figures: the recorded demo run (``reference_run`` of suites/explanatory.yaml, written by
    scripts/reference_run_record.py), its verdicts of the normative requirements counted by area; a requirement the
    record lacks (added since) is counted apart and named, never guessed (d12: (五) gave no figure)."""
    data = load_note_data(w.catalog)
    spec = (data.get("reference_run") or {}) if data else {}
    path = data.root / str(spec.get("file", "")) if data and spec else None
    if path is None or not path.is_file():
        return []
    made = json.loads(path.read_text(encoding="utf-8"))
    verdicts: dict[str, str] = made["verdicts"]
    order = ("pass", "not applicable", "inconclusive", "fail", "error")
    tools, reasons = gather(w.catalog, with_tests=False).case_tools, made.get("reasons") or {}
    # each case by 6.1's outcome, in RECORDED's names (the record writes "not_applicable")
    outcome = {i: "error" if _missing(str(reasons.get(i, "")), tools.get(i, set())) else v.replace("_", " ")
               for i, v in verdicts.items()}
    rows: list[tuple[str, ...]] = [(w.t("领域", "Area"), w.t("规范性要求", "Normative")) + tuple(
        w.t(*RECORDED[v]) for v in order) + (w.t("记录之后新增", "Added since"),)]
    for area, ids in _by_area(kept).items():
        rows.append((w.t(*area_title(area)), str(len(ids))) + tuple(
            str(sum(outcome.get(i) == v for i in ids)) for v in order) + (str(sum(i not in verdicts for i in ids)),))
    unsure = [(i, _why(w, str(reasons.get(i, "")), tools.get(i, set())))
              for r in kept if outcome.get(i := r.id) in ("inconclusive", "fail", "error")]
    # every requirement the profiles select (annex C's and the deprecated ones too: the paragraph before says each gets a
    # verdict) that the record lacks is named, not only a normative one (sixtieth reading, d2: ID-VC-008, added after
    # the record, was named nowhere, and 「这些测试配置所含的 373 项要求……均得到判定」 read as the record's)
    selected = list(dict.fromkeys(i for p in w.catalog.profiles.values() for i in p.all_requirements()
                                  if i in w.catalog.requirements))
    late = [i for i in selected if i not in verdicts]
    held = sum(i in verdicts for i in selected)
    self_check = run_meets(w, kept, verdicts, outcome)
    day, tool = str(made["started"])[:10], f"{made['harness']['name']} {made['harness']['version']}"
    sep = "、" if w.lang == "zh" else ", "
    text = w.t(
        f"{day} 记录的一次运行（{tool}；以 `conformance demo --out 目录 --format json` 运行，以 "
        f"`python scripts/reference_run_record.py 目录/report.json` 记录，记录见开源项目 metaverse-conformance 的 "
        f"{spec['file']}）判定了测试配置所含 {len(selected)} 项要求（含已废止者）中的 {held} 项，其对各领域规范性要求的判定如下表。"
        + (f"未判定为通过或不适用的规范性要求：{sep.join(f'{i}（{why}）' for i, why in unsure)}。" if unsure else "")
        + self_check[0]
        + (f"测试配置所含要求中该记录没有判定的（记录之后新增）：{sep.join(late)}；送审前应重新记录。" if late else "")
        + "送审稿另附送审时一次运行的各测试配置结论，以 `conformance catalog render --part explanatory --report "
          "目录/report.json` 生成本说明。",
        f"A run recorded on {day} ({tool}; run by `conformance demo --out DIR --format json`, recorded by "
        f"`python scripts/reference_run_record.py DIR/report.json`; the record: the metaverse-conformance project's "
        f"{spec['file']}) judged {held} of the {len(selected)} requirements of the profiles (the deprecated included), "
        "the normative requirements of each area as the table gives."
        + (f" Normative requirements neither passed nor not applicable: {sep.join(f'{i} ({why})' for i, why in unsure)}."
           if unsure else "")
        + self_check[1]
        + (f" Requirements of the profiles the record holds no verdict of (added since): {sep.join(late)}; it is to "
           "be recorded again before the draft for approval." if late else "")
        + " The draft for approval also attaches the outcome per profile of a run made then, by `conformance catalog "
          "render --part explanatory --report DIR/report.json`.")
    para = w.para(text, normative=False)  # the harness by its name, plain, as 四（二） states (eleventh reading)
    return [replace(para, text=plain_programs(para.text)), w.table(rows, (40, 20, 15, 15, 15, 15, 20, 25),
                                                                normative=False)]


def _missing(message: str, tools: set[str]) -> list[str]:
    """The tools of ``tools`` (those a requirement's known-bad cases need) that the run's ``message`` says are not
    installed: the case was then not run, as 6.1 says of test equipment lacking a program it needs (forty-fifth
    reading, d6: 四（五） counted SC-TILE-006, judged without its validator, as 不确定), whatever the record's verdict."""
    return sorted(t for t in tools if t in message and "not installed" in message)


def _why(w: Writer, message: str, tools: set[str]) -> str:
    """Why the recorded run judged a requirement neither passed nor not applicable, in the note's language (forty-second
    reading, d16: 「原因见该记录的 `reasons`」 sent the reader to a file): a tool its known-bad cases need that the
    run's message says is not installed, as 四（四） names it; any other reason is said to be not yet analysed."""
    missing = _missing(message, tools)
    if missing:
        named = "、".join(f"`{t}`" for t in missing) if w.lang == "zh" else ", ".join(f"`{t}`" for t in missing)
        # the record's verdict is inconclusive (the harness's, 四（五）), 6.1's outcome not run (sixty-fifth reading, d1)
        return w.t(f"未执行：记录所用计算机未安装其所需工具 {named}，测试工具对此判为不确定",
                   f"not run: the recording computer lacked the tool it needs, {named}; the harness judged it inconclusive")
    return w.t("该记录所写原因尚未分析，由起草组写明", "the reason the record gives is not yet analysed; the drafting group "
               "states it")


def implementing(w: Writer) -> list[Block]:
    """十一's advice to laboratories: the harness with the test cases, and who records the measured requirements (those
    timing answers on the test equipment's clock apart: they read no instrument a laboratory calibrates)."""
    timed = _timed([r for r in w.catalog.requirements.values() if normative(r)])
    zh, en = (f"（以测试设备自身的时钟计时的 {'、'.join(timed)} 除外）", f" other than {', '.join(timed)}") if timed else ("", "")
    return [w.para(w.t("建议测试实验室以本文件的测试用例与开源一致性测试工具配合使用：每项规范性要求均有自动化测试"
                       "或写明的人工测试用例，自动化要求有可证明其能判定不通过的已知不合格用例；认证计划或声明文件只可在"
                       "本文件规定的范围内将判定阈值改严。",
                       "Test laboratories are advised to use the document's test cases with the open-source "
                       "conformance harness: every normative requirement has an automated test or a written manual test "
                       "case, and the automated ones have known-bad cases proving they can fail; a certification plan or "
                       "the manifest can only make a pass threshold stricter, within the range this document sets."),
                   normative=False),
            w.para(w.t(f"实验室能力：测量类要求{zh}的记录宜由测试实验室出具：实验室在记录中写明测试设备（制造商、型号、序列号）、"
                       "各仪器的校准证书（发证机构、编号、日期、有效期与不确定度）与测试环境，并以其密钥签名；认证机构"
                       "只依据其信任清单所列、认可范围（GB/T 27025—2019）覆盖该要求且校准在有效期内的实验室签名的记录发证。"
                       "只读取被测对象自我声明的要求为“可”级的声明检查，不决定符合性结论。建议认证机构定期组织能力验证"
                       "（ISO/IEC 17043:2023），比较各实验室对同一样品的判定与测得值（*z* 比分数或 *E*_n 值）。",
                       f"Laboratory capability: records of the measured requirements{en} are best made by a test "
                       "laboratory: "
                       "it names the apparatus (make, model, serial), each instrument's calibration certificate (issuer, "
                       "number, date, validity and uncertainty) and the test environment in the record and signs it with "
                       "its key; a certification body certifies only on records signed by a laboratory its trust list "
                       "names, whose accreditation scope (GB/T 27025-2019, ISO/IEC 17025:2017) covers the "
                       "requirement and whose calibrations are valid. A requirement that reads only what the "
                       "implementation under test declares about itself is a MAY "
                       "declaration check and decides no conformance. Certification bodies are advised to run "
                       "proficiency testing (ISO/IEC 17043:2023) regularly, comparing the laboratories' verdicts and measured "
                       "values on the same items (*z*-scores or *E*_n numbers)."), normative=False)]
