"""``conformance programme certify | revoke``: certificates a programme issues and revokes.

A participant is certified when its latest own run (in the history) finished whole, under
the programme's certification plan, and judged every profile of the plan conformant, as its
signed report says: the history only names the run; the report is read from the
participant's own run folder and believed only when its attestation holds for a programme
key and it judged the participant's product (:mod:`.trust`). Its
certificate is a W3C Verifiable Credential (VC Data Model 2.0) issued by the programme's
did:key and secured with an ``eddsa-jcs-2022`` Data Integrity proof (:mod:`.signing`); its
subject is the product (name, version, vendor), the profiles, the catalog digest and the
report (its URL under ``site_url`` and its sha256, also as a ``relatedResource`` with
``digestSRI``); ``validFrom``/``validUntil`` bound it; ``credentialStatus`` points at its
entry in the programme's revocation list (:mod:`.statuslist`). Beside each certificate a
printable page (HTML, bilingual) with a QR code of its verification link.

Every certificate and revocation is recorded in the history (append-only, like the runs)
and is a leaf of the programme log (:mod:`.ledger`): the status list is rewritten from the
log after each change, so it is never edited by hand, and a row the log does not carry (a
run, an outcome, a certificate or a revocation inserted into the database) is not believed.
A certificate carries its run's leaf with the inclusion proof against the signed head of
the log when it was issued (``credentialSubject.programmeLog``); the log is published beside
the certificates (``log/``) for verifiers and auditors.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .._catalog.catalog import Catalog
from .._io.outputs import atomic_write
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..certification.attestation import REPORT_NAME, load_private_key, load_public_key
from ..certification.plans import CertificationPlan, load_plan, refuse_unclaimable
from ..errors import HarnessInputError
from . import audit, labtrust, ledger, logformat, signing, statuslist
from .certformat import CERTIFICATE_TYPE, CERTIFICATES, ISSUERS, ISSUERS_TYPE, LOG_PATH, VOCABULARY, timestamp
from .certpage import PageStatus, render_page, restate_pages
from .history import FINISHED, History, open_history
from .spec import Programme
from .trust import Untrusted, check_run, programme_keys, run_folder


@dataclass
class CertifyResult:
    issued: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # participant, why
    witnessing: list[str] = field(default_factory=list)  # a witness that gave no cosignature, and why
    files: list[Path] = field(default_factory=list)


def _requirements(programme: Programme, catalog: Catalog) -> tuple[CertificationPlan, Ed25519PrivateKey, str]:
    missing = [(name, fix) for name, value, fix in (
        ("plan", programme.plan, "name the certification plan the participants are judged by"),
        ("signing_key", programme.signing_key, "name the programme's key (conformance keys generate)"),
        ("site_url", programme.site_url, "name where the programme publishes its run folder (https://…/)"),
    ) if value is None]
    if missing:
        name, fix = missing[0]
        raise HarnessInputError(f"{programme.path} at $.{name}", "a programme that certifies needs it", fix)
    assert programme.plan and programme.signing_key and programme.site_url
    plan = load_plan(programme.plan, catalog)
    refuse_unclaimable(plan, catalog)  # no certificate for a profile no normative requirement decides
    key = load_private_key(programme.signing_key)
    return plan, key, programme.site_url


@dataclass
class Eligible:
    """A participant's latest run, believed: the history's row and what its signed report says."""

    run: dict[str, Any]
    report: dict[str, Any]
    #: the signed sha256 of its report.json
    sha256: str
    report_json: Path


def eligibility(programme: Programme, plan: CertificationPlan, participant: str, run: dict[str, Any] | None,
                out: Path, keys: list[Ed25519PublicKey], log: audit.LogView | None = None) -> Eligible | str:
    """The participant's latest run if it can be certified, else why not. The history's row
    only names the run: everything certified is read from the run's signed report, in the
    participant's own folder, whose attestation holds for a programme key (:mod:`.trust`): an
    outcome row or a report folder inserted into the history certifies nothing. With ``log``
    (what the programme log says), the row and its outcomes must be its run's leaf, and that
    run the participant's latest in the log."""
    if run is None:
        return "no run recorded"
    if log is not None and (problem := log.run_problem(run, run.get("outcomes", {}))):
        return problem
    if run["status"] != FINISHED or not run["complete"]:
        return f"its latest run {run['run_id']} is {run['status']}, not a whole run"
    folder = run_folder(out, "participant", participant, None, run["run_id"])
    if Path(run["report_dir"]).resolve() != folder.resolve():
        return f"its latest run {run['run_id']} is recorded in {run['report_dir']}, not in its own folder {folder}"
    try:
        trusted = check_run(programme, folder, "participant", participant, None, run["run_id"], out, keys)
    except Untrusted as exc:
        return f"its latest run {run['run_id']} is not believed: {exc}"
    if trusted.verified is None or trusted.report is None:
        return f"its latest run {run['run_id']} has no signed report"
    report, sha = trusted.report, trusted.verified.report_sha256
    if sha != run["report_sha256"]:
        return f"the report of run {run['run_id']} differs from the one recorded"
    if report.get("scope") != "full" or not report.get("complete"):
        return f"its latest run {run['run_id']} is not a whole run (its signed report)"
    outcomes = {p["id"]: p["outcome"] for p in report["profiles"]}
    short = [f"{p} {outcomes.get(p, 'not judged')}" for p in sorted(plan.profiles) if outcomes.get(p) != "conformant"]
    if short:
        return f"its latest run {run['run_id']} is not conformant to the plan: " + ", ".join(short)
    if (report.get("certification_plan") or {}).get("sha256") != plan.sha256:
        return f"its latest run {run['run_id']} did not follow the programme's plan ({plan.path.name})"
    return Eligible(run, report, sha, folder / REPORT_NAME)


