"""The 编制说明 (explanatory note) that goes to the committee beside the 征求意见稿:
``conformance catalog render --part explanatory``. Its parts follow what a national standard's
explanatory note holds: the work (task, process, drafters), the drafting principles, the main
clauses and what each rests on, the test verification (the harness's own results on the
reference implementation: read from a run's ``report.json`` given with ``--report``, else how to
produce one) and the relation to existing laws and standards. Everything it counts is computed
from the catalog, as the draft's own clauses are, so the two never disagree; what only the
drafting group knows (meetings, comments received) is a marked placeholder."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .lawtitles import titled_laws
from .noterules import decision_rules
from .contractsnote import annex_operations
from .explanatory_data import NoteData, by_rank, corpora_kept, figures, load_note_data, products
from .plural import counted as count_of, noun_for
from .facts import gather, ordered
from .selfcheck import self_check, tests_can_fail
from .interlab_note import reference_implementation, reproducibility
from .icsrows import in_draft
from .arearefs import SHOWN, cited_most_cell
from .citybudget import city_budget
from .corpusrights import third_party_data
from .limitbasis import limit_basis
from .readingbounds import bounds_basis
from .envbasis import environment_basis
from .strictest import strictest_basis
from .measurednote import (RECORDED, implementing, instruments, normative_apart, own_rating_clause,
                           product_configurations, reference_figures, unmeasured)
from .notecodes import marked_note
from .adoptions import adoption_table, em_dashed, listed_name
from .listorder import seed_clauses, seed_origin
from .refkinds import reference_kinds
from .stages import cardinal, project_stages
from .notetables import cited_tables, entry_place
from .bibuse import bibliography_uses
from .spec import (FIRST_CASE_CLAUSE, TITLE, bibliography_numbers, editions_note,
                   normative_references)
from .tables import Tables, load_tables
from .wording import (NAMES_RULE, note_figures, plain_program_rows, plain_programs, plain_registries, product_name,
                      zh_number)
from .writer import Block, Writer, area_title, normative

#: verdicts of a run's report, in the order the note lists them
VERDICTS = ("pass", "fail", "not_applicable", "inconclusive", "error", "skipped")
_VERDICT_ZH = {"pass": "通过", "fail": "不通过", "not_applicable": "不适用", "inconclusive": "不确定",
               "error": "错误", "skipped": "未运行"}
_OUTCOME_ZH = {"conformant": "符合", "not_conformant": "不符合", "incomplete": "未完成"}


def explanatory_note(catalog: Catalog, lang: str = "zh", report: dict[str, Any] | None = None,
                     zh: list[Block] | None = None) -> list[Block]:
    """The note's blocks in ``lang`` (``report``: a run's report.json; ``zh``: its Chinese note, if rendered)."""
    w, tables, requirements = Writer(catalog, lang), load_tables(catalog), ordered(catalog)
    kept = [r for r in requirements if normative(r)]
    title = w.t(f"《{TITLE[0]}》（征求意见稿）编制说明", f"Explanatory note on the draft \"{TITLE[1]}\"")
    out = [Block("heading", title, 0, anchor="explanatory-note", lang=w.tag)]
    out += _work(w, catalog, tables, requirements, kept, data := load_note_data(catalog))
    out += _principles(w, catalog, tables) + _main_clauses(w, catalog, kept)
    out += decision_rules(w, kept) + limit_basis(w, kept) + bounds_basis(w) + environment_basis(w)
    out += strictest_basis(w)
    operations = annex_operations(w, catalog, kept, data)
    out += operations + editions_note(w, 5 if operations else 4) + bibliography_uses(w)
    out += _verification(w, catalog, kept, report, data) + unmeasured(w, kept, products(data) if data else None)
    out += city_budget(w, kept, data)  # 四（七）: the models the city geometry budget was measured on
    out += _stated(w, data) + _relations(w, catalog, tables, data) + _remaining(w, data)
    # the English marks the code values its Chinese marks (thirty-second reading, b14)
    return marked_note(w, zh or explanatory_note(catalog, "zh", report), out) if lang == "en" else titled_laws(out)


def _fill(w: Writer, data: NoteData | None, key: str) -> str:
    """A text of suites/explanatory.yaml in this language; without the file, a marked placeholder."""
    value = data.get(key) if data else None
    return w.text(value) if value else w.t("（起草组填写。）", "(To be filled in by the drafting group.)")


def _remaining(w: Writer, data: NoteData | None) -> list[Block]:
    """Parts 九 to 十三: what the drafting group states, from suites/explanatory.yaml."""
    out: list[Block] = []
    for number, anchor, (zh, en), keys in (
            ("九", "note-9", ("重大分歧意见的处理经过和依据", "Major divergent views and how they were settled"),
             ("divergent",)),
            ("十", "note-10", ("标准性质的建议", "Recommendation on the nature of the standard"), ("nature",)),
            ("十一", "note-11", ("贯彻标准的要求和措施建议", "Recommendations for implementing the standard"),
             ("transition",)),
            ("十二", "note-12", ("废止现行有关标准的建议", "Recommendation on withdrawing existing standards"),
             ("abolish",)),
            ("十三", "note-13", ("其他应予说明的事项", "Other matters"), ("other",))):
        out.append(w.heading(w.t(f"{number}、{zh}", f"{_ARABIC[number]} {en}"), 1, anchor, normative=False))
        if anchor == "note-11":
            out += implementing(w) + instruments(w, data)
        # a table of the draft by its anchor, 「{table:traceability}」, with the draft's number (h123-annexref)
        out += [w.para(cited_tables(w, w.catalog, _fill(w, data, key)), normative=False) for key in keys]
    return out


_ARABIC = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
           "十": "10", "十一": "11", "十二": "12", "十三": "13"}


def _work(w: Writer, catalog: Catalog, tables: Tables, requirements: list[Requirement], kept: list[Requirement],
          data: NoteData | None) -> list[Block]:
    foreword = w.data.foreword
    status = Counter(r.status or "stable" for r in requirements)
    held = len(requirements) - (gone := status["deprecated"])  # kept in the catalog, not in the draft (B.3)
    areas = list(dict.fromkeys(r.area for r in requirements))
    claimable = sum(bool(catalog.normative_requirements(p)) for p in catalog.profiles.values())
    out = [w.heading(w.t("一、工作简况", "1 Overview of the work"), 1, "note-1", normative=False),
           w.heading(w.t("（一）任务来源", "1.1 Origin of the task"), 2, "note-1-1", normative=False),
           w.para(w.t(*seed_origin(w, tables)), normative=False),
           w.para(_fill(w, data, "task"), normative=False)]
    if data and data.get("task") and "project" in data.get("task"):
        project = w.para(w.text(data.get("task")["project"]), normative=False)  # by its name, plain, as 四（二）
        out.append(replace(project, text=plain_programs(project.text)))
    out += [w.para(w.text(foreword[key]), normative=False) for key in ("proposed_by", "administered_by")
            if key in foreword]
    out += [w.heading(w.t("（二）主要工作过程", "1.2 Main steps of the work"), 2, "note-1-2", normative=False),
            w.para(w.t(f"本项目已完成的工作：逐句阅读政策文件与白皮书，列出其中提出的主题，为本文件范围内的每个主题起草要求，"
                       f"为每项要求编写自动化测试或人工测试用例，并为自动化要求编写已知不合格用例。本稿共有要求 {held} 项，"
                       f"分属 {len(areas)} 个领域：稳定（规范性）{status['stable']} 项，候选 {status['candidate']} 项，"
                       f"草案 {status['draft']} 项" + (f"（另有已废止要求 {gone} 项保留在测试工具的要求目录中，不列入本稿）"
                                                       if gone else "") + f"；测试配置 {len(catalog.profiles)} 个，"
                       f"其中 {claimable} 个可用于声称符合。",
                       f"What this project has done: it read the policy documents and the white paper sentence by "
                       f"sentence, listed the topics they name, drafted requirements for each topic in scope and "
                       f"wrote an automated test or a manual test case for each requirement and known-bad cases for each "
                       f"automated one. This draft holds {held} requirements in {len(areas)} areas: "
                       f"{status['stable']} stable (normative), {status['candidate']} candidate, {status['draft']} draft"
                       + (f" (besides {gone} deprecated, kept in the harness's catalog but not in this draft)"
                          if gone else "") + f"; {len(catalog.profiles)} profiles, {claimable} of which can be claimed."),
                   normative=False),
            w.para(reference_implementation(w), normative=False), *project_stages(w, data),
            w.para(_fill(w, data, "process"), normative=False),
            w.heading(w.t("（三）主要起草单位和起草人", "1.3 Drafting organizations and drafters"), 2, "note-1-3",
                      normative=False)]
    out += [w.para(w.text(foreword[key]), normative=False) for key in ("drafting_units", "drafters")
            if key in foreword]
    return out


def _principles(w: Writer, catalog: Catalog, tables: Tables) -> list[Block]:
    counts = Counter(t.status for t in tables.topics.values())
    own_rating = own_rating_clause([r for r in ordered(catalog) if normative(r)])  # 44th reading, d3
    return [w.heading(w.t("二、标准编制原则", "2 Drafting principles"), 1, "note-2", normative=False),
            w.para(w.t("（一）按照 GB/T 1.1—2020 的规定起草。（二）可检测：每项规范性要求都有测试用例，"
                       "其判定阈值是写在要求或测试配置中的数值，不由被测对象的提供者填写" + own_rating[0] +
                       "（三）可追溯：每项要求引用其所依据的政策条款与外部标准。"
                       "（四）如实覆盖：一个政策主题只有在有规范性（稳定、“应”级、测量被测对象的行为而非其自我声明）的要求测试它时"
                       f"才计为已覆盖。按此计算，政策文件与白皮书提出的主题共 {len(tables.topics)} 个，其中 "
                       f"{counts['out of scope']} 个不在本文件范围内；"
                       f"其余 {len(tables.topics) - counts['out of scope']} 个中，"
                       f"已覆盖 {counts['covered']} 个，部分覆盖 {counts['partial']} 个，尚未覆盖 {counts['absent']} 个。",
                       "(1) Drafted by the rules of GB/T 1.1-2020. (2) Testable: every normative requirement has a "
                       "test case whose pass thresholds are numbers in the requirement or the profile, never filled "
                       "in by the implementation under test's provider" + own_rating[1] + " (3) Traceable: every requirement cites the policy clause and the "
                       "external standard it rests on. (4) Honest coverage: a policy topic counts as covered only "
                       "when a normative requirement (stable, MUST, measuring the implementation under test's behaviour rather than "
                       f"its own declaration) tests it. So counted, the documents name {len(tables.topics)} topics, "
                       f"{counts['out of scope']} of them out of scope; of the other "
                       f"{len(tables.topics) - counts['out of scope']}, {counts['covered']} are covered, "
                       f"{counts['partial']} partly and {counts['absent']} not yet."),
                   normative=False)]


def _main_clauses(w: Writer, catalog: Catalog, kept: list[Requirement]) -> list[Block]:
    # the part's opening stands in its first subclause, so that no paragraph hangs between 三 and （一） (the body's
    # 5.1 通则 likewise, GB/T 1.1-2020 7.4); the later subclauses keep their anchors (note-3-1 is now （二）)
    out = [w.heading(w.t("三、主要内容及其确定依据", "3 Main clauses and their basis"), 1, "note-3", normative=False),
           w.heading(w.t("（一）各领域的测试用例", "3.1 The test cases by area"), 2, "note-3-areas", normative=False),
           w.para(w.t(f"第 {FIRST_CASE_CLAUSE} 章起按领域给出测试用例，每个测试用例对应一项规范性要求。"
                      "各领域的测试用例数、所依据的政策条款（以参考文献序号及其条款编号表示）与第 2 章所列规范性引用文件中"
                      f"被该领域最多测试用例引用的至多 {SHOWN} 项如下表（括号内为引用它的测试用例数，数目相同者按第 2 章的顺序；"
                      "参考文献所列资料性引用的文件不计入）。",
                      f"From clause {FIRST_CASE_CLAUSE} on, the test cases are given per area, one per normative "
                      "requirement. The table gives each area's number of test cases, the policy clauses they "
                      "rest on (by bibliography and clause number) and, of the normative references of clause 2, "
                      f"at most {cardinal(SHOWN)} cited by the most of the area's test cases (in brackets the number of test cases "
                      "citing each, equal numbers in clause 2's order; the documents the bibliography lists for "
                      "information are not counted)."),
                  normative=False)]
    rows: list[tuple[str, ...]] = [(w.t("领域", "Area"), w.t("测试用例", "Test cases"),
                                    w.t("政策条款", "Policy clauses"), w.t("引用最多的规范性引用文件", "Normative references cited most"))]
    for area in dict.fromkeys(r.area for r in kept):
        reqs = [r for r in kept if r.area == area]
        clauses = seed_clauses(load_tables(catalog), {c for r in reqs for c in r.source.policy})
        # one clause key a line: a key is never broken (nowrap, word joiners), so a list of them
        # in the narrow cell left its commas alone at line starts wherever a key filled a line
        rows.append((w.t(*area_title(area)), str(len(reqs)), "\n".join(clauses),
                     cited_most_cell(w, load_tables(catalog), catalog, reqs)))
    # as written: clause keys and standards' titles are names, not code values to mark
    out.append(Block("table", rows=tuple(rows), lang=w.tag, widths=(28, 17, 50, 70)))
    return out


def _verification(w: Writer, catalog: Catalog, kept: list[Requirement], report: dict[str, Any] | None,
                  data: NoteData | None) -> list[Block]:
    facts = gather(catalog)
    bad = sum(facts.known_bad.get(r.id, 0) for r in kept)
    proven = sum(1 for r in kept if facts.known_bad.get(r.id, 0))
    out = [w.heading(w.t("四、主要试验（验证）情况", "4 Test verification"), 1, "note-4", normative=False),
           tests_can_fail(w, kept, data, proven, bad)]  # as the repository runs them (sixty-fifth reading, d1)
    out += _measured(w, data, proven, bad)
    out += _reference_run(w, catalog, report)
    if report is None:
        return out
    product = report.get("manifest", {}).get("product", {})
    verdicts = Counter(str(r.get("verdict")) for r in report.get("requirements", []))
    outcomes = Counter(str(p.get("outcome")) for p in report.get("profiles", []))
    name = f"{product.get('name', '')} {product.get('version', '')}".strip()
    harness = report.get("harness", {})
    shown = [v for v in VERDICTS if verdicts.get(v)]
    tool, started = f"{harness.get('name', '')} {harness.get('version', '')}", report.get("started", "")
    profiles, total = sum(outcomes.values()), sum(verdicts.values())
    out.append(Block("para", w.t(
        f"所附一次运行：以 {tool} 测试“{name}”（{started}）：测试配置 {profiles} 个，"
        + "，".join(f"{_OUTCOME_ZH.get(o, o)} {n} 个" for o, n in sorted(outcomes.items()))
        + f"；要求 {total} 项，" + "，".join(f"{_VERDICT_ZH[v]} {verdicts[v]} 项" for v in shown) + "。",
        f"The run attached: {tool} tested \"{name}\" ({started}): {profiles} "
        "profiles, " + ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
        + f"; {total} requirements, " + ", ".join(f"{verdicts[v]} {v}" for v in shown) + "."),
        lang=w.tag))
    rows: list[tuple[str, ...]] = [(w.t("测试配置", "Profile"), w.t("结论", "Outcome"), w.t("判定", "Verdicts"))]
    for profile in report.get("profiles", []):
        counts = profile.get("counts", {})
        known = catalog.profiles.get(str(profile.get("id", "")))
        # issue 76: "50/50 符合" counted profiles clause 15 says cannot be claimed as if they could
        unclaimable = w.t("（不能用于声称符合）", " (cannot be claimed)") if known and not (
            catalog.normative_requirements(known)) else ""
        rows.append((str(profile.get("id", "")), w.t(_OUTCOME_ZH.get(str(profile.get("outcome")), ""),
                                                     str(profile.get("outcome", ""))) + unclaimable,
                     ", ".join(f"{w.t(_VERDICT_ZH.get(k, k), k)} {n}" for k, n in sorted(counts.items()))))
    out.append(w.table(rows, (60, 30, 75), normative=False))
    return out


def _reference_run(w: Writer, catalog: Catalog, report: dict[str, Any] | None) -> list[Block]:
    """四（五）: what the run on the reference implementation covers and what it shows, computed from
    the catalog so that the section is never empty (the third reading found 「本稿未附」 without
    ``--report``); a run's own figures follow when its report is given. ``conformance demo`` claims
    every profile and each feature with an automated requirement (``cli.manifests.demo_manifest``),
    and the harness's own tests hold every outcome conformant (``tests/e2e/test_cli.py``)."""
    claimable = sum(bool(catalog.normative_requirements(p)) for p in catalog.profiles.values())
    selected = [catalog.requirements[r] for r in dict.fromkeys(
        r for p in catalog.profiles.values() for r in p.all_requirements()) if r in catalog.requirements]
    # the demo claims a feature the reference can show: one with an automated requirement (a feature
    # judged by a person only would leave the run incomplete); the others' requirements are not applicable.
    # Counted over the draft's features, as annex A names them; a feature holding only deprecated requirements is
    # claimed too but is not in the draft, so it is named apart (sixty-seventh reading, a1: 「89 个特性」 counted it)
    claimed = [(p.id, n) for p in catalog.profiles.values() for n, f in p.features.items()
               if any(catalog.requirements[r].testing.value != "manual"
                      for r in f.requirements if r in catalog.requirements)]
    drafted = {(p.id, n) for p in catalog.profiles.values() for n, f in p.features.items()
               if any(in_draft(catalog, r) for r in f.requirements)}
    shown, gone = [c for c in claimed if c in drafted], [c for c in claimed if c not in drafted]
    manual_only = len(drafted) - len(shown)
    stable, withdrawn = sum(normative(r) for r in selected), sum(r.status == "deprecated" for r in selected)
    profiles = len(catalog.profiles)
    checked = self_check(w, [r for r in ordered(catalog) if normative(r)])  # what the demo test checks (d1)
    covers = w.t(
        f"（五）参考实现的验证结果：随测试工具提供的参考实现由 `conformance demo` 测试，该运行声明全部 {profiles} 个"
        f"测试配置（其中 {claimable} 个可用于声称符合，其余 {profiles - claimable} 个不含规范性要求）及其中含自动化要求的"
        f" {len(shown)} 个特性（仅含人工评估要求的 {manual_only} 个特性不声明，其要求判为不适用"
        + (f"；另声明仅含已废止要求的 {len(gone)} 个特性 " + "、".join(f"`{p}` 的 `{n}`" for p, n in gone)
           + "，不列入本稿" if gone else "") + "），"
        f"这些测试配置所含的 {len(selected) - withdrawn} 项要求（其中规范性要求 {stable} 项）均得到判定"
        + (f"，测试配置仍列出的 {withdrawn} 项已废止要求亦然（不列入本稿）" if withdrawn else "") + "。"
        + checked[0],
        f"(5) The results on the reference implementation: the reference implementation shipped with the harness "
        f"is tested by `conformance demo`, which claims all {profiles} profiles ({claimable} of which can be claimed "
        f"for conformance, the other {profiles - claimable} holding no normative requirement) with the {len(shown)} "
        f"features that hold an automated requirement (the {count_of(manual_only, 'feature')} assessed by hand only "
        f"{noun_for(manual_only, 'is', 'are')} not claimed, {noun_for(manual_only, 'its', 'their')} requirements not applicable"
        + (f"; it also claims the {count_of(len(gone), 'feature')} holding only deprecated requirements, "
           + ", ".join(f"`{p}`'s `{n}`" for p, n in gone) + ", not in this draft" if gone else "")
        + f"): each of the {len(selected) - withdrawn} requirements of those profiles "
        f"({stable} of them normative) gets a verdict" + (f", and so does each deprecated requirement a profile still "
        f"lists ({withdrawn}, not in this draft)" if withdrawn else "") + "." + checked[1])
    scope = w.t(
        "参考实现与测试用例出自同一起草组，其样品（终端采集文件、设备描述、模型与瓦片集等）亦由本项目生成，"
        "并非实测产品的记录：本结果只说明每个测试用例都能运行到结论、测试工具与参考实现相互一致，"
        "不是任何产品符合本文件的证据，也不代替（二）（三）中与独立工具和真实产品的比对。",
        "The reference implementation and the test cases come from the same drafting group, and its samples "
        "(device captures and descriptors, models, tilesets...) are generated by the project, not recorded "
        "from products: the result shows only that every test case runs to a verdict and that the harness and the "
        "reference agree; it is no evidence that any product conforms to this document, and it does not stand in "
        "for the comparisons with independent tools and real products of (2) and (3).")
    if report is not None:
        return [Block("para", covers, lang=w.tag), Block("para", scope, lang=w.tag)]
    figures_from = w.t(
        "各判定的数量随要求的增减而变，本稿不予固定：送审稿附一次运行的各测试配置结论与判定数量，"
        "由 `conformance demo --out 目录` 运行后以 `conformance catalog render --part explanatory "
        "--report 目录/report.json` 生成本说明。",
        "The number of each verdict changes as requirements are added or withdrawn, so this draft fixes none: the "
        "draft for approval attaches one run's outcome per profile and its verdict counts, produced by `conformance "
        "demo --out DIR` and then `conformance catalog render --part explanatory --report DIR/report.json`.")
    recorded = reference_figures(w, [r for r in ordered(catalog) if normative(r)])  # d12: the figures per area
    return [Block("para", covers, lang=w.tag), Block("para", scope, lang=w.tag)] + (
        recorded or [Block("para", figures_from, lang=w.tag)])


