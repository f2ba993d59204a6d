"""``conformance catalog coverage``: the seeds' topics, each covered, partial, absent or out of
scope (with the requirements, what is missing or why), then policy clause -> requirements
(level, mode) -> tests -> known-bad cases, and the clauses no requirement serves.

A requirement serves a clause when its ``source.policy`` cites it, or when it is linked to a
seed topic drawn from that clause (the topic table is where a drafter links a requirement to
what the seeds ask; the clause table shows the same links, so the two never disagree)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .._catalog.catalog import Catalog
from .facts import Facts, gather
from .inventory import overclaim_summary
from .tables import STATUSES, Clause, Topic, load_tables


@dataclass(frozen=True)
class Row:
    clause: Clause
    requirement: str
    level: str
    testing: str
    tests: int
    known_bad: int
    #: "" when the requirement cites the clause itself, else the topic that links them
    via: str = ""


def coverage(catalog: Catalog, facts: Facts | None = None) -> tuple[list[Row], list[Clause]]:
    """The rows (one per clause and requirement serving it, in the table's order) and the
    clauses no requirement serves."""
    tables = load_tables(catalog)
    facts = facts or gather(catalog)
    rows: list[Row] = []
    uncovered: list[Clause] = []
    for clause in tables.clauses.values():
        via = {r: t.key for t in tables.topics.values() if clause.key in t.clauses for r in t.requirements}
        serving = {r.id: "" for r in catalog.requirements.values() if clause.key in r.source.policy}
        serving |= {r: topic for r, topic in via.items() if r not in serving and r in catalog.requirements}
        if not serving:
            uncovered.append(clause)
        for rid in sorted(serving):
            r = catalog.requirements[rid]
            rows.append(Row(clause, rid, r.level.value, r.testing.value, len(facts.tests.get(rid, [])),
                            facts.known_bad.get(rid, 0), serving[rid]))
    return rows, uncovered


def drawn_on(clause: Clause, topics: list[Topic]) -> str:
    """Why no requirement serves a clause: the topics drawn from it and their state."""
    found = [f"topic {t.key} is {t.status}" + (f" ({t.out_of_scope})" if t.out_of_scope else "")
             for t in topics if clause.key in t.clauses]
    return "; ".join(found) or "no seed topic draws on it"


def topic_counts(topics: list[Topic]) -> dict[str, int]:
    return {status: sum(t.status == status for t in topics) for status in STATUSES}


def topics_markdown(topics: list[Topic]) -> list[str]:
    counts = topic_counts(topics)
    lines = ["## Seed topics", "", "| topic | status | requirements | missing or why out of scope |",
             "|---|---|---|---|"]
    for t in topics:
        ids = ", ".join(t.requirements) or "-"
        lines.append(f"| {t.key}: {t.zh} / {t.en} | {t.status} | {ids} | {t.gap or '-'} |")
    lines += ["", f"{len(topics)} topics: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ".", ""]
    return lines


def topics_summary(catalog: Catalog, topics: list[Topic]) -> list[str]:
    """The topics table, its counts and the overclaim check."""
    return topics_markdown(topics) + overclaim_summary(catalog, topics) + [""]


HEAD = ("policy clause", "requirement", "level", "mode", "tests", "known-bad cases", "linked by")


def coverage_markdown(catalog: Catalog) -> str:
    rows, uncovered = coverage(catalog)
    topics = list(load_tables(catalog).topics.values())
    lines = ["# Coverage of the seeds", ""] + topics_summary(catalog, topics)
    lines += ["## Coverage by policy clause", "", "| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    previous = None
    for row in rows:
        clause = f"{row.clause.key} ({row.clause.clause})" if row.clause.key != previous else ""
        previous = row.clause.key
        lines.append(f"| {clause} | {row.requirement} | {row.level} | {row.testing} | {row.tests} | "
                     f"{row.known_bad} | {_linked_by(row)} |")
    served = len({r.clause.key for r in rows})
    lines += ["", f"{len({r.requirement for r in rows})} requirements serve {served} of {served + len(uncovered)} "
              "clauses (cited in their source, or linked through a seed topic drawn from the clause).", ""]
    lines += ["## Clauses no requirement serves", ""]
    lines += [f"- {c.key} ({c.clause}): {c.gist}. Why: {drawn_on(c, topics)}" for c in uncovered] or ["none"]
    return "\n".join(lines) + "\n"


def coverage_html(catalog: Catalog) -> str:
    rows, uncovered = coverage(catalog)
    e = html.escape
    topics = list(load_tables(catalog).topics.values())
    counts = topic_counts(topics)
    body = ["<h2>Seed topics</h2>", "<p>" + e(f"{len(topics)} topics: " + ", ".join(
        f"{n} {s}" for s, n in counts.items())) + "</p>",
        "<p>" + "<br>".join(e(line) for line in overclaim_summary(catalog, topics)) + "</p>", '<table class="topics">',
        "<tr><th>topic</th><th>status</th><th>requirements</th><th>missing or why out of scope</th></tr>"]
    for t in topics:
        body.append(f'<tr id="topic-{e(t.key)}" class="{t.status.replace(" ", "-")}"><td>{e(t.key)}<br>'
                    f'<span lang="zh-CN">{e(t.zh)}</span><br><span lang="en">{e(t.en)}</span></td>'
                    f"<td>{t.status}</td><td>{e(', '.join(t.requirements)) or '-'}</td>"
                    f"<td>{e(t.gap) or '-'}</td></tr>")
    body += ["</table>", "<h2>Coverage by policy clause</h2>", "<table>",
             "<tr>" + "".join(f"<th>{e(h)}</th>" for h in HEAD) + "</tr>"]
    for row in rows:
        gap = ' class="gap"' if row.testing == "automated" and not (row.tests and row.known_bad) else ""
        body.append(f"<tr{gap}><td>{e(row.clause.key)}<br><small>{e(row.clause.clause)}</small></td>"
                    f"<td>{e(row.requirement)}</td><td>{row.level}</td><td>{row.testing}</td>"
                    f"<td>{row.tests}</td><td>{row.known_bad}</td><td>{e(_linked_by(row))}</td></tr>")
    body.append("</table>")
    body.append("<h2>Clauses no requirement serves</h2><ul>")
    body += [f"<li>{e(c.key)} ({e(c.clause)}): {e(c.gist)}. Why: {e(drawn_on(c, topics))}"
             f"<br><span lang=\"zh\">{e(c.zh)}</span></li>"
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


def _linked_by(row: Row) -> str:
    return f"topic {row.via}" if row.via else "source"
