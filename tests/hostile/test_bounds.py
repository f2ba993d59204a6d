"""Nothing outside its bounds (issue 24), in-process: outputs written whole and never through
a link the harness did not make, set-asides that move only the harness's own files, one run
per output folder, a full disk as one line and exit 3, stdout failures that keep the exit
code, content-coding chains and URL errors as findings, control characters escaped."""

from __future__ import annotations

import errno
import gzip
import io
import os
from pathlib import Path

import orjson
import pytest
import yaml

from conformance._io import outputs
from conformance._io.outputs import atomic_output, atomic_write, lock_folder
from conformance._io.printable import printable
from conformance._run import engine
from conformance.adapters.decoding import MAX_CODINGS, CappedDecoder, TooManyCodings
from conformance.certification.attestation import generate_keys
from conformance.cli import GuardedStream, main
from conformance.errors import HarnessInputError, NonConformance, OutputFailed
from conformance.report import set_aside_reports

from .battery import SAMPLES, file_manifest
from .cases import VICTIM, untouched_problems, victims
from .test_guards import adapter


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the outputs holding a file and one named like a report (the battery's)."""
    return victims(tmp_path)


def untouched(outside: Path) -> bool:
    return not untouched_problems(outside.parent)


# -- one way to write ----------------------------------------------------------------------


@pytest.mark.parametrize("dangling", [False, True])
def test_an_output_is_never_written_through_a_link(tmp_path, outside, dangling):
    link = tmp_path / "out.json"
    link.symlink_to(outside / ("absent.json" if dangling else "victim.txt"))
    with pytest.raises(HarnessInputError, match="symbolic link"):
        atomic_write(link, b"new")
    assert link.is_symlink() and untouched(outside)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_output_is_written_whole_or_left_as_it_was(tmp_path):
    path = tmp_path / "capture.ndjson"
    path.write_bytes(b"the earlier capture")
    with pytest.raises(RuntimeError), atomic_output(path) as handle:
        handle.write(b"half of a new one")
        raise RuntimeError("cut short")
    assert path.read_bytes() == b"the earlier capture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["capture.ndjson"]


def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(tmp_path, monkeypatch):
    path = tmp_path / "report.json"
    path.write_bytes(b"earlier")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs.os, "fsync", full)
    with pytest.raises(OutputFailed, match="No space left on device") as caught:
        atomic_write(path, b"x" * 1000)
    assert len(caught.value.line().splitlines()) == 1
    assert path.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_capture_over_an_earlier_one_on_a_full_disk_keeps_the_earlier_one(tmp_path, monkeypatch, capsys, where):
    """ENOSPC as a full disk gives it (by hand, a 64 KiB tmpfs gives the same line and exit)."""
    earlier = tmp_path / "c.ndjson"
    earlier.write_bytes(b"the earlier capture\n")

    def full(fd: int, *args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "fsync":
        monkeypatch.setattr(outputs.os, "fsync", full)
    else:  # the disk fills up after 4 KiB of the new capture
        real_fdopen = os.fdopen

        class Filling(io.BufferedWriter):
            taken = 0

            def write(self, data: bytes) -> int:  # type: ignore[override]
                self.taken += len(data)
                if self.taken > 4096:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return super().write(data)

        def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            return Filling(real_fdopen(fd, mode, buffering=0)) if mode == "wb" else real_fdopen(fd, mode, *args,
                                                                                                 **kwargs)

        monkeypatch.setattr(outputs.os, "fdopen", fdopen)
    # the write fails after 4 KiB of 30 seconds; fsync, once all is written: 3 seconds suffice
    seconds = "30" if where == "write" else "3"
    code = main(["generate", "capture", "--device", "vr_headset", "--seconds", seconds, "--out", str(earlier)])
    assert code == 3
    *progress, last = capsys.readouterr().err.splitlines()  # progress lines, then one about the disk
    assert last.startswith("conformance: ") and "No space left on device" in last
    assert all(line.startswith("generating: ") for line in progress)
    assert earlier.read_bytes() == b"the earlier capture\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.ndjson"]


def test_an_exclusive_output_never_replaces_what_exists(tmp_path):
    path = tmp_path / "k"
    path.write_bytes(b"mine")
    with pytest.raises(HarnessInputError, match="already exists"):
        atomic_write(path, b"new", exclusive=True)
    assert path.read_bytes() == b"mine"


