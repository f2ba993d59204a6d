"""The registry against a model of its ledger, driven by random operation sequences.

A hypothesis ``RuleBasedStateMachine`` issues, transfers, burns, locks and unlocks assets
as several harness identities, predicts every answer with :class:`LedgerModel`, and after
every step compares the state of the assets the step acted on, and the listings of the
identities it involved, with the model (AS-REG-005); :mod:`.trading_stateful` extends it to
trading (AS-TRADE-007). A failing sequence is shrunk by hypothesis; the shortest one is
reported with its exact requests.

Each step is planned, then sent (:func:`planned`): the machine hypothesis drives plays each rule
on its model alone (what it would send, the status the model predicts), and a second machine
sends the planned steps, each followed by the reads that check it. The draws depend on the model
only (an order's ID is the target's, but orders are picked by position), so the requests are
those of a machine sending as it draws, step by step, in the same order. Once a sequence has
departed, hypothesis shrinks it, trying hundreds of variants, most of them replaying steps the
target has already answered as predicted, many then running out of drawn choices: a variant is
sent only from its first step no sequence sent before was answered as predicted at (it is then
sent from its start, on a fresh machine); one that never reaches such a step is not sent at all,
as hypothesis does not run again a variant it ran (:meth:`.sequences.Sequences.answered`). A
step that ever departed is always sent, so a departure is always shown as sent (hypothesis's
last replay of it too). A read after a step answered with a server error leaves the
run unjudged, naming AS-REG-001 (which judges those reads), not failed. Examples, steps and the seed are profile parameters
(recorded in the report). Requests go through :class:`.sequences.Recorded`: a connection that
fails before an answer, and a sequence answered differently when hypothesis replays it, are
judged with their evidence, never an error.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from hypothesis import HealthCheck, Phase, Verbosity, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky, HypothesisException
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from conformance import Message, TargetUnreachable, alternatives, discarding, msg

from .._shared.registry import Identity, Registry, Session, metadata
from .ledger import LedgerModel, ModelAsset
from .._shared.dependent import served_body, unread
from .sequences import (Divergence, NoAnswer, Recorded, Run, Sequences, Unserved, answered_differently,
                        departure_message, served, shown_steps)

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import JsonObject, JsonValue, Response

    from .._shared.registry import IssueRules

YEAR_S = 365 * 24 * 3600
MAX_ASSETS = 2
#: Who judges how the reads after each step (state, listing, history) are served.
READS_JUDGED_BY = "AS-REG-001"
RULES: dict[str, IssueRules] = {"plain": {}, "nontransferable": {"locked": True}, "holding": {"holding_s": YEAR_S}}


class Modelled(Protocol):
    """A machine as its preconditions read it: the model of the registry it predicts."""

    @property
    def model(self) -> LedgerModel: ...


class Planning(Protocol):
    """A machine as :func:`planned` reads it."""

    live: bool
    within_step: bool
    plan: list[tuple[Callable[..., None], dict[str, object], tuple[str, ...]]]
    planned_sends: list[str]

    def send_plan(self) -> None: ...


@dataclass(frozen=True)
class Predicted:
    """A planned request's answer: the status the model predicts (nothing was sent)."""

    status: int


def planned(step: Callable[..., None]) -> Callable[..., None]:
    """A rule as hypothesis calls it: played on the planning machine's model, kept with its
    arguments, then sent when it must be (see the module's docstring). A rule another rule calls
    is part of the caller's step, not one of its own; the sending machine runs rules as written."""

    @functools.wraps(step)
    def rule_step(self: Planning, *called: object, **arguments: object) -> None:
        if self.live or self.within_step:
            step(self, *called, **arguments)
            return
        self.within_step = True
        try:
            step(self, **arguments)
        finally:
            self.within_step = False
        self.plan.append((step, arguments, tuple(self.planned_sends)))
        self.planned_sends.clear()
        self.send_plan()

    return rule_step


