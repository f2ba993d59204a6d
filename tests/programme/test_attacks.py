"""A dishonest participant against a programme (issue 44): with write access to the shared
run folder only (what a Dask deployment's workers need), or to the history database only.
Each attack is reproduced and refused: a forged or edited run folder is recorded
``rejected`` with the reason and never certified, a certificate naming it does not verify;
rows inserted into the history certify nothing, because certify reads the signed report in
the participant's own folder. The honest participant stays certified throughout."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from conformance.certification.attestation import ENVELOPE_NAME, generate_keys, load_private_key
from conformance.cli import main
from conformance.programme import runner, signing
from conformance.programme.certformat import timestamp
from conformance.programme.history import History, RunRecord, open_history
from conformance.programme.runner import JOB_FILE, new_run_id
from conformance.programme.spec import load_programme
from tests.conftest import fixture_path

from .test_certificates import SITE, _terminal_manifest
from .test_programme import HEADSET_CAPTURES, programme_file, write

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


@pytest.fixture(scope="module")
def programme(tmp_path_factory) -> Path:
    """A signed programme run: headset (conformant, certified) and dropper, the attacker (not
    conformant: a pose whose orientation is not a unit quaternion, TD-POSE-001). The folder: programme.yaml, program.key, out/."""
    from tests.conftest import shipped_catalog

    folder = tmp_path_factory.mktemp("programme-attacks")
    generate_keys(folder / "program.key")
    write(folder / "plan.yaml", {"id": "round-1", "version": "3", "program": "Test",
                                 "catalog_digest": shipped_catalog().digest, "profiles": {"terminal-hmd-6dof": {}}})
    shutil.copy(fixture_path("terminal", "cap-denormalized.ndjson"), folder / "dropped.ndjson")
    participants = [
        {"id": "headset", "manifest": _terminal_manifest(folder, "headset", HEADSET_CAPTURES)},
        {"id": "dropper", "manifest": _terminal_manifest(folder, "dropper", ["dropped.ndjson"])},
    ]
    path = programme_file(folder, participants, plan="plan.yaml", signing_key="program.key", site_url=SITE)
    assert main(["programme", "run", str(path), "--out", str(folder / "out"), "--no-interop"]) == 0
    assert main(["programme", "certify", str(path), "--out", str(folder / "out")]) == 0
    assert sorted(p.name for p in (folder / "out" / "certificates").glob("*.json")) == ["headset-0.json",
                                                                                       "issuers.json"]
    return folder


def _history(folder: Path) -> History:
    return open_history(load_programme(folder / "programme.yaml", _catalog()))


def _latest(folder: Path, participant: str) -> dict:
    with _history(folder) as history:
        run = history.latest_run(participant)
    assert run is not None
    return run


def _certify(folder: Path, participant: str, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["programme", "certify", str(folder / "programme.yaml"), "--out", str(folder / "out"),
                 "--participant", participant])
    return code, " ".join(capsys.readouterr().out.split())  # the console wraps long lines


def _forge(folder: Path, participant: str, *, attestation: bool, edit_report: bool) -> Path:
    """Copy headset's conformant run into ``participant``'s folder under a new run ID, with
    job.json saying so; the report's product edited to the participant's (or not); the
    attestation deleted (or kept)."""
    # headset's first run, the signed conformant one: a test before this one (in this worker's
    # order) may have recorded a forged, rejected run of headset's since
    with _history(folder) as history:
        first = next(r for r in history.runs("headset") if r["kind"] == "participant")
    source = Path(first["report_dir"])
    run_id = new_run_id()
    forged = folder / "out" / participant / run_id
    shutil.copytree(source, forged)
    job = orjson.loads((forged / JOB_FILE).read_bytes())
    (forged / JOB_FILE).write_bytes(orjson.dumps({**job, "run_id": run_id, "participant": participant}))
    if edit_report:
        report = orjson.loads((forged / "report.json").read_bytes())
        report["manifest"]["product"]["name"] = participant
        (forged / "report.json").write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    if not attestation:
        (forged / ENVELOPE_NAME).unlink()
    (forged / runner.PID_FILE).unlink(missing_ok=True)
    return forged


def _certificate_for(folder: Path, forged: Path, participant: str) -> Path:
    """A certificate naming the forged run, signed by the programme's key (as certify issued
    one before it checked the run's signature)."""
    out = folder / "out"
    cert = orjson.loads((out / "certificates" / "headset-0.json").read_bytes())
    report = orjson.loads((forged / "report.json").read_bytes())
    cert.pop("proof")
    subject = cert["credentialSubject"]
    subject["participant"] = participant
    subject["product"] = {k: v for k, v in report["manifest"]["product"].items() if k in ("name", "version", "vendor")}
    subject["report"] = {"id": SITE + (forged / "report.json").relative_to(out).as_posix(), "run": forged.name,
                         "sha256": hashlib.sha256((forged / "report.json").read_bytes()).hexdigest()}
    key = load_private_key(folder / "program.key")
    path = out / "certificates" / f"forged-{forged.name}.json"
    path.write_bytes(orjson.dumps(signing.add_proof(cert, key, cert["validFrom"])))
    return path


