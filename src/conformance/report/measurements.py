"""Measured values as a reader sees them: the report's ``measurement`` evidence items (a value, its
expanded uncertainty U at k = 2, the limit, the decision rule and the outcome, ILAC-G8 and GUM) as one
line each, in the run's language, for the console and the HTML report (JUnit carries the items as they
are in its failure text)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from ..messages import localize, render

#: the template of each outcome and rule (keys written out, as the message check reads them)
OUTCOMES = {"pass": "measurement.pass", "fail": "measurement.fail", "guard_band": "measurement.guard-band"}
RULES = {"simple": "measurement.simple", "guarded": "measurement.guarded"}
LABEL = "measurement.label"


#: an evidence item as recorded: parsed JSON members by name, read with narrowing
Item = Mapping[str, object]


def measurements(evidence: Iterable[Item]) -> list[Item]:
    return [item for item in evidence if item.get("kind") == "measurement"]


def within_guard_band(evidence: Iterable[Item]) -> list[Item]:
    """The measured values inside their limit that did not pass for the guard band."""
    return [item for item in measurements(evidence) if item.get("outcome") == "guard_band"]


def _finite(value: object) -> float | None:
    """A recorded number as a float; None for anything else (a boolean, a text, NaN)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _number(value: object) -> str:
    return f"{value:.4g}" if _finite(value) is not None else str(value)


def _rounded(value: object, uncertainty: object) -> tuple[str, str]:
    """(value, U) as clause 6.2 asks a report to give them (GUM, ISO/IEC Guide 98-3 7.2.6): U to at most two
    significant digits and the value to U's last digit (thirty-eighth reading, row b3: four significant digits
    each, 「1.935 ± 0.1235」 and "1235 ± 0.0123", gave digits U does not support or dropped ones it does). The
    recorded item keeps its full values; only the line a reader sees is rounded."""
    u, x = _finite(uncertainty), _finite(value)
    if u is None or u <= 0:  # no U to round to: as recorded
        return _number(value), _number(uncertainty)
    exact = Decimal(repr(u))
    place = exact.adjusted() - 1  # the exponent of U's second significant digit
    rounded = exact.quantize(Decimal(1).scaleb(place), ROUND_HALF_UP)
    if rounded.adjusted() > exact.adjusted():  # 0.0996 became 0.100: two significant digits are one place coarser
        place += 1
        rounded = exact.quantize(Decimal(1).scaleb(place), ROUND_HALF_UP)
    if x is None:
        return str(value), f"{rounded:f}"
    shown = Decimal(repr(x)).quantize(Decimal(1).scaleb(place), ROUND_HALF_UP)
    return f"{shown.copy_abs() if shown.is_zero() else shown:f}", f"{rounded:f}"  # never "-0.00"


def measurement_line(item: Item, lang: str = "en") -> str:
    """``R1 trueness of 'head': 1.93 ± 0.12 mm (k = 2); limit <= 2 mm; guarded acceptance, guard band
    0.12 mm: within the limit but within the guard band: does not pass``. A ratio's unit ("1") is left out."""
    unit = str(item.get("unit") or "")
    unit = "" if unit == "1" else f" {unit}"
    value, uncertainty = _rounded(item.get("value"), item.get("uncertainty"))
    band = item.get("guard_band", 0)  # a guard band is an uncertainty (ILAC-G8: w = U): given as U is
    decision = render(RULES.get(str(item.get("decision_rule")), RULES["simple"]),
                      {"band": _rounded(0, band)[1] if band else _number(band), "unit": unit}, lang)
    outcome = str(item.get("outcome"))
    text = item.get("quantity_text")  # a message's {key, args}, when the quantity's name is one
    return render("measurement.line", {
        "rule": item.get("rule", ""), "subject": item.get("subject", ""),
        "quantity": localize(str(item.get("quantity", "")), text if isinstance(text, Mapping) else None, lang),
        "value": value, "uncertainty": uncertainty, "unit": unit,
        "sign": "<=" if item.get("limit_kind") == "max" else ">=", "limit": _number(item.get("limit")),
        "decision": decision,
        "outcome": render(OUTCOMES[outcome], {}, lang) if outcome in OUTCOMES else outcome}, lang)


def label(lang: str = "en") -> str:
    """The word that marks a measurement item in the HTML report."""
    return render(LABEL, {}, lang)
