"""The seventy-fourth reading of issue 76, part h139-hand.

c3 (read74c, X): TD-HAND-006's 判定准则 said U combined type A with the instrument's declared type B; the check
(suites/terminal/test_pinch.py) takes the reference's frame interval alone, as a rectangular distribution, and
counts no declared uncertainty. The record carries no clock alignment to combine: `reference_system` declares one
`uncertainty`, that of its readings (a joint position, in mm, which TD-HAND-005 reads as R1's and R2's type B), and
nothing of its clock's alignment with the capture clock. So the decision rule now says what U is and why
(``type_b: resolution``), as the fifty-ninth cx3 (TD-FACE-004) and the sixty-seventh c3 (TD-PERF-005) did, and the
apparatus line says which uncertainty `reference_system` declares.

The class: a guarded requirement's criterion says U has no instrument's type B exactly when its check passes the
judge none (``u_b``, ``stated`` or ``instrument``, a ``Measurement``'s u_b or instrument), read from the checks' code.
It found TD-HAND-006, TD-FORCE-005 (the stop time read on the force sensor's samples: ``type_b: resolution`` too)
and TD-DISP-009, whose rotary stage declares the uncertainty of its marks in ms: the record carries that one, so
R1's latency (an edge less a mark) now combines it (``type_b_rules: [R1]``).

Each test fails on db9559929."""

from __future__ import annotations

import ast
import importlib.util
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from conformance import Evidence
from conformance._catalog.catalog import Catalog
from conformance._catalog.model import Requirement
from conformance.areas._shared.uncertainty import Declared
from conformance.areas.terminal import photon
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.pinches import PinchResult
from conformance.drafting.decisions import criterion
from conformance.reference import SAMPLES
from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

# the class: what each guarded requirement's check passes its judge --------------------------------------------------

#: the judge's keywords that give a value a type B (measured.Judge.__call__)
_B_KEYS = frozenset({"u_b", "stated", "instrument"})


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[1:] if parts[0] == "src" else parts)


_MODULES = {_module(p): ast.parse(p.read_text(encoding="utf-8"))
            for p in [*ROOT.glob("suites/*/*.py"), *ROOT.glob("src/conformance/areas/**/*.py")]
            if "_vendor" not in p.parts}
_DEFS = {(m, n.name): n for m, tree in _MODULES.items() for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def _imports(module: str) -> dict[str, tuple[str, str | None]]:
    """A module's imported names: a module (name None) or a function of one."""
    names: dict[str, tuple[str, str | None]] = {}
    for node in _MODULES[module].body:
        if isinstance(node, ast.ImportFrom):
            base = ".".join(module.split(".")[:-node.level] + [node.module or ""]).rstrip(".") if node.level \
                else node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}"
                names[alias.asname or alias.name] = (full, None) if full in _MODULES else (base, alias.name)
    return names


def _callees(key: tuple[str, str]) -> Iterator[tuple[str, str]]:
    module, imported = key[0], _imports(key[0])
    for node in ast.walk(_DEFS[key]):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if (module, node.func.id) in _DEFS:
                yield module, node.func.id
            elif (found := imported.get(node.func.id)) and found[1] is not None:
                yield found[0], found[1]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and (found := imported.get(node.func.value.id)) \
                and found[1] is None:
            yield found[0], node.func.attr


def _given(node: ast.AST) -> bool:
    """Whether an argument gives something: not the literal 0, 0.0, False or None."""
    return not (isinstance(node, ast.Constant) and node.value in (0, False, None))


def _judged(function: ast.FunctionDef) -> Iterator[bool]:
    """For each value the function judges, whether it hands the judge a type B: a call of ``judge`` or with its
    keywords (through a ``**`` of a dict the function builds too), or a ``Measurement`` (u_b and instrument the
    8th and 9th arguments); a dict the function builds with those keywords (handed to a helper) gives one."""
    built = {t.id: n.value for n in ast.walk(function) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict)
             for t in n.targets if isinstance(t, ast.Name)}
    for node in ast.walk(function):
        if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in _B_KEYS and _given(v)
                                              for k, v in zip(node.keys, node.values, strict=True)):
            yield True
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        given: dict[str, ast.expr] = {}
        for keyword in node.keywords:
            if keyword.arg:
                given[keyword.arg] = keyword.value
            elif isinstance(keyword.value, ast.Name) and isinstance(d := built.get(keyword.value.id), ast.Dict):
                given |= {k.value: v for k, v in zip(d.keys, d.values, strict=True) if isinstance(k, ast.Constant)}
        if name == "Measurement":
            yield any(_given(a) for a in node.args[7:9])
        elif name == "judge" or given.keys() & (_B_KEYS | {"u_a"}):
            yield any(_given(given[k]) for k in given.keys() & _B_KEYS)