@pytest.mark.parametrize(("attestation", "edit_report", "reason", "verify_reason"), [
    (False, True, f"a whole run without its attestation ({ENVELOPE_NAME})", "has no attestation"),
    (True, True, "its attestation does not hold: subject report.json does not match its signed sha256",
     "the run's attestation does not hold"),
    # the rival's signed run as it is, in the attacker's folder: the signature holds, the
    # product is not the attacker's (a certificate naming it would tell the truth about the
    # product: verify cannot know whose folder it was, certify does)
    (True, False, "its report judged the product headset 2.1", None),
])
def test_a_run_folder_forged_for_another_participant_is_rejected_and_never_certified(
        programme, capsys, attestation, edit_report, reason, verify_reason):
    """Write access to the run folder only: a conformant run copied to the attacker's folder,
    job.json edited, the report's product edited (or not), the attestation deleted (or kept).
    The next `programme run` recovers it as `rejected` with the reason, certify refuses it,
    and a certificate naming the edited run (as an earlier certify issued) does not verify."""
    forged = _forge(programme, "dropper", attestation=attestation, edit_report=edit_report)
    assert main(["programme", "run", str(programme / "programme.yaml"), "--out", str(programme / "out"),
                 "--no-interop"]) == 0
    run = _latest(programme, "dropper")
    assert run["run_id"] == forged.name
    assert run["status"] == "rejected" and reason in run["detail"], run["detail"]
    assert run["outcomes"] == {} and run["report_sha256"] is None  # nothing it says is believed
    code, said = _certify(programme, "dropper", capsys)
    assert code == 1 and "not certified dropper" in said and "rejected" in said, said
    assert not list((programme / "out" / "certificates").glob("dropper-*"))
    if verify_reason:
        certificate = _certificate_for(programme, forged, "dropper")
        assert main(["verify", str(certificate), "--trust", str(programme / "program.key.pub")]) == 1
        said = capsys.readouterr().out
        assert said.startswith("rejected: ") and len(said.strip().splitlines()) == 1, said
        assert verify_reason in said, said


def test_a_report_edited_while_the_run_is_recorded_is_rejected(programme):
    """Recording, not only recovery: the folder a worker writes is checked before the run is
    believed. A report edited after signing is recorded rejected, without outcomes."""
    forged = _forge(programme, "headset", attestation=True, edit_report=False)
    report = orjson.loads((forged / "report.json").read_bytes())
    report["profiles"][0]["outcome"] = "conformant"
    report["exit_code"] = 0
    (forged / "report.json").write_bytes(orjson.dumps(report))
    programme_ = load_programme(programme / "programme.yaml", _catalog())
    with _history(programme) as history:
        record = runner.record_run(history, programme_, RunRecord(
            run_id=forged.name, programme=programme_.id, kind="participant", participant="headset",
            report_dir=forged, status="finished", exit_code=0))
        assert record.status == "rejected" and "attestation does not hold" in record.detail, record
        (row,) = [r for r in history.runs("headset") if r["run_id"] == forged.name]
        assert row["status"] == "rejected" and row["complete"] == 0


