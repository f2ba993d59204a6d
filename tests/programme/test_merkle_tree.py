"""The growing tree certify proves from (conformance.programme.merkle.Tree, kept by the
programme log as leaves are appended): every root, inclusion proof and consistency proof it
gives, however the leaves arrived, is the one the RFC 9162 definitions rebuilt from all the
leaf hashes give (merkle.root, inclusion_proof, consistency_proof), and verifies; the log's
tree follows its leaves when they change under it; a size or index it does not hold is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.programme import logformat, merkle
from conformance.programme.ledger import ProgrammeLog

HASHES = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(70)]
KEY = Ed25519PrivateKey.generate()


def _same_as_rebuilt(tree: merkle.Tree, hashes: list[bytes]) -> None:
    for n in range(1, len(hashes) + 1):
        prefix = hashes[:n]
        root = merkle.root(prefix)
        assert tree.root(n) == root
        for index in range(n):
            proof = tree.inclusion_proof(index, n)
            assert proof == merkle.inclusion_proof(prefix, index), (index, n)
            assert merkle.verify_inclusion(index, n, prefix[index], proof, root)
        for m in range(n + 1):
            proof = tree.consistency_proof(m, n)
            assert proof == merkle.consistency_proof(prefix, m), (m, n)
            if m:
                assert merkle.verify_consistency(m, n, merkle.root(hashes[:m]), root, proof)


def test_every_proof_of_a_tree_grown_in_batches_is_the_rebuilt_ones():
    tree = merkle.Tree(HASHES[:3])
    for start, end in ((3, 4), (4, 17), (17, 32), (32, 33), (33, 70)):
        tree.extend(HASHES[start:end])
    assert len(tree) == 70
    _same_as_rebuilt(tree, HASHES)
    assert tree.inclusion_proof(5) == merkle.inclusion_proof(HASHES, 5)  # default size: every leaf


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=8))
def test_any_order_of_appends_gives_the_rebuilt_tree(batches):
    hashes = [merkle.leaf_hash(bytes([i % 256, i // 256])) for i in range(sum(batches))]
    tree, at = merkle.Tree(), 0
    for size in batches:
        tree.extend(hashes[at:at + size])
        at += size
    if not hashes:
        assert tree.root() == hashlib.sha256(b"").digest()
        return
    _same_as_rebuilt(tree, hashes)


def test_what_a_tree_does_not_hold_is_refused():
    tree = merkle.Tree(HASHES[:5])
    for call in (lambda: tree.inclusion_proof(5), lambda: tree.inclusion_proof(0, 6), lambda: tree.root(6),
                 lambda: tree.consistency_proof(6), lambda: tree.consistency_proof(2, 9),
                 lambda: tree._root(1, 2)):  # a subtree of 2 leaves does not start at leaf 1
        with pytest.raises(ValueError):
            call()


def test_the_log_keeps_its_tree_with_its_leaves_and_builds_it_again_when_they_change(tmp_path: Path):
    log = ProgrammeLog(tmp_path / "h.log", "test", KEY)
    for n in range(11):
        log.append(logformat.ROTATED, {"from": f"did:key:z{n}", "to": f"did:key:z{n + 1}"}, "2026-01-01T00:00:00.000Z")
        tree = log.tree()
        assert len(tree) == n + 1
        _same_as_rebuilt(tree, log.hashes())
    kept = log.tree()
    other = [b'{"other":%d}' % i for i in range(7)]  # lines that are not a continuation of the log's
    changed = log.tree(other)
    assert changed is not kept and len(changed) == 7
    _same_as_rebuilt(changed, [merkle.leaf_hash(line) for line in other])
    assert len(log.tree()) == 11  # the log's own leaves again
    _same_as_rebuilt(log.tree(), log.hashes())
