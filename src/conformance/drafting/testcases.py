"""One test case per requirement, written for a tester and independent of any tool.

A case has a purpose, initial conditions, a procedure (what the tester obtains, checks and
records), an expected result and verdict criteria of its own: pass and fail stated with the
requirement's statement and rules, not applicable with the feature or input whose absence
makes it so, inconclusive with the input that cannot be read. The text is generated from the
requirement (statement, rules, notes), the profiles that select it (their targets, features
and parameters); an area's ``suites/<area>/procedures.yaml`` replaces any part with one
written by hand. The harness (commands, test node IDs, known-bad cases) is kept out:
annex B of the specification maps each case to it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .._catalog.catalog import Catalog
from .._catalog.model import Profile, Requirement
from ..certification.labrecords import RECORDS_ROLE
from .checkeditems import checked_items
from .conditions import bilingual as _t
from .conditions import completed, declared, feature_named, obtained, parameters, trust_anchors
from .decisions import with_criterion
from .docfamilies import BRACKET_FAMILIES
from .icsstep import lacks_ics_step, numbered, prepended
from .supplied import supplied
from .unparsed import refused, unparsed
from .indicative import indicative, verbs_of
from .levelsentence import DECLARED_READS, stated_level
from .nastep import with_na_step
from .verdictlines import as_condition, none_applicable
from .wording import listed

_NA = re.compile(r"not.applicable|不适用", re.I)
#: a title citing a document clause 2 dates by a bracket after its designation (``datedrefs``): one of those families,
#: or a specification named by its version, 「OpenXR Specification 1.1」
_BRACKET_DATED = re.compile(rf"\b(?:{BRACKET_FAMILIES}|Specification \d)")
#: 不确定 the verdict, not 不确定度 the uncertainty (the fourteenth reading's leftovers: RB-TRACK-002's 不确定 line
#: quoted its method, its decision rule and its apparatus, each naming the tracker's 扩展不确定度)
_INCONCLUSIVE = re.compile(r"inconclusive|无法判定|无法确定|不确定(?!度)", re.I)
#: a note's sentence that speaks of the tool, not the product (kept out of a verdict criterion)
_TOOL = re.compile(r"bench/|tests/|\.py\b|pytest|conformance run|本工具|测试工具|the harness|this tool|README|npm",
                   re.I)
PARTS = ("purpose", "conditions", "steps", "expected", "criteria")
LABELS = {"purpose": ("测试目的", "Test purpose"), "conditions": ("前置条件", "Initial conditions"),
          "steps": ("测试步骤", "Test procedure"), "expected": ("预期结果", "Expected result"),
          "criteria": ("判定准则", "Verdict criteria")}


@dataclass(frozen=True)
class TestCase:
    __test__ = False  # not a pytest class
    purpose: str
    conditions: list[str]
    steps: list[str]
    expected: str
    criteria: list[str]

    def part(self, name: str) -> str:
        value = getattr(self, name)
        return "\n".join(value) if isinstance(value, list) else value


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。.；;")


#: the modal verb of a Chinese statement (GB/T 1.1-2020: 应, 不应, 宜, 不宜), not 应 or 宜 inside a
#: word (相应, 对应, 响应, 应用, 适宜, 便宜 ...)
#: 应对 is no word of the catalog's statements: 「平台应对其……」 is the modal and 对 (twentieth reading, IF-UDP-012)
_MODAL_ZH = re.compile(r"不[应宜]|(?<![相对响反适供效回感呼])应(?![用答急变])|(?<![适便])宜(?!人)")
#: the permission of a MAY statement (GB/T 1.1-2020: 可), not 可 inside a word (可以, 可读, 可见, 可作为 ...)
_PERMISSION_ZH = re.compile(r"(?<![不即方均仍])可(?![以能读用见信靠控选行否视作解验转])")


def observed(statement: str, lang: str, verbs: frozenset[str] = frozenset(), *, permission: bool = False) -> str:
    """A statement as the state a tester observes when it is met: the Chinese with its modal verb dropped (应返回 200 ->
    返回 200, 不宜超过 -> 不超过), the English in the indicative ("MUST answer 200" -> "answers 200"; ``verbs``: what
    follows a modal verb in the catalog's statements, indicative.verbs_of)."""
    if lang != "zh":
        return indicative(statement, verbs)
    if permission:  # a MAY statement: its first 可 is the modal verb (RB-JOINT-002's 「机器人描述可为……」)
        statement = _PERMISSION_ZH.sub("", statement, count=1)
    return _MODAL_ZH.sub(lambda m: "不" if m.group(0).startswith("不") else "", statement)


def _sentences(text: str, lang: str) -> list[str]:
    """Whole sentences (a clause after a semicolon is not one: it leans on what came before)."""
    parts = re.split(r"(?<=[。])", text) if lang == "zh" else re.split(r"(?<=[.])\s+", text)
    return [p.strip() for p in parts if p.strip()]


def selecting(catalog: Catalog, req: Requirement) -> list[Profile]:
    return [p for p in sorted(catalog.profiles.values(), key=lambda p: p.id) if req.id in p.all_requirements()]


def _inputs(profiles: list[Profile], lang: str, reads: Sequence[str] | None = None,
            needs: Sequence[str] = ()) -> list[str]:
    """What the tester obtains: the described targets of the selecting profiles (each once), only those the case reads
    when its procedure names them (twenty-first reading: AS-HIST-001), never the laboratory records, which no case
    reads (5.9, clause 16); a target optional in its profile but one the case ``needs`` is not called optional."""
    found: list[str] = []
    for profile in profiles:
        for role, target in profile.targets.items():
            if (reads is not None and role not in reads) or role == RECORDS_ROLE:
                continue
            text = target.description.get(lang) if target.description else f"`{role}`"
            text = _what(text)
            if getattr(target, "optional", False) and role not in needs:
                text += _t(lang, "（可选）", " (optional)")
            if text not in found:
                found.append(text)
    return found


_OPTIONAL = re.compile(r"^\s*(?:optional|可选)\s*[:：,，]\s*", re.I)  # "Optional:" opening a target's description


#: a piece of a description saying when, not what: 「……期间」, "while ...", "when ..."
_WHEN = re.compile(r"(?:期间|之时|时)$|^(?:while|when|during)\b", re.I)


#: a Han character, and a Latin letter or digit: the draft sets a space between the two (「glTF 与 VRM 文件」)
_HAN, _LATIN = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"[A-Za-z0-9]")


