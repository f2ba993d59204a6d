"""The forty-fourth reading, part h97-bounds (docs/drafting.md, "Forty-fourth reading, part h97-bounds"): ax1's
leftover. 5.1 says a reading bound decides only what is read, never a verdict, yet an HTTP answer past E.11's
``max_response_bytes`` or ``max_json_depth`` was a finding (the adapter raised NonConformance) and 5.1 stated neither
bound. Now every reading bound a manifest target's IXIT may move (a ``max_*`` member of ``schemas/manifest/target-*``)
is stated in 5.1 with its default, described in annex E as a reading bound changing no threshold, given its reason in
三（三）, and an answer past the HTTP ones leaves its case inconclusive (no finding). Each test fails before the fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conformance._run.verdicts import classify
from conformance.drafting.readingbounds import bounds_basis
from conformance.errors import BeyondReadingBound, NonConformance

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "manifest"


def _bounds() -> dict[str, dict[str, object]]:
    """Every ``max_*`` member of a manifest target's schema: a reading bound its IXIT may move."""
    found = {}
    for path in sorted(SCHEMAS.glob("target-*.json")):
        found.update({name: spec for name, spec in json.loads(path.read_text("utf-8"))["properties"].items()
                      if name.startswith("max_")})
    return found


def _defaults() -> dict[str, int]:
    from conformance._io.parsing import DEFAULT_MAX_DEPTH
    from conformance.adapters.file import DEFAULT_MAX_FILE_BYTES, MAX_MATCHES
    from conformance.adapters.http import DEFAULT_MAX_RESPONSE_BYTES
    return {"max_file_bytes": DEFAULT_MAX_FILE_BYTES, "max_files": MAX_MATCHES,
            "max_response_bytes": DEFAULT_MAX_RESPONSE_BYTES, "max_json_depth": DEFAULT_MAX_DEPTH}


def test_the_bounds_known_are_all_the_schemas_have():
    assert set(_bounds()) == set(_defaults())


@pytest.mark.parametrize("name", sorted(_defaults()))
def test_each_ixit_bound_is_stated_in_5_1_with_its_default(zh_markdown, en_markdown, name):
    grouped = f"{_defaults()[name]:,}".replace(",", " ")
    for text, heading, end in ((zh_markdown, "### 5.1 通则", "### 5.2"),
                               (en_markdown, "### 5.1 General", "### 5.2")):
        general = text[text.index(heading):text.index(end)]
        paragraph = next(p for p in general.split("\n\n") if f"`{name}`" in p)
        assert grouped in paragraph, (name, paragraph)
        assert re.search(r"不改变任何判定阈值|changes? no verdict threshold", paragraph), paragraph


@pytest.mark.parametrize("name", sorted(_defaults()))
def test_each_ixit_bound_is_described_as_a_reading_bound(name):
    spec = _bounds()[name]
    assert str(_defaults()[name]) in spec["description"] and "reading bound of 5.1" in spec["description"]
    assert re.search(r"not by (itself|themselves) a finding", str(spec["description"]))
    assert "5.1 所述的读取界限" in spec["x-description-zh"] and "其本身不作为不符合项" in spec["x-description-zh"]


def test_each_ixit_bound_has_its_reason_in_the_explanatory_note(catalog):
    from conformance.drafting.writer import Writer
    rows = [row for block in bounds_basis(Writer(catalog, "zh")) if block.kind == "table" for row in block.rows]
    for name in _defaults():
        row = next((r for r in rows if f"`{name}`" in r[1]), None)
        assert row is not None and row[2].startswith("本文件自定："), name


@pytest.mark.parametrize("name", sorted(_defaults()))
def test_each_ixit_range_stated_is_the_one_the_manifest_schema_enforces(zh_markdown, catalog, name):
    """5.1 and the 编制说明's row give the range the IXIT may move a bound in as the target's schema accepts it: both
    read it from the schema (readingbounds.ixit_range), so a changed ``minimum``/``maximum`` cannot leave the draft
    stating the old range (review of the forty-eighth session: it was typed by hand in two modules)."""
    from conformance.drafting.writer import Writer
    spec = _bounds()[name]
    low, high = (f"{spec[k]:,}".replace(",", r"\s") for k in ("minimum", "maximum"))  # the render wraps lines
    stated = re.compile(rf"(?<!\d)(?<!\d\s){low}(\sB)?\s至\s{high}(?!\s?\d)")
    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    assert stated.search(next(p for p in general.split("\n\n") if f"`{name}`" in p)), name
    rows = [row for block in bounds_basis(Writer(catalog, "zh")) if block.kind == "table" for row in block.rows]
    assert stated.search(next(r for r in rows if f"`{name}`" in r[1])[1]), name


def test_an_answer_past_a_bound_is_inconclusive_not_a_finding():
    raised = BeyondReadingBound("past max_response_bytes")
    assert not isinstance(raised, NonConformance) and classify(raised).value == "inconclusive"


# -- b9's leftover: a wait deciding a verdict, stated in a step, is the document's and has its row in 三（三）

_WAIT = re.compile(r"\d[\d ]*\s?(?:s|ms|min|秒|毫秒)(?![a-zA-Z])")
_STATED = re.compile(r"本文件规定的|测试参数|`[a-z_]+_(?:s|ms|min)`|读取界限|取自")


def test_no_step_waits_a_bare_time(zh_markdown):
    """A step waiting at most some time for what it then judges (IF-CODE-010's 「至多 1 s」) says the time is this
    document's, a test parameter's or a cited source's, so 三（三） lists it."""
    cases = zh_markdown[zh_markdown.index("## 5 测试环境"):]
    steps = [line for line in cases.split("\n") if line.startswith("| 测试步骤")]
    bare = [clause for line in steps for clause in re.split(r"(?<=[；。])|<br>", line)
            if "等待" in clause and _WAIT.search(clause) and not _STATED.search(clause)]
    assert not bare, bare


def test_if_code_010s_wait_is_the_checks_and_has_its_basis(note_md, note_md_en):
    import inspect

    from conformance.areas.interfaces import harassment
    assert inspect.signature(harassment.run).parameters["settle_s"].default == 1.0
    for text, basis in ((note_md, "每轮等待聊天消息到达的至多 1 s 为本文件自定"),
                        (note_md_en, "The wait of at most 1 s for each round's chat messages is this document's own")):
        row = next(line for line in text.split("\n") if line.startswith("| IF‑CODE‑010 |"))
        assert basis in row and "400 ms" in row, row
