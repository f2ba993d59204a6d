"""docs/coverage-reading.md, the outside reading of coverage topic by topic (issue 63), and the
catalog's computed topic table must agree: a grade there that differs from the computed status,
or a topic the reading leaves out, fails here, so the two cannot drift apart silently."""

from __future__ import annotations

import pytest

from conformance._catalog.catalog import load_catalog
from conformance.drafting.tables import STATUSES, load_tables
from tests.paths import ROOT

READING = ROOT / "docs" / "coverage-reading.md"
HEADER = "| topic | reading | table (before) | agree? | reason |"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def reading_grades(text: str) -> dict[str, str]:
    """topic key -> the reading's grade, from the rows of the last table under HEADER: each new
    reading appends its own, and the earlier ones stand as they were read."""
    lines = text.splitlines()
    if HEADER not in lines:
        raise ValueError(f"no table headed {HEADER!r}")
    grades: dict[str, str] = {}
    last = len(lines) - 1 - lines[::-1].index(HEADER)
    for line in lines[last + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != 5:
            raise ValueError(f"a row without five cells: {line}")
        if cells[0] in grades:
            raise ValueError(f"topic {cells[0]} graded twice")
        grades[cells[0]] = cells[1]
    return grades


def disagreements(grades: dict[str, str], computed: dict[str, str]) -> list[str]:
    """One line per topic the reading leaves out, grades otherwise or does not know."""
    found = [f"{key}: not in the reading (computed {status})" for key, status in computed.items()
             if key not in grades]
    found += [f"{key}: the reading says {grades[key]}, the table computes {status}"
              for key, status in computed.items() if key in grades and grades[key] != status]
    found += [f"{key}: graded in the reading but no topic of the table" for key in grades if key not in computed]
    found += [f"{key}: {grade!r} is none of {', '.join(STATUSES)}" for key, grade in grades.items()
              if grade not in STATUSES]
    return found


def test_the_reading_and_the_computed_table_agree_topic_by_topic(catalog):
    computed = {key: topic.status for key, topic in load_tables(catalog).topics.items()}
    grades = reading_grades(READING.read_text(encoding="utf-8"))
    assert disagreements(grades, computed) == []
    assert "2026-11-25" in READING.read_text(encoding="utf-8")


def declaration_checks(text: str) -> list[str]:
    """The IDs the reading lists between its declaration-checks markers."""
    start, end = "<!-- declaration checks: ", "<!-- declaration checks end -->"
    if start not in text or end not in text:
        raise ValueError("no list of declaration checks")
    body = text.split(start, 1)[1].split("\n", 1)[1].split(end, 1)[0]
    return [part.strip() for part in body.replace("\n", ",").split(",") if part.strip()]


def test_the_reading_lists_the_declaration_checks_and_none_is_normative(catalog):
    """Issue 70: the requirements that read only the product's declaration are those the reading
    lists, each at MAY, in no profile's normative set, and the lint finds no normative one."""
    declared = sorted(r.id for r in catalog.requirements.values() if r.measures == "declared")
    assert declaration_checks(READING.read_text(encoding="utf-8")) == declared
    assert all(catalog.requirements[r].level.value == "MAY" for r in declared)
    assert not {r for p in catalog.profiles.values() for r in catalog.normative_requirements(p)} & set(declared)
    assert "2026-11-26" in READING.read_text(encoding="utf-8")


def test_a_reading_whose_declaration_checks_differ_is_caught(catalog):
    text = READING.read_text(encoding="utf-8")
    declared = sorted(r.id for r in catalog.requirements.values() if r.measures == "declared")
    assert declaration_checks(text.replace("TD-PWR-001", "TD-PWR-002")) != declared
    with pytest.raises(ValueError, match="no list of declaration checks"):
        declaration_checks("# nothing here\n")


def test_a_changed_grade_or_a_dropped_topic_is_reported(catalog):
    computed = {key: topic.status for key, topic in load_tables(catalog).topics.items()}
    grades = reading_grades(READING.read_text(encoding="utf-8"))
    # any graded topic (issue 74 left none covered): grade it otherwise than the table computes
    covered = next(key for key, status in computed.items() if status in ("covered", "partial"))
    other = "absent" if computed[covered] == "partial" else "partial"
    regraded = {**grades, covered: other}
    assert disagreements(regraded, computed) == [
        f"{covered}: the reading says {other}, the table computes {computed[covered]}"]
    dropped = {key: grade for key, grade in grades.items() if key != "spatial-audio"}
    dropped_line = f"spatial-audio: not in the reading (computed {computed['spatial-audio']})"
    assert disagreements(dropped, computed) == [dropped_line]
    planted = disagreements({**grades, "planted": "absent"}, computed)
    assert planted == ["planted: graded in the reading but no topic of the table"]
    assert disagreements({**grades, covered: "mostly"}, computed)[-1] == (
        f"{covered}: 'mostly' is none of covered, partial, absent, out of scope")


def test_a_table_the_reading_cannot_parse_is_refused():
    with pytest.raises(ValueError, match="no table headed"):
        reading_grades("# nothing here\n")
    with pytest.raises(ValueError, match="graded twice"):
        reading_grades("\n".join([HEADER, "|---|---|---|---|---|", "| a | absent | absent | yes | x |",
                                  "| a | partial | absent | no | y |"]))
    with pytest.raises(ValueError, match="five cells"):
        reading_grades("\n".join([HEADER, "|---|---|---|---|---|", "| a | absent |"]))


def test_the_latest_reading_decides():
    """A reading appended below an earlier one is the one compared (2026-11-26, evening: the
    earlier tables keep the grades they were read with)."""
    table = [HEADER, "|---|---|---|---|---|"]
    text = "\n".join([*table, "| a | covered | covered | yes | x |", "", "later", *table,
                      "| a | partial | covered | no | y |", "| b | absent | absent | yes | z |"])
    assert reading_grades(text) == {"a": "partial", "b": "absent"}
