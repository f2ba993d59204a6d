"""The hostile servers and the battery's fork server, started once for the battery's modules
and stopped after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .battery import Servers, child_env
from .forkserver import ForkServer
from .server import running


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    with running() as hostile, running(accept_and_hang=True) as hanging, ForkServer(child_env({})) as forks:
        yield Servers(hostile, hanging, forks)
