"""Codecs: encodings the harness reads and writes, which judge nothing.

Each is tested against published vectors (``tests/codecs/test_*.py``), so that both the
checks and the reference implementation may use them without sharing a judgement.
"""
