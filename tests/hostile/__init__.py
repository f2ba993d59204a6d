"""Hostile targets and hostile inputs: the battery of issue 13.

``app`` is a hostile ASGI app for the adapters' unit tests; :mod:`.server` is a raw-socket
HTTP server that misbehaves below HTTP too (trickled headers, resets, lying lengths);
:mod:`.battery` runs the CLI against both and against hostile manifests, arguments and data
files, and checks every promise of a run (time, memory, secrets, exit code, report).
"""

from .app import app

__all__ = ["app"]
