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
from .runtime_report import Alignment, Entry, align, entries_of

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


def _holds(command: JsonObject, got: Entry) -> bool:
    duration, intensity = finite(got.get("duration")), finite(got.get("intensity"))
    wanted_duration, wanted_intensity = finite(command.get("duration")), finite(command.get("intensity"))
    return (got.get("output") == command.get("output") and got.get("scent") == command.get("scent")
            and duration is not None and intensity is not None and wanted_duration is not None
            and wanted_intensity is not None and abs(duration - wanted_duration) <= DURATION_NS
            and abs(intensity - wanted_intensity) <= INTENSITY)


def _aligned(dialogue: Dialogue) -> tuple[list[JsonObject], list[Entry], Alignment]:
    """The commands applied, the report's releases, and where each command is among them (runtime_report)."""
    commands = [e.params for e in dialogue.answered("test.applyScent")]
    read = dialogue.answered("test.getScentOutput")
    released = entries_of(read[0].result if read else None, "scents")
    return commands, released, align(commands, released, _holds,
                                      lambda command, got: got.get("output") == command.get("output"))


def ignored_scents(dialogue: Dialogue) -> tuple[int, ...]:
    """The report's releases holding no scent applied (an earlier release, another output's): not judged."""
    return _aligned(dialogue)[2].ignored


def judge_scents(dialogue: Dialogue) -> Iterator[tuple[str, str, str, dict[str, object]]]:
    """(rule, message key, where, values) of each departure: R1 a scent applied not answered XR_SUCCESS; R2 the
    runtime's report of what it released not holding one, in order, on its output (runtime_report.align: entries
    holding no command, such as a release before them, are ignored), the entry on that output in its place giving
    another scent, duration (beyond DURATION_NS) or intensity (beyond INTENSITY)."""
    for e in dialogue.answered("test.applyScent"):
        if e.result is None or e.result.get("result") != "XR_SUCCESS":
            yield ("R1", "terminal.runtime-haptic-refused", f"test.applyScent({e.params.get('output')})",
                   {"detail": str(e.error or e.result)[:200]})
    commands, released, aligned = _aligned(dialogue)
    for params, shown, got in aligned.misses(commands, released):
        command: dict[str, object] = {k: params.get(k) for k in ("output", "scent", "intensity", "duration")}
        if got is None:
            yield "R2", "terminal.runtime-scent-not-released", "test.getScentOutput/scents", command
            continue
        yield ("R2", "terminal.runtime-scent-not-as-commanded", f"test.getScentOutput/scents/{shown}",
               {**command, "got": {k: got.get(k) for k in ("output", "scent", "intensity", "duration")}})
