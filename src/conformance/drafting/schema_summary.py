"""The schemas annex E names, summarised in the annex itself (issue 63: a normative annex that
points to schemas outside the document is not self-contained).

Each schema a contract operation's request or successful response carries becomes a table of
its members: the member's path (``rights.licence_url``, ``attributes[]``), its JSON type,
whether it is required, and its constraints (allowed values, format, pattern, lengths, bounds,
closed objects, alternatives), each value written as code so that the Chinese text carries
no English of its own, and its meaning (``description``, in Chinese :data:`DESCRIPTION_ZH`; issue 76: the data
formats annex defined no member but ``t``). References (``$ref``, within a schema, to another schema or into a
contract) are followed through the catalog's schema registry, as a run resolves them, up to
:data:`MAX_DEPTH` levels of members; a member whose schema refers back to one being expanded
says so instead of repeating it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from .patterns import code as _code
from .patterns import ecma

#: levels of nested members a table expands (deeper ones are summarised by their type)
MAX_DEPTH = 3
#: levels enough for every member of every schema (the annexes' member tables define the formats, so they cut none)
EVERY_LEVEL = 64

#: the keyword holding a member's description in Chinese beside its English ``description`` (an annotation:
#: JSON Schema 2020-12 ignores keywords it does not know, so validation is unchanged)
DESCRIPTION_ZH = "x-description-zh"


@dataclass(frozen=True)
class Row:
    path: str
    types: str
    required: bool | None  # None: an array's items
    #: (kind, value), worded by the caller; the value of oneOf / anyOf is a tuple of the
    #: alternatives, each (types, constraints)
    constraints: tuple[tuple[str, object], ...]
    #: the member's meaning, with its unit where it has one: {"en": ..., "zh": ...} ("" where the schema gives none)
    description: dict[str, str] | None = field(default=None, compare=False)
    #: a member not always required: the values of another member, named by its full path, that make it required,
    #: ((member, (values...)), ...), from the ``allOf`` parts' ``if``/``then``/``else`` (:func:`_required_when`);
    #: (:data:`PRESENT`,) or (:data:`ABSENT`,) for a condition on whether that member is there
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()


#: the "values" of a condition on a member's presence, not its value (thirty-first reading: the DID resolution result's
#: `if`/`then`/`else` on `didResolutionMetadata.error` was dropped, so an answer without `didDocument` and without
#: `error` conformed to the table); no JSON value is written so
PRESENT, ABSENT = "\x00present", "\x00absent"
#: the first of a condition's "values" when it tests the first item of an array member, not the member's value
#: (thirty-second reading: a credential's `issuanceDate`, required when `@context` begins with the VC 1.1 context)
FIRST = "\x00first"

Resolve = Callable[[str, str], tuple[object, str]]  # (base URI, $ref) -> (schema, its base URI)
Tabled = dict[str, object]  # schema URI -> what a row conforming to it refers to (worded by the caller)


def summary(schema: object, base: str, resolve: Resolve, max_depth: int = MAX_DEPTH, named: bool = False,
            tabled: Tabled | None = None) -> list[Row]:
    """The rows of one schema, its members in document order, depth first, ``max_depth`` levels deep
    (the data formats annex gives every level: a member it leaves out is one the format does not define);
    ``named``: also the members of a map whose names the instance chooses (``additionalProperties``), as
    ``a.*`` (the discovery document's ``endpoints.*``, ``user_data.purposes.*.basis``); ``tabled``: the schemas
    (by URI) with a table of their own, a member conforming to one referred to it ("refer", its value) and not
    expanded again (thirtieth reading: the asset metadata's 99 rows were printed five times)."""
    return list(_members(schema, base, resolve, "", 0, frozenset(), max_depth, named, tabled or {}))


def closure(schema: object, base: str, resolve: Resolve) -> tuple[tuple[str, object], ...]:
    """The rules of the object a schema defines itself: whether it is closed (its ("closed" / "closed_but", ...)
    constraint) and the forms it is one of (("oneOf" / "anyOf", its alternatives)), or ()
    (thirty-first reading: a table has a row for each member and none for its own object, so nothing said that a
    header, a stream declaration or an order carrying another top-level member is invalid)."""
    node, at, seen, _ = _follow(schema, base, resolve, frozenset())
    # and its alternative forms, when the schema is a oneOf / anyOf at the top (thirty-third reading: a session
    # message's four forms were rows 〔1〕 to 〔4〕, and nothing said that a message is exactly one of them)
    # an object that lists no member and is not closed says so (thirty-fourth reading: its table had no first row)
    kept = tuple(said for said in _constraints(node) if said[0] in ("closed", "closed_but"))
    if not kept and node.get("type") == "object" and not node.get("properties") and not _list(node, "oneOf"):
        kept = (("open", ""),)
    return (kept
            + tuple((kind, _alternatives(_list(node, kind), at, resolve, seen)) for kind in ("oneOf", "anyOf")
                    if _list(node, kind)))


def _follow(node: object, base: str, resolve: Resolve,
            seen: frozenset[str]) -> tuple[dict[str, object], str, frozenset[str], str]:
    """The schema a chain of ``$ref`` leads to (merged with the keywords beside the ref), its
    base, what was followed, and the ref closing a cycle ("" if none)."""
    merged: dict[str, object] = {}
    for _ in range(16):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(node, dict) or not isinstance(ref, str):
            break
        target, fragment = urldefrag(urljoin(base, ref))
        key = f"{target}#{fragment}" if fragment else target  # "#" and the document's URI are one schema
        if key in seen:
            return {**node, **merged}, base, seen, ref
        seen = seen | {key}
        merged = {**{k: v for k, v in node.items() if k != "$ref"}, **merged}
        node, base = resolve(base, ref)
    return ({**node, **merged} if isinstance(node, dict) else {}), base, seen, ""


def _list(node: dict[str, object], key: str) -> list[object]:
    value = node.get(key)
    return value if isinstance(value, list) else []


def _members(schema: object, base: str, resolve: Resolve, path: str, depth: int,
             seen: frozenset[str], max_depth: int, named: bool = False, tabled: Tabled | None = None,
             inherited: Conditions | None = None) -> Iterator[Row]:
    node, base, seen, cycle = _follow(schema, base, resolve, seen)
    if cycle:
        return
    parts = [node] + [_follow(s, base, resolve, seen)[0] for s in _list(node, "allOf") if isinstance(s, dict)]
    required = {name for p in parts for name in _list(p, "required") if isinstance(name, str)}
    conditional, (when, nested) = _conditions(parts), _required_when(parts, f"{path}." if path else "")
    paired = _paired(parts, f"{path}." if path else "")
    for part in parts:
        properties = part.get("properties")
        for name, child in (properties.items() if isinstance(properties, dict) else ()):
            said = () if name in required else (*when.get(name, ()), *(inherited or {}).get(name, ()),
                                                 *paired.get(name, ()))
            yield from _member(child, base, resolve, f"{path}.{name}" if path else str(name), name in required,
                               depth, seen, max_depth, named, conditional.get(name, ()), said, tabled,
                               nested.get(name))
    # a member required and given no schema of its own (thirty-fourth reading: a glTF document's `{"type": "object",
    # "required": ["asset"]}` printed 「不限定成员」); a form's are said in its 「带有」, so not under 〔k〕
    listed = {name for p in parts if isinstance(props := p.get("properties"), dict) for name in props}
    for name in [] if path.endswith("〕") else [n for n in _list(node, "required") if isinstance(n, str)]:
        if name not in listed:
            yield Row(f"{path}.{name}" if path else name, "", True, ())
    # a member a form shall not carry (`not: {required: [id]}`: a session notification's, the one thing telling it from
    # an answer under the message's oneOf; thirty-second reading)
    banned = node.get("not")
    absent = _list(banned, "required") if isinstance(banned, dict) and set(banned) == {"required"} else []
    for name in absent if len(absent) == 1 else []:  # (two names: only not both, which no row says)
        yield Row(f"{path}.{name}" if path else str(name), "", False, (("absent", ""),))
    extra = node.get("additionalProperties")
    if named and path and isinstance(extra, dict) and extra:
        yield from _member(extra, base, resolve, f"{path}.*", None, depth, seen, max_depth, named, tabled=tabled)
    items = node.get("items")
    if path and isinstance(items, dict):
        yield from _member(items, base, resolve, f"{path}[]", None, depth, seen, max_depth, named, tabled=tabled)
    for keyword in ("oneOf", "anyOf"):
        for number, option in enumerate(_list(node, keyword), 1):
            yield from _members(option, base, resolve, f"{path}〔{number}〕" if path else f"〔{number}〕", depth, seen,
                                max_depth, named, tabled)


def _condition(part: dict[str, object]) -> list[tuple[str, list[object], dict[str, object]]]:
    """An ``allOf`` part's ``if``/``then`` when the ``if`` tests one member's value: ``{"if": {"properties": {key:
    {"const": v} or {"enum": [...]}}}}``, with, as a held order's has, ``"required": [key]`` beside it (the same
    condition): [(key, its values, ``then``)]; when it tests whether a member of a member is there (``{"properties":
    {key: {"required": [name]}}, "required": [key]}``, the DID resolution result's): [("key.name", [PRESENT],
    ``then``), ("key.name", [ABSENT], ``else``)]; [] for an ``if`` of another shape (the table then says no more)."""
    test, then, other = part.get("if"), part.get("then"), part.get("else")
    if not isinstance(test, dict) or not set(test) <= {"properties", "required"}:
        return []
    tested = test.get("properties")
    if not isinstance(tested, dict) or len(tested) != 1 or not set(_list(test, "required")) <= set(tested):
        return []
    (on, rule), = tested.items()
    inner = _list(rule, "required") if isinstance(rule, dict) and set(rule) == {"required"} else []
    if len(inner) == 1 and _list(test, "required") == [on]:
        return [(f"{on}.{inner[0]}", [mark], branch) for mark, branch in ((PRESENT, then), (ABSENT, other))
                if isinstance(branch, dict)]
    first = _list(rule, "prefixItems")[:1] if isinstance(rule, dict) and set(rule) == {"prefixItems"} else []
    if first and isinstance(first[0], dict):  # a test of the array's first item: its values after FIRST
        rule, mark = first[0], [FIRST]
    else:
        mark = []
    values = ([rule["const"]] if "const" in rule else _list(rule, "enum")) if isinstance(rule, dict) else []
    return [(str(on), mark + values, then)] if values and isinstance(then, dict) else []


def _branches(parts: list[dict[str, object]]) -> Iterator[tuple[str, list[object], dict[str, object]]]:
    """Each condition of an object's own ``if`` and those of its ``allOf`` parts (:func:`_condition`), in order."""
    for part in parts:
        yield from _condition(part)


Conditions = dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # member -> ((full path of the member tested, values),)


def _required_when(parts: list[dict[str, object]], prefix: str = "") -> tuple[Conditions, dict[str, Conditions]]:
    """The members an ``allOf`` part requires on a condition (:func:`_condition`) -> ``{member: (("type",
    (values...)),)}``, the values of one condition member merged in schema order (twenty-ninth reading: 表 E.2 printed
    「否」 for 30 stream members the stream's `type` makes required, so a header the validator rejects conformed to
    the table), the member tested by its full path (``prefix``: the object's); and the members of a member the
    condition requires (``then``/``else``'s ``properties: {member: {required: [...]}}``), by member."""
    found: dict[str, dict[str, list[str]]] = {}
    inner: dict[str, dict[str, dict[str, list[str]]]] = {}

    def keep(into: dict[str, dict[str, list[str]]], name: str, on: str, values: list[object]) -> None:
        kept = into.setdefault(name, {}).setdefault(prefix + on, [])
        kept += [str(v) for v in values if str(v) not in kept]

    for on, values, then in _branches(parts):
        for name in _list(then, "required"):
            if isinstance(name, str):
                keep(found, name, on, values)
        members = then.get("properties")
        for member, rule in (members.items() if isinstance(members, dict) else ()):
            for name in (_list(rule, "required") if isinstance(rule, dict) else []):
                if isinstance(name, str):
                    keep(inner.setdefault(member, {}), name, on, values)

    def said(by_name: dict[str, dict[str, list[str]]]) -> Conditions:
        return {name: tuple((key, tuple(v)) for key, v in by.items()) for name, by in by_name.items()}
    return said(found), {member: said(by_name) for member, by_name in inner.items()}


def _member(schema: object, base: str, resolve: Resolve, path: str, required: bool | None, depth: int,
            seen: frozenset[str], max_depth: int, named: bool = False,
            conditional: tuple[tuple[str, object], ...] = (),
            when: tuple[tuple[str, tuple[str, ...]], ...] = (), tabled: Tabled | None = None,
            inherited: Conditions | None = None) -> Iterator[Row]:
    target, target_base, followed, cycle = _follow(schema, base, resolve, seen)
    refer = next((tabled[key] for key in followed - seen if tabled and key in tabled), None)
    constraints: list[tuple[str, object]] = [
        (kind, _alternatives(_list(target, kind), target_base, resolve, followed) if kind in ("oneOf", "anyOf")
         else value) for kind, value in _constraints(target)]
    types = _types(target)
    # forms that are bare types ([{$ref: id}, {type: null}]) are the type column's `integer` / `string` / `null`, as
    # ``type: [string, null]`` is (thirtieth reading: "a string or null" was printed two ways, by how the schema
    # spelled it, and one JSON-RPC `id` 「之一」 in one table, 「至少一种」 in another)
    plain: list[tuple[tuple[str, tuple[object, ...]], ...]] = [
        value for kind, value in constraints if kind in ("oneOf", "anyOf") and isinstance(value, tuple)]
    if not types and len(plain) == 1 and all(kinds and not said and "`object`" not in kinds and "`array`" not in kinds
                                             for kinds, said in plain[0]):  # an object's form has its own rows
        types = " / ".join(dict.fromkeys(k for kinds, _ in plain[0] for k in kinds.split(" / ")))
        constraints = [(kind, value) for kind, value in constraints if kind not in ("oneOf", "anyOf")]
    # a rule that depends on another member comes first, before the alternatives a 「；」 would seem to extend
    constraints = [*conditional, *constraints, *_by_type(target, target_base, resolve, followed)]
    if cycle:
        constraints.append(("recursive", cycle))
    if refer is not None:  # its members are in its own table
        constraints.append(("refer", refer))
    yield Row(path, types, required, tuple(constraints), _description(target), when)
    if depth + 1 < max_depth and not cycle and refer is None:
        yield from _members(target, target_base, resolve, path, depth + 1, followed, max_depth, named, tabled,
                            inherited)
        yield from _typed_members(target, target_base, resolve, path, depth, followed, max_depth, named, tabled)


def _typed_members(node: dict[str, object], base: str, resolve: Resolve, path: str, depth: int,
                   seen: frozenset[str], max_depth: int, named: bool, tabled: Tabled | None) -> Iterator[Row]:
    """The members of the forms a member's own type selects (``if: {type: array}``, ``then``, ``else``): an object
    form's as ``a.b``, an array form's elements as ``a[]`` and theirs (thirty-second reading: a credential's `issuer`,
    `credentialSubject`, `credentialStatus`, `credentialSchema` printed the array's `minItems` and never what an
    object of theirs requires); the path says which form a row belongs to."""
    test = node.get("if")
    if not isinstance(test, dict) or set(test) != {"type"}:
        return
    for branch in (node.get("then"), node.get("else")):
        if not isinstance(branch, dict):
            continue
        target, target_base, followed, cycle = _follow(branch, base, resolve, seen)
        items = target.get("items")
        if cycle:
            continue
        if isinstance(items, dict) and _follow(items, target_base, resolve, followed)[0].get("properties"):
            yield from _member(items, target_base, resolve, f"{path}[]", None, depth, followed, max_depth, named,
                               tabled=tabled)
        elif target.get("properties"):
            yield from _members(target, target_base, resolve, path, depth + 1, followed, max_depth, named, tabled)


def _paired(parts: list[dict[str, object]], prefix: str) -> Conditions:
    """The members another member's presence requires (``dependentRequired``: a sanction's `min_period_s` and
    `max_period_s`, each the other's; thirty-second reading), as a condition on that member being there."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for part in parts:
        pairs = part.get("dependentRequired")
        for on, names in (pairs.items() if isinstance(pairs, dict) else ()):
            for name in (names if isinstance(names, list) else []):
                found.setdefault(str(name), []).append((prefix + str(on), (PRESENT,)))
    return {name: tuple(said) for name, said in found.items()}


def _alternatives(options: list[object], base: str, resolve: Resolve,
                  seen: frozenset[str]) -> tuple[tuple[str, tuple[tuple[str, object], ...]], ...]:
    """Each alternative of a oneOf / anyOf as (types, constraints) (nested alternatives by count; the members it
    requires as ("required", their names))."""
    out: list[tuple[str, tuple[tuple[str, object], ...]]] = []
    for option in options:
        target = _follow(option, base, resolve, seen)[0]
        # the members a form requires are what the form asks (twenty-second reading: a form of required members
        # only was printed 「不限」, so "exactly one of two forms that both admit anything" could never be met)
        names = tuple(name for name in _list(target, "required") if isinstance(name, str))
        required: tuple[tuple[str, object], ...] = (("required", names),) if names else ()
        out.append((_types(target), required + tuple(_constraints(target))))
    return _told_apart(out, [_follow(option, base, resolve, seen)[0] for option in options])


def _told_apart(forms: list[tuple[str, tuple[tuple[str, object], ...]]],
               targets: list[dict[str, object]]) -> tuple[tuple[str, tuple[tuple[str, object], ...]], ...]:
    """Forms summarised alike, each with the member values telling them apart (("value_is", (member, values))): a
    member whose ``const`` / ``enum`` differs between them (thirty-fourth reading: a session message's forms 〔3〕 and
    〔4〕 both read 「带有 `jsonrpc`、`method` 与 `params`」, while `method` is `session.state` in one and
    `session.joined` or `session.left` in the other)."""
    def values(target: dict[str, object]) -> dict[str, tuple[str, ...]]:
        members = target.get("properties")
        out: dict[str, tuple[str, ...]] = {}
        for name, rule in (members.items() if isinstance(members, dict) else ()):
            if isinstance(rule, dict) and ("const" in rule or isinstance(rule.get("enum"), list)):
                out[name] = tuple(_code(v) for v in ([rule["const"]] if "const" in rule else rule["enum"]))
        return out

    told = list(forms)
    for form in dict.fromkeys(forms):
        alike = [i for i, other in enumerate(forms) if other == form]
        if len(alike) < 2:
            continue
        found = [values(targets[i]) for i in alike]
        differ = [name for name in found[0] if any(each.get(name) != found[0][name] for each in found[1:])]
        for i, each in zip(alike, found, strict=True):
            told[i] = (form[0], form[1] + tuple(("value_is", (name, each[name])) for name in differ if name in each))
    return tuple(told)


def _conditions(parts: list[dict[str, object]]) -> dict[str, tuple[tuple[str, object], ...]]:
    """What an object's ``if``/``then`` rules ask of its members, by member name (twenty-ninth reading: the tables
    dropped them, so a held order without its `flag`, or a settlement event without its `trade`, conformed to the
    table and failed the validator): ("when_type", (key, values, type)) for a member's type ``then`` fixes, and
    ("when_pattern", ...) for its pattern (fifty-first reading, b2: a `sha-256-jcs` digest's hex stood in no row), where
    ``if`` tests member key's value (:func:`_condition`); the values giving one outcome are joined, so each member
    says each outcome once. A member ``then`` requires is said in the 必需 column (``_required_when``)."""
    typed: dict[tuple[str, str, str, str], list[str]] = {}  # (member, key, kind, type or pattern) -> values of key
    for key, values, then in _branches(parts):  # the object's own rule and those of its allOf
        said = str(values[0]) if values in ([PRESENT], [ABSENT]) else "、".join(_code(v) for v in values)
        members = then.get("properties")
        for name, rule_of in (members.items() if isinstance(members, dict) else ()):
            for word, kind in (("type", "when_type"), ("pattern", "when_pattern")) if isinstance(rule_of, dict) else ():
                if isinstance(what := rule_of.get(word), str):
                    typed.setdefault((name, key, kind, _code(ecma(what) if word == "pattern" else what)), []).append(said)
    out: dict[str, list[tuple[str, object]]] = {}
    for (name, key, kind, what), outcomes in typed.items():
        out.setdefault(name, []).append((kind, (key, "、".join(outcomes), what)))
    for part in parts:  # members an ``else`` forbids: ("absent_unless", (key, values)), the values ``if`` tests
        tested, other = _condition(part), part.get("else")
        banned = other.get("not") if isinstance(other, dict) and set(other) == {"not"} else None
        forms = _list(banned, "anyOf") if isinstance(banned, dict) and set(banned) == {"anyOf"} else [banned]
        if len(tested) != 1 or tested[0][1][:1] in ([PRESENT], [ABSENT]) or not isinstance(banned, dict):
            continue
        for form in forms:
            names = _list(form, "required") if isinstance(form, dict) and set(form) == {"required"} else []
            for name in names if len(names) == 1 else []:
                out.setdefault(str(name), []).append(("absent_unless", (tested[0][0], tuple(map(str, tested[0][1])))))
    return {name: tuple(said) for name, said in out.items()}


def _by_type(node: dict[str, object], base: str, resolve: Resolve,
             seen: frozenset[str]) -> Iterator[tuple[str, object]]:
    """A member whose rules depend on its own type (``if: {type: array}``, ``then``, ``else``: the DID document's
    `@context`, `controller`, a service's `type`) as ("by_type", (type, then's constraints, else's constraints))."""
    when = node.get("if")
    if not isinstance(when, dict) or set(when) != {"type"} or not isinstance(when["type"], str):
        return
    yield ("by_type", (f"`{when['type']}`", *(_rules(node.get(k), base, resolve, seen) for k in ("then", "else"))))


def _rules(node: object, base: str, resolve: Resolve, seen: frozenset[str]) -> tuple[tuple[str, object], ...]:
    """What a ``then`` / ``else`` asks: its constraints, its own rules by type and its items' ("items", ...)."""
    if not isinstance(node, dict):
        return ()
    target, base, seen, _ = _follow(node, base, resolve, seen)
    items = target.get("items")
    each = _rules(items, base, resolve, seen) if isinstance(items, dict) else ()
    return (*_constraints(target), *_by_type(target, base, resolve, seen), *((("items", each),) if each else ()))


def _description(node: dict[str, object]) -> dict[str, str]:
    """The member's description in both languages (the one written beside a ``$ref`` wins, :func:`_follow`)."""
    en, zh = node.get("description"), node.get(DESCRIPTION_ZH)
    return {"en": en.strip() if isinstance(en, str) else "", "zh": zh.strip() if isinstance(zh, str) else ""}


def _types(node: dict[str, object]) -> str:
    kind = node.get("type")
    if isinstance(kind, list):
        return " / ".join(f"`{k}`" for k in kind)
    if isinstance(kind, str):
        return f"`{kind}`"
    if "const" in node or "enum" in node:  # the type of the values (fifteenth reading: 「—」 for `format`, `device.class`)
        values = [node["const"]] if "const" in node else _list(node, "enum")
        return " / ".join(f"`{k}`" for k in dict.fromkeys(_json_type(v) for v in values))
    if "properties" in node:
        return "`object`"
    return ""


def _json_type(value: object) -> str:
    """A JSON value's type as JSON Schema names it."""
    if value is None or isinstance(value, (bool, int)):
        return "null" if value is None else "boolean" if isinstance(value, bool) else "integer"
    return {float: "number", str: "string", dict: "object", list: "array"}.get(type(value), "string")


def _constraints(node: dict[str, object]) -> Iterator[tuple[str, object]]:
    if "const" in node:
        yield ("const", _code(node["const"]))
    values = node.get("enum")
    if isinstance(values, list):
        # every allowed value: the annexes are normative, and a value left out is one the format does not
        # define (fourth reading: 9 lists cut after eight, 「…（40）」, in annexes D and E)
        yield ("enum", "、".join(_code(v) for v in values))
    for key in ("format", "pattern"):
        if isinstance(node.get(key), str):
            yield (key, _code(ecma(str(node[key])) if key == "pattern" else node[key]))
    # a range's lower bound first, inclusive or not (twenty-second reading: 「不大于 `10`；大于 `0`」 beside
    # 「不小于 `0`；不大于 `100`」, the order of the keywords, was one kind of entry written two ways)
    for key in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "exclusiveMinimum", "maximum",
                "exclusiveMaximum", "minProperties", "maxProperties", "multipleOf"):
        if isinstance(node.get(key), (int, float)) and not isinstance(node.get(key), bool):
            yield (key, _code(node.get(key)))
    if node.get("uniqueItems") is True:
        yield ("uniqueItems", "")
    contains = node.get("contains")  # an item the array shall have (thirty-second reading: never printed)
    if isinstance(contains, dict) and "const" in contains:
        yield ("contains", _code(contains["const"]))
    elif isinstance(contains, dict) and isinstance(contains.get("enum"), list):  # an item of several (50th, b4)
        yield ("contains_any", "、".join(_code(v) for v in contains["enum"]))
    if isinstance(node.get("contentEncoding"), str):
        yield ("contentEncoding", _code(node["contentEncoding"]))
    naming = node.get("propertyNames")  # the names a keyed object's members take (a title's language tags)
    if isinstance(naming, dict) and isinstance(naming.get("pattern"), str):
        yield ("propertyNames", _code(ecma(naming["pattern"])))
    first = _list(node, "prefixItems")  # the DID document's `@context`: its first element fixed
    for number, item in enumerate(first, 1):
        if isinstance(item, dict):
            yield ("prefixItem", (number, tuple(_constraints(item))))
    if node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False:
        # the member names a closed object admits beside those listed (twenty-ninth reading: 108 objects take
        # `x-…` members, which 「封闭」 alone said they could not)
        patterns = node.get("patternProperties")
        names = "、".join(_code(ecma(k)) for k in patterns) if isinstance(patterns, dict) and patterns else ""
        yield ("closed_but", names) if names else ("closed", "")
    for key in ("oneOf", "anyOf"):
        if isinstance(node.get(key), list):
            yield (key, str(len(_list(node, key))))