def _spaced(before: str, after: str) -> str:
    """What stands between two characters that a removed piece separated: a space where Latin text meets Han."""
    pair = (_HAN.match(before), _LATIN.match(after)), (_LATIN.match(before), _HAN.match(after))
    return " " if any(all(p) for p in pair) else ""


def _lead(text: str) -> str:
    """A Chinese text following a Han character: spaced when it begins with a Latin letter or digit (「即 CityJSON」)."""
    return (" " if _LATIN.match(text[:1]) else "") + text


def _what(description: str) -> str:
    """What a target is, from its IXIT description: its first clause, without examples, remarks in brackets or how
    it is read (annex A gives it whole); a bracket removed between Latin and Han leaves a space (「glTF与 VRM文件」)."""
    text = re.sub(r"\s*(（[^（）]*）|\([^()]*\))",
                  lambda m: _spaced(m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]),
                  _OPTIONAL.sub("", description))
    parts = [p.strip() for p in re.split(r"[；;：]|[，,]\s*(?:例如|e\.g\.|for example)|:\s", text) if p.strip()]
    if len(parts) > 1 and re.match(r"用于|for the\b", parts[0], re.I):
        # after "for the X feature:" the thing is the first piece that is not a time clause (「……期间，关节轨迹控制器
        # 状态的记录」); fifth reading: the last piece was taken, so RB-TRACK-002's case asked for 「首行声明仪器及其
        # 不确定度」 ("the first line declaring the instrument ...") instead of the tracker's captures
        pieces = [q.strip() for q in re.split(r"[，,]", parts[1]) if q.strip()]
        parts = [next((q for q in pieces if not _WHEN.search(q)), pieces[-1])]
    what = _strip_end(parts[0] if parts else text)
    # an ordinary capitalised first word ("Verifiable", "A") is lowered mid-sentence; a name
    # written with capitals inside ("CityJSON", "URDF") is kept
    return what[0].lower() + what[1:] if re.match(r"[A-Z][a-z]*\b", what) else what


def _kind_of(what: str) -> str:
    """The thing a file target is, without what comes with it ("数据产品的描述及其…分发文件与 COCO 标注文件" ->
    "数据产品的描述"): a criterion speaks of what the case reads, not of every file the target's IXIT entry lists."""
    return re.split(r"及其|以及|，|,| with | and the | together with ", what)[0].strip()


