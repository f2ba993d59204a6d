"""What holds while a run's suites execute, apart from the run itself: the heap that exists
when they start is kept out of the garbage collector's walks and the youngest generation is
collected less often, hypothesis writes its scratch files to a temporary folder, draws no
"local constants" and reads its Unicode table from the package, and the suite modules a run
imported are forgotten when it ends.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog


#: Set by the ``conformance`` command once it froze what its start made, for the rest of the
#: process (:func:`conformance.cli.main`): then the heap is frozen already, and asking
#: ``gc.get_freeze_count()`` would walk every frozen object (milliseconds at each start).
FROZEN_FOR_THE_PROCESS = False


#: Allocations between two collections of the youngest generation while the suites run
#: (Python's default is 700). A run allocates in bursts that are mostly garbage without
#: cycles, freed at once by reference counting; at 700 the collector still ran some 500 times
#: in a run of the HTTP suites, about 4 % of its CPU (0.23 s of 5.5), and 1.5 % at this value
#: (bench/README.md, issue 48).
RUN_GEN0_THRESHOLD = 20_000

#: hypothesis's Unicode category table per Unicode version (``charmap-<version>.json.gz``).
CHARMAPS = Path(__file__).parent / "charmaps"


@contextmanager
def frozen_heap() -> Iterator[None]:
    """What exists when the suites start (the catalog, its schemas, compiled validators,
    imported modules) is moved out of the garbage collector's reach while they run: it
    outlives the run anyway, and the full collections the tests' allocations trigger
    (pytest's own at the session's end among them) would otherwise walk all of it again
    each time. Left alone when something else already froze objects. The youngest
    generation is collected less often meanwhile (:data:`RUN_GEN0_THRESHOLD`); the
    thresholds are restored afterwards."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], RUN_GEN0_THRESHOLD), *thresholds[1:])
    try:
        if FROZEN_FOR_THE_PROCESS or gc.get_freeze_count():
            yield
            return
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
    finally:
        gc.set_threshold(*thresholds)


class HypothesisHome:
    """How hypothesis (stateful and property-based suites) behaves during a run, restored
    afterwards:

    - its scratch files go to a temporary folder, never the vendor's working directory;
    - it draws no "local constants": it would otherwise read the source of every module
      loaded from outside site-packages (the harness's own, when run from a checkout, and
      the vendor's: ~0.1 s a process) and mix the literals it finds into the values it
      draws, so that what a seed generates would depend on which modules happen to be
      loaded and on their text. A profile's seed then replays the same sequences
      wherever the run starts.

    - its Unicode category table (built the first time a suite draws text, one
      ``unicodedata.category`` call per code point: 0.13 s of CPU in every process, as the home
      folder is new) is the one shipped for this Python's Unicode version (:data:`CHARMAPS`,
      written by ``scripts/hypothesis_charmaps.py``), put where hypothesis looks for it. It
      comes from the installed package, not from a cache a user could have edited; for another
      Unicode version hypothesis builds it as before.

    Only suites that use hypothesis import it (45 ms): this is applied once one has, when
    the suites are collected (hypothesis writes and draws nothing before a test runs), so a
    run that needs no hypothesis never imports it."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._before: Path | None = None
        self._local_constants: Any = None

    def apply(self) -> None:
        if self._folder is not None or "hypothesis" not in sys.modules:
            return
        from hypothesis import configuration
        from hypothesis.internal.conjecture import providers

        self._before = configuration.storage_directory(intent_to_write=False).home_directory
        self._folder = tempfile.TemporaryDirectory(prefix="conformance-hypothesis-")
        configuration.set_hypothesis_home_dir(self._folder.name)
        _place_charmap()
        self._local_constants = draw_no_local_constants()

    def restore(self) -> None:
        if self._folder is None:
            return
        from hypothesis import configuration
        from hypothesis.internal.conjecture import providers

        if self._local_constants is not None:
            providers._get_local_constants = self._local_constants
            _clear_constants_cache(providers)
        configuration.set_hypothesis_home_dir(self._before)
        self._folder.cleanup()
        self._folder = None


def _place_charmap() -> None:
    """Copy the shipped Unicode category table to where hypothesis (6.1xx) reads it in its
    current home folder; nothing when none is shipped for this Unicode version or hypothesis
    names no such file (it then builds the table itself, as before)."""
    from hypothesis.internal import charmap

    shipped = CHARMAPS / f"charmap-{unicodedata.unidata_version}.json.gz"
    where = getattr(charmap, "charmap_file", None)
    if where is None or not shipped.is_file():
        return
    target = Path(where())
    with contextlib.suppress(OSError):  # hypothesis builds it when it cannot be read
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped, target)


def draw_no_local_constants() -> Any:
    """Make hypothesis draw no "local constants" (see :class:`HypothesisHome`) and return what
    it drew them with, for a restore (None where nothing was replaced). The harness's own test
    session calls this too, so that its properties draw as a run does, and its workers do not
    read the source of every test module at collection (tests/conftest.py)."""
    from hypothesis.internal.conjecture import providers

    # An internal of hypothesis (6.1xx): where it moves, constants are drawn as before.
    before = getattr(providers, "_get_local_constants", None)
    constants = getattr(providers, "Constants", None)
    if before is None or constants is None:
        return None
    providers._get_local_constants = constants
    _clear_constants_cache(providers)
    return before


def _clear_constants_cache(providers: object) -> None:
    """Forget the constants hypothesis picked per kind of draw (local ones among them)."""
    cache = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
    if isinstance(cache, dict):
        cache.clear()


@contextmanager
def suite_modules_of(catalog: Catalog) -> Iterator[None]:
    """pytest (importlib mode) names a suite module after its path under the root, e.g.
    ``suites.identity.test_x``, and reuses a module already imported under that name. So
    that a later run of another catalog (a copy, a plug-in's) imports its own files, the
    suite modules a run (or a collection) imported from its catalog's folders are
    forgotten when it ends."""
    folders = tuple(str(root / "suites") for root in catalog.roots.values()) or (str(catalog.root / "suites"),)
    before = set(sys.modules)
    try:
        yield
    finally:
        for name in set(sys.modules) - before:
            module_file = getattr(sys.modules[name], "__file__", None) or ""
            if name.split(".")[0] == "suites" or module_file.startswith(folders):
                del sys.modules[name]
