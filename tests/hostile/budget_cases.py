"""The battery's cases of issue 24 about bounds of the commands that are not a run (and of a
run's preparation), and the edges of issue 24 the earlier cases did not reach: each command
stopped by its time or memory bound exits 3 with one line and leaves nothing half-written;
a capture over an earlier one on a full disk; two runs racing on one --out; a 16 MB product
name; a vendor's file named with escape sequences inside a declared folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .battery import SAMPLES, Case, Servers, child_env, file_manifest, report_problems, run_args, write_yaml

SAMPLE_DID = SAMPLES / "did_documents" / "did-web-identity.json"
VALID_FILES = file_manifest([str(SAMPLE_DID)])
EARLIER_CAPTURE = b'{"an earlier capture": "never to be cut or replaced"}\n'
CAPTURE = ["generate", "capture", "--device", "vr_headset", "--out", "c.ndjson"]


def _stderr_lines(folder: Path) -> list[str]:
    text = (folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if line.strip()]


def _stopped_in_one_line(folder: Path) -> list[str]:
    """Exit 3 of a bounded command: one line on stderr, naming the bound."""
    lines = _stderr_lines(folder)
    if len(lines) != 1 or not lines[0].startswith("conformance: ") or "budget" not in lines[0]:
        return [f"a command stopped by its bound is not one line naming it: {lines[:3]!r}"]
    return []


def _nothing_else(folder: Path, *expected: str) -> list[str]:
    """Only these files (and the battery's own) are in the case's folder: no temporary file left."""
    found = sorted(p.name for p in folder.iterdir() if p.name not in ("stdout.txt", "stderr.txt"))
    return [] if found == sorted(expected) else [f"the folder holds {found}, expected {sorted(expected)}"]


def _earlier_capture_kept(folder: Path) -> list[str]:
    problems = _nothing_else(folder, "c.ndjson")
    if (folder / "c.ndjson").read_bytes() != EARLIER_CAPTURE:
        problems.append("the earlier capture was cut or replaced")
    return problems


def _over_an_earlier_capture(*extra: str) -> object:
    def prepare(folder: Path, servers: Servers) -> list[str]:
        (folder / "c.ndjson").write_bytes(EARLIER_CAPTURE)
        return [*CAPTURE, *extra]

    return prepare


def _stopped_capture(folder: Path) -> list[str]:
    return _stopped_in_one_line(folder) + _earlier_capture_kept(folder)


def _keys_in_a_tiny_time(folder: Path, servers: Servers) -> list[str]:
    return ["keys", "generate", "--out", "k", "--time-limit", "0.001"]


def _a_pair_or_nothing(folder: Path) -> list[str]:
    made = sorted(p.name for p in folder.iterdir() if p.name.startswith("k"))
    return [] if made in ([], ["k", "k.pub"]) else [f"keys stopped part-way left {made}"]


def _verify_in_a_tiny_time(folder: Path, servers: Servers) -> list[str]:
    from .bounds_cases import _report_subject, _signed

    _signed(folder, [_report_subject(folder)])
    return ["verify", "signed", "--trust", "k.pub", "--time-limit", "0.01"]


def _export_over_its_memory(folder: Path, servers: Servers) -> list[str]:
    (folder / "r").mkdir()
    (folder / "r" / "report.json").write_text(json.dumps({"requirements": [], "note": "a" * 50_000_000}))
    return ["report", "export", "r", "--oscal", "--out", "oscal.json", "--memory-limit", "20"]


def _no_export(folder: Path) -> list[str]:
    return _stopped_in_one_line(folder) + (["oscal.json was written"] if (folder / "oscal.json").exists() else [])


def _long_name_manifest(folder: Path) -> Path:
    """The manifest with a 16 MB product name: YAML dumped with a one-letter name, then that
    name widened (the same bytes as dumping the long name, without PyYAML's seconds on it)."""
    path = write_yaml(folder / "manifest.yaml", {**VALID_FILES, "product": {"name": "N", "version": "1"}})
    path.write_text(path.read_text(encoding="utf-8").replace("name: N\n", f"name: {'N' * 16_000_000}\n", 1),
                    encoding="utf-8")
    return path


def _long_product_name(folder: Path, servers: Servers) -> list[str]:
    return run_args(_long_name_manifest(folder))


def _preparation_over_its_memory(folder: Path, servers: Servers) -> list[str]:
    return run_args(_long_name_manifest(folder), "--prepare-memory-limit", "10")


def _preparation_in_a_tiny_time(folder: Path, servers: Servers) -> list[str]:
    return run_args(write_yaml(folder / "manifest.yaml", VALID_FILES), "--prepare-time-limit", "0.01")


def _no_run(folder: Path) -> list[str]:
    return _stopped_in_one_line(folder) + (["--out was made"] if (folder / "out").exists() else [])


#: The other run of a race, started by prepare, awaited and judged by after.
_RACERS: list[subprocess.Popen[bytes]] = []


def _two_runs_racing(folder: Path, servers: Servers) -> list[str]:
    args = run_args(write_yaml(folder / "manifest.yaml", VALID_FILES))
    with (folder / "other.stderr").open("wb") as stderr:
        _RACERS.append(subprocess.Popen([sys.executable, "-m", "conformance.cli", *args], cwd=folder,
                                        env=child_env({}), stdout=subprocess.DEVNULL, stderr=stderr,
                                        stdin=subprocess.DEVNULL))
    return args


def _the_other_run_held(folder: Path) -> list[str]:
    other = _RACERS.pop()
    try:
        code = other.wait(timeout=300)
    except subprocess.TimeoutExpired:
        other.kill()
        return ["the other run did not end"]
    text = (folder / "other.stderr").read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    problems = [] if code in (0, 2) else [f"the other run exited {code}"]
    if "Traceback" in text:
        problems.append("a traceback in the other run")
    if code == 2 and (len(lines) != 1 or "--out" not in lines[0]):
        problems.append(f"the other run's refusal is not one line naming --out: {lines[:3]!r}")
    report = folder / "out" / "report.json"
    problems += report_problems(report) if report.is_file() else ["neither run left a report"]
    return problems


ESCAPES = "\x1b[2J\x1b]52;c;Q0FOQVJZ\x07\u202e"


def _vendor_file_named_with_escapes(folder: Path, servers: Servers) -> list[str]:
    """A vendor's export holding a file whose name carries terminal escapes (not valid JSON)."""
    (folder / "docs").mkdir()
    (folder / "docs" / f"{ESCAPES}evil.json").write_bytes(b"{not json")
    return run_args(write_yaml(folder / "manifest.yaml", file_manifest(["docs"])))


def _model(kind: str) -> object:
    """A glTF model the validator's Node.js would take the memory of: 115 000 accessors (just
    under the 16 MiB it is given) or a 60 MB ``data:`` URI (over it: never handed over)."""
    def prepare(folder: Path, servers: Servers) -> list[str]:
        import base64

        model = json.loads((SAMPLES / "models" / "triangle.gltf").read_bytes())
        if kind == "accessors":
            model["accessors"] = [dict(model["accessors"][0]) for _ in range(115_000)]
        else:
            raw = bytes(45_000_000)
            model["buffers"][0] = {"byteLength": len(raw),
                                   "uri": "data:application/octet-stream;base64," + base64.b64encode(raw).decode()}
        (folder / "m").mkdir()
        (folder / "m" / "model.gltf").write_text(json.dumps(model))
        manifest = {"product": {"name": "Hostile models", "version": "0"}, "profiles": ["asset-3d-content"],
                    "targets": {"models": {"adapter": "file", "paths": ["m/model.gltf"],
                                           "max_file_bytes": 100_000_000}}}
        return run_args(write_yaml(folder / "manifest.yaml", manifest), "--requirement", "AS-GLTF-001")

    return prepare


BUDGET_CASES = [
    Case("generate capture past its --time-limit, over an earlier capture", _over_an_earlier_capture(
        "--seconds", "86400", "--time-limit", "1"), frozenset({3}), after=_stopped_capture, writes_report=False),
    Case("generate capture --out over an earlier capture on a full disk", _over_an_earlier_capture(
        "--seconds", "60"), frozenset({3}), file_size_limit=4096, after=_earlier_capture_kept, writes_report=False),
    Case("keys generate past its --time-limit", _keys_in_a_tiny_time, frozenset({0, 3}), after=_a_pair_or_nothing,
         writes_report=False, slow=False),
    Case("verify past its --time-limit", _verify_in_a_tiny_time, frozenset({3}), after=_stopped_in_one_line,
         writes_report=False, slow=False),
    Case("report export past its --memory-limit (a 50 MB report)", _export_over_its_memory, frozenset({3}),
         after=_no_export, writes_report=False, slow=False),
    Case("a run's preparation past its --prepare-time-limit", _preparation_in_a_tiny_time, frozenset({3}),
         after=_no_run, writes_report=False),
    Case("a run's preparation past its --prepare-memory-limit (a 16 MB manifest)", _preparation_over_its_memory,
         frozenset({3}), after=_no_run, writes_report=False),
    Case("a manifest naming a 16 MB product", _long_product_name, frozenset({2})),
    Case("two runs racing on the same --out", _two_runs_racing, frozenset({0, 2}), after=_the_other_run_held),
    Case("a glTF with 115 000 accessors (the validator's heap)", _model("accessors"), frozenset({0, 1, 3})),
    Case("a glTF with a 60 MB data: URI", _model("data-uri"), frozenset({0, 1, 3})),
    Case("a vendor file in a declared folder named with escape sequences", _vendor_file_named_with_escapes,
         frozenset({1}), no_escapes=True),
]