def _features(profiles: list[Profile], req: Requirement, lang: str) -> list[str]:
    found = []
    for profile in profiles:
        name = profile.feature_of(req.id)
        if name:
            named = feature_named(_strip_end(profile.features[name].title.get(lang)), name, lang)
            if named not in found:
                found.append(named)
    return found


# cached: the catalog's verbs are the same for each of its cases (about 6 ms a scan of every statement, once a
# case made each English rendering about 2 s longer)
@functools.lru_cache(maxsize=8)
def _catalog_verbs(statements: tuple[str, ...]) -> frozenset[str]:
    return verbs_of(statements)


def case_for(catalog: Catalog, req: Requirement, lang: str, override: dict[str, Any] | None = None,
             moved: frozenset[str] = frozenset()) -> TestCase:
    """The test case of one requirement in one language (``zh`` or ``en``); ``moved``: icsstep.prepended's cases."""
    profiles = selecting(catalog, req)
    reads = (override or {}).get("reads")
    inputs = obtained(override, lang, _inputs(profiles, lang, reads, needs := (override or {}).get("needs", ())))
    # what the not-applicable and inconclusive criteria speak of: the kinds of target the case reads (an
    # HTTP interface is reached, files are read), each file by the thing it is, not its whole IXIT entry
    served = any(t.kind == "http" for p in profiles for t in p.targets.values()) or not profiles
    kinds = list(dict.fromkeys(
        _kind_of(_what(t.description.get(lang) if t.description else role))
        for p in profiles for role, t in p.targets.items() if t.kind != "http" and not t.optional
        and role in (override or {}).get("reads", [role])))  # nineteenth reading: RB-URDF's named joint states
    # the English list with its conjunction (twenty-fifth reading, row 17: RB-JOINT-002's "the robot's URDF
    # description, joint-state recordings supplied"); the Chinese keeps 「、」
    files = "、".join(kinds) if lang == "zh" else listed(kinds, lang)
    files = re.sub(r"^(?:the|an?) ", "", files)  # the sentences say "the {files}": not 「the the」, 「the a」
    # one kind read, named in the singular (RB-URDF's "URDF description"), takes a verb in the singular
    hold, are = ("hold", "are") if len(kinds) > 1 or files.endswith("s") else ("holds", "is")
    features = _features(profiles, req, lang)
    every = parameters(profiles, req)
    params = [p for p in every if p.direction != "any"]  # the limits; the IXIT's settings stand with its inputs
    statement = req.statement.get(lang).strip()
    title = _strip_end(req.title.get(lang))
    sep = "、" if lang == "zh" else ", "
    pair = bool(profiles) and all(sum(t.kind == "http" for t in p.targets.values()) >= 2 for p in profiles)
    each, each_all, any_ = checked_items(pair, bool(kinds), override, lang)  # 被检对象 or a platform (fiftieth, b3)
    # inputs are listed with semicolons: their own descriptions hold commas
    objects = _t(lang, "；", "; ").join(inputs) if inputs or reads is not None else \
        _t(lang, "被测对象", "the implementation under test")  # "" when the case reads no target (TD-SAFE-001)

    # a title citing a document clause 2 dates by a bracket (「OpenXR Specification 1.1（2024-04-15）」) is quoted, not
    # bracketed: no dated citation stands inside a round bracket (leftovers of the eighteenth reading, part d)
    purpose = (_t(lang, f"验证被测对象满足要求 {req.id}“{title}”：{statement}",
                  f'To verify that the implementation under test meets requirement {req.id} "{title}": {statement}')
               if _BRACKET_DATED.search(title) else
               _t(lang, f"验证被测对象满足要求 {req.id}（{title}）：{statement}",
                  f"To verify that the implementation under test meets requirement {req.id} ({title}): {statement}"))

    conditions = declared(profiles, features, objects, every, lang, trust_anchors(profiles, req, lang, needs))
    either = _t(lang, "或", " or ").join(features)

    steps = [_t(lang, f"取得{objects}，确认其可读取或可访问。",
                f"Obtain {objects} and confirm they can be read or reached.")]
    if features:
        steps.append(_t(lang, "核对 ICS：未声明支持上述特性时，记录“不适用”并结束本用例。",
                        "Check the ICS: when it does not declare the feature, record \"not applicable\" and stop."))
    if req.testing.value == "manual":
        steps.append(_t(lang, f"评估人员查阅被测对象的文档、界面与记录，判断是否满足：{statement}",
                        f"The assessor examines the product's documentation, interface and records and judges "
                        f"whether: {statement}"))
    elif req.rules:
        steps.append(_t(lang, f"对{each}逐项检查：", f"For {each}, check in turn:"))
        colon, stop = ("：", "。") if lang == "zh" else (": ", ".")
        steps += [f"{chr(ord('a') + i)}) {rule.id}{colon}{_strip_end(getattr(rule, lang))}{stop}"
                  for i, rule in enumerate(req.rules)]
    else:
        steps.append(_t(lang, f"对每个被检对象，检查其是否满足：{statement}",
                        f"For each item checked, verify whether: {statement}"))
    if params:
        steps.append(_t(lang, "检查中的限值取前置条件所列的测试参数值。",
                        "Take the limits of the checks from the test parameters the conditions list."))
    steps.append(_t(lang, "记录每个不符合项所涉及的对象及其位置（文件、记录、接口或字段）。",
                    "Record every item checked that does not comply and where (file, record, interface or field)."))
    steps = [f"{n}. {s}" if not re.match(r"^[a-z]\)", s) else f"   {s}" for n, s in numbered(steps)]

    # cited in number order, as the purpose lists them (twentieth reading: SC-CITY-007's R11, kept beside the rule
    # it refines in the statement, stood between R6 and R7 in the verdict lines)
    rules = sep.join(sorted((r.id for r in req.rules), key=lambda rid: int(rid[1:]) if rid[1:].isdigit() else 0))
    if req.rules:
        expected = _t(lang, f"{each_all}满足全部 {len(req.rules)} 项检查（{rules}），记录中无不符合项。",
                      f"{each_all[0].upper()}{each_all[1:]} meets each of the {len(req.rules)} checks ({rules}); nothing is "
                      "recorded as not complying.")
    else:
        expected = _t(lang, f"每个被检对象均满足“{title}”，记录中无不符合项。",
                      f"Every item checked meets \"{title}\"; nothing is recorded as not complying.")

    decides = {"MUST": _t(lang, "本要求为“应”级，不通过即不符合所声明的测试配置。",
                          "This is a MUST requirement: a failure means the implementation under test does not conform to the profile."),
               "SHOULD": _t(lang, "本要求为“宜”级，不通过时予以报告，不影响符合性结论。",
                            "This is a SHOULD requirement: a failure is reported and does not decide conformance."),
               "MAY": _t(lang, "本要求为“可”级，仅在被测对象实现该选项时检查。",
                         "This is a MAY requirement: it is checked only when the implementation under test "
                         "implements the option.")}
    level = req.level.value
    may = level == "MAY"
    if req.measures == "declared":  # decides nothing, whatever its level; reads what its steps read (41st reading, c27)
        reads = _t(lang, *DECLARED_READS[req.declared_against])
        decides[level] = _t(lang, f"本要求为“可”级的声明检查（{reads}），结果只作报告，不决定符合性结论，也不作为发证依据。",
                            f"This is a MAY declaration check ({reads}): its result is reported and decides neither "
                            "conformance nor a certificate.")
    # the English pass states the outcome as the Chinese does (leftovers of the eighteenth reading, part b)
    verbs = _catalog_verbs(tuple(r.statement.en for r in catalog.requirements.values())) if lang == "en" \
        else frozenset()
    if req.rules:
        passes = _t(lang, f"通过：{each_all}满足 {rules}，即{_lead(_strip_end(observed(statement, lang, permission=may)))}。",
                    f"Pass: {each_all} meets {rules}, that is: {_strip_end(observed(statement, lang, verbs))}.")
        fails = _t(lang, f"不通过：{any_}违反 {rules} 中任一项，记录指明违反的规则、对象与位置。{decides[level]}",
                   f"Fail: {any_} breaks any of {rules}; the record names the rule, the item checked and where. "
                   f"{decides[level]}")
    else:
        passes = _t(lang, f"通过：经逐一检查，{_strip_end(observed(statement, lang, permission=may))}。",
                    f"Pass: every item checked meets: {_strip_end(observed(statement, lang, verbs))}.")
        # the observations that fail, by hand: the title negated names none (forty-third reading, bx2)
        failing = (override or {}).get("fails", {}).get(lang)
        fails = _t(lang, f"不通过：{failing}，记录指明对象与位置。{decides[level]}",
                   f"Fail: {failing}; the record names it and where. {decides[level]}") if failing else \
            _t(lang, f"不通过：任一被检对象不满足“{title}”，记录指明对象与位置。{decides[level]}",
               f"Fail: an item checked does not meet \"{title}\"; the record names it and where. {decides[level]}")
    # a case that passes with nothing to check says so on its pass line, not on 不适用 (forty-second reading, c3)
    if also := (override or {}).get("passes_also", {}).get(lang):
        passes += ("" if lang == "zh" else " ") + also
    notes = _sentences(req.notes.get(lang), lang) if req.notes else []
    # a note a laboratory cannot apply (history: a version's own note, tools, installation state) gives no
    # criterion, the generic one stands, sorted by what a laboratory reads of it (fifteenth reading: RB-JOINT-003's
    # sentence was sorted by its history clause, which the filter then cut; thirty-sixth, a version note's
    # "(issue 76, …)" bracket cut first left "1.1: …" to stand as SC-TILE-010's 不适用)
    applicable = [kept for s in notes if not _TOOL.search(s) and not _VERSION_NOTE.match(s)
                  and (kept := for_laboratory(s, lang))]
    na_notes = [s for s in applicable if _NA.search(s)]
    inc_notes = [s for s in applicable if _INCONCLUSIVE.search(s) and s not in na_notes]
    written_na = (override or {}).get("not_applicable", {}).get(lang)  # the condition of the object, by hand
    if written_na:
        na = written_na
    elif na_notes:
        na = _t(lang, "不适用：", "Not applicable: ") + (" " if lang == "en" else "").join(na_notes)
    elif features:
        na = _t(lang, f"不适用：ICS 未声明支持{either}。", f"Not applicable: the ICS does not declare {either}.")
    elif served:  # an interface a platform claiming the profile offers: nothing to be without
        # one form for "no case of not applicable" (twenty-second reading, row 12: 19 cases said 「……均提供本要求
        # 所检的接口」 beside 「……均适用本要求」), and the pair form where every profile judges a pair of platforms
        claimed = "本测试配置" if len(profiles) == 1 else "所列任一测试配置"
        na = _t(lang, f"不适用：无（声明{claimed}的平台对均适用本要求）。",
                "Not applicable: none (every pair of platforms claiming the profiles listed is subject to this "
                "requirement).") if pair else \
            _t(lang, "不适用：无（声明所列测试配置的被测对象均适用本要求）。",
               "Not applicable: none (every implementation under test claiming the profiles listed is subject to this requirement).")
    else:
        # not applicable is a file without a single item to check, each case's items named (the area's procedures.yaml,
        # ``items``; tenth and eleventh readings); a file that is itself the item (``whole``) leaves a missing file to
        # the 不确定 line, which names it (twenty-fourth reading, row 35: 「未提供时判为不确定」 stood here too)
        items = (override or {}).get("items", {}).get(lang)
        if items and lang == "zh":  # a space between Chinese and a Latin word or a code value, as elsewhere
            items = re.sub(r"^(?=[`A-Za-z0-9])", " ", re.sub(r"(?<=[`A-Za-z0-9])$", " ", items))
        na = _t(lang, f"不适用：无（声明所列测试配置的被测对象均适用本要求）；所提供的每个{items}本身即被检对象。",
                f"Not applicable: none (every implementation under test claiming the profiles listed is subject to this requirement); "
                f"each {items} supplied is itself the item checked.") \
            if items and (override or {}).get("whole") else \
            _t(lang, f"不适用：所提供的{files}中没有{items}，本要求无可逐一检查的被检对象。",
                f"Not applicable: the {supplied(files)} {hold} no {items}, so this requirement has no item "
                "checked.") if items else \
            _t(lang, f"不适用：所提供的{files}中没有本要求逐一检查的被检对象。",
               f"Not applicable: the {supplied(files)} {hold} no item checked, which this requirement checks one by one.")
    # no 「记录原因」 in a criterion: clause 16 i) asks the report for it once (14th reading); an unparsable file fails (c3)
    fails, unread = unparsed(fails, files, lang, override)
    written = (override or {}).get("inconclusive", {}).get(lang)
    if written:  # leftovers of the nineteenth reading: the method's bound stands in a step, not in this line
        inconclusive = written
    elif inc_notes:
        inconclusive = _t(lang, "不确定：", "Inconclusive: ") + (" " if lang == "en" else "").join(inc_notes)
    else:
        missing = [_t(lang, "IXIT 给出的接口基础地址无法访问", "the interface's base address the IXIT gives cannot be "
                      "reached")] if served else []
        missing += [_t(lang, f"{files}缺失或{unread}", f"the {files} {are} missing or {unread}")] if files else []
        inconclusive = _t(lang, f"不确定：{'，或'.join(missing)}，致使第 2 步起的检查无法完成。",
                          f"Inconclusive: {' or '.join(missing)}, so the checks from step 2 on cannot be completed.")
    case = TestCase(purpose, conditions, steps, expected, [passes, fails, na, inconclusive])
    if override:
        fields = {part: override[part][lang] for part in PARTS if part in override and lang in override[part]}
        if "conditions" in fields:  # the profiles, inputs and values a hand-written 前置条件 does not state itself
            fields["conditions"] = completed(conditions, fields["conditions"], lang)
        case = TestCase(**{**case.__dict__, **fields})
        # a hand-written criterion states the level it was written for: TD-AUD-003's and TD-FORCE-003's said
        # 「本要求为“宜”级」 after their level became MAY (seventh reading); the level is the catalog's
        case = TestCase(**{**case.__dict__, "criteria": [stated_level(c, level, decides[level], lang)
                                                         for c in case.criteria]})
    case = TestCase(**{**case.__dict__, "purpose": with_rules(case, req, lang)})
    # a measured requirement's decision rule, from the catalog whether or not the criteria are written by hand
    criteria = [for_laboratory(c, lang) for c in refused(with_criterion([*case.criteria], req, lang), lang, override)]
    if profiles:
        criteria = [none_applicable(c, len(profiles), lang) for c in criteria]
    criteria = [as_condition(c, lang, either if features else "") for c in criteria]
    # the step from which a missing input stops the case: the one after the step obtaining it, or the first acting
    # on the object where that reads or requests the input itself (nineteenth reading); a first step checking the
    # ICS needs no input (twenty-first reading; twenty-fifth reading, row 18: it is always first)
    written = ((override or {}).get("steps") or {}).get("zh") or ["1. 取得"]
    ics = int(written[0].startswith("1. 核对 ICS") and len(written) > 1)
    stops = ics + (2 if re.match(r"\d+\. 取得", written[ics]) else 1)
    if stops != 2:
        criteria = [c.replace("致使第 2 步起", f"致使第 {stops} 步起")
                    .replace("checks from step 2 on", f"checks from step {stops} on") for c in criteria]
    case = TestCase(**{**case.__dict__, "criteria": [c for c in criteria if c]})
    case = prepended(case, req.id, lang, either if lacks_ics_step(override, features) else "", moved)
    # a 不适用 ground the criteria give is recorded by a step (49th reading, h102-na)
    return replace(case, steps=with_na_step(case.steps, case.criteria, lang))