def machine_for(s: Session, lock: bool, log: Sequences) -> type[RuleBasedStateMachine]:
    ids = s.ids
    registry = Registry(Recorded(s.registry.api, log))
    who_st = st.sampled_from(range(len(ids)))
    # Mostly act on a live asset as its holder (the model knows both), or else on any asset
    # as any identity: random choices alone would spend most steps on refusals.
    holder_st = st.sampled_from([True, True, True, False])
    pick_st = st.integers(min_value=0, max_value=MAX_ASSETS - 1)

    def has_assets(self: Modelled) -> bool:
        return bool(self.model.assets)

    class RegistryMachine(RuleBasedStateMachine):
        def __init__(self, sends: Run | None = None) -> None:
            """The machine hypothesis drives, which plans; with ``sends``, the machine that sends
            that run's steps."""
            super().__init__()
            self.model = LedgerModel()
            self.run = log.start() if sends is None else sends
            self.live = sends is not None
            self.sender: RegistryMachine | None = None
            self.plan: list[tuple[Callable[..., None], dict[str, object], tuple[str, ...]]] = []
            self.planned_sends: list[str] = []  # what the step being planned sends, as text
            self.within_step = False
            self.steps = self.run.steps
            self.planned_ids = 0
            self.touched: set[str] = set()  # assets and identities the last step involved,
            self.involved: set[int] = set()  # checked after it (requests are costly)
            self.probed_unknown = False
            self.outer = sys.exc_info()[1]  # what was being handled when hypothesis started this run

        def teardown(self) -> None:
            # hypothesis calls this from a ``finally``: what a step or check raised is the
            # exception being handled then (none raised, it is the one of __init__)
            raised = sys.exc_info()[1]
            log.ended(self.run, raised if raised is not self.outer else None)

        def send_plan(self) -> None:
            """The step just planned sent, with the reads that check it; first the steps before
            it, on a fresh machine, when they were not sent (see the module's docstring)."""
            signature = tuple(sends for _, _, sends in self.plan)
            if self.sender is None:
                if log.answered(signature):
                    return
                self.sender = type(self)(self.run)
            for index in range(len(self.run.planned), len(self.plan)):
                step, arguments, _ = self.plan[index]
                self.run.planned.append(signature[index])
                step(self.sender, **arguments)
                self.sender.checks()
                log.as_predicted(self.run)

        def checks(self) -> None:
            """What is read after each step (in hypothesis's order of invariants: by name)."""
            self.listings_match_model()
            self.state_matches_model()

        def new_id(self, label: str) -> str:
            """A new asset ID; while planning, one of the plan's own (the target never sees it)."""
            if self.live:
                return s.new_id(label)
            self.planned_ids += 1
            return f"planned-{label}-{self.planned_ids}"

        def choose(self, pick: int, who: int, as_holder: bool) -> tuple[str, int]:
            """An asset (live first when acting as its holder) and who acts on it."""
            live = [a for a, m in self.model.assets.items() if not m.burned]
            pool = live if as_holder and live else list(self.model.assets)
            asset_id = pool[pick % len(pool)]
            owner = self.model.assets[asset_id].owner
            dids = [i.did for i in ids]
            return asset_id, dids.index(owner) if as_holder and owner in dids else who

        def send(self, what: Message, call: Callable[[], Response], allowed: frozenset[int], who: Identity | None,
                 touched: tuple[str, ...] = (), involved: tuple[int, ...] = (), body: JsonValue = None) -> Response:
            """``call()`` (a request that changes state) as the next step; its response, when the
            model predicted its status. While planning, the predicted status, nothing sent."""
            self.touched, self.involved = set(touched), set(involved)
            if not self.live:
                self.planned_sends.append(repr((getattr(what, "key", ""), str(what), body, sorted(allowed),
                                                 sorted(touched), sorted(involved))))
                return Predicted(min(allowed))  # type: ignore[return-value]
            step: JsonObject = {"step": len(self.steps) + 1, "request": None, "as": who.name if who else None,
                                "json": body, "what": what, "status": None, "expected": [*sorted(allowed)]}
            self.steps.append(step)
            try:
                response = call()
            except NoAnswer as exc:
                step.update(request=exc.request, error=exc.error)
                raise Divergence(msg("assets.stateful-step-no-answer", step=step["step"], what=what,
                                     problem=exc.args[0])) from None
            step.update(request=response.requested, status=response.status)
            if response.status not in allowed:
                raise Divergence(msg("assets.stateful-step-status", step=step["step"], what=what,
                                     status=response.status, expected=alternatives(sorted(allowed))))
            return response

        # Few live assets at a time, so that steps pile up on the same asset (long lives find more).
        @precondition(lambda self: sum(not m.burned for m in self.model.assets.values()) < MAX_ASSETS)
        @rule(who=who_st, kind=st.sampled_from(["plain", "plain", "plain", "nontransferable", "holding"]))
        @planned
        def issue(self, who: int, kind: str) -> None:
            asset_id = self.new_id(kind)
            data = metadata(asset_id, ids[who].did, **RULES[kind])
            self.model.assets[asset_id] = ModelAsset(ids[who].did, locked_flag=kind == "nontransferable",
                                                     holding=kind == "holding")
            self.send(msg("assets.stateful-issues", who=ids[who].name, asset=asset_id, kind=kind),
                      lambda: registry.issue(ids[who], data), frozenset({201}), ids[who], (asset_id,), (who,), data)

        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, as_holder=holder_st, to=who_st)
        @planned
        def transfer(self, pick: int, who: int, as_holder: bool, to: int) -> None:
            asset_id, who = self.choose(pick, who, as_holder)
            if who == to:
                to = (to + 1) % len(ids)  # a transfer to oneself is left unspecified
            allowed = self.model.transfer(asset_id, ids[who].did, ids[to].did)
            self.send(msg("assets.stateful-transfers", who=ids[who].name, asset=asset_id, to=ids[to].name),
                      lambda: registry.transfer(ids[who], asset_id, ids[to].did), allowed, ids[who],
                      (asset_id,), (who, to), {"to": ids[to].did})

        @precondition(lambda self: not self.probed_unknown)  # once per sequence
        @rule(who=who_st)
        @planned
        def transfer_unknown(self, who: int) -> None:
            self.probed_unknown = True
            asset_id = self.new_id("never-issued")
            to = ids[(who + 1) % len(ids)].did
            self.send(msg("assets.stateful-transfers-unknown", who=ids[who].name, asset=asset_id),
                      lambda: registry.transfer(ids[who], asset_id, to), frozenset({404}), ids[who], body={"to": to})

        # Transfers (and locks) weigh twice as much as the other rules: hypothesis picks rules uniformly.
        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, as_holder=holder_st, to=who_st)
        @planned
        def transfer_more(self, pick: int, who: int, as_holder: bool, to: int) -> None:
            self.transfer(pick, who, as_holder, to)

        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, as_holder=st.booleans())  # a burn ends a life: less often
        @planned
        def burn(self, pick: int, who: int, as_holder: bool) -> None:
            asset_id, who = self.choose(pick, who, as_holder)
            allowed = self.model.burn(asset_id, ids[who].did)
            self.send(msg("assets.stateful-burns", who=ids[who].name, asset=asset_id),
                      lambda: registry.act(ids[who], asset_id, "burn"), allowed, ids[who], (asset_id,), (who,), {})

        @precondition(lambda self: lock and self.model.assets)
        @rule(pick=pick_st, who=who_st, as_holder=holder_st, locked=st.booleans())
        @planned
        def lock(self, pick: int, who: int, as_holder: bool, locked: bool) -> None:
            asset_id, who = self.choose(pick, who, as_holder)
            if as_holder:
                locked = not self.model.assets[asset_id].locked  # the holder toggles; others try anything
            action = "lock" if locked else "unlock"
            allowed = self.model.lock(asset_id, ids[who].did, locked)
            what = msg("assets.stateful-locks" if locked else "assets.stateful-unlocks", who=ids[who].name,
                       asset=asset_id)
            self.send(what, lambda: registry.act(ids[who], asset_id, action), allowed, ids[who], (asset_id,), (who,),
                      {})

        def state_matches_model(self) -> None:
            keys = ("owner", "burned", "locked") if lock else ("owner", "burned")
            for asset_id in sorted(self.touched):
                expected = self.model.assets[asset_id]
                # a state not served, or whose body does not parse, departs from the model: the status named
                read = served(registry.state(asset_id), msg("assets.state-of", asset=asset_id))
                state, answered = served_body(read)
                if answered != 200:
                    raise Divergence(msg("assets.stateful-state-status", step=len(self.steps), asset=asset_id,
                                         status=answered))
                want = expected.state()
                got = {k: state.get(k) for k in keys} if isinstance(state, dict) else state
                if got != {k: want[k] for k in keys}:
                    raise Divergence(msg("assets.stateful-state-differs", step=len(self.steps), asset=asset_id,
                                         got=str(got), want=str({k: want[k] for k in keys})))

        def listings_match_model(self) -> None:
            for index in sorted(self.involved):
                who = ids[index]
                body, answered = served_body(served(registry.owned(who.did), msg("assets.listing-of",
                                                                                 who=who.name)))
                items = body.get("items") if isinstance(body, dict) else None
                if not isinstance(items, list):
                    raise Divergence(msg("assets.stateful-listing-status", step=len(self.steps), who=who.name,
                                         status=answered))
                listed = {str(i.get("asset_id")) for i in items if isinstance(i, dict)} & set(self.model.assets)
                held = {a for a, m in self.model.assets.items() if m.owner == who.did}
                if listed != held:
                    raise Divergence(msg("assets.stateful-listing-differs", step=len(self.steps), who=who.name,
                                         listed=str(sorted(listed)), held=str(sorted(held))))

        @precondition(lambda self: lock and self.model.assets)
        @rule(pick=pick_st, who=who_st, as_holder=holder_st, locked=st.booleans())
        @planned
        def lock_more(self, pick: int, who: int, as_holder: bool, locked: bool) -> None:
            self.lock(pick, who, as_holder, locked)

    return RegistryMachine


