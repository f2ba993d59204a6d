"""The ``conformance`` command line: its commands, options and help (argparse). A bad argument
is one line and exit code 2, as every other bad input. The areas' commands and generators are
added from their plug-ins, and only when the command line needs them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .._version import __version__
from ..errors import ExitCode
from .catalogparsers import LINT_DESCRIPTION, LINT_EXITS, NEW_EXAMPLE, catalog_parsers
from .areaparsers import area_command_parsers, generator_parsers, registered
from .helpguide import BOUNDED_WRITE_EXITS, GROUP_EXITS, RUN_EXITS, WRITE_EXITS, exits, guide, limit_options


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, exit 2: the same contract as every other bad input.
        self.exit(ExitCode.BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        """As argparse's, but an argument no parser takes is refused by the subcommand it was
        given to, whose --help is the one to read (argparse refuses it at the top)."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self._deepest(sys.argv[1:] if args is None else args).error(
                f"unrecognized arguments: {' '.join(extras)}")
        for name, value in vars(parsed).items():  # a default list is the parser's own (kept: build_parser)
            if isinstance(value, list):
                setattr(parsed, name, list(value))
        return parsed

    def _deepest(self, argv: Sequence[str]) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self
        for word in argv:
            subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            if subcommands and word in subcommands[0].choices:
                parser = subcommands[0].choices[word]
        return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command a command line names: its first argument that is no option."""
    return next((a for a in argv if not a.startswith("-")), None)


#: What the command line is built with -> the parser built: the same parser serves every call
#: of a process (a build costs 10-13 ms of CPU, and an in-process caller, the tests, calls
#: ``main`` some 300 times a session; a warm process builds the commands it hands over before
#: it forks its runs). Keyed on the areas' generators and commands themselves, when the command
#: line needs them: a registry that changed (a package installed, a test's fake area) builds
#: anew. Parsing leaves a parser as it was; :meth:`Parser.parse_args` copies the list values.
_BUILT: dict[tuple[object, ...], argparse.ArgumentParser] = {}
_MAX_BUILT = 8
#: The harness's own commands (those of the parser built without the areas' commands).
_OWN: list[frozenset[str]] = []


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line. The generators of ``conformance generate`` are the areas' (loading
    them takes a tenth of a second): given the command line ``argv``, they are added only
    when it is that command; the areas' own commands only when it names none of the
    harness's, or asks for help. Built once a process for each such variant (:data:`_BUILT`)."""
    with_generators = argv is None or command_of(argv) == "generate"
    if _OWN:  # known from a first build: the variant, and perhaps its parser, known before building
        parser = _BUILT.get(_key(with_generators, _with_commands(argv, _OWN[0])))
        if parser is not None:
            return parser
    parser, own = _build(with_generators, argv)
    _OWN[:] = [own]
    if len(_BUILT) >= _MAX_BUILT:
        _BUILT.clear()
    _BUILT[_key(with_generators, _with_commands(argv, own))] = parser
    return parser


def _with_commands(argv: Sequence[str] | None, own: frozenset[str]) -> bool:
    """Whether the areas' commands are needed: the command line names none of the harness's own, or asks for help."""
    return argv is None or (command_of(argv) not in own and "--version" not in argv)


def _key(with_generators: bool, with_commands: bool) -> tuple[object, ...]:
    return (with_generators and registered("generators"), with_commands and registered("commands"))