def certify(programme: Programme, catalog: Catalog, out: Path, participants: list[str] | None = None,
            now: datetime | None = None) -> CertifyResult:
    """Certify the named participants (default: every one), as far as each is eligible; then
    publish the status list and the issuers."""
    plan, key, site = _requirements(programme, catalog)
    keys = programme_keys(programme)
    now = now or datetime.now(UTC)
    out = out.absolute()
    wanted = participants or [p.id for p in programme.participants]
    for name in wanted:
        programme.participant(name)  # an unknown one is bad input
    labs = laboratories(programme, now)  # a list the programme cannot believe certifies nothing (bad input)
    result = CertifyResult()
    with open_history(programme) as history:
        view = believed_log(history, programme)
        for name in wanted:
            run = history.latest_run(name)
            eligible = eligibility(programme, plan, name, run, out, keys, view)
            if not isinstance(eligible, str) and any(c["run_id"] == eligible.run["run_id"]
                                                     for _, c in view.certificates.values()):
                eligible = f"run {eligible.run['run_id']} is certified already"
            if not isinstance(eligible, str) and (problem := labtrust.laboratory_problem(
                    eligible.report.get("laboratory"), labs)):
                eligible = f"its latest run {eligible.run['run_id']} cannot be certified: {problem}"
            if isinstance(eligible, str):
                result.refused.append((name, eligible))
                continue
            certificate, files = _issue(programme, plan, key, site, history, eligible, out, now, result.witnessing,
                                        view.runs[eligible.run["run_id"]][0])
            result.issued.append(certificate)
            result.files += files
        result.files += publish_status(programme, key, site, history, out, now, result.witnessing)
    return result


def laboratories(programme: Programme, now: datetime) -> labtrust.Laboratories | None:
    """The laboratories the programme trusts (its ``laboratories`` trust list, believed), if it names any."""
    if programme.laboratories is None or programme.laboratory_authority is None:
        return None
    return labtrust.load(programme.laboratories, programme.laboratory_authority, now)


def believed_log(history: History, programme: Programme) -> audit.LogView:
    """What the programme log says, after its own checks (every leaf strict and canonical, every
    head signed by a programme key, current or retired, and matching its leaves, no leaf under
    no head): a log that fails them is the history's bad input, and nothing is certified or
    revoked from it."""
    found = audit.Audit()
    entries = audit.audit_log(history.log, log_signers(programme), found)
    if found.lines or entries is None:
        raise HarnessInputError(f"the programme log {history.log.folder}", found.lines[0] if found.lines else
                                "cannot be read", "see `conformance programme audit PROGRAMME`; restore the log and the "
                                "history from their backup")
    return audit.LogView.of(entries)


def log_signers(programme: Programme) -> set[str] | None:
    """The did:keys the log's heads may be signed by (None: a programme that does not sign)."""
    keys = programme_keys(programme)
    return {signing.issuer_did(k) for k in keys} if keys else None


def _witnessed(programme: Programme, history: History, index: int, problems: list[str]) -> dict[str, object]:
    """Leaf ``index``'s inclusion proof, its checkpoint cosigned by the programme's witnesses
    that gave a cosignature (:mod:`.cosign`); ``problems`` gets a line for each that did not."""
    proved = ledger.inclusion(history.log, index)
    if programme.witnesses and isinstance(proved.get("checkpoint"), str):
        from .cosign import collect

        cosigned, missed = collect(programme.witnesses, str(proved["checkpoint"]).encode(), history.log.tree())
        proved["checkpoint"] = cosigned.decode()
        problems += missed
    return proved