def checks_walk() -> Iterator[tuple[str, tuple[str, str]]]:
    """(requirement, function) for each function a requirement's checks reach: the suite functions marked with it
    and what they call, in the suite module or the area; the one walk the type-B and resolution scans read."""
    for module, tree in _MODULES.items():
        for node in tree.body if module.startswith("suites.") else ():
            marks = [d for d in getattr(node, "decorator_list", ()) if isinstance(d, ast.Call)
                     and getattr(d.func, "attr", "") == "requirement"]
            seen, todo = set(), [(module, node.name)] if marks else []
            while todo:
                key = todo.pop()
                if key in seen or key not in _DEFS:
                    continue
                seen.add(key)
                for mark in marks:
                    for rid in mark.args:
                        yield rid.value, key
                todo += list(_callees(key))


def _checks() -> dict[str, list[bool]]:
    """Per requirement, each value its checks judge: whether it takes a type B."""
    found: dict[str, list[bool]] = {}
    for rid, key in checks_walk():
        found.setdefault(rid, []).extend(_judged(_DEFS[key]))
    return found


_NO_B = {"zh": "与仪器声明的 B 类合成", "en": "type B of the instrument's stated uncertainty"}


@pytest.fixture(scope="module")
def checks() -> dict[str, list[bool]]:
    return _checks()


def test_c3_a_guarded_criterion_counts_a_type_b_exactly_when_its_check_does(catalog: Catalog, checks, zh_markdown,
                                                                          en_markdown):
    """A class test over the whole draft: each guarded requirement's 判定准则 (both languages) says no U takes the
    instrument's type B exactly when no value its check judges is handed one. The scan finds every guarded check."""
    guarded = [r for r in catalog.requirements.values() if r.decision_rule and r.decision_rule.kind == "guarded"]
    assert len(guarded) >= 29, len(guarded)
    cases = {lang: _cases(text) for lang, text in (("zh", zh_markdown), ("en", en_markdown))}
    wrong = []
    for req in guarded:
        assert checks.get(req.id), f"{req.id}: no judged value found in its check"
        takes_b = any(checks[req.id])
        for lang, label in (("zh", "不通过"), ("en", "Fail")):
            fail = _verdict_lines(cases[lang][req.id], lang)[label]
            assert ("判定规则：" if lang == "zh" else "Decision rule:") in fail, (req.id, lang)
            if (_NO_B[lang] in fail) != takes_b:
                wrong.append((req.id, lang, takes_b))
    assert not wrong, wrong


def test_c3_the_scan_sees_a_type_b_handed_on_and_a_planted_check_without_one():
    """The scan reads a type B handed to the judge directly (TD-HAND-005's R1), through a dict a helper receives
    (TD-BODY-005) and a Measurement's arguments (RB-TRACK-002), and finds none in a check that passes none."""
    checks = _checks()
    assert any(checks["TD-HAND-005"]) and any(checks["TD-BODY-005"]) and any(checks["RB-TRACK-002"])
    assert not any(checks["TD-FACE-004"]) and checks["TD-FACE-004"]
    planted = ast.parse("def f(judge):\n    judge('R1', 'q', 's', 1.0, 'ms', 2.0, 'max', u_a=0.1)\n"
                        "    judge('R2', 'q', 's', 1.0, 'ms', 2.0, 'max', u_a=0.1, u_b=0.0, instrument=False)\n")
    assert list(_judged(planted.body[0])) == [False, False]  # type: ignore[arg-type]


# the three instances ------------------------------------------------------------------------------------------------


def test_c3_the_criteria_say_what_u_is_and_why(zh_markdown, en_markdown):
    """TD-HAND-006 and TD-FORCE-005: U from the resolution of the moment read alone, the instrument's stated
    uncertainty not one of a time and the readings' moments on the capture clock declared nowhere; TD-DISP-009:
    R1 alone takes the instrument's type B (the stage's marks)."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("TD-HAND-006", "TD-FORCE-005"):
        fail_zh, fail_en = _verdict_lines(zh[rid], "zh")["不通过"], _verdict_lines(en[rid], "en")["Fail"]
        assert "仅由读取时刻的分辨力评定" in fail_zh and "二者均不计入" in fail_zh
        assert "由样本统计量的 A 类" not in fail_zh
        assert "from the resolution alone with which the moment is read" in fail_en and "neither is counted" in fail_en
    # R1's U the edge's resolution with the stage's stated uncertainty (seventy-fifth reading, c2, h141-u)
    assert "对 R1 由读数的分辨力与仪器声明的 B 类合成" in _verdict_lines(zh["TD-DISP-009"], "zh")["不通过"]
    hand = _row(zh["TD-HAND-006"], "前置条件")
    assert "所给出的不确定度在 `reference_system` 中声明" not in hand
    assert "单个关节位置的不确定度（以 mm 计）在 `reference_system` 中声明；采集文件不声明其时钟对齐的不确定度" in hand
    assert "`stage_trigger` 数据流的 `measured_by` 中声明，作为 R1 时延的 B 类" in _row(zh["TD-DISP-009"], "前置条件")


def test_c3_resolution_is_an_instrument_s_and_replaces_the_default(catalog: Catalog):
    """``type_b: resolution`` is a measuring requirement's: a behaviour requirement reads no instrument."""
    base = catalog.requirements["TD-HAND-006"].model_dump()
    assert base["decision_rule"]["type_b"] == "resolution"
    with pytest.raises(ValueError, match="reads no instrument"):
        Requirement.model_validate({**base, "measures": "behaviour"})
    plain = Requirement.model_validate({**base, "decision_rule": {**base["decision_rule"], "type_b": "instrument"}})
    assert "由样本统计量的 A 类与仪器声明的 B 类合成" in criterion(plain, "zh")
    assert "由样本统计量的 A 类与仪器声明的 B 类合成" not in criterion(catalog.requirements["TD-HAND-006"], "zh")


