"""Proficiency rounds between laboratories (ISO/IEC 17043; statistics after ISO 13528).

A programme packs a round (:func:`pack`): the cases it sends to its laboratories, each naming
the requirement it judges, the input files (copied beside the round with their SHA-256) or
what to measure, and the assigned results where the round has them. Each laboratory judges
the cases and sends back its report.json files or a results file
(``schemas/programme/proficiency-results.json``). :func:`compare` reads them all and says,
per laboratory and case, whether it agrees:

- a verdict agrees with the round's assigned verdict or, where the round assigns none, with
  the verdict most laboratories reached (the consensus; a tie has none and agrees with nobody);
- a measured value is scored against the assigned value X (or, where the round assigns none,
  the laboratories' median): z = (x - X) / sigma_pt when the round gives sigma_pt
  (|z| <= 2 satisfactory, 2 < |z| < 3 questionable, |z| >= 3 unsatisfactory), otherwise
  En = (x - X) / sqrt(U_lab^2 + U_ref^2) when both expanded uncertainties are known
  (|En| <= 1 satisfactory, above unsatisfactory); a value neither can score is shown unscored.

A laboratory disagrees on a case when its verdict differs, it sent no result, or a value of it
is unsatisfactory; a questionable z is shown as a warning signal (ISO 13528 9.4), not counted.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Required, TypedDict, cast

import orjson

from .._catalog.catalog import Catalog, load_yaml
from .._catalog.schemas import BASE_URI
from .._io import strictjson
from .._io.inputs import check_input_file, check_numbers
from .._io.outputs import atomic_write
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, hash_capped, read_capped
from ..codecs.jcs import canonicalize
from ..errors import HarnessInputError

ROUND_SCHEMA = BASE_URI + "programme/proficiency-round.json"
RESULTS_SCHEMA = BASE_URI + "programme/proficiency-results.json"
ROUND_FILE = "round.json"
#: ISO 13528 9.4: the limits of a z-score and an En number.
Z_WARNING, Z_ACTION, EN_LIMIT = 2.0, 3.0, 1.0
#: the member of a measurand standing for several values (their subjects)
AMBIGUOUS: Final = "several_subjects"


class Value(TypedDict, total=False):
    """A measured value: a round's assigned value (X, U(X), sigma_pt) or a laboratory's (x, U);
    a measurand of several values carries only its quantity and :data:`AMBIGUOUS`."""

    quantity: Required[str]
    subject: str
    unit: str
    value: float
    uncertainty: float
    sigma_pt: float
    several_subjects: list[str]


class InputFile(TypedDict):
    """A packed input file of a case."""

    name: str
    sha256: str
    size: int


class Assigned(TypedDict, total=False):
    verdict: str
    values: list[Value]


class Case(TypedDict, total=False):
    """A case of a round (schemas/programme/proficiency-round.json): a path before packing, an
    :class:`InputFile` after."""

    case: Required[str]
    requirement: Required[str]
    profile: str
    measure: str
    files: list[str | InputFile]
    assigned: Assigned


class Round(TypedDict, total=False):
    """A round as its schema holds it; ``catalog_digest`` and ``digest`` written by :func:`pack`."""

    round: Required[str]
    title: str
    catalog_digest: str
    digest: str
    cases: Required[list[Case]]


class CaseResult(TypedDict, total=False):
    case: Required[str]
    verdict: Required[str]
    values: list[Value]


class Results(TypedDict, total=False):
    """A laboratory's results file (schemas/programme/proficiency-results.json)."""

    round: Required[str]
    round_digest: str
    laboratory: Required[str]
    results: Required[list[CaseResult]]


class Scored(TypedDict, total=False):
    """One value of a laboratory scored against the round's (z or En), or why it is not."""

    quantity: Required[str]
    unit: str | None
    value: float | None
    assigned: float | None
    assigned_basis: str
    z: float
    en: float
    score: str
    evaluation: str


class Row(TypedDict, total=False):
    """A laboratory's agreement on one case."""

    laboratory: Required[str]
    case: Required[str]
    requirement: Required[str]
    verdict: Required[str | None]
    expected_verdict: Required[str | None]
    verdict_basis: Required[str]
    values: Required[list[Scored]]
    problems: Required[list[str]]
    warnings: list[str]
    agrees: bool


class Disagreement(TypedDict):
    laboratory: str
    case: str
    requirement: str
    problems: list[str]


class Signal(TypedDict):
    laboratory: str
    case: str
    requirement: str
    signals: list[str]