def _issue(programme: Programme, plan: CertificationPlan, key: Ed25519PrivateKey, site: str, history: History,
           eligible: Eligible, out: Path, now: datetime, witnessing: list[str],
           logged: int) -> tuple[dict[str, object], list[Path]]:
    """One certificate for ``eligible``'s run, whose leaf is ``logged`` (from the view read once
    before certifying: a leaf keeps its index as the log grows, and reading the whole log again
    for each certificate made certifying N participants cost N² leaves)."""
    run, report = eligible.run, eligible.report
    report_url = site + _relative(eligible.report_json, out)
    digest = bytes.fromhex(eligible.sha256)
    issuer = signing.issuer_did(key.public_key())
    profiles = [{"id": p["id"], "version": p["version"], "outcome": p["outcome"]}
                for p in report["profiles"] if p["id"] in plan.profiles]
    product = {k: v for k, v in report["manifest"]["product"].items() if k in ("name", "version", "vendor")}
    certificate_id = f"urn:uuid:{uuid.uuid4()}"
    valid_until = now + timedelta(days=programme.certificate_validity_days)
    folder = out / CERTIFICATES
    proved = _witnessed(programme, history, logged, witnessing)  # before the transaction: witnesses are remote
    with history.issuing() as (index, insert):
        stem = f"{run['participant']}-{index}"
        unsigned = {
            "@context": [statuslist.CONTEXT, VOCABULARY],
            "id": certificate_id,
            "type": ["VerifiableCredential", CERTIFICATE_TYPE],
            "name": f"{programme.title}: {product['name']} {product['version']}",
            "issuer": {"id": issuer, "name": programme.title},
            "validFrom": timestamp(now),
            "validUntil": timestamp(valid_until),
            "credentialSubject": {
                "type": "CertifiedProduct",
                "product": product,
                "participant": run["participant"],
                "programme": {"id": programme.id, "title": programme.title, "url": site},
                "certificationPlan": {"id": plan.id, **({"version": plan.version} if plan.version else {}),
                                      "program": plan.program, "sha256": plan.sha256},
                "profiles": profiles,
                "catalogDigest": report["catalog_digest"],
                "report": {"id": report_url, "run": run["run_id"], "sha256": eligible.sha256},
                "programmeLog": {"url": site + LOG_PATH, **proved},
            },
            "relatedResource": [{"id": report_url, "mediaType": "application/json",
                                 "digestSRI": "sha256-" + base64.b64encode(digest).decode("ascii")}],
            # revocation, and suspension by a regression `programme watch` sees (its own list)
            "credentialStatus": [statuslist.entry(site + path, index, purpose)
                                 for purpose, path in statuslist.PURPOSES.items()],
        }
        signed = signing.add_proof(unsigned, key, timestamp(now))
        data = orjson.dumps(signed, option=orjson.OPT_INDENT_2) + b"\n"
        json_path, html_path = folder / f"{stem}.json", folder / f"{stem}.html"
        atomic_write(json_path, data)
        atomic_write(html_path, render_page(signed, site + f"{CERTIFICATES}/{stem}.json",
                                            PageStatus("valid", timestamp(now), timestamp(now))).encode())
        insert(certificate_id, run["participant"], run["run_id"], issuer, timestamp(now), timestamp(valid_until),
               _relative(json_path, out), hashlib.sha256(data).hexdigest())
    return signed, [json_path, html_path]


