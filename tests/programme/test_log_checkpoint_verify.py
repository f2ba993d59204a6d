"""`conformance verify` and the programme log's C2SP forms: a certificate carries the
tlog-checkpoint of the head its run was proved against, verify checks it (the programme's
origin, a trusted key, the head's tree) and, with the published log at hand, its checkpoint
and tiles. Each bad note is one line and exit 1, nothing trusted. The altered certificates
are re-signed with the programme's own key, so it is these checks that refuse them, not the
certificate's signature."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import orjson
import pytest

from conformance.certification.attestation import load_private_key
from conformance.cli import main
from conformance.programme import checkpoint, signing

from .test_log_shown import certified_programme

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


@pytest.fixture(scope="module")
def certified(tmp_path_factory, catalog) -> Path:
    """A signed programme run with headset certified: the programme folder, a copy for this
    module of the one made once a session (the tests write altered certificates beside the
    real one, which another worker's tests must not see)."""
    folder = tmp_path_factory.mktemp("programme-checkpoint") / "programme"
    shutil.copytree(certified_programme(tmp_path_factory, catalog), folder, symlinks=True)
    return folder


def _issued(folder: Path) -> Path:
    (issued,) = (folder / "out" / "certificates").glob("headset-*.json")
    return issued


def _verify(issued: Path, folder: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(issued), "--trust", str(folder / "program.key.pub"), *extra])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, " ".join(out.out.split())


def _resigned(folder: Path, tmp_path: Path, carried: str) -> Path:
    """The certificate with ``carried`` as its checkpoint, signed again by the programme's key."""
    issued = _issued(folder)
    cert = orjson.loads(issued.read_bytes())
    cert["credentialSubject"]["programmeLog"]["checkpoint"] = carried
    created = cert.pop("proof")["created"]
    key = load_private_key(folder / "program.key")
    altered = issued.with_name("altered.json")
    altered.write_bytes(orjson.dumps(signing.add_proof(cert, key, created)))
    return altered


def test_a_certificate_carries_its_heads_checkpoint_and_verify_checks_it_and_the_tiles(certified, capsys):
    issued = _issued(certified)
    proved = orjson.loads(issued.read_bytes())["credentialSubject"]["programmeLog"]
    tree = checkpoint.read_text(proved["checkpoint"].partition("\n\n")[0] + "\n")
    assert (tree.size, tree.root.hex()) == (proved["head"]["treeSize"], proved["head"]["rootHash"])
    assert tree.origin.endswith("/" + orjson.loads(issued.read_bytes())["credentialSubject"]["programme"]["id"])
    assert (certified / "out" / "log" / checkpoint.FILE).is_file()
    assert (certified / "out" / "log" / "tile" / "entries").is_dir()
    code, said = _verify(issued, certified, capsys)
    assert code == 0, said
    assert "tlog-checkpoint" in said and "tlog-tiles" in said, said


def _carried(folder: Path) -> str:
    return orjson.loads(_issued(folder).read_bytes())["credentialSubject"]["programmeLog"]["checkpoint"]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda text, key: checkpoint.sign(checkpoint.Checkpoint(
        "other.example/pilot", *_tree(text)), key).decode(), "its checkpoint: the checkpoint is of the log "
                                                             "'other.example/pilot'"),
    (lambda text, key: text.replace("\n\n", "\n"), "its checkpoint: the note has no blank line"),
    (lambda text, key: text.replace("\u2014", "-"), "its checkpoint: signature line 1 is not"),
    (lambda text, key: checkpoint.sign(checkpoint.Checkpoint(
        _origin(text), _tree(text)[0], bytes(32)), key).decode(), "its checkpoint is not the tree of its head"),
    (lambda text, key: text.replace(f"\n{_tree(text)[0]}\n", f"\n{_tree(text)[0] + 1}\n", 1), "does not verify"),
])
def test_a_bad_checkpoint_in_a_certificate_is_one_line_and_rejected(certified, tmp_path, capsys, change, reason):
    key = load_private_key(certified / "program.key")
    altered = _resigned(certified, tmp_path, change(_carried(certified), key))
    try:
        code, said = _verify(altered, certified, capsys)
    finally:
        altered.unlink()
    assert code == 1 and said.startswith("rejected: the certificate's programme log proof:") and reason in said, said


def test_a_certificate_without_a_checkpoint_is_rejected(certified, tmp_path, capsys):
    issued = _issued(certified)
    cert = orjson.loads(issued.read_bytes())
    del cert["credentialSubject"]["programmeLog"]["checkpoint"]
    created = cert.pop("proof")["created"]
    altered = issued.with_name("altered.json")
    altered.write_bytes(orjson.dumps(signing.add_proof(cert, load_private_key(certified / "program.key"), created)))
    try:
        code, said = _verify(altered, certified, capsys)
    finally:
        altered.unlink()
    assert code == 1 and "carries no tlog-checkpoint" in said, said


def _origin(text: str) -> str:
    return text.partition("\n")[0]


def _tree(text: str) -> tuple[int, bytes]:
    lines = text.split("\n")
    return int(lines[1]), base64.b64decode(lines[2])


@pytest.mark.parametrize(("change", "reason"), [
    (lambda log: _flip(log / "tile" / "entries" / "000.p/{size}"), "its hashes are not those of the log's entries"),
    (lambda log: (log / checkpoint.FILE).write_bytes(b"not a note"), "the published checkpoint: the note has no"),
    (lambda log: (log / checkpoint.FILE).write_bytes(checkpoint.sign(_foreign(log), _stranger())),
     "the published checkpoint: the checkpoint is not signed by the key of the log"),
])
def test_a_published_log_whose_tiles_or_checkpoint_were_altered_is_rejected(certified, tmp_path, capsys, change,
                                                                               reason):
    published = tmp_path / "log"
    shutil.copytree(certified / "out" / "log", published)
    change(published)
    code, said = _verify(_issued(certified), certified, capsys, "--log", str(published))
    assert code == 1 and said.startswith(f"rejected: the published log {published}") and reason in said, said


def _flip(pattern: Path) -> None:
    (path,) = pattern.parent.glob(pattern.name.replace("{size}", "*"))
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))


def _foreign(log: Path) -> checkpoint.Checkpoint:
    """The published checkpoint's tree, to be signed by a stranger under the same origin."""
    return checkpoint.read_text((log / checkpoint.FILE).read_text().partition("\n\n")[0] + "\n")


def _stranger():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()
