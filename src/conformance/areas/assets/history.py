"""One pass over asset history exports (NDJSON): each line decoded, validated against the
lifecycle-event schema and replayed into the hash chain once, for every check that needs
it (AS-HIST-001 the chain, AS-HIST-002 the transfer rules).

A history can hold millions of events, so the per-event cost is what matters: orjson
decodes, the compiled validator (:mod:`conformance._catalog.compiled`) decides in a few µs and
python-jsonschema explains only the events it rejects, and the event's hash is taken in
the same step as its link is checked (:mod:`.hashchain`). Memory stays that of the
ledger: one state per asset, not per event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from conformance import FileRefused, Finding, reason
from conformance.area import SchemaRegistry, compiled

from ...codecs.ndjson import read_lines
from .hashchain import Ledger, TransferRule

if TYPE_CHECKING:
    from conformance import FileTarget

EVENT_SCHEMA = "https://metaverse-conformance.org/schemas/assets/lifecycle-event.json"


@dataclass
class HistoryPass:
    """What one reading of the history exports found."""

    ledger: Ledger
    record_findings: list[Finding] = field(default_factory=list)  # unreadable lines, schema violations
    chain_findings: list[Finding] = field(default_factory=list)  # broken links, ownership, order
    #: file -> why the test equipment would not read it (its cap, access refused): each test
    #: reading this pass leaves it unjudged, never a finding (its content is unknown).
    refused: dict[str, str] = field(default_factory=dict)


def judge_histories(files: FileTarget, schemas: SchemaRegistry,
                    rules: dict[str, TransferRule] | None = None) -> HistoryPass:
    """Read every history file of a file target once; ``rules`` are the metadata's
    transfer rules (their breaches land in ``ledger.rule_findings``)."""
    ledger = Ledger(rules)
    result = HistoryPass(ledger)
    validator = compiled(schemas)
    for path in files.files():
        name = files.display_name(path)
        try:
            stream = files.open(path)
        except FileRefused as exc:
            result.refused[name] = reason(exc)
            continue
        with stream:
            for line in read_lines(stream, what=name):
                if line.error is not None:
                    result.record_findings.append(Finding(line.error, file=name, line=line.number))
                    continue
                for found in validator.findings(line.value, EVENT_SCHEMA):
                    result.record_findings.append(replace(
                        found, file=found.file or name, line=found.line if found.line is not None else line.number))
                result.chain_findings.extend(ledger.step(name, line.number, "", line.value))
    return result
