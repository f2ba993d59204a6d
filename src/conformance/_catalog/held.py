"""Catalogs kept within one process and given again while their files are unchanged.

A process that runs many commands loaded the same catalog for each one: the tests call
:func:`conformance.cli.main` some 300 times a session, and a load costs 20-70 ms of CPU
(parsing, checking, the schema registry) where the files have not moved. So a catalog
loaded while a command runs (:func:`holding`, entered by the CLI around each command), or in
a warm process (``catalog.KEEP_LOADED``), is kept, and a later load of the same folders, with
the same laziness and cache folder, is given it again only while (the loader checks it,
``catalog._still_holds``):

- its digest is the one just computed over the files: every byte of every file it covers
  (:func:`conformance._catalog.digest.catalog_digest`, which within a process reads a file
  again whenever its identity moved, and any file changed in the last seconds);
- the target kinds the adapters serve, which its profiles were checked against, are the same;
- nothing was registered in its schemas since it was loaded (a plug-in adapter's
  configuration schema, which a fresh load would not hold).

What it derived from the test lock (not digested: ``catalog lock`` rewrites it) is read
again at each hand-out. A load outside a command (a library caller, a test calling
``load_catalog`` itself) gets a catalog of its own, as before; so does a thread the command
started (the flag is a context variable, and only the main thread holds): a lazy catalog
parses its files as lookups need them, which is not for two threads at once.

At most :data:`MAX_HELD` catalogs are kept, the least recently given dropped first (tests
load hundreds of temporary catalogs, each once).
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextvars import ContextVar

from ..errors import HarnessInputError

MAX_HELD = 6

_HOLDING: ContextVar[bool] = ContextVar("conformance_catalog_holding", default=False)
_held: OrderedDict[tuple[object, ...], object] = OrderedDict()


@contextlib.contextmanager
def holding() -> Iterator[None]:
    """Within it, the main thread's loads keep their catalog and are given a kept one. A
    command ended by anything but bad input (an interrupt, a bound, a bug) drops what is kept:
    a lazy catalog stopped in the middle of parsing a file is not given again."""
    token = _HOLDING.set(True)
    try:
        yield
    except HarnessInputError:  # raised by the code itself, between parses: what is kept is whole
        raise
    except BaseException:
        forget()
        raise
    finally:
        _HOLDING.reset(token)


def wanted() -> bool:
    return _HOLDING.get() and threading.current_thread() is threading.main_thread()


def kept(key: tuple[object, ...]) -> object | None:
    """What was kept under ``key`` (the loader decides whether it still holds: catalog.py)."""
    found = _held.get(key)
    if found is not None:
        _held.move_to_end(key)
    return found


def keep(key: tuple[object, ...], catalog: object) -> None:
    _held[key] = catalog
    _held.move_to_end(key)
    while len(_held) > MAX_HELD:
        _held.popitem(last=False)


def forget() -> None:
    """Drop every kept catalog: the next load makes its own (a test of what a first load does)."""
    _held.clear()