class Comparison(TypedDict):
    """What :func:`compare` finds (written by ``proficiency compare --json``)."""

    round: str
    round_digest: str
    laboratories: list[str]
    cases: int
    agree: bool
    disagreeing: list[Disagreement]
    warnings: list[Signal]
    rows: list[Row]


def round_digest(document: Round) -> str:
    """sha256 of the round's JCS form without its own ``digest`` member."""
    body = {k: v for k, v in document.items() if k != "digest"}
    return "sha256:" + hashlib.sha256(canonicalize(body)).hexdigest()


def _check_round(parsed: object, where: str, catalog: Catalog) -> Round:
    if not isinstance(parsed, dict):
        raise HarnessInputError(where, "is not a proficiency round (a mapping of round and cases)",
                                f"see `conformance show {ROUND_SCHEMA}`")
    check_numbers(parsed, where)
    catalog.schemas.require_valid(parsed, ROUND_SCHEMA, where, f"see `conformance show {ROUND_SCHEMA}`")
    document = cast(Round, parsed)  # the schema holds the shape
    seen: set[str] = set()
    for index, case in enumerate(document["cases"]):
        place = f"{where} at $.cases[{index}]"
        if case["case"] in seen:
            raise HarnessInputError(f"{place}.case", f"case {case['case']!r} is listed twice", "give each case its own id")
        seen.add(case["case"])
        if case["requirement"] not in catalog.requirements:
            raise HarnessInputError(f"{place}.requirement", f"{case['requirement']} is no requirement of the catalog",
                                    "name a requirement (`conformance list requirements`)")
        if "profile" in case and case["profile"] not in catalog.profiles:
            raise HarnessInputError(f"{place}.profile", f"{case['profile']} is no profile of the catalog",
                                    "name a profile (`conformance list profiles`)")
    return document


def pack(spec: Path, out: Path, catalog: Catalog) -> Round:
    """Write the round of ``spec`` (YAML or JSON) into ``out``: round.json and inputs/<case>/."""
    document = _check_round(load_yaml(spec), str(spec), catalog)
    base = spec.resolve().parent
    copies: list[tuple[Path, Path]] = []
    for index, case in enumerate(document["cases"]):
        named: list[str | InputFile] = []
        for k, entry in enumerate(case.get("files", ())):
            where = f"{spec} at $.cases[{index}].files[{k}]"
            if not isinstance(entry, str):
                raise HarnessInputError(where, "is already a packed entry", "name the input file by its path")
            source = base / entry
            check_input_file(source)
            sha256, size = hash_capped(source, name=where)
            target = Path("inputs") / case["case"] / source.name
            if any(t == target for _, t in copies):
                raise HarnessInputError(where, f"{source.name} is named twice in case {case['case']}",
                                        "give each input file of a case its own name")
            copies.append((source, target))
            named.append({"name": target.as_posix(), "sha256": sha256, "size": size})
        if named:
            case["files"] = named
    document["catalog_digest"] = catalog.digest
    document["digest"] = round_digest(document)
    for source, target in copies:
        destination = out / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    atomic_write(out / ROUND_FILE, orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n",
                 what=f"--out {out / ROUND_FILE}")
    return document


def load_round(path: Path, catalog: Catalog) -> Round:
    """A packed round.json, its digest checked."""
    document = _check_round(_json(path), str(path), catalog)
    if document.get("digest") != round_digest(document):
        raise HarnessInputError(f"{path} at $.digest", "does not match the round's contents (changed after packing, "
                                "or never packed)", "pack the round again with `conformance proficiency pack --out DIR ROUND`")
    return document


def _json(path: Path) -> object:
    check_input_file(path)
    try:
        return strictjson.loads(read_capped(path, MAX_DOCUMENT_BYTES))
    except ValueError as exc:
        raise HarnessInputError(str(path), f"is not JSON ({exc})", "give a report.json or a results file") from None


@dataclass
class LabResult:
    """One laboratory's results: by case, its verdict and its measured values by quantity."""

    laboratory: str
    source: str
    verdicts: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, Value]] = field(default_factory=dict)


