"""A measured requirement's values judged by the decision rule its catalog entry states.

Each judged quantity becomes a :class:`~conformance.areas._shared.uncertainty.Measurement`: its value,
its expanded uncertainty (type A from the sample's statistic, type B from the measuring stream's
``instrument.uncertainty`` when declared) and its outcome under the requirement's rule. The check keeps
its own finding for ``fail``; a value within the limit but within the guard band gets this module's
finding ("within the guard band"), so the verdict follows the rule. The report holds, per subject and
quantity, every measurement that did not pass and the one that came nearest its acceptance limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Literal

from conformance import Evidence, Message, msg

from .._shared.uncertainty import DecisionRule, Declared, LimitKind, Measurement, Outcome, declared
from .._shared.uncertainty import rule_of as rule_of  # the rule the catalog states (re-exported for the suites)
from .model import finding

if TYPE_CHECKING:
    from conformance.area import JsonObject

    from .model import StreamStats
    from .payloads import PlatformState


def instrument_of(spec: JsonObject, member: str) -> Declared | None:
    """The stated uncertainty of the instrument a stream declares in ``member`` (None: none declared)."""
    held = spec.get(member)
    return declared(held.get("instrument")) if isinstance(held, dict) else None


#: one of the instrument's unit (first) in the judged unit (second): a rig stating metres judged in mm
_SCALE = {("m", "mm"): 1e3, ("mm", "m"): 1e-3, ("s", "ms"): 1e3, ("ms", "s"): 1e-3, ("rad", "deg"): 180 / math.pi,
          ("deg", "rad"): math.pi / 180, ("uV", "mV"): 1e-3, ("mV", "uV"): 1e3}
#: spellings of one unit
_SAME = {"degree": "deg", "degrees": "deg", "°": "deg", "µV": "uV", "μV": "uV"}


def type_b(stated: Declared | None, reading: float, unit: str) -> tuple[float, bool]:
    """The standard uncertainty (type B) of one ``reading`` in ``unit`` from an instrument's stated one,
    and whether one applies: none stated, or stated in a unit that is not ``unit``'s (nor converts to it),
    gives (0, False), and the value is then reported as judged on type A only."""
    if stated is None:
        return 0.0, False
    if stated.unit == "%":
        return stated.standard(reading), True
    have, want = _SAME.get(stated.unit, stated.unit), _SAME.get(unit, unit)
    scale = 1.0 if have == want else _SCALE.get((have, want))
    return (stated.value / stated.k * scale, True) if scale is not None else (0.0, False)


def _margin(m: Measurement) -> float:
    """How far inside its acceptance limit a value is (negative: beyond it)."""
    edge = m.limit - m.guard_band if m.limit_kind == "max" else m.limit + m.guard_band
    return edge - m.value if m.limit_kind == "max" else m.value - edge


class _Given(Enum):
    NOT = 0  # the caller handed no ``stated``: the value takes no instrument's type B from it


#: handed as ``stated`` where a list of values gives some a type B and others none (TD-PERF-004's orientation)
NO_TYPE_B: Literal[_Given.NOT] = _Given.NOT


@dataclass
class Judge:
    """Judges one requirement's measured quantities in one file, and records them."""

    evidence: Evidence
    requirement: str
    decision: DecisionRule
    file: str
    _worst: dict[tuple[str | None, str, str], Measurement] = field(default_factory=dict)
    _untyped: set[tuple[str | None, str, str]] = field(default_factory=set)

    def __call__(self, rule: str | None, quantity: str, subject: str, value: float, unit: str, limit: float,
                 limit_kind: LimitKind, *, u_a: float = 0.0, u_b: float = 0.0, instrument: bool | None = None,
                 stated: Declared | None | Literal[_Given.NOT] = _Given.NOT,
                 b_from: Declared | None | Literal[_Given.NOT] = _Given.NOT,
                 where: dict[str, object] | None = None) -> Outcome:
        """The outcome of one value; a guard-band one recorded here as a finding at ``where``
        (the finding's members: stream, line, t, pointer), a failing one left to the caller. ``stated``:
        the measuring instrument's declared uncertainty, giving ``u_b`` of the value (:func:`type_b`).

        A value whose U the criterion combines with the instrument's type B (the caller hands ``stated``, or
        ``b_from`` with a ``u_b`` of its own) while the instrument declares no uncertainty (either None) cannot
        pass on type A alone (issue 76, seventy-sixth reading, h142-gaze): it is recorded unjudged, the result at best
        inconclusive; one beyond its limit, or within a guard band U of type A alone already reaches, still fails, a
        larger U only widening the band. An uncertainty stated in another unit is the instrument's for the values of
        that unit (:func:`type_b`), as the criterion's rules say.
        """
        # handed, and the instrument declares no uncertainty at all (``b_from``: the declaration a ``u_b`` the caller
        # derives itself comes from)
        undeclared = stated is None or b_from is None
        if stated is not _Given.NOT:
            u_b, instrument = type_b(stated, value, unit)
        instrument = bool(instrument)
        # a quantity named by a template (msg(...)): its English words in the item, its text beside them
        named = quantity.text() if isinstance(quantity, Message) else None
        m = Measurement(self.requirement, rule, str.__str__(quantity), subject, float(value), unit, float(u_a),
                        float(u_b), instrument, float(limit), limit_kind, self.decision, named)
        outcome = m.outcome
        if outcome == "pass" and undeclared:
            self._unjudged(rule, quantity, subject)
        if outcome == "pass":
            key = (rule, quantity, subject.partition("@")[0])  # "stream@t": a step of the stream
            if key not in self._worst or _margin(m) < _margin(self._worst[key]):
                self._worst[key] = m
            return outcome
        self.evidence.measurement({**m.item(), "file": self.file})
        if outcome == "guard_band":
            sign = "<=" if limit_kind == "max" else ">="
            accept = limit - m.guard_band if limit_kind == "max" else limit + m.guard_band
            finding(self.evidence, msg("terminal.guard-band", rule=rule or self.requirement, quantity=quantity, subject=subject,
                                       value=m.value, u=m.uncertainty, unit=unit, sign=sign, limit=limit,
                                       accept=accept),
                    file=self.file, **(where or {}), rule=rule, actual=round(m.value, 6),
                    expected=f"{sign} {accept:.4g} {unit} (guard band {m.guard_band:.3g})")
        return outcome

    def _unjudged(self, rule: str | None, quantity: str, subject: str) -> None:
        """Record, once per rule, quantity and stream, a value left unjudged for want of the instrument's type B."""
        key = (rule, str.__str__(quantity), subject.partition("@")[0])
        if key in self._untyped:
            return
        self._untyped.add(key)
        self.evidence.unjudged(self.file, msg("terminal.instrument-uncertainty-undeclared", file=self.file,
                                              rule=rule or self.requirement, quantity=quantity, subject=subject))

    def close(self) -> None:
        """Record, per rule, quantity and subject that only passed, the value nearest its acceptance limit."""
        for m in self._worst.values():
            self.evidence.measurement({**m.item(), "file": self.file})
        self._worst.clear()


