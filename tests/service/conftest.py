"""The service's tests hash passwords with argon2id at its lowest cost: the production
parameters (64 MiB, 3 passes) cost about half a second a hash on a CI core, and what is
tested here is the flow, not argon2."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher


@pytest.fixture(autouse=True, scope="session")
def cheap_argon2():
    from conformance.service import auth

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield
