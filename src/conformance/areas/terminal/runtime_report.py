"""The commands of a dialogue found in a runtime's report of what it handed the device's driver (TD-RUN-004's
``test.getHapticOutput``, TD-OLF-004's ``test.getScentOutput``): the report holds each command, in order, on its
output (seventy-third reading, c2). Annex D's report is every entry the runtime handed its driver, oldest first,
not only this connection's: a vibration or a release from before the commands (a subject using the device, an
earlier dialogue) is a correct runtime's entry too, as is one between them. So the commands are looked for as an
ordered subsequence of the report, not entry i against command i; the entries holding no command are ignored,
and noted in the evidence (suites/terminal/test_runtime.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

Command = TypeVar("Command")
Entry = dict[str, object]


@dataclass(frozen=True)
class Alignment:
    """Where each command is in the report: ``found[k]`` the entry holding command k (None: none does, in order);
    ``shown[k]`` for a command found nowhere, the entry on its output between the neighbouring commands' entries
    that it is judged against (None: no such entry, nothing was handed for it); ``ignored`` the entries holding no
    command and shown for none."""

    found: tuple[int | None, ...]
    shown: tuple[int | None, ...]
    ignored: tuple[int, ...]

    def misses(self, commands: Sequence[Command],
               entries: Sequence[Entry]) -> Iterator[tuple[Command, int, Entry | None]]:
        """Each command the report does not hold, with the entry it is judged against in its place (its index, or
        -1 and None: nothing was handed for it)."""
        for command, found, shown in zip(commands, self.found, self.shown, strict=True):
            if found is None:
                yield command, -1 if shown is None else shown, None if shown is None else entries[shown]


def align(commands: Sequence[Command], entries: Sequence[Entry], holds: Callable[[Command, Entry], bool],
          on_output: Callable[[Command, Entry], bool]) -> Alignment:
    """Each command in the earliest entry after the previous command's that holds it (the earliest choice finds
    every command whenever the report holds them all in order); a command found nowhere is judged against the
    first entry on its output, not yet used, between the entries of the commands found before and after it."""
    found: list[int | None] = []
    start = 0
    for command in commands:
        at = next((i for i in range(start, len(entries)) if holds(command, entries[i])), None)
        found.append(at)
        if at is not None:
            start = at + 1
    used = {i for i in found if i is not None}
    shown: list[int | None] = []
    for k, command in enumerate(commands):
        if found[k] is not None:
            shown.append(None)
            continue
        before = max((i for i in found[:k] if i is not None), default=-1)
        after = min((i for i in found[k + 1:] if i is not None), default=len(entries))
        at = next((i for i in range(before + 1, after) if i not in used and on_output(command, entries[i])), None)
        if at is not None:
            used.add(at)
        shown.append(at)
    return Alignment(tuple(found), tuple(shown), tuple(i for i in range(len(entries)) if i not in used))


def entries_of(result: object, member: str) -> list[Entry]:
    """The report's entries: the objects of its ``member`` list (none when the answer holds no list)."""
    listed = result.get(member) if isinstance(result, dict) else None
    return [v for v in listed if isinstance(v, dict)] if isinstance(listed, list) else []
