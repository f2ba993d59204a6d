"""Compile IfcOpenShell's EXPRESS rule modules once per process (issue 31).

``ifcopenshell.validate.validate(..., express_rules=True)`` ends in
``ifcopenshell.express.rule_executor.run``, which on every call reads the generated rules
module of the file's schema (``ifcopenshell/express/rules/IFC4.py``, 578 KB), parses it,
rewrites its ``assert`` statements with pytest's assertion rewriter (so a failing where-rule
says which values broke it) and compiles the result: about 1.8 s of CPU per call, 1.4 s of it
the rewriting, whatever the size of the model.

The rewritten code object depends only on the rules source (and the Python and pytest that
built it), so :func:`install` keeps it per process: ``run`` looks up ``ast`` and ``compile``
as names of its own module, and :func:`install` puts two stand-ins there. ``parse`` of a
source already compiled returns an empty module (which the assertion rewriter leaves at once)
and ``compile`` of that empty module returns the cached code object; any other source goes
through the real ``ast.parse`` and ``compile`` and is remembered. Everything else ``run`` does
(reading the source for its messages, executing the module into a fresh scope, applying the
rules) is unchanged, so its findings are the same, message for message.

The key is the SHA-256 of the source with the Python, pytest and IfcOpenShell versions: a
changed rules file or library gets a fresh compile. :func:`install` is idempotent and does
nothing where ``rule_executor`` no longer has the shape described above (a later IfcOpenShell
that caches by itself, or builds its rules some other way), so the rules then run uncached.
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import sys
import threading
from collections.abc import Callable
from os import PathLike
from types import CodeType, ModuleType

#: source key -> the compiled, assertion-rewritten rules module
_CODE: dict[tuple[str, ...], CodeType] = {}
_LOCK = threading.Lock()
_MARK = "_conformance_rules_key"


def _key(source: str) -> tuple[str, ...]:
    import _pytest
    import ifcopenshell

    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    return (digest, sys.version, str(getattr(_pytest, "__version__", "?")), str(getattr(ifcopenshell, "version", "?")))


class _CachingAst:
    """Stands in for the ``ast`` module inside ``rule_executor``: ``parse`` of a source compiled
    before gives an empty module carrying the key; everything else is the real ``ast``."""

    def __getattr__(self, name: str) -> object:
        return getattr(ast, name)

    def parse(self, source: str | bytes | ast.AST, *args: object, **kwargs: object) -> ast.AST:
        if args or kwargs or not isinstance(source, str):
            parse: Callable[..., ast.AST] = ast.parse  # whatever the executor passes, as ast.parse takes it
            return parse(source, *args, **kwargs)
        key = _key(source)
        with _LOCK:
            cached = key in _CODE
        tree = ast.Module(body=[], type_ignores=[]) if cached else ast.parse(source)
        setattr(tree, _MARK, key)
        return tree


def _caching_compile(source: str | bytes | ast.Module | ast.Expression | ast.Interactive,
                     filename: str | bytes | PathLike[str], mode: str, *args: object, **kwargs: object) -> CodeType:

    key = getattr(source, _MARK, None)
    if key is None or args or kwargs:
        compile_: Callable[..., CodeType] = builtins.compile  # whatever the executor passes, as compile takes it
        return compile_(source, filename, mode, *args, **kwargs)

    with _LOCK:
        code = _CODE.get(key)
    if code is None:
        code = builtins.compile(source, filename, mode)
        with _LOCK:
            _CODE[key] = code
    return code


def _shaped_as_expected(executor: ModuleType) -> bool:
    """``run`` reads the rules through the module's ``ast`` and the ``compile`` builtin."""
    run = getattr(executor, "run", None)
    names = getattr(getattr(run, "__code__", None), "co_names", ())
    return getattr(executor, "ast", None) is ast and "parse" in names and "compile" in names and "exec" in names


def install() -> bool:
    """Make ``rule_executor.run`` compile each schema's rules once per process; whether the
    cache is in place (False: IfcOpenShell is absent or its executor has another shape)."""
    try:
        import ifcopenshell.express.rule_executor as executor
    except ImportError:
        return False
    if isinstance(getattr(executor, "ast", None), _CachingAst):
        return True
    if not _shaped_as_expected(executor):
        return False
    vars(executor)["ast"] = _CachingAst()
    vars(executor)["compile"] = _caching_compile  # found before the builtin by ``run``
    return True


def uninstall() -> None:
    """Put ``rule_executor`` back as IfcOpenShell ships it (the bench compares both)."""
    try:
        import ifcopenshell.express.rule_executor as executor
    except ImportError:
        return
    if isinstance(getattr(executor, "ast", None), _CachingAst):
        vars(executor)["ast"] = ast
        vars(executor).pop("compile", None)


def compiled_count() -> int:
    """How many rules modules this process has compiled (tests assert one per schema)."""
    with _LOCK:
        return len(_CODE)
