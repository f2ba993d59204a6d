"""Issue 46: the example cohort certifies both its participants by the documented commands;
a participant's signed assessment records reach its runs from the programme file; a run that
does not finish names its profile, requirements, reason and report on the programme's console
and on the site (en, zh), and its console.log keeps the run's whole console."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.cli import main
from conformance.errors import HarnessInputError
from conformance.programme import runner
from conformance.programme.spec import load_programme
from conformance.reference import trust_anchor
from tests.conftest import shipped_catalog
from tests.paths import ROOT
from tests.walkthroughs import EXAMPLES, run_as_written, sh_block

from .conftest import new_database
from .test_programme import HEADSET_CAPTURES


def write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def pinned_plan(folder: Path) -> Path:
    """The example plan (it lists the example assessor), pinned to this harness's catalog."""
    text = (EXAMPLES / "certification" / "plan.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^catalog_digest: .*$", f"catalog_digest: {shipped_catalog().digest}", text)
    return write_text(folder / "plan.yaml", text)


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def headset_manifest(folder: Path) -> Path:
    return write(folder / "headset.yaml", {
        "product": {"name": "Example Headset", "version": "fw-3.2.0", "vendor": "Example XR"},
        "profiles": ["terminal-hmd-6dof"],
        "targets": {"captures": {"adapter": "file", "paths": HEADSET_CAPTURES}},
    })


# --- assessments in the programme file ---------------------------------------------------------


def test_a_participant_names_its_assessments_and_its_runs_take_them(tmp_path):
    headset_manifest(tmp_path)
    record = EXAMPLES / "certification" / "assessment-td-safe-001.dsse.json"
    path = write(tmp_path / "programme.yaml", {"id": "p", "title": "P", "participants": [
        {"id": "headset", "manifest": "headset.yaml", "assessments": [str(record)]},
        {"id": "other", "manifest": "headset.yaml"}]})
    programme = load_programme(path, shipped_catalog())
    assert programme.participant("headset").assessments == (record,)
    assert programme.participant("other").assessments == ()
    job = runner.Job(kind="participant", participant="headset", manifest=tmp_path / "headset.yaml",
                     folder=tmp_path / "out", assessments=programme.participant("headset").assessments)
    command = runner.command(job, programme)
    assert command[command.index("--assessment") + 1] == str(record)
    assert "--quiet" not in command  # console.log keeps the run's whole console


def test_an_assessment_that_is_not_there_refuses_the_programme(tmp_path):
    headset_manifest(tmp_path)
    path = write(tmp_path / "programme.yaml", {"id": "p", "title": "P", "participants": [
        {"id": "headset", "manifest": "headset.yaml", "assessments": ["nowhere.dsse.json"]}]})
    with pytest.raises(HarnessInputError) as raised:
        load_programme(path, shipped_catalog())
    assert "$.participants[0].assessments[0]" in raised.value.where and "does not exist" in str(raised.value)


def test_the_example_cohort_names_its_signed_assessments(tmp_path):
    """Its participants' records, commented with the plan they go with (`conformance programme
    init` switches them on): without the plan the example cohort runs as it did."""
    text = (EXAMPLES / "programme" / "programme.yaml").read_text(encoding="utf-8")
    shipped = load_programme(EXAMPLES / "programme" / "programme.yaml", shipped_catalog())
    assert all(p.assessments == () for p in shipped.participants)
    (tmp_path / "programme").mkdir()
    shutil.copytree(EXAMPLES / "certification", tmp_path / "certification")
    for name in ("device-export.yaml", "platform.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    uncommented = write_text(tmp_path / "programme" / "programme.yaml",
                             re.sub(r"(?m)^    # assessments: ", "    assessments: ", text))
    programme = load_programme(uncommented, shipped_catalog())
    for participant in programme.participants:
        [record] = participant.assessments
        assert record.name.endswith(".dsse.json") and record.is_file()


# --- causes where people look ---------------------------------------------------------------


