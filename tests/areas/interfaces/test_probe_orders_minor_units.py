"""Probe orders priced in the smallest units of their currency (seventy-eighth reading, h144-iface, b4 and its
class): IF-AUTH-001 placed B's order at a fixed 1.00 in the first declared currency, which a platform declaring JPY
first (no minor unit, ISO 4217) rightly refuses, leaving the order operations unprobed; IF-CODE-003, AS-MINOR-001,
IF-RISK-001 and IF-RISK-004 ordered at the same 1.00 and judged the refusal of the amount as if it were the one they
look for (or its absence). Every probe order now goes through ``probe_price``, as the trade cases' (h97-trade)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

def test_no_check_sends_an_amount_written_by_hand():
    """The class: an amount sent to a platform written as a literal (``"amount": "1.00"``) in any suite or area
    module; a probe amount is ``probe_price``'s (or ``in_minor_units``'), in the currency's own decimal places."""
    modules = [*ROOT.glob("suites/*/*.py"), *ROOT.glob("src/conformance/areas/**/*.py")]
    written = [str(path.relative_to(ROOT)) for path in modules if "fixtures" not in path.parts
               and re.search(r'"amount":\s*(?:"\d|f")', path.read_text(encoding="utf-8"))]
    assert written == []

