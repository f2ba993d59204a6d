"""The reference runtime's reading methods of annex D (reference/terminal/runtime_readings.py): test.readBiosignal
(TD-BCI-008) and test.getRecognizedExpression (TD-FACE-007). Served, its answers are of the runtime message schema;
read on a simulated clock as the laboratory's reader reads them on the bench, its log passes the requirement, and
each planted defect fails the rule the bench's own fault of that kind fails (the known-bad finding)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
import yaml

from conformance.areas._shared.jsonrpc_ws import ask, in_turn, ws_url
from conformance.areas.terminal.generate import exprref
from conformance.areas.terminal.generate.binaural import T0
from conformance.areas.terminal.generate.biosignal_read import READ_ID as EEG_ID
from conformance.areas.terminal.generate.capture import generate
from conformance.reference.app import create_app
from conformance.reference.server import serve
from conformance.reference.terminal import runtime, runtime_readings
from tests.conftest import captures_verdict

URI = "https://metaverse-conformance.org/schemas/terminal/runtime-message.json"
BIOSIGNAL = ("test.readBiosignal", {"output": "eeg"})
EXPRESSION = ("test.getRecognizedExpression", {"face": "face"})


@pytest.fixture(scope="module")
def bridge() -> Iterator[str]:
    with serve(create_app()) as url:
        yield url


def test_the_served_answers_are_what_annex_d_says(catalog, bridge):
    """Both methods asked over the bridge: each answer is of the message schema, its result of the method's $defs
    entry; the second read of the amplifier answers the samples since the first, each with a value per channel."""
    calls = [BIOSIGNAL, EXPRESSION, ("test.getHapticOutput", {}), BIOSIGNAL, EXPRESSION]
    pause = iter([0.0, 0.0, 0.0, 0.05, 0.0])  # a twentieth of a second between the amplifier's reads

    def plan(dialogue):
        step = in_turn(calls)(dialogue)
        if step is not None:
            time.sleep(next(pause))
        return step

    dialogue = ask(ws_url(bridge, runtime.PATH), plan)
    assert dialogue.failure is None and len(dialogue.exchanges) == len(calls)
    entries = {"test.readBiosignal": "biosignalBlock", "test.getRecognizedExpression": "recognizedExpression"}
    for number, e in enumerate(dialogue.exchanges, 1):
        assert catalog.schemas.findings({"jsonrpc": "2.0", "id": number, "result": e.result}, URI) == [], e.method
        if e.method in entries:
            assert catalog.schemas.findings(e.result, f"{URI}#/$defs/{entries[e.method]}") == [], e.method
    first, second = (e.result["samples"] for e in dialogue.answered("test.readBiosignal"))
    assert len(first) == 1 and len(second) >= 10  # 250 Hz: at least 12 samples in 50 ms
    times = [s["time"] for s in first + second]
    assert times == sorted(set(times)) and all(len(s["values"]) == 4 for s in second)


def test_a_reading_of_an_offer_not_claimed_is_an_invalid_parameter(bridge):
    dialogue = ask(ws_url(bridge, runtime.PATH), in_turn([("test.readBiosignal", {"output": "skin"}),
                                                          ("test.getRecognizedExpression", {})]))
    assert [e.error["code"] for e in dialogue.exchanges if e.error] == [-32602, -32602]


def _read(defects: list[str], call: tuple[str, dict], every_ns: int, seconds: float) -> list[tuple[int, dict]]:
    """The reference device read as the bench's reader reads it, on a clock the test steps from T0 (the capture's
    first sample): (when answered, result) of each call."""
    device = runtime.Device(frozenset(defects))
    clock = [T0]
    device.now = lambda: clock[0]  # type: ignore[method-assign]
    answers = []
    while clock[0] <= T0 + seconds * 1e9:
        answer = device.call(*call)
        assert isinstance(answer, dict), answer
        answers.append((clock[0], answer))
        clock[0] += every_ns
    return answers


def _capture(tmp_path: Path, device: str, seconds: float, log: str, frames: list[tuple[int, dict]]) -> Path:
    """The bench's capture (its header and the reference's other streams) with the log of ``log`` made of the
    runtime's answers, each written when it was answered, as the reader logs them."""
    made = io.BytesIO()
    generate(made, device, seconds)
    header, *lines = made.getvalue().splitlines()
    kept = [(orjson.loads(line)["t"], line) for line in lines if orjson.loads(line)["stream"] != log]
    logged = [(at, orjson.dumps({"stream": log, **frame})) for at, frame in frames]
    path = tmp_path / f"{device}.ndjson"
    path.write_bytes(b"\n".join([header, *(line for _, line in sorted(kept + logged, key=lambda x: x[0]))]) + b"\n")
    return path