@pytest.mark.slow
def test_an_incomplete_run_names_its_profile_requirement_reason_and_report(tmp_path, capsys):
    """Under the example plan, a headset without its assessment of TD-SAFE-001 is incomplete:
    the programme's console, the run's console.log and the site (en and zh) say why."""
    headset_manifest(tmp_path)
    pinned_plan(tmp_path)
    path = write(tmp_path / "programme.yaml", {"id": "p", "title": "P", "plan": "plan.yaml",
                                               "participants": [{"id": "headset", "manifest": "headset.yaml"}]})
    out = tmp_path / "out"
    assert main(["programme", "run", str(path), "--out", str(out)]) == 3
    said = capsys.readouterr().err
    [folder] = (out / "headset").iterdir()
    assert "incomplete" in said
    assert "terminal-hmd-6dof incomplete: TD-SAFE-001 inconclusive (manual: needs assessment by a person)" in said
    assert f"report: {folder / 'report.html'}" in said and f"console: {folder / 'console.log'}" in said
    assert f"see {folder / 'console.log'}" in said  # the recorded reason names the log's path
    console = (folder / "console.log").read_text(encoding="utf-8")
    assert "TD-SAFE-001" in console and "Certification plan" in console and "Blocking" in console
    assert "11 passed, 0 failed, 1 inconclusive" in console  # the count line, after the rest
    assert main(["programme", "site", str(path), "--runs", str(out)]) == 0
    en = (out / "site" / "en" / "participants" / "headset.html").read_text(encoding="utf-8")
    zh = (out / "site" / "zh" / "participants" / "headset.html").read_text(encoding="utf-8")
    assert "terminal-hmd-6dof incomplete: TD-SAFE-001 inconclusive (manual: needs assessment by a person)" in en
    assert 'href="../../../out/headset/' in en or "console.log</a>" in en
    assert "terminal-hmd-6dof 未完成：TD-SAFE-001 不确定（manual：需由人员评估）" in zh
    assert "运行未能完成（见 console.log）" in zh and "the run could not complete" not in zh
    assert str(tmp_path) not in en + zh  # no path of the operator's machine on a published page
    assert "console.log</a>" in zh


# --- the documented example -----------------------------------------------------------------


@pytest.mark.slow
def test_the_example_cohort_certifies_both_participants_as_documented(tmp_path, reference_tls_url, request):
    """docs/programme.md's "Certifying the example cohort", as written: `programme init` makes
    the working folder, the platform's API served by the reference implementation (its URL in
    the folder's platform manifest instead of port 8080); every path the relying party's table
    names exists afterwards, and the checkout is left as it was.

    Where a PostgreSQL server can be started (tests/programme/conftest.py), the programme
    file's commented PostgreSQL history line is set to a database of it, as the walkthrough's
    comment offers: both participants finish and are certified with the history on the server,
    whose runs are read back, and no history is written beside the programme file. One
    walkthrough (some twenty commands, each a process) serves both backends' promises: the
    SQLite history is every other programme test's."""
    try:
        server: str | None = request.getfixturevalue("postgresql")
    except pytest.skip.Exception:
        server = None  # not installed here: the history is the default SQLite file
    database = new_database(server, "example_cohort") if server else None
    folder = certify_example_cohort(tmp_path, reference_tls_url, database=database)
    if database:
        from conformance.programme.history import History

        with History(database) as history:
            runs = {r["participant"]: r for r in history.runs()}
        assert {p: (r["status"], r["exit_code"]) for p, r in runs.items()} == {
            "example-headset": ("finished", 0), "example-platform": ("finished", 0)}
        assert not list(folder.glob("*.sqlite"))  # no history beside the programme file
    doc = (ROOT / "docs" / "programme.md").read_text(encoding="utf-8")
    table = doc[doc.index("**What a relying party gives `verify`**"):].split("\n\n")[1]
    named = [row.rsplit("|", 2)[1].strip().strip("`") for row in table.splitlines()[2:]]
    assert len(named) == 4 and all(not path.startswith("/") for path in named), named
    assert [path for path in named if not (folder / path).exists()] == []
    assert not (folder / "program.key.pub").read_text(encoding="utf-8").startswith("-----BEGIN PRIVATE")


