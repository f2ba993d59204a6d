"""The HTTP operations the requirements' statements name, looked up in the catalog's interface
contracts (the ``*.openapi.yaml`` documents the schema registry serves).

A statement such as "``GET /1.0/resolve?identifier={identifier}`` MUST answer 200 ..." names an operation of a
contract; the specification's annex D lists each operation a normative requirement names, with its method, path,
operation ID, request and response schemas (by ``$id``; the media types of a body without a JSON schema, such as
generated video) and the requirements naming it, so the path in a statement refers to a part of the document. An
operation no contract defines is listed apart: the drafter adds it to a contract or rewrites the statement.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from . import kindcalls

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
#: "METHOD /path" in a statement or rule (the path up to a space, backtick, comma or bracket)
_NAMED = re.compile(r"\b(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\s+`?(/[^\s`,;)）]*)")


@dataclass(frozen=True)
class TestContent:
    """Violating test content as ``x-test-content`` defines it: a member carrying ``marker``, ":", a category."""

    __test__ = False  # not a pytest class, whatever its name

    marker: str
    members: tuple[str, ...]
    categories: tuple[str, ...]
    #: the WebSocket message whose members carry it (``session.publish``), "" for the request body
    message: str = ""
    subject: str = ""  # the body member naming what a marked report calls violating content, "" for none


@dataclass
class Operation:
    contract: str  # the contract's URI
    method: str  # upper case
    path: str  # the path template
    operation_id: str
    summary: str
    request: str  # the request body's schema ($id, or the contract's pointer), "" without a body
    response: str  # the first 2xx response's schema, "" without one
    requirements: list[str] = field(default_factory=list)
    #: the request's and the response's schema as written in the contract (an inline one whole)
    request_schema: object = None
    response_schema: object = None
    #: the media types of the request body and of the successful response, in the contract's
    #: order: what annex D shows where a body has no JSON schema (an image, audio, a video)
    request_media: tuple[str, ...] = ()
    response_media: tuple[str, ...] = ()
    #: ``x-test-only``: an operation of a test deployment, not of a production surface
    test_only: bool = False
    #: ``x-messages``: the messages a WebSocket operation carries (``session.state``); a text naming one names it
    messages: tuple[str, ...] = ()
    #: ``x-test-content``: the violating test content a body of this operation may carry
    #: (IF-MOD-001), None without
    test_content: TestContent | None = None
    #: ``x-summary-zh``: the summary in Chinese, which annex D's Chinese table gives as the English gives
    #: ``summary`` (fifteenth reading: the Chinese table had the IDs alone)
    summary_zh: str = ""
    #: ``description`` and ``x-description-zh``: what the operation does beyond its summary, which annex D gives in
    #: a table of its own (forty-first reading a5: renderStream's test scene was in the English contract only)
    description: tuple[str, str] = ("", "")
    #: ``x-discovery``: the member of the discovery document declaring this operation's path
    #: (``user_data.export``); a text naming that member reaches the operation (issue 76)
    discovery: str = ""
    #: the parameters other than the path's (``limit``, ``personalised``), as the contract gives them
    parameters: tuple[Parameter, ...] = ()
    #: the status codes the contract gives one by one (not ``4XX``/``default``), in order (twenty-ninth reading b7)
    statuses: tuple[str, ...] = ()
    #: whether the operation's ``security`` asks for the bearer token (IF-AUTH-001 lists these operations)
    bearer: bool = False
    #: whether ``security`` also lists the empty alternative (``[{}, {bearer: []}]``): the token is optional, a request
    #: without one is accepted too and one with it names the caller (thirtieth reading b5, b6)
    anonymous: bool = False
    #: (media type, schema URI, schema) of each further media type of the successful response whose schema is not
    #: the first one's (resolveDid's ``application/did-resolution``; twenty-ninth reading b8)
    response_alternatives: tuple[tuple[str, str, object], ...] = ()
    #: ``x-link``: the member of an answer whose URL reaches this operation (``statusListCredential``); a text
    #: or a step naming it reaches the operation (twenty-ninth reading b10)
    link: str = ""
    #: ``x-step-phrases``: patterns of the words a test case's steps use for a call of this operation without its
    #: ``METHOD /path`` ("the buyer orders it", "resolve the DID"); a step matching one calls it (twenty-ninth b9)
    step_phrases: tuple[re.Pattern[str], ...] = ()
    #: the operation object as the contract writes it, its ``parameters`` the path item's too and resolved, which a
    #: case taking every operation of a kind reads (:mod:`.kindcalls`)
    source: object = None


@dataclass(frozen=True)
class Parameter:
    """A query (or header) parameter of an operation: what annex D gives of each beside the operation."""

    name: str
    location: str  # OpenAPI's ``in``
    required: bool
    schema: dict[str, Any]
    description: dict[str, str]  # {"en": ..., "zh": ...}


#: where a discovery document is served: a well-known URI (RFC 8615), whose operation every text naming the document
#: or one of its declared members reaches too
WELL_KNOWN = "/.well-known/"


def serves_discovery(op: Operation) -> bool:
    """Whether the operation serves the discovery document (a GET at a well-known URI answered by a JSON schema)."""
    return op.method == "GET" and op.path.startswith(WELL_KNOWN) and op.response.startswith("http")


def contracts(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """Contract URI -> its OpenAPI document."""
    return {uri: catalog.schemas.get(uri) for uri in sorted(catalog.schemas.ids()) if uri.endswith(".openapi.yaml")}


def operations(catalog: Catalog) -> list[Operation]:
    found = []
    for uri, document in contracts(catalog).items():
        for path, item in (document.get("paths") or {}).items():
            for method in METHODS:
                op = item.get(method) if isinstance(item, dict) else None
                if not isinstance(op, dict):
                    continue
                body = _resolve(document, op.get("requestBody") or {})
                params = [*item.get("parameters", []), *op.get("parameters", [])]
                responses = sorted((op.get("responses") or {}).items())
                # a WebSocket's GET succeeds with 101 Switching Protocols (RFC 6455 4.2.2): its
                # messages' schema is that answer's, when the operation has no 2xx
                ok: object = next((v for k, v in responses if str(k).startswith("2")),
                                  next((v for k, v in responses if str(k) == "101"), {}))
                response = _resolve(document, ok)
                found.append(Operation(uri, method.upper(), path, str(op.get("operationId", "")),
                                       str(op.get("summary", "")), _schema_of(uri, document, body),
                                       _schema_of(uri, document, response), request_schema=_schema_node(body),
                                       response_schema=_schema_node(response), request_media=_media(body),
                                       response_media=_media(response), test_only=op.get("x-test-only") is True,
                                       messages=tuple(str(m) for m in op.get("x-messages") or ()),
                                       test_content=_test_content(op.get("x-test-content")),
                                       summary_zh=str(op.get("x-summary-zh", "")),
                                       description=(" ".join(str(op.get("description", "")).split()),
                                                    str(op.get("x-description-zh", "")).strip()),
                                       discovery=str(op.get("x-discovery", "")),
                                       parameters=_parameters(document, params),
                                       statuses=tuple(str(k) for k, _ in responses if str(k).isdigit()),
                                       bearer=any("bearer" in s for s in op.get("security") or () if isinstance(s, dict)),
                                       anonymous={} in (op.get("security") or ()),
                                       response_alternatives=_alternatives(uri, document, response),
                                       link=str(op.get("x-link", "")),
                                       step_phrases=tuple(re.compile(str(p)) for p in op.get("x-step-phrases") or ()),
                                       # its parameters the path item's too, each resolved: what a check reads
                                       source={**op, "parameters": [_resolve(document, n) for n in params]}))
    return found


def summary_problems(catalog: Catalog) -> Iterator[tuple[str, str, str]]:
    """(where, problem, fix) for each contract operation without its Chinese summary, which annex D's Chinese
    table gives as the English gives ``summary`` (issue 76): a new operation cannot enter without one."""
    for op in operations(catalog):
        path = catalog.schemas.files.get(op.contract)
        where = f"{catalog.display(path) if path else op.contract} at {op.method} {op.path}"
        # annex D's Chinese gives both (forty-first reading a5: the descriptions were dropped)
        described = op.description[1] if op.description[0] else "-"
        for said, key, english in ((op.summary_zh, "x-summary-zh", "summary"),
                                   (described, "x-description-zh", "description")):
            if not said.strip():
                yield (where, f"operation {op.operation_id or '(no operationId)'} has no {key}",
                       f"add {key} beside {english}: the same content in simplified Chinese, terms as clause 3 "
                       "names them")


def named(text: str) -> Iterator[tuple[str, str]]:
    """(method, path without its query) of each operation a text names."""
    for method, path in _NAMED.findall(text):
        yield method, path.split("?", 1)[0].rstrip(".:")


#: a step's call written with the method and the path in two code spans ("`GET` the registry's asset list `/assets`";
#: thirtieth reading b3): the method's span, then the path's within 40 characters holding no other span
_SPLIT = re.compile(r"`(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)`[^`\n]{0,40}?`(/[^`\s]*)`")


def step_named(text: str) -> Iterator[tuple[str, str]]:
    """(method, path without its query) of each call a test case's steps write, joined or split."""
    yield from named(text)
    for method, path in _SPLIT.findall(text):
        yield method, path.split("?", 1)[0].rstrip(".:")


