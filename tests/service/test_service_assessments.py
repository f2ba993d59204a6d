"""Officers record manual assessments on the review page, and see a run's laboratory records
(issue 78 item 2). One app for the module, started with a programme whose plan lists an assessor
and with that assessor's key (``--assessor-key``); the vendor's run is written straight into the
database and its folder (no worker, no child process): a report that leaves the manual TD-SAFE-001
awaiting assessment and carries a laboratory member."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest
import yaml
from sqlalchemy import select, update

from conformance.certification.assessments import load_assessment
from conformance.certification.attestation import fingerprint, generate_keys, load_private_key
from conformance.certification.plans import load_plan
from conformance.certification.verify import installed_digest
from conformance.errors import HarnessInputError
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.models import Application, AssessmentRow, AuditRow, Run
from conformance.service.products import manifest_problem
from tests.service.test_service import MANIFEST, a_product, post, signed_up
from tests.service.test_service_officers import SITE, signed_in_again

MANUAL = "TD-SAFE-001"
LAB_DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


def programme_with_assessor(folder: Path) -> tuple[Path, Path]:
    """A programme whose plan lists one assessor: (the programme file, the assessor's key)."""
    folder.mkdir()
    generate_keys(folder / "program.key")
    generate_keys(folder / "assessor.key")
    (folder / "plan.yaml").write_text(yaml.safe_dump({
        "id": "assessed-pilot", "program": "Assessed pilot", "catalog_digest": installed_digest(),
        "profiles": {"interfaces-core": {}},
        "assessors": [{"name": "Li Wei", "organisation": "Shanghai Test Lab",
                       "public_key": (folder / "assessor.key.pub").read_text(encoding="ascii")}]}), encoding="utf-8")
    (folder / "platform.yaml").write_text(MANIFEST, encoding="utf-8")
    path = folder / "programme.yaml"
    path.write_text(yaml.safe_dump({
        "id": "assessed-pilot", "title": "Assessed pilot", "plan": "plan.yaml", "signing_key": "program.key",
        "site_url": SITE, "participants": [{"id": "operator-own", "manifest": "platform.yaml"}]}), encoding="utf-8")
    return path, folder / "assessor.key"


def awaiting_report(folder: Path) -> None:
    """A whole run's report, incomplete only because the manual requirement awaits a person."""
    folder.mkdir(parents=True)
    needs = {"key": "engine.needs-person", "args": {"testing": "manual"}}
    (folder / "report.json").write_bytes(orjson.dumps({
        "scope": "full", "complete": True, "exit_code": 3,
        "profiles": [{"id": "interfaces-core", "outcome": "conformant", "blocking": []},
                     {"id": "terminal-hmd-6dof", "outcome": "incomplete", "blocking": [MANUAL]}],
        "requirements": [{"requirement": "IF-DISC-001", "level": "MUST", "verdict": "pass"},
                         {"requirement": MANUAL, "level": "MUST", "verdict": "inconclusive", "text": needs,
                          "message": "manual: needs assessment by a person"}],
        "laboratory": {"requirements": ["TD-PERF-001"], "certifiable": False,
                       "records": [{"file": "lab-record.json", "signed_by": LAB_DID, "problem": None},
                                   {"file": "forged.json", "signed_by": None, "problem": "the proof does not verify"}],
                       "problems": [{"capture": "files/turn.ndjson", "problem": "forged.json: the proof does not "
                                     "verify"}]}}))


@pytest.fixture(scope="module")
def applied(tmp_path_factory):
    """The app, the officer's and the vendor's browsers, the application's id and its run's id."""
    root = tmp_path_factory.mktemp("assessments")
    programme, key = programme_with_assessor(root / "pilot")
    options = {"secure_cookies": False, "programme": programme, "assessor_key": key}
    signed_up(create_app(load_config(root / "service", **options)), "officer-a@example.com")
    app = create_app(load_config(root / "service", officers=frozenset({"officer-a@example.com"}), **options))
    vendor = signed_up(app, "vendor-a@example.com")
    _, version_id = a_product(vendor)
    run_id = post(vendor, f"/versions/{version_id}/runs", {}).headers["location"].rsplit("/", 1)[1]
    report_dir = root / "service" / "programme-runs" / version_id / "20261126T000000-abcdef"
    awaiting_report(report_dir)
    with app.state.service.sessions.begin() as db:
        db.execute(update(Run).where(Run.id == run_id).values(status="incomplete", exit_code=3,
                                                              report_dir=str(report_dir)))
    # an incomplete run may be applied with when only manual requirements keep it incomplete
    assert post(vendor, f"/runs/{run_id}/apply", {}, csrf_from=f"/runs/{run_id}").status_code == 303
    with app.state.service.sessions() as db:
        application_id = db.scalar(select(Application.id).where(Application.run_id == run_id))
    assert vendor.post("/files", data={"csrf": re.search(r'name="csrf" value="([^"]+)"', vendor.get("/files").text)
                                       .group(1)}, files={"file": ("box.png", b"\x89PNG box photo", "image/png")}
                       ).status_code == 200
    return app, signed_in_again(app, "officer-a@example.com"), vendor, application_id, run_id, root


def test_an_officer_records_a_signed_assessment_and_the_run_takes_it(applied, caplog):
    app, officer, vendor, application_id, run_id, root = applied
    page = f"/officer/applications/{application_id}"
    review = officer.get(page + "?lang=en").text
    assert f'<li data-requirement="{MANUAL}">{MANUAL} (MUST): Needs assessment</li>' in review
    assert '<option value="box.png">box.png</option>' in review  # the organisation's uploads, as evidence
    assert "待评估" in officer.get(page + "?lang=zh").text
    caplog.set_level("INFO", logger="conformance.service.officers")
    form = {"requirement": MANUAL, "verdict": "pass", "reasoning": "The box and the first-run screen carry "
            "every warning in Chinese.", "evidence": "box.png"}
    future = post(officer, f"{page}/assess", {**form, "date": "2999-01-01"}, csrf_from=page)
    assert future.status_code == 400 and "2999-01-01 is in the future" in future.text  # the existing check
    unknown = post(officer, f"{page}/assess", {**form, "requirement": "TD-NOPE-999"}, csrf_from=page)
    assert unknown.status_code == 400 and "unknown requirement &#39;TD-NOPE-999&#39;" in unknown.text
    assert str(root) not in unknown.text  # the line names the record, not the service's folder
    assert post(vendor, f"{page}/assess", form, csrf_from="/products").status_code == 404
    assert post(officer, f"{page}/assess", {**form, "verdict": "maybe"}, csrf_from=page).status_code == 400
    done = post(officer, f"{page}/assess", form, csrf_from=page)
    assert done.status_code == 303, done.text
    assessor = fingerprint(load_private_key(root / "pilot" / "assessor.key").public_key())
    review = officer.get(page + "?lang=en").text
    assert f'data-requirement="{MANUAL}" data-verdict="pass"' in review and assessor in review
    assert f'<li data-requirement="{MANUAL}">{MANUAL} (MUST): Recorded assessments</li>' in review

    with app.state.service.sessions() as db:
        row = db.scalar(select(AssessmentRow).where(AssessmentRow.application_id == application_id))
        audit = db.execute(select(AuditRow.action, AuditRow.outcome).where(AuditRow.application_id == application_id)
                           .order_by(AuditRow.id)).all()
    assert [a for a, _ in audit] == ["assess", "assess", "assess"]
    assert audit[-1][1] == f"assessment {MANUAL} pass signed by {assessor}"
    assert [r.levelname for r in caplog.records if " assess application " in r.getMessage()] == [
        "WARNING", "WARNING", "INFO"]
    # the record in the existing format, signed as `keys sign-assessment` signs, read as a run reads it
    record = root / "service" / row.file
    assert record.name == f"{MANUAL}.dsse.json"
    catalog = app.state.service.certifying.catalog
    from conformance._run.plan import read_manifest
    from conformance.service.models import Version
    from conformance.service.products import manifest_path

    with app.state.service.sessions() as db:
        version = db.get(Version, db.get(Run, run_id).version_id)
    manifest, _ = read_manifest(manifest_path(root / "service", version), catalog)
    plan = load_plan(root / "pilot" / "plan.yaml", catalog)
    checked = load_assessment(record, catalog, manifest, plan.assessors)
    assert checked.signed_by == assessor and checked.record["assessor"]["name"] == "Li Wei"
    assert checked.record["evidence"][0]["description"] == "box.png" and len(checked.files) == 1

    queued = post(officer, f"{page}/assessed-run", {}, csrf_from=page)
    assert queued.status_code == 303
    with app.state.service.sessions() as db:
        assessed = db.get(Application, application_id).assessed_run_id
    assert assessed and assessed != run_id
    job, _, _ = app.state.service.worker._prepare(assessed)  # what the worker would run: the records taken
    assert job.assessments == (record,) and job.plan == plan.path
    assert '<span id="assessed-run" data-state="running">' in officer.get(page).text
    again = post(officer, f"{page}/assess", {**form, "verdict": "fail"}, csrf_from=page)
    assert again.status_code == 303  # a later record replaces the earlier; the run queued with it is forgotten
    with app.state.service.sessions() as db:
        assert db.get(Application, application_id).assessed_run_id is None
        assert db.scalars(select(AssessmentRow.verdict).where(AssessmentRow.application_id == application_id)
                          ).all() == ["fail"]
    assert post(officer, f"{page}/assessed-run", {}, csrf_from=page).status_code == 303
    with app.state.service.sessions() as db:
        assessed = db.get(Application, application_id).assessed_run_id
    with app.state.service.sessions.begin() as db:
        db.execute(update(Run).where(Run.id == assessed).values(status="finished", exit_code=0,
                                                                report_dir=str(root / "x" / "20261126T010000-0a0a0a")))
    # certify certifies the run that took the records (here not the programme's latest: declined, named)
    declined = post(officer, f"{page}/certify", {}, csrf_from=page)
    assert declined.status_code == 409 and "20261126T010000-0a0a0a" in declined.text


def test_the_review_page_says_whom_the_runs_laboratory_records_name(applied):
    _, officer, _, application_id, _, _ = applied
    review = officer.get(f"/officer/applications/{application_id}?lang=en").text
    assert f'<li data-signed="yes"><code>lab-record.json</code>: proof verified: signed by <code>{LAB_DID}</code>' \
        in review
    assert '<li data-signed="no"><code>forged.json</code>: not verified (the proof does not verify)' in review
    assert "files/turn.ndjson: forged.json: the proof does not verify" in review
    assert "实验室记录" in officer.get(f"/officer/applications/{application_id}?lang=zh").text


def test_an_assessor_key_the_plan_does_not_list_is_one_line_at_start(tmp_path):
    programme, _ = programme_with_assessor(tmp_path / "pilot")
    generate_keys(tmp_path / "other.key")
    with pytest.raises(HarnessInputError, match="not an assessor the programme's plan lists"):
        create_app(load_config(tmp_path / "service", programme=programme, assessor_key=tmp_path / "other.key"))


def test_laboratory_records_are_named_as_uploaded_files(tmp_path):
    """A manifest's laboratory_records target names the organisation's uploads as files/NAME."""
    manifest = yaml.safe_dump({
        "product": {"name": "Gaze", "version": "1.0", "vendor": "Me"}, "profiles": ["terminal-eye-gaze"],
        "targets": {"captures": {"adapter": "file", "paths": ["files/gaze.ndjson"]},
                    "laboratory_records": {"adapter": "file", "paths": ["files/lab-record.json"]}}})
    problem, placed = manifest_problem(tmp_path, manifest, tmp_path / "uploads" / "org")
    assert problem is None
    assert yaml.safe_load(placed)["targets"]["laboratory_records"]["paths"] == [
        str((tmp_path / "uploads" / "org" / "lab-record.json").absolute())]


def test_without_assessors_in_the_plan_the_record_is_unsigned_and_names_the_officer(tmp_path):
    from conformance.service import assessing
    from conformance.service.certifying import ServiceProgramme
    from conformance.service.models import Version
    from conformance.service.products import manifest_path
    from tests.service.test_service_officers import programme_file

    config = load_config(tmp_path / "service", programme=programme_file(tmp_path / "pilot", MANIFEST))
    certifying = ServiceProgramme(config)
    version = Version(id="0123456789abcdef", product_id="p", version="1.0.0", manifest=MANIFEST)
    manifest_path(config.folder, version).parent.mkdir(parents=True)
    manifest_path(config.folder, version).write_text(MANIFEST, encoding="utf-8")
    application = Application(id="fedcba9876543210", organisation_id="o")
    given = assessing.Recording(requirement=MANUAL, verdict="not_applicable", reasoning="It has no display.")
    with pytest.raises(HarnessInputError, match="without a not_applicable_reason"):  # the existing check
        assessing.record(config, certifying, application, version, given, "officer@example.org")
    assert not list((config.folder / "assessments" / application.id).iterdir())  # nothing kept
    path, signed_by = assessing.record(config, certifying, application, version, assessing.Recording(
        requirement=MANUAL, verdict="not_applicable", reasoning="r", not_applicable_reason="no display"),
        "officer@example.org")
    assert signed_by is None and path.name == f"{MANUAL}.json"
    assert orjson.loads(path.read_bytes())["assessor"] == {"name": "officer@example.org",
                                                           "organisation": "Service pilot"}
