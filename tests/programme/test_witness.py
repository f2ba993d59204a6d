"""A witness (C2SP tlog-witness add-checkpoint): it cosigns a checkpoint of a log it witnesses
only after a consistency proof from the tree it cosigned before, refuses everything else with
the spec's status, and never cosigns two different trees of one size, also when an operator
holding the log's key races two heads at it or shows each witness another history."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.programme import checkpoint, merkle, note
from conformance.programme.witness import Refused, Witness, parse_request, request

LOG_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
ORIGIN = "certify.example.org/city-pilot"
NOW = 1_764_090_000


def _witness(folder: Path, name: str = "witness.example/w1", seed: int = 7) -> Witness:
    key = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    return Witness(folder, name, key, {ORIGIN: [checkpoint.verifier_key(ORIGIN, LOG_KEY.public_key())]})


def _leaves(n: int, fork: str = "") -> list[bytes]:
    return [merkle.leaf_hash(f"{fork}{i}".encode() if i >= 3 else str(i).encode()) for i in range(n)]


def _signed(leaves: list[bytes], key: Ed25519PrivateKey = LOG_KEY, origin: str = ORIGIN) -> bytes:
    return checkpoint.sign(checkpoint.Checkpoint(origin, len(leaves), merkle.root(leaves)), key)


def _add(witness: Witness, leaves: list[bytes], old: int, signed: bytes | None = None) -> note.Signature:
    proof = merkle.consistency_proof(leaves, old) if 0 < old < len(leaves) else []
    return witness.add_checkpoint(request(old, proof, signed or _signed(leaves)), NOW)


def _cosigned_by(witness: Witness, leaves: list[bytes], signature: note.Signature) -> dict[str, int]:
    signed = note.parse(_signed(leaves)).with_signatures(signature)
    return checkpoint.open_checkpoint(signed.encode(), ORIGIN, [LOG_KEY.public_key()], [witness.verifier()])[2]


def test_a_witness_cosigns_the_first_checkpoint_then_each_consistent_one(tmp_path):
    witness = _witness(tmp_path)
    first = _add(witness, _leaves(3), 0)
    assert _cosigned_by(witness, _leaves(3), first) == {"witness.example/w1": NOW}
    grown = _add(witness, _leaves(10), 3)
    assert _cosigned_by(witness, _leaves(10), grown) == {"witness.example/w1": NOW}
    assert witness.latest(ORIGIN).size == 10
    again = _add(witness, _leaves(10), 10)  # the same tree again: cosigned again
    assert _cosigned_by(witness, _leaves(10), again)


@pytest.mark.parametrize(("make", "status", "reason"), [
    (lambda: request(5, [], _signed(_leaves(10))), 409, "holds the tree of 3 leaves"),
    (lambda: request(3, merkle.consistency_proof(_leaves(10, "fork"), 3)[:-1], _signed(_leaves(10))), 422,
     "does not hold"),
    (lambda: request(3, [], _signed(_leaves(3))) + b"", 200, ""),
    (lambda: request(3, [bytes(32)], _signed(_leaves(3))), 422, "must be empty"),
    (lambda: request(3, [], _signed(_leaves(2))), 400, "older than"),
    (lambda: request(3, [], _signed(_leaves(10), origin="other.example/log")), 404, "not a log this witness"),
    (lambda: request(3, [], _signed(_leaves(10), key=Ed25519PrivateKey.generate())), 403, "not signed by the key"),
    (lambda: request(3, [], _signed(_leaves(10))).replace(b"\n10\n", b"\n11\n"), 403, "does not verify"),
    (lambda: b"old three\n\n" + _signed(_leaves(10)), 400, "is not 'old <size>'"),
    (lambda: b"old 03\n\n" + _signed(_leaves(10)), 400, "is not 'old <size>'"),
    (lambda: b"old 3\n!!!!\n\n" + _signed(_leaves(10)), 400, "not base64"),
    (lambda: b"old 3\nAAAA\n\n" + _signed(_leaves(10)), 400, "not 32 bytes"),
    (lambda: b"old 3\n\nnot a note", 400, "the checkpoint: the note has no blank line"),
    (lambda: b"x" * 100_000, 400, "more than an add-checkpoint request carries"),
])
def test_each_refusal_has_the_specs_status_and_says_why(tmp_path, make, status, reason):
    witness = _witness(tmp_path)
    _add(witness, _leaves(3), 0)
    if status == 200:
        assert isinstance(witness.add_checkpoint(make(), NOW), note.Signature)
        return
    with pytest.raises(Refused, match=reason) as refused:
        witness.add_checkpoint(make(), NOW)
    assert refused.value.status == status
    assert witness.latest(ORIGIN).size == 3  # nothing changed


def test_a_request_without_its_checkpoint_is_malformed():
    with pytest.raises(Refused) as refused:
        parse_request(b"old 1\n")
    assert refused.value.status == 400


def test_a_split_view_is_refused_and_kept_as_evidence(tmp_path):
    witness = _witness(tmp_path)
    _add(witness, _leaves(5), 0)
    with pytest.raises(Refused, match="a split view") as refused:
        _add(witness, _leaves(5, "fork"), 5)
    assert (refused.value.status, refused.value.size) == (409, 5)
    (kept,) = (tmp_path / "split").iterdir()
    assert kept.read_bytes() == _signed(_leaves(5, "fork"))


def test_two_heads_raced_at_one_witness_get_one_cosignature(tmp_path):
    """The operator sends two different trees of size 10 at once, both from the witness's 3:
    the witness's lock takes them one after the other, and the second is refused."""
    witness = _witness(tmp_path)
    _add(witness, _leaves(3), 0)
    start, results = threading.Barrier(2), []

    def send(fork: str) -> None:
        start.wait()
        try:
            results.append(_add(_witness(tmp_path), _leaves(10, fork), 3))
        except Refused as exc:
            results.append(exc)

    threads = [threading.Thread(target=send, args=(fork,)) for fork in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(r).__name__ for r in results) == ["Refused", "Signature"]


