"""Code several areas use, owned by none: problem details (RFC 9457), the discovery
document, the asset registry's client, JSON-LD expansion, the Khronos glTF-Validator, labels of
AI-generated content, personal identifiers, the VRM humanoid's bones.

This package is not an area: no entry point names it and it registers no hooks. No area
imports another; what two areas need lives here, and this package imports no area. Its message
templates (keys ``shared.*``, :data:`TEMPLATES`) are brought by each area that uses it, with
its own, so they resolve whichever areas are installed.
"""

from __future__ import annotations

from pathlib import Path

#: The templates of the keys ``shared.<key>``.
TEMPLATES = Path(__file__).with_name("messages.yaml")
PREFIX = "shared"
