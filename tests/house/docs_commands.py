"""The ``conformance`` commands of README.md and docs/*.md, as a reader copies them (issue 71):
every line of a ```sh, ```console or ```bash block, its continuation lines joined, read by a
POSIX tokenizer (quotes, comments, ``&&``, ``||``, ``;``, ``|``, ``&``, redirections), and of
each simple command the ones whose program is ``conformance`` (or ``.venv/bin/conformance``).

A block that cannot run here (it needs npm, a container, a real product, keys a programme
holds) says so on the line before it: ``<!-- sh: not run: the reason -->``; its commands are
still parsed by the harness's own parser. A ``cd`` in a block that runs moves the commands
after it, in that block and the document's later ones, as it moves a reader's shell."""

from __future__ import annotations

import re
import shlex
import textwrap
from dataclasses import dataclass

from tests.paths import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: a fenced shell block, indented or not (inside a list item), and the marker line before it
BLOCK = re.compile(r"(?:^[ ]*<!-- sh: not run: (?P<why>[^\n]+?) -->\n)?^(?P<indent>[ ]*)```(?P<lang>sh|console|bash)\n"
                   r"(?P<body>.*?)^(?P=indent)```", re.M | re.S)
PROGRAMS = ("conformance", ".venv/bin/conformance")
#: what ends a simple command in a POSIX shell list or pipeline
SEPARATORS = {"&&", "||", ";", "&", "|", ";;"}
#: a comment stating the exit code the docs expect: ``# exit 0``, ``# exit code 1``
STATED_EXIT = re.compile(r"#.*?\bexit(?: code)? (\d)\b")


@dataclass(frozen=True)
class Command:
    """One documented ``conformance`` command: where it is, its arguments (after the program's
    name), the exit code the docs state (0 unless they say otherwise), the file it writes
    standard output to (``> FILE``), and the reason its block cannot run here (None: it can)."""

    place: str
    block: str
    argv: tuple[str, ...]
    exit_code: int
    stdout_to: str | None
    not_run: str | None
    #: the folder the document's last ``cd`` before it moved to (None: the working folder), as
    #: a reader's shell keeps it from one block to the next
    cwd: str | None = None

    @property
    def doc(self) -> str:
        return self.place.split(":", 1)[0]

    def __str__(self) -> str:
        return f"{self.place}: conformance {shlex.join(self.argv)}"


def _logical_lines(body: str, first: int, console: bool) -> list[tuple[int, str]]:
    """The block's lines with continuation lines (a trailing backslash) joined, each with the
    number of its first line in the file; in a console block only the lines after a prompt
    (``$ ``), the rest being what the commands print."""
    lines: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in enumerate(body.splitlines(), start=first):
        if pending is None and console:
            if not line.startswith("$ "):
                continue
            line = line[2:]
        elif pending is None and line.startswith("$ "):
            line = line[2:]
        start, text = pending if pending is not None else (number, "")
        if line.rstrip().endswith("\\"):
            pending = (start, text + line.rstrip()[:-1] + " ")
            continue
        pending = None
        lines.append((start, text + line))
    if pending is not None:
        lines.append(pending)
    return lines


def _simple_commands(line: str) -> list[tuple[list[str], str | None, int | None]]:
    """The simple commands of one shell line: each with its words, the file its standard
    output is redirected to, and the exit code a following ``|| test $? = N`` accepts."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    found: list[tuple[list[str], str | None, int | None]] = []
    words: list[str] = []
    stdout_to: str | None = None
    position = 0
    while position <= len(tokens):
        token = tokens[position] if position < len(tokens) else ";"
        if token in SEPARATORS:
            accepted = None
            rest = tokens[position + 1:position + 5]
            if token == "||" and rest[:3] == ["test", "$?", "="] and len(rest) == 4 and rest[3].isdigit():
                accepted = int(rest[3])
                position += 4
            if words:
                found.append((words, stdout_to, accepted))
            words, stdout_to = [], None
        elif token in (">", ">>") and position + 1 < len(tokens):
            stdout_to = tokens[position + 1]
            position += 1
        elif token in ("2>", "<", "2>&1"):
            position += 1
        else:
            words.append(token)
        position += 1
    return found


def commands_of(text: str, name: str) -> list[Command]:
    """The ``conformance`` commands of one Markdown document, ``name`` its path for places."""
    found: list[Command] = []
    cwd: str | None = None
    for match in BLOCK.finditer(text):
        first = text.count("\n", 0, match.start("body")) + 1
        body = textwrap.dedent(match["body"]) if match["indent"] else match["body"]
        for number, line in _logical_lines(body, first, match["lang"] == "console"):
            stated = STATED_EXIT.search(line)
            for words, stdout_to, accepted in _simple_commands(line):
                if words[0] == "cd" and match["why"] is None:
                    cwd = words[1] if len(words) > 1 else "~"
                if words[0] not in PROGRAMS:
                    continue
                code = accepted if accepted is not None else int(stated[1]) if stated else 0
                found.append(Command(f"{name}:{number}", f"{name}:{first}", tuple(words[1:]), code, stdout_to,
                                     match["why"], cwd))
    return found


def documented_commands() -> list[Command]:
    return [command for doc in DOCS
            for command in commands_of(doc.read_text(encoding="utf-8"), str(doc.relative_to(ROOT)))]


def read_doc(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