def _build(with_generators: bool, argv: Sequence[str] | None) -> tuple[argparse.ArgumentParser, frozenset[str]]:
    """A new parser, and the harness's own commands (those before the areas' are added)."""
    parser = Parser(prog="conformance", **guide(
        "Conformance tests for metaverse interoperability standards: run a product's claimed profiles, "
        "validate files, run a pilot programme's cohort, verify signed reports and certificates, and draft "
        "the catalog. `conformance COMMAND --help` says more of each.",
        "conformance demo\nconformance run --manifest examples/platform.yaml", GROUP_EXITS))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def report_options(p: argparse.ArgumentParser,
                       out_help: str = "folder for the reports (default: reports/<time>-<product>)") -> None:
        p.add_argument("--out", type=Path, help=out_help)
        p.add_argument("--format", default="json,junit,html",
                       help="report views, comma separated (json,junit,html,earl)")
        p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of reports and summary")
        p.add_argument("--no-progress", action="store_true", help="no progress display")
        loudness = p.add_mutually_exclusive_group()
        loudness.add_argument("-q", "--quiet", action="store_true",
                              help="no progress; only what failed and the closing count line")
        loudness.add_argument("-v", "--verbose", action="store_true",
                              help="also list passing and not applicable requirements")
        limit_options(p, "prepare", "--prepare-time-limit", "--prepare-memory-limit",
                      "the run's preparation (manifest, plan, assessments, globs, catalog)",
                      time_note="; the run itself has its own time budget, shown in the report")

    def certification_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--plan", type=Path, metavar="FILE",
                       help="the pilot program's certification plan (pins the catalog, sets parameters)")
        p.add_argument("--assessment", action="append", default=[], type=Path, metavar="FILE",
                       help="an assessment record deciding a manual requirement (repeatable)")
        p.add_argument("--sign", type=Path, metavar="KEY", help="write a signed attestation beside the report")

    run = sub.add_parser("run", help="run the claimed profiles against a product", **guide(
        "Run the profiles a product's manifest claims against its targets, and write the report "
        "(report.json, JUnit, HTML) with a verdict and evidence for each requirement.",
        "conformance run --manifest examples/platform.yaml --out reports/platform", RUN_EXITS))
    run.add_argument("--manifest", type=Path, required=True, help="the product's manifest (YAML or JSON)")
    run.add_argument("--profile", action="append", default=[], metavar="ID",
                     help="only this profile of those the manifest claims (repeatable); the run is partial")
    run.add_argument("--requirement", action="append", default=[], metavar="ID",
                     help="only this requirement (repeatable): fast reruns")
    certification_options(run)
    report_options(run)

    validate = sub.add_parser("validate", help="check data files against a file profile, no manifest needed", **guide(
        "Check data files against one profile whose targets are all files, without writing a manifest "
        "(`conformance list profiles` shows each profile's targets).",
        "conformance validate --profile PROFILE data/*.json", RUN_EXITS))
    validate.add_argument("--profile", required=True, metavar="ID",
                          help="the file profile to check the files against "
                               "(`conformance list profiles`: its targets are files)")
    validate.add_argument("files", nargs="+", metavar="[ROLE=]FILE", help="files; ROLE= when the profile has several")
    validate.add_argument("--root", type=Path, metavar="DIR",
                          help="the folder the files' references (layers, textures, meshes) may resolve in "
                               "(default: each file's own folder); every file lies inside it")
    report_options(validate, "folder for the reports (default: reports/<time>-ad-hoc-validation)")

    warm = sub.add_parser(
        "warm", help="a warm process for validate and run (used with CONFORMANCE_WARM=1)", **guide(
        "With CONFORMANCE_WARM=1, `conformance validate` and `conformance run` hand their command "
                    "line, folder, environment and standard streams to a warm process of this user that has the "
                    "harness, catalog and validators loaded; it runs each command in a forked child, so reports "
                    "and exit codes are the command's own. It starts itself on first use and ends after "
                    "CONFORMANCE_WARM_IDLE seconds idle (600).",
        "conformance warm status\nconformance warm stop",
        exits("0 served until stopped, stopped, or (status) one is up", "1 (status) none is up",
              "2 bad input (its folder is another user's or open to others)")))
    warm.add_argument("action", choices=("serve", "stop", "status"),
                      help="serve: run one in the foreground; stop: end this environment's; status: is one up")

    demo = sub.add_parser("demo", help="run every profile against the bundled reference implementation", **guide(
        "Start the bundled reference implementation on 127.0.0.1, claim every profile against it and its "
        "sample data, and write the reports to reports/demo/.", "conformance demo", RUN_EXITS))
    demo.add_argument("--sign", type=Path, metavar="KEY", help="write a signed attestation beside the report")
    report_options(demo)

    serve = sub.add_parser("serve", help="serve the reference implementation", **guide(
        "Serve the bundled reference implementation (every HTTP profile conformant), optionally with "
        "planted defects, to try the harness or a client against it, over TLS with a test CA made at "
        "start-up (--ca-file writes its certificate where a manifest's ca_bundle names it). It says where "
        "it serves once it accepts connections.",
        "conformance serve --port 8080 --ca-file reports/reference-ca.pem --ready-file /tmp/ref.url &",
        "exit codes:\n  0 stopped (SIGINT, SIGTERM), or --list-defects\n  2 bad input (an unknown defect, "
        "a port in use, an address not of this machine)"))
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    serve.add_argument("--defect", action="append", default=[], metavar="NAME",
                       help="plant a known defect, so that the requirement written for it fails; "
                            "repeat for several (names: --list-defects)")
    serve.add_argument("--list-defects", action="store_true",
                       help="list the defects that can be planted, one per line, and exit")
    serve.add_argument("--ca-file", type=Path, metavar="PATH",
                       help="write the test CA's certificate (PEM) to PATH before serving: the trust anchor "
                            "a manifest names as its target's ca_bundle")
    serve.add_argument("--ready-file", type=Path, metavar="PATH",
                       help="once the server accepts connections, write its URL to PATH (atomically: a "
                            "script waits for the file, then reads a whole URL)")

    service = sub.add_parser("service", help="serve the programme as a web service (vendors' self-tests)", **guide(
        "Serve the programme's web service (docs/service.md): vendors sign up, register products and "
        "their manifests, keep endpoint secrets encrypted and run self-tests, which the built-in worker "
        "runs as `conformance run`. Everything lives in FOLDER: service.sqlite, service-runs/, and "
        "service.key (the key secrets are encrypted with, unless $CONFORMANCE_SERVICE_KEY gives one).",
        "conformance service reports/service --port 8081",
        "exit codes:\n  0 stopped (SIGINT, SIGTERM)\n  2 bad input (FOLDER not a folder, a bad key, a port in use)"))
    service.add_argument("folder", type=Path, metavar="FOLDER", help="the service's folder (made if missing)")
    service.add_argument("--host", default="127.0.0.1",
                         help="address to listen on (default 127.0.0.1: this machine only; put a TLS proxy before it)")
    service.add_argument("--port", type=int, default=8081, help="port to listen on (default 8081)")
    service.add_argument("--programme", type=Path, metavar="PROGRAMME.yaml",
                         help="the programme file whose plan, key and log certify applications (its runs, "
                              "certificates and log in FOLDER/programme-runs/)")
    service.add_argument("--officer", action="append", default=[], metavar="EMAIL",
                         help="make this existing account an officer (who reviews applications); repeatable")
    service.add_argument("--queued-runs", type=int, metavar="N",
                         help="self-tests one organisation may have queued or running at once; one more is "
                              "refused (HTTP 429, Retry-After) until one is done (default 5)")
    service.add_argument("--oidc-issuer", metavar="URL",
                         help="an OpenID Connect provider's issuer URL: accounts may sign in there (with "
                              "--oidc-client-id; the client secret from $CONFORMANCE_OIDC_CLIENT_SECRET)")
    service.add_argument("--oidc-client-id", metavar="ID", help="the service's client id at that provider")
    service.add_argument("--dask", metavar="N|ADDRESS",
                         help="run self-tests on Dask: N local worker processes, or a scheduler (tls://host:8786; "
                              "its workers see FOLDER at the same path); default: one at a time in the service")
    service.add_argument("--trust-anchors", type=Path, action="append", default=[], metavar="PEM",
                         help="a CA bundle (PEM) vendors' manifests may name as an http target's ca_bundle: the "
                              "trust anchors the TLS checks verify against, the same in every run; repeatable")
    service.add_argument("--assessor-key", type=Path, metavar="KEY",
                         help="the programme's assessor key (as `keys sign-assessment --key`): officers' "
                              "assessment records are signed with it where the plan lists assessors")

    remote = sub.add_parser("service-run", help="run a self-test on the service through its API (vendors' CI)", **guide(
        "Run a self-test of one of your organisation's product versions on the programme's service "
        "(docs/service.md, The JSON API): start it, wait for it, write its reports (report.json, junit.xml, "
        "report.html) into --out. The organisation's API token is read from $CONFORMANCE_SERVICE_TOKEN.",
        "conformance service-run https://service.example VERSION_ID --out reports/self-test",
        "exit codes:\n  0 conformant\n  1 not conformant\n  2 bad input (no token, a token or version "
        "the service refuses)\n  3 the run did not finish (or not within --timeout)"))
    remote.add_argument("url", metavar="URL", help="the service's address (https://...)")
    remote.add_argument("version", metavar="VERSION_ID", help="the version's id (GET /api/v1/products lists them)")
    remote.add_argument("--out", type=Path, default=Path("reports/service-run"), help="where the reports go")
    remote.add_argument("--timeout", type=float, default=1800.0, help="seconds to wait for the run (default 1800)")

    lister = sub.add_parser("list", help="list requirements, profiles or schemas", **guide(
        "List the catalog's requirements, profiles or schemas: a table in an interactive session, one tab-separated "
        "line per row when piped, with no header (columns: requirements: id, level, testing, title; profiles: id, "
        "version, requirements, normative, targets, title; schemas: $id, file), or --format json: a list of "
        "objects keyed by those column names.", "conformance list profiles | cut -f1",
        "exit codes:\n  0 listed\n  2 bad input (an unknown area)"))
    lister.add_argument("what", choices=("requirements", "profiles", "schemas"))
    lister.add_argument("--area", help="only requirements of this area")
    lister.add_argument("--format", choices=("table", "json"), default="table",
                        help="table (tab-separated when piped) or json (one JSON list, for scripts)")
    lister.add_argument("--lang", choices=("en", "zh"), default="en")

    generate = sub.add_parser("generate", help="write synthetic test data (the areas' generators)", **guide(
        "Write synthetic test data with the areas' generators (captures, city and building models), "
        "optionally with planted defects: the same seed gives the same bytes.",
        "conformance generate capture --device vr_headset --seconds 10 --out head.ndjson.gz", GROUP_EXITS))
    kinds = generate.add_subparsers(dest="kind", required=True, parser_class=Parser)
    if with_generators:
        generator_parsers(kinds)

    lint = sub.add_parser("lint", help="the catalog lint (same as `catalog lint`)", **guide(
        LINT_DESCRIPTION, "conformance lint --area AREA", LINT_EXITS))
    catalog_parsers(sub, lint)

    replay = sub.add_parser(
        "replay", help="rerun what failed in a finished run and compare", **guide(
        "Rerun the requirements that failed (or errored) in the report at REPORT_DIR against the "
                    "same targets, with the manifest the run read, and say per requirement which findings came "
                    "again, which are gone and which are new. ",
        "conformance replay reports/platform --requirement REQUIREMENT_ID",
        exits("0 every replayed requirement now passes", "1 some still fail (or fail anew)",
              "2 bad input (one line: the file, the place, the fix; a manifest changed since the run)",
              "3 the replay could not complete (an unreachable target, interrupted)")))
    replay.add_argument("report_dir", type=Path, metavar="REPORT_DIR", help="the --out folder of the finished run")
    replay.add_argument("--requirement", action="append", default=[], metavar="ID",
                        help="replay this requirement (repeatable; default: every failing one)")
    replay.add_argument("--manifest", type=Path,
                        help="the run's manifest (default: the one the report names, from the current folder); "
                             "it must be unchanged since the run")
    replay.add_argument("--plan", type=Path, metavar="FILE", help="the certification plan the run used, if any")
    report_options(replay)

    keys = sub.add_parser("keys", help="signing keys for attestations", **guide(
        "Signing keys: make an Ed25519 key pair for signing runs (--sign) or a programme, and sign an "
        "assessor's record of a manual requirement.", "conformance keys generate --out ~/keys/lab.key",
        GROUP_EXITS))
    key_kinds = keys.add_subparsers(dest="kind", required=True, parser_class=Parser)
    key_generate = key_kinds.add_parser("generate", help="a new Ed25519 key pair: KEY (mode 0600) and KEY.pub", **guide(
        "Make a new Ed25519 key pair: the private key KEY (mode 0600, never overwritten) and its public "
        "key KEY.pub, to give relying parties (`conformance verify --trust KEY.pub`). Keep KEY out of "
        "any repository.", "conformance keys generate --out ~/keys/lab.key", BOUNDED_WRITE_EXITS))
    key_generate.add_argument("--out", type=Path, required=True, metavar="KEY", help="the private key file to create")
    limit_options(key_generate, "keys")
    key_sign = key_kinds.add_parser("sign-assessment",
                                    help="sign an assessment record with the assessor's key (a DSSE envelope)",
                                    **guide(
        "Sign an assessor's record of a manual requirement (YAML, schemas/certification/assessment.json) "
        "with the assessor's key, as a DSSE envelope a run takes with --assessment.",
        "conformance keys sign-assessment record.yaml --key ~/keys/assessor.key --out record.dsse.json",
        BOUNDED_WRITE_EXITS))
    key_sign.add_argument("record", type=Path, metavar="RECORD.yaml", help="the assessment record to sign")
    key_sign.add_argument("--key", type=Path, required=True, metavar="KEY", help="the assessor's private key")
    key_sign.add_argument("--out", type=Path, required=True, metavar="RECORD.dsse.json",
                          help="the signed record to write (its name ends in .dsse.json)")
    limit_options(key_sign, "keys")

    lab = sub.add_parser("lab", help="a test laboratory's signed record of its measurements: sign one, check one",
                         **guide(
        "A test laboratory's record of the measurements it made (schemas/certification/laboratory-record.json): "
        "the laboratory, its apparatus with their calibration certificates, the test environment, the "
        "requirements measured and the SHA-256 of each capture. `sign` signs it with the laboratory's key; "
        "`check` verifies it, against captures and a trust list of laboratories when given. A run finds the "
        "records in the manifest's laboratory_records target (docs/certification.md).",
        "conformance lab sign record.yaml --key ~/keys/lab.key --out record.json\n"
        "conformance lab check record.json --capture haptic-bench.ndjson.gz", GROUP_EXITS))
    lab_kinds = lab.add_subparsers(dest="lab_command", required=True, parser_class=Parser)
    lab_sign = lab_kinds.add_parser("sign", help="sign a laboratory record with the laboratory's key (JCS + Ed25519)",
                                    **guide(
        "Sign a laboratory record (YAML or JSON) with the laboratory's Ed25519 key: its issuer becomes the "
        "key's did:key and it gets a W3C Data Integrity proof (eddsa-jcs-2022).",
        "conformance lab sign record.yaml --key ~/keys/lab.key --out record.json", WRITE_EXITS))
    lab_sign.add_argument("record", type=Path, metavar="RECORD.yaml", help="the laboratory record to sign")
    lab_sign.add_argument("--key", type=Path, required=True, metavar="KEY", help="the laboratory's private key")
    lab_sign.add_argument("--out", type=Path, required=True, metavar="RECORD.json", help="the signed record to write")
    lab_check = lab_kinds.add_parser("check", help="verify a laboratory record: its proof, the captures it covers, "
                                                   "the laboratory's trust", **guide(
        "Verify a signed laboratory record: its proof; with --capture, that it names each capture's SHA-256, "
        "lists each instrument's serial with a calibration valid on its date and the uncertainty the capture "
        "declares; with --trust-list and --authority, that a laboratory the list accredits signed it, "
        "within its scope.",
        "conformance lab check record.json --capture haptic-bench.ndjson.gz --trust-list labs.json "
        "--authority did:key:z6Mk...",
        exits("0 it holds", "1 it does not (one line each: what and why)",
              "2 bad input (one line: the file, the place, the fix)")))
    lab_check.add_argument("record", type=Path, metavar="RECORD.json", help="the signed laboratory record")
    lab_check.add_argument("--capture", type=Path, action="append", default=[], metavar="FILE",
                           help="a capture the record must cover (repeatable)")
    lab_check.add_argument("--trust-list", type=Path, metavar="LIST.json", help="a trust list of laboratories")
    lab_check.add_argument("--authority", metavar="DID", help="the did:key whose signature the trust list must carry")

    verify = sub.add_parser("verify", help="check a signed report offline: signature, subjects, views, report schema, "
                                        "then whether it certifies (--policy); or a programme's certificate",
                            **guide(
        "Check offline a signed run (its folder: signature, the files it judged, its views, the report's "
        "schema, then whether it certifies) or a programme's certificate (give the certificate, the "
        "programme's public key with --trust, and the published status list with --status-list, or the "
        "published folder the certificate lies in).",
        "conformance verify reports/platform --trust lab.key.pub --policy policy.yaml\n"
        "conformance verify published/certificates/CERT.json --trust programme.key.pub "
        "--status-list published/status/revocation.json",
        exits("0 it holds (and certifies)", "1 rejected: altered, untrusted, revoked or malformed",
              "2 bad input (one line: the file, the place, the fix)",
              "3 could not finish (past --time-limit/--memory-limit)",
              "4 it holds, but a condition of the policy is unmet (one line each)")))
    verify.add_argument("report_dir", type=Path, metavar="REPORT_DIR|CERTIFICATE.json",
                        help="a signed run's folder, or a certificate from `conformance programme certify`")
    verify.add_argument("--trust", action="append", default=[], type=Path, metavar="KEY.pub",
                        help="a public key to trust (repeatable)")
    verify.add_argument("--inputs", type=Path, metavar="DIR",
                        help="where the judged files are (default: the manifest's folder the run recorded)")
    verify.add_argument("--report-only", action="store_true",
                        help="check the report and signature, list the input files without checking them")
    verify.add_argument("--policy", type=Path, metavar="POLICY.yaml",
                        help="the relying party's terms (schemas/certification/policy.json): profiles that must be "
                             "conformant, expected catalog digest, plan, product, signing keys with validity and "
                             "revocation, accepted assessor keys. Exit codes: 0 holds and certifies, 1 rejected "
                             "(altered, untrusted or malformed), 2 bad input, 4 holds but a condition is unmet "
                             "(one line each; without --policy: every profile conformant, complete, under a plan, "
                             "by this harness's digest, assessments signed); for a certificate also the "
                             "programme, the issuer's and the status list's keys")
    verify.add_argument("--status-list", type=Path, metavar="FILE",
                        help="a certificate: the local copy of the programme's status list (default: status/ "
                             "beside the certificates/ folder); refused outside its validFrom..validUntil")
    verify.add_argument("--issuers", type=Path, metavar="FILE",
                        help="a certificate: the programme's issuers record, when each retired key was retired "
                             "(default: issuers.json beside the certificate); refused unless signed by a trusted key")
    verify.add_argument("--log", type=Path, metavar="DIR",
                        help="a certificate: the programme's published log (leaves.jsonl, head.json; default: log/ "
                             "in the certificate's run folder, when there): its head must be consistent with the "
                             "certificate's and record its issue")
    verify.add_argument("--witness-policy", type=Path, metavar="FILE",
                        help="a certificate: the witnesses the relying party believes and how many must have "
                             "cosigned its checkpoint ('witness VKEY' lines, 'quorum K'; docs/programme.md)")
    verify.add_argument("--trust-list", type=Path, metavar="LIST.json",
                        help="a certificate: a recognising authority's signed list of programmes (instead of "
                             "--trust): accepted from any programme it recognises (docs/certification.md)")
    verify.add_argument("--trust-list-key", type=Path, metavar="AUTH.pub",
                        help="the recognising authority's public key; a list signed by another key is refused")
    verify.add_argument("--trust-list-state", type=Path, metavar="FILE",
                        help="where to keep the highest sequence number seen of each list: a lower one is refused "
                             "(a rollback)")
    verify.add_argument("--report", type=Path, metavar="PATH",
                        help="a certificate: the report it names, a report.json or its folder (default: where "
                             "its URL maps under the certificate's run folder)")
    limit_options(verify, "verify")

    new = sub.add_parser("new", help="scaffold catalog material (a requirement with its test stubs)", **guide(
        "Scaffold catalog material for a drafter: a requirement with a failing test stub and a known-bad "
        "case to fill in.", NEW_EXAMPLE, GROUP_EXITS))
    new_kinds = new.add_subparsers(dest="kind", required=True, parser_class=Parser)
    requirement = new_kinds.add_parser("requirement", help="a requirement entry, a failing check in the area's "
                                                           "suite module and a known-bad case, in suites/<AREA>/",
                                       **guide(
        "Add a requirement to suites/<AREA>/requirements.yaml, a failing check to the area's suite module "
        "(--module), a known-bad case with its fixture written by a new function of fixtures/generate.py "
        "(file targets; HTTP targets: a defect to plant), its message template, and select it in the "
        "profiles named; the test lock and the docs' tables are regenerated. Then write the check's body.",
        NEW_EXAMPLE,
        exits("0 written", "2 bad input (an unknown area, profile, clause or standard; an ID taken)")))
    requirement.add_argument("area", metavar="AREA", help="the area (a folder of suites/)")
    requirement.add_argument("--id", help="the ID (XX-TOPIC-003), or a prefix for its next free number (XX-TOPIC); "
                                          "default: the next of the area's last requirement's prefix")
    requirement.add_argument("--level", choices=("MUST", "SHOULD", "MAY"), default="MUST")
    requirement.add_argument("--policy", metavar="KEY", action="append", required=True,
                             help='the clause of suites/policy-clauses.yaml it serves, e.g. "SH-GUIDE 3.1.1-testing" '
                                  "(repeatable)")
    requirement.add_argument("--topic", metavar="KEY",
                             help="the seed topic of suites/policy-clauses.yaml it serves (its requirements: list "
                                  "gets the ID, so the coverage table counts it)")
    requirement.add_argument("--standard", metavar="NAME", required=True,
                             help="the external standard it follows, by its canonical name (suites/standards.yaml), "
                                  "or none")
    requirement.add_argument("--module", metavar="FILE",
                             help="the suite module of suites/<AREA>/ the check goes into, e.g. test_hand.py "
                                  "(default: the one deciding most requirements of the ID's prefix)")
    requirement.add_argument("--section", metavar="TEXT", help="the part of --standard it follows")
    requirement.add_argument("--url", metavar="URL", help="where --standard says it (default: the standard's URL)")
    requirement.add_argument("--profile", metavar="ID", action="append", required=True,
                             help="a profile that selects it: the ID is added to its list (repeatable; the first "
                                  "runs the known-bad case)")
    requirement.add_argument("--title", metavar="TEXT", help="English title (also names the test module)")

    show = sub.add_parser("show", help="show one requirement, profile or schema", **guide(
        "Show one requirement (with the tests deciding it and the profiles selecting it), profile or "
        "schema as JSON.", "conformance show manifest",
        "exit codes:\n  0 shown\n  2 bad input (no such ID; the nearest are suggested)"))
    show.add_argument("id", help="a requirement ID, a profile ID, a schema $id or its name after the catalog's "
                                 "base without .json (manifest/target-file), or 'manifest'")
    show.add_argument("--lang", choices=("en", "zh"), default="en")
    from ..programme.parsers import add_parsers as programme_parsers

    programme_parsers(sub, Parser, guide, exits)
    own = frozenset(sub.choices)
    if _with_commands(argv, own):  # an area's command, or help
        area_command_parsers(sub)
    return parser, own
