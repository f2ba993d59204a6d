"""The catalog as a conformance test specification in the GB/T 1.1-2020 layout.

Chinese first, then English: 前言, 引言, 1 范围, 2 规范性引用文件 (ordered: GB, GB/T, ISO/IEC,
then the rest by name; dated where an edition is cited), 3 术语和定义, 4 缩略语, 5 测试环境
(per area), then per area a chapter of test cases (one per requirement: 测试目的, 前置条件,
测试步骤, 预期结果, 判定准则 with the not-applicable and inconclusive rules its notes give),
a conformance clause per profile, annex A the ICS and IXIT pro formas per profile (ISO/IEC
9646-7), annex B the traceability (seed topic -> requirement -> test -> known-bad cases) and
the 参考文献 with the seeds. :mod:`.render` writes it as Markdown, HTML and DOCX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._catalog.catalog import Catalog
from .._catalog.model import ParameterSpec, Profile, Requirement
from .._version import __version__
from .facts import Facts, gather, ordered
from .tables import Standard, Tables, load_tables

TITLE = ("元宇宙互操作性一致性测试规范", "Metaverse interoperability: conformance test specification")
AUTHOR = "metaverse-conformance project"
LEVEL_ZH = {"MUST": "应", "SHOULD": "宜", "MAY": "可"}
#: ISO/IEC 9646-7 status of an item in an ICS: m mandatory, o optional, c conditional (on a feature)
ICS_STATUS = {"MUST": "m", "SHOULD": "o", "MAY": "o"}
TESTING_ZH = {"automated": "自动检测", "manual": "人工评估", "untestable": "不可检测"}


def area_title(area: str) -> tuple[str, str]:
    """(zh, en) title of an area, as the area describes itself (its name when it does not)."""
    from .._areas import descriptions

    title = descriptions().get(area, {}).get("title", {})
    return title.get("zh", area), title.get("en", area)


def area_scope(area: str) -> tuple[str, str]:
    """(zh, en) words the scope lists an area by, as the area gives them (else its title)."""
    from .._areas import descriptions

    scope = descriptions().get(area, {}).get("scope", {})
    title_zh, title_en = area_title(area)
    return scope.get("zh", title_zh), scope.get("en", title_en)


def listed(items: list[str], lang: str) -> str:
    """``a、b与c`` / ``a, b and c``; where an item holds the conjunction itself, the last one
    is joined by 以及 / ", and"."""
    if len(items) < 2:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + ("以及" if any("与" in item for item in items) else "与") + items[-1]
    last = ", and " if len(items) > 2 and any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def area_environment(area: str) -> tuple[str, str]:
    """(zh, en) test environment of an area, as the area describes it."""
    from .._areas import descriptions

    env = descriptions().get(area, {}).get("environment", {})
    return (env.get("zh", "测试工具按测试配置的目标角色访问被测对象。"),
            env.get("en", "The harness reaches the product through the profile's target roles."))


TERMS = [
    ("要求", "requirement", "具有稳定标识、级别（应 / 宜 / 可）与双语文本的一条规范性陈述。",
     "One normative statement with a stable ID, a level (MUST / SHOULD / MAY) and bilingual text."),
    ("测试配置", "profile", "产品可声明符合的一组要求，连同其参数、可选特性与通过规则。",
     "A conformance class: a selection of requirements with their parameters, features and pass rule."),
    ("测试用例", "test case", "检验一项要求的目的、前置条件、步骤、预期结果与判定准则。",
     "The purpose, initial conditions, procedure, expected result and verdict criteria that test one requirement."),
    ("已知不合格用例", "known-bad case", "使某项测试必然判定不通过的输入，用以证明该测试能够判定不通过。",
     "An input that makes a test fail, proving that the test can fail."),
    ("判定", "verdict", "对一项要求的检测结论：通过、不通过、无法判定、不适用或错误。",
     "The outcome for one requirement: pass, fail, inconclusive, not applicable or error."),
]
ABBREVIATIONS = [("DID", "去中心化标识符", "Decentralized Identifier"), ("VC", "可验证凭证", "Verifiable Credential"),
                 ("glTF", "GL 传输格式", "GL Transmission Format"), ("VRM", "VRM 虚拟形象格式", "VRM avatar format"),
                 ("HTTP", "超文本传输协议", "Hypertext Transfer Protocol"), ("JSON", "JavaScript 对象表示法",
                                                                       "JavaScript Object Notation"),
                 ("ICS", "实现一致性声明", "Implementation Conformance Statement"),
                 ("IXIT", "测试用实现附加信息", "Implementation eXtra Information for Testing"),
                 ("AIGC", "人工智能生成内容", "AI-generated content"), ("XR", "扩展现实", "Extended reality"),
                 ("OSCAL", "开放安全控制评估语言", "Open Security Controls Assessment Language")]
_NA = re.compile(r"not.applicable|不适用", re.I)
_INCONCLUSIVE = re.compile(r"inconclusive|无法判定|无法确定|不确定", re.I)


@dataclass(frozen=True)
class Block:
    kind: str  # heading, para, table
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    #: the HTML id (requirements, test cases, clauses, profiles, topics)
    anchor: str = ""
    #: the language of a paragraph ("zh-CN", "en"); empty for mixed text
    lang: str = ""
    #: whether a table's first row is its header (a test case's table has none)
    header: bool = True


def zh(text: str) -> Block:
    return Block("para", text, lang="zh-CN")


def en(text: str) -> Block:
    return Block("para", text, lang="en")


def heading(text: str, level: int, anchor: str = "") -> Block:
    return Block("heading", text, level, anchor=anchor)


def specification(catalog: Catalog, changes: dict[str, Any] | None = None) -> list[Block]:
    tables = load_tables(catalog)
    facts = gather(catalog)
    requirements = ordered(catalog)
    areas = list(dict.fromkeys(r.area for r in requirements))
    out = [heading(f"{TITLE[0]} / {TITLE[1]}", 0, "title")]
    out += _front(catalog, tables, areas)
    out += _references(tables, catalog)
    out.append(heading("3 术语和定义 / Terms and definitions", 1, "clause-3"))
    for number, (term_zh, term_en, zh_def, en_def) in enumerate(TERMS, 1):
        out += [heading(f"3.{number} {term_zh} {term_en}", 2, f"term-{number}"), zh(zh_def), en(en_def)]
    out.append(heading("4 缩略语 / Abbreviations", 1, "clause-4"))
    out.append(Block("table", rows=(("缩略语 / abbreviation", "中文 / Chinese", "English"), *ABBREVIATIONS)))
    out.append(heading("5 测试环境 / Test environment", 1, "clause-5"))
    for number, area in enumerate(areas, 1):
        area_zh, area_en = area_title(area)
        env_zh, env_en = area_environment(area)
        out += [heading(f"5.{number} {area_zh} / {area_en}", 2, f"environment-{area}"), zh(env_zh), en(env_en)]
    for chapter, area in enumerate(areas, 6):
        area_zh, area_en = area_title(area)
        out.append(heading(f"{chapter} {area_zh}测试用例 / {area_en} test cases", 1, f"clause-{chapter}"))
        for number, req in enumerate((r for r in requirements if r.area == area), 1):
            out += test_case(catalog, tables, facts, req, f"{chapter}.{number}")
    chapter = 6 + len(areas)
    out.append(heading(f"{chapter} 符合性 / Conformance", 1, "conformance"))
    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 1):
        out += conformance_clause(profile, f"{chapter}.{number}")
    out += _annex_ics(catalog)
    out += _annex_traceability(catalog, tables, facts)
    if changes is not None:
        out += annex_changes(changes)
    out += _bibliography(catalog, tables)
    return out


def _front(catalog: Catalog, tables: Tables, areas: list[str]) -> list[Block]:
    scopes = [area_scope(area) for area in areas]
    scope_zh, scope_en = listed([zh for zh, _ in scopes], "zh"), listed([en for _, en in scopes], "en")
    counts: dict[str, int] = {}
    for topic in tables.topics.values():
        counts[topic.status] = counts.get(topic.status, 0) + 1
    return [
        heading("前言 / Foreword", 1, "foreword"),
        zh("本文件按照 GB/T 1.1-2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"
           f"本文件由要求目录（版本 {__version__}）生成；起草单位：{AUTHOR}。"),
        en("This document is drafted in accordance with the rules given in GB/T 1.1-2020. It is generated from the "
           f"requirements catalog (version {__version__}) and drafted by the {AUTHOR}."),
        heading("引言 / Introduction", 1, "introduction"),
        zh(f"本文件回应参考文献[1]至[5]所列政策文件提出的标准化需求。其中可检测的主题共 {len(tables.topics)} 个："
           f"已覆盖 {counts.get('covered', 0)} 个，部分覆盖 {counts.get('partial', 0)} 个，尚未覆盖 "
           f"{counts.get('absent', 0)} 个，不在本文件范围内 {counts.get('out of scope', 0)} 个（见附录 B）。"),
        en(f"This document answers the standardization needs of the policy documents [1] to [5]. They name "
           f"{len(tables.topics)} testable topics: {counts.get('covered', 0)} covered, {counts.get('partial', 0)} "
           f"partly covered, {counts.get('absent', 0)} not yet covered and {counts.get('out of scope', 0)} out of "
           "scope (annex B)."),
        heading("1 范围 / Scope", 1, "clause-1"),
        zh(f"本文件规定{scope_zh}的一致性测试用例、测试环境与判定准则，"
           "以及各测试配置的符合性要求与 ICS/IXIT 表格。本文件适用于元宇宙平台、终端与内容产品的一致性测试。"),
        en(f"This document specifies conformance test cases, test environments and verdict criteria for {scope_en}, "
           "with the conformance requirements and ICS/IXIT pro formas of each profile. It applies to conformance "
           "testing of metaverse platforms, terminals and content."),
    ]


def _order(standard: Standard) -> tuple[int, str]:
    name = standard.name
    rank = 0 if re.match(r"GB \d", name) else 1 if name.startswith("GB/T") else 2 if name.startswith("ISO") else 3
    number = re.match(r"RFC (\d+)", name)
    return rank, f"RFC {int(number.group(1)):06d}" if number else name


def _references(tables: Tables, catalog: Catalog) -> list[Block]:
    cited = {s.name for r in catalog.requirements.values() for s in r.source.standards}
    out = [heading("2 规范性引用文件 / Normative references", 1, "clause-2"),
           zh("下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本"
              "适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"),
           en("The following documents are referred to in the text in such a way that some or all of their content "
              "constitutes requirements of this document. For dated references, only the edition cited applies. For "
              "undated references, the latest edition of the referenced document (including any amendments) applies.")]
    normative = sorted((s for s in tables.standards.values() if s.name in cited and s.normative), key=_order)
    out += [Block("para", f"{s.name}{f' ({s.date})' if s.date else ''}, {s.url}", anchor=_ref_anchor(s))
            for s in normative]
    return out


def _ref_anchor(standard: Standard) -> str:
    return "ref-" + re.sub(r"[^a-z0-9]+", "-", standard.name.lower()).strip("-")[:60]


def criteria(req: Requirement) -> tuple[list[str], list[str]]:
    """(zh, en) sentences of the verdict criteria: pass and fail, then the not-applicable and
    inconclusive rules the notes give (or the harness's general rule)."""
    level = req.level.value
    decides = "“应”级要求不通过即不符合。" if level == "MUST" else "“宜”级要求不通过时仅报告，不影响符合性。"
    zh_lines = [f"通过：每个被检对象均满足 {req.id} 的陈述。",
                f"不通过：任一被检对象不满足该陈述（证据指明对象与位置）；{decides}"]
    en_lines = [f"pass: every item checked meets the statement of {req.id}.",
                "fail: an item does not (the evidence names it and where); "
                + ("a SHOULD failure is reported and does not decide conformance." if level != "MUST"
                   else "a MUST failure makes the product not conformant.")]
    notes_zh = re.split(r"(?<=[。；])", req.notes.zh) if req.notes else []
    notes_en = re.split(r"(?<=[.;])\s+", req.notes.en) if req.notes else []
    for pattern, zh_default, en_default, zh_label, en_label in (
            (_NA, "被测对象不含该要求所检内容时判定为不适用（not_applicable）并说明原因。",
             "when the product holds nothing the requirement checks, it is not applicable (not_applicable), "
             "with the reason.",
             "不适用", "not applicable"),
            (_INCONCLUSIVE, "所需输入缺失或无法读取时判定为无法判定（inconclusive）并说明原因。",
             "when an input it needs is missing or unreadable, it is inconclusive, with the reason.",
             "无法判定", "inconclusive")):
        found_zh = [s.strip() for s in notes_zh if pattern.search(s) and s.strip()]
        found_en = [s.strip() for s in notes_en if pattern.search(s) and s.strip()]
        zh_lines.append(f"{zh_label}：" + ("".join(found_zh) if found_zh else zh_default))
        en_lines.append(f"{en_label}: " + (" ".join(found_en) if found_en else en_default))
    return zh_lines, en_lines


def test_case(catalog: Catalog, tables: Tables, facts: Facts, req: Requirement, number: str) -> list[Block]:
    level = req.level.value
    tests = facts.tests.get(req.id, [])
    profiles = [p for p in sorted(catalog.profiles.values(), key=lambda p: p.id) if req.id in p.all_requirements()]
    pre_zh = [f"测试配置 {p.id}（{p.title.zh}）" + (f"，特性 {p.feature_of(req.id)}" if p.feature_of(req.id) else "")
              for p in profiles] or ["未被任何测试配置选用"]
    pre_en = [f"profile {p.id} ({p.title.en})" + (f", feature {p.feature_of(req.id)}" if p.feature_of(req.id) else "")
              for p in profiles] or ["selected by no profile"]
    params = [f"{p.id}: {name} = {_value(spec.default)}{_bounds(spec)}"
              for p in profiles for name, spec in p.parameters.items() if name in req.parameters]
    first = profiles[0].id if profiles else "PROFILE"
    run_zh = "、".join(tests) if tests else f"（{TESTING_ZH[req.testing.value]}）"
    run_en = ", ".join(tests) if tests else f"({req.testing.value})"
    steps_zh = [f"1. 按附录 A 的 IXIT 提供测试配置的目标；2. 执行 conformance run --profile {first} "
                f"--requirement {req.id}；3. 依次运行测试：{run_zh}。"]
    steps_en = [f"1. Provide the profile's targets (annex A, IXIT); 2. run conformance run --profile {first} "
                f"--requirement {req.id}; 3. the tests run: {run_en}."]
    bad = facts.known_bad.get(req.id, 0)
    crit_zh, crit_en = criteria(req)
    rows: list[tuple[str, ...]] = [
        ("测试目的 / Test purpose", f"验证被测对象满足 {req.id}：【{LEVEL_ZH[level]}】{req.statement.zh}\n"
                                  f"To verify that the product meets {req.id}: [{level}] {req.statement.en}"),
        ("前置条件 / Initial conditions", "；".join(pre_zh) + ("；参数：" + "；".join(params) if params else "")
         + "\n" + "; ".join(pre_en) + ("; parameters: " + "; ".join(params) if params else "")),
        ("测试步骤 / Test procedure", steps_zh[0] + "\n" + steps_en[0]),
        ("预期结果 / Expected result", f"被检对象均满足陈述，测试判定为通过；已知不合格用例（{bad} 个）"
                                     f"均判定为不通过。\nEvery item meets the statement and the test passes; "
                                     f"each of its {bad} known-bad case(s) fails."),
        ("判定准则 / Verdict criteria", "\n".join(crit_zh) + "\n" + "\n".join(crit_en)),
    ]
    if req.rules:
        cases = facts.case_rules.get(req.id, [])
        rows.append(("规则 / Rules", "\n".join(
            f"{r.id}（{cases.count(r.id)} 个已知不合格用例）{r.zh}\n"
            f"{r.id} ({cases.count(r.id)} known-bad case(s)) {r.en}" for r in req.rules)))
    clauses = [f"{key} {tables.clauses[key].clause}" if key in tables.clauses else key for key in req.source.policy]
    rows.append(("依据 / Source", "; ".join(clauses + [", ".join(x for x in (s.name, s.section) if x)
                                                      for s in req.source.standards])))
    rows.append(("状态 / Status", f"{req.status or '—'}, version {req.version or '—'}, since {req.since or '—'}"))
    return [heading(f"{number} {req.id} {req.title.zh} / {req.title.en}", 2, f"req-{req.id}"),
            Block("table", rows=tuple(rows), anchor=f"test-{req.id}", header=False)]


def conformance_clause(profile: Profile, number: str) -> list[Block]:
    levels = "、".join(LEVEL_ZH[level.value] for level in profile.pass_rule.require)
    levels_en = ", ".join(level.value for level in profile.pass_rule.require)
    return [heading(f"{number} {profile.id} {profile.title.zh} / {profile.title.en}", 2, f"profile-{profile.id}"),
            zh(f"声称符合测试配置 {profile.id}（版本 {profile.version}）的实现，"
               f"应通过该配置所选全部“{levels}”级要求的测试用例"
               "（特性所含要求在 ICS 声明支持该特性时适用），并应提交填写完整的 ICS 与 IXIT（附录 A）。"),
            en(f"An implementation claiming conformance to profile {profile.id} (version {profile.version}) passes the "
               f"test cases of every {levels_en} requirement the profile selects (those of a feature when its ICS "
               "declares the feature) and supplies a completed ICS and IXIT (annex A).")]


def _annex_ics(catalog: Catalog) -> list[Block]:
    out = [heading("附录 A（规范性）ICS 与 IXIT 表格 / Annex A (normative) ICS and IXIT pro formas", 1, "annex-a")]
    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 1):
        out.append(heading(f"A.{number} {profile.id}", 2, f"ics-{profile.id}"))
        rows: list[tuple[str, ...]] = [("序号 / item", "要求 / requirement", "状态 / status", "支持 / support")]
        levels = {r.id: r.level.value for r in catalog.requirements.values()}
        for item, req_id in enumerate(profile.all_requirements(), 1):
            feature = profile.feature_of(req_id)
            status = f"c ({feature})" if feature else ICS_STATUS.get(levels.get(req_id, "MUST"), "m")
            rows.append((str(item), req_id, status, "是 Yes [ ]  否 No [ ]"))
        out += [zh("ICS：m 为必备，o 为可选，c 为以所列特性为条件。"),
                en("ICS: m mandatory, o optional, c conditional on the feature named."),
                Block("table", rows=tuple(rows))]
        ixit: list[tuple[str, ...]] = [("项目 / item", "说明 / description", "默认 / default", "取值 / value")]
        for role, target in profile.targets.items():
            desc = f"{target.description.zh} / {target.description.en}" if target.description else target.kind
            ixit.append((f"目标 / target {role} ({target.kind})", desc, "—", ""))
        for name, spec in profile.parameters.items():
            desc = f"{spec.description.zh} / {spec.description.en}" if spec.description else ""
            ixit.append((f"参数 / parameter {name}", desc, f"{_value(spec.default)}{_bounds(spec)}", ""))
        out += [zh("IXIT：由申请者填写被测对象的目标与参数取值。"), en("IXIT: the applicant fills in the targets and "
                                                                "parameter values of the product under test."),
                Block("table", rows=tuple(ixit))]
    return out


