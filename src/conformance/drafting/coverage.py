"""``conformance catalog coverage``: the seeds' topics, each covered, partial, absent or out of
scope (with the requirements, what is missing or why), then policy clause -> requirements
(level, mode) -> tests -> known-bad cases, and the clauses no requirement serves."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Requirement
from .facts import Facts, gather
from .tables import STATUSES, Clause, Topic, load_tables


@dataclass(frozen=True)
class Row:
    clause: Clause
    requirement: str
    level: str
    testing: str
    tests: int
    known_bad: int


def coverage(catalog: Catalog, facts: Facts | None = None) -> tuple[list[Row], list[Clause]]:
    """The rows (one per clause and requirement citing it, in the table's order) and the
    clauses no requirement cites."""
    tables = load_tables(catalog)
    facts = facts or gather(catalog)
    rows: list[Row] = []
    uncovered: list[Clause] = []
    for clause in tables.clauses.values():
        citing = sorted((r for r in catalog.requirements.values() if clause.key in r.source.policy), key=_id)
        if not citing:
            uncovered.append(clause)
        rows += [Row(clause, r.id, r.level.value, r.testing.value, len(facts.tests.get(r.id, [])),
                     facts.known_bad.get(r.id, 0)) for r in citing]
    return rows, uncovered


def topic_counts(topics: list[Topic]) -> dict[str, int]:
    return {status: sum(t.status == status for t in topics) for status in STATUSES}


def topics_markdown(topics: list[Topic]) -> list[str]:
    counts = topic_counts(topics)
    lines = ["## Seed topics", "", "| topic | status | requirements | missing or why out of scope |",
             "|---|---|---|---|"]
    for t in topics:
        why = t.out_of_scope or t.missing
        ids = ", ".join(t.requirements) or "-"
        lines.append(f"| {t.key}: {t.zh} / {t.en} | {t.status} | {ids} | {why or '-'} |")
    lines += ["", f"{len(topics)} topics: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ".", ""]
    return lines


HEAD = ("policy clause", "requirement", "level", "mode", "tests", "known-bad cases")


def coverage_markdown(catalog: Catalog) -> str:
    rows, uncovered = coverage(catalog)
    lines = ["# Coverage of the seeds", ""] + topics_markdown(list(load_tables(catalog).topics.values()))
    lines += ["## Coverage by policy clause", "", "| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    previous = None
    for row in rows:
        clause = f"{row.clause.key} ({row.clause.clause})" if row.clause.key != previous else ""
        previous = row.clause.key
        lines.append(f"| {clause} | {row.requirement} | {row.level} | {row.testing} | {row.tests} | {row.known_bad} |")
    lines += ["", f"{len({r.requirement for r in rows})} requirements cite {len({r.clause.key for r in rows})} "
              f"of {len({r.clause.key for r in rows}) + len(uncovered)} clauses.", ""]
    lines += ["## Clauses no requirement serves", ""]
    lines += [f"- {c.key} ({c.clause}): {c.gist}" for c in uncovered] or ["none"]
    return "\n".join(lines) + "\n"


def coverage_html(catalog: Catalog) -> str:
    rows, uncovered = coverage(catalog)
    e = html.escape
    topics = list(load_tables(catalog).topics.values())
    counts = topic_counts(topics)
    body = ["<h2>Seed topics</h2>", "<p>" + e(f"{len(topics)} topics: " + ", ".join(
        f"{n} {s}" for s, n in counts.items())) + "</p>", '<table class="topics">',
        "<tr><th>topic</th><th>status</th><th>requirements</th><th>missing or why out of scope</th></tr>"]
    for t in topics:
        body.append(f'<tr id="topic-{e(t.key)}" class="{t.status.replace(" ", "-")}"><td>{e(t.key)}<br>'
                    f'<span lang="zh-CN">{e(t.zh)}</span><br><span lang="en">{e(t.en)}</span></td>'
                    f"<td>{t.status}</td><td>{e(', '.join(t.requirements)) or '-'}</td>"
                    f"<td>{e(t.out_of_scope or t.missing) or '-'}</td></tr>")
    body += ["</table>", "<h2>Coverage by policy clause</h2>", "<table>",
             "<tr>" + "".join(f"<th>{e(h)}</th>" for h in HEAD) + "</tr>"]
    for row in rows:
        gap = ' class="gap"' if row.testing == "automated" and not (row.tests and row.known_bad) else ""
        body.append(f"<tr{gap}><td>{e(row.clause.key)}<br><small>{e(row.clause.clause)}</small></td>"
                    f"<td>{e(row.requirement)}</td><td>{row.level}</td><td>{row.testing}</td>"
                    f"<td>{row.tests}</td><td>{row.known_bad}</td></tr>")
    body.append("</table>")
    body.append("<h2>Clauses no requirement serves</h2><ul>")
    body += [f"<li>{e(c.key)} ({e(c.clause)}): {e(c.gist)}<br><span lang=\"zh\">{e(c.zh)}</span></li>"
             for c in uncovered] or ["<li>none</li>"]
    body.append("</ul>")
    return PAGE.format(title="Coverage of the seeds", body="\n".join(body))


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.3em .6em;vertical-align:top}}
tr.gap,tr.absent{{background:#fdd}}tr.partial{{background:#ffd}}</style>
</head><body><h1>{title}</h1>
{body}
</body></html>
"""


def _id(requirement: Requirement) -> str:
    return requirement.id
