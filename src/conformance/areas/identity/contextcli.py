"""``conformance contexts list|add|remove``: the JSON-LD contexts a run can process offline.
The bundled ones (pinned by digest, with source, licence and retrieval date) and those a
vendor added to its local store (:mod:`conformance.areas._shared.contextstore`), served to
every run after the bundled ones and those a manifest declares."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from rich.console import Console


class _Guide(TypedDict):
    """The keyword arguments of a subcommand's parser that :func:`_guide` gives."""

    description: str
    epilog: str
    formatter_class: type[argparse.HelpFormatter]


def _guide(description: str, example: str, *codes: str) -> _Guide:
    """A subcommand's help as the harness's own commands give it: what, an example, exit codes."""
    exits = "\n".join(f"  {code}" for code in codes)
    return {"description": description, "epilog": f"example:\n  {example}\n\nexit codes:\n{exits}",
            "formatter_class": argparse.RawDescriptionHelpFormatter}


class ContextsCommand:
    help = "JSON-LD contexts served offline: list them, add a product's own (pinned by digest), remove one"
    description = ("The JSON-LD contexts a run processes offline: the bundled ones (pinned by digest) and those "
                   "added to this user's store, which every later run serves.")
    example = "conformance contexts list --bundled"
    exits = "exit codes:\n  0 done\n  2 bad input (one line: the file, the place, the fix)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        kinds = parser.add_subparsers(dest="contexts_command", required=True, parser_class=type(parser))
        listing = kinds.add_parser("list", help="the bundled contexts and those added to the store", **_guide(
            "List the bundled contexts and those added to the store.", "conformance contexts list --bundled",
            "0 listed"))
        listing.add_argument("--bundled", action="store_true", help="also each bundled context's source and licence")
        add = kinds.add_parser("add", help="store a context file for a URL; every later run serves it", **_guide(
            "Store a context file for the URL documents name in their @context; every later run serves it "
            "offline.", "conformance contexts add ctx.jsonld --url https://example.com/ctx/v1 --sha256 HEX",
            "0 stored (or already stored)", "2 bad input (not JSON-LD, a digest that differs, a bundled URL)"))
        add.add_argument("file", type=Path, metavar="FILE", help="the context document as published at the URL")
        add.add_argument("--url", required=True, help="the URL documents name in their @context")
        add.add_argument("--sha256", help="the digest the file must have (refused otherwise)")
        remove = kinds.add_parser("remove", help="forget the context stored for a URL", **_guide(
            "Forget the context stored for a URL.", "conformance contexts remove https://example.com/ctx/v1",
            "0 removed", "2 bad input (no context is stored for it)"))
        remove.add_argument("url", metavar="URL", help="the URL the context was stored for")

    def run(self, args: argparse.Namespace, console: Console) -> int:
        from .._shared import contextstore, jsonld

        where = contextstore.folder()
        if args.contexts_command == "add":
            entry, new = contextstore.add(args.file, args.url, args.sha256, where, frozenset(jsonld.bundled()))
            state = "added" if new else "already stored"
            console.print(f"{state}: {args.url} (sha256 {entry['sha256']}) in {where}", markup=False, highlight=False,
                          soft_wrap=True)
            return 0
        if args.contexts_command == "remove":
            if not contextstore.remove(args.url, where):
                from conformance import HarnessInputError

                raise HarnessInputError(f"contexts remove {args.url[:200]}", f"no context is stored for it in {where}",
                                        "see conformance contexts list")
            console.print(f"removed: {args.url}", markup=False, highlight=False, soft_wrap=True)
            return 0
        listing = jsonld.listing()
        console.print(f"bundled: {len(listing)} contexts (src/conformance/areas/_shared/contexts/sources.yaml)",
                      markup=False, highlight=False)
        for bundled in listing:
            line = f"  {bundled['url']}"
            if args.bundled:
                source = bundled.get("repository", "spruceid/ssi")
                line += (f"  sha256 {bundled['sha256'][:16]}…  {source}  retrieved {bundled['retrieved']}"
                         f"  {bundled['licence']}")
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        stored = contextstore.entries(where)
        console.print(f"added: {len(stored)} contexts ({where})", markup=False, highlight=False)
        for url, entry in sorted(stored.items()):
            console.print(f"  {url}  sha256 {entry['sha256']}  added {entry['added']}  from {entry['file']}",
                          markup=False, highlight=False, soft_wrap=True)
        return 0