def load_results(argument: str, round_doc: Round, catalog: Catalog) -> LabResult:
    """``[LAB=]PATH``: a results file, or a report.json whose verdicts and measurement items are
    matched to the round's cases by requirement (the laboratory named LAB, else by its folder)."""
    name, _, given = argument.rpartition("=") if "=" in argument else ("", "", argument)
    path = Path(given)
    parsed = _json(path)
    if isinstance(parsed, dict) and "results" in parsed:
        check_numbers(parsed, str(path))
        catalog.schemas.require_valid(parsed, RESULTS_SCHEMA, str(path), f"see `conformance show {RESULTS_SCHEMA}`")
        document = cast(Results, parsed)  # the schema holds the shape
        if document["round"] != round_doc["round"]:
            raise HarnessInputError(f"{path} at $.round", f"is {document['round']!r}, not this round's "
                                    f"{round_doc['round']!r}", "give the results of this round")
        if "round_digest" in document and document["round_digest"] != round_doc["digest"]:
            raise HarnessInputError(f"{path} at $.round_digest", "names another packing of the round",
                                    "judge the round.json being compared")
        result = LabResult(name or document["laboratory"], str(path))
        for entry in document["results"]:
            result.verdicts[entry["case"]] = entry["verdict"]
            result.values[entry["case"]] = measurands(entry.get("values", ()))
        return result
    requirements = parsed.get("requirements") if isinstance(parsed, dict) else None
    if not isinstance(requirements, list):
        raise HarnessInputError(str(path), "is neither a report.json nor a proficiency results file",
                                f"give a run's report.json or a file of {RESULTS_SCHEMA}")
    records: dict[object, dict[str, object]] = {r.get("requirement"): r for r in requirements if isinstance(r, dict)}
    by_requirement = Counter(case["requirement"] for case in round_doc["cases"])
    result = LabResult(name or path.resolve().parent.name, str(path))
    for case in round_doc["cases"]:
        if by_requirement[case["requirement"]] > 1:
            raise HarnessInputError(str(path), f"the round has {by_requirement[case['requirement']]} cases of "
                                    f"{case['requirement']}: a report cannot say which is which",
                                    f"send a results file ({RESULTS_SCHEMA}) naming each case")
        record = records.get(case["requirement"])
        verdict = record.get("verdict") if record is not None else None
        if record is None or not isinstance(verdict, str):
            continue
        result.verdicts[case["case"]] = verdict
        # interface 2 of issue 70: measurement evidence items (their quantity, subject, value, unit and
        # uncertainty are a Value's members); a report without them has no values
        evidence = record.get("evidence")
        result.values[case["case"]] = measurands(
            cast(Value, item) for item in (evidence if isinstance(evidence, list) else ())
            if isinstance(item, dict) and item.get("kind") == "measurement" and isinstance(item.get("quantity"), str)
            and _number(item.get("value")) is not None)
    return result


def measurand(value: Value) -> str:
    """What a value measures: its quantity, or ``quantity@subject`` where it names the subject
    (the stream or item measured: a capture's rig, one of its streams)."""
    subject = value.get("subject")
    return f"{value['quantity']}@{subject}" if isinstance(subject, str) and subject else value["quantity"]


def measurands(items: Iterable[Value]) -> dict[str, Value]:
    """A laboratory's values of one case by measurand: each under ``quantity@subject``, and under its
    bare quantity too when it is the only value of that quantity (a round naming no subject then
    matches it); several values of one quantity (subjects, or steps ``stream@t``) leave the bare
    quantity ambiguous: :data:`AMBIGUOUS`, not scored, rather than one of them picked silently."""
    found: dict[str, Value] = {}
    by_quantity: dict[str, list[Value]] = {}
    for item in items:
        found[measurand(item)] = item
        by_quantity.setdefault(item["quantity"], []).append(item)
    for quantity, listed in by_quantity.items():
        found[quantity] = listed[0] if len(listed) == 1 else {"quantity": quantity, AMBIGUOUS: sorted(
            str(i.get("subject")) for i in listed)}
    return found


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        and math.isfinite(value) else None


def rate_z(z: float) -> str:
    """ISO 13528 9.4: satisfactory, questionable (a warning signal) or unsatisfactory (an action signal)."""
    return "satisfactory" if abs(z) <= Z_WARNING else "questionable" if abs(z) < Z_ACTION else "unsatisfactory"


def rate_en(en: float) -> str:
    return "satisfactory" if abs(en) <= EN_LIMIT else "unsatisfactory"