def _measured(w: Writer, data: NoteData | None, proven: int, bad: int) -> list[Block]:
    """(二) to (四): agreement with the field's tools on public corpora, the real products judged, the runs."""
    display, kept = (w.catalog.display(data.path) if data else ""), corpora_kept(data)  # d1 (61st): where each is
    lead = w.para(w.t("（二）与公开工具在公开语料上的一致性：以各领域公认的校验工具或测试套件在公开语料上的结论为准，"
                      f"比较本工具对同一输入的判定（{kept[0]}）。" + NAMES_RULE[0],
                      "(2) Agreement with the field's own tools on public corpora: the verdicts of each field's "
                      "recognised validator or test suite on public corpora, compared with the harness's verdicts on "
                      f"the same inputs ({kept[1]}). " + NAMES_RULE[1]), normative=False)
    out = [replace(lead, text=plain_programs(lead.text))]  # the programs it names by their names, as it states
    for entry in (data.get("validation") if data else None) or []:  # a 参考文献 number cited: the draft's own
        found = figures(data, entry, display, lambda: bibliography_numbers(w, w.catalog, load_tables(w.catalog))) \
            if data else None
        if found is None:
            continue
        said = w.text({"zh": entry["zh"], "en": entry["en"]}).format(**found)
        para = w.para((note_figures(said) if w.lang == "zh" else said)  # the file: a reader has the note only
                      + w.t(f"（数据见开源项目 metaverse-conformance 的{'文档' if entry['file'].endswith('.md') else '文件'} {entry['file']}）",
                            f" (figures: the metaverse-conformance project's {entry['file']})"), normative=False)
        out.append(replace(para, text=plain_programs(para.text)))  # programs by their names, as 四（二） states
    judged = normative_apart(w, products(data) if data else None)  # annex C apart (44th reading, d2)
    out.append(w.para(w.t("（三）真实产品的测试：下列开源产品均非本项目编写，从各自的软件包仓库安装，按其运营者的方式配置，"
                          "以第二个表所列本文件的测试配置测试；每项判定连同决定它的依据记录在测试工具自身的测试中，不通过即产品的真实行为。"
                          "两表只计本文件的规范性要求，附录 C 的候选或草案要求的结果在第二个表中另列，仅供参考。",
                          "(3) Real products: the open-source products below, none written by this project, were "
                          "installed from their registries, configured as their operators would and tested to this "
                          "document's profiles the second table names; each verdict is recorded with the evidence deciding "
                          "it in the harness's own tests, and a failure is the product's real behaviour. Both tables count only "
                          "this document's normative requirements; the results of annex C's candidate or draft "
                          "requirements are given apart in the second table, for reference only."), normative=False))
    if judged:
        rows: list[tuple[str, ...]] = [(w.t("产品（版本）", "Product (version)"),) + tuple(
            w.t(*names) for names in RECORDED.values())]
        rows += [(w.t(product_name(p.name), p.name),) + tuple(str(p.verdicts.get(v, 0)) for v in RECORDED)
                 for p in judged]
        table = w.table(rows, (60, 21, 21, 21, 21, 21), normative=False)
        out += [replace(table, rows=plain_registries(table.rows)), product_configurations(w, judged)]
    # third reading: this was titled 实验室间比对, which two set-ups of one tool on one machine are not
    para = reproducibility(w, data, proven, bad)
    out.append(replace(para, text=plain_programs(para.text)))  # the project by its name, as 四（二） states
    return out


