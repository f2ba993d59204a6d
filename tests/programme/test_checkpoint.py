"""Signed notes (C2SP signed-note), checkpoints (tlog-checkpoint) and cosignatures
(tlog-cosignature/v1): what the programme signs verifies, a known note of the Go checksum
database's note package verifies, and every malformed or foreign note is refused with a
reason, never trusted."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.programme import checkpoint, note

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
ORIGIN = "certify.example.org/city-pilot"
TREE = checkpoint.Checkpoint(ORIGIN, 7, bytes(range(32)))

# The example of golang.org/x/mod/sumdb/note's documentation: its verifier key and a note it
# signed (public facts of the format, checked here byte for byte).
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_NOTE = ("If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n"
           "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6Ryy"
           "BwJnAM=\n").encode()


def test_a_note_signed_by_the_go_note_package_verifies():
    key = note.parse_vkey(GO_VKEY)
    assert key.vkey() == GO_VKEY and key.id.hex() == "c74f20a3"
    assert note.verify(note.parse(GO_NOTE), [key]) == {"PeterNeumann": None}


def test_the_go_note_altered_by_one_letter_does_not_verify():
    altered = GO_NOTE.replace(b"answer", b"Answer")
    with pytest.raises(note.NoteProblem, match="does not verify"):
        note.verify(note.parse(altered), [note.parse_vkey(GO_VKEY)])


def test_a_checkpoint_is_three_lines_signed_under_its_origin():
    data = checkpoint.sign(TREE, KEY)
    text, _, signature = data.decode().partition("\n\n")
    assert text == f"{ORIGIN}\n7\n{base64.b64encode(bytes(range(32))).decode()}"
    assert signature.startswith(f"\u2014 {ORIGIN} ") and signature.endswith("\n")
    opened, signed, cosigned = checkpoint.open_checkpoint(data, ORIGIN, [OTHER.public_key(), KEY.public_key()])
    assert opened == TREE and cosigned == {} and signed.encode() == data
    assert checkpoint.sign(TREE, KEY) == data  # deterministic: the same head is the same note


def test_a_verifier_key_round_trips():
    key = checkpoint.verifier_key(ORIGIN, KEY.public_key())
    assert note.parse_vkey(key.vkey()) == key


@pytest.mark.parametrize("vkey", ["", "name", "name+c74f20a3", "na me+c74f20a3+AQ==", "x+zzzzzzzz+AQ==",
                                  GO_VKEY.replace("c74f20a3", "c74f20a4"), GO_VKEY[:-4]])
def test_a_malformed_verifier_key_is_refused(vkey):
    with pytest.raises(note.NoteProblem):
        note.parse_vkey(vkey)


def test_the_origin_is_the_sites_host_and_the_programmes_id():
    assert checkpoint.log_origin("city-pilot", "https://certify.example.org/pilot/") == ORIGIN
    assert checkpoint.log_origin("city pilot", None) == "conformance.invalid/city-pilot"


def _signed(text: str) -> bytes:
    return note.sign(text, ORIGIN, KEY).encode()


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "no blank line"),
    (b"\xff\xfe\n\n", "not UTF-8"),
    (checkpoint.sign(TREE, KEY).replace(b"\n\n", b"\n"), "no blank line"),
    (checkpoint.sign(TREE, KEY)[:-1], "does not end with a newline"),
    (checkpoint.sign(TREE, KEY).replace("\u2014".encode(), b"-"), "is not"),
    (checkpoint.sign(TREE, KEY).replace(f"\u2014 {ORIGIN} ".encode(), f"\u2014 {ORIGIN}  ".encode()), "is not"),
    (checkpoint.sign(TREE, KEY).rstrip(b"\n")[:-4] + b"!!!!\n", "is not"),
    (checkpoint.sign(TREE, KEY) + "\u2014 x AAAAAAA=\n".encode() * 100, "more than 100"),
    (b"a\tb\n\n" + checkpoint.sign(TREE, KEY).partition(b"\n\n")[2], "control character"),
    (b"x" * (note.MAX_NOTE_BYTES + 1), "more than a note carries"),
    (_signed(f"{ORIGIN}\n07\n{base64.b64encode(bytes(32)).decode()}\n"), "not a decimal number"),
    (_signed(f"{ORIGIN}\n7\n{base64.b64encode(bytes(31)).decode()}\n"), "not 32 bytes"),
    (_signed(f"{ORIGIN}\n7\n"), "not origin, tree size and root hash"),
    (_signed(f"{ORIGIN}\n7\n{base64.b64encode(bytes(32)).decode()}\n\n"), "no blank line|empty extension"),
    (checkpoint.sign(checkpoint.Checkpoint("other.example/log", 7, bytes(32)), KEY), "not of 'certify"),
    (checkpoint.sign(TREE, OTHER), "not signed by the key of the log"),
    (checkpoint.sign(TREE, KEY).replace(b"\n7\n", b"\n8\n"), "does not verify"),
])
def test_a_malformed_or_foreign_checkpoint_is_refused_with_its_reason(data, reason):
    with pytest.raises(note.NoteProblem, match=reason):
        checkpoint.open_checkpoint(data, ORIGIN, [KEY.public_key()])


def test_a_witness_cosignature_verifies_with_its_time_and_only_for_that_checkpoint():
    witness = Ed25519PrivateKey.from_private_bytes(bytes(range(2, 34)))
    wkey = note.note_key("witness.example/w1", witness.public_key(), note.COSIGNATURE)
    signed = note.parse(checkpoint.sign(TREE, KEY))
    cosigned = signed.with_signatures(note.cosign(signed.text, wkey.name, witness, 1_764_000_000))
    opened = checkpoint.open_checkpoint(cosigned.encode(), ORIGIN, [KEY.public_key()], [wkey])
    assert opened[2] == {"witness.example/w1": 1_764_000_000}
    # the cosignature's bytes are key ID, 8-byte big-endian time, signature
    assert cosigned.signatures[1].payload[:8] == (1_764_000_000).to_bytes(8, "big") and len(
        cosigned.signatures[1].payload) == 72
    # moved onto another checkpoint, or its time changed, it does not verify
    other = note.parse(checkpoint.sign(checkpoint.Checkpoint(ORIGIN, 8, bytes(32)), KEY))
    with pytest.raises(note.NoteProblem, match="does not verify"):
        checkpoint.open_checkpoint(other.with_signatures(cosigned.signatures[1]).encode(), ORIGIN,
                                   [KEY.public_key()], [wkey])
    moved = note.Signature(wkey.name, wkey.id, (1_764_000_001).to_bytes(8, "big") + cosigned.signatures[1].payload[8:])
    with pytest.raises(note.NoteProblem, match="does not verify"):
        checkpoint.open_checkpoint(signed.with_signatures(moved).encode(), ORIGIN, [KEY.public_key()], [wkey])


def test_a_witness_named_like_the_log_does_not_stand_in_for_the_logs_signature():
    witness = Ed25519PrivateKey.from_private_bytes(bytes(range(3, 35)))
    wkey = note.note_key(ORIGIN, witness.public_key(), note.COSIGNATURE)
    only_cosigned = note.Note(TREE.text(), (note.cosign(TREE.text(), ORIGIN, witness, 1),))
    with pytest.raises(note.NoteProblem, match="not signed by the key of the log"):
        checkpoint.open_checkpoint(only_cosigned.encode(), ORIGIN, [KEY.public_key()], [wkey])
