"""``conformance list profiles`` shows how many normative requirements each profile holds:
0 means conformance to it cannot be claimed (issue 63)."""

from __future__ import annotations

from conformance import load_catalog
from conformance.cli import main


def test_list_profiles_counts_the_normative_requirements(capsys):
    assert main(["list", "profiles"]) == 0
    # piped: one line per profile, its columns id, version, requirements, normative, targets, title
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.strip()}
    catalog = load_catalog()
    counts = {pid: len(catalog.normative_requirements(p)) for pid, p in catalog.profiles.items()}
    assert {pid: int(row[3]) for pid, row in rows.items()} == counts
    assert 0 in counts.values()  # a profile whose conformance cannot be claimed shows 0
    identity = catalog.profiles["identity-document"]
    assert int(rows["identity-document"][3]) == len(catalog.normative_requirements(identity)) > 0
