"""What the areas' tests share as fixtures."""

from __future__ import annotations

import pytest

from conformance.areas.interfaces.openapi import Contract


@pytest.fixture(scope="module")
def contract(catalog):
    """The platform contract over the catalog's schemas: what every request-body test judges the
    bodies the harness sends by (``tests/areas/request_bodies.findings``). A module that needs
    another contract defines its own fixture of this name."""
    return Contract(catalog.schemas)
