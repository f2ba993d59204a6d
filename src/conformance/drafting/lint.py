"""``conformance catalog lint``: every rule a drafter can get wrong, one finding each.

A finding names its rule, the requirement (or file) and a fix. The rules:

- ``keys``: every string key resolves (tests, known-bad cases, profiles, defects, fixtures,
  adapters: :mod:`conformance.drafting.keys`); ``schema`` and ``unique-id`` are checked by loading;
- ``policy-key``: each ``source.policy`` key is a clause of ``suites/policy-clauses.yaml``;
- ``modal-en`` / ``modal-zh``: one modal verb per statement in each language (a statement with
  two states two rules: split it), and only the forms of the catalog (RFC 2119 capitals in
  English; GB/T 1.1-2020's 应 / 不应, 宜 / 不宜, 可 / 不必 in Chinese);
- ``modal-level``: the verbs agree with the level and with each other;
- ``modal-order``: 应不 / 宜不 are written 不应 / 不宜 (GB/T 1.1-2020 Table C.1, C.2), in the
  statement and in each rule, except before a numeric limit (应不超过, 应不低于...); 只应 is 应只 / 应仅;
- ``statement-length``, ``rules-related``, ``feature-gate``, ``repo-path``, ``run-detail``,
  ``justification``: a statement read as one obligation of the product, by a committee
  (:mod:`.statements`); ``language-parity``: en and zh say the same (:mod:`.parity`);
- ``modal-permission``: a statement grants no permission inside its rule (``may`` in
  lowercase, 可以, 能……而不能): a permission is a requirement of its own (MAY / 可);
- ``permission-condition``: a MAY statement or rule writes no obligation after its permission
  (「若带有，则……」, 「……时则……」, "which, when carried"): one permission with the forms it covers;
- ``modal-note``: a note holds no requirement, recommendation or permission (GB/T 1.1-2020
  9.11: notes give information only): no RFC 2119 verb in either case, no 应 / 宜 / 可 / 不得;
- ``whitespace``: no stray whitespace (ASCII spaces between Chinese characters, left by
  folding a YAML scalar, line breaks, doubled or edge spaces);
- ``parameter-name``: a statement and each of its rules state numbers, not the names of
  profile parameters;
- ``title-level``: a MUST or SHOULD requirement's Chinese title uses no 可 as a modal verb
  and no 不得 (issue 63);
- ``tool-verdict``: no statement or rule makes a tool's verdict its rule (issue 63); these
  two and ``parameter-name`` in rules had an allow-list (``suites/lint-allowances.yaml``), now empty, that only shrinks
  (``topic-zh`` below has one too);
- ``declared-normative``: no MUST or SHOULD requirement is ``measures: declared``: a verdict
  that decides conformance observes or measures the product; a check of what the product
  declares about itself is a MAY, which no pass rule, coverage or certificate counts (issue 70);
- ``standard``: each external standard is cited by its canonical name with a URL under its
  canonical URL (``suites/standards.yaml``), and every requirement cites at least one or
  says why none applies (``source.no_standard``: its policy clauses alone set the rule);
- ``lifecycle``: every requirement has ``version``, ``status`` and ``since``;
- ``bundled``: a statement that chains three or more obligations with semicolons (``;`` or
  ``；``) lists them as ``rules:`` or is restated as one obligation (the details it checks in
  its notes);
- ``rules``: a requirement listing ``rules:`` states one obligation per rule (one verb, no
  semicolon), each known-bad case names the rule it breaks, and each rule has a case;
- ``version-bump`` / ``parameter-number``: change control (:mod:`.changes`): a changed
  statement, level or parameter default raises the version; a statement states its
  parameters' defaults;
- ``renumbered``: the map of old IDs leads to requirements that exist;
- ``seed-quote``: a clause or topic quotes a sentence of its seed, on one line, not just a
  heading (「身份系统。」), and no clause key is listed twice;
- ``topic``: each seed topic names clauses and requirements that exist, and is covered,
  partial (with ``missing:``), absent (with ``missing:``) or out of scope (with the reason),
  never silently absent, and states that status (``status:``) as its lists make it; and each
  requirement serves a topic (is listed by one), so the coverage table counts it;
- ``topic-zh``: a topic's ``missing:`` and ``out_of_scope:`` have their Chinese text
  (``missing_zh:``, ``out_of_scope_zh:``) with the same numbers, for the Chinese table B.3
  (issue 76); topics still to be translated are on the allow-list, which only shrinks;
- ``topic-overclaim``: a topic stated covered lists only automated requirements some profile
  selects (:mod:`.inventory`);
- ``topic-reach``: a requirement is listed by a topic drawn from a clause it cites, and every
  clause a requirement cites is drawn on by some topic;
- ``contract-zh``: every operation of an interface contract has its Chinese summary (``x-summary-zh``), and one
  with a ``description`` its Chinese description (``x-description-zh``), which annex D's Chinese tables give (issue 76);
- ``stable-ready``: a ``stable`` requirement meets the criteria of stability that no other rule
  checks (:mod:`.stability`);
- ``annex-number``: no requirement, test procedure or text of ``specification.yaml`` types a clause or table number
  of an annex (「附录 E.20」, 「表 D.3」); it names it by its key, 「{clause:…}」, 「{table:…}」 (:mod:`.annexnumbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .._catalog.catalog import Catalog
from .._catalog.model import Level, Requirement, Testing, Text
from .._entrypoints import one_scan
from ..messages import CJK
from .annexnumbers import typed_findings
from .changes import number_problems, version_problems
from .contracts import summary_problems
from .facts import Facts, gather
from .inventory import overclaims, profiled, status_problems, unreached
from .modals import condition_findings, modal_findings, wording_findings
from .parity import parity_problems
from .stability import stability_problems, untested_in
from .statements import gate_problems, kind_problems, length_problems, path_problems, related_problems
from .tables import Tables, Topic, load_tables
from .topic_texts import allowed_topic_problems, zh_problems

_STRAY_ZH = re.compile(f"[{CJK}][ \t]+[{CJK}]")
_PARAM = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


@dataclass(frozen=True)
class Finding:
    rule: str
    where: str
    problem: str
    fix: str = ""
    requirement: str = ""

    def line(self) -> str:
        text = f"[{self.rule}] {self.where}: {self.problem}"
        return f"{text} ({self.fix})" if self.fix else text


@one_scan()  # the reference's, the adapters' and the templates' asks: one fingerprint
def lint(catalog: Catalog) -> list[Finding]:
    """Every finding of the catalog: the drafting rules, then the keys of :mod:`conformance.drafting.keys`."""
    from .keys import lint_catalog

    tables = load_tables(catalog)
    findings = [f for req in catalog.requirements.values() for f in requirement_findings(catalog, tables, req)]
    facts = gather(catalog, with_tests=False)
    findings += [f for req in catalog.requirements.values() if req.rules for f in rule_findings(catalog, facts, req)]
    findings += stable_findings(catalog, tables)
    findings += renumbering_findings(catalog, tables)
    findings += seed_findings(catalog, tables)
    findings += [Finding("keys", p.where, p.problem, p.fix or "") for p in lint_catalog(catalog)]
    findings += [Finding("contract-zh", *problem) for problem in summary_problems(catalog)]
    findings += [Finding("annex-number", *problem) for problem in typed_findings(catalog)]
    return findings


def stable_findings(catalog: Catalog, tables: Tables) -> Iterator[Finding]:
    """``stable-ready``: each stable requirement meets the criteria of :mod:`.stability`."""
    stable = [req for req in catalog.requirements.values() if req.status == "stable"]
    if not stable:
        return
    from .writer import load_data

    in_profiles, untested = profiled(catalog), untested_in(tables)
    procedures = load_data(catalog).procedures if any(r.testing is Testing.MANUAL for r in stable) else {}
    for req in stable:
        where = f"{catalog.display(catalog.requirement_files[req.id])} at {req.id}"
        for problem, fix in stability_problems(req, profiled=in_profiles, untested=untested,
                                               procedures=procedures):
            yield Finding("stable-ready", where, problem, fix, req.id)


def requirement_findings(catalog: Catalog, tables: Tables, req: Requirement) -> Iterator[Finding]:
    where = f"{catalog.display(catalog.requirement_files[req.id])} at {req.id}"

    def finding(rule: str, problem: str, fix: str = "") -> Finding:
        return Finding(rule, where, problem, fix, req.id)

    for key in req.source.policy:
        if key not in tables.clauses:
            yield finding("policy-key", f"policy key {key!r} is no clause of suites/policy-clauses.yaml",
                          _closest(key, tables.clauses))
    yield from (finding(*f) for f in modal_findings(req.level, req.statement))
    if not req.rules:
        yield from (finding("bundled", *f) for f in bundled_problems(req.statement))
    yield from (finding(*f) for f in wording_findings(req))
    for problems in (length_problems(req), related_problems(req), path_problems(req), gate_problems(catalog, req),
                     kind_problems(req), parity_problems(req)):
        yield from (finding(*f) for f in problems)
    for place, text in _texts(req):
        yield from (finding("whitespace", f"{place}: {p}", "write the text on one line (a quoted or literal "
                            "scalar keeps Chinese free of the spaces folding adds)") for p in whitespace_problems(text))
    names = _parameter_names(catalog, req.id)
    for lang in ("en", "zh"):
        for name in sorted(set(_PARAM.findall(req.statement.get(lang))) & names):
            yield finding("parameter-name", f"statement.{lang} names the parameter {name}",
                          "state the default number; the rendering shows the parameter, its default and bounds")
    for rule, tripped in (("parameter-name", _rule_parameter_names(req, names)), ("title-level", title_problems(req)),
                          ("tool-verdict", tool_problems(req))):
        yield from (finding(*p) for p in allowed_problems(req, rule, tripped, tables.allowances))
    yield from (finding("declared-normative", *p) for p in declared_problems(req))
    yield from (finding("standard", *p) for p in standard_problems(tables, req))
    yield from (finding("version-bump", *p) for p in version_problems(catalog, req))
    yield from (finding("parameter-number", *p) for p in number_problems(catalog, req))
    missing = [k for k in ("version", "status", "since") if getattr(req, k) is None]
    if missing:
        yield finding("lifecycle", f"no {', '.join(missing)}", "add version: '1.0', status: stable, since: '0.1'")


def rule_findings(catalog: Catalog, facts: Facts, req: Requirement) -> Iterator[Finding]:
    """``rules``: each rule states one obligation with the requirement's verb; every known-bad
    case names the rule it breaks, and every rule of an automated requirement has a case."""
    where = f"{catalog.display(catalog.requirement_files[req.id])} at {req.id}"
    ids = [r.id for r in req.rules]
    for rule_id in sorted({i for i in ids if ids.count(i) > 1}):
        yield Finding("rules", where, f"rule {rule_id} is listed twice", "number the rules R1, R2, ...", req.id)
    for rule in req.rules:
        for _, problem, fix in modal_findings(req.level, Text(en=rule.en, zh=rule.zh)):
            yield Finding("rules", where, f"rule {rule.id}: {problem.replace('statement', 'rule')}", fix, req.id)
        for _, problem, fix in condition_findings(req.level, Text(en=rule.en, zh=rule.zh), f"rule {rule.id}"):
            yield Finding("permission-condition", where, problem, fix, req.id)
        if _obligations(rule.en) > 1 or _obligations(rule.zh) > 1:
            yield Finding("rules", where, f"rule {rule.id} chains obligations with a semicolon",
                          "one obligation per rule: split it into two rules", req.id)
    cases = facts.case_rules.get(req.id, [])
    unnamed = sum(1 for c in cases if c is None)
    if unnamed:
        yield Finding("rules", where, f"{unnamed} known-bad case(s) name no rule",
                      f"add rule: ({', '.join(ids)}) to each case", req.id)
    if req.testing is Testing.AUTOMATED:
        for rule in req.rules:
            if rule.id not in cases:
                yield Finding("rules", where, f"rule {rule.id} has no known-bad case",
                              "add a case that breaks it (suites/<area>/known_bad.yaml, rule: " + rule.id + ")", req.id)


#: a statement chaining this many obligations (parts between semicolons) bundles them
BUNDLED_PARTS = 3


def _obligations(text: str) -> int:
    """The parts a text chains with semicolons (``;``, ``；``): each states an obligation."""
    return sum(1 for part in re.split("[;；]", text) if part.strip())


def bundled_problems(statement: Text) -> Iterator[tuple[str, str]]:
    """(problem, fix) of a statement that bundles several obligations and lists no rules."""
    counts = {lang: _obligations(statement.get(lang)) for lang in ("en", "zh")}
    if max(counts.values()) >= BUNDLED_PARTS:
        lang = max(counts, key=lambda k: counts[k])
        yield (f"statement.{lang} chains {counts[lang]} obligations with semicolons",
               "list them as rules: (an ID, one sentence each in en and zh, a known-bad case naming each), or "
               "state one obligation and move the details the test checks into the notes")


def rule_counts(facts: Facts, req: Requirement) -> dict[str, int]:
    cases = facts.case_rules.get(req.id, [])
    return {rule.id: cases.count(rule.id) for rule in req.rules}


def whitespace_problems(text: str) -> list[str]:
    problems = []
    if text != text.strip():
        problems.append("leading or trailing whitespace")
    if "\n" in text.strip() or "\t" in text:
        problems.append("a line break or tab inside the text")
    if "  " in text:
        problems.append("two spaces in a row")
    for match in _STRAY_ZH.finditer(text):
        problems.append(f"whitespace between Chinese characters: {match.group()!r}")
    return problems


def standard_problems(tables: Tables, req: Requirement) -> Iterator[tuple[str, str]]:
    if not req.source.standards and req.source.no_standard is None:
        yield ("cites no external standard", "cite the standard (suites/standards.yaml) whose section it follows, "
               "or say why none applies in source.no_standard")
    if req.source.standards and req.source.no_standard is not None:
        yield "cites standards and says no_standard", "keep one: the standards it follows, or no_standard"
    for index, ref in enumerate(req.source.standards):
        place = f"source.standards[{index}]"
        canonical = tables.standards.get(ref.name)
        by_url = tables.standard_for_url(ref.url) if ref.url else None
        if canonical is None:
            fix = f"cite it as {by_url.name!r}" if by_url else "add the standard to suites/standards.yaml"
            yield f"{place}: {ref.name!r} is no canonical standard name", fix
        if not ref.url:
            yield f"{place}: no url", f"start it with {canonical.url}" if canonical else "add the url"
        elif canonical is not None and not ref.url.startswith(canonical.url):
            yield f"{place}: url {ref.url} is not under {canonical.url}", "point it into the standard's own URL"


def renumbering_findings(catalog: Catalog, tables: Tables) -> Iterator[Finding]:
    for old, new in tables.renumbered.items():
        where = f"suites/renumbered.yaml at {old}"
        if old in catalog.requirements and old not in new:
            yield Finding("renumbered", where, f"{old} is renumbered but still a requirement",
                          "remove it from the catalog or from the map")
        for req_id in new:
            if req_id not in catalog.requirements and req_id not in tables.renumbered:
                yield Finding("renumbered", where, f"leads to {req_id}, which is no requirement", "fix the map")


#: a quote that is only a heading: a few characters and a full stop (「伦理规范。」, 「（二）…。」)
_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[0-9]+[．.])?[^。]{1,20}。$")


def seed_findings(catalog: Catalog, tables: Tables) -> Iterator[Finding]:
    """The clause and topic tables of ``suites/policy-clauses.yaml``."""
    where = "suites/policy-clauses.yaml"
    for key in dict.fromkeys(tables.duplicate_clauses):
        yield Finding("seed-quote", f"{where} at {key}", "the clause key is listed twice",
                      "keep one entry (the later one replaces the earlier)")
    quotes = [(f"clause {c.key}", c.zh) for c in tables.clauses.values()]
    quotes += [(f"topic {t.key}", t.text) for t in tables.topics.values()]
    for place, text in quotes:
        if _HEADING.match(text.strip()):
            yield Finding("seed-quote", f"{where} at {place}", f"quotes only a heading: {text!r}",
                          "quote the sentence under the heading, verbatim")
        if "\n" in text.strip():
            yield Finding("seed-quote", f"{where} at {place}", "the quote runs over a line break",
                          "quote one paragraph; a line break starts the next clause")
    in_profiles = profiled(catalog)
    for topic in tables.topics.values():
        yield from topic_problems(catalog, tables, topic, f"{where} at topic {topic.key}")
        yield from (Finding("topic-zh", f"{where} at topic {topic.key}", *p)
                    for p in allowed_topic_problems(topic, zh_problems(topic), tables.allowances))
        for problem, fix in status_problems(topic):
            yield Finding("topic", f"{where} at topic {topic.key}", problem, fix)
        for req_id, why in overclaims(catalog, topic, in_profiles):
            yield Finding("topic-overclaim", f"{where} at topic {topic.key}", f"is stated covered but {req_id} {why}",
                          "state it partial and name in missing: what no automated, profiled requirement tests")
    for req_id, problem, fix in unreached(catalog, tables):
        yield Finding("topic-reach", f"{catalog.display(catalog.requirement_files[req_id])} at {req_id}", problem, fix,
                      req_id)
    if tables.topics:  # a catalog with a topic table: every requirement is counted in it
        listed = {r for topic in tables.topics.values() for r in topic.requirements}
        for req_id, req in catalog.requirements.items():
            if req_id not in listed:
                keys = ", ".join(req.source.policy) or "its clauses"
                yield Finding("topic", f"{catalog.display(catalog.requirement_files[req_id])} at {req_id}",
                              "no seed topic lists it, so the coverage table does not count it",
                              f"add it to the requirements: of the topic of suites/policy-clauses.yaml it "
                              f"serves (one drawing on {keys})")


def topic_problems(catalog: Catalog, tables: Tables, topic: Topic, where: str) -> Iterator[Finding]:
    for key in topic.clauses:
        if key not in tables.clauses:
            yield Finding("topic", where, f"clause {key!r} is no clause of the table", _closest(key, tables.clauses))
    for req_id in topic.requirements:
        if req_id not in catalog.requirements:
            yield Finding("topic", where, f"lists {req_id}, which is no requirement",
                          _closest(req_id, catalog.requirements).replace("see suites/policy-clauses.yaml",
                                                                         "see `conformance list requirements`"))
    for req_id in topic.declaration_checks:
        if req_id not in topic.requirements:
            yield Finding("topic", where, f"names {req_id} among its declaration checks but does not list it",
                          "add it to requirements:, or drop it from declaration_checks:")
    if topic.out_of_scope and (topic.requirements or topic.missing):
        yield Finding("topic", where, "is out of scope yet lists requirements or what is missing",
                      "drop out_of_scope, or the requirements and missing")
    elif not topic.requirements and not topic.out_of_scope and not topic.missing:
        yield Finding("topic", where, "no requirement covers it and it says neither what is missing nor why "
                      "it is out of scope", "list the requirements, or add missing: or out_of_scope:")


def _texts(req: Requirement) -> Iterator[tuple[str, str]]:
    for field_name in ("title", "statement", "notes"):
        text = getattr(req, field_name)
        if text is not None:
            yield f"{field_name}.en", text.en
            yield f"{field_name}.zh", text.zh


def allowed_problems(req: Requirement, rule: str, problems: Iterable[tuple[str, str]],
                     allowed: Mapping[str, frozenset[str]]) -> Iterator[tuple[str, str, str]]:
    """(rule, problem, fix) unless the requirement is on the rule's allow-list (the catalog's
    suites/lint-allowances.yaml); an allow-listed requirement that no longer trips the rule is
    a finding of its own, so the list shrinks."""
    listed = req.id in allowed.get(rule, frozenset())
    found = list(problems)
    if not listed:
        yield from ((rule, problem, fix) for problem, fix in found)
    elif not found:
        yield (rule, f"is on the allow-list of {rule} but no longer trips it",
               f"remove {req.id} from {rule} in suites/lint-allowances.yaml")


def _rule_parameter_names(req: Requirement, names: set[str]) -> Iterator[tuple[str, str]]:
    """A rule names a profile parameter where its number belongs (DP-LABEL-001 R3)."""
    for rule in req.rules:
        for lang in ("en", "zh"):
            for name in sorted(set(_PARAM.findall(getattr(rule, lang))) & names):
                yield (f"rule {rule.id}.{lang} names the parameter {name}",
                       "state the default number; the notes name the parameter")


#: 可 as a permission (可更新, 可在……解析) or 不得 in a title; 可 inside a word is no modal verb:
#: 可验证凭证 / 可验证表示 (verifiable credential / presentation), 可区分, 可达, 可承受, 可用, 可见, 可信, 可读, 可靠
_TITLE_MODAL = re.compile(r"不得|可(?!验证凭证|验证表示|区分|达|承受|用|见|信|读|靠|能)")


def declared_problems(req: Requirement) -> Iterator[tuple[str, str]]:
    """A normative (MUST or SHOULD) requirement that reads only what the product declares about
    itself (``measures: declared``): its verdict would rest on the product's own word (issue 70).
    Either its check observes or measures the behaviour it states, or it is a declaration check
    at MAY, which no pass rule, coverage or certificate counts."""
    if req.measures == "declared" and req.level is not Level.MAY:
        yield (f"is {req.level.value} but checks only what the product declares (measures: declared)",
               "observe or measure the behaviour the statement names (measures: behaviour), or make it a "
               "declaration check at level MAY")


def title_problems(req: Requirement) -> Iterator[tuple[str, str]]:
    """A MUST or SHOULD requirement's title states what holds, not a permission (ID-REG-003
    「仅控制该 DID 的密钥可更新或停用它」read as a MAY) nor 不得 (not a GB/T 1.1-2020 form)."""
    if req.level.value == "MAY":
        return
    match = _TITLE_MODAL.search(req.title.zh)
    if match:
        yield (f"title.zh uses {match.group()!r} in a {req.level.value} requirement",
               "name what holds: 可解析 → 解析, 可更新 → 更新, 不得转让 → 不被转让")


#: a validator by any name (glTF-Validator, usdShadeValidators), and the tools named as judges
_TOOL_EN = re.compile(r"validators?\b|\b(?:val3dity|ifctester|ifcopenshell(?:\.validate)?|usdchecker)\b",
                      re.IGNORECASE)
_TOOL_ZH = re.compile(r"校验器|验证器|校验程序|val3dity|ifctester|ifcopenshell", re.IGNORECASE)


def tool_problems(req: Requirement) -> Iterator[tuple[str, str]]:
    """A statement or rule whose rule is a tool's verdict ("valid as the glTF-Validator judges
    it"): the rule is the standard's, the tool is the test case's method."""
    texts = [("statement", req.statement.en, _TOOL_EN), ("statement", req.statement.zh, _TOOL_ZH)]
    texts += [(f"rule {r.id}", text, pattern) for r in req.rules
              for text, pattern in ((r.en, _TOOL_EN), (r.zh, _TOOL_ZH))]
    named = sorted({f"{where} ({m.group()})" for where, text, pattern in texts if (m := pattern.search(text))})
    if named:
        yield (f"a tool's verdict stands in for the rule: {', '.join(named)}",
               "state the rule from the specification; name the tool in the test case's method (procedures)")


def _parameter_names(catalog: Catalog, req_id: str) -> set[str]:
    return {name for p in catalog.profiles.values() if req_id in p.all_requirements() for name in p.parameters}


def _closest(key: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return f"did you mean {close[0]}?" if close else "see suites/policy-clauses.yaml"
