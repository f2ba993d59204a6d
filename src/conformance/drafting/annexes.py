"""The specification's annexes A to E: the ICS and IXIT pro formas (A, normative), the mapping of
the test cases to the harness (B), the requirements to review (C), the test cases of draft and
candidate requirements (D) and the interface contracts of the HTTP operations the normative
requirements name (E, normative)."""

from __future__ import annotations

from typing import Any, cast

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .._catalog.schemas import BASE_URI
from .annexb import counts_lead, counts_table, topic_ids
from .annexcodes import coded, coded_as_written, coded_text
from .bibcites import numbered_pointers
from .contracts import named_operations, serves_discovery
from .discoveryclause import (DISCOVERY_ANCHOR, discovery_clause, operations_anchor, parameter_tables, reached_through,
                             resolver)
from .facts import Facts
from .icsrows import (anchors_row, bounds, cell_text, in_draft, informative_only, named_features, needed_endpoints,
                      target_users, tightening)
from .tables import Tables, normative_gap
from .quantities import english_unit_symbols, times_sign
from .conditions import PEM, TRUST_ANCHORS, anchored_rules, value_text, with_unit
from .testcontent import test_content
from .contractheaders import header_fields, response_headers
from .ixitmembers import declared_members
from .onename import quote_marks, the_tester
from .operationcells import (GENERAL, RESPONSE, described_operations, error_bodies, request_role, response_text,
                             status_and_protection)
from .signs import signs
from .topicnames import named_topics
from .crossrefs import schema_anchor
from .schema_summary import EVERY_LEVEL
from .schemaclause import members_legend, shared_schemas
from .schematables import schema_table
from .runtimecalls import method_tables, result_pointer
from .valuetypes import value_types
from .sentmessages import sent_messages, sent_tables
from .unitphrases import closing_unit
from .wording import (one_document_name, percent_close, standard_dashes, unit_symbols, unquoted_names, untooled,
                      whole_ids)
from .writer import (ICS_STATUS, NEXT_TABLE, Block, Writer, area_environment, area_title, clause_ref, general_clause,
                     normative, table_ahead, tables_ahead, with_formats)


def _trust_anchor_rules(w: Writer, catalog: Catalog, requirements: list[str]) -> list[str]:
    """Each requirement among ``requirements`` whose case reads the trust-anchor file, with the rules not judged
    without it (:func:`~.conditions.anchored_rules`, which its 前置条件 ask too): 「IF-TLS-001 R6 与 R7」."""
    found = sorted((r.id, anchored_rules(r)) for r in (catalog.requirements.get(i) for i in requirements)
                   if r is not None)
    return [f"{rid} " + (w.t("、", ", ").join(rules[:-1]) + w.t(" 与 ", " and ") if len(rules) > 1 else "") + rules[-1]
            for rid, rules in found if rules]