@pytest.mark.parametrize("which", ["", ".pub"])
def test_keys_are_never_written_through_a_dangling_link(tmp_path, outside, which):
    (tmp_path / f"k{which}").symlink_to(outside / "planted.pem")
    with pytest.raises(HarnessInputError, match="already exists"):
        generate_keys(tmp_path / "k")
    assert untouched(outside)
    assert not (tmp_path / "k").exists() and not (tmp_path / "k.pub").exists()


def test_keys_are_written_with_the_private_one_0600(tmp_path):
    generate_keys(tmp_path / "k")
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    assert b"PUBLIC KEY" in (tmp_path / "k.pub").read_bytes()


# -- set-asides and the lock ------------------------------------------------------------


def test_a_previous_link_is_never_followed(tmp_path, outside):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("earlier")
    (out / "previous").symlink_to(outside)
    with pytest.raises(HarnessInputError, match="previous"):
        set_aside_reports(out)
    assert untouched(outside)
    assert (out / "report.json").read_text() == "earlier"


def test_only_the_harness_own_regular_files_are_set_aside(tmp_path, outside):
    out = tmp_path / "out"
    (out / "previous").mkdir(parents=True)
    (out / "previous" / "notes.txt").write_text("a user's")
    (out / "previous" / "junit.xml").symlink_to(outside / "victim.txt")
    (out / "report.json").write_text("earlier")
    (out / "report.html").symlink_to(outside / "report.json")
    (out / "manifest.yaml").write_text("kept")
    assert set_aside_reports(out) == out / "previous"
    assert sorted(p.name for p in out.iterdir()) == ["manifest.yaml", "previous", "report.html"]
    assert sorted(p.name for p in (out / "previous").iterdir()) == ["junit.xml", "notes.txt", "report.json"]
    assert (out / "report.html").is_symlink() and untouched(outside)


def test_a_run_refuses_a_report_name_that_is_a_link(tmp_path, outside):
    out = tmp_path / "out"
    out.mkdir()
    (out / "junit.xml").symlink_to(outside / "victim.txt")
    with pytest.raises(HarnessInputError, match="junit.xml: is a symbolic link"):
        engine.prepare_out_dir(out)
    assert untouched(outside)


def test_a_second_run_on_the_same_out_refuses_with_one_line(tmp_path):
    out = tmp_path / "out"
    with engine.prepare_out_dir(out):
        (out / "report.json").write_text("the first run's")
        with pytest.raises(HarnessInputError, match="another run is writing its reports there"):
            engine.prepare_out_dir(out)
        assert (out / "report.json").read_text() == "the first run's"
    with lock_folder(out, "--out"):  # released when the first run is done
        pass


# -- a run whose outputs fail -----------------------------------------------------------


def _manifest(tmp_path: Path) -> Path:
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(file_manifest([str(SAMPLES / "did_documents" / "did-web-identity.json")])))
    return path


