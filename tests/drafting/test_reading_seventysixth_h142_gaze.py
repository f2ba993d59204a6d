"""The seventy-sixth reading of issue 76, part h142-gaze: read76c's doubtful 1, taken as X.

TD-GAZE-002's 前置条件 says the validation display declares its uncertainty in ``fixation_targets.instrument`` and R1's
U combines it (type B), but annex E.3 makes that member optional, and the check then judged R1 on the sample's
statistic alone and could pass; TD-DISP-011 and TD-OLF-003 leave a stream without a declared instrument unjudged.
A laboratory's U may not silently lose a component its criterion names, so the first way is taken: the terminal
area's judge (measured.py) records a passing value unjudged when the caller hands the instrument's declaration
(``stated``, or ``b_from`` beside a ``u_b`` of its own) and the instrument declares no uncertainty; a value beyond
its limit, or in a guard band U of type A alone already reaches, still fails. The 不确定 line of every requirement
whose criterion combines a type B says so (decisions.py).

The class: every measured requirement whose criterion combines the instrument's type B for some rule, and whose check
hands its judge a type B derived from the declaration without saying where from, so that an instrument declaring none
left a pass on type A alone. The scan below found, besides TD-GAZE-002 (its ``stated`` None judged as none),
TD-DEPTH-002, TD-FORCE-004, TD-TACT-002, -004, -005, TD-PERF-001, -003, TD-HAND-005, TD-BODY-003, -006, TD-MPLAT-001,
-002 and TD-BCI-007, -008: each now hands ``b_from``. Running every measured terminal requirement over the reference
samples then found the rest: TD-TACT-004 read its indenter's instruments under the stream's type (``touch_indenter``)
instead of the header member ``indenter``, so R2 to R4 never took the load cell's and stage's type B; TD-MPLAT-003's
sample rig declared no instrument (it now declares the inertial unit, IMU-0001; the corner bench, left, still none);
TD-PERF-004 and -005 handed ``None`` for the quantities their criteria judge on type A alone, which now hand
``NO_TYPE_B``.

Left, named in :data:`_LEFT` with the reason each is not changed here.

Each test fails on a76c0fb19."""

from __future__ import annotations

import ast
import gzip
import json
import re

import pytest

from conformance import Evidence
from conformance._catalog.catalog import Catalog
from conformance.areas._shared.uncertainty import DecisionRule, Declared
from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.measured import NO_TYPE_B, Judge
from conformance.drafting.decisions import takes_type_b, undeclared_unjudged
from tests.conftest import captures_verdict
from tests.drafting.test_reading_seventyfourth_h139_hand import _DEFS, _given, checks_walk
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: the keywords that say which declaration a value's type B comes from (measured.Judge)
_FROM = frozenset({"stated", "b_from"})

#: requirements whose checks derive a type B without handing its declaration, and why each is left as it is
_LEFT = {
    # the detector's t90 (a response time the bench declares, not an uncertainty) gives the timing's type B; a bench
    # without t90 is read with the sample period alone
    "TD-OLF-003": "the detector's declared t90, not its stated uncertainty",
    "TD-OLF-005": "the detector's declared t90, not its stated uncertainty",
    # the check leaves a stream unjudged before judging when its camera or chromatograph declares no uncertainty
    "TD-ACC-006": "a camera declaring no uncertainty in degrees is unjudged at step 2",
    "TD-OLF-006": "the scent analyses record's chromatograph states the uncertainty it is read with",
    # two instruments (the range meter and the stage) each give part of one corner's type B (_u_px)
    "TD-CAM-002": "the board's two instruments each give part of the corner's type B",
    # the sample's corner bench declares no instrument: declaring one brings it under TD-MPLAT-001 and -002, whose
    # limits a bench driven to its rated corners exceeds (a sample of its own to come)
    "TD-MPLAT-004": "the sample corner bench declares no instrument",
    "TD-MPLAT-003": "the sample corner bench, whose axes at most 1 Hz it judges too, declares no instrument",
    # a Measurement built by the robots area: a tracker capture without an uncertainty is unjudged before
    "RB-TRACK-002": "robots.tracker-no-instrument leaves it unjudged",
}


