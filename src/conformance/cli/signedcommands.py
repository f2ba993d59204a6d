"""The CLI's subcommands over signed records: keys (and signing an assessment), a laboratory's
records (``lab sign | check``), and verifying a signed run or a programme's certificate. Each
takes the parsed arguments and a console, returns an exit code."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .._catalog.catalog import load_catalog
from ..errors import ExitCode, HarnessInputError, Rejected

if TYPE_CHECKING:
    from rich.console import Console


def cmd_keys(args: argparse.Namespace, console: Console) -> int:
    from ..certification.attestation import generate_keys

    if args.kind == "sign-assessment":
        from .._io.inputs import check_input_file, check_output_file
        from ..certification.assessments import SIGNED_SUFFIX, sign_record

        check_input_file(args.record)
        if not args.out.name.endswith(SIGNED_SUFFIX):
            raise HarnessInputError(f"--out {args.out}", f"a signed record's name ends in {SIGNED_SUFFIX}",
                                    f"name it e.g. {args.record.stem}{SIGNED_SUFFIX}")
        check_output_file(args.out, "--out")
        keyid = sign_record(args.record, args.key, args.out)
        console.out(f"wrote {args.out}, signed by {keyid}", highlight=False)
        return ExitCode.OK
    keyid = generate_keys(args.out)
    console.out(f"wrote {args.out} (private, mode 0600) and {args.out}.pub; key {keyid}", highlight=False)
    return ExitCode.OK


def cmd_lab(args: argparse.Namespace, console: Console) -> int:
    """``conformance lab sign | check``: a laboratory's signed record (:mod:`conformance.certification.labrecords`)."""
    from .._io.inputs import check_input_file, check_output_file
    from ..certification import labrecords

    catalog = load_catalog()
    check_input_file(args.record)
    if args.lab_command == "sign":
        from ..certification.attestation import load_private_key

        check_output_file(args.out, "--out")
        did = labrecords.sign(args.record, load_private_key(args.key, "--key"), args.out, catalog)
        console.out(f"wrote {args.out}, signed by {did}", highlight=False)
        return ExitCode.OK
    from datetime import UTC, datetime

    from .._run.laboratory import declared_capture
    from ..certification.subjects import sha256_file
    from ..programme import labtrust

    if (args.trust_list is None) != (args.authority is None):
        raise HarnessInputError("--trust-list/--authority", "one is given without the other",
                                "give both: the list and the did:key of the authority that signs it")
    record = labrecords.read(args.record, catalog)
    captures = []
    for path in args.capture:
        check_input_file(path)
        try:
            found = declared_capture(path, str(path))
        except OSError as exc:
            why = getattr(exc, "problem", None) or f"cannot be read: {exc.strerror or exc}"
            raise HarnessInputError(str(path), why, "give a regular capture file") from None
        captures.append(found or labrecords.capture(str(path), sha256_file(path), []))
    assessment = labrecords.assess([record], captures, record.document["requirements"])
    lines = [f"{name}: {why}" for name, why in assessment.problems]
    if record.problem:
        lines.insert(0, f"{args.record}: {record.problem}")
    if args.trust_list is not None and not record.problem:
        labs = labtrust.load(args.trust_list, args.authority, datetime.now(UTC))
        problem = labtrust.record_problem(record.summary(), labs.trust_list, record.document["requirements"])
        if problem:
            lines.append(problem)
    for line in dict.fromkeys(lines):
        console.out(line, highlight=False)
    if lines:
        return ExitCode.REJECTED
    console.out(f"{args.record}: signed by {record.signer} ({record.document['laboratory']['name']}), "
                f"covering {len(record.document['captures'])} capture(s)", highlight=False)
    return ExitCode.OK


def cmd_verify(args: argparse.Namespace, console: Console) -> int:
    """Exit 0: the attestation holds and every condition is met; 1: rejected; 2: bad input;
    4: it holds but a condition (of --policy, or the defaults) is unmet, one line each."""
    from ..certification.attestation import load_public_key
    from ..certification.policy import load_policy
    from ..certification.verify import describe, verify

    trusted = [load_public_key(path) for path in args.trust]
    # the policy first: it applies to a certificate as to a run
    policy = load_policy(args.policy) if args.policy else None
    if args.report_dir.is_file():  # a programme's certificate
        if args.trust_list is not None:  # the programmes' keys from a recognising authority's list
            from ..programme.trustverify import verify_listed

            return verify_listed(args, trusted, console, policy)
        from ..programme.certverify import verify_command

        return verify_command(args, trusted, console, policy)
    if getattr(args, "trust_list", None) is not None:
        raise HarnessInputError("--trust-list", "applies to a certificate, not to a run folder",
                                "give a certificate's path, or --trust KEY.pub for a signed run")
    if not args.report_dir.is_dir():
        raise HarnessInputError(str(args.report_dir), "no such folder", "give the folder the run wrote")
    try:
        verified = verify(args.report_dir, trusted, args.inputs, args.report_only, policy)
    except Rejected as exc:
        console.out(f"rejected: {exc}", highlight=False)
        return ExitCode.REJECTED
    for line in describe(verified):
        console.out(line, highlight=False)
    if verified.unmet:
        for condition in verified.unmet:
            console.out(f"not certified: {condition.line}", highlight=False)
        return ExitCode.UNMET
    return ExitCode.OK
