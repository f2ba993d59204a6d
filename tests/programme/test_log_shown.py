"""What the programme shows is what its log says (issue 44): a row INSERTed into the history
behind the programme's back (a run, a conformant outcome, a certificate, a revocation) is left
out of `conformance programme status | runs | certificates` and of the site, which name how many
rows differ (a warning line, a notice in en and zh); a history older than the log is shown with
a notice that it is unlogged. And the issuers record published beside the status list is signed:
`conformance verify` refuses one edited, unsigned or signed by a key it does not trust."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import orjson
import pytest

from conformance.certification.attestation import generate_keys
from conformance.cli import main
from conformance.programme import signing
from conformance.programme.certformat import ISSUERS
from conformance.programme.history import open_history
from conformance.programme.runner import new_run_id
from conformance.programme.spec import load_programme
from tests.conftest import once_per_session

from .test_certificates import headset_and_dropper

pytestmark = pytest.mark.slow  # a programme run (two participant processes) and a certify

WARNED = "rows of the history are not in the programme log: see `conformance programme audit PROGRAMME`"


def certified_programme(tmp_path_factory, catalog) -> Path:
    """The folder of a signed programme run (headset conformant, dropper not) in which headset
    was then certified, made once for the session (a programme run is two participant
    processes, a certify signs and publishes: about two seconds of CPU) and shared by this
    module and test_log_checkpoint_verify. Read only: whoever changes it works on a copy of its
    own. It is run and certified in one folder because certify takes only a run recorded in the
    programme's own folder (a copy's history names the original's)."""

    def make(folder: Path) -> dict[str, str]:
        path = headset_and_dropper(folder, catalog, "--no-interop", version="3")
        assert main(["programme", "certify", str(path), "--out", str(folder / "out"), "--participant", "headset"]) == 0
        return {"folder": str(folder)}

    return Path(once_per_session(tmp_path_factory, "log-programme-certified", make)["folder"])


@pytest.fixture(scope="module")
def honest(tmp_path_factory, catalog) -> Path:
    """A signed programme run and certified: headset (conformant, one certificate) and dropper
    (not). Shared by the session: the tests copy it (:func:`programme`)."""
    return certified_programme(tmp_path_factory, catalog)


@pytest.fixture
def programme(honest, tmp_path) -> Path:
    """A copy of the honest programme for one test to tamper with."""
    copy = tmp_path / "programme"
    shutil.copytree(honest, copy)
    return copy


def _execute(folder: Path, catalog, sql: str, params: tuple) -> None:
    with open_history(load_programme(folder / "programme.yaml", catalog)) as history:
        history.execute(sql, params)


def _rows(folder: Path, catalog, sql: str) -> list[dict]:
    with open_history(load_programme(folder / "programme.yaml", catalog)) as history:
        return history.rows(sql)


def _query(folder: Path, capsys, command: str) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["programme", command, str(folder / "programme.yaml")]) == 0
    said = capsys.readouterr()
    return said.out, " ".join(said.err.split())


