"""Where things are, for the harness's own tests wherever their module sits under tests/:
the repository's root, its suites, and the tests' own fixtures and public corpora."""

from __future__ import annotations

from pathlib import Path

#: the repository's root (the checkout)
ROOT = Path(__file__).resolve().parents[1]
#: the shipped catalog's suites, each area's known-bad fixtures under ``<area>/fixtures``
SUITES = ROOT / "suites"
#: the tests' own fixtures (tests/fixtures)
FIXTURES = ROOT / "tests" / "fixtures"
#: the public corpora the fidelity tests and benches read (tests/corpora)
CORPORA = ROOT / "tests" / "corpora"
