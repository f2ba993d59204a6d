"""What each measured requirement's check composes each rule's U from, read from the checks' code (seventy-fifth
reading of issue 76, part h141-u; the h139/h140 scans of the seventy-fourth reading, extended).

Per rule, each value judged takes some of: ``A`` a sample's statistic (a ``u_a`` that is no resolution), ``B`` the
instrument's stated uncertainty (``u_b``, ``stated``, ``instrument`` given, a ``Measurement``'s u_b) and ``R`` the
resolution of the reading: an uncertainty computed as an interval over sqrt(12) (a rectangular distribution, GUM
4.3.7, a type B evaluation), followed from where it is computed through names, tuples, attributes, returned values
and arguments to the ``u_a`` or ``u_b`` handed to the judge. A helper that only forwards its rule and its
uncertainties to a ``Measurement`` or a ``judge`` (robots/tracker.py's ``measure``) is read at its call sites."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator

from tests.drafting.test_reading_seventyfourth_h139_hand import _B_KEYS, _DEFS, _MODULES, _given, checks_walk
from tests.drafting.test_reading_seventyfourth_h139_hand import _imports as _imports_of
from tests.drafting.test_reading_seventyfourth_h140typeb import _rule

Scope = tuple[str, str | None]  # (module, function) or (module, None) for module level
_imports = functools.cache(_imports_of)


def _is_marker(node: ast.AST) -> bool:
    """``12 ** 0.5`` or ``sqrt(12)``: the rectangular distribution's divisor."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        return isinstance(node.left, ast.Constant) and node.left.value == 12
    if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "sqrt":
        return bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value in (12, 12.0)
    return False


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk`` that does not enter an attribute's object: ``got.per_bone_u`` carries what ``per_bone_u``
    carries, not what another attribute of ``got`` does."""
    todo = [node]
    while todo:
        sub = todo.pop()
        yield sub
        todo += [c for c in ast.iter_child_nodes(sub) if not (isinstance(sub, ast.Attribute) and c is sub.value)]


class _Taint:
    """The names, attributes, parameters and functions that carry a resolution."""

    def __init__(self) -> None:
        self.names: set[tuple[str, str | None, str]] = set()  # (module, function or None, name)
        self.via_param: set[tuple[str, str | None, str]] = set()  # through a parameter a caller hands one
        self.attrs: set[str] = set()
        self.functions: set[tuple[str, str]] = set()  # whose return value carries one
        self.methods: set[str] = set()  # a method returning an interval over sqrt(12) itself
        self.parts: set[tuple[str, str, str, int]] = set()  # a tuple parameter's element

    def tainted(self, node: ast.AST, scope: Scope, own: bool = False) -> bool:
        """Whether ``node`` carries a resolution (``own``: not through the function's parameters, so that a
        statistic's helper handed a resolution once does not make its every value one)."""
        module, function = scope
        params = self.names if own else self.names | self.via_param
        imported = _imports(module)
        for sub in _walk(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) \
                    and (found := imported.get(sub.value.id)) and found[1] is None \
                    and ((found[0], None, sub.attr) in self.names or (found[0], sub.attr) in self.functions):
                return True  # a module's constant or function: shifts.U_SHIFT_MS
            if _is_marker(sub):
                return True
            if isinstance(sub, ast.Name):
                found = imported.get(sub.id)
                if (module, function, sub.id) in params or (module, None, sub.id) in self.names \
                        or (found and found[1] is not None and (found[0], None, found[1]) in self.names) \
                        or (found and found[1] is not None and (found[0], found[1]) in self.functions
                            and self._called(node, sub)):
                    return True
                if (module, sub.id) in self.functions and self._called(node, sub):
                    return True
            if isinstance(sub, ast.Attribute) and (sub.attr in self.attrs or sub.attr in self.methods):
                return True
        return False

    @staticmethod
    def _called(root: ast.AST, name: ast.Name) -> bool:
        return any(isinstance(c, ast.Call) and c.func is name for c in ast.walk(root))


def _functions() -> Iterator[tuple[Scope, ast.AST]]:
    for module, tree in _MODULES.items():
        yield (module, None), tree
    for (module, name), node in _DEFS.items():
        yield (module, name), node


def _callee(scope: Scope, call: ast.Call) -> tuple[str, str] | None:
    module = scope[0]
    if isinstance(call.func, ast.Name):
        if (module, call.func.id) in _DEFS:
            return module, call.func.id
        found = _imports(module).get(call.func.id)
        return (found[0], found[1]) if found and found[1] is not None and (found[0], found[1]) in _DEFS else None
    return None


def _params(key: tuple[str, str]) -> list[str]:
    return [a.arg for a in _DEFS[key].args.args]


def taint() -> _Taint:
    """The fixpoint of what carries a resolution over every check module and area module."""
    t = _Taint()
    changed = True
    while changed:
        before = (len(t.names), len(t.via_param), len(t.attrs), len(t.functions), len(t.parts), len(t.methods))
        for scope, root in _functions():
            module, function = scope
            nodes = ast.walk(root) if function else iter(root.body)  # type: ignore[attr-defined]
            for node in nodes:
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    own = t.tainted(node.value, scope, own=True)
                    value_tainted = own or t.tainted(node.value, scope)
                    for target in targets:
                        elts = target.elts if isinstance(target, ast.Tuple) else [target]
                        for i, elt in enumerate(elts):
                            part = isinstance(target, ast.Tuple) and isinstance(node.value, ast.Name) and \
                                function is not None and (module, function, node.value.id, i) in t.parts
                            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                                part, value_tainted = t.tainted(node.value.elts[i], scope), False
                            if not (value_tainted or part):
                                continue
                            if isinstance(elt, ast.Name):
                                (t.names if own else t.via_param).add((module, function, elt.id))
                            elif isinstance(elt, ast.Attribute) and any(_is_marker(n) for n in ast.walk(node.value)):
                                t.attrs.add(elt.attr)  # an attribute only where the interval is divided
                elif isinstance(node, ast.Return) and node.value is not None and function is not None \
                        and t.tainted(node.value, scope, own=True):
                    t.functions.add((module, function))
                    if any(_is_marker(n) for n in ast.walk(node.value)):
                        t.methods.add(function)
                elif isinstance(node, ast.Call) and function is not None and (key := _callee(scope, node)):
                    params = _params(key)
                    bound = list(zip(params, node.args, strict=False)) + [(k.arg, k.value) for k in node.keywords
                                                                          if k.arg]
                    for param, arg in bound:
                        if t.tainted(arg, scope):
                            t.via_param.add((key[0], key[1], param))
                        if isinstance(arg, ast.Tuple):
                            for i, elt in enumerate(arg.elts):
                                if t.tainted(elt, scope):
                                    t.parts.add((key[0], key[1], param, i))
        changed = before != (len(t.names), len(t.via_param), len(t.attrs), len(t.functions), len(t.parts),
                             len(t.methods))
    return t


def _bare(node: ast.expr) -> str | None:
    """A name, also within ``float(...)``."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "float" and len(node.args) == 1:
        node = node.args[0]
    return node.id if isinstance(node, ast.Name) else None


@functools.cache
def _wrapper(key: tuple[str, str]) -> dict[str, str] | None:
    """A helper that forwards its own rule and uncertainties to a judged call: which of its parameters is the rule,
    the u_a and the u_b (None: not such a helper)."""
    params = _params(key)
    for node in ast.walk(_DEFS[key]):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Measurement" and len(node.args) >= 8:
            names = [_bare(a) for a in (node.args[1], node.args[6], node.args[7])]
            if names[0] in params:
                return {"rule": names[0], "u_a": names[1] or "", "u_b": names[2] or ""}
    return None


def _combined(u: ast.expr) -> list[ast.expr]:
    """The parts a ``hypot`` combines (so that a statistic's u beside a resolution reads as both, TD-DISP-009's
    R2 and R3), a quotient's or product's by a factor read as its parts; else ``u`` itself."""
    if isinstance(u, ast.BinOp) and isinstance(u.op, ast.Div | ast.Mult):
        inner = [side for side in (u.left, u.right) if isinstance(side, ast.Call)
                 and getattr(side.func, "attr", getattr(side.func, "id", "")) == "hypot"]
        return _combined(inner[0]) if len(inner) == 1 else [u]
    if isinstance(u, ast.Call) and getattr(u.func, "attr", getattr(u.func, "id", "")) == "hypot" and u.args:
        return [part for arg in u.args for part in _combined(arg)]
    return [u]


def _components(u_a: ast.expr | None, bs: list[ast.expr], scope: Scope, t: _Taint) -> frozenset[str]:
    got = set()
    for b in bs:
        if _given(b):
            got.add("R" if t.tainted(b, scope) else "B")
    if u_a is not None and _given(u_a) and not (isinstance(u_a, ast.Name) and u_a.id == "ONE_READING"):
        got |= {"R" if t.tainted(p, scope) else "A" for p in _combined(u_a)}
    return frozenset(got or {"A"})


def judged(key: tuple[str, str], t: _Taint) -> list[tuple[str | None, frozenset[str]]]:
    """Each value the function judges: its rule and U's components."""
    if _wrapper(key) is not None:
        return []
    scope: Scope = key
    built = {tg.id: n.value for n in ast.walk(_DEFS[key]) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict)
             for tg in n.targets if isinstance(tg, ast.Name)}
    found: list[tuple[str | None, frozenset[str]]] = []
    for node in ast.walk(_DEFS[key]):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if (callee := _callee(scope, node)) and (wrap := _wrapper(callee)):
            bound = dict(zip(_params(callee), node.args, strict=False)) | {k.arg: k.value for k in node.keywords
                                                                           if k.arg}
            rule = bound.get(wrap["rule"])
            rid = rule.value if isinstance(rule, ast.Constant) else "?"
            found.append((rid, _components(bound.get(wrap["u_a"]), [b for b in [bound.get(wrap["u_b"])] if b],
                                           scope, t)))
            continue
        given: dict[str, ast.expr] = {}
        handed = False
        for keyword in node.keywords:
            if keyword.arg:
                given[keyword.arg] = keyword.value
            elif isinstance(keyword.value, ast.Name) and isinstance(d := built.get(keyword.value.id), ast.Dict):
                given |= {k.value: v for k, v in zip(d.keys, d.values, strict=True) if isinstance(k, ast.Constant)}
            else:
                handed = True
        if name == "Measurement":
            found.append((_rule(node, True), _components(node.args[6] if len(node.args) > 6 else None,
                                                         node.args[7:8], scope, t)))
        elif (name == "judge" and len(node.args) >= 7) or given.keys() & (_B_KEYS | {"u_a"}):
            parts = _components(given.get("u_a"), [given[k] for k in given.keys() & _B_KEYS], scope, t)
            found.append((_rule(node, False), parts | {"B"} if handed else parts))
    return found


def by_rule() -> dict[str, dict[str | None, set[frozenset[str]]]]:
    """Per requirement and rule, U's components of each value its checks judge (h139's walk of the checks)."""
    t = taint()
    found: dict[str, dict[str | None, set[frozenset[str]]]] = {}
    for rid, key in checks_walk():
        for rule, parts in judged(key, t):
            found.setdefault(rid, {}).setdefault(rule, set()).add(parts)
    return found


if __name__ == "__main__":
    for rid, rules in sorted(by_rule().items()):
        print(rid, {r: sorted("".join(sorted(p)) for p in ps) for r, ps in sorted(rules.items(), key=str)})
