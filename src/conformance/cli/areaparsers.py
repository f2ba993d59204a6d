"""The parsers of what the areas add to the command line: ``conformance generate KIND`` for
each generator, and the areas' own commands (:mod:`conformance.cli.parser` builds the rest)."""

from __future__ import annotations

from typing import Any

from .helpguide import BOUNDED_WRITE_EXITS, GROUP_EXITS, guide, limit_options


def generator_parsers(kinds: Any) -> None:
    """A parser for each ``conformance generate KIND`` the areas bring: its help the first line
    of the generator's docstring, its options those the area adds
    (``conformance_generator_options``) and the command's limits."""
    from .._areas import add_generator_options, generators

    for kind, generator in sorted(generators().items()):
        lines = [line.strip() for line in (generator.__doc__ or "").strip().splitlines()]
        help_line = lines[0] if lines else None
        # the docstring's lines starting "conformance generate" are its examples
        examples = [line for line in lines if line.startswith("conformance generate ")]
        rest = " ".join(line for line in lines[1:] if line and line not in examples)
        described = f"{help_line[:1].upper()}{help_line[1:].rstrip('.')}. {rest}".strip() if help_line else ""
        parser = kinds.add_parser(kind, help=help_line, **guide(
            described or f"Write synthetic {kind} data.",
            "\n".join(examples) or f"conformance generate {kind} --help", BOUNDED_WRITE_EXITS))
        add_generator_options(kind, parser)
        limit_options(parser, "generate")


def area_command_parsers(sub: Any) -> None:
    """A parser for each command the areas add (``conformance_commands``); a name the harness
    uses itself is refused (one line, exit 2). Loaded only when the command line names no
    command of the harness's own, or asks for help."""
    from .._areas import commands
    from ..errors import CatalogError

    for name, command in sorted(commands().items()):
        if name in sub.choices:
            raise CatalogError(f"conformance_commands: {name}", "is a command of the harness itself",
                               "rename the area's command")
        # an area's command may say more than its one-line help: what it does, an example, its exit codes
        parser = sub.add_parser(name, help=command.help, **guide(
            getattr(command, "description", command.help), getattr(command, "example", f"conformance {name} --help"),
            getattr(command, "exits", GROUP_EXITS)))
        command.add_arguments(parser)
        parser.set_defaults(area_command=name)


def registered(what: str) -> tuple[object, ...]:
    """The areas' generators or commands as registered now: (name, the object) pairs, compared
    by identity (a fake area's command is another object than the one it replaced)."""
    from .. import _areas

    found = _areas.generators() if what == "generators" else _areas.commands()
    return (what, *sorted(found.items(), key=lambda item: item[0]))