def compare(round_doc: Round, labs: list[LabResult]) -> Comparison:
    """Every laboratory's agreement on every case: the rows, the disagreeing ones named."""
    names = [lab.laboratory for lab in labs]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise HarnessInputError("RESULTS", f"laboratory {twice[0]!r} is given twice", "name each laboratory once (LAB=PATH)")
    rows: list[Row] = []
    for case in round_doc["cases"]:
        cid, assigned = case["case"], case.get("assigned", {})
        expected, basis = assigned.get("verdict"), "assigned"
        if expected is None:
            counts = Counter(lab.verdicts[cid] for lab in labs if cid in lab.verdicts).most_common()
            tie = len(counts) > 1 and counts[0][1] == counts[1][1]
            expected, basis = (None if tie or not counts else counts[0][0]), "consensus"
        quantities = {measurand(v): v for v in assigned.get("values", ())}
        assigned_quantities = {v["quantity"] for v in quantities.values()}
        for lab in labs:  # a quantity the round assigns no value: scored against the laboratories' median
            for q, v in lab.values.get(cid, {}).items():
                if v["quantity"] not in assigned_quantities and AMBIGUOUS not in v and q == measurand(v):
                    quantities.setdefault(q, {"quantity": v["quantity"]})
        for lab in labs:
            verdict = lab.verdicts.get(cid)
            row: Row = {"laboratory": lab.laboratory, "case": cid, "requirement": case["requirement"],
                                   "verdict": verdict, "expected_verdict": expected, "verdict_basis": basis,
                                   "values": [], "problems": []}
            if verdict is None:
                row["problems"].append("no result")
            elif verdict != expected:
                row["problems"].append("verdict" if expected is not None else "verdict (no consensus)")
            for quantity, ref in sorted(quantities.items()):
                scored = _score(quantity, ref, lab, [other.values.get(cid, {}).get(quantity) for other in labs], cid)
                if scored is None:
                    continue
                row["values"].append(scored)
                if scored["evaluation"] == "unsatisfactory":
                    row["problems"].append(f"{quantity} {scored['score']}")
                elif scored["evaluation"] == "questionable":
                    row.setdefault("warnings", []).append(f"{quantity} {scored['score']}")
            row["agrees"] = not row["problems"]
            rows.append(row)
    disagreeing: list[Disagreement] = [{"laboratory": r["laboratory"], "case": r["case"], "requirement": r["requirement"],
                    "problems": r["problems"]} for r in rows if not r["agrees"]]
    # ISO 13528 9.4: a questionable z (2 < |z| < 3) is a warning signal: named, not a disagreement
    warnings: list[Signal] = [{"laboratory": r["laboratory"], "case": r["case"], "requirement": r["requirement"],
                 "signals": r["warnings"]} for r in rows if r.get("warnings")]
    return {"round": round_doc["round"], "round_digest": round_doc["digest"], "laboratories": names,
            "cases": len(round_doc["cases"]), "agree": not disagreeing, "disagreeing": disagreeing,
            "warnings": warnings, "rows": rows}


def _score(quantity: str, ref: Value, lab: LabResult, all_values: list[Value | None],
           cid: str) -> Scored | None:
    mine = lab.values.get(cid, {}).get(quantity)
    if mine and AMBIGUOUS in mine:  # several values of the quantity: the round must name the subject
        return {"quantity": quantity, "value": None, "assigned": ref.get("value"),
                "score": f"several subjects ({', '.join(mine[AMBIGUOUS])}): name one", "evaluation": "not scored"}
    if mine and ref.get("unit") and mine.get("unit") and mine["unit"] != ref["unit"]:  # never mm against m
        return {"quantity": quantity, "value": mine.get("value"), "assigned": ref.get("value"),
                "score": f"unit {mine['unit']}, not {ref['unit']}", "evaluation": "not scored"}
    x = _number(mine.get("value")) if mine else None
    if x is None:
        # a report without measurement items (interface 2) still compares by verdict
        return None if "value" not in ref else {"quantity": quantity, "value": None, "assigned": ref["value"],
                                                 "score": "no value", "evaluation": "not scored"}
    assigned = _number(ref.get("value"))
    basis = "assigned"
    if assigned is None:  # ISO 13528 7.7: the participants' robust consensus; the median here
        others = [_number(v.get("value")) for v in all_values if v and AMBIGUOUS not in v]
        assigned, basis = statistics.median([v for v in others if v is not None]), "median"
    scored: Scored = {"quantity": quantity, "unit": ref.get("unit") or (mine.get("unit") if mine else None),
                              "value": x, "assigned": assigned, "assigned_basis": basis}
    sigma = _number(ref.get("sigma_pt"))
    u_lab, u_ref = _number(mine.get("uncertainty") if mine else None), _number(ref.get("uncertainty"))
    if sigma:
        z = (x - assigned) / sigma
        scored |= {"z": round(z, 3), "score": f"z = {z:.2f}", "evaluation": rate_z(z)}
    elif u_lab and u_ref:
        en = (x - assigned) / math.sqrt(u_lab ** 2 + u_ref ** 2)
        scored |= {"en": round(en, 3), "score": f"En = {en:.2f}", "evaluation": rate_en(en)}
    else:
        scored |= {"score": "–", "evaluation": "not scored"}
    return scored