def annex_ics(w: Writer, catalog: Catalog) -> list[Block]:
    drafts = w.annex("candidates")
    listed_zh, listed_en = (f"，见附录 {drafts}", f", annex {drafts}") if drafts else ("", "")
    out = [w.heading(w.t("附录 A（规范性）实现一致性声明（ICS）与测试用实现附加信息（IXIT）表格",
                         "Annex A (normative) ICS and IXIT pro formas"), 1, "annex-a", page=True),
           general_clause(w, "A.1", "annex-a-general"),  # the status line hung above the first profile's A.1
           w.para(w.t(f"ICS 状态：m 为必备，o 为可选，c 为以所列特性为条件，i 为资料性（草案或候选要求{listed_zh}）。"
                      "IXIT 由被测对象的提供者填写各被测目标（被测对象各部分的取得之处）"
                      "及测试所需而不改变判定阈值的配置项（信任锚、测试身份、探测用值）；"
                      "标为“测试实验室的记录”的行不是被测目标，由测试实验室填写其为测量类测试用例所作记录的取得之处。"
                      "判定阈值、容差、样本量、随机种子与时限由本文件规定，列于各配置的测试参数表："
                      "表中数值即判定所用数值，提供者不填写；标为“固定”的数值不应更改；"
                      "其余数值认证计划或声明文件只可向所注方向改严，且不超过所列最严值，不应放宽。",
                      "ICS status: m mandatory, o optional, c conditional on the feature named, i informative (a "
                      f"draft or candidate requirement{listed_en}). The supplier of the implementation under test fills in the IXIT: the targets (where "
                      "the implementation under test is reached) and the settings the test needs that change no pass "
                      "threshold (trust anchors, test identities, probe values); a row marked laboratory's record is no "
                      "target: the test laboratory fills in where the records it made for the measuring test cases are. The pass "
                      "thresholds, tolerances, sample sizes, random seeds and time limits are set by this document, in "
                      "each profile's table of test parameters: the value listed is the value judged against, not "
                      "filled in by the supplier; a value marked fixed shall not be changed; any other a "
                      "certification plan or the manifest may only make stricter, in the direction noted and no "
                      "further than the strictest value listed; it shall not be relaxed.")
                  # twentieth reading: IF-DISC-003 sent the reader here for each profile's endpoints, listed nowhere
                  + w.t("声明某一配置的平台，其服务发现文档的 `endpoints` 应列出该配置条款所列的端点名称；"
                        "条款未列出端点名称的配置不需要端点。",
                        " A platform declaring a profile shall list in its discovery document's `endpoints` the endpoint "
                        "names the profile's clause gives; a profile whose clause gives none needs no endpoint."))]
    support = w.t("是 [ ]  否 [ ]", "Yes [ ]  No [ ]")
    informative = {r.id for r in catalog.requirements.values() if not normative(r)}  # annex C's: a row serving them says so
    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 2):
        out.append(w.heading(f"A.{number} {profile.title.get(w.lang)}（`{profile.id}`）" if w.lang == "zh"
                             else f"A.{number} {coded(w, profile.title.zh, profile.title.en)} (`{profile.id}`)", 2, f"ics-{profile.id}"))
        lead = len(out)  # the sentence naming the profile's tables, written once it is known whether it has parameters
        rows: list[tuple[str, ...]] = [(w.t("序号", "Item"), w.t("要求", "Requirement"), w.t("状态", "Status"),
                                        w.t("支持", "Support"))]
        # a withdrawn requirement is not in this document (annex B's B.3), so no ICS item asks for its support
        # (twenty-eighth reading, row b2)
        listed = [r for r in profile.all_requirements() if in_draft(catalog, r)]
        for item, req_id in enumerate(listed, 1):
            req = catalog.requirements.get(req_id)
            feature = profile.feature_of(req_id)
            if req is not None and not normative(req):  # a candidate or draft: informative, listed in annex C
                status = "i"
            elif feature:
                status = f"c（`{feature}`）" if w.lang == "zh" else f"c (`{feature}`)"
            else:
                status = ICS_STATUS.get(req.level.value if req else "MUST", "m")
            title = coded(w, req.title.zh, req.title.en) if req else ""  # English marked as its Chinese (31st a26)
            # numbered within its table, as ISO/IEC 9646-7 numbers ICS items: 「A.2.1」 read as a subclause that does
            # not exist (forty-first reading, a20); an item is cited as its table's item, 「表 A.1 的第 1 项」
            rows.append((str(item), f"{req_id} {title}", status, support))
        out.append(w.table(rows, (18, 84, 36, 27), title=coded(w, f"{profile.title.zh}的 ICS", f"ICS of {profile.title.en}")))
        ixit: list[tuple[str, ...]] = [(w.t("项目", "Item"), w.t("说明", "Description"), w.t("默认", "Default"),
                                        w.t("取值", "Value"))]
        for role, target in profile.targets.items():
            desc = with_formats(w, coded_text(w, target.description, lambda t, lang: cell_text(the_tester(t, lang))),
                                target.description.zh) if target.description else ""
            # the requirements reading a row decide: those it names by ID or feature, else all (67th a's d2, 68th a2)
            only = informative_only(w, informative, "", target_users(getattr(target.description, "zh", ""), listed,
                                                                     profile.features))
            desc += only if desc else ""
            label = w.t("测试实验室的记录", "Laboratory's record") if target.laboratory else w.t("被测目标", "Target")
            ixit.append((f"{label} `{role}`", desc, "—", ""))  # the laboratory's own records: no target (63rd, a2)
            rules = _trust_anchor_rules(w, catalog, profile.all_requirements()) if target.kind == "http" else []
            if rules:
                zh, en = "、".join(rules), ", ".join(rules)
                are = "are" if " and " in en or len(rules) > 1 else "is"
                ixit.append((w.t(f"目标 `{role}` 的信任锚文件 {TRUST_ANCHORS}（{PEM[0]}）",
                                 f"Trust-anchor file {TRUST_ANCHORS} of target `{role}` ({PEM[1]})"),
                             w.t(f"被测目标 `{role}` 的证书链应通向的 CA 证书；{zh} 依之评判",
                                 f"The CA certificates the certificate chain of target `{role}` is to lead to; "
                                 f"{en} {are} judged against them") + informative_only(w, informative, zh),
                             w.t(f"—（未给出时 {zh} 不予评判）", f"— (none given: {en} {are} not judged)"), ""))
            elif target.kind == "http":
                ixit.append(anchors_row(w, role, only))
        ixit += declared_members(w, catalog, profile.all_requirements())
        thresholds: list[tuple[str, ...]] = [(w.t("测试参数", "Test parameter"), w.t("说明", "Description"),
                                              w.t("规定值", "Value set"))]
        for name, spec in profile.parameters.items():
            desc = coded_text(w, spec.description, lambda t, lang: cell_text(the_tester(untooled(t), lang))) if spec.description else ""
            desc = closing_unit(desc) if w.lang == "zh" else desc  # 「……，以 ms 计」 as annex E (22nd reading)
            desc = numbered_pointers(w, desc, spec.cites)  # 「见参考文献[47]」, not an author-year citation (45th a1)
            # the requirements reading the parameter decide, not the IDs its description names (sixty-sixth reading, ax1)
            users = {r for r in listed if name in getattr(catalog.requirements.get(r), "parameters", ())}
            desc += informative_only(w, informative, spec.description.zh if spec.description else "", users)
            if spec.direction == "any":  # a setting that decides nothing (where the product is): the IXIT's
                shown = "—" if spec.default is None else f"`{value_text(spec.default)}`"  # unset: as a target's row
                ixit.append((w.t(f"配置项 `{name}`", f"Setting `{name}`"), desc, shown + bounds(w, spec), ""))
            else:  # a number of the standard: printed, never left for the applicant, never loosened; a quantity
                # with its unit, a plain number as plain text, in the form the 前置条件 print it (twentieth reading,
                # row 23: 「`100000`」 here beside 「`max_triangles` = 100 000」 in the case); a word or a list as code
                value = (f"`{value_text(spec.default)}`" if isinstance(spec.default, dict | list | tuple | str)
                         else with_unit(value_text(spec.default), spec.unit, w.lang))
                thresholds.append((w.t(f"参数 `{name}`", f"Parameter `{name}`"), desc, value + tightening(w, spec)))
        out.append(w.table(ixit, (42, 68, 38, 17), title=coded(w, f"{profile.title.zh}的 IXIT", f"IXIT of {profile.title.en}")))
        if len(thresholds) > 1:
            out.append(w.table(thresholds, (42, 85, 38), title=coded(w, f"{profile.title.zh}的测试参数", f"Test parameters of {profile.title.en}")))
        # thirteenth reading: 536 of the draft's 540 tables were named nowhere in the text
        ics, ixit_table, params = (table_ahead(k) for k in (1, 2, 3))
        out.insert(lead, w.para(w.t(f"本配置的 ICS 见表 {ics}，IXIT 见表 {ixit_table}"
                                    + (f"，测试参数见表 {params}。" if len(thresholds) > 1 else "。"),
                                    f"The profile's ICS is given in Table {ics}, its IXIT in Table {ixit_table}"
                                    + (f" and its test parameters in Table {params}." if len(thresholds) > 1 else "."))
                                + named_features(w, profile.features) + needed_endpoints(w, profile.endpoints)))
    return out


