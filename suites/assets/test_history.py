"""Asset histories: issue -> transfer* -> burn, linked into a hash chain per asset."""

import pytest

from conformance import Inconclusive
from conformance.checks.hashchain import Ledger

HISTORY_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-history.json"


@pytest.mark.requirement("AS-HIST-001")
def test_asset_history_is_a_valid_chain(targets, schemas, evidence):
    ledger = Ledger()
    for doc in targets["asset_history"].documents():
        evidence.findings_from(schemas.findings(doc.data, HISTORY_SCHEMA), file=doc.name)
        for broken in ledger.replay(doc.name, doc.data):
            evidence.finding(broken.message, file=broken.file, pointer=broken.pointer,
                             expected=broken.expected, actual=broken.actual)
    if ledger.events_seen == 0 and not evidence.findings_count:
        raise Inconclusive("the history files hold no lifecycle events to check")
    evidence.note(f"replayed {ledger.events_seen} event(s) of {len(ledger.assets)} asset(s)")