def _relations(w: Writer, catalog: Catalog, tables: Tables, data: NoteData | None) -> list[Block]:
    # as clause 2 lists them, with what the text itself cites (third reading: 「113 项」 beside clause 2's 116)
    refs = normative_references(w, tables, catalog)
    counted = reference_kinds([listed_name(w, s) for s in refs])  # by issuer (twenty-ninth reading b25)
    # the part's opening in a first subclause of its own (as 三's); each document's anchor keeps its rank's number
    out = [w.heading(w.t("八、与有关的现行法律、法规和强制性国家标准的关系", "8 Relation to existing laws, regulations "
                         "and mandatory national standards"), 1, "note-8", normative=False),
           w.heading(w.t("（一）概述", "8.1 Overview"), 2, "note-8-overview", normative=False),
           w.para(w.t(counted[0] + "本文件不改变所引用标准的要求，只规定如何测试产品是否满足这些要求。下文逐一说明各要求所依据的"
                      "法律、法规与强制性国家标准及推荐性国家标准与本文件的关系；引用各文件的要求按其状态列出"
                      f"（稳定要求在规范性条款中，候选与草案要求在附录 {w.annex('candidates')}）。",
                      counted[1] + " It changes no requirement of the standards it cites; it "
                      "specifies how to test that a product meets them. Below, each law, regulation and national "
                      "standard the requirements rest on is analysed in turn, with the requirements citing it by "
                      f"status (stable ones in the normative clauses, candidates and drafts in annex {w.annex('candidates')})."),
                  normative=False)]
    by_name: dict[str, list[Requirement]] = {}
    for req in ordered(catalog):
        for ref in req.source.standards:
            by_name.setdefault(ref.name, []).append(req)
    for number, entry in enumerate(by_rank((data.get("relations") if data else None) or []), start=1):
        reqs = list({r.id: r for r in by_name.get(str(entry.get("name")), [])}.values())
        stable = [r.id for r in reqs if normative(r)]
        other = [r.id for r in reqs if not normative(r) and r.status != "deprecated"]
        cited_by = (w.t("引用它的要求：", "Cited by: ")
                    + w.t("规范性 ", "normative ") + ("、".join(stable) if w.lang == "zh" else ", ".join(stable) or "—")
                    + w.t(f"；附录 {w.annex('candidates')} ", f"; annex {w.annex('candidates')} ") + ("、".join(other) if w.lang == "zh" else ", ".join(other) or "—")
                    + w.t("。", ".")) if reqs else _uncited(w, entry.get("name") in {s.name for s in refs})
        if w.lang == "zh":
            cited_by = cited_by.replace("规范性 ；", "规范性 无；").replace(f"附录 {w.annex('candidates')} 。", f"附录 {w.annex('candidates')} 无。")
        out.append(w.heading(w.t(f"（{zh_number(number + 1)}）{entry['title']}",
                                 f"8.{number + 1} {em_dashed(str(entry.get('name_en') or entry.get('name') or ''))}"),
                             2, f"note-8-{number}", normative=False))
        analysis = cited_tables(w, catalog, w.text(entry), entry_place(w, data, "relations", entry))  # 。 / space
        out.append(w.para(w.t("", " ").join(p for p in (cited_by, analysis) if p), normative=False))
    return out