#: what a version note says a case no longer does ("1.3.0 …: the check no longer requests GET /assets/{asset_id} after
#: the issue nor …"), up to the clause's end: an operation named there is no call of the case (thirty-eighth reading
#: a14); the rest of a history still names the calls a set-up makes ("the check's set-up takes the profile set (`PUT
#: /users/{did}/profile`)"), so the history stays
_NO_LONGER = re.compile(r"\bno longer\b.*?(?=[;:]|\. |$)", re.S)


def _current_notes(req: Requirement) -> str:
    """The English notes without what they say a case no longer does."""
    return _NO_LONGER.sub("", req.notes.en) if req.notes else ""


def _texts(req: Requirement) -> Iterable[str]:
    yield req.statement.en
    yield from (rule.en for rule in req.rules)


@functools.cache
def _matches(template: str, path: str) -> bool:
    """Whether a path a statement names (literal, or with ``{placeholders}``) is of a template
    (cached: a draft asks it for the same pairs in the body and in annex D)."""
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part)
                      for part in re.split(r"(\{[^}]*\})", template) if part)
    return re.fullmatch(pattern, path) is not None or re.sub(r"\{[^}]*\}", "{}", template) == re.sub(
        r"\{[^}]*\}", "{}", path)


def named_operations(catalog: Catalog, requirements: Iterable[Requirement],
                     procedures: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[
                         list[Operation], dict[tuple[str, str], list[str]]]:
    """The contract operations the requirements name (each with the requirements naming it),
    and the (method, path) they name that no contract defines, with the requirements. With the
    hand-written ``procedures`` (requirement ID -> its case's parts), a requirement whose test case's
    steps send a contract operation is listed with it too, named by a text or not (twenty-seventh reading, row 5:
    IR-RES-001's ``GET /identifiers``; fifty-seventh, d1); the steps add no missing path (a step may call
    another standard's API)."""
    requirements = list(requirements)
    known = operations(catalog)
    used: dict[int, Operation] = {}
    missing: dict[tuple[str, str], list[str]] = {}

    def use(i: int, req_id: str) -> None:
        op = used.setdefault(i, known[i])
        if req_id not in op.requirements:
            op.requirements.append(req_id)

    # the operations carrying messages, each with its messages' pattern, compiled once a call (a text
    # names a message standing alone: not inside a longer name)
    carried = [(i, [(m, re.compile(rf"(?<![\w.]){re.escape(m)}(?![\w])")) for m in op.messages])
               for i, op in enumerate(known) if op.messages]
    declared = [(i, op) for i, op in enumerate(known) if op.discovery]
    # a laboratory's test hook a requirement's text names by the profile parameter giving its path (moderation_path,
    # /test-moderation/sanctions): the parameter's default path is the contract's test-only operation there
    defaults: dict[str, set[str]] = {}
    for profile in catalog.profiles.values():
        for name, spec in profile.parameters.items():
            if isinstance(spec.default, str) and spec.default.startswith("/"):
                defaults.setdefault(name, set()).add(spec.default)
    hooks = [(i, op) for i, op in enumerate(known) if op.test_only]
    document = [i for i, op in enumerate(known) if serves_discovery(op)]
    for req in requirements:
        for text in _texts(req):
            for method, path in named(text):
                hits = [i for i, op in enumerate(known) if op.method == method and _matches(op.path, path)]
                if not hits:
                    ids = missing.setdefault((method, path), [])
                    if req.id not in ids:
                        ids.append(req.id)
                for i in hits:
                    use(i, req.id)
            for i, patterns in carried:
                if any(m in text and pattern.search(text) for m, pattern in patterns):
                    use(i, req.id)
            # an operation at a path the discovery document declares, reached through the member naming it
            # ("POST on the declared user_data.biometrics path"); every such text reads the document too
            reached = [i for i, op in declared if names_member(text, op.discovery)]
            for i in reached:
                use(i, req.id)
            if reached or _DISCOVERY_NAMED.search(text):
                for i in document:
                    use(i, req.id)
        said = " ".join((*_texts(req), _current_notes(req)))
        given = {path for name in req.parameters if name in said for path in defaults.get(name, ())}
        for i, op in hooks:
            if op.path in given:
                use(i, req.id)
        # an operation the notes name (the test clock a test case moves) is one of the contract's
        # too; a path of another standard's API a note names (SensorThings) is no omission
        for method, path in named(_current_notes(req)):
            for i, op in enumerate(known):
                if op.method == method and _matches(op.path, path):
                    use(i, req.id)
    linked, kinds = [(i, op) for i, op in enumerate(known) if op.link], []
    for req in requirements:
        said = _steps_taken(procedures or {}, req.id)
        # an operation the case's inconclusive line names by method and path is one its steps call too (their
        # answer other than 200 leaves the case undecided): thirty-third reading b2, AS-REG-006 and AS-TRADE-011
        for method, path in step_named("\n".join((said, *_inconclusive(procedures or {}, req.id)))):
            for i, op in enumerate(known):  # the contract's own, listed even when no text names it (57th d1)
                if op.method == method and _matches(op.path, path):
                    use(i, req.id)
        # a step calling an operation by the discovery member, the discovery document or the IXIT setting
        # giving its path, as a text does (twenty-ninth reading b9: 「向 `clock_path` 发送 `POST`」); a member is the
        # platform's own path, never another standard's API, so its operation enters annex D (fifty-fourth b1)
        for i in (i for i, op in declared if names_member(said, op.discovery)):
            use(i, req.id)
        for i in [i for i, op in used.items() if any(p.search(said) for p in op.step_phrases)]:
            use(i, req.id)
        kinds.append((req.id, kindcalls.taken(said)))
        if _DISCOVERY_NAMED.search(said):
            for i in document:
                use(i, req.id)
        given = {path for name in req.parameters if _names_setting(said, name) for path in defaults.get(name, ())}
        for i in (i for i, op in hooks if op.path in given):
            use(i, req.id)
        # an operation reached through a URL an answer carries (``statusListCredential``), named by that member
        # in a text or a step (twenty-ninth reading b10)
        for i, op in linked:
            if any(_names_setting(text, op.link) for text in (*_texts(req), said)):
                use(i, req.id)
    platform = {known[i].contract for i in document}  # the one contract the kinds' checks call (fifty-ninth bx1)
    for req_id, taken in kinds:  # once every operation is in: a kind missed those a later requirement added
        for i in [i for i, op in used.items() if op.contract in platform and kindcalls.of_any(taken, op.source,
                                                                                                op.method, op.path)]:
            use(i, req_id)
    order = {req.id: n for n, req in enumerate(requirements)}
    for op in used.values():  # in the catalog's order, whether a text or a step named the operation
        op.requirements.sort(key=lambda rid: order.get(rid, len(order)))
    return [used[i] for i in sorted(used)], missing


def _inconclusive(procedures: Mapping[str, Mapping[str, Any]], req_id: str) -> list[str]:
    """A case's English "Inconclusive:" lines (its criteria)."""
    criteria = (procedures.get(req_id) or {}).get("criteria") or {}
    lines = criteria.get("en") or () if isinstance(criteria, dict) else ()
    return [str(line) for line in lines if str(line).startswith("Inconclusive:")]


#: a step taking over steps of a case it cites: "as in step 1 of IF-AUTH-002", "as steps 1 and 2 of IF-UDP-001 do"
#: (those steps), "Following IF-SES-001's steps" (all of them); thirtieth reading b4
_CITED_STEPS = re.compile(r"\b[Ss]teps? (\d+(?:(?:, | and | to )\d+)*) of ([A-Z]{2,}-[A-Z]+-\d{3})\b"
                          r"|\b([A-Z]{2,}-[A-Z]+-\d{3})'s steps\b")


def _steps_taken(procedures: Mapping[str, Mapping[str, Any]], req_id: str, depth: int = 3) -> str:
    """A case's English steps, each followed by the steps of a case it cites that it takes over (their calls are
    the case's own: D.1 lists a requirement "whose test case's procedure calls" an operation)."""
    steps = (procedures.get(req_id) or {}).get("steps") or {}
    own = [str(s) for s in steps.get("en") or ()] if isinstance(steps, dict) else []
    out = []
    for step in own:
        out.append(step)
        for numbers, cited, whole in _CITED_STEPS.findall(step) if depth else ():
            taken = _steps_taken(procedures, cited or whole, depth - 1).split("\n")
            wanted = set(re.findall(r"\d+", numbers))
            if " to " in numbers:
                first, last = (int(n) for n in re.findall(r"\d+", numbers)[:2])
                wanted = {str(n) for n in range(first, last + 1)}
            out += [t for t in taken if t and (whole or t.split(".", 1)[0].strip() in wanted)]
    return "\n".join(out)


def _resolve(document: dict[str, object], node: object) -> object:
    """A local ``$ref`` (``#/components/...``) followed, once per level."""
    for _ in range(8):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")):
            return node
        target: object = document
        for key in node["$ref"][2:].split("/"):
            target = target.get(key, {}) if isinstance(target, dict) else {}
        node = target
    return node


def _parameters(document: dict[str, object], listed: list[object]) -> tuple[Parameter, ...]:
    """An operation's parameters but the path's (its template shows those), references followed."""
    found = []
    for node in listed:
        node = _resolve(document, node)
        if isinstance(node, dict) and node.get("in") not in (None, "path"):
            schema = node.get("schema")
            found.append(Parameter(str(node.get("name", "")), str(node["in"]), node.get("required") is True,
                                   schema if isinstance(schema, dict) else {},
                                   {"en": str(node.get("description", "")).strip(),
                                    "zh": str(node.get("x-description-zh", "")).strip()}))
    return tuple(found)


def names_member(text: str, member: str) -> bool:
    """Whether a text names a member of the discovery document as a whole (``user_data.profile``, not
    ``user_data.profile_x`` nor the member ``minors.playtime`` within ``minors.playtime.sessions``)."""
    return member in text and re.search(rf"(?<![\w.]){re.escape(member)}(?![\w]|\.\w)", text) is not None


def _names_setting(text: str, name: str) -> bool:
    """Whether a text names an IXIT setting or an answer's member (``clock_path``) as a word of its own."""
    return name in text and re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) is not None


