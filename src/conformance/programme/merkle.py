"""Merkle trees as RFC 9162 (Certificate Transparency 2.0) section 2.1 defines them, over SHA-256.

- the Merkle Tree Hash (2.1.1): MTH({}) = SHA-256(), a leaf's hash SHA-256(0x00 || d), a node's
  SHA-256(0x01 || left || right), the split at the largest power of two below the size;
- inclusion proofs (2.1.3.1, PATH) and their verification (2.1.3.2);
- consistency proofs (2.1.4.1, PROOF/SUBPROOF) and their verification (2.1.4.2).

Written here rather than taken from a package: the one maintained Python package for it
(pymerkle 7) keeps its own proof format (a ``rule`` and ``subset`` beside the path, with its
metadata), so a certificate's proof would be checkable by pymerkle alone, not by any RFC 9162
verifier; the definitions are short and are tested against transparency-dev/merkle's vectors
(tests/fixtures/merkle/, Apache-2.0).

Proofs are built from the list of leaf hashes (a programme's log holds thousands of leaves,
not millions: recomputing subtrees is cheap enough and keeps this obviously RFC's); a writer
appending keeps the tree's frontier (:func:`push`, :func:`fold`) and pays O(log n) per leaf.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH of the leaves, given as their leaf hashes (in one pass: see :func:`prefix_roots`)."""
    return fold(frontier_of(leaves))


#: the right edge of a tree (RFC 9162 2.1 builds it from the left): the perfect subtrees it is
#: made of, as (size, hash), largest (leftmost) first, one per set bit of its size
Frontier = list[tuple[int, bytes]]


def push(frontier: Frontier, leaf: bytes) -> Frontier:
    """The frontier with one more leaf hash: the subtrees of equal size it completes merged, so
    an append costs O(log n) hashes, not a pass over the leaves."""
    stack = list(frontier)
    _push_into(stack, leaf)
    return stack


def _push_into(stack: Frontier, leaf: bytes) -> None:
    size, value = 1, leaf
    while stack and stack[-1][0] == size:
        size, value = size * 2, node_hash(stack.pop()[1], value)
    stack.append((size, value))


def fold(frontier: Frontier) -> bytes:
    """MTH of the tree whose frontier this is: its subtrees folded from the right (RFC 9162
    2.1.1 splits at the largest power of two below the size, which is the leftmost of them)."""
    if not frontier:
        return hashlib.sha256(b"").digest()
    folded = frontier[-1][1]
    for _, left in reversed(frontier[:-1]):
        folded = node_hash(left, folded)
    return folded


def frontier_of(leaves: Sequence[bytes]) -> Frontier:
    """The frontier of the tree of these leaf hashes."""
    stack: Frontier = []
    for leaf in leaves:
        _push_into(stack, leaf)
    return stack


def _root_by_split(leaves: Sequence[bytes]) -> bytes:
    """MTH exactly as RFC 9162 2.1.1 writes it (recursive split): the tests check :func:`root`
    against it."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = _split(n)
    return node_hash(_root_by_split(leaves[:k]), _root_by_split(leaves[k:]))


def prefix_roots(leaves: Sequence[bytes]) -> list[bytes]:
    """MTH of every prefix: element i is the root of the tree of the first i + 1 leaves (one pass,
    keeping the perfect subtrees the tree of each size is made of: MTH folds them from the right)."""
    roots: list[bytes] = []
    stack: list[tuple[int, bytes]] = []  # (size, hash) of perfect subtrees, largest first
    for leaf in leaves:
        size, value = 1, leaf
        while stack and stack[-1][0] == size:
            size, value = size * 2, node_hash(stack.pop()[1], value)
        stack.append((size, value))
        folded = stack[-1][1]
        for _, left in reversed(stack[:-1]):
            folded = node_hash(left, folded)
        roots.append(folded)
    return roots


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(index, D[n]): the audit path of leaf ``index`` in the tree of these leaf hashes."""
    if not 0 <= index < len(leaves):
        raise ValueError(f"leaf {index} is not in a tree of {len(leaves)}")
    if len(leaves) == 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return [*inclusion_proof(leaves[:k], index), root(leaves[k:])]
    return [*inclusion_proof(leaves[k:], index - k), root(leaves[:k])]


def consistency_proof(leaves: Sequence[bytes], size: int) -> list[bytes]:
    """PROOF(size, D[n]): that the tree of the first ``size`` leaves is a prefix of this one."""
    if not 0 <= size <= len(leaves):
        raise ValueError(f"a tree of {size} is not a prefix of one of {len(leaves)}")
    if size in (0, len(leaves)):
        return []
    return _subproof(size, leaves, True)


def _subproof(m: int, leaves: Sequence[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [root(leaves)]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], whole), root(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), root(leaves[:k])]


