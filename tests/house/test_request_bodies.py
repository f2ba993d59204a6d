"""Every JSON body a suite or an area sends a product is made by a builder an area's
``requestbodies`` registry lists (and ``tests/areas/<area>/test_request_bodies.py`` checks), or
is named below with the reason it is not (issue 59, item 3): a new ``json=`` that is neither
fails here, so no unchecked body can be added unnoticed."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from conformance.areas._shared import requestbodies as shared_bodies
from conformance.areas.assets import requestbodies as assets_bodies
from conformance.areas.identity import requestbodies as identity_bodies
from conformance.areas.interfaces import requestbodies as interfaces_bodies
from conformance.areas.scenes import requestbodies as scenes_bodies
from tests.conftest import ROOT

REGISTRIES = (shared_bodies.REQUESTS, assets_bodies.REQUESTS, identity_bodies.REQUESTS, interfaces_bodies.REQUESTS,
              scenes_bodies.REQUESTS)
SCANNED = [*sorted((ROOT / "suites").rglob("*.py")), *sorted((ROOT / "src" / "conformance" / "areas").rglob("*.py"))]

#: (file, function) -> why its bodies are not built by a registered builder ("*": any function
#: of the file). Each reason says why the body need not be one the contract allows.
NOT_REGISTERED = {
    ("suites/identity/test_registration.py", "test_malformed_and_duplicate_requests_are_refused"):
        "deliberately wrong: malformed create requests, which the registrar must refuse",
    ("suites/interfaces/test_robustness.py", "test_valid_bodies_are_accepted"):
        "the contract's own example of each operation (x-fill values set), which "
        "tests/areas/interfaces/test_request_bodies.py checks against the contract",
    ("suites/interfaces/test_auth.py", "_probe"):
        "the contract's own example of each operation (x-fill values set; checked as above), sent without "
        "valid credentials",
    ("src/conformance/areas/_shared/registry.py", "call"):
        "a forwarder: Registry.issue, transfer and act pass it bodies from _shared/requestbodies.py",
    ("src/conformance/areas/assets/sequences.py", "request"):
        "a forwarder: Recorded is the API the stateful machines' Registry and Market send through, "
        "with the bodies their calls build",
    ("src/conformance/areas/assets/sequences.py", "send"):
        "a forwarder: Recorded.request's own send, the same bodies",
    ("suites/interfaces/test_robustness.py", "test_invalid_bodies_get_a_4xx_problem"):
        "deliberately wrong: bodies mutated from the contract's examples, which the platform must refuse",
    ("src/conformance/areas/interfaces/userplatform.py", "set_profile"):
        "a forwarder: the user-data set-ups pass it profile_request(...) (thirty-sixth reading's leftovers, part o)",
    ("suites/interfaces/test_shared_scenes.py", "_publish"):
        "a forwarder: its callers pass scenes.probe_scene(...) (registered) or the scene the other platform served",
}
#: the methods of a target (and of the registry client) that send a request
SENDING = ("post", "put", "patch", "delete", "request", "call")
#: the keywords that carry a body
BODIES = ("json", "content")


def _builders() -> set[str]:
    return {name for registry in REGISTRIES for request in registry.values() for name in request.builders}


def _called(node: ast.AST) -> set[str]:
    """The names of the functions called anywhere in ``node`` (``f(...)``, ``x.f(...)``)."""
    names = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            names.add(func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else "")
    return names


@functools.cache
def _functions() -> tuple[tuple[Path, ast.FunctionDef | ast.AsyncFunctionDef], ...]:
    """Every function of the scanned files, parsed once a process (two tests read them; the
    trees are only read)."""
    found = []
    for path in SCANNED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((path, node))
    return tuple(found)


def _delegating_builders(functions, builders: set[str]) -> set[str]:
    """The builders and every function whose each return calls one (a helper that builds the
    body with a registered builder: ``Subject.proof`` returns ``key_proof(...)``)."""
    known = set(builders)
    # what each function's returns call, walked once, not once per round of the search
    returning = [(function.name, [_called(n.value) for n in ast.walk(function)
                                  if isinstance(n, ast.Return) and n.value is not None])
                 for _, function in functions]
    while True:
        more = set()
        for name, calls in returning:
            if name not in known and calls and all(called & known for called in calls):
                more.add(name)
        if not more:
            return known
        known |= more


def _built(value: ast.AST, function: ast.AST, builders: set[str], seen: frozenset[str] = frozenset()) -> bool:
    """Whether a ``json=`` value is made by a builder: it calls one, or it names a variable
    every assignment of which in the function is made by one (``signed(identity, body, ...)``
    after ``body = update_request(...)``)."""
    if _called(value) & builders:
        return True
    for name in {n.id for n in ast.walk(value) if isinstance(n, ast.Name)} - seen:
        assigned = [n.value for n in ast.walk(function) if isinstance(n, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]
        if assigned and all(_built(a, function, builders, seen | {name}) for a in assigned):
            return True
    return False


def _sends(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr in SENDING


def _unregistered() -> list[str]:
    functions = _functions()
    builders = _delegating_builders(functions, _builders())
    found = []
    for path, function in functions:
        where = path.relative_to(ROOT).as_posix()
        excused = (where, function.name) in NOT_REGISTERED or (where, "*") in NOT_REGISTERED
        if path.name == "requestbodies.py" or excused:
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Call) or not _sends(node):
                continue
            for keyword in node.keywords:
                if keyword.arg in BODIES and not _built(keyword.value, function, builders):
                    found.append(f"{where}:{node.lineno} in {function.name}: "
                                 f"{keyword.arg}={ast.unparse(keyword.value)}")
    return sorted(set(found))


def test_every_body_sent_is_built_by_a_registered_builder():
    assert _unregistered() == []


def test_every_place_excused_still_sends_a_body():
    # an excuse outliving its body would let a new unchecked body in under its name
    sending = set()
    for path, function in _functions():
        where = path.relative_to(ROOT).as_posix()
        if any(isinstance(n, ast.Call) and _sends(n) and any(k.arg in BODIES for k in n.keywords)
               for n in ast.walk(function)):
            sending |= {(where, function.name), (where, "*")}
    assert [place for place in NOT_REGISTERED if place not in sending] == []


def test_the_guard_catches_a_body_written_in_place():
    tree = ast.parse("def f(api):\n    api.post('/reports', json={'category': 'other'})\n")
    function = tree.body[0]
    call = next(n for n in ast.walk(function) if isinstance(n, ast.Call) and n.keywords)
    assert not _built(call.keywords[0].value, function, _builders())
    tree = ast.parse("def f(api):\n    body = report_request()\n    api.post('/reports', json=body)\n")
    function = tree.body[0]
    call = next(n for n in ast.walk(function) if isinstance(n, ast.Call) and n.keywords)
    assert _built(call.keywords[0].value, function, _builders())
