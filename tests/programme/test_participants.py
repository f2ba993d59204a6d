"""A programme's participants stay apart (issue 44): one participant's credentials never reach
another participant's server, even in a pair run that judges both in one process; and a
participant runs as the product it registered, no other."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conformance.certification.attestation import generate_keys
from conformance.cli import main
from conformance.programme import runner
from conformance.programme.history import History
from conformance.programme.interop import pair_jobs
from conformance.programme.spec import load_programme

from .test_programme import HEADSET_CAPTURES, programme_file, write

VICTIM_SECRET = "victim-secret-4b1d"
THIEF_SECRET = "thief-secret-77aa"


class Recorder:
    """A small HTTP server on a free port of 127.0.0.1 that answers 404 to everything and
    keeps every header value it was sent."""

    def __init__(self) -> None:
        seen = self.seen = []  # type: list[str]

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                seen.extend(f"{k}: {v}" for k, v in self.headers.items())
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    seen.append(self.rfile.read(length).decode("latin-1"))
                body = b'{"error": "not found"}'
                self.send_response(404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.close()


def pair_manifest(folder: Path, name: str, api: str, partner: str, auth: dict[str, Any]) -> str:
    write(folder / f"{name}.yaml", {"product": {"name": name, "version": "1"}, "profiles": ["interop-pair"],
                                    "targets": {"api": {"adapter": "http", "base_url": api, **auth},
                                                "api_b": {"adapter": "http", "base_url": partner}}})
    return f"{name}.yaml"


def one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], *needles: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


# --- credentials never cross participants ---------------------------------------------------


def test_a_manifest_naming_another_participants_variable_refuses_the_programme(tmp_path, capsys):
    victim = pair_manifest(tmp_path, "victim", "http://127.0.0.1:9/", "http://127.0.0.1:9/",
                           {"auth": {"bearer_token_env": "VICTIM_TOKEN"}})
    thief = pair_manifest(tmp_path, "thief", "http://127.0.0.1:9/", "http://127.0.0.1:9/",
                          {"headers_env": {"X-Key": "VICTIM_TOKEN"}})
    path = programme_file(tmp_path, [{"id": "victim", "manifest": victim, "env": ["VICTIM_TOKEN"]},
                                     {"id": "thief", "manifest": thief, "env": ["THIEF_TOKEN"]}])
    one_line_exit_2(capsys, ["programme", "run", str(path), "--out", str(tmp_path / "out")],
                    "$.participants[1]", "VICTIM_TOKEN", "$.targets.api.headers_env['X-Key']", "participant victim")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("envs", "where", "problem"), [
    ([["SHARED"], ["SHARED"]], "$.participants[1].env[0]", "declared by participant a too"),
    ([["CONFORMANCE_TOKEN"], []], "$.participants[0].env[0]", "the harness's own variables"),
    ([[], ["PATH"]], "$.participants[1].env[0]", "the harness's own variables"),
])
def test_a_variable_every_run_or_two_participants_would_see_is_refused(tmp_path, capsys, envs, where, problem):
    write(tmp_path / "m.yaml", {"product": {"name": "m", "version": "1"}})
    path = programme_file(tmp_path, [{"id": "a", "manifest": "m.yaml", "env": envs[0]},
                                     {"id": "b", "manifest": "m.yaml", "env": envs[1]}])
    one_line_exit_2(capsys, ["programme", "status", str(path)], where, problem)


def test_each_target_reads_its_owners_credentials_only(monkeypatch):
    from conformance.adapters.credentials import owned_name, take_owned, target_environ

    job = runner.Job(kind="pair", participant="thief", partner="victim", manifest=Path("m.yaml"),
                     folder=Path("f"), credentials=(("thief", "THIEF_TOKEN"), ("victim", "VICTIM_TOKEN")))
    child = runner.child_environment(job, {"PATH": "/bin", "VICTIM_TOKEN": VICTIM_SECRET,
                                           "THIEF_TOKEN": THIEF_SECRET, "OTHER": "x"})
    # the process gets no participant's variable under its own name: only bound to its owner
    assert "VICTIM_TOKEN" not in child and "THIEF_TOKEN" not in child and "OTHER" not in child
    assert child[owned_name("victim", "VICTIM_TOKEN")] == VICTIM_SECRET
    thief = target_environ(child, "thief")
    assert thief["THIEF_TOKEN"] == THIEF_SECRET and VICTIM_SECRET not in thief.values()
    assert target_environ(child, "victim")["VICTIM_TOKEN"] == VICTIM_SECRET
    assert VICTIM_SECRET not in target_environ(child, None).values()
    # in the pair run's own process they leave the environment before the harness loads
    environ = dict(child)
    monkeypatch.setattr("conformance.adapters.credentials._TAKEN", {})
    take_owned(environ)
    assert environ == {"PATH": "/bin"}
    assert target_environ(environ, "victim")["VICTIM_TOKEN"] == VICTIM_SECRET
    assert VICTIM_SECRET not in target_environ(environ, "thief").values()


@pytest.mark.slow
def test_a_pair_run_never_sends_a_participants_token_to_another(tmp_path, catalog, serve_reference, recorder,
                                                                monkeypatch):
    """The thief's manifest passes the programme's check (it names its own variable), then
    names the victim's, or the name the victim's credential has in a pair run's process:
    the thief's server never receives the victim's token."""
    monkeypatch.setenv("VICTIM_TOKEN", VICTIM_SECRET)
    monkeypatch.setenv("THIEF_TOKEN", THIEF_SECRET)
    partner = serve_reference()
    victim = pair_manifest(tmp_path, "victim", serve_reference(), partner,
                           {"auth": {"bearer_token_env": "VICTIM_TOKEN"}})
    thief = pair_manifest(tmp_path, "thief", recorder.url, partner, {"auth": {"bearer_token_env": "THIEF_TOKEN"}})
    path = programme_file(tmp_path, [{"id": "victim", "manifest": victim, "env": ["VICTIM_TOKEN"]},
                                     {"id": "thief", "manifest": thief, "env": ["THIEF_TOKEN"]}],
                          run_timeout_s=120)
    programme = load_programme(path, catalog)
    out = tmp_path / "out"
    with History(programme.history_path) as history:
        # the honest pair: the thief's server is reached, with the thief's own token
        jobs = [j for j in pair_jobs(programme, catalog, out, history, rerun=True) if j.participant == "thief"]
        runner.run_jobs(jobs, programme, history)
        assert f"Authorization: Bearer {THIEF_SECRET}" in recorder.seen
        for named in _stealing():
            recorder.seen.clear()
            pair_manifest(tmp_path, "thief", recorder.url, partner, named)  # after the programme was loaded
            records = runner.run_jobs(pair_jobs(programme, catalog, out, history, rerun=True), programme, history)
            assert len(records) == 2
            assert not [h for h in recorder.seen if VICTIM_SECRET in h], named
            assert {r.status for r in records} == {"bad-input"}  # the thief's target finds no such credential


def _stealing() -> Iterator[dict[str, Any]]:
    """How a thief's target names the victim's credential: by its variable, or by the name
    it has in a pair run's process."""
    yield {"auth": {"bearer_token_env": "VICTIM_TOKEN"}}
    from conformance.adapters.credentials import owned_name

    yield {"headers_env": {"X-Key": owned_name("victim", "VICTIM_TOKEN")}}
    yield {"auth": {"bearer_token_env": owned_name("victim", "VICTIM_TOKEN")}}


