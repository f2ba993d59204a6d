"""A decoder's decisions against labelled cues (TD-BCI-006): trials and their first decisions,
the binomial chance bound, hostile declarations and marker floods, and the profile's verdicts."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import decoding
from conformance.areas.terminal.decoding import MarkerEvents, chance_bound, decoder_of, score
from conformance.areas.terminal.generate.capture import write
from tests.conftest import manifest_for, verdict_and_evidence, verdicts

LABELS = {"cue/a": "a", "cue/b": "b"}
S = 1_000_000_000


def _events(*pairs: tuple[float, str]) -> MarkerEvents:
    return MarkerEvents([round(t * S) for t, _ in pairs], [v for _, v in pairs])


def test_a_trial_takes_its_first_decision_before_the_next_cue():
    cues = _events((1, "cue/a"), (2, "cue/b"), (2.5, "response"), (3, "cue/a"), (4, "cue/b"))
    decisions = _events((1.5, "a"), (1.6, "b"),  # the first counts: right
                        (2.7, "a"),  # wrong
                        (4.2, "b"))  # trial 3 has none (wrong), trial 4 is right
    result = score(cues, decisions, LABELS)
    assert (result.trials, result.correct, result.missed, result.classes) == (4, 2, 1, 2)
    assert list(result.latencies_ms) == [500, 700, 200]


def test_order_in_the_file_does_not_matter():
    cues = _events((3, "cue/a"), (1, "cue/b"))
    decisions = _events((3.5, "a"), (1.5, "b"))
    assert score(cues, decisions, LABELS).correct == 2


def test_no_decisions_is_every_trial_wrong_not_a_crash():
    result = score(_events((1, "cue/a"), (2, "cue/b")), MarkerEvents(), LABELS)
    assert (result.trials, result.correct, result.missed, result.median_latency_ms()) == (2, 0, 2, None)


@pytest.mark.parametrize(("trials", "classes", "bound"), [(20, 2, 15), (60, 2, 37), (10, 2, 9), (25, 4, 11)])
def test_the_chance_bound_is_the_binomial_upper_tail(trials, classes, bound):
    assert chance_bound(trials, classes) == bound


@settings(max_examples=40, deadline=None)
@given(trials=st.integers(1, 400), classes=st.integers(2, 8))
def test_the_chance_bound_is_the_least_count_with_a_tail_of_5_percent(trials, classes):
    def tail(k: int) -> float:
        p = 1 / classes
        return sum(math.comb(trials, j) * p**j * (1 - p) ** (trials - j) for j in range(k, trials + 1))

    bound = chance_bound(trials, classes)
    assert bound > trials or tail(bound) <= 0.05 + 1e-9
    assert bound == 0 or tail(bound - 1) > 0.05 - 1e-9


@pytest.mark.parametrize("spec", [
    {}, {"decodes": "cues"}, {"decodes": 3, "labels": LABELS}, {"decodes": "cues", "labels": ["a", "b"]},
    {"decodes": "cues", "labels": {"cue/a": "a", "cue/b": "a"}},  # one class: nothing to tell apart
    {"decodes": "cues", "labels": {"cue/a": "a", "cue/b": 2}},
])
def test_an_unusable_declaration_is_not_scored(spec):
    assert decoder_of(spec) is None


def test_a_flood_of_markers_is_counted_not_kept(monkeypatch):
    monkeypatch.setattr(decoding, "MAX_EVENTS", 3)

    class Frame:
        value = "cue/a"

    class Chunk:
        stats = type("Stats", (), {"markers": None})()
        t = list(range(5))
        frames = [Frame()] * 5

    decoding.collect_markers(Chunk())  # type: ignore[arg-type]
    assert len(Chunk.stats.markers.t) == 3 and Chunk.stats.markers.overflow == 2


def _run(catalog, run_manifest, tmp_path, seconds: float | None):
    manifest = manifest_for(catalog, "terminal-bci", features=["decoding"])
    if seconds is not None:
        path = tmp_path / "decoder.ndjson"
        write(path, "bci_decoder", seconds)
        manifest["targets"]["captures"]["paths"] = [str(path)]
    return run_manifest(manifest, requirements=["TD-BCI-006"])


def test_the_reference_decoder_passes(catalog, run_manifest, tmp_path):
    verdict, evidence = verdict_and_evidence(_run(catalog, run_manifest, tmp_path, None), "TD-BCI-006")
    assert verdict == "pass" and "23 of 25 trials right (92 %" in evidence


def test_too_few_trials_or_no_decoder_is_inconclusive_not_a_fail(catalog, run_manifest, tmp_path):
    assert verdicts(_run(catalog, run_manifest, tmp_path, 10.0))["TD-BCI-006"] == "inconclusive"  # 10 trials
    manifest = manifest_for(catalog, "terminal-bci", features=["decoding"],
                            files={"captures": ["bci-rules/eeg-gap.ndjson.gz"]})
    assert verdicts(run_manifest(manifest, requirements=["TD-BCI-006"]))["TD-BCI-006"] == "inconclusive"
