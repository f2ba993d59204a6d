"""Measured values as a reader sees them: the report's ``measurement`` evidence items (a value, its
expanded uncertainty U at k = 2, the limit, the decision rule and the outcome, ILAC-G8 and GUM) as one
line each, in the run's language, for the console and the HTML report (JUnit carries the items as they
are in its failure text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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


def _number(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def measurement_line(item: Item, lang: str = "en") -> str:
    """``R1 trueness of 'head': 1.93 ± 0.12 mm (k = 2); limit <= 2 mm; guarded acceptance, guard band
    0.12 mm: within the limit but within the guard band: does not pass``. A ratio's unit ("1") is left out."""
    unit = str(item.get("unit") or "")
    unit = "" if unit == "1" else f" {unit}"
    decision = render(RULES.get(str(item.get("decision_rule")), RULES["simple"]),
                      {"band": _number(item.get("guard_band", 0)), "unit": unit}, lang)
    outcome = str(item.get("outcome"))
    text = item.get("quantity_text")  # a message's {key, args}, when the quantity's name is one
    return render("measurement.line", {
        "rule": item.get("rule", ""), "subject": item.get("subject", ""),
        "quantity": localize(str(item.get("quantity", "")), text if isinstance(text, Mapping) else None, lang),
        "value": _number(item.get("value")), "uncertainty": _number(item.get("uncertainty")), "unit": unit,
        "sign": "<=" if item.get("limit_kind") == "max" else ">=", "limit": _number(item.get("limit")),
        "decision": decision,
        "outcome": render(OUTCOMES[outcome], {}, lang) if outcome in OUTCOMES else outcome}, lang)


def label(lang: str = "en") -> str:
    """The word that marks a measurement item in the HTML report."""
    return render(LABEL, {}, lang)