def test_a_run_that_cannot_write_a_view_exits_3_with_report_json_marked_incomplete(tmp_path, monkeypatch, capsys):
    real = outputs.atomic_write

    def full_for_html(path: Path, data: bytes, **kwargs: object) -> None:
        if path.name == "report.html":
            raise OutputFailed(str(path), "could not be written: No space left on device")
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("conformance.report.atomic_write", full_for_html)
    out = tmp_path / "out"
    code = main(["run", "--manifest", str(_manifest(tmp_path)), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err.strip()
    assert code == 3
    assert len(err.splitlines()) == 1 and "report.html" in err and "marked incomplete" in err
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]  # the junit.xml written before is gone
    report = orjson.loads((out / "report.json").read_bytes())
    assert report["complete"] is False and report["exit_code"] == 3
    assert any("could not be written" in note for note in report["notes"])


class _Failing(io.StringIO):
    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code

    def write(self, text: str) -> int:
        raise OSError(self.code, os.strerror(self.code))


@pytest.mark.parametrize("code", [errno.EPIPE, errno.ENOSPC])
def test_stdout_failing_keeps_the_exit_code_of_the_verdicts(tmp_path, monkeypatch, capsys, code):
    monkeypatch.setattr("sys.stdout", _Failing(code))
    out = tmp_path / "out"
    assert main(["run", "--manifest", str(_manifest(tmp_path)), "--out", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert ("standard output failed" in err) == (code == errno.ENOSPC)
    assert orjson.loads((out / "report.json").read_bytes())["complete"] is True


def test_a_guarded_stream_keeps_the_first_failure_and_drops_the_rest():
    stream = GuardedStream(_Failing(errno.EPIPE))
    assert stream.write("abc") == 3
    stream.flush()
    assert stream.failed is not None and stream.failed.errno == errno.EPIPE


# -- edges ------------------------------------------------------------------------------


def test_a_chain_of_codings_past_the_cap_is_refused_before_any_decoding():
    with pytest.raises(TooManyCodings):
        CappedDecoder(", ".join(["gzip"] * 1000), 1000)
    chain = ", ".join(["gzip"] * MAX_CODINGS)
    data = b"{}"
    for _ in range(MAX_CODINGS):
        data = gzip.compress(data)
    decoder = CappedDecoder(chain, 1000)
    assert b"".join(decoder.decode(data) + decoder.flush()) == b"{}"


@pytest.mark.parametrize("mode", ["coding-chain", "location-no-host"])
def test_a_hostile_answer_is_a_finding_not_a_traceback(tmp_path, mode):
    from .server import running

    with running() as server:
        target = adapter(f"{server.url}/{mode}/base/", tmp_path, timeout_s=1)
        try:
            target.preflight()  # it answered: judging it is the tests' job
            with pytest.raises(NonConformance):
                target.get("x")
        finally:
            target.close()


def test_control_characters_are_escaped_for_the_terminal():
    assert printable("a\x1b[2Jb\rc\u202ed\x07\x9b") == "a\\x1b[2Jb\\rc\\u202ed\\x07\\x9b"
    assert printable("one\ntwo") == "one\\ntwo"
    assert printable("one\ntwo\x1b", keep_newlines=True) == "one\ntwo\\x1b"
    assert printable("did:web:例え.jp") == "did:web:例え.jp"


def test_a_bad_input_line_naming_a_file_is_escaped(tmp_path, capsys):
    name = str(tmp_path / "\x1b]52;c;Y2xpcA==\x07\u202eevil.json")
    assert main(["validate", "--profile", "identity-document", name, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b]52" in err and len(err.strip().splitlines()) == 1


# -- reading only inside the declared inputs (the file adapter) -------------------------


def _files(tmp_path: Path, *paths: str):
    from conformance.adapters import AdapterContext
    from conformance.adapters.file import FileAdapter

    return FileAdapter("docs", {"adapter": "file", "paths": list(paths)}, AdapterContext(tmp_path / "m.yaml", {}))


@pytest.fixture
def export(tmp_path: Path, outside: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.json").write_text("{}")
    (docs / "alias.json").symlink_to(docs / "good.json")  # a link that stays inside: read
    (docs / "key.json").symlink_to(outside / "victim.txt")
    return docs


@pytest.mark.parametrize("pattern", ["docs", "docs/*.json", "docs/**/*.json"])
def test_a_link_out_of_a_declared_folder_is_unjudged_naming_it_never_read(tmp_path, export, pattern):
    """The link is refused (never read) and named; since issue 76's thirty-seventh reading (parts a1, m2) a file the
    test equipment refuses to read is left unjudged (an otherwise passing run is inconclusive), not a finding."""
    from conformance._record.evidence import Evidence, recording
    from conformance._record.redaction import Redactor

    files = _files(tmp_path, pattern)
    evidence = Evidence(Redactor([]))
    with recording(evidence):
        documents = list(files.documents())
    assert [d.name for d in documents] == ["docs/good.json"]
    assert not [item for item in evidence.items if item["kind"] == "finding"]
    assert list(evidence.unjudged_inputs) == ["docs/key.json"]
    assert "symbolic link leading outside" in evidence.unjudged_inputs["docs/key.json"]
    assert "outside the outputs" not in orjson.dumps(evidence.items).decode()
    with pytest.raises(NonConformance, match="docs/key.json"):
        files.open(tmp_path / "docs" / "key.json")
    assert [s["name"] for s in files.subjects()] == ["docs/good.json"]


def test_a_file_the_manifest_names_itself_is_read_through_its_link(tmp_path, export):
    files = _files(tmp_path, "docs/key.json")
    assert files.read_bytes(files.files()[0]) == VICTIM


def test_a_fifo_swapped_in_is_refused_not_waited_on(tmp_path, export):
    files = _files(tmp_path, "docs")
    listed = files.files()
    good = tmp_path / "docs" / "good.json"
    assert good.resolve() in listed
    good.unlink()
    os.mkfifo(good)
    with pytest.raises(NonConformance, match="not a regular file"):
        files.read_bytes(good.resolve())
