"""Evidence items grouped by the input they are about (a file, an HTTP exchange), within caps.

A test's evidence (:class:`~.evidence.Evidence`) and a requirement's (several tests', in the
report) are kept as :class:`Grouped`: at most so many items per input and about so many in
all, every failing input's first finding kept, so in a batch of many files every failing file
keeps its evidence; what is left out is counted in one note per input. The report's views
read the groups back with :func:`by_input`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

import orjson

from ..messages import msg

#: Evidence kept per test and per requirement: items per input, and about this many in all.
PER_INPUT = 20
MAX_ITEMS = 200
#: Chart series (kind "series", which an area adds for the report's charts) kept per test
#: and per requirement, apart from the caps above so they never crowd out findings.
MAX_SERIES = 24
#: Distinct findings remembered to drop repeats (16 bytes each); past it, repeats are kept.
MAX_DISTINCT_FINDINGS = 65536


def input_of(item: dict[str, object]) -> str:
    """The input an evidence item is about: a finding's, note's or error's ``file``, an HTTP
    exchange's "METHOD URL"; "" for an item about the test as a whole."""
    request = item.get("request")
    if item.get("kind") == "http" and isinstance(request, dict):
        # joined, not stripped: a URL's own trailing characters are part of the input's name
        return " ".join(str(part) for part in (request.get("method"), request.get("url")) if part)
    return str(item.get("file") or "")


def by_input(items: Iterable[dict[str, object]]) -> list[tuple[str, list[dict[str, object]]]]:
    """Grouped evidence (as exported) as (input, its items), for views that show a heading per input."""
    return [(key, list(group)) for key, group in groupby(items, key=input_of)]


def omission_note(key: str, count: int) -> dict[str, object]:
    """The note that ``count`` items about ``key`` ("": about the test as a whole) were left out."""
    if key:
        message = msg("engine.omitted-one-about" if count == 1 else "engine.omitted-about", count=count, about=key)
    else:
        message = msg("engine.omitted-one" if count == 1 else "engine.omitted", count=count)
    note: dict[str, object] = {"kind": "note", "message": message, "text": message.text(), "omitted": count}
    if key:
        note["file"] = key
    return note


@dataclass
class _Group:
    items: list[dict[str, object]] = field(default_factory=list)
    failing: bool = False  # holds a finding
    series: int = 0  # chart series among the items: not counted against the per-input cap


class Grouped:
    """Evidence items grouped by the input they are about (see :func:`input_of`), in the
    order inputs first have an item kept: at most ``per_input`` items of each input and about
    ``total`` items in all. The first finding of an input is always kept, and a measured value
    that does not pass while the total allows, so every failing
    input shows why it fails. What is left out becomes one note per input ("N more items
    about X omitted"); an item that is already such a note adds to that count.

    Whether an item is kept depends only on the items kept before it, so the kept items
    alone (handed to ``on_kept`` as they are kept: the run's evidence events) and the counts
    left out rebuild the same groups (:mod:`conformance._run.aggregation`)."""

    def __init__(self, per_input: int = PER_INPUT, total: int = MAX_ITEMS, series: int = MAX_SERIES,
                 on_kept: Callable[[dict[str, object]], None] | None = None) -> None:
        self.per_input, self.total, self.series = per_input, total, series
        self.on_kept = on_kept
        self._groups: dict[str, _Group] = {}
        #: input -> items about it left out
        self.omitted: dict[str, int] = {}
        self._kept = 0
        self._series = 0
        #: digests of the findings seen (kept or not): a finding seen before is a repeat (the
        #: same request answered the same way twice) and is dropped, not counted or kept again
        self._findings: set[bytes] = set()
        #: repeats dropped, by input
        self.repeated: dict[str, int] = {}

    def _keep(self, key: str, item: dict[str, object]) -> _Group:
        group = self._groups.setdefault(key, _Group())
        group.items.append(item)
        if self.on_kept is not None:
            self.on_kept(item)
        return group

    def add(self, item: dict[str, object]) -> bool:
        """Keep or count ``item``; False when it is a finding seen before (dropped)."""
        key = input_of(item)
        if item.get("kind") == "finding" and self._repeat(item):
            self.repeated[key] = self.repeated.get(key, 0) + 1
            return False
        self._add(key, item)
        return True

    def _repeat(self, item: dict[str, object]) -> bool:
        digest = hashlib.blake2b(orjson.dumps(item, option=orjson.OPT_SORT_KEYS, default=str),
                                 digest_size=16).digest()
        if digest in self._findings:
            return True
        if len(self._findings) < MAX_DISTINCT_FINDINGS:
            self._findings.add(digest)
        return False

    def _add(self, key: str, item: dict[str, object]) -> None:
        omitted = item.get("omitted")
        if item.get("kind") == "note" and isinstance(omitted, int):
            self.omit(key, omitted)
            return
        if item.get("kind") == "series":  # charts have their own cap: they never displace a finding
            if self._series < self.series:
                self._keep(key, item).series += 1
                self._series += 1
            else:
                self.omit(key)
            return
        group = self._groups.get(key)
        first_finding = item.get("kind") == "finding" and not (group and group.failing)
        # a measured value that does not pass is what the verdict rests on: kept past the input's
        # cap (within the total), as a finding is, though the values before it filled the input's
        # share (a tracker's 40 joints x rules: the failing joint came last and was left out)
        failing_value = item.get("kind") == "measurement" and item.get("outcome") not in (None, "pass")
        if first_finding or self.keeps(key) or (failing_value and self._kept < self.total):
            group = self._keep(key, item)
            group.failing |= first_finding
            self._kept += 1
        else:
            self.omit(key)

    def keeps(self, key: str) -> bool:
        """Whether :meth:`add` would keep an item about ``key`` that is neither a finding nor
        a note (so an item left out need not be built at all)."""
        group = self._groups.get(key)
        held = len(group.items) - group.series if group else 0  # series have their own cap, as in add
        # Items about no one input (the test's own notes) are one group, bounded by per_input alone.
        return held < self.per_input and (self._kept < self.total or key == "")

    def omit(self, key: str, count: int = 1) -> None:
        """Count items about ``key`` as left out, as :meth:`add` does when it is over the caps."""
        self.omitted[key] = self.omitted.get(key, 0) + count

    def kept(self) -> list[dict[str, object]]:
        return [item for group in self._groups.values() for item in group.items]

    def export(self) -> list[dict[str, object]]:
        """The kept items input by input, each input's omission note after its items;
        inputs with nothing kept are counted in one note at the end."""
        unshown = sum(count for key, count in self.omitted.items() if key not in self._groups)
        exported: list[dict[str, object]] = []
        for key, group in self._groups.items():
            exported += group.items
            omitted = self.omitted.get(key, 0) + (unshown if key == "" else 0)
            if omitted:
                exported.append(omission_note(key, omitted))
        if unshown and "" not in self._groups:  # items about no one input: where the unshown are counted
            exported.append(omission_note("", unshown))
        return exported


def grouped(items: Iterable[dict[str, object]]) -> list[dict[str, object]]:
    """Items (e.g. of several tests of one requirement) grouped and capped as :class:`Grouped` does."""
    groups = Grouped()
    for item in items:
        groups.add(item)
    return groups.export()
