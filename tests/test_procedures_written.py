"""Hand-written test cases (issue 47): every stable requirement of the areas whose cases are
written by hand has, in ``suites/<area>/procedures.yaml``, its own test procedure and expected
result in Chinese and English, numbered alike, so the specification never falls back to the
generated "for each item, check in turn" text for them. Shown failing on a catalog with one
case taken out, one expected result left out and one translation cut short."""

from __future__ import annotations

import re

import yaml

from conformance import load_catalog
from conformance.drafting.spec import load_data
from conformance.drafting.testcases import case_for

from .conftest import copy_catalog

#: the areas whose stable requirements all have hand-written cases
WRITTEN = ("interfaces", "terminal")
LANGS = ("zh", "en")


def _number(step: str) -> str:
    """A step's number ("3." or "a)"), so the two languages can be compared."""
    found = re.match(r"\s*(\d+\.|[a-z]\))", step)
    return found.group(1) if found else ""


def unwritten(catalog, areas=WRITTEN) -> list[str]:
    """What is missing: "<ID> <part> <lang>" for each stable requirement of ``areas`` without a
    hand-written ``steps`` or ``expected`` in a language, or whose steps are numbered otherwise
    in the two languages."""
    procedures = load_data(catalog).procedures
    missing = []
    for req in sorted(catalog.requirements.values(), key=lambda r: r.id):
        if req.area not in areas or req.status != "stable":
            continue
        written = procedures.get(req.id, {})
        for part in ("steps", "expected"):
            for lang in LANGS:
                value = written.get(part, {}).get(lang)
                if not value or (isinstance(value, list) and not all(isinstance(s, str) and s.strip() for s in value)):
                    missing.append(f"{req.id} {part} {lang}")
        steps = written.get("steps", {})
        if all(steps.get(lang) for lang in LANGS) and \
                [_number(s) for s in steps["zh"]] != [_number(s) for s in steps["en"]]:
            missing.append(f"{req.id} steps numbering")
    return missing


def test_every_stable_requirement_of_the_written_areas_has_its_own_steps_and_expected_result(catalog):
    assert unwritten(catalog) == []
    stable = [r for r in catalog.requirements.values() if r.area in WRITTEN and r.status == "stable"]
    assert len(stable) >= 58  # interfaces 17, terminal 41 when the cases were written
    procedures = load_data(catalog).procedures
    for req in stable:  # what the specification shows is the hand-written text, not the generated one
        for lang in LANGS:
            case = case_for(catalog, req, lang, procedures[req.id])
            assert case.steps == procedures[req.id]["steps"][lang]
            assert case.expected == procedures[req.id]["expected"][lang]
            assert not any("check in turn" in s or "逐项检查：" in s for s in case.steps)


def test_a_case_missing_or_translated_otherwise_is_found(tmp_path):
    root = copy_catalog(tmp_path / "catalog")
    path = root / "suites" / "interfaces" / "procedures.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    del document["procedures"]["IF-TLS-001"]
    del document["procedures"]["IF-REQ-001"]["expected"]  # the schema wants both languages of a part
    document["procedures"]["IF-DISC-001"]["steps"]["en"].pop()
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert unwritten(load_catalog(root), ("interfaces",)) == [
        "IF-DISC-001 steps numbering", "IF-REQ-001 expected zh", "IF-REQ-001 expected en",
        "IF-TLS-001 steps zh", "IF-TLS-001 steps en", "IF-TLS-001 expected zh", "IF-TLS-001 expected en"]