def annex_mapping(w: Writer, catalog: Catalog, tables: Tables, facts: Facts, areas: list[str]) -> list[Block]:
    out = [w.heading(w.t("附录 B（资料性）测试用例与自动化测试工具的对应关系",
                         "Annex B (informative) Mapping of the test cases to an automated harness"), 1, "annex-b",
                     page=True, normative=False), general_clause(w, "B.1", "annex-b-general", normative=False),
           w.para(coded(w, "本附录说明开源一致性测试工具（命令 conformance）如何实现各测试用例："
                      "工具如何取得被测对象、运行哪些测试，"
                      "以及证明每个测试能判定不通过的已知不合格用例的数量。",
                      "This annex says how the open-source conformance-testing harness (command conformance) implements each "
                      "test case: how it reaches the implementation under test, which tests it runs, and how many known-bad cases prove "
                      "that each test can fail."), normative=False),
           w.heading(w.t("B.2 工具的测试环境", "B.2 The harness's environment"), 2, "annex-b-1", normative=False)]
    for area in areas:
        env_zh, env_en = area_environment(area)
        out.append(w.para(f"{w.t(*area_title(area))}：{env_zh}" if w.lang == "zh"
                          else f"{area_title(area)[1]}: {coded(w, env_zh, env_en)}", normative=False))
    # one row an area: each requirement's tests and known-bad cases are the harness's business (its
    # documentation and suites/tests.lock.json), not a reader's of the standard (issue 76: they took
    # about 19 pages, then one row for each of some 300 requirements); the text points to no documentation of the
    # harness, a document the bibliography does not list (twenty-first reading)
    out.append(w.heading(w.t("B.3 测试用例与测试", "B.3 Test cases and tests"), 2, "annex-b-2", normative=False))
    out += [w.para(counts_lead(w, NEXT_TABLE), normative=False), counts_table(w, catalog, facts, areas)]
    out.append(w.heading(w.t("B.4 政策主题的追溯", "B.4 Traceability of the policy topics"), 2, "annex-b-3",
                         normative=False))
    out.append(w.para(w.t(f"各政策主题的覆盖状态及检验它的要求列于表 {NEXT_TABLE}。",
                          f"Each policy topic's coverage and the requirements testing it are listed in Table {NEXT_TABLE}."),
                      normative=False))
    rows: list[tuple[str, ...]] = [(w.t("主题", "Topic"), w.t("状态", "Status"), w.t("要求", "Requirements"))]
    status_zh = {"covered": "已覆盖", "partial": "部分覆盖", "absent": "未覆盖", "out of scope": "范围外"}
    for topic in tables.topics.values():
        detail = topic_ids(w, catalog, topic.requirements)
        # the Chinese rendering gives the drafter's texts in Chinese (out_of_scope_zh:, missing_zh:;
        # the lint's topic-zh rule asks for them) and why no requirement is normative
        texts = (topic.out_of_scope_zh, topic.missing_zh, shortfall_zh(catalog, topic.requirements))
        # the zh texts pass the body's wording passes for names and per cent (seventh reading)
        gap = coded_as_written(w, "；".join(p for p in texts if p), english_unit_symbols(times_sign(one_document_name(
            named_topics(topic.gap, tables.topics, catalog.profiles), "en")))) if w.lang == "en" else quote_marks(
            times_sign(unit_symbols(percent_close(unquoted_names(standard_dashes(whole_ids(one_document_name(
                "；".join(part for part in texts if part)))), w.allowed)))))
        gap = signs(gap, w.lang)  # IDs whole, signs and numbers as the body writes them (sixteenth reading)
        rows.append((topic.zh if w.lang == "zh" else topic.en,
                     status_zh.get(topic.status, topic.status) if w.lang == "zh" else topic.status,
                     detail + (f"\n{gap}" if gap else "")))
    out.append(Block("table", rows=tuple(rows), lang=w.tag, widths=(45, 20, 100), anchor="traceability"))
    return out