def publish_status(programme: Programme, key: Ed25519PrivateKey, site: str, history: History, out: Path,
                   now: datetime, witnessing: list[str] | None = None) -> list[Path]:
    """The revocation and suspension lists (signed, valid for the programme's ``status_list_validity_hours``
    from ``now``: every publication is a fresh issue) and the issuers (current and retired
    did:key, with each retired key's retirement time), from the history; then the log, its
    latest checkpoint cosigned by the programme's witnesses (``witnessing`` gets a line for
    each that gave no cosignature)."""
    validity = timedelta(hours=programme.status_list_validity_hours)
    # the revocations the log carries: a revocation row inserted into the history revokes nothing
    view = believed_log(history, programme)
    set_bits = {"revocation": view.revoked_indices(), "suspension": view.suspended_indices()}
    written = restate_pages(view, site, out, timestamp(now))
    for purpose, path in statuslist.PURPOSES.items():  # suspensions likewise: those the log carries
        listed = statuslist.list_credential(site + path, signing.issuer_did(key.public_key()), set_bits[purpose],
                                            timestamp(now), timestamp(now + validity),
                                            int(validity.total_seconds()) * 1000, purpose)
        atomic_write(out / path, orjson.dumps(signing.add_proof(listed, key, timestamp(now)),
                                              option=orjson.OPT_INDENT_2))
        written.append(out / path)
    issuers_path = out / CERTIFICATES / ISSUERS
    retired = [signing.issuer_did(load_public_key(p)) for p in programme.retired_keys]
    since = dict(zip(retired, programme.retired_since, strict=False))
    current = signing.issuer_did(key.public_key())
    # signed like the status list: a retirement left out or a date moved by whoever hosts the
    # file is refused by `conformance verify`, which reads the retirements from it
    atomic_write(issuers_path, orjson.dumps(signing.add_proof({
        "type": ISSUERS_TYPE, "issuer": current, "programme": programme.id, "current": current, "retired": retired,
        "retirements": [{"id": did, "retired": since[did]} for did in retired if since.get(did)],
    }, key, timestamp(now)), option=orjson.OPT_INDENT_2))
    keys = []
    if programme.witnesses:
        from .cosign import cosign_latest, witness_keys

        missed = cosign_latest(programme.witnesses, history.log)
        if witnessing is not None:
            witnessing += missed
        keys = witness_keys(programme.witnesses)
    return [*written, issuers_path, *history.log.publish(out / LOG_PATH, keys)]


def revoke(programme: Programme, catalog: Catalog, out: Path, certificate: str, reason: str,
           now: datetime | None = None) -> tuple[dict[str, object], bool, list[Path]]:
    """Record the revocation of exactly one certificate (its ``urn:uuid:`` id, or its file's
    stem when no other certificate shares it) and publish the status list again, a fresh issue;
    (the certificate, whether it was newly revoked, files). The certificate must be one the
    programme log issued, its file in ``out`` the one recorded (sha256), naming that id and that
    index: the history's tables are not asked which certificates exist or are revoked, so a
    shadow row or a forged revocation row neither absorbs, blocks nor fakes a revocation."""
    logformat.check_reason(reason, "--reason")  # before anything is read or appended
    _, key, site = _requirements(programme, catalog)
    out = out.absolute()
    with open_history(programme) as history:
        # the certificates the log issued: a row the log does not carry (a shadow row, whatever
        # its index, id or file) neither absorbs the revocation nor blocks it
        view = believed_log(history, programme)
        rows = [row for _, row in view.certificates.values()]
        found = [c for c in rows if c["certificate_id"] == certificate] or \
            [c for c in rows if Path(c["file"]).stem == certificate]
        if not found:
            raise HarnessInputError(certificate, "no such certificate in the programme log",
                                    "give its id (urn:uuid:…) or file name, see `conformance programme certificates PROGRAMME`")
        if len(found) > 1:
            raise HarnessInputError(certificate, f"names {len(found)} certificates in the programme log ("
                                    + ", ".join(c["certificate_id"] for c in found) + ")",
                                    "give the id (urn:uuid:…) of the one to revoke")
        _check_issued(found[0], out)
        newly = history.revoke(found[0]["certificate_id"], reason, logged=found[0]["certificate_id"] in view.revoked)
        files = publish_status(programme, key, site, history, out, now or datetime.now(UTC))
    return found[0], newly, files


def _check_issued(row: dict[str, object], out: Path) -> None:
    """The row is a certificate the programme wrote: its file, inside ``out``, has the recorded
    sha256 and names the row's id and status list index."""
    path = out / str(row["file"])
    problem = None
    try:
        data = read_capped(path, MAX_DOCUMENT_BYTES, root=out)
    except OSError:
        data = None
    if data is None:
        problem = f"its file {row['file']} is not in the programme's run folder {out}"
    elif hashlib.sha256(data).hexdigest() != row["sha256"]:
        problem = f"its file {row['file']} is not the certificate recorded (sha256)"
    else:
        try:
            issued = orjson.loads(data)
            revocation = statuslist.entries(issued["credentialStatus"])["revocation"]
            named = (issued["id"], revocation["statusListIndex"])  # type: ignore[index]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            named = None
        if named != (row["certificate_id"], str(row["status_index"])):
            problem = f"its file {row['file']} names another certificate or status list entry"
    if problem:
        raise HarnessInputError(f"certificate {row['certificate_id']}", problem,
                                "revoke a certificate the programme issued, with the --out it was issued to")


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        raise HarnessInputError(str(path), f"is not inside the programme's run folder {base}",
                                "certify with the --out the programme ran with") from None
