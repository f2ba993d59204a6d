"""Every YAML example in README.md and docs/*.md parses (issue 71): a vendor copies the docs
first. Each ```yaml block is read with the harness's own YAML loader, and a block that is a
whole manifest (product, profiles and targets) through the manifest loader too. A block not
meant to parse says so on the line before it: ``<!-- yaml: not a document: the reason -->``."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from conformance._catalog.catalog import load_yaml
from conformance._run.plan import read_manifest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: a fenced block, indented or not (inside a list item), and the marker line before it
BLOCK = re.compile(r"(?:^[ ]*<!-- yaml: not a document: (?P<why>[^\n]+?) -->\n)?^(?P<indent>[ ]*)```yaml\n"
                   r"(?P<body>.*?)^(?P=indent)```", re.M | re.S)
MANIFEST_KEYS = {"product", "profiles", "targets"}


def _blocks() -> list[tuple[str, str, str | None]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start("body"))
            body = textwrap.dedent(match["body"]) if match["indent"] else match["body"]
            found.append((f"{doc.relative_to(ROOT)}:{line}", body, match["why"]))
    return found


BLOCKS = _blocks()


def test_the_docs_hold_yaml_examples():
    assert any(place.startswith("docs/real-products.md") for place, _, _ in BLOCKS)


@pytest.mark.parametrize(("place", "body", "why"), BLOCKS, ids=[place for place, _, _ in BLOCKS])
def test_every_yaml_example_parses_and_every_manifest_loads(place, body, why, tmp_path, catalog):
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    if why is not None:  # marked as no document, with its reason: it must indeed not be one
        with pytest.raises(Exception):  # noqa: B017 - any refusal of the loader
            load_yaml(path)
        return
    data = load_yaml(path)
    if isinstance(data, dict) and MANIFEST_KEYS <= set(data):
        read_manifest(path, catalog)
