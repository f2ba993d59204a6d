"""The programme log read by an implementation this project did not write: tlog-scales (PyPI,
Apache-2.0, tooling for C2SP tlog-tiles logs by a Sigsum contributor). It parses the
programme's checkpoints and verifies their Ed25519 note signature with the verifier key the
programme prints, fetches the tiles and entry bundles the programme published, recomputes
the root from them, and builds and checks inclusion and consistency proofs (RFC 9162); its
proofs and ours are the same hashes, and a witness's tlog-cosignature made here verifies
with its cosignature verifier. It is in the ``test`` extra (pyproject.toml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tlog_scales import backend, reader, tiles, tlog
from tlog_scales import signing as scales_signing

from conformance.programme import checkpoint, ledger, merkle, note, signing
from conformance.programme.logformat import ROTATED

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
ORIGIN = checkpoint.log_origin("city-pilot", "https://certify.example.org/")


def _log(folder: Path, size: int) -> ledger.ProgrammeLog:
    log = ledger.ProgrammeLog(folder / "h.log", "city-pilot", KEY, ORIGIN)
    did = signing.issuer_did(KEY.public_key())
    for i in range(len(log.lines()), size):
        log.append(ROTATED, {"from": f"{did}-{i}", "to": did}, f"2026-11-25T17:{i // 60 % 60:02d}:{i % 60:02d}Z")
    return log


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path, ledger.ProgrammeLog]:
    """The log published at 5 leaves (kept aside), then grown to 300 and published again."""
    folder = tmp_path_factory.mktemp("interop")
    log = _log(folder, 5)
    log.publish(folder / "site5")
    log = _log(folder, 300)
    shutil.copytree(folder / "site5", folder / "site", dirs_exist_ok=True)
    log.publish(folder / "site")
    return folder / "site5", folder / "site", log


def _vkey() -> scales_signing.Vkey:
    return scales_signing.Vkey.from_string(checkpoint.verifier_key(ORIGIN, KEY.public_key()).vkey())


def test_tlog_scales_verifies_the_published_checkpoint_and_recomputes_its_root_from_the_tiles(published):
    _, site, log = published
    tiles_reader = reader.TilesReader(backend.LocalBackend(site))
    cp = tiles_reader.get_checkpoint()
    cp.verify(_vkey())  # raises unless our Ed25519 note signature holds under our key name and key ID
    assert (cp.origin, cp.size) == (ORIGIN, 300)
    assert cp.root_hash.hex() == log.latest_head()["rootHash"]
    assert tiles_reader.calculate_root_hash() == cp.root_hash  # every tile it needed, as we wrote it


@pytest.mark.parametrize("index", [0, 4, 255, 256, 299])
def test_tlog_scales_reads_each_entry_and_proves_its_inclusion_as_we_do(published, index):
    _, site, log = published
    tiles_reader = reader.TilesReader(backend.LocalBackend(site))
    cp = tiles_reader.get_checkpoint()
    entry = tiles_reader.get_entry(index)
    assert entry == log.lines()[index]
    theirs = tiles_reader.get_inclusion_proof(index, cp.size)
    theirs.check(tiles.leaf_hash(entry), cp.root_hash)
    # the certificate's proof (ledger.inclusion, what `certify` embeds) is the same path
    proved = ledger.inclusion(log, index)
    ours = [bytes.fromhex(h) for h in proved["inclusionProof"]]
    assert ours == theirs.node_hashes
    tlog.InclusionProof(index, cp.size, ours).check(tiles.leaf_hash(entry), cp.root_hash)
    # and the checkpoint the certificate carries is the one served, which tlog-scales verifies
    carried = tlog.Checkpoint.from_text(proved["checkpoint"])
    carried.verify(_vkey())
    assert proved["checkpoint"].encode() == (site / checkpoint.FILE).read_bytes()


def test_tlog_scales_proves_the_published_heads_consistent_and_we_agree(published):
    site5, site, log = published
    old = tlog.Checkpoint.from_text((site5 / checkpoint.FILE).read_text())
    old.verify(_vkey())
    tiles_reader = reader.TilesReader(backend.LocalBackend(site))
    new = tiles_reader.get_checkpoint()
    theirs = tiles_reader.get_consistency_proof(old.size, new.size)
    theirs.check(old.root_hash, new.root_hash)
    ours = merkle.consistency_proof(log.hashes(), old.size)
    assert ours == theirs.node_hashes
    assert merkle.verify_consistency(old.size, new.size, old.root_hash, new.root_hash, theirs.node_hashes)
    # a forked history: the old checkpoint's root replaced, and tlog-scales refuses it too
    with pytest.raises(tlog.ConsistencyProofInvalid):
        tlog.ConsistencyProof(old.size, new.size, ours).check(merkle.leaf_hash(b"fork"), new.root_hash)


def test_tlog_scales_refuses_a_checkpoint_by_another_key_or_altered(published):
    _, site, _ = published
    data = (site / checkpoint.FILE).read_text()
    other = scales_signing.Vkey.from_string(checkpoint.verifier_key(
        ORIGIN, Ed25519PrivateKey.generate().public_key()).vkey())
    with pytest.raises(RuntimeError, match="no signature matched"):
        tlog.Checkpoint.from_text(data).verify(other)
    altered = data.replace("\n300\n", "\n301\n", 1)
    with pytest.raises(Exception):  # noqa: B017, PT011 (cryptography's InvalidSignature)
        tlog.Checkpoint.from_text(altered).verify(_vkey())


def test_tlog_scales_notices_a_published_tile_altered(published, tmp_path):
    _, site, _ = published
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    tile = copy / "tile" / "0" / "001.p" / "44"  # the first 256 leaves it reads from tile/1/000.p/1
    data = bytearray(tile.read_bytes())
    data[0] ^= 1
    tile.write_bytes(bytes(data))
    tiles_reader = reader.TilesReader(backend.LocalBackend(copy))
    cp = tiles_reader.get_checkpoint()
    assert tiles_reader.calculate_root_hash() != cp.root_hash


def test_tlog_scales_verifies_a_witness_cosignature_made_here(published):
    _, site, _ = published
    witness = Ed25519PrivateKey.from_private_bytes(bytes(range(5, 37)))
    wkey = note.note_key("witness.example/w1", witness.public_key(), note.COSIGNATURE)
    signed = note.parse((site / checkpoint.FILE).read_bytes())
    cosigned = signed.with_signatures(note.cosign(signed.text, wkey.name, witness, 1_764_090_000)).encode()
    cp = tlog.Checkpoint.from_text(cosigned.decode())
    vkeys = scales_signing.VkeySet(_vkey(), scales_signing.Vkey.from_string(wkey.vkey()))
    verified = vkeys.verify(cp.signatures, cp)
    assert {key.name for key, _ in verified} == {ORIGIN, "witness.example/w1"}
    assert scales_signing.Ed25519CosignatureVerifier.get_timestamp(cp.signatures[1].payload) == 1_764_090_000


def test_tlog_scales_verifies_what_our_witness_cosigned_after_its_consistency_check(published, tmp_path):
    """The witness (tlog-witness add-checkpoint) cosigns the 5-leaf checkpoint, then the 300-leaf
    one with the proof from 5; tlog-scales verifies both cosignatures with the witness's key."""
    from conformance.programme.witness import Witness, request

    site5, site, log = published
    witness = Witness(tmp_path / "w", "witness.example/w1", Ed25519PrivateKey.from_private_bytes(bytes([9]) * 32),
                      {ORIGIN: [checkpoint.verifier_key(ORIGIN, KEY.public_key())]})
    wkey = scales_signing.Vkey.from_string(witness.verifier().vkey())
    for folder, old, proof in ((site5, 0, []), (site, 5, merkle.consistency_proof(log.hashes(), 5))):
        data = (folder / checkpoint.FILE).read_bytes()
        line = witness.add_checkpoint(request(old, proof, data), 1_764_090_000).line()
        cp = tlog.Checkpoint.from_text(data.decode() + line)
        verified = scales_signing.VkeySet(_vkey(), wkey).verify(cp.signatures, cp)
        assert {key.name for key, _ in verified} == {ORIGIN, "witness.example/w1"}
