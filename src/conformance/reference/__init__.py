"""The reference implementation: an ASGI app that implements every area correctly.

It is what ``conformance demo`` runs against, what the harness's own tests use, and - with
known defects planted (``create_app(defects=[...])``) - how the tests prove that each
conformance test can fail. Bundled sample data (good files for the file profiles) lives in
``samples/<target role>/``.
"""

from .app import DEFECTS, SAMPLES, create_app

__all__ = ["DEFECTS", "SAMPLES", "create_app"]