def _uncited(w: Writer, in_clause_2: bool) -> str:
    """A document no requirement's source cites: one clause 2 lists is still cited normatively by the text (the
    report clause, a test case), so not 「没有要求引用它」 (forty-second reading, dx3: GB/T 27025, GB/T 7408.1)."""
    if in_clause_2:
        return w.t("无要求在其依据中引用它；本文件第 2 章将其列为规范性引用文件。",
                   "No requirement's source cites it; clause 2 lists it as a normative reference.")
    return w.t("没有要求引用它。", "No requirement cites it.")


def _stated(w: Writer, data: NoteData | None) -> list[Block]:
    """Parts 五 to 七: intellectual property, industrial use, and the comparison with similar suites."""
    out = [w.heading(w.t("五、知识产权说明", "5 Intellectual property"), 1, "note-5", normative=False),
           w.para(_fill(w, data, "ip").replace("{third_party_data}", w.t(*third_party_data(data.root if data else None))),
                  normative=False),
           w.heading(w.t("六、产业化情况与推广应用论证", "6 Industrial use and the case for adoption"), 1, "note-6",
                     normative=False),
           w.para(_fill(w, data, "industry"), normative=False),
           w.heading(w.t("七、与国际、国外同类标准的对比", "7 Comparison with international and foreign counterparts"),
                     1, "note-7", normative=False)]
    rows: list[tuple[str, ...]] = [(w.t("同类标准或测试套件", "Counterpart"), w.t("对比", "Comparison"))]
    rows += [(w.text(entry["name"]), w.text(entry)) for entry in ((data.get("comparison") if data else None) or [])]
    if len(rows) > 1:  # programs by their names, as 四（二） states
        out.append(replace(t := w.table(rows, (45, 120), normative=False), rows=plain_program_rows(t.rows)))
    else:
        out.append(w.para(_fill(w, None, "comparison"), normative=False))
    out += adoption_table(w, data)
    return out