#: why a requirement cannot make a topic covered (:func:`.tables.normative_gap`), in Chinese
_GAP_ZH = {"is a candidate": "为候选要求", "is a draft": "为草案要求", "is not stable": "尚未稳定",
           "checks only what the product declares": "仅核对产品的自我声明", "is SHOULD": "为“宜”级",
           "is MAY": "为“可”级", "is untestable": "不可测试", "is in no profile": "未被任何测试配置选用",
           "is no requirement": "不是本目录中的要求"}


def shortfall_zh(catalog: Catalog, requirements: tuple[str, ...]) -> str:
    """Why none of a topic's requirements is normative for it, in Chinese ("" when one is)."""
    in_profiles = {i for p in catalog.profiles.values() for i in p.all_requirements()}
    gaps: dict[str, list[str]] = {}
    for req_id in requirements:
        gap = normative_gap(catalog, req_id, in_profiles)
        if not gap:
            return ""
        gaps.setdefault(_GAP_ZH.get(gap, gap), []).append(req_id)
    return ("无规范性要求检验该主题：" + "；".join("、".join(ids) + gap for gap, ids in gaps.items())) if gaps else ""


def annex_review(w: Writer, catalog: Catalog, changes: dict[str, Any] | None,
                  rates: list[dict[str, Any]] | None) -> list[Block]:
    """Annex C: the requirements the drafters should look at again: those changed since an
    earlier release (``catalog diff``) and, given a programme history, those participants fail
    most often (a high rate may mean a hard requirement or a wrong one). Without either the
    document has no such annex (issue 76: it was an empty page naming a command)."""
    if changes is None and rates is None:
        return []
    letter = w.annex("review")
    out = [w.heading(w.t(f"附录 {letter}（资料性）待复核的要求", f"Annex {letter} (informative) Requirements to review"), 1,
                     "annex-review",
                     page=True, normative=False)]
    rows: list[tuple[str, ...]] = [(w.t("要求", "Requirement"), w.t("原因", "Reason"), w.t("内容", "Detail"))]
    if changes is not None:
        since = changes.get("since", "")
        out.append(w.para(w.t(f"自 {since} 以来的变更；[-…-] 为删除，{{+…+}} 为新增。",
                              f"Changes since {since}; [-…-] removed, {{+…+}} added."), normative=False))
        rows += [(i, w.t("新增", "added"), "") for i in changes["added"]]
        rows += [(i, w.t("删除", "removed"), "") for i in changes["removed"]]
        rows += [(i, w.t("重新编号", "renumbered"), ", ".join(new)) for i, new in changes["renumbered"].items()]
        rows += [(i, w.t("级别", "level"), f"{a} → {b}") for i, (a, b) in changes["level"].items()]
        rows += [(i, w.t("陈述", "statement"), langs.get(w.lang, "")) for i, langs in changes["text"].items()]
        rows += [(profile, w.t("参数默认值", "parameter default"), f"{name}: {a!r} → {b!r}")
                 for profile, params in changes["parameters"].items() for name, (a, b) in params.items()]
    for rate in rates or []:
        if rate["judged"] and rate["failed"]:
            share = rate["failed"] / rate["judged"]
            rows.append((rate["requirement"], w.t("测评不通过率", "failure rate"),
                         w.t(f"{rate['failed']}/{rate['judged']} 个参测方（{share:.0%}）",
                             f"{rate['failed']} of {rate['judged']} participants ({share:.0%})")))
    if rates is not None:
        out.append(w.para(w.t("测评不通过率："
                              "各参测方最近一次完整测评中判定不通过的参测方数与被判定的参测方数之比（不适用不计）。",
                              "Failure rate: of the participants a requirement was judged for in their latest "
                              "whole run (not applicable left out), how many failed it."), normative=False))
    out.append(Block("table", rows=tuple(rows), lang=w.tag, widths=(30, 30, 105), anchor="change-log"))
    return out


