"""The battery's cases of issue 24 that read: every reader bounded and kept inside its inputs
(content references, glTF resources, globs, verify, keys, report export, the ETA's earlier
report, the catalog cache). Sparse files stand in for huge ones (they take no disk); a FIFO
that is opened blocks (the case then runs out of its time bound); an outside file that is
read shows as a time or memory bound broken, or as the canary in an output."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import orjson

from .battery import CANARY, SAMPLES, Case, Servers, file_manifest, run_args, write_yaml

RUN = frozenset({0, 1, 3})  # as in cases.py (which imports this module: no import back)
BAD_INPUT = frozenset({2})
GIB = 1 << 30
META = SAMPLES / "asset_metadata" / "ref-helmet-0001.json"
TRIANGLE = SAMPLES / "models" / "triangle.gltf"
#: verify's exit codes: 0 verified, 1 rejected (one line), 2 bad input (one line).
VERIFY = frozenset({1, 2})


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _secret(folder: Path) -> Path:
    (folder / "secret").mkdir(exist_ok=True)
    path = folder / "secret" / "key.bin"
    path.write_text(f"-----BEGIN PRIVATE KEY-----\n{CANARY}\n")
    return path


# -- content references ---------------------------------------------------------------------


def _content(make: str) -> object:
    """Asset metadata whose content reference names a file made hostile by ``make``."""
    def prepare(folder: Path, servers: Servers) -> list[str]:
        (folder / "assets").mkdir()
        target = folder / "assets" / "payload.bin"
        if make == "sparse":
            _sparse(target, 64 * GIB)
        elif make == "fifo":
            _fifo(target)
        else:  # a link out of the metadata's folder, to a FIFO (followed: it blocks)
            target.symlink_to(_fifo(folder / "outside.fifo"))
        meta = json.loads(META.read_bytes())
        meta["content"] = [{"uri": "payload.bin", "media_type": "application/octet-stream",
                            "sha256": "0" * 64, "size": 1, "role": "model"}]
        (folder / "assets" / "meta.json").write_text(json.dumps(meta))
        manifest = {"product": {"name": "Hostile assets", "version": "0"}, "profiles": ["asset-metadata"],
                    "targets": {"asset_metadata": {"adapter": "file", "paths": ["assets/meta.json"]}}}
        return run_args(write_yaml(folder / "manifest.yaml", manifest), "--requirement", "AS-CONT-001")

    return prepare


# -- glTF external resources ----------------------------------------------------------------


def _gltf_buffer(make: str) -> object:
    def prepare(folder: Path, servers: Servers) -> list[str]:
        (folder / "m").mkdir()
        buffer = folder / "m" / "buffer.bin"
        if make == "fifo":
            _fifo(buffer)
        elif make == "sparse":
            _sparse(buffer, GIB)
        else:  # a link leading out of the asset's folder (to a FIFO: followed, it blocks)
            buffer.symlink_to(_fifo(folder / "outside.fifo"))
        model = json.loads(TRIANGLE.read_bytes())
        model["buffers"][0]["uri"] = "buffer.bin"
        (folder / "m" / "model.gltf").write_text(json.dumps(model))
        manifest = {"product": {"name": "Hostile models", "version": "0"}, "profiles": ["asset-3d-content"],
                    "targets": {"models": {"adapter": "file", "paths": ["m/model.gltf"]}}}
        return run_args(write_yaml(folder / "manifest.yaml", manifest), "--requirement", "AS-GLTF-001")

    return prepare


# -- globs ------------------------------------------------------------------------------------


def _glob_through_loops(folder: Path, servers: Servers) -> list[str]:
    docs = folder / "docs"
    (docs / "a" / "b").mkdir(parents=True)
    (docs / "a" / "did.json").write_bytes((SAMPLES / "did_documents").glob("*.json").__next__().read_bytes())
    for name in ("up", "again", "more"):
        (docs / "a" / "b" / name).symlink_to(docs)
        (docs / "a" / name).symlink_to(docs / "a")
    return run_args(write_yaml(folder / "manifest.yaml", file_manifest(["docs/**/*.json"])))


def _glob_too_many(folder: Path, servers: Servers) -> list[str]:
    docs = folder / "docs"
    docs.mkdir()
    # 20 000 names the glob matches, each a regular JSON file: hard links to one, since making
    # 20 000 inodes cost some 5 CPU-s of the kernel's (ext4) and the glob reads names (issue 77)
    first = docs / "d00000.json"
    first.write_bytes(b"{}")
    for index in range(1, 20_000):
        os.link(first, f"{docs}/d{index:05}.json")
    return run_args(write_yaml(folder / "manifest.yaml", file_manifest(["docs/**/*.json"])))


# -- verify and keys ------------------------------------------------------------------------


def _signed(folder: Path, subjects: list[object]) -> Path:
    """A report folder with an envelope signed by ``k`` (trusted as k.pub) over these subjects."""
    from conformance.certification.attestation import (
        ENVELOPE_NAME,
        PAYLOAD_TYPE,
        envelope_bytes,
        fingerprint,
        generate_keys,
        load_private_key,
        pae,
    )

    generate_keys(folder / "k")
    key = load_private_key(folder / "k")

    statement = {"_type": "https://in-toto.io/Statement/v1", "subject": subjects,
                 "predicateType": "https://metaverse-conformance.org/attestation/certification/v1",
                 "predicate": {"scope": "full", "inputs_base": None}}
    payload = orjson.dumps(statement, option=orjson.OPT_SORT_KEYS)
    out = folder / "signed"  # not "out": the battery judges what a run writes there
    out.mkdir()
    (out / "report.json").write_text("{}")
    envelope = envelope_bytes(payload, [(fingerprint(key.public_key()), key.sign(pae(PAYLOAD_TYPE, payload)))])
    (out / ENVELOPE_NAME).write_bytes(envelope)
    return out


def _report_subject(folder: Path) -> dict[str, object]:
    return {"name": "report.json", "digest": {"sha256": hashlib.sha256(b"{}").hexdigest()},
            "annotations": {"kind": "report"}}


def _verify_subject(make: str) -> object:
    def prepare(folder: Path, servers: Servers) -> list[str]:
        (folder / "inputs").mkdir()
        if make == "climbs":  # ../ out of --inputs, to a 1 TiB file: hashed, it takes hours
            _sparse(folder / "huge.bin", 1 << 40)
            subject: dict[str, object] = {"name": "../huge.bin", "digest": {"sha256": "0" * 64},
                                          "annotations": {"kind": "file", "role": "x"}}
        elif make == "huge":  # a 1 TiB file swapped in for a subject
            _sparse(folder / "inputs" / "data.json", 1 << 40)
            subject = {"name": "data.json", "digest": {"sha256": "0" * 64},
                       "annotations": {"kind": "file", "role": "x"}}
        else:  # no digest at all
            subject = {"name": "data.json", "annotations": {"kind": "file", "role": "x"}}
        _signed(folder, [_report_subject(folder), subject])
        return ["verify", "signed", "--trust", "k.pub", "--inputs", "inputs"]

    return prepare


def _verify_trust(make: str) -> object:
    def prepare(folder: Path, servers: Servers) -> list[str]:
        _signed(folder, [_report_subject(folder)])
        trust = {"fifo": lambda: str(_fifo(folder / "t.pub")), "zero": lambda: "/dev/zero",
                 "dir": lambda: str(folder)}[make]()
        return ["verify", "signed", "--trust", trust]

    return prepare


def _verify_big_envelope(folder: Path, servers: Servers) -> list[str]:
    out = _signed(folder, [_report_subject(folder)])
    _sparse(out / "attestation.dsse.json", 400 * (1 << 20))
    return ["verify", "signed", "--trust", "k.pub"]


def _sign_with_a_huge_key(folder: Path, servers: Servers) -> list[str]:
    from .cases import VALID_FILES

    key = _sparse(folder / "k", 2 * GIB)
    key.chmod(0o600)
    return run_args(write_yaml(folder / "manifest.yaml", VALID_FILES), "--sign", "k")


# -- reports read back ------------------------------------------------------------------------


def _export_huge_report(folder: Path, servers: Servers) -> list[str]:
    (folder / "r").mkdir()
    _sparse(folder / "r" / "report.json", GIB)
    return ["report", "export", "r", "--oscal", "--out", "oscal"]


def _huge_stale_report(folder: Path, servers: Servers) -> list[str]:
    """An earlier report of 1 GiB in --out: set aside, then read for the ETA."""
    from .cases import VALID_FILES

    (folder / "out").mkdir()
    _sparse(folder / "out" / "report.json", GIB)
    # with progress (on stderr): the ETA is what reads the earlier report
    return ["run", "--manifest", str(write_yaml(folder / "manifest.yaml", VALID_FILES)), "--out", "out"]


# -- the catalog cache ----------------------------------------------------------------------


#: The cache is the case's own (a folder relative to the case's working folder).
CACHE_ENV = {"CONFORMANCE_CACHE_DIR": "cache"}


def _poisoned_cache(how: str) -> object:
    """Fill the cache with the very code under test, then edit every entry: make every schema
    in it accept anything, or replace the entry by an odd one; then judge a bad document."""
    def prepare(folder: Path, servers: Servers) -> list[str]:
        import subprocess
        import sys

        from .battery import child_env

        if servers.forks is not None:
            servers.forks.call(["list", "profiles"], folder, child_env(CACHE_ENV))
        else:
            subprocess.run([sys.executable, "-m", "conformance.cli", "list", "profiles"], cwd=folder,
                           env=child_env(CACHE_ENV), capture_output=True, check=False, timeout=300)
        for entry in (folder / "cache").glob("catalog-*.json"):
            data = orjson.loads(entry.read_bytes())
            if how == "odd":
                data = {"format": 1}
            elif isinstance(data.get("schemas"), dict):  # an entry with content: loosen all of it
                data["schemas"] = {sid: {"$schema": s.get("$schema"), "$id": sid} if "openapi" not in s else s
                                   for sid, s in data["schemas"].items()}
            else:  # an entry without: plant schemas anyway
                data["schemas"] = {"https://metaverse-conformance.org/schemas/x.json": {"type": "object"}}
            entry.write_bytes(orjson.dumps(data))
        document = json.loads(next((SAMPLES / "did_documents").glob("*.json")).read_bytes())
        document["controller"] = 5  # against the DID document schema only: no code check judges it
        (folder / "bad.json").write_text(json.dumps(document))
        return ["validate", "--profile", "identity-document", "bad.json", "--out", "out", "--no-progress"]

    return prepare


BOUNDS_CASES = [
    Case("a content reference to a 64 GiB sparse file", _content("sparse"), frozenset({3})),
    Case("a content reference to a FIFO", _content("fifo"), frozenset({1})),
    Case("a content reference through a link out of the folder", _content("link"), frozenset({1})),
    Case("a glTF buffer that is a FIFO", _gltf_buffer("fifo"), RUN),
    Case("a glTF buffer of 1 GiB", _gltf_buffer("sparse"), RUN),
    Case("a glTF buffer linked out of the asset's folder", _gltf_buffer("link"), RUN),
    Case("a ** glob through symlink loops", _glob_through_loops, RUN),
    # 20 000 names written (hard links), globbed and refused: 9 s alone here, 40 s in a loaded CI run
    Case("a glob matching 20 000 files", _glob_too_many, frozenset({1}), slack_s=120.0),
    Case("verify a subject named ../ (a 1 TiB file)", _verify_subject("climbs"), VERIFY, writes_report=False,
         slow=False),
    Case("verify a subject swapped for a 1 TiB file", _verify_subject("huge"), VERIFY, writes_report=False, slow=False),
    Case("verify a subject without a digest", _verify_subject("no-digest"), VERIFY, writes_report=False, slow=False),
    Case("verify --trust a FIFO", _verify_trust("fifo"), BAD_INPUT, slow=False),
    Case("verify --trust /dev/zero", _verify_trust("zero"), BAD_INPUT, slow=False),
    Case("verify --trust a folder", _verify_trust("dir"), BAD_INPUT, slow=False),
    Case("verify a 400 MB envelope", _verify_big_envelope, VERIFY, writes_report=False, slow=False),
    Case("run --sign a 2 GiB key file", _sign_with_a_huge_key, BAD_INPUT),
    Case("report export of a 1 GiB report", _export_huge_report, BAD_INPUT, slow=False),
    Case("a 1 GiB earlier report in --out (read for the ETA)", _huge_stale_report, RUN),
]


def _cache_cases() -> list[Case]:
    return [Case("a poisoned catalog cache (its schemas loosened)", _poisoned_cache("loosen"), frozenset({1}),
                 env=CACHE_ENV),
            Case('an odd catalog-cache entry ({"format": 1})', _poisoned_cache("odd"), frozenset({1}),
                 env=CACHE_ENV)]


BOUNDS_CASES += _cache_cases()