class Tree:
    """A growing tree's perfect subtrees, level by level (level h holds the hash of every
    complete subtree of 2**h leaves, left to right), so that proofs cost O(log² n) hashes read
    rather than a pass over the leaves: certifying N participants proves N leaves of a log of
    about 2N, which rebuilt from the leaf hashes each time cost N² hashes. Appending costs
    O(1) amortised. The proofs are those :func:`inclusion_proof` and :func:`consistency_proof`
    give (tests/programme/test_merkle.py compares them for every index and size)."""

    def __init__(self, leaves: Sequence[bytes] = ()) -> None:
        self._levels: list[list[bytes]] = [[]]
        self.extend(leaves)

    def __len__(self) -> int:
        return len(self._levels[0])

    def extend(self, leaves: Sequence[bytes]) -> None:
        """Append leaf hashes, completing each subtree they close."""
        levels = self._levels
        for leaf in leaves:
            levels[0].append(leaf)
            level = 0
            while len(levels[level]) % 2 == 0:
                if level + 1 == len(levels):
                    levels.append([])
                row = levels[level]
                levels[level + 1].append(node_hash(row[-2], row[-1]))
                level += 1

    def _root(self, start: int, size: int) -> bytes:
        """MTH of the ``size`` leaves from ``start``: the perfect subtrees its size is made of,
        folded from the right. RFC 9162's splits leave ``start`` a multiple of the largest."""
        if size == 0:
            return hashlib.sha256(b"").digest()
        chunks = []
        while size:
            height = size.bit_length() - 1
            if start % (1 << height):
                raise ValueError(f"a subtree of {1 << height} leaves cannot start at leaf {start}")
            chunks.append(self._levels[height][start >> height])
            start, size = start + (1 << height), size - (1 << height)
        folded = chunks[-1]
        for left in reversed(chunks[:-1]):
            folded = node_hash(left, folded)
        return folded

    def root(self, size: int | None = None) -> bytes:
        """MTH of the first ``size`` leaves (default all)."""
        return self._root(0, len(self) if size is None else self._size(size))

    def _size(self, size: int) -> int:
        if not 0 <= size <= len(self):
            raise ValueError(f"a tree of {size} is not a prefix of one of {len(self)}")
        return size

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """PATH(index, D[size]) (default size: every leaf), as :func:`inclusion_proof`."""
        n = len(self) if size is None else self._size(size)
        if not 0 <= index < n:
            raise ValueError(f"leaf {index} is not in a tree of {n}")

        def path(index: int, start: int, n: int) -> list[bytes]:
            if n == 1:
                return []
            k = _split(n)
            if index < k:
                return [*path(index, start, k), self._root(start + k, n - k)]
            return [*path(index - k, start + k, n - k), self._root(start, k)]

        return path(index, 0, n)

    def consistency_proof(self, size1: int, size: int | None = None) -> list[bytes]:
        """PROOF(size1, D[size]) (default size: every leaf), as :func:`consistency_proof`."""
        n = len(self) if size is None else self._size(size)
        if not 0 <= size1 <= n:
            raise ValueError(f"a tree of {size1} is not a prefix of one of {n}")
        if size1 in (0, n):
            return []

        def sub(m: int, start: int, n: int, whole: bool) -> list[bytes]:
            if m == n:
                return [] if whole else [self._root(start, n)]
            k = _split(n)
            if m <= k:
                return [*sub(m, start, k, whole), self._root(start + k, n - k)]
            return [*sub(m - k, start + k, n - k, False), self._root(start, k)]

        return sub(size1, 0, n, True)


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], expected_root: bytes) -> bool:
    """RFC 9162 2.1.3.2: whether ``proof`` shows leaf hash ``leaf`` at ``index`` of the tree of
    ``size`` whose root is ``expected_root``."""
    if not 0 <= index < size or not _hashes(leaf, expected_root, *proof):
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == expected_root


def verify_consistency(size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]) -> bool:
    """RFC 9162 2.1.4.2: whether ``proof`` shows the tree (size1, root1) a prefix of (size2, root2).
    Equal sizes need equal roots and an empty proof; an empty first tree proves nothing
    (RFC 9162 defines PROOF(m, D[n]) for 0 < m only), so it is refused as in transparency-dev."""
    if not 0 < size1 <= size2:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if not proof or not _hashes(root1, root2, *proof):
        return False
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # an exact power of two: the first tree's root is a node of the path
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == root1 and sr == root2 and sn == 0


def _hashes(*values: bytes) -> bool:
    """Every value is a SHA-256 hash (an empty or truncated one proves nothing)."""
    return all(isinstance(v, bytes) and len(v) == hashlib.sha256().digest_size for v in values)