def _suite(name: str):
    spec = importlib.util.spec_from_file_location(f"suite_{name}", ROOT / f"suites/terminal/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_c3_the_readers_example_is_judged_as_the_criterion_now_says(catalog: Catalog):
    """The reader's example, an onset latency of 85 ms against 100 ms with a 60 Hz reference: the check's U is the
    frame interval's alone, 2 × 16.7 ms / √12 ≈ 9.6 ms, so 85 ms passes (85 + 9.6 < 100). The criterion said U
    also took a declared type B (with the 25 ms alignment, U ≈ 26.8 ms, a guard band fail); it now says U is the
    resolution alone, so text and check give one verdict."""
    pinch, evidence = _suite("test_pinch"), Evidence()
    judge = Judge(evidence, "TD-HAND-006", rule_of(catalog, "TD-HAND-006"), "pinch.ndjson")
    got = PinchResult(pinches=5, onset_ms=[40.0, 85.0], release_ms=[30.0])
    pinch._judge(evidence, judge, "gestures", got, (100.0, 100.0, 20.0), 1000 / 60 / math.sqrt(12),
                 {"sid": "'gestures'", "ref": "'reference'"})
    judge.close()
    (onset,) = [i for i in evidence.export() if i.get("kind") == "measurement" and i.get("rule") == "R2"]
    assert onset["outcome"] == "pass" and onset["value"] == 85.0, onset
    assert onset["uncertainty"] == pytest.approx(9.62, abs=0.01) and onset["basis"] == "type A only", onset
    assert not evidence.findings_count
    hand = catalog.requirements["TD-HAND-006"]
    assert "其读数在采集时钟上的时刻的不确定度" in criterion(hand, "zh") and "二者均不计入" in criterion(hand, "zh")
    assert "is declared nowhere in the capture, so neither is counted" in criterion(hand, "en")


def _eye(stated: Declared | None) -> photon.Eye:
    return photon.Eye("photodiode_left", "display", "left", "PD-2", 10_000.0, 1000 / 90,
                      latencies_ms=[(1_000_000, 16.0)], stage_uncertainty=stated)


def test_c3_the_stage_s_stated_uncertainty_enters_r1s_u(catalog: Catalog):
    """TD-DISP-009's R1 latency (17 ms limit) of 16 ms: with the edge's U alone (about 0.06 ms) it passes; with the
    stage stating 2 ms (k = 2) for its marks, U is about 2 ms and 16 ms lies in the guard band, a fail."""
    rig = _suite("test_photon_rig")
    limits = rig.EyeLimits(17.0, 200, 0.01, 0.1)
    outcomes = {}
    for stated in (None, Declared(2.0, "ms", 2.0)):
        evidence = Evidence()
        judge = Judge(evidence, "TD-DISP-009", rule_of(catalog, "TD-DISP-009"), "rig.ndjson")
        rig._judge_eye(evidence, judge, _eye(stated), limits)
        judge.close()
        (item,) = [i for i in evidence.export() if i.get("kind") == "measurement" and i.get("rule") == "R1"]
        outcomes[stated is not None] = (item["outcome"], item["basis"], item["uncertainty"])
    assert outcomes[False][:2] == ("pass", "type A only"), outcomes
    assert outcomes[True][:2] == ("guard_band", "type A and B") and outcomes[True][2] == pytest.approx(2.0, abs=0.01)


def test_c3_the_sample_rig_s_stage_uncertainty_is_read(catalog: Catalog, run_manifest):
    """On the sample photon rig, whose stage states 0.02 ms (k = 2), each R1 item takes type A and B."""
    manifest = manifest_for(catalog, "terminal-comfort", features=["photon-rig"])
    manifest["targets"]["captures"]["paths"] = [str(SAMPLES / "captures" / "photon-rig.ndjson.gz")]
    result = run_manifest(manifest, requirements=["TD-DISP-009"])
    (record,) = [r for r in result.report.requirements if r.requirement == "TD-DISP-009"]
    items = [e for e in record.evidence if e.get("kind") == "measurement" and e.get("rule") == "R1"]
    assert record.verdict == "pass" and items, record.message
    assert all(i["basis"] == "type A and B" and i["u_b"] == pytest.approx(0.01) for i in items), items
    assert np.isfinite([i["uncertainty"] for i in items]).all()