# --- a participant runs as the product it registered --------------------------------------


def test_two_participants_registering_one_product_refuse_the_programme(tmp_path, capsys):
    write(tmp_path / "m.yaml", {"product": {"name": "m", "version": "1"}})
    path = programme_file(tmp_path, [
        {"id": "a", "manifest": "m.yaml", "product": {"name": "Headset One", "vendor": "Acme"}},
        {"id": "b", "manifest": "m.yaml", "product": {"name": "headset  one", "vendor": "ACME", "version": "2.*"}},
    ])
    one_line_exit_2(capsys, ["programme", "status", str(path)], "$.participants[1].product",
                    "registered by participant a")
    did = "did:web:acme.example"
    path = programme_file(tmp_path, [
        {"id": "a", "manifest": "m.yaml", "product": {"name": "One", "vendor": "Acme", "did": did}},
        {"id": "b", "manifest": "m.yaml", "product": {"name": "Two", "vendor": "Acme", "did": did}},
    ])
    one_line_exit_2(capsys, ["programme", "status", str(path)], "$.participants[1].product", f"DID {did}")


def _headset(folder: Path, name: str, product: dict[str, str]) -> str:
    write(folder / f"{name}.yaml", {"product": product, "profiles": ["terminal-hmd-6dof"],
                                    "targets": {"captures": {"adapter": "file",
                                                             "paths": HEADSET_CAPTURES}}})
    return f"{name}.yaml"


@pytest.mark.slow
def test_a_run_as_another_product_is_rejected_and_never_certified(tmp_path, catalog, capsys):
    generate_keys(tmp_path / "program.key")
    write(tmp_path / "plan.yaml", {"id": "round-1", "program": "Test", "catalog_digest": catalog.digest,
                                   "profiles": {"terminal-hmd-6dof": {}}})
    one = {"name": "Headset One", "version": "2.1", "vendor": "Acme"}
    participants = [
        {"id": "headset", "manifest": _headset(tmp_path, "headset", one),
         "product": {"name": "Headset One", "vendor": "Acme", "version": "2.*"}},
        # registered as its own product, runs as another
        {"id": "renamed", "manifest": _headset(tmp_path, "renamed", {**one, "name": "Headset Two"}),
         "product": {"name": "Headset Three", "vendor": "Acme"}},
        # registered nothing, runs as the product headset registered
        {"id": "impostor", "manifest": _headset(tmp_path, "impostor", {**one, "vendor": " acme "})},
        # its own product, a version not registered
        {"id": "old", "manifest": _headset(tmp_path, "old", {"name": "Old", "version": "1.0", "vendor": "Acme"}),
         "product": {"name": "Old", "vendor": "Acme", "version": "2.*"}},
    ]
    path = programme_file(tmp_path, participants, plan="plan.yaml", signing_key="program.key",
                          site_url="https://programme.example/round-1/")
    out = tmp_path / "out"
    assert main(["programme", "run", str(path), "--out", str(out)]) == 3  # three runs rejected
    programme = load_programme(path, catalog)
    with History(programme.history_path) as history:
        latest = {p: history.latest_run(p) for p in ("headset", "renamed", "impostor", "old")}
    assert latest["headset"]["status"] == "finished"
    assert {p: r["status"] for p, r in latest.items() if p != "headset"} == dict.fromkeys(
        ("renamed", "impostor", "old"), "rejected")
    assert "not its registered product 'Headset Three'" in latest["renamed"]["detail"]
    assert "registered to participant headset" in latest["impostor"]["detail"]
    assert "version '1.0'" in latest["old"]["detail"]
    capsys.readouterr()
    for participant in ("renamed", "impostor", "old"):
        assert main(["programme", "certify", str(path), "--out", str(out), "--participant", participant]) == 1
        said = capsys.readouterr()
        assert "rejected" in said.out + said.err
    assert main(["programme", "certify", str(path), "--out", str(out)]) == 0
    assert sorted(p.name for p in (out / "certificates").glob("*.json") if p.name != "issuers.json") == [
        "headset-0.json"]
