"""The interoperable HTTP contract (OpenAPI 3.1): which operation a request reached, and
whether the answer is one the contract documents.

The contract lives in ``schemas/interfaces/*.openapi.yaml`` and is served by the schema
registry under its own URI, so response schemas (and the ``#/components/schemas`` and
``$id`` references inside them) are validated like every other schema, offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from conformance import Finding, msg
from conformance.area import BASE_URI, SchemaRegistry, compiled

from . import mediatypes

if TYPE_CHECKING:
    from conformance.area import JsonValue, Response

CONTRACT = BASE_URI + "interfaces/platform.openapi.yaml"
#: Validated bodies a contract remembers (see Contract._validated).
MAX_REMEMBERED = 4096
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def escape(token: str) -> str:
    """One JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _object(value: object) -> dict[str, object]:
    """``value`` where it is an object, else an empty one: the contract's own shape is
    ``conformance lint``'s to judge, and a member that is not an object documents nothing."""
    return value if isinstance(value, dict) else {}


def _array(value: object) -> list[object]:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    pointer: str
    pattern: re.Pattern[str]

    @property
    def literal_length(self) -> int:
        # A literal segment beats a template one: /assets/mine before /assets/{id}.
        return len(re.sub(r"\{[^}]*\}", "", self.path))


def _template_pattern(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", path)
    regex = "".join("[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts)
    return re.compile(f"^{regex}$")


class Contract:
    def __init__(self, schemas: SchemaRegistry, uri: str = CONTRACT) -> None:
        self.schemas = schemas
        self.uri = uri
        self.document = schemas.get(uri)
        self.operations: list[Operation] = []
        self._matched: dict[tuple[str, str, str], Operation | None] = {}
        #: Findings of a body against a response schema, by (schema, body bytes, depth cap):
        #: a run receives the same answer many times (a listing that did not change).
        self._validated: dict[tuple[str, bytes, int], list[Finding]] = {}
        #: How answers are judged, by (operation, status, media type with its parameters): see _plan.
        self._plans: dict[tuple[str, int, str], str | tuple[Finding, ...]] = {}
        for path, item in _object(self.document.get("paths")).items():
            for method in METHODS:
                if method in _object(item):
                    named = _object(_object(item)[method]).get("operationId")
                    self.operations.append(Operation(
                        method=method.upper(), path=path,
                        operation_id=named if isinstance(named, str) else f"{method.upper()} {path}",
                        pointer=f"/paths/{escape(path)}/{method}", pattern=_template_pattern(path),
                    ))

    def operation(self, method: str, url_or_path: str, base_path: str = "") -> Operation | None:
        """The operation a request reached (the most literal template wins), or None."""
        key = (method, url_or_path, base_path)
        if key in self._matched:
            return self._matched[key]
        found = self._operation(method, url_or_path, base_path)
        if len(self._matched) < 4096:  # a run asks about the same few URLs thousands of times
            self._matched[key] = found
        return found

    def _operation(self, method: str, url_or_path: str, base_path: str) -> Operation | None:
        path = urlsplit(url_or_path).path
        if base_path and path.startswith(base_path.rstrip("/")):
            path = path[len(base_path.rstrip("/")):] or "/"
        matches = [op for op in self.operations if op.method == method.upper() and op.pattern.match(path)]
        return max(matches, key=lambda op: op.literal_length, default=None)

    def path_item(self, op: Operation) -> dict[str, object]:
        """The contract's path item of ``op`` (its parameters, its operations)."""
        return _object(_object(self.document.get("paths")).get(op.path))

    def operation_object(self, op: Operation) -> dict[str, object]:
        """The contract's operation object of ``op`` (OpenAPI 3.1, 4.8.10)."""
        return _object(self.path_item(op).get(op.method.lower()))

    def parameters(self, op: Operation, where: str | None = None) -> list[dict[str, object]]:
        """The operation's parameters, ``$ref``s followed, the path item's included (OpenAPI
        3.1, 4.8.9: an operation's parameter overrides the path item's of the same name and
        location); ``where`` keeps only those ``in`` that location."""
        listed = [*_array(self.path_item(op).get("parameters")), *_array(self.operation_object(op).get("parameters"))]
        merged: dict[tuple[str, str], dict[str, object]] = {}
        for index, raw in enumerate(listed):
            try:
                parameter, _ = self._resolve(raw, f"{op.pointer}/parameters/{index}")
            except (KeyError, TypeError, ValueError):
                continue  # a dangling $ref: `conformance lint` reports it
            if isinstance(parameter, dict):
                merged[(str(parameter.get("name")), str(parameter.get("in")))] = parameter
        return [p for p in merged.values() if where is None or p.get("in") == where]

    def _resolve(self, node: object, pointer: str) -> tuple[object, str]:
        """Follow local ``$ref``s (a response object may live in components/responses);
        returns the object and its JSON pointer in the contract."""
        for _ in range(16):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not (isinstance(ref, str) and ref.startswith("#/")):
                return node, pointer
            node, pointer = self.document, ref[1:]
            for token in ref[2:].split("/"):
                if not isinstance(node, dict):
                    raise TypeError(f"$ref {ref} passes through a {type(node).__name__}")
                node = node[token.replace("~1", "/").replace("~0", "~")]
        raise ValueError(f"$ref chain too long at {pointer}")

    def _plan(self, op: Operation, status: int, given: mediatypes.MediaType | None) -> str | tuple[Finding, ...]:
        """How an answer of ``op`` with this status and Content-Type (``given``, parsed) is judged: the URI of the
        schema its body must match, or the findings it gets whatever its body (none when the
        contract documents no body), without their location. The documented media type is the most
        specific key of the response's ``content`` the Content-Type matches (OpenAPI 3.1.0, 4.8.17;
        :mod:`.mediatypes`)."""
        responses = _object(self.operation_object(op).get("responses"))
        code = str(status)
        key = next((k for k in (code, f"{code[0]}XX", "default") if k in responses), None)
        if key is None:
            return (Finding(msg("interfaces.status-undocumented", status=code, operation=op.operation_id),
                            expected=sorted(responses), actual=status),)
        answer, answer_pointer = self._resolve(responses[key], f"{op.pointer}/responses/{escape(key)}")
        documented = _object(_object(answer).get("content"))
        if not documented:
            return ()
        media_type = mediatypes.applicable(given, documented)
        if media_type is None:
            # the answer's parameters are named only where a documented media type has some to match
            shown = given and (str(given) if any(";" in k for k in documented) else given.kind)
            return (Finding(msg("interfaces.media-type-undocumented", operation=op.operation_id, response=key),
                            expected=sorted(documented), actual=shown or msg("engine.none")),)
        if "schema" not in _object(documented[media_type]):
            return ()
        return f"{self.uri}#{answer_pointer}/content/{escape(media_type)}/schema"

    def request_findings(self, method: str, path: str, body: JsonValue) -> list[Finding]:
        """How a JSON body the harness sends to ``method path`` departs from the operation's
        request schema: a request a product may refuse by the contract is no fair probe."""
        where = f"{method} {path}"
        op = self.operation(method, path)
        if op is None:
            return [Finding(msg("interfaces.no-operation"), file=where)]
        media = _object(_object(self.operation_object(op).get("requestBody")).get("content"))
        if "schema" not in _object(media.get("application/json")):
            return []
        schema = f"{self.uri}#{op.pointer}/requestBody/content/application~1json/schema"
        return [replace(f, file=where) for f in compiled(self.schemas).findings(body, schema)]

    def response_findings(self, response: Response, base_path: str = "", op: Operation | None = None
                          ) -> list[Finding]:
        """Every way a response departs from the contract: undocumented status, an
        undocumented Content-Type, a body that does not match the documented schema. ``op``: the operation the
        request was sent for, when the caller knows it (a probe sent to the path the platform's discovery document
        declares, which no template of the contract matches); else the one the request's URL reached."""
        where = f"{response.method} {response.url}"
        op = op or self.operation(response.method, response.url, base_path)
        if op is None:
            return [Finding(msg("interfaces.no-operation"), file=where)]
        status, given = response.status, mediatypes.parse(response.headers.get("content-type", ""))
        plan_key = (op.pointer, status, str(given) if given else "")  # every spelling of one media type alike
        plan = self._plans.get(plan_key)
        if plan is None:
            plan = self._plan(op, status, given)
            if len(self._plans) < MAX_REMEMBERED:  # a few operations, statuses and media types
                self._plans[plan_key] = plan
        if not isinstance(plan, str):
            return [replace(f, file=where) for f in plan]
        schema = plan
        content = getattr(response, "content", None)
        body_key = (schema, content, getattr(response, "max_json_depth", 0)) if isinstance(content, bytes) else None
        found = self._validated.get(body_key) if body_key else None
        if found is None:
            body = response.json()
            # Compiled once per response schema and run: python-jsonschema only explains failures.
            found = compiled(self.schemas).findings(body, schema)
            if body_key and len(self._validated) < MAX_REMEMBERED:
                self._validated[body_key] = found
        return [replace(f, file=where, extra={**f.extra, "schema": schema}) for f in found]