def _annex_traceability(catalog: Catalog, tables: Tables, facts: Facts) -> list[Block]:
    out = [heading("附录 B（资料性）追溯 / Annex B (informative) Traceability", 1, "annex-b"),
           zh("政策主题 → 要求 → 测试 → 已知不合格用例数。"), en("Seed topic → requirement → test → known-bad cases.")]
    rows: list[tuple[str, ...]] = [("主题 / topic", "状态 / status", "要求 / requirement", "测试 / test",
                                    "已知不合格用例 / known-bad cases")]
    for topic in tables.topics.values():
        label = f"{topic.zh} / {topic.en}"
        if not topic.requirements:
            rows.append((label, topic.status, "—", "—", topic.out_of_scope or topic.missing))
        for req_id in topic.requirements:
            rows.append((label, topic.status, req_id, ", ".join(facts.tests.get(req_id, [])) or "—",
                         str(facts.known_bad.get(req_id, 0))))
    out.append(Block("table", rows=tuple(rows), anchor="traceability"))
    return out


def annex_changes(changes: dict[str, Any]) -> list[Block]:
    """Annex C: what changed since an earlier catalog (``conformance catalog diff``)."""
    since = changes.get("since", "")
    rows: list[tuple[str, ...]] = [("变更 / change", "要求 / requirement", "内容 / detail")]
    rows += [("新增 / added", i, "") for i in changes["added"]]
    rows += [("删除 / removed", i, "") for i in changes["removed"]]
    rows += [("重新编号 / renumbered", i, ", ".join(new)) for i, new in changes["renumbered"].items()]
    rows += [("级别 / level", i, f"{a} → {b}") for i, (a, b) in changes["level"].items()]
    rows += [("陈述 / statement", i, "\n".join(langs[k] for k in ("zh", "en") if k in langs))
             for i, langs in changes["text"].items()]
    rows += [("参数默认值 / parameter default", profile, f"{name}: {a!r} → {b!r}")
             for profile, params in changes["parameters"].items() for name, (a, b) in params.items()]
    return [heading(f"附录 C（资料性）变更记录 / Annex C (informative) Change log since {since}", 1, "annex-c"),
            zh(f"自 {since} 以来的变更；[-…-] 为删除，{{+…+}} 为新增。"),
            en(f"Changes since {since}; [-…-] removed, {{+…+}} added."),
            Block("table", rows=tuple(rows), anchor="change-log")]


def _bibliography(catalog: Catalog, tables: Tables) -> list[Block]:
    out = [heading("参考文献 / Bibliography", 1, "bibliography")]
    number = 0
    for key, title in tables.documents.items():
        number += 1
        out.append(Block("para", f"[{number}] {title} ({key})", lang="zh-CN", anchor=f"bib-{key}"))
    cited = {s.name for r in catalog.requirements.values() for s in r.source.standards}
    for standard in sorted((s for s in tables.standards.values() if s.name in cited and not s.normative), key=_order):
        number += 1
        out.append(Block("para", f"[{number}] {standard.name}, {standard.url}", lang="en",
                         anchor=_ref_anchor(standard)))
    return out


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _bounds(spec: ParameterSpec) -> str:
    """Bounds as a reader writes them: ' (bounds [1, 4096])', ' (bounds ≥ 1)', ' (bounds ≤ 4096)'."""
    low, high = (spec.bounds.min, spec.bounds.max) if spec.bounds else (None, None)
    if low is not None and high is not None:
        return f" (bounds [{_num(low)}, {_num(high)}])"
    if low is not None:
        return f" (bounds ≥ {_num(low)})"
    return f" (bounds ≤ {_num(high)})" if high is not None else ""


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