def run_machine(machine: type[RuleBasedStateMachine], log: Sequences, evidence: Evidence, *,
                random_seed: int, examples: int, steps: int, shrink: bool = True, **noted: object) -> None:
    """Runs the machine with the profile's budget (``examples`` sequences of at most ``steps``)
    and seed; a departure from the model is a finding carrying the shrunk sequence (and the
    answer that departed), else a note of how much was predicted. A departure hypothesis could
    not reproduce (the target answered the replayed sequence differently) is a finding too, with
    both runs and both answers. ``shrink=False`` reports the first departing sequence as found
    (whether a defect is found at all does not depend on shrinking), and without hypothesis's
    final replay of it: the sequence as first run is the one judged."""
    if not shrink:
        machine = _first_found(machine)
    machine = seed(random_seed)(machine)
    config = settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None, database=None, verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink] if shrink else [Phase.generate],
    )
    try:
        with discarding():  # thousands of exchanges: the sequence is the evidence
            try:
                run_state_machine_as_test(machine, settings=config)
            except _FoundFirst as first:  # judged below as if hypothesis had raised it after its replay
                raise first.error from None
    except TargetUnreachable:
        raise
    except Unserved as exc:  # a read AS-REG-001 judges failed: nothing to compare the model with
        _unserved(evidence, exc, log, random_seed)
        return
    except AssertionError as exc:
        found = departure_message(exc)
    except Flaky as exc:  # hypothesis could not replay a departure: did the target answer differently?
        last = log.runs[-1] if log.runs else None
        if last is None or last.departure is None:  # the replay did not depart: both runs are the evidence
            found, members = answered_differently(log, exc)
            evidence.finding(found, file="state machine (departing sequence and its replay)", **members,
                             seed=random_seed)
            return
        if isinstance(last.departure, Unserved):
            _unserved(evidence, last.departure, log, random_seed)
            return
        # it departed again (hypothesis saw its draws or its error change between the runs): the
        # departure of the replay is the finding, as for a departure replayed alike
        found = departure_message(last.departure)
    else:
        done = [run.steps for run in log.runs]
        # How often each kind of step ran and how it was answered: "stateful-orders 201" -> count.
        kinds = Counter(f"{getattr(s['what'], 'key', '?').removeprefix('assets.')} {s['status']}"
                        for sequence in done for s in sequence)
        evidence.note(msg("assets.stateful-all-predicted", sequences=len(done), mutations=sum(map(len, done))),
                      seed=random_seed, steps=dict(sorted(kinds.items())), **noted)
        return
    last = log.runs[-1] if log.runs else None
    departing = last.departing() if last else None
    evidence.finding(found, file="state machine (shrunk sequence)", **shown_steps(last.steps if last else []),
                     **({"answer": departing.record()} if departing else {}), seed=random_seed)


class _FoundFirst(BaseException):
    """What ended a run without shrinking, carried past hypothesis (which catches ``Exception``
    only), so that it does not run the failing sequence once more to raise it again."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _first_found(machine: type[RuleBasedStateMachine]) -> type[RuleBasedStateMachine]:
    class FirstFound(machine):  # type: ignore[valid-type, misc]
        def teardown(self) -> None:
            super().teardown()
            raised = sys.exc_info()[1]  # as the machine's own teardown reads it
            if (isinstance(raised, Exception) and not isinstance(raised, HypothesisException)
                    and raised is not getattr(self, "outer", None)):
                raise _FoundFirst(raised)

    return FirstFound


def _unserved(evidence: Evidence, exc: Unserved, log: Sequences, random_seed: int) -> None:
    """The run left unjudged: the read ``exc`` names was not served; the sequence that led to it is
    shown, as for a departure."""
    last = log.runs[-1] if log.runs else None
    unread(evidence, exc.request, exc.what, exc.status, READS_JUDGED_BY, seed=random_seed,
           **shown_steps(last.steps if last else []))
