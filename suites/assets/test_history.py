"""Asset histories exported as NDJSON (one lifecycle event per line): issue -> transfer* ->
burn, linked into a hash chain per asset, and transfers that respect the metadata's rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conformance import Inconclusive, NotApplicable
from conformance.checks.assets.hashchain import Ledger, TransferRule
from conformance.codecs.ndjson import read_lines

EVENT_SCHEMA = "https://metaverse-conformance.org/schemas/assets/lifecycle-event.json"


def _events(files: Any, schemas: Any, evidence: Any) -> Iterator[tuple[str, int, str, Any]]:
    """(file, line, "", event) for every event of every history file; bad lines are findings."""
    for path in files.files():
        name = files.display_name(path)
        with files.open(path) as stream:
            for line in read_lines(stream, what=name):
                if line.error is not None:
                    evidence.finding(line.error, file=name, line=line.number)
                    continue
                evidence.findings_from(schemas.findings(line.value, EVENT_SCHEMA), file=name, line=line.number)
                yield name, line.number, "", line.value


@pytest.mark.requirement("AS-HIST-001")
def test_asset_history_is_a_valid_chain(targets, schemas, evidence):
    ledger = Ledger()
    evidence.findings_from(ledger.replay_events(_events(targets["asset_history"], schemas, evidence)))
    if ledger.events_seen == 0 and not evidence.findings_count:
        raise Inconclusive("the history files hold no lifecycle events to check")
    evidence.note(f"replayed {ledger.events_seen} event(s) of {len(ledger.assets)} asset(s)")


def transfer_rules(metadata_files: Any) -> dict[str, TransferRule]:
    """asset_id -> the transfer rule its metadata sets (malformed rules are AS-META-001's)."""
    rules: dict[str, TransferRule] = {}
    for doc in metadata_files.documents():
        data = doc.data if isinstance(doc.data, dict) else {}
        rule, asset_id = data.get("transfer"), data.get("asset_id")
        if not isinstance(rule, dict) or not isinstance(asset_id, str):
            continue
        period = rule.get("min_holding_period_s", 0)
        rules[asset_id] = TransferRule(
            locked=rule.get("locked") is True,
            min_holding_period_s=period if isinstance(period, int) and not isinstance(period, bool) else 0,
            source=f"{doc.name}#/transfer",
        )
    return rules


@pytest.mark.requirement("AS-HIST-002")
def test_transfers_respect_transfer_rules(targets, schemas, evidence):
    rules = transfer_rules(targets["asset_metadata"])
    if not any(r.locked or r.min_holding_period_s for r in rules.values()):
        raise NotApplicable("no asset metadata sets a transfer rule (transfer.locked or "
                            "transfer.min_holding_period_s): there is nothing to hold transfers to")
    ledger = Ledger(rules)
    # Chain defects are AS-HIST-001's; only broken transfer rules are findings here.
    ledger.replay_events(_events(targets["asset_history"], schemas, _Quiet()))
    evidence.findings_from(ledger.rule_findings)
    ruled = sorted(set(rules) & set(ledger.assets))
    evidence.note(f"checked the transfers of {len(ruled)} asset(s) with transfer rules")
    if not ruled and not evidence.findings_count:
        raise NotApplicable("no asset with a transfer rule appears in the history")


class _Quiet:
    """An evidence sink for the second reading of a history (its findings are elsewhere)."""

    findings_count = 0

    def finding(self, *args: Any, **kwargs: Any) -> None:
        pass

    def findings_from(self, findings: Any, **kwargs: Any) -> int:
        return 0
