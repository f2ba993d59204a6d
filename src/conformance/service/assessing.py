"""Officers' manual assessments, and a run's laboratory records, on the review page (issue 78 item 2).

A requirement with ``testing: manual`` has no test: a run leaves it inconclusive ("needs
assessment by a person") until a record decides it. An officer records, per requirement, a
verdict, the reasoning and optionally an evidence file from the organisation's uploads; the
service writes the record in the existing format (``schemas/assessment/assessment.json``), signed
with the programme's assessor key (``--assessor-key``) where the plan lists ``assessors``, by the
function ``conformance keys sign-assessment`` calls, and reads it back with the function a run
reads ``--assessment`` with, so every existing check (the schema, a date in the future, an
unknown or not manual requirement, the product, the signer's name) refuses it in one line.

The records reach the programme as a programme file's participant's ``assessments`` do: the
officer queues the version's programme run again, taking them (``--assessment``, runs.py), and
certify certifies that run. A run the vendor applied with may be incomplete for this reason
alone (:func:`awaits_assessment`).

What the run's report says of its laboratory records (``laboratory``: each record, the did:key
whose proof verifies, or why none does) is shown beside, read from the report, never judged
again here: the programme's certify judges them against its trust list."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from .._catalog.catalog import Catalog
from .._io.outputs import atomic_write
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from .._run.plan import read_manifest
from ..certification.assessments import SIGNED_SUFFIX, load_assessment, sign_record
from ..certification.attestation import fingerprint, load_private_key
from ..certification.plans import Assessor, load_plan
from ..errors import HarnessInputError
from . import uploads
from .certifying import ServiceProgramme
from .config import ServiceConfig
from .models import Application, AssessmentRow, Run, Version
from .products import manifest_path

#: the labels the review page's assessments and laboratory records show (messages/service.yaml)
LABELS = ("service.assessments", "service.needs-assessment", "service.no-assessment-needed",
          "service.assess-requirement", "service.assess-verdict", "service.assess-reasoning",
          "service.assess-na-reason", "service.assess-evidence", "service.assess-no-evidence", "service.assess-date",
          "service.assess-record", "service.assess-recorded", "service.assess-signed", "service.assess-unsigned",
          "service.assess-run", "service.assess-run-note", "service.assess-run-state", "service.verdict-pass",
          "service.verdict-fail", "service.verdict-not-applicable", "service.verdict-inconclusive",
          "service.action-assess", "service.action-assessed-run", "service.laboratory", "service.lab-none",
          "service.lab-verified", "service.lab-unverified", "service.lab-certifiable", "service.lab-not-certifiable")
ASSESSMENTS = "assessments"
VERDICTS = ("pass", "fail", "not_applicable", "inconclusive")
#: the schema's bounds on the officer's texts
MAX_REASONING, MAX_NA_REASON = 20000, 2000


def report_of(run: Run) -> dict[str, Any] | None:
    """The run's report.json (the product's data: shown escaped), or None."""
    if not run.report_dir:
        return None
    try:
        report = orjson.loads(read_capped(Path(run.report_dir) / "report.json", MAX_DOCUMENT_BYTES))
    except (OSError, orjson.JSONDecodeError):
        return None
    return report if isinstance(report, dict) else None


def _needs_person(entry: object) -> bool:
    """A report's requirement a manual assessment would decide and none did."""
    if not isinstance(entry, dict) or entry.get("verdict") != "inconclusive" or entry.get("assessment"):
        return False
    text = entry.get("text")
    return isinstance(text, dict) and text.get("key") == "engine.needs-person" \
        and (text.get("args") or {}).get("testing") == "manual"


def needing(report: dict[str, Any] | None) -> list[dict[str, str]]:
    """The run's manual requirements no record decided: (id, level), as the report lists them."""
    found = report.get("requirements", []) if report else []
    return [{"id": str(r["requirement"]), "level": str(r.get("level", ""))}
            for r in found if _needs_person(r) and isinstance(r.get("requirement"), str)]


def awaits_assessment(run: Run) -> bool:
    """Incomplete only because manual requirements await a person's assessment: a whole run in
    which every profile is conformant or incomplete, and each requirement that keeps one
    incomplete is manual and undecided. Such a run may be applied with: officers assess it."""
    if run.status != "incomplete" or run.exit_code != 3:
        return False
    report = report_of(run)
    if report is None or report.get("scope") != "full" or not report.get("complete"):
        return False
    waiting = {r["id"] for r in needing(report)}
    profiles = report.get("profiles") or []
    short = [p for p in profiles if isinstance(p, dict) and p.get("outcome") != "conformant"]
    return bool(waiting) and all(p.get("outcome") == "incomplete" and set(p.get("blocking") or []) <= waiting
                                 for p in short)


