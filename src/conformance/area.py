"""What an area's code may use of the harness beyond the public root: with :mod:`conformance`
(verdict exceptions, :func:`~conformance.msg`, :class:`~conformance.Finding`,
:class:`~conformance.Evidence`, :data:`~conformance.hookimpl`…), the one surface an area is
written against.

An area (the built-in ones in :mod:`conformance.areas`, or a third party's, registered through
the ``conformance.areas`` entry point) imports from :mod:`conformance`, from here, from
:mod:`conformance.codecs` (the public standards' encodings) and, for a built-in area, from the
shared package of the built-in areas; never from a private package (a house test holds it:
``tests/house/test_layers.py``). What it finds here:

- the hook types an area's hooks take or return: :class:`RunContext`, :class:`Generator`,
  :class:`ItemChart`, :class:`ReportChart`;
- :func:`record_read`, for a file a check read beyond what its adapter opened (it becomes a
  subject of a signed run);
- reading what a target produced, within the harness's caps: :func:`parse_json`,
  :data:`DEFAULT_MAX_DEPTH`, :func:`json_shape`, :data:`JSON_STRING`, :func:`json_pointer`
  (RFC 6901, to locate a finding), :func:`clipped`, :func:`hash_capped`; the types of parsed
  JSON a check's inputs and outputs are written with: :data:`JsonValue`, :data:`JsonObject`,
  :data:`JsonArray`, :data:`JsonScalar`; schemas:
  :class:`SchemaRegistry`, :data:`BASE_URI`, :func:`compiled`; which operations of annex D's contract a check
  taking every operation of a kind calls: :func:`bearer_only`, :func:`holder_only`, :func:`example_body`,
  :func:`valid_probe`, whether a platform offers one (:func:`offered`, by :func:`offer_marks`) and the path its
  discovery document declares for it (:func:`declared_path`); what a target hands a check: :class:`Response` (an
  :class:`~conformance.HttpTarget`'s answer), :class:`Document` (a :class:`~conformance.FileTarget`'s parsed
  file); :func:`default_trust`, the trust anchors (clause 5.1 of the draft) of a TLS connection a check opens
  itself to a host the target declares (an MQTT broker);
- naming an optional extra a check needs, as docs/install.md installs it: :func:`install_hint`;
- writing a generator's output: :func:`check_output_file`, :func:`atomic_output`;
- drawing a chart the way the report's own are drawn: :data:`WIDTH`, :data:`HEIGHT`,
  :data:`PAD`, :func:`svg_open`, :func:`number`, :func:`numbers`.

Names are imported on first use, as the root's are, so that registering an area (which every
run and every pytest session in a vendor's environment does) loads none of the modules behind
them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .errors import install_hint, json_pointer
from .hookspecs import Generator, ItemChart, ReportChart, RunContext

if TYPE_CHECKING:
    from ._catalog.compiled import compiled
    from ._catalog.contractops import (
        bearer_only,
        candidate_only,
        declared_path,
        example_body,
        holder_only,
        offer_marks,
        offered,
        path_read,
        probed_read,
        valid_probe,
    )
    from ._catalog.schemas import BASE_URI, SchemaRegistry
    from ._io.inputs import check_output_file
    from ._io.jsontypes import JsonArray, JsonObject, JsonScalar, JsonValue
    from ._io.outputs import atomic_output
    from ._io.parsing import DEFAULT_MAX_DEPTH, JSON_STRING, json_shape, parse_json
    from ._io.printable import clipped
    from ._io.vendorfiles import Refused, TooLarge, hash_capped
    from ._record.reads import record_read
    from .adapters.auth import default_trust
    from .adapters.file import Document, opened, readable
    from .adapters.http import DEFAULT_TIMEOUT_S as REQUEST_TIME_LIMIT_S
    from .adapters.response import Response
    from .report.charts import HEIGHT, PAD, WIDTH, number, numbers, svg_open

#: name -> (the module that defines it, relative to the package, and its name there)
_LAZY = {
    "compiled": ("_catalog.compiled", "compiled"),
    # Which contract operations a check taking every operation of a kind calls (annex D's column reads them too).
    "bearer_only": ("_catalog.contractops", "bearer_only"),
    "candidate_only": ("_catalog.contractops", "candidate_only"),
    "declared_path": ("_catalog.contractops", "declared_path"),
    "example_body": ("_catalog.contractops", "example_body"),
    "holder_only": ("_catalog.contractops", "holder_only"),
    "offer_marks": ("_catalog.contractops", "offer_marks"),
    "offered": ("_catalog.contractops", "offered"),
    "path_read": ("_catalog.contractops", "path_read"),
    "probed_read": ("_catalog.contractops", "probed_read"),
    "valid_probe": ("_catalog.contractops", "valid_probe"),
    "BASE_URI": ("_catalog.schemas", "BASE_URI"),
    "SchemaRegistry": ("_catalog.schemas", "SchemaRegistry"),
    "check_output_file": ("_io.inputs", "check_output_file"),
    # The types of parsed JSON: what a check reads from a product's documents and answers.
    "JsonValue": ("_io.jsontypes", "JsonValue"),
    "JsonObject": ("_io.jsontypes", "JsonObject"),
    "JsonArray": ("_io.jsontypes", "JsonArray"),
    "JsonScalar": ("_io.jsontypes", "JsonScalar"),
    "atomic_output": ("_io.outputs", "atomic_output"),
    "DEFAULT_MAX_DEPTH": ("_io.parsing", "DEFAULT_MAX_DEPTH"),
    "JSON_STRING": ("_io.parsing", "JSON_STRING"),
    "json_shape": ("_io.parsing", "json_shape"),
    "parse_json": ("_io.parsing", "parse_json"),
    "clipped": ("_io.printable", "clipped"),
    "hash_capped": ("_io.vendorfiles", "hash_capped"),
    "Refused": ("_io.vendorfiles", "Refused"),
    "TooLarge": ("_io.vendorfiles", "TooLarge"),
    "record_read": ("_record.reads", "record_read"),
    # What a target hands a check: an HttpTarget's answer, a FileTarget's parsed file.
    "Response": ("adapters.response", "Response"),
    "Document": ("adapters.file", "Document"),
    # A target's file read or opened, or left unjudged when the test equipment refuses it (part h93-cREF).
    "readable": ("adapters.file", "readable"),
    "opened": ("adapters.file", "opened"),
    "default_trust": ("adapters.auth", "default_trust"),
    # The request time limit 5.1 fixes (10 s): a check whose verdict rests on an answer not come within a limit
    # waits this, never the IXIT's timeout_s, which only lengthens a wait whose running out is inconclusive.
    "REQUEST_TIME_LIMIT_S": ("adapters.http", "DEFAULT_TIMEOUT_S"),
    "HEIGHT": ("report.charts", "HEIGHT"),
    "PAD": ("report.charts", "PAD"),
    "WIDTH": ("report.charts", "WIDTH"),
    "number": ("report.charts", "number"),
    "numbers": ("report.charts", "numbers"),
    "svg_open": ("report.charts", "svg_open"),
}

__all__ = [
    "BASE_URI",
    "DEFAULT_MAX_DEPTH",
    "Document",
    "HEIGHT",
    "JSON_STRING",
    "JsonArray",
    "JsonObject",
    "JsonScalar",
    "JsonValue",
    "PAD",
    "REQUEST_TIME_LIMIT_S",
    "WIDTH",
    "Generator",
    "ItemChart",
    "ReportChart",
    "Response",
    "RunContext",
    "SchemaRegistry",
    "atomic_output",
    "bearer_only",
    "candidate_only",
    "check_output_file",
    "clipped",
    "compiled",
    "declared_path",
    "default_trust",
    "example_body",
    "hash_capped",
    "holder_only",
    "offer_marks",
    "offered",
    "path_read",
    "probed_read",
    "Refused",
    "TooLarge",
    "install_hint",
    "json_pointer",
    "json_shape",
    "number",
    "numbers",
    "opened",
    "parse_json",
    "readable",
    "record_read",
    "svg_open",
    "valid_probe",
]


def __getattr__(name: str) -> object:
    """A name of :data:`_LAZY`, imported now (and kept: the next lookup finds it here)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(f".{module}", __package__), attribute)
    globals()[name] = value
    return value