def test_an_inserted_conformant_outcome_for_a_failing_run_certifies_nothing(programme, capsys):
    """Write access to the database only: a run row for the attacker's own failing run (its
    folder, report and sha256) with a `conformant` outcome. The row is not in the programme log,
    so certify does not believe it; and even believed, certify reads the outcome from the
    signed report, in the run's own folder, and refuses."""
    failing = next(r for r in _runs(programme, "dropper") if r["status"] == "finished")
    run_id = new_run_id()
    _insert(programme, {**failing, "run_id": run_id}, {"terminal-hmd-6dof": "conformant"})
    code, said = _certify(programme, "dropper", capsys)
    assert code == 1 and "not certified dropper" in said, said
    assert f"its latest run {run_id} is not in the programme log" in said, said
    assert "not in its own folder" in _why_refused(programme, _latest(programme, "dropper"))
    # the failing run itself, with its outcome read from its signed report: not conformant
    assert "terminal-hmd-6dof not_conformant" in _why_refused(programme, failing)
    assert not list((programme / "out" / "certificates").glob("dropper-*"))


def test_an_inserted_run_pointing_at_a_rivals_report_certifies_nothing(programme, capsys):
    """Write access to the database only: a run row for the attacker pointing at the rival's
    conformant report folder (with its sha256 and a `conformant` outcome) yields no
    certificate naming the rival's product."""
    rival = next(r for r in _runs(programme, "headset") if r["status"] == "finished")
    _insert(programme, {**rival, "run_id": new_run_id(), "participant": "dropper"}, {"terminal-hmd-6dof": "conformant"})
    code, said = _certify(programme, "dropper", capsys)
    assert code == 1 and "not certified dropper" in said and "is not in the programme log" in said, said
    assert "not in its own folder" in _why_refused(programme, _latest(programme, "dropper"))
    assert not list((programme / "out" / "certificates").glob("dropper-*"))


def test_the_honest_participant_stays_certified(programme, capsys):
    """After every attack above: the honest certificate verifies, with its run's attestation,
    and verify names the participant, the programme and the plan."""
    capsys.readouterr()
    assert main(["verify", str(programme / "out" / "certificates" / "headset-0.json"), "--trust",
                 str(programme / "program.key.pub")]) == 0
    said = capsys.readouterr().out
    assert "participant: headset" in said, said
    assert "programme: Test round (test-round, " + SITE + ")" in said, said
    assert "certification plan: round-1 version 3 of Test" in said, said
    assert "the run's attestation: signed by sha256:" in said, said
    assert not list((programme / "out" / "certificates").glob("dropper-*"))


# --- helpers -------------------------------------------------------------------------------


def _catalog():
    from tests.conftest import shipped_catalog

    return shipped_catalog()


def _runs(folder: Path, participant: str) -> list[dict]:
    with _history(folder) as history:
        return history.runs(participant)


def _insert(folder: Path, row: dict, outcomes: dict[str, str]) -> None:
    """Rows inserted behind the programme's back (the history refuses updates, not inserts)."""
    row = {k: v for k, v in row.items() if k != "seq"}
    row["recorded"] = timestamp(datetime.now(UTC))
    with _history(folder) as history:
        columns = ", ".join(row)
        history.execute(f"INSERT INTO runs ({columns}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
        for profile, outcome in outcomes.items():
            history.execute("INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, ?)",
                            (row["run_id"], profile, outcome))


def _why_refused(folder: Path, run: dict) -> str:
    from conformance.certification.plans import load_plan
    from conformance.programme.certify import eligibility
    from conformance.programme.trust import programme_keys

    programme_ = load_programme(folder / "programme.yaml", _catalog())
    with _history(folder) as history:
        outcomes = {r["profile"]: r["outcome"] for r in history.rows(
            "SELECT profile, outcome FROM outcomes WHERE run_id = ?", (run["run_id"],))}
    why = eligibility(programme_, load_plan(programme_.plan, _catalog()), run["participant"],
                      {**run, "outcomes": outcomes}, folder / "out", programme_keys(programme_))
    assert isinstance(why, str)
    return why