#: a text naming the discovery document itself
_DISCOVERY_NAMED = re.compile(r"discovery document|/\.well-known/")


def _test_content(node: object) -> TestContent | None:
    if not isinstance(node, dict) or not isinstance(node.get("marker"), str):
        return None
    members, categories = (tuple(str(x) for x in node.get(k) or ()) for k in ("members", "categories"))
    return TestContent(node["marker"], members, categories, str(node.get("message", "")), str(node.get("subject", "")))


def _media(body: object) -> tuple[str, ...]:
    """The media types a request body or response carries."""
    content = body.get("content") if isinstance(body, dict) else None
    return tuple(str(m) for m in content) if isinstance(content, dict) else ()


def _alternatives(uri: str, document: dict[str, object], body: object) -> tuple[tuple[str, str, object], ...]:
    """(media type, schema URI, schema) of each media type of a response whose schema is not the first one's."""
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict):
        return ()
    first = _schema_of(uri, document, body)
    found = []
    for media, node in list(content.items())[1:]:
        one = {"content": {media: node}}
        shown = _schema_of(uri, document, one)
        if shown and shown != first:
            found.append((str(media), shown, _schema_node(one)))
    return tuple(found)


def _schema_node(body: object) -> object:
    """The schema of a request body or response's first media type, as written (None without one)."""
    content = body.get("content") if isinstance(body, dict) else None
    media = next(iter(content.values()), None) if isinstance(content, dict) else None
    return media.get("schema") if isinstance(media, dict) else None


def _schema_of(uri: str, document: dict[str, object], body: object) -> str:
    """The schema a request body or response carries: its ``$ref`` made absolute (a local one
    as the contract's URI with its pointer), "inline" for a schema written in place."""
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict) or not content:
        return ""
    media = next(iter(content.values()))
    schema = media.get("schema") if isinstance(media, dict) else None
    if not isinstance(schema, dict):
        return ""
    ref = schema.get("$ref") or (schema.get("items") or {}).get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str):
        target, fragment = urldefrag(urljoin(uri, ref))
        return f"{target}#{fragment}" if fragment else target
    return "inline"
