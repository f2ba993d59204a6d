"""The rendered draft and its 编制说明, once a test process: the drafting tests read the same Chinese
and English blocks (each render walks the whole catalog, a few seconds), and a Block is frozen."""

from __future__ import annotations

import pytest

from conformance import Catalog
from conformance.drafting.render import blocks
from conformance.drafting.writer import Block


@pytest.fixture(scope="session")
def zh(catalog: Catalog) -> list[Block]:
    return blocks(catalog)


@pytest.fixture(scope="session")
def en(catalog: Catalog) -> list[Block]:
    return blocks(catalog, lang="en")


@pytest.fixture(scope="session")
def note(catalog: Catalog) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    return explanatory_note(catalog)


@pytest.fixture(scope="session")
def note_en(catalog: Catalog) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    return explanatory_note(catalog, "en")
