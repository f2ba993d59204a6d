"""The identity area: DID documents, credentials, registrars, authentication; and the JSON-LD
contexts credentials are expanded with (:mod:`.jsonld`).

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name, its message
templates (``messages.yaml``) and, while a run's suites run, the JSON-LD contexts the
manifest declares (``jsonld_contexts``) served beside the bundled ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from ...hookspecs import hookimpl


@hookimpl
def conformance_area() -> str:
    return "identity"


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    return {"identity": Path(__file__).with_name("messages.yaml")}


@hookimpl
def conformance_run_surroundings(run: Any) -> Iterable[AbstractContextManager[Any]]:
    from . import jsonld

    return [jsonld.serving({url: document for url, (_, document) in run.plan.contexts.items()})]
