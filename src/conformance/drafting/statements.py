"""Checks of a requirement's normative text a committee reads it by (issue 47), each a lint
rule with a known-bad case in ``tests/drafting/test_catalog_lint.py``:

- ``statement-length``: a statement longer than :data:`MAX_STATEMENT` characters (in either
  language) is no longer read as one obligation: split the requirement, or state the
  obligation and list the details as ``rules:``;
- ``rules-related``: a requirement whose rules are unrelated checks. The heuristic: its title
  lists three or more subjects as one ("A's persistence, IPD range and per-eye streams are
  consistent"), the form a requirement takes when it bundles checks of separate things. It
  sees what the title admits: rules on separate things under a title naming one are a reading
  for the drafter, as word overlap between rules proved no guide (rules of one obligation
  often share no word: a polygon's rings, its planarity, its normals);
- ``feature-gate``: a requirement a profile selects only through a feature, whose statement
  applies to what the target declares ("A device that declares...", "where declared"), has a
  test that can report not applicable (it raises ``NotApplicable``, itself or through a
  function of its module it calls): a target that declares nothing is then not judged,
  rather than passing on nothing or failing a rule that had nothing to apply to;
- ``repo-path``: normative text (statement and rules) names no path of this repository
  (``schemas/...``, ``suites/...``, a ``.json`` file): the text names the interface contract
  or schema, cited as a normative reference in ``source.standards``;
- ``run-detail``: normative text states what the product does, not how a test run or an
  outside programme works (the harness, this run, a pilot or certification programme): that is
  the test case's (``procedures.yaml``) or the notes';
- ``justification``: normative text carries no reason (because, so that, 以便, 从而...): GB/T
  1.1-2020 keeps provisions (Annex C) apart from explanations, which go in a note (9.11).

The ``modal-order`` rule (:mod:`.lint`) learns here which 应不 / 宜不 are numeric limits, and
that a restricting 只 / 仅 follows the modal verb (应仅, not 只应).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .._catalog.versions import feature_labels_dropped
from .crossrefs import KEYED

#: characters of a statement (either language) beyond which it reads as several obligations
MAX_STATEMENT = {"en": 800, "zh": 500}

#: 应不 / 宜不 followed by a comparison states a numeric limit (应不超过 30 分钟: "at most 30
#: min"), which GB/T 1.1-2020 leaves as written; any other 应不 / 宜不 is a prohibition: 不应 / 不宜
ZH_ORDER = re.compile("(应|宜)不(?!低于|高于|大于|小于|少于|多于|超过|早于|晚于|长于|短于|迟于|短于)")
#: 只 / 仅 before the modal verb (只应含有): GB/T 1.1-2020 writes the verb first (应仅含有);
#: 不仅应 ("not only") is no restriction
ZH_ONLY = re.compile("(?<!不)(只|仅)(应|宜|可)")

#: the test run or an outside programme as the subject of normative text: the harness, a tester,
#: a run (this run, the run's time limit, given with the run; not "a run of samples"), a pilot or
#: certification programme (the British "programme" is the catalog's word for such a scheme; a
#: "program" is code, as HLS's program date-time), "when the test reads it", a test deployment
_RUN_EN = re.compile(r"\bharness\b|\btesters?\b|\b(?:this|the|a|each|every) (?:test )?run\b(?!\s+of\b)"
                     r"|\bprogrammes?\b|\bpilot\b|\bcertification (?:plan|scheme|program)\b"
                     r"|\b(?:when|while|before|after|as) the test\b|\btest deployments?\b", re.IGNORECASE)
#: the same in Chinese; 测试 before a thing the product is measured with (测试信号, 测试时钟,
#: 测试声源) names a test condition, not the run
_RUN_ZH = re.compile("测试工具|测试程序|测试人员|(?:本次|每次|一次|测试)运行|运行的?时限|试点|认证(?:方案|计划)"
                     "|测试(?:读取|期间|部署)")
#: a reason given with the rule; a causal "since" follows a comma or opens the sentence (the
#: time since settlement is no reason); in Chinese a comma clause 「，使……能」 states a purpose
_WHY_EN = re.compile(r"\bbecause\b|(?:^|[,;:]\s*)since\b|\bso that\b|\bin order to\b|\bso as to\b",
                     re.IGNORECASE)
_WHY_ZH = re.compile("因为|由于|以便|以免|从而|为了|为便于|以防|旨在|[，,]\\s*使[^，。；]{0,40}?能[^，。；]*(?:。|$)")

#: a title "A, B and C are <adjective>" whose first two items are phrases of their own (not
#: adjectives of one noun: "Wrong-key, tampered and replayed proofs are refused" is one subject)
_TITLE_LIST = re.compile(r"^([^,]+), ([^,]+),? and [^,]+ (?:are|is) \w+$")

#: a statement whose subject applies it to what the target declares
_DECLARED = re.compile(r"\b(?:that|which|whose [\w .'-]{1,40}?) declares?\b|\bwhere declared\b|"
                       r"\b(?:when|where|if) [\w .'-]{1,60}? (?:declares?|is declared|are declared)\b")
_MODAL = re.compile(r"\b(?:MUST|SHOULD|MAY|NEED NOT)\b")

#: the top-level folders of this repository a path in normative text could name
REPO_FOLDERS = ("schemas", "suites", "src", "docs", "profiles", "tests", "examples", "bench", "reports", "scripts")
_REPO_PATH = re.compile(r"(?<![\w./:-])(?:" + "|".join(REPO_FOLDERS) + r")/[\w./{}-]*[\w}]"
                        r"|\b[\w-]+\.(?:json|ya?ml|py)\b")


def normative_texts(req: Requirement) -> Iterator[tuple[str, str]]:
    """(place, text) of the statement and each rule, in both languages."""
    for lang in ("en", "zh"):
        yield f"statement.{lang}", req.statement.get(lang)
    for rule in req.rules:
        yield f"rule {rule.id}.en", rule.en
        yield f"rule {rule.id}.zh", rule.zh


def order_problems(req: Requirement, zh_words: re.Pattern[str]) -> Iterator[tuple[str, str, str]]:
    """``modal-order`` findings of the statement and the rules (``zh_words``: the words in
    which 应 / 宜 is no modal verb, blanked out first)."""
    places = [("statement.zh", req.statement.zh)] + [(f"rule {r.id}.zh", r.zh) for r in req.rules]
    for place, text in places:
        for match in ZH_ORDER.finditer(zh_words.sub("＿", text)):
            verb = match.group(1)
            yield ("modal-order", f"{place} writes {verb}不",
                   f"GB/T 1.1-2020 writes 不{verb} (a numeric limit keeps {verb}不超过, {verb}不低于...)")
        for match in ZH_ONLY.finditer(zh_words.sub("＿", text)):
            only, verb = match.groups()
            yield ("modal-order", f"{place} writes {only}{verb}",
                   f"GB/T 1.1-2020 writes the modal verb first: {verb}{only}")


def kind_problems(req: Requirement) -> Iterator[tuple[str, str, str]]:
    """``run-detail`` and ``justification`` findings of the statement and the rules."""
    for place, text in normative_texts(req):
        english = place.endswith(".en")
        for rule, pattern, fix in (
                ("run-detail", _RUN_EN if english else _RUN_ZH,
                 "state what the product does; how the run gets its inputs or limits belongs in the test case "
                 "(procedures.yaml) or the notes"),
                ("justification", _WHY_EN if english else _WHY_ZH,
                 "state the rule alone and give the reason in the notes (GB/T 1.1-2020 9.11)")):
            found = list(dict.fromkeys(m.group().strip(" ,;:，") for m in pattern.finditer(text)))
            if found:
                yield (rule, f"{place} says {', '.join(repr(f) for f in found)}", fix)


def length_problems(req: Requirement) -> Iterator[tuple[str, str, str]]:
    for lang, limit in MAX_STATEMENT.items():
        length = len(feature_labels_dropped(req.statement.get(lang)))  # a quoted label is a name, no obligation
        if length > limit:
            yield ("statement-length", f"statement.{lang} is {length} characters, over {limit}",
                   "split the requirement (conformance new requirement, suites/renumbered.yaml), or state the one "
                   "obligation and list what it checks as rules:")


def related_problems(req: Requirement) -> Iterator[tuple[str, str, str]]:
    listed = _TITLE_LIST.match(req.title.en.strip())
    if listed and all(len(item.split()) > 1 for item in listed.groups()):
        yield ("rules-related", f"the title lists separate subjects as one: {req.title.en!r}",
               "one requirement per subject (split it), each titled by what it checks")


def path_problems(req: Requirement) -> Iterator[tuple[str, str, str]]:
    for place, text in normative_texts(req):  # a clause or table cited by its key prints its number (crossrefs.KEYED)
        for path in dict.fromkeys(_REPO_PATH.findall(KEYED.sub("§", text))):
            yield ("repo-path", f"{place} names {path}, a path of this repository",
                   "name the interface contract or schema and cite it in source.standards (Metaverse conformance "
                   "interface contracts, its published URI)")


def declared_condition(req: Requirement) -> bool:
    """Whether the statement's subject (before its modal verb) applies it to a declaration."""
    modal = _MODAL.search(req.statement.en)
    return bool(_DECLARED.search(req.statement.en[:modal.start()] if modal else req.statement.en))


def feature_only(catalog: Catalog, req_id: str) -> bool:
    """Selected by some profile, and only ever through a feature."""
    selecting = [p for p in catalog.profiles.values() if req_id in p.all_requirements()]
    return bool(selecting) and all(req_id not in p.requirements for p in selecting)


def gate_problems(catalog: Catalog, req: Requirement) -> Iterator[tuple[str, str, str]]:
    if not (feature_only(catalog, req.id) and declared_condition(req)):
        return
    nodes = catalog.tests.get(req.id, [])
    if nodes and not any(_can_be_not_applicable(_node_path(catalog, node), node.split("::")[1]) for node in nodes):
        yield ("feature-gate", "applies to what the target declares, but its test cannot report not applicable "
               "when nothing is declared", "raise NotApplicable in the test when the target declares nothing "
               "(NotApplicable), and say so in the notes")


def _node_path(catalog: Catalog, node: str) -> Path | None:
    relative = node.split("::")[0]
    found = [root / relative for root in catalog.roots.values() if (root / relative).is_file()]
    return found[0] if found else None


@cache
def _module_functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def _can_be_not_applicable(path: Path | None, test: str) -> bool:
    """Whether the test function names NotApplicable, or calls a function of its module that
    does (transitively). A test module that cannot be read counts as able (the keys rule
    reports a missing test)."""
    if path is None:
        return True
    functions = _module_functions(path)
    seen: set[str] = set()
    todo = [test.split("[")[0]]
    while todo:
        function = functions.get(todo.pop())
        if function is None or function.name in seen:
            continue
        seen.add(function.name)
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id == "NotApplicable":
                return True
            if isinstance(node, ast.Attribute) and node.attr == "NotApplicable":
                return True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                todo.append(node.func.id)
    return False
