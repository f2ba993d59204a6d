"""What the harness sends a product: every body a test posts (JSON, or a document such as a
glTF scene) is built by a function of one area's ``requestbodies`` module and listed there, so
that the harness's own checks judge it as they judge what a product sends (a product that
checks its input strictly must accept what a conformance test sends it).

Each area's ``requestbodies.REQUESTS`` names its request bodies: the contract operation a body
is sent to (method and default path of the platform contract, ``schemas/interfaces/``), what
else it must be (a Verifiable Credential, a DID document, a glTF document) and samples built
the way the tests build it. ``tests/areas/<area>/test_request_bodies.py`` runs the checks over
every sample, and ``tests/house/test_request_bodies.py`` fails on a ``json=`` or ``content=``
in a suite or an area that no such builder makes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.area import JsonValue

#: What a request body is, beyond the contract's schema: the checks that judge it.
CONTRACT_ONLY = "contract"
CREDENTIAL_DRAFT = "credential-draft"  # a VC API issue request: its credential is unsigned
CREDENTIAL = "credential"              # a whole (signed) credential, as a verifier receives it
DID_DRAFT = "did-draft"                # a DID document a registrar completes (DIF Universal Registrar)
GLTF = "gltf"                          # a glTF 2.0 document (bytes), as the Khronos glTF-Validator judges it


@dataclass(frozen=True)
class RequestBody:
    """One kind of body the harness sends: where (the contract's method and default path),
    what it is (``CONTRACT_ONLY`` and the kinds above), and samples as the tests build them
    (each a different shape the body takes: with and without optional members)."""

    method: str
    path: str
    kind: str
    #: a body, bytes, or a body with what it is made for (an observation with the observationType
    #: of the Datastream it is posted to, SensorThings)
    samples: Callable[[], Sequence[JsonValue | bytes | tuple[JsonValue, str]]]
    #: builders (function names) of the module that make this body, for the house test
    builders: tuple[str, ...] = field(default=())
    #: the member (a JSON pointer) that carries another platform's document as it was received
    #: (an export to import): judged as that platform's answer, not as the harness's writing;
    #: the check puts the contract's example there
    relays: str | None = None
