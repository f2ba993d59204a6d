"""The checkpoint a programme publishes carries its witnesses' cosignatures (C2SP
tlog-cosignature lines on the signed note), so that a relying party reading only the published
site applies its k-of-n witness policy; tlog-scales (an implementation this project did not
write) reads them too. Hostile lines: on the publisher's side a cosignature of another
checkpoint, one by a witness the programme does not name, a second one by the same witness and
a malformed line are never published; on the relying party's side the first is refused (a known
key's signature that does not verify rejects the note, signed-note), the second and third are
not counted, the last is refused. Publishing after one event writes only what changed."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tlog_scales import backend, reader
from tlog_scales import signing as scales_signing

from conformance.programme import checkpoint, ledger, note, signing
from conformance.programme.cosign import cosign_latest, witness_keys
from conformance.programme.logformat import ROTATED
from conformance.programme.witness import Witness
from conformance.programme.witnesscli import server
from conformance.programme.witnesspolicy import WitnessPolicy

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
ORIGIN = checkpoint.log_origin("city-pilot", "https://certify.example.org/")
NAMES = ("witness.example/w1", "witness.example/w2")


def _grow(log: ledger.ProgrammeLog, size: int) -> None:
    did = signing.issuer_did(KEY.public_key())
    for i in range(len(log.lines()), size):
        log.append(ROTATED, {"from": f"{did}-{i}", "to": did}, f"2026-11-25T17:{i // 60 % 60:02d}:{i % 60:02d}Z")


@pytest.fixture
def witnessed(tmp_path) -> Iterator[tuple[ledger.ProgrammeLog, list[Witness], list[tuple[str, str]]]]:
    """A signed log of 5 leaves and two witnesses serving on loopback: (log, witnesses, the
    programme file's (url, key) pairs, a third naming a witness nobody serves)."""
    log = ledger.ProgrammeLog(tmp_path / "h.log", "city-pilot", KEY, ORIGIN)
    _grow(log, 5)
    witnesses, servers = [], []
    for seed, name in enumerate(NAMES, 1):
        witness = Witness(tmp_path / f"w{seed}", name, Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32),
                          {ORIGIN: [checkpoint.verifier_key(ORIGIN, KEY.public_key())]})
        httpd = server(witness)
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        witnesses.append(witness)
        servers.append(httpd)
    named = [(f"http://127.0.0.1:{s.server_address[1]}/", w.verifier().vkey()) for s, w in zip(servers, witnesses,
                                                                                              strict=True)]
    gone = note.note_key("witness.example/gone", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    yield log, witnesses, [*named, ("http://127.0.0.1:9/", gone.vkey())]
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def _names(data: bytes) -> list[str]:
    return [s.name for s in note.parse(data).signatures]


def _policy(witnesses: list[Witness], quorum: int) -> WitnessPolicy:
    return WitnessPolicy(tuple(w.verifier() for w in witnesses), quorum)


def test_the_published_checkpoint_carries_the_witnesses_cosignatures(witnessed, tmp_path):
    log, witnesses, named = witnessed
    missed = cosign_latest(named, log)
    assert len(missed) == 1 and missed[0].startswith("witness witness.example/gone"), missed
    site = tmp_path / "site"
    log.publish(site, witness_keys(named))
    published = (site / checkpoint.FILE).read_bytes()
    assert _names(published) == [ORIGIN, *NAMES]
    # a relying party holding only the published file applies its k-of-n policy
    assert set(_policy(witnesses, 2).check(published, ORIGIN, [KEY.public_key()])) == set(NAMES)
    # and so does a C2SP tool this project did not write, reading the site as tlog-tiles
    cp = reader.TilesReader(backend.LocalBackend(site)).get_checkpoint()
    vkeys = scales_signing.VkeySet(scales_signing.Vkey.from_string(checkpoint.verifier_key(ORIGIN, KEY.public_key())
                                                                   .vkey()),
                                   *(scales_signing.Vkey.from_string(w.verifier().vkey()) for w in witnesses))
    assert {key.name for key, _ in vkeys.verify(cp.signatures, cp)} == {ORIGIN, *NAMES}
    # the log grows: the older cosignatures are not carried onto the new checkpoint ...
    _grow(log, 6)
    log.publish(site, witness_keys(named))
    assert _names((site / checkpoint.FILE).read_bytes()) == [ORIGIN]
    with pytest.raises(note.NoteProblem, match="cosigned by 0 of the policy's 2 witnesses"):
        _policy(witnesses, 1).check((site / checkpoint.FILE).read_bytes(), ORIGIN, [KEY.public_key()])
    # ... until the witnesses cosign it, each after checking the consistency proof from 5 leaves
    cosign_latest(named, log)
    log.publish(site, witness_keys(named))
    assert _names((site / checkpoint.FILE).read_bytes()) == [ORIGIN, *NAMES]
    assert all(w.latest(ORIGIN).size == 6 for w in witnesses)


def test_a_checkpoint_cosigned_already_is_not_sent_again(witnessed):
    log, _, named = witnessed
    cosign_latest(named[:2], log)
    elsewhere = [("http://127.0.0.1:9/", vkey) for _, vkey in named[:2]]  # nobody answers there
    assert cosign_latest(elsewhere, log) == []


def _cosigned(log: ledger.ProgrammeLog, *lines: note.Signature) -> bytes:
    signed = note.parse(log.latest_checkpoint() or b"")
    return note.Note(signed.text, signed.signatures + lines).encode()


def _hostile(log: ledger.ProgrammeLog, witnesses: list[Witness]) -> dict[str, note.Signature]:
    text = note.parse(log.latest_checkpoint() or b"").text
    other = checkpoint.Checkpoint(ORIGIN, 4, bytes(32)).text()
    stranger = Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
    return {
        "another checkpoint": note.cosign(other, NAMES[0], witnesses[0].key, 1_764_090_000),
        "unknown witness": note.cosign(text, "witness.example/stranger", stranger, 1_764_090_000),
        "duplicate": note.cosign(text, NAMES[0], witnesses[0].key, 1_764_090_001),
        "good w1": note.cosign(text, NAMES[0], witnesses[0].key, 1_764_090_000),
    }


def test_the_programme_never_publishes_a_cosignature_that_does_not_verify_or_is_not_its_witnesses(
        witnessed, tmp_path):
    log, witnesses, named = witnessed
    lines = _hostile(log, witnesses)
    kept = log.folder / checkpoint.FILE  # what an edit of the log's folder could leave there
    kept.write_bytes(_cosigned(log, lines["another checkpoint"], lines["unknown witness"], lines["good w1"],
                               lines["duplicate"]))
    log.publish(tmp_path / "site", witness_keys(named))
    published = note.parse((tmp_path / "site" / checkpoint.FILE).read_bytes())
    assert [(s.name, s.payload) for s in published.signatures[1:]] == [(NAMES[0], lines["good w1"].payload)]
    kept.write_bytes(kept.read_bytes() + "\u2014 not-a-signature-line\n".encode())  # malformed: the note is not read
    log.publish(tmp_path / "site", witness_keys(named))
    assert _names((tmp_path / "site" / checkpoint.FILE).read_bytes()) == [ORIGIN]


@pytest.mark.parametrize(("lines", "quorum", "refused"), [
    (("another checkpoint",), 1, "the signature by witness.example/w1 .* does not verify"),  # refused whole
    (("good w1", "another checkpoint"), 1, "does not verify"),
    (("unknown witness",), 1, r"cosigned by 0 of the policy's 2 witnesses \(none\), 1 needed; 1 other signature"),
    (("good w1", "duplicate"), 2, r"cosigned by 1 of the policy's 2 witnesses \(witness.example/w1\), 2 needed"),
])
def test_a_relying_party_counts_only_its_witnesses_valid_cosignatures_once(witnessed, lines, quorum, refused):
    log, witnesses, _ = witnessed
    hostile = _hostile(log, witnesses)
    data = _cosigned(log, *(hostile[name] for name in lines))
    with pytest.raises(note.NoteProblem, match=refused):
        _policy(witnesses, quorum).check(data, ORIGIN, [KEY.public_key()])


def test_a_malformed_cosignature_line_refuses_the_checkpoint(witnessed):
    log, witnesses, _ = witnessed
    data = _cosigned(log, _hostile(log, witnesses)["good w1"]) + "\u2014 witness.example/w2 %%%\n".encode()
    with pytest.raises(note.NoteProblem, match="signature line 3 is not"):
        _policy(witnesses, 1).check(data, ORIGIN, [KEY.public_key()])


def test_publishing_after_one_event_writes_only_what_changed(tmp_path):
    log = ledger.ProgrammeLog(tmp_path / "h.log", "city-pilot", KEY, ORIGIN)
    did = signing.issuer_did(KEY.public_key())
    log.adopt([(ROTATED, {"from": f"{did}-{i}", "to": did}, "2026-11-25T17:00:00Z") for i in range(600)],
              "2026-11-25T17:00:00Z")  # 600 leaves under one head, written at once
    site = tmp_path / "site"
    log.publish(site)
    assert log.publish(site) == []  # nothing new: nothing written
    _grow(log, 601)
    written = sorted(p.relative_to(site).as_posix() for p in log.publish(site))
    assert written == ["checkpoint", "head.json", "heads/601.json", "leaves.jsonl", "tile/0/002.p/89",
                       "tile/entries/002.p/89"]
