"""The reference implementation: an ASGI app that implements every area correctly.

It is what ``conformance demo`` runs against, what the harness's own tests use, and - with
known defects planted (``create_app(defects=[...])``) - how the tests prove that each
conformance test can fail. Bundled sample data (good files for the file profiles) lives in
``samples/<target role>/``.

The harness's core never imports this package: it reaches it through the entry point
``conformance.references:builtin`` (the harness's ``pyproject.toml``), which resolves to
this module, as it would reach another reference implementation. What the core asks of it
(``DEFECTS``, ``SAMPLES``, ``create_app``, ``serve``, ``run``; ``trust_anchor``, the
CA its TLS servers chain to) is
``conformance._areas.ReferenceImplementation``.
"""

from .app import DEFECTS, SAMPLES, create_app
from .server import run, serve, trust_anchor

__all__ = ["DEFECTS", "SAMPLES", "create_app", "run", "serve", "trust_anchor"]
