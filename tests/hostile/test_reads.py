"""Nothing read outside its bounds (issue 24), in-process: one way to open a file the harness
is given (:mod:`conformance._io.vendorfiles`) and every reader that uses it: regular files only,
never blocking on a FIFO, inside their folder with links followed, size capped before
reading, hashing capped; every verify rejection one line. (Memory is measured in bench/,
not here: sparse files stand in for huge ones, and a read past a cap shows as a refusal.)"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import orjson
import pytest
import yaml

from conformance._io.vendorfiles import Refused, ResolvedRoot, hash_capped, open_regular, read_capped
from conformance._record.evidence import Evidence, recording
from conformance._run import engine, outfolder
from conformance.adapters import AdapterContext
from conformance.adapters import file as file_adapter
from conformance.adapters.file import FileAdapter
from conformance.areas._shared import gltf_reports, khronos
from conformance.areas.assets.content import sha256_file as content_sha256
from conformance.certification.attestation import load_private_key, load_public_key
from conformance.certification.verify import Rejected, verify
from conformance.drafting.oscal_assessment import export_report
from conformance.errors import HarnessInputError

from .bounds_cases import _report_subject, _signed

TIB = 1 << 40


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    (tmp_path / "outside").mkdir()
    path = tmp_path / "outside" / "id_ed25519"
    path.write_text("-----BEGIN PRIVATE KEY-----\nSECRET\n")
    return path


# -- the one opener --------------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "f")
    with pytest.raises(Refused, match="not a regular file"):
        open_regular(tmp_path / "f")  # no writer: an ordinary open would wait forever


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device):
    with pytest.raises(Refused, match="not a regular file"):
        read_capped(Path(device), 1024)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(Refused, match="not a regular file"):
        read_capped(tmp_path, 1024)


def test_a_link_out_of_its_root_is_refused_before_it_is_opened(tmp_path, secret):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.json").symlink_to(secret)
    with pytest.raises(Refused, match="leads outside its folder"):
        read_capped(tmp_path / "in" / "x.json", 1024, root=tmp_path / "in")
    with pytest.raises(Refused, match="leads outside its folder"):
        read_capped(tmp_path / "in" / ".." / "outside" / "id_ed25519", 1024, root=tmp_path / "in")


def test_a_sibling_folder_sharing_the_roots_name_as_a_prefix_is_outside(tmp_path):
    """Inside means below the root component by component: ``run-evil`` is not inside ``run``
    (the check compares strings since issue 77; a bare prefix would let this through)."""
    (tmp_path / "run").mkdir()
    (tmp_path / "run-evil").mkdir()
    (tmp_path / "run-evil" / "x.json").write_text("{}")
    (tmp_path / "run" / "x.json").symlink_to(tmp_path / "run-evil" / "x.json")
    for path in (tmp_path / "run" / "x.json", tmp_path / "run" / ".." / "run-evil" / "x.json"):
        with pytest.raises(Refused, match="leads outside its folder"):
            read_capped(path, 1024, root=tmp_path / "run")
    assert read_capped(tmp_path / "run-evil" / "x.json", 10, root=tmp_path / "run-evil") == b"{}"


def test_no_link_below_the_root_leads_out_and_nothing_outside_is_opened(tmp_path, secret, monkeypatch):
    """A link at any depth below the root (a folder or the file) is followed before anything is
    opened, also when the root was resolved once for many files (``ResolvedRoot``, as verify
    does); a root named through a link reads what is below it (issue 77: a path below the
    root is resolved from the root on, not from ``/``)."""
    (tmp_path / "in" / "deep").mkdir(parents=True)
    (tmp_path / "in" / "sub").symlink_to(secret.parent)
    (tmp_path / "in" / "deep" / "key").symlink_to(secret)
    (tmp_path / "in" / "deep" / "ok.json").write_text("{}")
    (tmp_path / "alias").symlink_to(tmp_path / "in")
    opened: list[str] = []
    real_open = os.open

    def recording(path, *args, **kwargs):
        opened.append(os.path.realpath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording)
    for root in (tmp_path / "in", ResolvedRoot.of(tmp_path / "in"), tmp_path / "alias",
                 ResolvedRoot.of(tmp_path / "alias")):
        named = root.given if isinstance(root, ResolvedRoot) else root
        for path in (named / "sub" / secret.name, named / "deep" / "key", named / "deep" / ".." / "sub" / secret.name,
                     named / ".." / "outside" / secret.name):
            with pytest.raises(Refused, match="leads outside its folder"):
                read_capped(path, 1024, root=root)
        assert read_capped(named / "deep" / "ok.json", 10, root=root) == b"{}"
        assert hash_capped(named / "deep" / "ok.json", root=root) == (hashlib.sha256(b"{}").hexdigest(), 2)
    assert opened and not [p for p in opened if not p.startswith(str(tmp_path / "in"))], opened


def test_a_link_inside_its_root_is_read(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    assert read_capped(tmp_path / "b.json", 10, root=tmp_path) == b"{}"


def test_the_size_is_capped_before_reading(tmp_path):
    with pytest.raises(Refused, match="more than the 1024 the harness reads"):
        read_capped(sparse(tmp_path / "huge", TIB), 1024)


def test_hashing_is_streamed_and_capped(tmp_path):
    with pytest.raises(Refused, match="the harness reads"):
        hash_capped(sparse(tmp_path / "huge", TIB))  # refused at once, never hashed for hours
    (tmp_path / "small").write_bytes(b"abc")
    assert hash_capped(tmp_path / "small") == (hashlib.sha256(b"abc").hexdigest(), 3)


# -- content references and assessments' evidence ---------------------------------------


def test_a_content_file_is_hashed_within_its_cap_and_folder(tmp_path, secret):
    sparse(tmp_path / "payload.bin", 64 << 30)
    with pytest.raises(Refused, match="the harness reads"):
        content_sha256(tmp_path / "payload.bin", root=tmp_path)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(Refused, match="not a regular file"):
        content_sha256(tmp_path / "pipe", root=tmp_path)


@pytest.mark.parametrize("make", ["climbs", "link", "huge", "fifo"])
def test_an_assessments_evidence_stays_in_its_folder_and_cap(tmp_path, secret, make):
    from conformance import load_catalog, run
    from tests.certification.test_assessment import MANUAL
    from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog

    profile = {**PROFILE, "requirements": ["ID-DOC-901", "ID-DOC-950"]}
    catalog = load_catalog(write_catalog(tmp_path / "catalog", [REQUIREMENT, MANUAL], profile=profile))
    (tmp_path / "data.json").write_text("{}")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({"product": {"name": "Mini", "version": "1"}, "profiles": ["mini"],
                                        "targets": {"files": {"adapter": "file", "paths": ["data.json"]}}}))
    folder = tmp_path / "assessments"
    folder.mkdir()
    name = {"climbs": "../outside/id_ed25519", "link": "screen.png", "huge": "screen.png", "fifo": "screen.png"}[make]
    if make == "link":
        (folder / name).symlink_to(secret)
    elif make == "huge":
        sparse(folder / name, TIB)
    elif make == "fifo":
        os.mkfifo(folder / name)
    record = {"requirement": "ID-DOC-950", "assessor": {"name": "Li Wei"}, "date": "2026-11-20",
              "verdict": "pass", "reasoning": "Seen.", "evidence": [{"file": name}]}
    (folder / "a.yaml").write_text(yaml.safe_dump(record))
    with pytest.raises(HarnessInputError, match=r"evidence\[0\]") as caught:
        run(manifest, catalog=catalog, out_dir=tmp_path / "o", assessments=[folder / "a.yaml"])
    assert len(caught.value.line().splitlines()) == 1


# -- the file adapter: excerpts, globs ------------------------------------------------------


def files(tmp_path: Path, *paths: str, **config: object) -> FileAdapter:
    context = AdapterContext(tmp_path / "m.yaml", {})
    return FileAdapter("docs", {"adapter": "file", "paths": list(paths), **config}, context)


def test_a_glob_follows_no_symlink_loop(tmp_path):
    docs = tmp_path / "docs"
    (docs / "a" / "b").mkdir(parents=True)
    (docs / "a" / "b" / "x.json").write_text("{}")
    for name in ("up", "again"):
        (docs / "a" / "b" / name).symlink_to(docs)
        (docs / "a" / name).symlink_to(docs / "a")
    assert [p.name for p in files(tmp_path, "docs/**/*.json").files()] == ["x.json"]


def test_a_glob_keeps_globs_meaning(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub" / ".hidden").mkdir(parents=True)
    for name in ("a.json", "b.txt", "sub/c.json", "sub/.d.json", "sub/.hidden/e.json"):
        (docs / name).write_text("{}")
    shown = sorted(p.relative_to(docs).as_posix() for p in files(tmp_path, "docs/**/*.json").files())
    assert shown == ["a.json", "sub/c.json"]
    assert [p.name for p in files(tmp_path, "docs/*.json").files()] == ["a.json"]
    assert [p.name for p in files(tmp_path, "docs/sub/*").files()] == ["c.json"]
    assert [p.name for p in files(tmp_path, "docs").files()] == ["a.json", "b.txt"]


def test_a_glob_caps_its_matches_leaving_the_rest_unjudged(tmp_path):
    """5.1: past the reading bound ``max_files`` the files are not judged, not a finding (forty-fourth reading, ax1)."""
    (tmp_path / "docs").mkdir()
    for index in range(8):
        (tmp_path / "docs" / f"d{index}.json").write_text("{}")
    assert files(tmp_path, "docs/*.json").max_files == file_adapter.MAX_MATCHES
    target = files(tmp_path, "docs/*.json", max_files=5)
    with recording(Evidence()) as evidence:
        found = target.files()
    assert [p.name for p in found] == [f"d{i}.json" for i in range(5)]
    assert evidence.findings_count == 0 and list(evidence.unjudged_inputs) == ["docs/*.json"]
    [note] = [item for item in evidence.items if item.get("unjudged")]
    assert note["max_files"] == 5 and "more than 5 files, the reading bound max_files" in note["message"]


def test_no_excerpt_of_a_file_outside_the_inputs(tmp_path, secret):
    (tmp_path / "m").mkdir()  # the manifest's folder, outside which the secret is
    (tmp_path / "m" / "key.json").symlink_to(secret)  # named as it is: read, but never quoted
    with recording(Evidence()) as evidence:
        assert list(files(tmp_path / "m", "key.json").documents()) == []
    assert evidence.findings_count == 1 and "SECRET" not in json.dumps(evidence.items, default=str)


# -- verify, keys, report export, the ETA ----------------------------------------------------


def test_verify_never_follows_a_subject_out_of_the_inputs(tmp_path):
    sparse(tmp_path / "huge.bin", TIB)  # hashed, it would take hours
    (tmp_path / "inputs").mkdir()
    out = _signed(tmp_path, [_report_subject(tmp_path), {"name": "../huge.bin", "digest": {"sha256": "0" * 64},
                                                         "annotations": {"kind": "file", "role": "x"}}])
    with pytest.raises(Rejected, match="leads outside its folder"):
        verify(out, [load_public_key(tmp_path / "k.pub")], inputs=tmp_path / "inputs")


def test_verify_caps_what_it_hashes(tmp_path):
    (tmp_path / "inputs").mkdir()
    sparse(tmp_path / "inputs" / "data.json", TIB)
    out = _signed(tmp_path, [_report_subject(tmp_path), {"name": "data.json", "digest": {"sha256": "0" * 64},
                                                         "annotations": {"kind": "file", "role": "x"}}])
    with pytest.raises(Rejected, match="the harness reads"):
        verify(out, [load_public_key(tmp_path / "k.pub")], inputs=tmp_path / "inputs")


@pytest.mark.parametrize("subject", [{"name": "data.json"}, {"name": "data.json", "digest": "x"}, "data.json",
                                     {"digest": {"sha256": "0" * 64}}])
def test_a_subject_without_a_digest_is_one_line(tmp_path, subject):
    out = _signed(tmp_path, [_report_subject(tmp_path), subject])
    with pytest.raises(Rejected, match="no name or no sha256 digest") as caught:
        verify(out, [load_public_key(tmp_path / "k.pub")], inputs=tmp_path)
    assert "\n" not in str(caught.value)


def test_a_huge_envelope_is_rejected_unread(tmp_path):
    out = _signed(tmp_path, [_report_subject(tmp_path)])
    sparse(out / "attestation.dsse.json", 400 << 20)
    with pytest.raises(Rejected, match="attestation.dsse.json is .* more than"):
        verify(out, [load_public_key(tmp_path / "k.pub")])


@pytest.mark.parametrize("make", ["fifo", "zero", "folder", "huge", "missing"])
def test_a_trusted_key_that_is_not_a_key_file_is_one_line(tmp_path, make):
    path = {"zero": Path("/dev/zero"), "folder": tmp_path}.get(make, tmp_path / "k.pub")
    if make == "fifo":
        os.mkfifo(path)
    elif make == "huge":
        sparse(path, 2 << 30)
    with pytest.raises(HarnessInputError, match="--trust") as caught:
        load_public_key(path)
    assert len(caught.value.line().splitlines()) == 1


def test_a_huge_signing_key_is_refused_unread(tmp_path):
    key = sparse(tmp_path / "k", 2 << 30)
    key.chmod(0o600)
    with pytest.raises(HarnessInputError, match="--sign .*more than"):
        load_private_key(key)


def test_report_export_reads_a_report_within_a_cap(tmp_path):
    (tmp_path / "r").mkdir()
    sparse(tmp_path / "r" / "report.json", 1 << 30)
    with pytest.raises(HarnessInputError, match="more than"):
        export_report(tmp_path / "r", tmp_path / "o")


def test_the_eta_skips_an_earlier_report_over_its_cap(tmp_path, monkeypatch):
    (tmp_path / "previous").mkdir()
    (tmp_path / "previous" / "report.json").write_bytes(
        orjson.dumps({"tests": [{"nodeid": "t", "duration_s": 1.5}]}))
    assert engine.earlier_durations(tmp_path) == {"t": 1.5}
    monkeypatch.setattr(outfolder, "MAX_DOCUMENT_BYTES", 10)  # where the engine's output folder is read
    assert engine.earlier_durations(tmp_path) == {}


# -- the glTF validator -------------------------------------------------------------------


def test_the_validator_runs_with_a_heap_cap_and_is_given_no_file_over_its_cap(tmp_path, monkeypatch):
    seen: list[list[str]] = []

    def spy(command, **kwargs):
        seen.append(command)
        raise OSError("not run here")

    monkeypatch.setattr(khronos.subprocess, "Popen", spy)
    monkeypatch.setattr(khronos, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(khronos, "_nodes", {})  # a process kept from another test is not this one
    big = sparse(tmp_path / "big.glb", 101)
    assert "error" in khronos.validate([big])[big] and not seen  # checked first, never handed over
    small = tmp_path / "small.gltf"
    small.write_text("{}")
    with pytest.raises(khronos.Unavailable):
        khronos.validate([small])
    assert f"--max-old-space-size={khronos.NODE_HEAP_MB}" in seen[0]


@pytest.mark.slow
def test_a_gltf_resource_is_read_only_inside_its_folder_as_a_regular_file(tmp_path, secret):
    model = json.loads((Path(khronos.__file__).parents[2] / "reference" / "samples" / "models" /
                        "triangle.gltf").read_bytes())
    reports = {}
    paths = []
    for make in ("link", "fifo"):
        folder = tmp_path / make
        folder.mkdir()
        if make == "link":
            (folder / "buffer.bin").symlink_to(secret)  # a string compare of paths would let it in
        else:
            os.mkfifo(folder / "buffer.bin")  # opened as Node does by default, it would block forever
        model["buffers"][0]["uri"] = "buffer.bin"
        (folder / "model.gltf").write_text(json.dumps(model))
        paths.append(folder / "model.gltf")
    reports = khronos.validate(paths)
    for path, says in zip(paths, ("outside the declared folder", "not a regular file"), strict=True):
        # declined for the harness's safety (issue 62): listed apart from the asset's errors
        declined = [item["message"] for item in gltf_reports.declined(reports[path])]
        assert any(says in text for text in declined), reports[path]


def test_an_event_log_is_replayed_one_bounded_line_at_a_time(tmp_path, monkeypatch):
    from conformance._run import aggregation

    monkeypatch.setattr(aggregation, "MAX_EVENT_LINE_BYTES", 100)
    log = tmp_path / "report.events.ndjson"
    log.write_bytes(b"x" * 1000)  # one line, no newline: never read whole
    with pytest.raises(HarnessInputError, match="line 1: an event over 100 bytes") as caught:
        aggregation.replay_file(log)
    assert len(caught.value.line().splitlines()) == 1


def test_verify_hashes_all_subjects_within_one_budget(tmp_path, monkeypatch):
    from conformance.certification import verify as verify_module

    (tmp_path / "inputs").mkdir()
    subjects = [_report_subject(tmp_path)]
    for name in ("a.json", "b.json"):
        (tmp_path / "inputs" / name).write_bytes(b"x" * 60)
        subjects.append({"name": name, "digest": {"sha256": hashlib.sha256(b"x" * 60).hexdigest()},
                         "annotations": {"kind": "file", "role": "x"}})
    out = _signed(tmp_path, subjects)
    monkeypatch.setattr(verify_module, "MAX_VERIFY_BYTES", 100)
    with pytest.raises(Rejected, match="subject b.json is 60 bytes, more than the 38"):
        verify(out, [load_public_key(tmp_path / "k.pub")], inputs=tmp_path / "inputs")