def _unsourced(function: ast.FunctionDef) -> list[int]:
    """The lines of the function's judge calls that hand a type B (``u_b`` or ``instrument`` given) and no
    declaration it comes from (``stated``, ``b_from``), directly or through a ``**`` dict the function builds;
    a ``Measurement`` (built by the robots area) counts as one."""
    built = {t.id: n.value for n in ast.walk(function) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict)
             for t in n.targets if isinstance(t, ast.Name)}
    lines = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name == "Measurement":
            lines.append(node.lineno)
            continue
        given: dict[str, ast.expr] = {}
        for keyword in node.keywords:
            if keyword.arg:
                given[keyword.arg] = keyword.value
            elif isinstance(keyword.value, ast.Name) and isinstance(d := built.get(keyword.value.id), ast.Dict):
                given |= {k.value: v for k, v in zip(d.keys, d.values, strict=True) if isinstance(k, ast.Constant)}
            else:
                given["stated"] = keyword.value  # a dict handed on (TD-BODY-005's ``**b``): the caller's stated
        if given.keys() & _FROM or "limits" in given:  # ``limits``: a helper of the check (tactile's _judge_in_time)
            continue
        if any(k in given and _given(given[k]) for k in ("u_b", "instrument")):
            lines.append(node.lineno)
    return lines


def _found(catalog: Catalog) -> dict[str, list[tuple[str, int]]]:
    """Per requirement whose criterion combines a type B: the judge calls of its checks whose type B names no
    declaration."""
    found: dict[str, list[tuple[str, int]]] = {}
    for rid, key in checks_walk():
        req = catalog.requirements.get(rid)
        if req is None or not takes_type_b(req):
            continue
        for line in _unsourced(_DEFS[key]):
            found.setdefault(rid, []).append((key[0], line))
    return found


def test_every_type_b_names_the_declaration_it_comes_from(catalog: Catalog):
    """The class test over every check: a judge call handing a type B for a requirement whose criterion combines
    one names the declaration (so that one declaring no uncertainty leaves a pass unjudged), or is listed."""
    found = _found(catalog)
    assert set(found) - set(_LEFT) == set(), {r: found[r] for r in set(found) - set(_LEFT)}
    assert set(_LEFT) - set(found) == set(), set(_LEFT) - set(found)  # a listed one fixed since: drop it


def test_the_scan_reads_a_planted_check():
    planted = ast.parse("def f(judge, b):\n"
                        "    judge('R1', 'q', 's', 1.0, 'mm', 2.0, 'max', u_a=0.1, u_b=u, instrument=k)\n"
                        "    judge('R2', 'q', 's', 1.0, 'mm', 2.0, 'max', u_b=u, instrument=k, b_from=x)\n"
                        "    judge('R3', 'q', 's', 1.0, 'mm', 2.0, 'max', u_a=0.1, stated=x)\n"
                        "    judge('R4', 'q', 's', 1.0, 'mm', 2.0, 'max', u_a=0.1)\n")
    assert _unsourced(planted.body[0]) == [2]  # type: ignore[arg-type]


def _evidence_of(judge_with: dict, value: float) -> tuple[str, Evidence]:
    evidence = Evidence()
    judge = Judge(evidence, "TD-GAZE-002", DecisionRule("guarded"), "c.ndjson")
    outcome = judge("R1", "mean accuracy", "gaze@target 0", value, "deg", 1.0, "max", u_a=0.05, **judge_with)
    judge.close()
    return outcome, evidence


