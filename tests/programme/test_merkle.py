"""RFC 9162 Merkle trees (conformance.programme.merkle) against transparency-dev/merkle's test
vectors (tests/fixtures/merkle/transparency-dev-vectors.json: their testdata/ gathered into
one file, Apache-2.0), and the proofs it builds against the verifiers, for every size."""

from __future__ import annotations

import base64

import orjson
import pytest

from conformance.programme import merkle
from tests.paths import FIXTURES

VECTORS = orjson.loads((FIXTURES / "merkle" / "transparency-dev-vectors.json").read_bytes())
#: RFC 6962's test leaves (the inputs behind the vectors' 8-leaf tree)
LEAVES = [bytes.fromhex(x) for x in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                     "606162636465666768696a6b6c6d6e6f")]
HASHES = [merkle.leaf_hash(x) for x in LEAVES]


def _b(value: str | None) -> bytes:
    return base64.b64decode(value or "")


@pytest.mark.parametrize("case", VECTORS["inclusion"], ids=lambda c: c["file"].removeprefix("testdata/"))
def test_inclusion_vectors(case):
    held = merkle.verify_inclusion(case["leafIdx"], case["treeSize"], _b(case["leafHash"]),
                                   [_b(p) for p in case["proof"] or []], _b(case["root"]))
    assert held is not case["wantErr"]


@pytest.mark.parametrize("case", VECTORS["consistency"], ids=lambda c: c["file"].removeprefix("testdata/"))
def test_consistency_vectors(case):
    held = merkle.verify_consistency(case["size1"], case["size2"], _b(case["root1"]), _b(case["root2"]),
                                     [_b(p) for p in case["proof"] or []])
    assert held is not case["wantErr"]


def test_the_proofs_built_are_the_vectors_and_the_root_is_rfc_6962s():
    assert base64.b64encode(merkle.root(HASHES)).decode() == "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="
    assert merkle.root([]).hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    checked = 0
    for case in VECTORS["inclusion"]:
        if case["desc"] == "happy path" and 0 < case["treeSize"] <= len(HASHES):
            built = merkle.inclusion_proof(HASHES[:case["treeSize"]], case["leafIdx"])
            assert [base64.b64encode(p).decode() for p in built] == (case["proof"] or [])
            checked += 1
    for case in VECTORS["consistency"]:
        if case["desc"] == "happy path" and case["size2"] <= len(HASHES):
            built = merkle.consistency_proof(HASHES[:case["size2"]], case["size1"])
            assert [base64.b64encode(p).decode() for p in built] == (case["proof"] or [])
            checked += 1
    assert checked >= 10


def test_every_proof_built_verifies_and_a_changed_leaf_does_not():
    hashes = [merkle.leaf_hash(str(i).encode()) for i in range(33)]
    for n in range(1, len(hashes) + 1):
        tree = hashes[:n]
        head = merkle.root(tree)
        for i in range(n):
            proof = merkle.inclusion_proof(tree, i)
            assert merkle.verify_inclusion(i, n, tree[i], proof, head)
            assert not merkle.verify_inclusion(i, n, merkle.leaf_hash(b"other"), proof, head)
        for m in range(1, n + 1):
            proof = merkle.consistency_proof(tree, m)
            assert merkle.verify_consistency(m, n, merkle.root(tree[:m]), head, proof)
            if m < n:
                changed = [*tree[:m - 1], merkle.leaf_hash(b"other")]
                assert not merkle.verify_consistency(m, n, merkle.root(changed), head, proof)


def test_the_roots_of_every_prefix_are_each_prefixs_tree_hash():
    hashes = [merkle.leaf_hash(str(i).encode()) for i in range(70)]
    assert merkle.prefix_roots(hashes) == [merkle.root(hashes[:n]) for n in range(1, 71)]
    assert [merkle.root(hashes[:n]) for n in range(71)] == [merkle._root_by_split(hashes[:n]) for n in range(71)]