#: run by the walkthrough's `conformance programme init DIR`, right after it (the test's own
#: edits of the working folder, never of the checkout): the platform's URL, the test CA its
#: `conformance serve --ca-file reports/reference-ca.pem` would write, the history's place
ADJUST = """
import pathlib, shutil, sys
folder, url, database, ca = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
platform = folder / "platform.yaml"
text = platform.read_text()
assert "https://127.0.0.1:8080" in text and "ca_bundle: reports/reference-ca.pem" in text, text
platform.write_text(text.replace("https://127.0.0.1:8080", url))
(folder / "reports").mkdir(exist_ok=True)
shutil.copy(ca, folder / "reports" / "reference-ca.pem")
if database:
    programme = folder / "programme.yaml"
    text = programme.read_text()
    line = next(l for l in text.splitlines() if l.startswith("# database: postgresql"))
    programme.write_text(text.replace(line, "database: " + database))
"""


def certify_example_cohort(tmp_path: Path, reference_url: str, database: str | None = None) -> Path:
    """The documented commands, as the test above says; ``database``: the history's URL, in
    place of the programme file's commented PostgreSQL line (the history on a server). Returns
    the walkthrough's working folder, which holds the key, the history and the reports.
    ``reference_url``: the reference served over TLS; its test CA is written where the
    walkthrough's `conformance serve --ca-file` would (the manifest's ca_bundle)."""
    doc = (ROOT / "docs" / "programme.md").read_text(encoding="utf-8")
    section = doc[doc.index("### Certifying the example cohort"):]
    commands = "\n".join(line for line in sh_block(section).splitlines() if not line.startswith("conformance serve"))
    adjust = tmp_path / "adjust.py"
    adjust.write_text(ADJUST, encoding="utf-8")
    url = reference_url.rstrip("/")
    home = tmp_path / "home"  # where the walkthrough's ~/pilot-round-1 is made
    done = run_as_written(commands, cwd=tmp_path, home=home, timeout=900, env={"COLUMNS": "200"},
                          after_each=f'  if [ "$1 $2" = "programme init" ]; then "{sys.executable}" "{adjust}" "$3" '
                                     f'"{url}" "{database or ""}" "{trust_anchor()}"; fi\n')
    said = done.stdout + done.stderr
    assert not list(EXAMPLES.rglob("program.key*"))
    folder = home / "pilot-round-1"
    assert (folder / "program.key").is_file() and (folder / "programme.yaml").is_file()
    assert re.search(r"example-headset\s+finished\s+exit 0", said), said[-4000:]
    assert re.search(r"example-platform\s+finished\s+exit 0", said), said[-4000:]
    assert "certified example-headset" in said and "certified example-platform" in said
    assert "not certified" not in said
    certificates = folder / "reports" / "certificates"
    assert len(list(certificates.glob("example-headset-*.json"))) == 1
    assert len(list(certificates.glob("example-platform-*.json"))) == 1
    for participant in ("example-headset", "example-platform"):
        [run] = (folder / "reports" / participant).iterdir()
        report = json.loads((run / "report.json").read_text(encoding="utf-8"))
        assert report["complete"] and report["exit_code"] == 0
        judged = {r["requirement"]: r for r in report["requirements"]}
        assert judged["TD-SAFE-001"]["verdict"] == "pass" and judged["TD-SAFE-001"]["assessment"]
        if participant == "example-platform":  # the validator's feature not claimed: not applicable, saying so
            assert judged["SC-TILE-006"]["verdict"] == "not_applicable"
            assert "whole-specification" in judged["SC-TILE-006"]["message"]
    return folder
