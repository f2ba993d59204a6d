"""The ``conformance trust-list`` argument parsers (argparse only: cheap to import)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)

BAD = "2 bad input (one line: the file, the place, the fix)"
WRITES = "3 an output could not be written (nothing half-written)"


def add_trust_list_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser],
                           guide: Callable[[str, str, str], dict[str, Any]], exits: Callable[..., str]) -> None:
    """``conformance trust-list init | entry | add | remove | add-laboratory | remove-laboratory | sign``
    (:mod:`.trustlistcli`)."""
    written = exits("0 written", BAD, WRITES)
    trust = sub.add_parser("trust-list", help="a recognising authority's signed list of programmes (ETSI TS 119 612 "
                                              "style): relying parties verify any listed programme's certificates",
                           **guide(
        "A recognising authority's signed list of the programmes whose certificates relying parties "
        "accept (`conformance verify CERT --trust-list LIST --trust-list-key AUTH.pub`). A programme "
        "makes its signed entry (entry); the authority starts the list (init), adds or withdraws "
        "programmes (add, remove) and the test laboratories whose signed records they certify measured "
        "requirements on (add-laboratory, remove-laboratory), and issues it (sign). "
        "docs/certification.md walks through it.",
        "conformance trust-list init list.json --id urn:example:yangtze --authority 'Yangtze Delta registry'",
        exits("0 the subcommand succeeded", "2 bad input (no or an unknown subcommand)")))
    kinds = trust.add_subparsers(dest="trust_list_command", required=True, parser_class=parser_class)
    init = kinds.add_parser("init", help="start an empty, unsigned list", **guide(
        "Start an empty, unsigned list (never overwrites a file).",
        "conformance trust-list init list.json --id urn:example:yangtze --authority 'Yangtze Delta registry'",
        written))
    init.add_argument("list", type=Path, metavar="LIST.json", help="the list file to create")
    init.add_argument("--id", required=True, help="the list's identifier (a URN or URL)")
    init.add_argument("--authority", required=True, metavar="NAME", help="the recognising authority's name")
    entry = kinds.add_parser("entry", help="a programme's entry for an authority's list, signed by the programme",
                             **guide(
        "Write the programme's entry for a recognising authority's list: its keys (the signing key and the "
        "retired ones with their retirement), its log origin and log key, its witnesses, its plan and "
        "catalog digest; signed by the programme's key. Only public keys leave the programme.",
        "conformance trust-list entry programme.yaml --jurisdiction CN-SH --out shanghai.entry.json", written))
    entry.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    entry.add_argument("--jurisdiction", required=True, help="where the programme certifies (e.g. CN-SH, an ISO "
                                                             "3166-2 code)")
    entry.add_argument("--name", help="the programme's name on the list (default: its title)")
    entry.add_argument("--valid-from", metavar="TIME", help="from when its current key counts (RFC 3339 UTC; "
                                                            "default: now)")
    entry.add_argument("--quorum", type=int, metavar="K", help="how many of its witnesses must cosign "
                                                               "(default: more than half of them)")
    entry.add_argument("--out", type=Path, required=True, metavar="ENTRY.json", help="the entry to write")
    add = kinds.add_parser("add", help="add (or replace) a programme from its signed entry; the list is unsigned "
                                       "until `sign`", **guide(
        "Add a programme to the list from the entry it signed (or replace its earlier entry), recognised "
        "from now; the list needs the authority's signature again (sign).",
        "conformance trust-list add list.json shanghai.entry.json", written))
    add.add_argument("list", type=Path, metavar="LIST.json", help="the list file")
    add.add_argument("entry", type=Path, metavar="ENTRY.json", help="the programme's signed entry")
    add.add_argument("--replaces", metavar="KEY", help="the authority replaces the listed entry of the same id "
                     "signed by other keys: the did:key of the listed key it replaces (with --because)")
    add.add_argument("--because", metavar="WHY", help="why the authority replaces the key (recorded in the entry)")
    remove = kinds.add_parser("remove", help="withdraw a programme: its certificates are refused from the next "
                                             "signed list on", **guide(
        "Withdraw a programme: it stays on the list as withdrawn, with the date (ETSI TS 119 612 keeps a "
        "service's status history), and relying parties refuse its certificates.",
        "conformance trust-list remove list.json shanghai-pilot", written))
    remove.add_argument("list", type=Path, metavar="LIST.json", help="the list file")
    remove.add_argument("programme_id", metavar="PROGRAMME_ID", help="the programme's id on the list")
    add_lab = kinds.add_parser("add-laboratory", help="add (or replace) a test laboratory with its keys and "
                                                       "ISO/IEC 17025 accreditation; unsigned until `sign`", **guide(
        "Add a test laboratory whose signed records (conformance lab sign) programmes certify measured "
        "requirements on, or replace its earlier entry, from the JSON entry the authority writes from its "
        "accreditation certificate: id, name, keys (the laboratory's did:keys, each with validFrom), "
        "accreditation (body, number, scope: the requirement IDs it may measure, validFrom, validUntil). "
        "Recognised from now; the list needs the authority's signature again (sign).",
        "conformance trust-list add-laboratory list.json example-lab.json", written))
    add_lab.add_argument("list", type=Path, metavar="LIST.json", help="the list file")
    add_lab.add_argument("laboratory", type=Path, metavar="LAB.json", help="the laboratory's entry (JSON)")
    remove_lab = kinds.add_parser("remove-laboratory", help="withdraw a test laboratory: programmes refuse its "
                                                            "records from the next signed list on", **guide(
        "Withdraw a test laboratory: it stays on the list as withdrawn, with the date, and programmes "
        "refuse the records it signed (conformance programme certify).",
        "conformance trust-list remove-laboratory list.json example-test-lab", written))
    remove_lab.add_argument("list", type=Path, metavar="LIST.json", help="the list file")
    remove_lab.add_argument("laboratory_id", metavar="LABORATORY_ID", help="the laboratory's id on the list")
    sign = kinds.add_parser("sign", help="issue the list: next sequence number, issue date, next update, the "
                                         "authority's signature", **guide(
        "Issue the list: its sequence number one higher, issued now, its next update DAYS later, signed "
        "with the authority's key.",
        "conformance trust-list sign list.json --key authority.key --next-update-days 30", written))
    sign.add_argument("list", type=Path, metavar="LIST.json", help="the list file")
    sign.add_argument("--key", type=Path, required=True, metavar="AUTH.key", help="the authority's private key")
    sign.add_argument("--next-update-days", type=int, default=30, metavar="DAYS",
                      help="days until the next update is due: relying parties refuse the list after (default 30)")