@pytest.mark.parametrize("given", [{"stated": None}, {"u_b": 0.0, "instrument": False, "b_from": None}])
def test_a_pass_without_the_declared_uncertainty_is_unjudged(given):
    """A passing value whose instrument declares no uncertainty: recorded unjudged (the result at best
    inconclusive); a failing one still fails; one with a declaration, or handed no declaration, stands."""
    outcome, evidence = _evidence_of(given, 0.3)
    assert outcome == "pass" and "c.ndjson" in evidence.unjudged_inputs, evidence.unjudged_inputs
    assert "declares no uncertainty" in evidence.unjudged_inputs["c.ndjson"]
    outcome, evidence = _evidence_of(given, 1.5)
    assert outcome == "fail" and not evidence.unjudged_inputs
    for stands in ({"stated": Declared(0.1, "deg", 2.0)}, {"stated": NO_TYPE_B}, {}):
        outcome, evidence = _evidence_of(stands, 0.3)
        assert outcome == "pass" and not evidence.unjudged_inputs, stands


def test_gaze_002_without_the_display_s_uncertainty_is_inconclusive(tmp_path, catalog: Catalog, run_manifest):
    """The generated validation passes with its display's uncertainty declared, and is inconclusive, the reason
    naming R1's value, with ``fixation_targets.instrument`` left out (annex E.3 allows it)."""
    good = tmp_path / "good.ndjson.gz"
    write(good, "gaze_validation", 5.0, [])
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-002", [good],
                                     features=["fixation-targets"])
    assert verdict == "pass", text
    lines = gzip.decompress(good.read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    for stream in header["streams"]:
        stream.get("fixation_targets", {}).pop("instrument", None)
    bare = tmp_path / "bare.ndjson.gz"
    bare.write_bytes(gzip.compress(("\n".join([json.dumps(header), *lines[1:]]) + "\n").encode(), mtime=0))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-002", [bare],
                                     features=["fixation-targets"])
    assert verdict == "inconclusive", text
    assert "R1 mean accuracy" in text or "R1 accuracy" in text, text
    assert "the instrument declares no uncertainty" in text, text


def test_tact_004_reads_the_indenter_s_instruments(catalog: Catalog, run_manifest):
    """On the sample touch bench, R2 to R4 take the stage's and the load cell's type B."""
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-004")
    assert verdict == "pass", text
    items = re.findall(r"'rule': '(R[234])'.*?'basis': '([^']+)'", text)
    assert {rule for rule, _ in items} == {"R2", "R3", "R4"}, items
    assert {basis for _, basis in items} == {"type A and B"}, items


def test_the_inconclusive_line_names_an_undeclared_uncertainty(catalog: Catalog, zh_markdown, en_markdown):
    """A class test over the whole draft: the 不确定 line of exactly the requirements whose criterion combines the
    instrument's type B and whose check leaves such a value unjudged (decision_rule.undeclared_b, held to the checks
    by test_reading_seventysixth_h142_gaze2) names a value whose instrument declares no uncertainty for it."""
    said = {"zh": "所读仪器却未声明可用于该值的不确定度（仅有 A 类的 *U* 不足以判其通过）",
            "en": "reads an instrument that declares no uncertainty usable for it (a *U* of type A alone cannot make"}
    cases = {lang: _cases(text) for lang, text in (("zh", zh_markdown), ("en", en_markdown))}
    wrong = []
    counted = 0
    for req in catalog.requirements.values():
        if req.id not in cases["zh"]:
            continue
        for lang, label in (("zh", "不确定"), ("en", "Inconclusive")):
            line = _verdict_lines(cases[lang][req.id], lang).get(label, "")
            has = " ".join(said[lang].split()) in " ".join(line.split())
            counted += has
            if has != undeclared_unjudged(req):
                wrong.append((req.id, lang, line[-200:]))
    assert counted >= 60 and not wrong, (counted, wrong)
    gaze = _verdict_lines(cases["zh"]["TD-GAZE-002"], "zh")["不确定"]
    assert gaze.endswith("不足以判其通过）。"), gaze