def _biosignal_log(defects: list[str]) -> list[tuple[int, dict]]:
    return [(at, {"t": s["time"], "values": s["values"]})
            for at, answer in _read(defects, BIOSIGNAL, 100_000_000, runtime_readings.SEGMENT_S + 0.5)
            for s in answer["samples"]]


def _expression_log(defects: list[str]) -> list[tuple[int, dict]]:
    return [(at, {"t": answer["time"], "value": answer["expression"]})
            for at, answer in _read(defects, EXPRESSION, 50_000_000, exprref.SECONDS)
            if answer["expression"] is not None]


#: requirement -> its profile, features, bench device, logged stream, the log's maker and each defect's finding (as
#: suites/terminal/known_bad.yaml's bench faults of the same kind)
CASES: dict[str, tuple[str, list[str], str, str, Callable[[list[str]], list[tuple[int, dict]]], dict[str, str]]] = {
    "TD-BCI-008": ("terminal-bci", ["interface"], "bci_interface_bench", EEG_ID, _biosignal_log,
                   {"runtime-biosignal-gain": "channel Pz", "runtime-biosignal-stale": "carry a time not after the "
                    "previous one's", "runtime-biosignal-channel": "were answered with every channel"}),
    "TD-FACE-007": ("terminal-face", ["expression-interface-reference"], "expression_interface_bench",
                    exprref.READ_ID, _expression_log,
                    {"runtime-expression-confused": "cued expressions named (75 %)",
                     "runtime-expression-spurious": "outside all cue windows",
                     "runtime-expression-stale": "not after the previous answer's"}),
}


@pytest.mark.parametrize("requirement", sorted(CASES))
def test_the_reference_read_on_the_bench_passes_and_each_defect_fails_its_rule(requirement, tmp_path, catalog,
                                                                              run_manifest):
    profile, features, device, log, logged, findings = CASES[requirement]
    seconds = (runtime_readings.SEGMENT_S if log == EEG_ID else exprref.SECONDS) + 1

    def verdict(defects: list[str]) -> tuple[str, str]:
        folder = tmp_path / (defects[0] if defects else "reference")
        folder.mkdir()
        path = _capture(folder, device, seconds, log, logged(defects))
        return captures_verdict(catalog, run_manifest, profile, requirement, [path], features=features)

    good, text = verdict([])
    assert good == "pass", text
    for defect, finding in findings.items():
        assert defect in runtime.DEFECTS
        bad, text = verdict([defect])
        assert bad == "fail" and finding.lower() in text.lower(), (defect, text[:1500])


def test_the_reference_answers_every_method_annex_d_lists():
    """Each method of the contract's x-messages (schemas/terminal/runtime.openapi.yaml) has a handler on the reference
    device: none is answered 'no method' (-32601)."""
    contract = yaml.safe_load((Path(__file__).parents[3] / "schemas" / "terminal" / "runtime.openapi.yaml")
                              .read_text(encoding="utf-8"))
    listed = contract["paths"][runtime.PATH]["get"]["x-messages"]
    assert {"test.readBiosignal", "test.getRecognizedExpression"} <= set(listed)
    device = runtime.Device(frozenset())
    unanswered = [m for m in listed if device.call(m, {}) == (-32601, f"no method {m!r} here")]
    assert unanswered == []
