"""YAML read with limits: a file given to the harness cannot exhaust its stack, time or memory.

PyYAML builds nodes recursively (a document nested 500 deep overflows the stack; libyaml's
composer recurses in C) and shares an anchored node among its aliases, so a few lines of
aliases ("billion laughs") stand for billions of values that every later walk (schema
validation, redaction, the report) expands. So a document is first read as a stream of
parser events, which is iterative: its nesting depth, its alias count and the number of
values it would expand to are counted there, and only a document within the limits is
constructed (with libyaml's C loader when it is installed). A number is read there too:
one written with more than :data:`MAX_NUMBER_CHARS` characters is refused before PyYAML's
``int()`` sees it (5 000 digits raise Python's own ValueError; a sexagesimal ``1:2:3:…``
costs quadratic time), whatever its schema would say of its value.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import IO, Any

import yaml

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 100
MAX_ALIASES = 100
MAX_NODES = 250_000
#: The longest number read: a 64-bit integer is 19 digits (binary, with underscores, ~90).
MAX_NUMBER_CHARS = 100
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_RESOLVER = yaml.resolver.Resolver()

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimit(ValueError):
    """The document is over one of the limits; the message says which."""

    def __init__(self, problem: str, line: int | None = None, fix: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.fix = fix


def _check_events(text: bytes) -> None:
    """Count depth, aliases and expanded values over the parser's events."""
    # Per open collection: the values it stands for so far (itself and its contents,
    # aliases expanded), and its anchor.
    stack: list[list[Any]] = []
    anchors: dict[str, int] = {}
    aliases = 0
    total = 0
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            stack.append([1, event.anchor])
            if len(stack) > MAX_DEPTH:
                raise YamlLimit(f"nested more than {MAX_DEPTH} levels deep", line)
            size = 1
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            closed, anchor = stack.pop()
            if anchor:
                anchors[anchor] = closed
            if stack:
                stack[-1][0] += closed
            continue
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlLimit(f"more than {MAX_ALIASES} aliases", line)
            if event.anchor not in anchors:
                # An alias to a collection still open refers to itself: a cycle.
                raise YamlLimit(f"alias *{event.anchor} refers to a collection that contains it", line)
            size = anchors[event.anchor]
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if len(event.value) > MAX_NUMBER_CHARS and event.implicit[0] \
                    and _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit) in _NUMBER_TAGS:
                raise YamlLimit(f"a number written with {len(event.value)} characters, more than the "
                                f"{MAX_NUMBER_CHARS} the harness reads (a 64-bit integer has 19 digits)", line,
                                "use a number the field's schema allows")
            if event.anchor:
                anchors[event.anchor] = 1
        else:
            continue
        total += size
        if total > MAX_NODES:
            raise YamlLimit(f"expands to more than {MAX_NODES} values (aliases included)", line)
        if stack and not isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            stack[-1][0] += size


def load_limited(handle: IO[bytes], passed_before: Callable[[bytes], bool] | None = None) -> Any:
    """The document in ``handle``; raises :class:`YamlLimit` over a limit, yaml.YAMLError
    when it is not YAML. ``passed_before``: whether these very bytes were within the limits
    before (the catalog cache's record, keyed by their SHA-256): then the walk over the
    parser's events, which costs as much as the parse, is skipped."""
    text = handle.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise YamlLimit(f"larger than {MAX_BYTES} bytes")
    if passed_before is None:  # a vendor's file: parsed afresh every time
        _check_events(text)
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    return parse_kept(text, walk=not passed_before(text))


#: The catalog's documents parsed in this process, by the SHA-256 of their bytes: pickled
#: (each load gets objects of its own), and whether the limits walk ran on them. A process
#: that loads the catalog again and again (a test session, a programme's commands in one
#: process) parses each file once; identical bytes parse to an identical document.
_KEPT: dict[str, tuple[bytes, bool]] = {}
KEEP_MAX_BYTES = 4 * 1024 * 1024


def parse_kept(text: bytes, *, walk: bool = True) -> object:
    """A catalog document (a requirement file, a profile, a contract) from its bytes, parsed
    once per process; ``walk``: count its limits first (:func:`_check_events`) unless these
    bytes passed them before."""
    key = hashlib.sha256(text).hexdigest() if len(text) <= KEEP_MAX_BYTES else None
    kept = _KEPT.get(key) if key is not None else None
    if kept is not None and (kept[1] or not walk):
        return pickle.loads(kept[0])  # noqa: S301 - bytes this process pickled itself
    if walk:
        _check_events(text)
    document = yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    if key is not None:
        _KEPT[key] = (pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL), walk)
    return document
