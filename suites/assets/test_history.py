"""Asset histories exported as NDJSON (one lifecycle event per line): issue -> transfer* ->
burn, linked into a hash chain per asset, and transfers that respect the metadata's rules."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Targets, discarding, msg
from conformance.area import SchemaRegistry
from conformance.areas.assets.hashchain import TransferRule
from conformance.areas.assets.history import HistoryPass, judge_histories


@pytest.fixture(scope="module")
def history(targets: Targets, schemas: SchemaRegistry) -> HistoryPass:
    """The history exports read once (decoded, validated, replayed) for both requirements;
    findings are kept, not recorded: each test records its own."""
    rules: dict[str, TransferRule] = {}
    if "asset_metadata" in targets:
        # Unreadable metadata is reported by AS-HIST-002 itself when it reads the rules.
        with discarding():
            rules = transfer_rules(targets["asset_metadata"])
    return judge_histories(targets["asset_history"], schemas, rules)


@pytest.mark.requirement("AS-HIST-001")
def test_asset_history_is_a_valid_chain(history, evidence: Evidence):
    unread(history, evidence)
    evidence.findings_from(history.record_findings, rule="R1")  # a line that is no valid event
    for found in history.chain_findings:  # a broken link is R3's; any other break of the lifecycle R2's
        evidence.findings_from([found], rule="R3" if (found.pointer or "").endswith("/prev_hash") else "R2")
    ledger = history.ledger
    if ledger.events_seen == 0 and not evidence.findings_count and not history.refused:
        raise Inconclusive(msg("assets.history-empty"))
    evidence.note(msg("assets.history-replayed", events=ledger.events_seen, assets=len(ledger.assets)))


def unread(history: HistoryPass, evidence: Evidence) -> None:
    """The history files the test equipment refused to read: cannot be obtained, unjudged."""
    for name, why in history.refused.items():
        evidence.unjudged(name, why)


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
def test_transfers_respect_transfer_rules(targets: Targets, history, evidence: Evidence):
    rules = transfer_rules(targets["asset_metadata"])
    if not any(r.locked or r.min_holding_period_s for r in rules.values()):
        raise NotApplicable(msg("assets.no-transfer-rule"))
    # The same reading as AS-HIST-001's (chain defects are its findings, not these).
    unread(history, evidence)
    ledger = history.ledger
    for found in ledger.rule_findings:  # a locked asset moved (R1), or one moved too soon (R2)
        evidence.findings_from([found], rule="R2" if (found.pointer or "").endswith("/time") else "R1")
    ruled = sorted(set(rules) & set(ledger.assets))
    evidence.note(msg("assets.transfer-rules-checked", count=len(ruled)))
    if not ruled and not evidence.findings_count:
        raise NotApplicable(msg("assets.ruled-not-in-history"))
