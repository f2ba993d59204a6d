"""The JSON-LD documents the harness's processor is held to plain pyld on: every JSON file naming a
``@context`` among the reference's credentials and the identity fixtures. The equivalence test
(tests/areas/_shared/test_jsonld_processor.py) compares them, the bench (bench/jsonld_scoped.py) times them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from tests.paths import ROOT, SUITES

#: the reference's sample credentials and presentations
CREDENTIALS = ROOT / "src" / "conformance" / "reference" / "samples" / "credentials"
#: where the documents are read: the credentials, then the identity area's known-bad fixtures
FOLDERS = (CREDENTIALS, SUITES / "identity" / "fixtures")


def with_context(folders: Iterable[Path] = FOLDERS) -> list[tuple[Path, dict[str, object]]]:
    """Each JSON object naming a ``@context`` under ``folders``, with its path, in path order (a file that does
    not parse, or holds no such object, is left out)."""
    found = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.json")):
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue
        if isinstance(document, dict) and "@context" in document:
            found.append((path, document))
    return found