def judge_comfort(judge: Judge, stats: StreamStats, state: PlatformState, acceleration_limit: float,
                  jerk_limit: float) -> None:
    """TD-MPLAT-002's peak acceleration and jerk of one stream. A peak is one reading (no type A); type B
    from the instrument's stated uncertainty u(v) of one velocity reading, frames 1 / rate apart: an
    acceleration, a difference of two velocities, carries sqrt(2) u(v) rate, a jerk, a second difference
    (v3 - 2 v2 + v1), sqrt(6) u(v) rate^2. Without a stated velocity uncertainty a passing value is left
    unjudged (``b_from``); without a declared rate it is judged on type A only."""
    stated = declared(stats.spec.get("measured_by"))
    u_v, known = type_b(stated, 0.0, "m/s")
    rate = stats.rate_hz or 0.0
    known = known and rate > 0
    for extreme, limit, unit, key, factor in (
            (state.acceleration, acceleration_limit, "m/s^2", "terminal.quantity-platform-acceleration",
             2 ** 0.5 * rate),
            (state.jerk, jerk_limit, "m/s^3", "terminal.quantity-platform-jerk", 6 ** 0.5 * rate ** 2)):
        if extreme.count and extreme.where is not None:
            judge(None, msg(key), stats.id, extreme.value, unit, limit, "max", u_a=0.0,
                  u_b=u_v * factor if known else 0.0, instrument=known, b_from=stated,
                  where={"stream": stats.id, **extreme.where})

