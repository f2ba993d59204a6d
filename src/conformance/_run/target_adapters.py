"""A run's target adapters: created from the manifest for the roles the claimed profiles bind,
checked before any suite runs (pre-flight), and closed within a bounded time whatever happened."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from ..adapters import AdapterContext, create_adapter
from ..adapters.credentials import target_environ
from ..errors import TargetUnreachable
from ..messages import reason
from .plan import RunPlan


def open_targets(plan: RunPlan, environ: Mapping[str, str], run_deadline: float | None = None) -> dict[str, object]:
    """Create the adapters the claimed profiles need (their configuration checked first)."""
    roles = {name for p in plan.profiles for name in p.target_names}  # each role as its profile binds it
    adapters: dict[str, object] = {}
    try:
        for role in sorted(plan.manifest.targets):
            # each target resolves its credentials in its owner's environment only (a pair run)
            context = AdapterContext(plan.manifest_path, target_environ(environ, plan.manifest.owners.get(role)),
                                     run_deadline)
            adapter = create_adapter(role, plan.manifest.targets[role], context, plan.catalog.schemas)
            if role in roles:
                adapters[role] = adapter
            else:
                adapter.close()
    except BaseException:
        close_targets(adapters)
        raise
    return adapters


#: How long closing a run's targets may take before the run goes on without them.
CLOSE_SECONDS = 10.0


def close_targets(adapters: Mapping[str, Any], timeout: float = CLOSE_SECONDS) -> None:
    """Close every adapter, in a daemon thread bounded by ``timeout``. A run stopped by its
    budget or a signal gets a KeyboardInterrupt wherever it is, also between a connection
    pool taking its lock and entering the ``with`` that would release it: closing that
    client would then wait forever (seen once in CI). Past the timeout the run goes on
    and the process's exit frees the sockets; an error closing is raised here."""
    errors: list[BaseException] = []

    def close_all() -> None:
        for adapter in adapters.values():
            try:
                adapter.close()
            except BaseException as error:  # re-raised in the caller's thread
                errors.append(error)

    closer = threading.Thread(target=close_all, name="close-targets", daemon=True)
    closer.start()
    closer.join(timeout)
    if errors:
        raise errors[0]


def preflight(adapters: Mapping[str, Any]) -> dict[str, str]:
    """Why each target that cannot be reached cannot (role -> reason, the manifest's place,
    the cause and the fix). Bad input raises HarnessInputError."""
    problems: dict[str, str] = {}
    for role, adapter in adapters.items():
        try:
            adapter.preflight()
        except TargetUnreachable as exc:
            problems[role] = reason(exc)
    return problems
