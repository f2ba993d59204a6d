"""A measured value's expanded uncertainty (GUM, ISO/IEC Guide 98-3) and the decision rule that
judges it against a limit (ILAC-G8:09/2019, ISO/IEC Guide 98-4).

Two components, combined in quadrature (GUM 5.1.2, the inputs taken as uncorrelated):

- type A (GUM 4.2), the standard uncertainty of the statistic actually compared, from the sample
  it was computed over. Each statistic has its own estimate, named by the function that gives it:
  the mean ``s / sqrt(n)`` (:func:`u_mean`, GUM 4.2.3); the median ``sqrt(pi / 2) * s / sqrt(n)``
  (:func:`u_median`, its large-sample variance for a normal population); the root mean square, by
  the delta method ``sd(x**2) / (2 * rms * sqrt(n))`` (:func:`u_rms`); a percentile, distribution
  free, from the order statistics one binomial standard deviation of ranks either side of it,
  half their distance (:func:`u_percentile`); a standard deviation ``s / sqrt(2 (n - 1))``
  (:func:`u_std`); a share of trials, binomial ``sqrt(p (1 - p) / n)`` (:func:`u_proportion`); a rate
  of events, Poisson ``sqrt(count) / exposure`` (:func:`u_rate`). An extreme (a peak, a largest
  error) has no type A estimate from its own sample: it is one reading, and only type B applies
  (:data:`ONE_READING`).
- type B (GUM 4.3), the instrument's: the expanded uncertainty of one reading its calibration
  certificate states, ``{"value", "unit", "k"}`` (a capture's ``instrument.uncertainty``), divided
  by its ``k``; a ``"%"`` one is a share of the reading it applies to.

The expanded uncertainty is ``U = k * sqrt(u_A**2 + u_B**2)`` with ``k = 2`` (about 95 % for a
normal distribution, GUM 6.2). The decision rule (ILAC-G8 4.2): simple acceptance (guard band
``w = 0``: pass when the value is within the tolerance limit) or guarded acceptance (``w = U``:
pass only within the acceptance limit ``limit - w`` of a maximum, ``limit + w`` of a minimum). A
value within the tolerance limit but beyond the acceptance limit is ``guard_band``: under a binary
statement (ILAC-G8 4.2.2), which a verdict of conformance is, it does not pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from conformance import Catalog

#: the coverage factor of every expanded uncertainty a verdict reports (GUM 6.2.1)
K = 2.0
#: the type A of a statistic that is one reading (a peak): none from its own sample
ONE_READING = 0.0
#: sqrt(pi / 2): a normal sample's median's standard deviation over its mean's (large n)
MEDIAN_EFFICIENCY = math.sqrt(math.pi / 2)

Outcome = Literal["pass", "fail", "guard_band"]
LimitKind = Literal["max", "min"]
RuleKind = Literal["simple", "guarded"]


def _finite(samples: object) -> np.ndarray:
    x = np.asarray(samples, dtype=np.float64).ravel()
    return x[np.isfinite(x)]


def u_mean_of(std: float, n: int) -> float:
    """The standard uncertainty of a mean of ``n`` readings whose sample standard deviation is ``std``."""
    return float(std) / math.sqrt(n) if n > 1 and math.isfinite(std) else 0.0


def u_mean(samples: object) -> float:
    """Of the sample's mean: s / sqrt(n) (GUM 4.2.3); 0 for fewer than two readings."""
    x = _finite(samples)
    return u_mean_of(float(np.std(x, ddof=1)), len(x)) if len(x) > 1 else 0.0


def u_median(samples: object) -> float:
    """Of the sample's median: sqrt(pi / 2) * s / sqrt(n)."""
    return MEDIAN_EFFICIENCY * u_mean(samples)


def u_std_of(std: float, n: int) -> float:
    """Of a sample standard deviation ``std`` of ``n`` readings: s / sqrt(2 (n - 1))."""
    return float(std) / math.sqrt(2 * (n - 1)) if n > 1 and math.isfinite(std) else 0.0


def u_std(samples: object) -> float:
    """Of the sample's standard deviation."""
    x = _finite(samples)
    return u_std_of(float(np.std(x, ddof=1)), len(x)) if len(x) > 1 else 0.0


def u_rms(samples: object) -> float:
    """Of the sample's root mean square r = sqrt(mean(x**2)): by the delta method,
    sd(x**2) / sqrt(n) / (2 r); 0 when r is 0 or fewer than two readings."""
    x = _finite(samples)
    if len(x) < 2:
        return 0.0
    squares = x * x
    rms = math.sqrt(float(squares.mean()))
    return u_mean(squares) / (2 * rms) if rms > 0 else 0.0


def u_percentile(samples: object, percent: float) -> float:
    """Of the sample's ``percent`` percentile, distribution free: half the distance between the
    order statistics at ranks n p -/+ sqrt(n p (1 - p)) (a binomial standard deviation of ranks)."""
    x = np.sort(_finite(samples))
    n = len(x)
    if n < 2:
        return 0.0
    p = min(max(percent / 100.0, 0.0), 1.0)
    spread = math.sqrt(n * p * (1 - p))
    low = int(np.clip(math.floor(n * p - spread), 0, n - 1))
    high = int(np.clip(math.ceil(n * p + spread), 0, n - 1))
    return float(x[high] - x[low]) / 2


def u_proportion(successes: int, n: int) -> float:
    """Of a share ``successes / n`` of trials: the binomial standard deviation sqrt(p (1 - p) / n)
    (0 at p = 0 or 1, where the Wald estimate says nothing more; 0 without trials)."""
    if n <= 0:
        return 0.0
    p = min(max(successes / n, 0.0), 1.0)
    return math.sqrt(p * (1 - p) / n)


def u_rate(count: int, exposure: float) -> float:
    """Of a rate ``count / exposure`` of independent events: the Poisson sqrt(count) / exposure."""
    return math.sqrt(max(count, 0)) / exposure if exposure > 0 else 0.0


@dataclass(frozen=True)
class Declared:
    """An instrument's stated expanded uncertainty of one reading (a capture's ``instrument.uncertainty``)."""

    value: float
    unit: str
    k: float

    def standard(self, reading: float) -> float:
        """u_B of one ``reading`` (in the instrument's unit): value / k, a ``%`` one of the reading."""
        u = self.value / self.k
        return abs(reading) * u / 100.0 if self.unit == "%" else u


def declared(instrument: object) -> Declared | None:
    """The ``uncertainty`` an instrument declaration states, when it is a usable one: a positive
    finite ``value``, a ``unit`` and a positive ``k``; else None (then type A alone applies)."""
    stated = instrument.get("uncertainty") if isinstance(instrument, dict) else None
    if not isinstance(stated, dict):
        return None
    value, unit, k = stated.get("value"), stated.get("unit"), stated.get("k", K)

    def number(v: object) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v > 0

    if not (number(value) and number(k) and isinstance(unit, str) and unit.strip()):
        return None
    return Declared(float(value), unit.strip(), float(k))  # type: ignore[arg-type]


def expanded(u_a: float, u_b: float = 0.0) -> float:
    """U = k * sqrt(u_A**2 + u_B**2), k = 2."""
    return K * math.hypot(u_a, u_b)


@dataclass(frozen=True)
class DecisionRule:
    """ILAC-G8's rules: ``simple`` (w = 0) or ``guarded`` (w = U)."""

    kind: RuleKind = "simple"

    def guard_band(self, uncertainty: float) -> float:
        return uncertainty if self.kind == "guarded" else 0.0


def rule_of(catalog: Catalog, requirement: str) -> DecisionRule:
    """The decision rule the catalog states for ``requirement`` (simple when it states none): a check judges by the
    rule its test case states, read from the one entry both are written from."""
    stated = catalog.requirement(requirement).decision_rule
    return DecisionRule(stated.kind) if stated is not None else DecisionRule()


def decide(value: float, limit: float, limit_kind: LimitKind, rule: DecisionRule, uncertainty: float) -> Outcome:
    """``pass`` within the acceptance limit (the tolerance limit moved inward by the guard band),
    ``fail`` beyond the tolerance limit, ``guard_band`` between the two. A NaN value fails."""
    w = rule.guard_band(uncertainty)
    if limit_kind == "max":
        inside, accepted = value <= limit, value <= limit - w
    else:
        inside, accepted = value >= limit, value >= limit + w
    if accepted:
        return "pass"
    return "guard_band" if inside else "fail"


@dataclass(frozen=True)
class Measurement:
    """One judged quantity with its uncertainty and outcome: the report's ``measurement`` item."""

    requirement: str
    rule: str | None  # None: the requirement lists no rules (its statement is the one judged)
    quantity: str
    subject: str
    value: float
    unit: str
    u_a: float
    u_b: float
    instrument_declared: bool
    limit: float
    limit_kind: LimitKind
    decision: DecisionRule
    #: the quantity's name as a message template's text (key, args), to show it in the report's language
    quantity_text: dict[str, object] | None = None

    @property
    def uncertainty(self) -> float:
        return expanded(self.u_a, self.u_b)

    @property
    def guard_band(self) -> float:
        return self.decision.guard_band(self.uncertainty)

    @property
    def outcome(self) -> Outcome:
        return decide(self.value, self.limit, self.limit_kind, self.decision, self.uncertainty)

    def item(self) -> dict[str, object]:
        """The evidence item (interface 2), numbers rounded to 6 significant digits."""
        def r(v: float) -> float:
            return float(f"{v:.6g}")
        return {"requirement": self.requirement, **({"rule": self.rule} if self.rule else {}), "quantity": self.quantity,
                "subject": self.subject, "value": r(self.value), "unit": self.unit,
                "uncertainty": r(self.uncertainty), "k": K, "limit": r(self.limit), "limit_kind": self.limit_kind,
                "decision_rule": self.decision.kind, "guard_band": r(self.guard_band), "outcome": self.outcome,
                "u_a": r(self.u_a), "u_b": r(self.u_b),
                "basis": "type A and B" if self.instrument_declared else "type A only",
                **({"quantity_text": self.quantity_text} if self.quantity_text else {})}
