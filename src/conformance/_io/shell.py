"""Shell commands as the harness prints them: quoted once, here, so that a POSIX shell reads
back the words meant, whatever they hold (quotes, spaces, ``$``, backticks, non-ASCII text,
newlines), in every view that prints them (the console, HTML, JUnit, report.json).

A command is built from its words (:func:`join`); a word the shell should complete from an
environment variable (a credential) is an :class:`Expanded`. The console cuts a command into
lines before its options (:func:`command_lines`), reading the words as the shell does
(:func:`words`), never re-quoting them.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Expanded:
    """A word the shell completes: ``literal`` followed by the value of ``variable``."""

    literal: str
    variable: str


def quote(word: str | Expanded) -> str:
    """One word as the shell reads it back: single quotes (:func:`shlex.quote`), or, for an
    :class:`Expanded`, double quotes in which only ``${variable}`` is expanded."""
    if isinstance(word, Expanded):
        escaped = "".join("\\" + c if c in '"\\$`' else c for c in word.literal)
        return f'"{escaped}${{{word.variable}}}"'
    return shlex.quote(word)


def join(argv: Iterable[str | Expanded]) -> str:
    """The words as one command line (:func:`shlex.join`, with :class:`Expanded` words)."""
    return " ".join(quote(word) for word in argv)


def words(command: str) -> list[str]:
    """The words of ``command`` as written (their quotes kept), split where a POSIX shell
    splits them: at blanks outside quotes. A ``#`` starting a word begins a comment, kept as
    one last word. ValueError on an unterminated quote."""
    found: list[str] = []
    at, end = 0, len(command)
    while at < end:
        while at < end and command[at] in " \t\n":
            at += 1
        if at == end:
            break
        if command[at] == "#":
            found.append(command[at:].rstrip())
            break
        start = at
        while at < end and command[at] not in " \t\n":
            char = command[at]
            if char == "'":
                close = command.find("'", at + 1)
                if close < 0:
                    raise ValueError("unterminated single quote")
                at = close + 1
            elif char == '"':
                at += 1
                while at < end and command[at] != '"':
                    at += 2 if command[at] == "\\" else 1
                if at >= end:
                    raise ValueError("unterminated double quote")
                at += 1
            elif char == "\\":
                at += 2
            else:
                at += 1
        found.append(command[start:at])
    return found


def command_lines(command: str, keep: tuple[str, ...] = ("-sS", "-i", "-g")) -> list[str]:
    """``command`` cut before each option (an option and its value stay together, and the
    options in ``keep`` stay on the first line), for lines joined by `` \\``: the words as
    written, so the lines read back as the same words."""
    try:
        split = words(command)
    except ValueError:  # not a command this module wrote: shown whole
        return [command]
    lines: list[str] = []
    for word in split:
        if not lines or word.startswith(("-", "#")) and word not in keep:
            lines.append(word)
        else:
            lines[-1] += " " + word
    return lines
