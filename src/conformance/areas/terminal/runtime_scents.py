"""Scents through the runtime test interface (TD-OLF-004): OpenXR 1.1 defines no scent function, so annex D
gives the test interface two methods of its own, on the same binding as the OpenXR functions: ``test.applyScent``
(``output``: an olfactory offer's id, ``scent``, ``intensity`` 0..1, ``duration`` in ns) and
``test.getScentOutput`` (``scents``: each release's output, scent, start as an XrTime, duration and intensity,
oldest first). What the device then releases into the air is measured by TD-OLF-003 (scent_release), not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._shared.jsonrpc_ws import Dialogue
from .jsonread import finite

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: an olfactory output a descriptor claims: (offer id, the scents it lists, its max_duration_ns)
Output = tuple[str, tuple[str, ...], int | None]
#: the scents applied on each claimed output: (which of the offer's scents: its first, again, its second;
#: intensity; duration ns, capped by the offer's max_duration_ns)
SCENTS = ((0, 0.5, 2_000_000_000), (0, 1.0, 1_000_000_000), (1, 0.25, 2_000_000_000))
#: how closely a reported release matches its command: exactly, as TD-RUN-004's vibrations (fifty-ninth reading,
#: d10): the report is what the runtime hands the device's driver; durations are whole nanoseconds and the commanded
#: intensities (0.5, 1.0, 0.25) exact in binary32 and binary64
DURATION_NS, INTENSITY = 0, 0.0


def olfactory_outputs(offers: object) -> tuple[Output, ...]:
    """(id, listed scents, max_duration_ns) of each olfactory offer naming an id."""
    found = []
    for offer in offers if isinstance(offers, list) else []:
        if isinstance(offer, dict) and offer.get("type") == "olfactory" and isinstance(offer.get("id"), str):
            listed, longest = offer.get("scents"), offer.get("max_duration_ns")
            names = tuple(s for s in listed if isinstance(s, str)) if isinstance(listed, list) else ()
            whole = isinstance(longest, int) and not isinstance(longest, bool) and longest > 0
            found.append((str(offer["id"]), names, int(longest) if whole else None))  # type: ignore[arg-type]
    return tuple(found)


def scent_commands(outputs: tuple[Output, ...]) -> list[tuple[str, JsonObject]]:
    """The test.applyScent requests of the dialogue: SCENTS on each claimed olfactory output, scents the offer
    lists (the second only where it lists two); none on an output whose offer lists no scent (annex E's `scents`
    is optional): the statement applies only scents an offer lists, so that output is left unjudged
    (:func:`unlisted`), not commanded a name of the harness's own (sixtieth reading, cx1)."""
    calls: list[tuple[str, JsonObject]] = []
    for output, names, longest in outputs:
        for which, intensity, duration in SCENTS:
            if which < len(names):
                calls.append(("test.applyScent", {"output": output, "scent": names[which],
                                                   "intensity": intensity,
                                                   "duration": min(duration, longest or duration)}))
    return calls


def unlisted(outputs: tuple[Output, ...]) -> tuple[str, ...]:
    """The claimed olfactory outputs whose offer lists no scent: nothing is applied on them, and they are not
    judged."""
    return tuple(output for output, names, _ in outputs if not names)


def judge_scents(dialogue: Dialogue) -> Iterator[tuple[str, str, str, dict[str, object]]]:
    """(rule, message key, where, values) of each departure: R1 a scent applied not answered XR_SUCCESS; R2 the
    runtime's report of what it released missing one, in order, or giving another output, scent, duration
    (beyond DURATION_NS) or intensity (beyond INTENSITY)."""
    applied = dialogue.answered("test.applyScent")
    for e in applied:
        if e.result is None or e.result.get("result") != "XR_SUCCESS":
            yield ("R1", "terminal.runtime-haptic-refused", f"test.applyScent({e.params.get('output')})",
                   {"detail": str(e.error or e.result)[:200]})
    read = dialogue.answered("test.getScentOutput")
    reported = read[0].result.get("scents") if read and read[0].result else None
    released = [v for v in reported if isinstance(v, dict)] if isinstance(reported, list) else []
    for index, e in enumerate(applied):
        command: dict[str, object] = {k: e.params.get(k) for k in ("output", "scent", "intensity", "duration")}
        where = f"test.getScentOutput/scents/{index}"
        if index >= len(released):
            yield "R2", "terminal.runtime-scent-not-released", where, command
            continue
        got = released[index]
        duration, intensity = finite(got.get("duration")), finite(got.get("intensity"))
        wanted_duration, wanted_intensity = finite(command["duration"]), finite(command["intensity"])
        if (got.get("output") != command["output"] or got.get("scent") != command["scent"] or duration is None
                or intensity is None or wanted_duration is None or wanted_intensity is None
                or abs(duration - wanted_duration) > DURATION_NS or abs(intensity - wanted_intensity) > INTENSITY):
            yield ("R2", "terminal.runtime-scent-not-as-commanded", where,
                   {**command, "got": {k: got.get(k) for k in ("output", "scent", "intensity", "duration")}})