def laboratory_of(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the report says of the laboratory records (None: the run measured nothing)."""
    member = report.get("laboratory") if report else None
    if not isinstance(member, dict):
        return None
    records = [{"file": str(r.get("file", "")), "signed_by": r.get("signed_by") or None,
                "problem": str(r.get("problem") or "")[:300]}
               for r in member.get("records") or [] if isinstance(r, dict)]
    problems = [f"{p.get('capture')}: {p.get('problem')}"[:300] for p in member.get("problems") or []
                if isinstance(p, dict)]
    return {"records": records, "problems": problems, "certifiable": bool(member.get("certifiable")),
            "requirements": [str(r) for r in member.get("requirements") or []]}


@dataclass(frozen=True)
class Recording:
    """What the officer's form says of one requirement."""

    requirement: str
    verdict: str
    reasoning: str
    not_applicable_reason: str = ""
    #: an upload's name on the organisation's Files page ("": no evidence)
    evidence: str = ""
    #: the record's date (YYYY-MM-DD; "": today)
    date: str = ""


def form_problem(given: Recording) -> str | None:
    """What the form lacks before a record is written (the record's own checks come after)."""
    if given.verdict not in VERDICTS:
        return f"the verdict is one of {', '.join(VERDICTS)}"
    if not 0 < len(given.reasoning) <= MAX_REASONING:
        return f"the reasoning is 1 to {MAX_REASONING} characters"
    if len(given.not_applicable_reason) > MAX_NA_REASON:
        return f"the reason it does not apply is at most {MAX_NA_REASON} characters"
    if given.evidence and uploads.name_problem(given.evidence):
        return "the evidence is one of the organisation's files"
    if given.date:
        try:
            date.fromisoformat(given.date)
        except ValueError:
            return "the date is YYYY-MM-DD"
    return None


def plan_assessors(certifying: ServiceProgramme) -> dict[str, Assessor] | None:
    """The assessors the programme's plan accepts (None: it lists none, or there is no plan)."""
    if certifying.base.plan is None:
        return None
    return load_plan(certifying.base.plan, certifying.catalog).assessors


def signing_assessor(config: ServiceConfig, certifying: ServiceProgramme | None) -> Assessor | None:
    """The plan's assessor whose key ``--assessor-key`` is (None: no key given, or no plan lists
    assessors); a key the plan does not list is one line at start, exit 2."""
    if config.assessor_key is None or certifying is None:
        return None
    accepted = plan_assessors(certifying)
    keyid = fingerprint(load_private_key(config.assessor_key, "--assessor-key").public_key())
    if accepted is None:
        return None
    if keyid not in accepted:
        raise HarnessInputError(f"--assessor-key {config.assessor_key}", f"is {keyid}, not an assessor the "
                                "programme's plan lists", "give the key of one of the plan's assessors")
    return accepted[keyid]


def record(config: ServiceConfig, certifying: ServiceProgramme, application: Application, version: Version,
           given: Recording, officer_email: str) -> tuple[Path, str | None]:
    """Write and check the record of ``given`` for ``application``: (its file, the fingerprint that
    signed it). Bad input (HarnessInputError, one line) when the existing checks refuse it; then
    nothing is kept."""
    catalog: Catalog = certifying.catalog
    manifest, _ = read_manifest(manifest_path(config.folder, version), catalog)
    accepted = plan_assessors(certifying)
    folder = config.folder / ASSESSMENTS / application.id
    folder.mkdir(parents=True, exist_ok=True)
    name = given.requirement if uploads.NAME.fullmatch(given.requirement) else "record"
    evidence = []
    if given.evidence:
        source = uploads.folder_of(config.folder, application.organisation_id) / given.evidence
        if given.evidence not in {f.name for f in uploads.listed(config.folder, application.organisation_id)}:
            raise HarnessInputError(f"evidence {given.evidence}", "is not one of the organisation's files",
                                    "choose a file on the organisation's Files page")
        copied = folder / f"{name}-evidence-{given.evidence}"
        try:
            shutil.copyfile(source, copied, follow_symlinks=False)
        except OSError as exc:  # removed or replaced since the page listed it
            raise HarnessInputError(f"evidence {given.evidence}", f"cannot be read: {exc.strerror or exc}",
                                    "upload it again on the Files page") from None
        evidence = [{"file": copied.name, "description": given.evidence}]
    if accepted is not None:
        assessor = signing_assessor(config, certifying)
        if assessor is None:
            raise HarnessInputError("--assessor-key", "is not given: the programme's plan accepts only records "
                                    "signed by its assessors", "start the service with --assessor-key KEY")
        who: dict[str, str] = {"name": assessor.name, **({"organisation": assessor.organisation}
                                                         if assessor.organisation else {})}
    else:
        who = {"name": officer_email[:200], "organisation": certifying.base.title[:300]}
    made = {"requirement": given.requirement,
            "product": {"name": manifest.product.name, "version": manifest.product.version},
            "assessor": who, "date": given.date or datetime.now(UTC).date().isoformat(),
            "verdict": given.verdict, "reasoning": given.reasoning,
            **({"not_applicable_reason": given.not_applicable_reason} if given.not_applicable_reason else {}),
            **({"evidence": evidence} if evidence else {})}
    plain = folder / f"{name}.json"
    atomic_write(plain, orjson.dumps(made, option=orjson.OPT_INDENT_2))
    path = plain
    try:
        if accepted is not None:
            assert config.assessor_key is not None  # signing_assessor found its assessor
            path = folder / f"{name}{SIGNED_SUFFIX}"
            sign_record(plain, config.assessor_key, path)
            plain.unlink()
        checked = load_assessment(path, catalog, manifest, accepted)
    except HarnessInputError:
        for made_file in (plain, path, *(folder / e["file"] for e in evidence)):
            made_file.unlink(missing_ok=True)
        raise
    return path, checked.signed_by


def records_of(db: Session, folder: Path, application_id: str) -> list[AssessmentRow]:
    return list(db.scalars(select(AssessmentRow).where(AssessmentRow.application_id == application_id)
                           .order_by(AssessmentRow.requirement)))


def assessments_for_run(db: Session, folder: Path, run_id: str) -> tuple[Path, ...]:
    """The record files a run takes (``--assessment``): its application's, when it is the run
    queued with them; none for any other run."""
    application = db.scalar(select(Application).where(Application.assessed_run_id == run_id))
    if application is None:
        return ()
    return tuple(folder / row.file for row in records_of(db, folder, application.id))