def annex_candidates(w: Writer, requirements: list[Requirement]) -> list[Block]:
    """The draft and candidate requirements, listed by ID, title and status only: an informative
    annex states no requirement (GB/T 1.1-2020), so their statements and test cases stay in the
    catalog until they become stable and enter the normative clauses."""
    others = [r for r in requirements if not normative(r) and r.status != "deprecated"]
    if not others:
        return []
    letter = w.annex("candidates")
    out = [w.heading(w.t(f"附录 {letter}（资料性）草案与候选要求", f"Annex {letter} (informative) Draft and candidate "
                         "requirements"), 1, "annex-candidates", page=True, normative=False),
           w.para(w.t(f"表 {NEXT_TABLE} 所列 {len(others)} 项要求尚处于草案或候选状态，不是本文件的要求，仅列出其编号、名称与状态，"
                      "供征求意见时参考。"
                      # the two statuses explained where used (twenty-second reading: the reader was to tell a 草案
                      # from a 候选 defined nowhere; docs/drafting.md "When a requirement is stable")
                      "状态“草案”指要求尚在起草；“候选”指要求已完整且有自动化测试与已知不合格用例，尚待确认适于作为规范性要求。"
                      "经确认适于作为规范性要求后，其陈述列入正文，并为其编写测试用例。"
                      "测试配置选用它们时，其结果不影响符合性结论。",
                      f"The {len(others)} requirements of Table {NEXT_TABLE} are drafts or candidates and not requirements of this "
                      "document: only their numbers, titles and status are listed, for comment. Status \"draft\" means "
                      "that the requirement is still being written; \"candidate\", that it is complete, with its automated "
                      "test and known-bad cases, and awaits agreement that it is fit for normative use. Once agreed, "
                      "its statement enters the body with a test case written for it. Where a profile selects them, "
                      "their results do not decide conformance."), normative=False)]
    rows: list[tuple[str, ...]] = [(w.t("编号", "Number"), w.t("名称", "Title"), w.t("状态", "Status"))]
    # the English title marked as its Chinese is (thirty-second reading, b3: "asset.extras" plain in English)
    rows += [(r.id, coded(w, r.title.zh, r.title.en), w.t(_STATUS_ZH.get(r.status or "", r.status or ""),
                                                         r.status or ""))
             for r in others]
    out.append(w.table(rows, (30, 110, 25), normative=False, anchor="candidates"))
    return out