def with_rules(case: TestCase, req: Requirement, lang: str) -> str:
    """The purpose followed by the text of each rule the case cites (fifteenth reading: 181 cases cited R1 ... by
    number while their hand-written steps, replacing the generated list, stated none), unless the steps list them."""
    stated = set(re.findall(r"^\s*[a-z]\) (R\d+)[：:]", "\n".join(case.steps), re.M))
    if not req.rules or all(rule.id in stated for rule in req.rules):
        return case.purpose
    colon, stop = ("：", "。") if lang == "zh" else (": ", ".")
    return "\n".join([case.purpose, _t(lang, "其规则为：", "Its rules are:")]
                     + [f"{rule.id}{colon}{_strip_end(getattr(rule, lang))}{stop}" for rule in _in_order(req.rules)])


def _in_order(rules: Sequence[Any]) -> list[Any]:
    """The rules by number, as a list's items are (GB/T 1.1-2020 7.5; sixteenth reading: SC-CITY-007 listed R11,
    a check its harness runs after R6, between R6 and R7)."""
    return sorted(rules, key=lambda rule: int(rule.id[1:]) if rule.id[1:].isdigit() else 0)


#: what a laboratory does not apply: a requirement's change history ("1.1 及以前的版本跳过……",
#: "1.0 版本及以前", "(1.1 版：此前……)") and the harness's tools and their installation state
#: ("未安装 IfcOpenShell 时……", "可选依赖"; an instrument named, 「JSON Schema 2020-12 校验器」, stays: part h92-cap)
_HISTORY = re.compile(r"\d+(?:\.\d+)+\s*(?:版本?)?\s*(?:及以前|以前|版本及以前|版：此前)"
                      r"|(?:version|versions)\s+\d+(?:\.\d+)+\s+and\s+(?:earlier|before)"
                      # "until 1.4 it failed", "up to 1.2" (not "until 1.5 s", "up to 62.9 g": 28th reading, b14)
                      r"|\d+(?:\.\d+)+\s*版本(?:跳过|将|判)|\d+(?:\.\d+)+ and earlier|\d+(?:\.\d+)+\s*(?:版)?之前"
                      r"|(?:\bup to|\buntil) \d+(?:\.\d+)+(?!\.?\d|\s*(?:g|s|ms|m|mm|%|°|Hz|dB)\b)"  # "1.4 之前……"
                      # review 2026-11-26 (third reading): "（2.3 版；此前……）", "1.0.1 版：理由……", "问题 71",
                      # "(1.3: before, ...)", "Version 1.0.1: ...", "issue 71", "1.1.1: …" opening a clause (30th, a20)
                      r"|\d+(?:\.\d+)+\s*版\s*[；;，,：:]|问题\s*\d+|\bissue \d+|^\s*\d+\.\d+\.\d+\s*:"
                      r"|\b\d+(?:\.\d+)+[;:,]\s*before\b|\bVersion \d+(?:\.\d+)+:"
                      # fifth reading: 「（规则未变）」 closing TD-FORCE-004's and TD-MPLAT-004's notes, quoted in the 编制说明
                      r"|规则未变|\brules? (?:are |is )?unchanged\b|\bno rules? changed\b"
                      # and 「1.1 版将 R1 的限值由……降为……」 (TD-DISP-009's notes)
                      r"|\d+(?:\.\d+)+\s*版(?:将|把|改)"
                      # fourteenth reading: 「自 2.0 起（议题 70）：」 (TD-FORCE-002's notes, quoted in the 编制说明)
                      r"|自\s*\d+(?:\.\d+)+\s*起|议题\s*\d+", re.I)