def test_an_operator_holding_the_key_cannot_get_two_heads_of_one_size_cosigned_by_two_witnesses(tmp_path):
    """Two witnesses (a quorum of 2 of 2: any two quorums share a witness) at the log's tree of
    3 leaves; the operator signs two different trees of 8 and tries every witness with each,
    in both orders, with the proofs and old sizes that would work: each witness cosigns one of
    them only, so at most one tree of 8 has a cosignature from both, and the first witness to
    refuse keeps the other as evidence."""
    witnesses = [_witness(tmp_path / "w1", "witness.example/w1", 1), _witness(tmp_path / "w2", "witness.example/w2", 2)]
    for witness in witnesses:
        _add(witness, _leaves(3), 0)
    trees = {"x": _leaves(8, "x"), "y": _leaves(8, "y")}
    cosigned: dict[str, set[str]] = {"x": set(), "y": set()}
    for order in (("x", "y"), ("y", "x")):
        for witness, fork in zip(witnesses, order, strict=True):
            for other in (fork, *order):  # its own fork first, then each again
                for old in (3, 8):
                    try:
                        _add(witness, trees[other], old)
                    except Refused:
                        continue
                    cosigned[other].add(witness.name)
    assert not (len(cosigned["x"]) == 2 and len(cosigned["y"]) == 2)
    assert cosigned == {"x": {"witness.example/w1"}, "y": {"witness.example/w2"}}  # the first each was shown
    assert all(any((w.folder / "split").iterdir()) for w in witnesses)


def test_a_witness_whose_state_was_altered_refuses_in_one_line_and_cosigns_nothing(tmp_path):
    from conformance.errors import HarnessInputError

    witness = _witness(tmp_path)
    _add(witness, _leaves(3), 0)
    (state,) = (tmp_path / "logs").iterdir()
    state.write_bytes(b"not a checkpoint")
    with pytest.raises(HarnessInputError, match="the witness's state for this log cannot be read"):
        _add(witness, _leaves(5), 3)
    assert state.read_bytes() == b"not a checkpoint"