_STATUS_ZH = {"draft": "草案", "candidate": "候选"}


def _contract_title(catalog: Catalog, contract: str, lang: str) -> str:
    """A contract's title as its clause of annex D is headed: the OpenAPI document's ``info.title``, in Chinese
    its ``info.x-title-zh`` (eighth reading: the clauses were headed by a file name alone, 「D.1 `identifiers/
    resolution.openapi.yaml`」, where annex E heads each format by its name with the file in parentheses)."""
    document = catalog.schemas.get(contract)
    info = document.get("info", {}) if isinstance(document, dict) else {}
    title = info.get("x-title-zh" if lang == "zh" else "title") if isinstance(info, dict) else None
    return str(title) if title else ""


def annex_contracts(w: Writer, catalog: Catalog, kept: list[Requirement]) -> list[Block]:
    """Annex D (normative): each HTTP operation a normative requirement names ("GET /path"), as
    its interface contract defines it, so that a path in a statement refers to the document;
    and each schema those operations carry, summarised member by member in the annex itself
    (:mod:`.schema_summary`), so that the annex holds what a product is tested against."""
    used, missing = named_operations(catalog, kept, w.data.procedures)
    if not used and not missing:
        return []
    contract_uris = list(dict.fromkeys(op.contract for op in used))
    letter = w.annex("contracts")
    # D.1 通则 holds the opening text (it hung above the first contract's clause); the contracts follow it, then
    # the schemas' clause, which every citation of a schema reaches through its anchor (:func:`.writer.clause_ref`)
    served = next((op.response for op in used if serves_discovery(op)), "")  # its clause follows the schemas'
    schemas_clause = f"{letter}.{len(contract_uris) + 2}"
    out = [w.heading(w.t(f"附录 {letter}（规范性）接口契约", f"Annex {letter} (normative) Interface contracts"), 1,
                     "annex-contracts",
                     page=True), general_clause(w, f"{letter}.1", "annex-contracts-general"),
           w.para(w.t("测试用例所依据的要求（在其陈述、规则或注释中）以“方法 路径”指明的 HTTP 操作、以其所承载消息"
                      "（如 session.state）指明的 WebSocket 操作、经其所指明的服务发现文档成员（如 user_data.export）"
                      "到达的操作，以及以给出其路径的 IXIT 配置项（如 moderation_path）指明的接口，"
                      "由下列接口契约（OpenAPI 3.1.0 文档）规定。"
                      "路径相对于 IXIT 给出的被测对象（平台，或设备上的测试应用）的基础地址；请求体与成功响应应符合所列模式，只列出媒体类型的"
                      "（如图像、音频、视频流）应为所列媒体类型之一，其内容按指明该操作的要求判定。契约与模式以其 URI"
                      f"（`$id`）标识，下表省略共同前缀 `{BASE_URI}`；“内联”表示模式写在契约之中。"
                      f"各模式的成员、类型、是否必需及约束列于 {clause_ref(_SCHEMAS)}。各表“要求”一栏列出以上述方式指明该操作的要求，"
                      "以及其测试用例的测试步骤调用该操作的要求。",
                      "The HTTP operations that the requirements of the test cases name as \"METHOD path\" (in their "
                      "statements, rules or notes), the WebSocket operations they name by a message carried "
                      "(such as `session.state`), those reached through a member of the discovery document they name "
                      "(such as `user_data.export`), and the test hooks they name by the IXIT setting giving the "
                      "path (such as `moderation_path`), are defined by the interface contracts below (OpenAPI 3.1.0 documents). "
                      "Paths are relative to the "
                      "base address of the implementation under test the IXIT gives (a platform, or a device's test "
                      "application); request bodies and successful "
                      "responses shall be valid against the schemas listed, and one given by media types only (an image, "
                      "audio, a video stream) shall be of one of them, its content judged as the requirements naming the "
                      "operation say. Contracts and schemas are identified by "
                      f"their URI (`$id`), shown without the common prefix `{BASE_URI}`; \"inline\" is a schema "
                      f"written in the contract. {clause_ref(_SCHEMAS)} lists each schema's members, their types, whether "
                      "they are required and their constraints. The column \"Requirements\" of each table lists the "
                      "requirements naming the operation so and those whose test case's procedure calls it.")),
           w.para(w.t(*GENERAL))]
    schemas: dict[str, tuple[str, object, str, str]] = {}  # key -> (anchor, schema, its base URI, title)

    def short(uri: str, node: object, contract: str, op_id: str, role: tuple[str, str],
              media: tuple[str, ...] = ()) -> str:
        if not uri:
            # a body the contract gives by media type only (an image, audio, an MP4 stream): it is of one of them
            return ("、" if w.lang == "zh" else ", ").join(f"`{m}`" for m in media) or "—"
        if uri == served:  # the discovery document, defined member by member in its own clause
            return f"`{uri.removeprefix(BASE_URI)}`" + w.t(f"（{clause_ref(DISCOVERY_ANCHOR)}）", f" ({clause_ref(DISCOVERY_ANCHOR)})")
        key = f"{op_id}:{role[1]}" if uri == "inline" else uri
        title = (f"`{op_id}` " + w.t(role[0], role[1])) if uri == "inline" else f"`{uri.removeprefix(BASE_URI)}`"
        clause = clause_ref(schemas.setdefault(key, (schema_anchor(key), node, contract, title))[0])
        shown = w.t("内联", "inline") if uri == "inline" else f"`{uri.removeprefix(BASE_URI)}`"
        return f"{shown}（{clause}）" if w.lang == "zh" else f"{shown} ({clause})"

    head = (w.t("方法与路径", "Method and path"), w.t("操作", "Operation"), w.t("模式", "Schemas"),
            w.t("要求", "Requirements"))
    for index, contract in enumerate(contract_uris, 1):
        out.append(w.heading(f"{letter}.{index + 1} {_contract_title(catalog, contract, w.lang)}"
                             + w.t(f"（`{contract.removeprefix(BASE_URI)}`）", f" (`{contract.removeprefix(BASE_URI)}`)"),
                             2, f"contract-{index}"))
        out.append(w.para(w.t(f"该接口的操作列于表 {NEXT_TABLE}。", f"Its operations are listed in Table {NEXT_TABLE}.")))
        rows: list[tuple[str, ...]] = [head]
        for op in (o for o in used if o.contract == contract):
            # the summary in each language (x-summary-zh in Chinese; the contracts' lint finds an operation without)
            said = op.summary_zh if w.lang == "zh" else op.summary
            name = f"`{op.operation_id}`" + (w.t(f"：{the_tester(said, 'zh')}", f": {the_tester(said, 'en')}") if said else "")
            name += reached_through(w, op, said)
            # the contract's x-test-only: a product's production surface need not have it (said once
            # where the summary says it already)
            if op.test_only and w.t("仅用于测试部署", "test deployments only") not in said:
                name += w.t("（仅用于测试部署）", " (test deployments only)")
            role = request_role(op)  # 「请求体」, with the contract's media type where it is not JSON (b5)
            request = short(op.request, op.request_schema, op.contract, op.operation_id, role, op.request_media)
            response = short(op.response, op.response_schema, op.contract, op.operation_id, RESPONSE, op.response_media)
            response = response_text(w, op, response, short)
            schema_text = w.t(f"{role[0]}：{request}\n成功响应：{response}",
                              f"{role[1][0].upper()}{role[1][1:]}: {request}\nSuccessful response: {response}")
            document = catalog.schemas.get(op.contract)
            schema_text += error_bodies(w, op, document, short) + response_headers(w, op, document) \
                + status_and_protection(w, op)
            rows.append((f"`{op.method} {op.path}`", name, schema_text,
                         "、".join(op.requirements) if w.lang == "zh" else ", ".join(op.requirements)))
        # widths that keep an operation ID (createAuthChallenge) and a schema's name whole in the DOCX
        out.append(w.table(rows, (40, 40, 52, 33), anchor=operations_anchor(contract)))
        out += parameter_tables(w, [op for op in used if op.contract == contract], contract) + described_operations(
            w, [op for op in used if op.contract == contract], operations_anchor(contract))
        out += header_fields(w, catalog, contract)
        out += [test_content(w, op, spec) for op in used if op.contract == contract and (spec := op.test_content)]
        # the methods the interface carries: OpenXR's functions (x-function) and its own (x-method), as its message
        # schema's $defs give them (ninth reading: the annex gave the JSON-RPC envelope only; forty-fourth a4)
        out += method_tables(w, [(op.response, op.operation_id, key, node) for op in used if op.contract == contract
                                 and op.response.startswith(BASE_URI) and "#" not in op.response  # a file's own $defs
                                 for key, node in cast("dict[str, Any]", catalog.schemas.get(op.response).get(
                                     "$defs", {})).items() if "x-method" in node or "x-function" in node], short)
    if missing:
        listed_ops = "; ".join(f"`{m} {p}` ({', '.join(ids)})" for (m, p), ids in missing.items())
        out.append(w.para(w.t(f"下列操作由要求指明，但不见于任何接口契约：{listed_ops}。",
                              f"These operations are named by requirements but defined by no contract: "
                              f"{listed_ops}.")))
    if schemas:
        out += _schema_clauses(w, catalog, schemas_clause, schemas)
    if served:
        out += discovery_clause(w, catalog, f"{letter}.{len(contract_uris) + 3}", served, used)
    return out