_VERSION_NOTE = re.compile(r"\s*\d+(?:\.\d+)+\s*(?:版\s*)?[（(:：]")  # "1.1.0 (issue 76, …):", 「1.1 版（议题…）：」
_INSTALL = re.compile(r"安装|可选依赖|IfcOpenShell|PyAV|usd-core|install|optional dependenc", re.I)
_BACK = re.compile(r"without it\b|otherwise\b|否则|未安装", re.I)
_LABEL = re.compile(r"^(通过|不通过|不适用|不确定|Pass|Fail|Not applicable|Inconclusive)(：|: )")


# cached: a pure function of its text, asked about 3 000 times a draft and again by each later render in a
# process (the HTML, Markdown and DOCX views and the 编制说明 render the same test cases)
@functools.lru_cache(maxsize=16384)
def for_laboratory(criterion: str, lang: str) -> str:
    """A verdict criterion without the clauses a laboratory cannot apply (history, tools, installation state):
    each sentence or semicolon clause naming one is left out, a bracketed remark naming one too; a criterion left
    empty after its label is dropped."""
    label = _LABEL.match(criterion.strip())
    head, body = (label.group(0), criterion.strip()[label.end():]) if label else ("", criterion.strip())
    body = re.sub(r"（[^（）]*）| ?\([^()]*\)",
                  lambda m: "" if _HISTORY.search(m.group(0)) or _INSTALL.search(m.group(0)) else m.group(0), body)
    stop, semi = ("。", "；") if lang == "zh" else (". ", "; ")
    kept_sentences = []
    for sentence in body.split(stop):
        clauses, dropped = [], False
        for c in sentence.split(semi):
            # a clause pointing back at one left out goes with it (nineteenth reading: "IfcOpenShell reads the
            # model; without it the verdict is inconclusive" left "without it the verdict is inconclusive")
            dropped = bool(_HISTORY.search(c) or _INSTALL.search(c) or (dropped and _BACK.match(c.strip())))
            clauses += [] if dropped else [c]
        if any(c.strip() for c in clauses):
            kept_sentences.append(semi.join(clauses).strip())
    kept = stop.join(kept_sentences).strip()
    if not kept:
        return ""
    if lang == "zh" and body.rstrip().endswith("。") and not kept.endswith("。"):
        kept += "。"
    return head + kept
