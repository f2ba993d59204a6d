"""The ``conformance programme`` argument parsers (argparse only: cheap to import)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .listings import described

#: the command line's own parser class (conformance.cli's Parser)
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


P = "examples/programme/programme.yaml"  # the examples' programme file, as `programme init` copies it
BAD = "2 bad input (one line: the file, the place, the fix)"
WRITES = "3 an output could not be written (nothing half-written)"


def add_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser],
                guide: Callable[[str, str, str], dict[str, Any]], exits: Callable[..., str]) -> None:
    """``conformance programme ...`` (wired by conformance.cli, which gives the help's ``guide``:
    what a command does, an example, its exit codes)."""
    shown = exits("0 shown", BAD)
    programme = sub.add_parser("programme", help="a pilot program's cohort: run every participant, history, interop",
                               **guide(
        "A pilot program's cohort: start a working folder from the example (init), run every participant "
        "and interop pair (run), then read the history, publish the site and issue, revoke and audit "
        "certificates. docs/programme.md walks through it.",
        "conformance programme init my-programme\nconformance programme run programme.yaml",
        exits("0 the subcommand succeeded; each subcommand's --help says its other codes",
              "2 bad input (no or an unknown subcommand)")))
    kinds = programme.add_subparsers(dest="programme_command", required=True, parser_class=parser_class)
    init = kinds.add_parser("init", help="copy the example cohort into a new folder to work in", **guide(
        "Copy the example cohort (the programme file, its participants' manifests, the certification plan "
        "and the assessor's signed records) into DIR, a new or empty folder outside the checkout, pinned to "
        "this harness's catalog digest, and print the next commands. Keys and reports are made there, "
        "never in the checkout.",
        "conformance programme init ~/pilot && cd ~/pilot",
        exits("0 copied", "2 bad input (DIR is not empty, a file, a link, or inside the checkout; nothing written)",
              WRITES)))
    init.add_argument("folder", type=Path, metavar="DIR", help="the folder to create (or an empty one)")
    run = kinds.add_parser("run", help="run every participant's manifest (each its own process), then every "
                                       "interop pair; resumable", **guide(
        "Run every participant's manifest, each its own process (or on Dask), then every interop pair, "
        "recording each run in the history and the programme log. Resumable: a participant that finished "
        "is not run again unless --rerun.", f"conformance programme run {P} --out reports/programme",
        exits("0 every run finished (whatever its verdicts)", BAD,
              "3 a run could not complete (interrupted, unreachable, over its budget)")))
    run.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    run.add_argument("--out", type=Path, help="folder for the reports (default: reports/<programme id>)")
    run.add_argument("--rerun", action="store_true", help="run participants that finished earlier again")
    run.add_argument("--no-interop", action="store_true", help="skip the interop pairs and grid")
    status = kinds.add_parser("status", help="the latest outcome of each participant and profile", **guide(
        "Print the latest outcome of each participant and profile, from the history." + described("status"),
        f"conformance programme status {P}", shown))
    status.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    runs = kinds.add_parser("runs", help="every run recorded, the failed and interrupted ones too", **guide(
        "Print every run the history records, the failed and interrupted ones too." + described("runs"),
        f"conformance programme runs {P} --participant example-headset", shown))
    runs.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    runs.add_argument("--participant", metavar="ID", help="only this participant's runs (and pairs it produced)")
    changes = kinds.add_parser("changes", help="when a participant's outcome changed, and which requirements "
                                               "caused it", **guide(
        "Print when each participant's outcome changed between consecutive whole runs, and which "
        "requirements caused it." + described("changes"), f"conformance programme changes {P}", shown))
    changes.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    changes.add_argument("--participant", metavar="ID", help="only this participant")
    grid = kinds.add_parser("grid", help="write the interop grid again from the history (JSON and HTML)", **guide(
        "Write the interop grid (who made what that whom could use) again from the history, as JSON and HTML.",
        f"conformance programme grid {P} --out reports/programme", exits("0 written", BAD, WRITES)))
    grid.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    grid.add_argument("--out", type=Path, help="the programme run's folder (default: reports/<programme id>)")
    failing = kinds.add_parser("failing", help="requirements failing most across participants", **guide(
        "Print the requirements failing most across participants' latest runs." + described("failing"),
        f"conformance programme failing {P} --limit 10", shown))
    failing.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    failing.add_argument("--limit", type=int, default=20, help="how many requirements (default 20)")
    certify = kinds.add_parser("certify", help="issue certificates (W3C VC 2.0, signed by the programme's key) to "
                                               "participants whose latest run is conformant to the plan", **guide(
        "Issue certificates (W3C VC 2.0, signed by the programme's key) to the participants whose latest run "
        "is conformant to the plan and whose attestation verifies; publish the status list beside them.",
        f"conformance programme certify {P} --out reports/programme",
        exits("0 issued to every eligible participant (or none was eligible)",
              "1 a participant named with --participant was refused (the reason, one line)", BAD, WRITES)))
    certify.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    certify.add_argument("--participant", action="append", metavar="ID",
                         help="certify only this participant (repeatable; default: every eligible one)")
    certify.add_argument("--out", type=Path, help="the programme run's folder, where certificates/ and status/ are "
                                                  "written (default: reports/<programme id>)")
    revoke = kinds.add_parser("revoke", help="revoke a certificate: record it and publish the status list again",
                              **guide(
        "Revoke a certificate: record it in the history and the programme log, and publish the status list "
        "again, so `conformance verify` rejects it.",
        f'conformance programme revoke {P} example-headset-0 --reason "key compromised" --out reports/programme',
        exits("0 revoked", BAD, WRITES)))
    revoke.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    revoke.add_argument("certificate", metavar="CERTIFICATE",
                        help="the certificate's id (urn:uuid:…) or its file name without .json")
    revoke.add_argument("--reason", required=True, help="why (recorded in the history)")
    revoke.add_argument("--out", type=Path, help="the programme run's folder (default: reports/<programme id>)")
    _add_watch(kinds, guide, exits)
    certificates = kinds.add_parser("certificates", help="every certificate issued, and which are revoked", **guide(
        "Print every certificate issued, and which are revoked." + described("certificates"),
        f"conformance programme certificates {P}", shown))
    certificates.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    certificates.add_argument("--participant", metavar="ID", help="only this participant's")
    site = kinds.add_parser("site", help="write the programme's static site from the history (en and zh): outcomes "
                                         "and trends, the interop grid, failure rates, each participant's runs",
                            **guide(
        "Write the programme's static site (en and zh) from the history: outcomes and trends, the interop "
        "grid, failure rates, each participant's runs and certificates, the log's signed heads.",
        f"conformance programme site {P} --runs reports/programme", exits("0 written", BAD, WRITES)))
    site.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    site.add_argument("--runs", type=Path, help="the programme run's folder, whose reports the site links "
                                                "(default: reports/<programme id>)")
    site.add_argument("--out", type=Path, help="the site's folder (default: the programme's site_folder, else "
                                               "site/ in the run folder)")
    audit = kinds.add_parser("audit", help="check the programme log (every leaf, every signed head) and the "
                                           "history against it; name the first leaf or row that differs", **guide(
        "Check the programme log (every leaf, every signed head) and the history against it, and name the "
        "first leaf or row that differs; with --heads, that a newer published head extends an older one.",
        f"conformance programme audit {P}",
        exits("0 consistent", "1 tampering found (one line each)", BAD)))
    audit.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    audit.add_argument("--heads", nargs=2, type=Path, metavar=("OLD.json", "NEW.json"),
                       help="two heads the programme published (e.g. yesterday's and today's log/head.json): "
                            "both signed by a programme key, the newer the log's, the older a prefix of it "
                            "(RFC 9162 consistency proof)")
    audit.add_argument("--adopt", action="store_true",
                       help="once, for a history recorded before the programme log existed (its log empty): "
                            "log every row as it stands, then audit")
    catalogs = kinds.add_parser("catalogs", help="what changed for a participant between two catalog digests "
                                                 "(its latest whole run under each)", **guide(
        "Print what changed for a participant between two catalog digests: its latest whole run under each.",
        f"conformance programme catalogs {P} --participant example-headset",
        exits("0 shown", "1 the participant has no whole run under two digests", BAD)))
    catalogs.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    catalogs.add_argument("--participant", required=True, metavar="ID", help="the participant")
    catalogs.add_argument("--from", dest="before", metavar="DIGEST",
                          help="the earlier catalog digest (default: the second most recent it was judged under)")
    catalogs.add_argument("--to", dest="after", metavar="DIGEST",
                          help="the later catalog digest (default: the most recent)")
    add_witness_parsers(sub, parser_class, guide, exits)
    from .trustlistparsers import add_trust_list_parsers

    add_trust_list_parsers(sub, parser_class, guide, exits)
    from .proficiencyparsers import add_proficiency_parsers

    add_proficiency_parsers(sub, parser_class, guide, exits)


def add_witness_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser],
                        guide: Callable[[str, str, str], dict[str, Any]], exits: Callable[..., str]) -> None:
    """``conformance witness ...`` (:mod:`.witnesscli`)."""
    named = "--key w1.key --name witness.example.org/w1"
    witness = sub.add_parser("witness", help="a C2SP tlog-witness: cosign a log's checkpoints after a consistency "
                                             "proof, never two trees of one size", **guide(
        "A C2SP tlog-witness: keep the latest checkpoint of each log it witnesses and cosign a new one "
        "only after a consistency proof from it, never two trees of one size (docs/programme.md).",
        f"conformance witness key {named}",
        exits("0 the subcommand succeeded; each subcommand's --help says its other codes",
              "2 bad input (no or an unknown subcommand)")))
    kinds = witness.add_subparsers(dest="witness_command", required=True, parser_class=parser_class)
    key = kinds.add_parser("key", help="print the witness's cosignature verifier key (for relying parties)", **guide(
        "Print the witness's cosignature verifier key, for relying parties' witness policies and for the "
        "programme file's witnesses.", f"conformance witness key {named}", exits("0 shown", BAD)))
    add = kinds.add_parser("add-checkpoint", help="answer one add-checkpoint request (exit 0 cosigned, 1 refused, "
                                                  "2 bad input)", **guide(
        "Answer one C2SP add-checkpoint request from a file (or stdin): cosign the checkpoint after its "
        "consistency proof, or refuse it saying why.",
        f'conformance witness add-checkpoint w1-state request.txt {named} --log "$LOG_VKEY"',
        exits("0 cosigned (the cosignature line printed)", "1 refused (one line: why)", BAD)))
    serve = kinds.add_parser("serve", help="serve POST /add-checkpoint over HTTP", **guide(
        "Serve the tlog-witness endpoint, POST /add-checkpoint, on a loopback address by default, until "
        "interrupted.", f'conformance witness serve w1-state {named} --log "$LOG_VKEY" --port 7380',
        exits("0 stopped (interrupted)", BAD)))
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


def _add_watch(kinds: argparse._SubParsersAction[Any], guide: Callable[[str, str, str], dict[str, Any]],
               exits: Callable[..., str]) -> None:
    watch = kinds.add_parser("watch", help="continuous conformance: run certified participants again on a schedule, "
                                           "suspend a certificate on a regression, reinstate it", **guide(
        "Run the certified participants' targets again, each cycle: a whole run not conformant to a certified "
        "profile suspends the participant's certificates (status list purpose suspension, logged with the run as "
        "evidence), a later whole conformant run reinstates them, a run that could not observe the product "
        "changes nothing. Every watch.interval_minutes of the programme file (or --interval), or one cycle "
        "with --once.",
        f"conformance programme watch {P} --once --out reports/programme",
        exits("0 every watched certificate in force and not suspended", "1 a certificate is suspended",
              "3 a participant could not be observed this cycle (none suspended)", BAD, WRITES)))
    watch.add_argument("programme", type=Path, metavar="PROGRAMME", help="the programme file (YAML or JSON)")
    watch.add_argument("--once", action="store_true", help="run one cycle and exit (for cron or CI)")
    watch.add_argument("--interval", type=float, metavar="SECONDS",
                       help="seconds between cycles (default: the programme file's watch.interval_minutes)")
    watch.add_argument("--participant", action="append", metavar="ID",
                       help="watch only this participant (repeatable; default: watch.participants, else every "
                            "certified one)")
    watch.add_argument("--out", type=Path, help="the programme run's folder (default: reports/<programme id>)")