#: the anchor of annex D's clause of schemas, which the annex's general clause cites
_SCHEMAS = "annex-e-schemas"


def _schema_clauses(w: Writer, catalog: Catalog, clause: str,
                    schemas: dict[str, tuple[str, object, str, str]]) -> list[Block]:
    resolve, letter = resolver(catalog), clause.split(".")[0]
    schemas = shared_schemas(catalog, schemas)  # a schema file more than one table would expand has its own
    # the tables by their numbers (thirteenth reading: 「下列各表」 named none of them)
    count = len(schemas) + sent_tables(catalog, schemas)  # with the tables of what a participant sends
    tables_zh, tables_en = tables_ahead(count) if schemas else ("下列各表", "the tables below")
    tables_zh += " " if schemas else ""
    out = [w.heading(w.t(f"{clause} 模式", f"{clause} Schemas"), 2, _SCHEMAS),
           general_clause(w, f"{clause}.1", f"{_SCHEMAS}-general"),  # its text hung above the first schema's clause
           w.para(members_legend(w, letter, tables_zh, tables_en))]
    tabled = {key: (title, f"{anchor}-members") for key, (anchor, _, _, title) in schemas.items()}
    for number, (key, (anchor, node, base, title)) in enumerate(schemas.items(), 2):
        out.append(w.heading(f"{clause}.{number} {title}", 3, anchor))
        # every level (twenty-ninth reading: a trade event's `price` and `fees`, cut at the third level, were printed
        # closed with no member, though AS-TRADE-001 checks them; annex E gives every level for the same reason),
        # each schema once: a member conforming to another table's schema refers to it (thirtieth reading)
        out.append(schema_table(w, node, base, resolve, depth=EVERY_LEVEL, title=title, named=True,
                                tabled={k: v for k, v in tabled.items() if k != key}, anchor=f"{anchor}-members"))
        # the runtime test interface's answers, whose `result` its methods' tables define (forty-fourth reading, a4)
        out += result_pointer(w, catalog.schemas.get(key) if key.endswith(".json") else None)
        out += value_types(w, catalog.schemas.get(key) if key.endswith(".json") else None)  # fifty-fifth, a3
        out += sent_messages(w, catalog, key, resolve, tabled, anchor)  # what a participant sends (fifty-seventh, b3)
    out[2] = w.para(members_legend(w, letter, tables_zh, tables_en, out[3:]))  # its 「—」 as the tables print it
    return out
