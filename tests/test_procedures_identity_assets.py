"""Every stable requirement of the identity and assets areas has a test case written by hand
(issue 47): its procedure and expected result in ``suites/<area>/procedures.yaml``, in Chinese
(the normative text) and English (its translation, numbered the same), so the specification's
测试步骤 and 预期结果 say what the tester does and observes rather than the generated "check in
turn" text. The check is also shown finding a case or a part removed and an empty step; a case without
its translation the schema refuses in one line."""

from __future__ import annotations

import re

import pytest
import yaml

from conformance import load_catalog
from conformance._catalog.catalog import Catalog
from conformance.drafting.spec import load_data
from conformance.drafting.testcases import case_for
from conformance.errors import HarnessInputError

from .conftest import copy_catalog

AREAS = ("identity", "assets")
#: the parts a hand-written case replaces for these areas
PARTS = ("steps", "expected")


def unwritten(catalog: Catalog, areas: tuple[str, ...] = AREAS) -> list[str]:
    """``<ID> <part> <lang>`` for each part of a stable requirement's test case of ``areas``
    that is not written by hand in both languages (an empty text counts as not written)."""
    written = load_data(catalog).procedures
    found = []
    for req in sorted(catalog.requirements.values(), key=lambda r: r.id):
        if req.area not in areas or req.status != "stable":
            continue
        case = written.get(req.id, {})
        for part in PARTS:
            for lang in ("zh", "en"):
                text = case.get(part, {}).get(lang)
                texts = text if isinstance(text, list) else [text]
                if not text or not all(isinstance(t, str) and t.strip() for t in texts):
                    found.append(f"{req.id} {part} {lang}")
    return found


def test_every_stable_identity_and_assets_requirement_has_a_written_case(catalog):
    stable = [r for r in catalog.requirements.values() if r.area in AREAS and r.status == "stable"]
    assert len(stable) >= 50
    assert unwritten(catalog) == []


def test_the_written_steps_replace_the_generated_ones_with_the_same_numbering(catalog):
    written = load_data(catalog).procedures
    for req in catalog.requirements.values():
        if req.area not in AREAS or req.status != "stable":
            continue
        zh, en = (case_for(catalog, req, lang, written[req.id]) for lang in ("zh", "en"))
        assert not any("逐项检查" in s or "check in turn" in s for s in zh.steps + en.steps), req.id
        numbers = [[re.match(r"\d+", s).group() for s in case.steps] for case in (zh, en)]
        assert numbers[0] == numbers[1] == [str(n) for n in range(1, len(zh.steps) + 1)], req.id


def edited(tmp_path, change) -> Catalog:
    """A copy of the shipped catalog whose two procedures files ``change(area, cases)`` edits."""
    root = copy_catalog(tmp_path / "catalog")
    for area in AREAS:
        path = root / "suites" / area / "procedures.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(area, document["procedures"])
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_catalog(root)


def test_a_case_or_a_part_removed_is_found(tmp_path):
    def drop(area: str, cases: dict) -> None:
        if area == "identity":
            del cases["ID-DOC-002"]
        else:
            del cases["AS-GLTF-003"]["expected"]

    assert unwritten(edited(tmp_path, drop)) == [
        "AS-GLTF-003 expected zh", "AS-GLTF-003 expected en", "ID-DOC-002 steps zh", "ID-DOC-002 steps en",
        "ID-DOC-002 expected zh", "ID-DOC-002 expected en"]


def test_a_case_without_its_translation_is_refused_in_one_line(tmp_path):
    def untranslate(area: str, cases: dict) -> None:
        if area == "assets":
            del cases["AS-GLTF-003"]["expected"]["en"]

    with pytest.raises(HarnessInputError) as caught:
        load_data(edited(tmp_path, untranslate))
    assert "suites/assets/procedures.yaml" in str(caught.value) and "AS-GLTF-003" in str(caught.value)


def test_an_empty_step_counts_as_unwritten(tmp_path):
    def blank(area: str, cases: dict) -> None:
        if area == "identity":
            cases["ID-RES-004"]["steps"]["en"][1] = " "

    assert unwritten(edited(tmp_path, blank)) == ["ID-RES-004 steps en"]
