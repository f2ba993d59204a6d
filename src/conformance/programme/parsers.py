"""The ``conformance programme`` argument parsers (argparse only: cheap to import)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

#: the command line's own parser class (conformance.cli's Parser)
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def add_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser]) -> None:
    """``conformance programme ...`` (wired by conformance.cli)."""
    programme = sub.add_parser("programme", help="a pilot program's cohort: run every participant, history, interop")
    kinds = programme.add_subparsers(dest="programme_command", required=True, parser_class=parser_class)
    run = kinds.add_parser("run", help="run every participant's manifest (each its own process), then every "
                                       "interop pair; resumable")
    run.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    run.add_argument("--out", type=Path, help="folder for the reports (default: reports/<programme id>)")
    run.add_argument("--rerun", action="store_true", help="run participants that finished earlier again")
    run.add_argument("--no-interop", action="store_true", help="skip the interop pairs and grid")
    status = kinds.add_parser("status", help="the latest outcome of each participant and profile")
    status.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    runs = kinds.add_parser("runs", help="every run recorded, the failed and interrupted ones too")
    runs.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    runs.add_argument("--participant", metavar="ID", help="only this participant's runs (and pairs it produced)")
    changes = kinds.add_parser("changes", help="when a participant's outcome changed, and which requirements "
                                               "caused it")
    changes.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    changes.add_argument("--participant", metavar="ID", help="only this participant")
    grid = kinds.add_parser("grid", help="write the interop grid again from the history (JSON and HTML)")
    grid.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    grid.add_argument("--out", type=Path, help="the programme run's folder (default: reports/<programme id>)")
    failing = kinds.add_parser("failing", help="requirements failing most across participants")
    failing.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    failing.add_argument("--limit", type=int, default=20, help="how many requirements (default 20)")
    certify = kinds.add_parser("certify", help="issue certificates (W3C VC 2.0, signed by the programme's key) to "
                                               "participants whose latest run is conformant to the plan")
    certify.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    certify.add_argument("--participant", action="append", metavar="ID",
                         help="certify only this participant (repeatable; default: every eligible one)")
    certify.add_argument("--out", type=Path, help="the programme run's folder, where certificates/ and status/ are "
                                                  "written (default: reports/<programme id>)")
    revoke = kinds.add_parser("revoke", help="revoke a certificate: record it and publish the status list again")
    revoke.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    revoke.add_argument("certificate", metavar="CERTIFICATE",
                        help="the certificate's id (urn:uuid:…) or its file name without .json")
    revoke.add_argument("--reason", required=True, help="why (recorded in the history)")
    revoke.add_argument("--out", type=Path, help="the programme run's folder (default: reports/<programme id>)")
    certificates = kinds.add_parser("certificates", help="every certificate issued, and which are revoked")
    certificates.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    certificates.add_argument("--participant", metavar="ID", help="only this participant's")
    site = kinds.add_parser("site", help="write the programme's static site from the history (en and zh): outcomes "
                                         "and trends, the interop grid, failure rates, each participant's runs")
    site.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    site.add_argument("--runs", type=Path, help="the programme run's folder, whose reports the site links "
                                                "(default: reports/<programme id>)")
    site.add_argument("--out", type=Path, help="the site's folder (default: site/ in the run folder)")
    audit = kinds.add_parser("audit", help="check the programme log (every leaf, every signed head) and the "
                                           "history against it; name the first leaf or row that differs. Exit "
                                           "codes: 0 consistent, 1 tampering found, 2 bad input")
    audit.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    audit.add_argument("--heads", nargs=2, type=Path, metavar=("OLD.json", "NEW.json"),
                       help="two heads the programme published (e.g. yesterday's and today's log/head.json): "
                            "both signed by a programme key, the newer the log's, the older a prefix of it "
                            "(RFC 9162 consistency proof)")
    audit.add_argument("--adopt", action="store_true",
                       help="once, for a history recorded before the programme log existed (its log empty): "
                            "log every row as it stands, then audit")
    catalogs = kinds.add_parser("catalogs", help="what changed for a participant between two catalog digests "
                                                 "(its latest whole run under each)")
    catalogs.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    catalogs.add_argument("--participant", required=True, metavar="ID", help="the participant")
    catalogs.add_argument("--from", dest="before", metavar="DIGEST",
                          help="the earlier catalog digest (default: the second most recent it was judged under)")
    catalogs.add_argument("--to", dest="after", metavar="DIGEST",
                          help="the later catalog digest (default: the most recent)")
    add_witness_parsers(sub, parser_class)


def add_witness_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser]) -> None:
    """``conformance witness ...`` (:mod:`.witnesscli`)."""
    witness = sub.add_parser("witness", help="a C2SP tlog-witness: cosign a log's checkpoints after a consistency "
                                             "proof, never two trees of one size")
    kinds = witness.add_subparsers(dest="witness_command", required=True, parser_class=parser_class)
    key = kinds.add_parser("key", help="print the witness's cosignature verifier key (for relying parties)")
    add = kinds.add_parser("add-checkpoint", help="answer one add-checkpoint request (exit 0 cosigned, 1 refused, "
                                                  "2 bad input)")
    serve = kinds.add_parser("serve", help="serve POST /add-checkpoint over HTTP")
    for parser in (key, add, serve):
        parser.add_argument("--key", type=Path, required=True, metavar="WITNESS.key",
                            help="the witness's Ed25519 private key (PEM, `conformance keys generate`)")
        parser.add_argument("--name", required=True, help="the witness's key name (e.g. witness.example.org/w1)")
    for parser in (add, serve):
        parser.add_argument("state", type=Path, metavar="STATE", help="the witness's state folder")
        parser.add_argument("--log", action="append", required=True, metavar="VKEY",
                            help="a log it witnesses: the log's verifier key (name = origin; repeatable)")
    add.add_argument("request", metavar="REQUEST", help="the request body's file, or - for stdin")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port (default: one the system picks, printed)")