def _site(folder: Path, capsys) -> tuple[str, str, str, str]:
    """The site's English and Chinese overview, headset's English page, and the console's stderr."""
    capsys.readouterr()
    assert main(["programme", "site", str(folder / "programme.yaml"), "--runs", str(folder / "out")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    site = folder / "out" / "site"
    return ((site / "en" / "index.html").read_text(), (site / "zh" / "index.html").read_text(),
            (site / "en" / "participants" / "headset.html").read_text(), err)


def _headset_run(folder: Path, catalog) -> dict:
    return _rows(folder, catalog, "SELECT * FROM runs WHERE participant = 'headset' ORDER BY seq DESC")[0]


def test_an_honest_programme_shows_every_row_and_no_warning(programme, catalog, capsys):
    run = _headset_run(programme, catalog)
    out, err = _query(programme, capsys, "runs")
    assert run["run_id"] in out and "warning" not in err, err
    out, err = _query(programme, capsys, "certificates")
    assert out.count("urn:uuid:") == 1 and not err, err
    index, zh, page, err = _site(programme, capsys)
    assert 'id="log-notice"' not in index + zh + page and not err.startswith("warning"), err
    assert f'data-run="{run["run_id"]}"' in page


def test_an_inserted_run_row_is_not_shown(programme, catalog, capsys):
    row = {k: v for k, v in _headset_run(programme, catalog).items() if k != "seq"}
    run_id = new_run_id()
    row.update(run_id=run_id, status="crashed", exit_code=None)
    _execute(programme, catalog, f"INSERT INTO runs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
             tuple(row.values()))
    for command in ("runs", "status"):
        out, err = _query(programme, capsys, command)
        assert run_id not in out and "crashed" not in out, out
        assert err == f"warning: 1 {WARNED}", err
    index, zh, page, err = _site(programme, capsys)
    assert run_id not in page and "crashed" not in index, page
    assert f"warning: 1 {WARNED}" in err, err
    assert 'id="log-notice"' in index and "1 rows of the programme&#39;s history are not in its signed log" in index
    assert "项目历史记录中有 1 行不在其签名日志中" in zh and 'id="log-notice"' in page


def test_an_inserted_conformant_outcome_is_not_shown(programme, catalog, capsys):
    dropper = _rows(programme, catalog, "SELECT run_id FROM runs WHERE participant = 'dropper'")[-1]["run_id"]
    _execute(programme, catalog, "INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, ?)",
             (dropper, "web-viewer-basic", "conformant"))
    out, err = _query(programme, capsys, "status")
    assert "web-viewer-basic" not in out and err == f"warning: 1 {WARNED}", (out, err)
    index, zh, _, err = _site(programme, capsys)
    assert 'data-profile="web-viewer-basic"' not in index and 'data-profile="web-viewer-basic"' not in zh
    assert "terminal-hmd-6dof" in index and 'id="log-notice"' in index


def test_an_inserted_certificate_row_is_not_shown(programme, catalog, capsys):
    run = _headset_run(programme, catalog)
    _execute(programme, catalog, "INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer,"
             " issued, valid_until, file, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             (41, "urn:uuid:shadow", "headset", run["run_id"], "did:key:z", "2026-01-01T00:00:00Z",
              "2099-01-01T00:00:00Z", "certificates/headset-41.json", "0" * 64))
    out, err = _query(programme, capsys, "certificates")
    assert "urn:uuid:shadow" not in out and out.count("urn:uuid:") == 1 and err == f"warning: 1 {WARNED}", err
    _, _, page, _ = _site(programme, capsys)
    assert "urn:uuid:shadow" not in page and page.count('data-certificate="urn:uuid:') == 1


def test_an_inserted_revocation_is_not_shown(programme, catalog, capsys):
    (certificate,) = _rows(programme, catalog, "SELECT certificate_id FROM certificates")
    _execute(programme, catalog, "INSERT INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)",
             (certificate["certificate_id"], "2026-01-02T00:00:00Z", "forged-revocation"))
    out, err = _query(programme, capsys, "certificates")
    assert "forged-revocation" not in out and certificate["certificate_id"] in out
    assert err == f"warning: 1 {WARNED}", err
    _, _, page, _ = _site(programme, capsys)
    assert "forged-revocation" not in page and 'class="fail"' not in page


def test_a_history_older_than_the_log_is_shown_with_a_notice_that_it_is_unlogged(programme, catalog, capsys):
    shutil.rmtree(programme / "programme.history.log")
    run = _headset_run(programme, catalog)
    out, err = _query(programme, capsys, "runs")
    assert run["run_id"] in out and "the history predates the programme log" in err, err
    index, zh, _, _ = _site(programme, capsys)
    assert "recorded before its signed log existed" in index and "本项目的历史记录早于其签名日志" in zh


# -- the issuers record -------------------------------------------------------------------------


def _verify(programme: Path, capsys, issuers: Path) -> tuple[int, str]:
    (certificate,) = (programme / "out" / "certificates").glob("headset-*.json")
    capsys.readouterr()
    code = main(["verify", str(certificate), "--trust", str(programme / "program.key.pub"), "--issuers", str(issuers)])
    return code, " ".join(capsys.readouterr().out.split())


def test_the_issuers_record_is_signed_and_verify_refuses_it_altered_unsigned_or_untrusted(programme, capsys):
    published = programme / "out" / "certificates" / ISSUERS
    record = orjson.loads(published.read_bytes())
    assert signing.check_proof(record) == record["current"]
    code, said = _verify(programme, capsys, published)
    assert code == 0, said
    edited = programme / "edited.json"  # a retirement added (or left out) by whoever hosts the file
    edited.write_bytes(orjson.dumps({**record, "retired": ["did:key:zother"]}))
    code, said = _verify(programme, capsys, edited)
    assert code == 1 and "the issuers record" in said and "does not verify: the document was altered" in said, said
    unsigned = programme / "unsigned.json"
    unsigned.write_bytes(orjson.dumps({k: v for k, v in record.items() if k != "proof"}))
    code, said = _verify(programme, capsys, unsigned)
    assert code == 1 and "the issuers record" in said and "no proof" in said, said
    generate_keys(programme / "other.key")
    from conformance.certification.attestation import load_private_key

    other = load_private_key(programme / "other.key", "key")
    did = signing.issuer_did(other.public_key())
    stranger = programme / "stranger.json"
    body = {k: v for k, v in record.items() if k != "proof"}
    stranger.write_bytes(orjson.dumps(signing.add_proof({**body, "issuer": did}, other, "2026-01-01T00:00:00Z")))
    code, said = _verify(programme, capsys, stranger)
    assert code == 1 and f"is signed by {did}, not by a trusted programme key" in said, said
    shutil.copy(unsigned, published)  # found beside the certificate, the default, likewise
    (certificate,) = (programme / "out" / "certificates").glob("headset-*.json")
    capsys.readouterr()
    assert main(["verify", str(certificate), "--trust", str(programme / "program.key.pub")]) == 1
    assert "no proof" in capsys.readouterr().out


def _rates(index: str) -> dict[str, str]:
    return dict(re.findall(r'data-requirement="([^"]+)" data-failed="(\d+)"', index))


def test_an_inserted_run_with_failing_verdicts_does_not_change_the_failure_rates(programme, catalog, capsys):
    """headset's latest whole run replaced, in the history, by an inserted one failing every
    requirement: the failure-rate table counts the logged run's verdicts, not the inserted ones."""
    before = _rates(_site(programme, capsys)[0])
    assert before and set(before.values()) != {"2"}
    row = {k: v for k, v in _headset_run(programme, catalog).items() if k != "seq"}
    verdicts = _rows(programme, catalog, f"SELECT * FROM verdicts WHERE run_id = '{row['run_id']}'")
    run_id = new_run_id()
    row.update(run_id=run_id)
    _execute(programme, catalog, f"INSERT INTO runs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
             tuple(row.values()))
    for verdict in verdicts:
        _execute(programme, catalog, "INSERT INTO verdicts (run_id, profile, requirement, verdict, parameters)"
                 " VALUES (?, ?, ?, ?, ?)", (run_id, verdict["profile"], verdict["requirement"], "fail",
                                             verdict["parameters"]))
    index, _, page, err = _site(programme, capsys)
    assert _rates(index) == before and run_id not in page, err
    assert f"warning: 2 {WARNED}" in err, err  # the run row and its verdict rows (audit: one line each)
