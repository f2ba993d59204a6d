"""Officers, the public and the API end to end (issue 78, second round): a service started with a
programme (a plan pinned to this catalog, a key, a site URL) and an officer made by its
configuration; a vendor starts a self-test through the JSON API as docs/service.md's curl lines
send it, applies; the officer certifies on the review page; the certificate verifies (the
programme's `verify`, and the public's verification page); suspend, reinstate and revoke show
on the public's lookup. One self-test run (interfaces-core on the reference, over TLS)."""

from __future__ import annotations

import re
import shlex
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from starlette.testclient import TestClient

from conformance.certification.attestation import generate_keys, load_public_key
from conformance.certification.verify import installed_digest
from conformance.errors import HarnessInputError
from conformance.programme.certverify import verify_certificate
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.models import AuditRow
from tests.conftest import http_target
from tests.paths import ROOT
from tests.service.test_service import a_product, client, csrf_of, post, signed_up, with_token

pytestmark = pytest.mark.slow  # one `conformance run` of interfaces-core in a child process, about 6 s
SITE = "https://certify.example/pilot/"


def programme_file(folder: Path, manifest: str) -> Path:
    """A programme that certifies interfaces-core under its plan (its one listed participant is the
    file's own: the service's participants are its versions)."""
    folder.mkdir()
    generate_keys(folder / "program.key")
    (folder / "plan.yaml").write_text(yaml.safe_dump({
        "id": "service-pilot", "program": "Service pilot", "catalog_digest": installed_digest(),
        "profiles": {"interfaces-core": {}}}), encoding="utf-8")
    (folder / "platform.yaml").write_text(manifest, encoding="utf-8")
    path = folder / "programme.yaml"
    path.write_text(yaml.safe_dump({
        "id": "service-pilot", "title": "Service pilot", "plan": "plan.yaml", "signing_key": "program.key",
        "site_url": SITE, "participants": [{"id": "operator-own", "manifest": "platform.yaml"}]}), encoding="utf-8")
    return path


def curl(browser: TestClient, line: str, values: dict[str, str]):
    """One of docs/service.md's curl lines, sent to the app in process (its token and ids put in)."""
    for name, value in values.items():
        line = line.replace(name, value)
    words = shlex.split(line)
    method, headers = "GET", {}
    for flag, value in zip(words, words[1:], strict=False):
        if flag == "-X":
            method = value
        elif flag == "-H":
            key, _, given = value.partition(": ")
            headers[key] = given
    url = words[-1].removeprefix("http://127.0.0.1:8081")
    return browser.request(method, url, headers=headers)


def documented_requests() -> list[str]:
    text = (ROOT / "docs" / "service.md").read_text(encoding="utf-8").split("## The JSON API", 1)[1]
    return [line for line in text.splitlines() if line.startswith("curl ")]


def test_an_officer_certifies_an_application_and_the_certificate_verifies(tmp_path, reference_tls_url):
    target = {**http_target(reference_tls_url), "timeout_s": 10, "auth": {"bearer_token_env": "PLATFORM_TOKEN"}}
    manifest = yaml.safe_dump({"product": {"name": "My Platform API", "version": "1.0.0", "vendor": "Me"},
                               "profiles": ["interfaces-core"], "targets": {"api": target}})
    programme = programme_file(tmp_path / "pilot", manifest)
    options = {"secure_cookies": False, "local_files": frozenset({Path(target["ca_bundle"])}), "programme": programme}
    with pytest.raises(HarnessInputError, match="officer@example.com: has no account"):
        create_app(load_config(tmp_path / "service", officers=frozenset({"officer@example.com"}), **options))
    signed_up(create_app(load_config(tmp_path / "service", **options)), "officer@example.com")
    # the first officer: an existing account the service's configuration names, at start
    app = create_app(load_config(tmp_path / "service", officers=frozenset({"officer@example.com"}), **options))
    assert signed_up(app, "not-an-officer@example.com").get("/officer").status_code == 404
    assert client(app).get("/programme/log/checkpoint").status_code == 404  # nothing published yet
    officer = signed_in_again(app, "officer@example.com")
    worker = app.state.service.worker
    worker.start()
    try:
        vendor = signed_up(app, "vendor@example.com")
        product_id, version_id = a_product(vendor, manifest)
        assert post(vendor, f"/products/{product_id}/secrets", {"name": "PLATFORM_TOKEN", "value": "t"}
                    ).status_code == 303
        token = with_token(vendor)
        api = client(app)  # the vendor's CI: no cookie, the token only
        listed, started, *reading = documented_requests()
        values = {"$TOKEN": token, "VERSION_ID": version_id}
        assert curl(api, listed, values).json()["products"][0]["versions"][0]["id"] == version_id
        begun = curl(api, started, values)
        assert begun.status_code == 202, begun.text
        values["RUN_ID"] = run_id = begun.json()["id"]
        deadline = time.monotonic() + 120
        while (state := curl(api, reading[0], values).json())["status"] in ("queued", "running"):
            assert time.monotonic() < deadline, state
            time.sleep(0.2)
    finally:
        worker.stop()
    assert state["status"] == "finished" and state["exit_code"] == 0, state
    assert "<testsuite" in curl(api, reading[1], values).text
    assert client(app).get(f"/api/v1/runs/{run_id}").status_code == 401
    assert post(vendor, f"/runs/{run_id}/apply", {}, csrf_from=f"/runs/{run_id}").status_code == 303

    queue = officer.get("/officer")
    application_id = re.search(r'/officer/applications/([0-9a-f]+)" data-state="submitted"', queue.text).group(1)
    review = officer.get(f"/officer/applications/{application_id}")
    assert re.search(rf'href="/officer/applications/{application_id}/report/html#IF-[A-Z]+-\d+">IF-', review.text)
    assert officer.get(f"/officer/applications/{application_id}/report/json").json()["exit_code"] == 0
    done = post(officer, f"/officer/applications/{application_id}/certify", {},
                csrf_from=f"/officer/applications/{application_id}")
    assert done.status_code == 303, done.text
    review = officer.get(f"/officer/applications/{application_id}")
    certificate_id = re.search(r'<code id="certificate">([^<]+)</code>', review.text).group(1)
    assert '<span id="application" data-state="certified">' in vendor.get(f"/runs/{run_id}").text

    out = tmp_path / "service" / "programme-runs"
    issued = out / app_certificate_file(app)
    keys = [load_public_key(tmp_path / "pilot" / "program.key.pub")]
    assert verify_certificate(issued, keys).certificate["id"] == certificate_id  # `conformance verify`'s check
    public = client(app)
    assert public.get("/programme/certificate.json", params={"id": certificate_id}).json()["id"] == certificate_id
    pasted = post(public, "/programme/verify", {"certificate": issued.read_text()}, csrf_from="/programme/verify")
    assert '<strong id="outcome">Accepted</strong>' in pasted.text, pasted.text
    uploaded = public.post("/programme/verify", data={"csrf": csrf_of(public, "/programme/verify")},
                           files={"file": ("certificate.json", issued.read_bytes(), "application/json")})
    assert '<strong id="outcome">Accepted</strong>' in uploaded.text, uploaded.text  # the same check, uploaded
    too_big = public.post("/programme/verify", data={"csrf": csrf_of(public, "/programme/verify")},
                          files={"file": ("certificate.json", b" " * 70_000, "application/json")})
    assert too_big.status_code == 413  # a certificate's bound, not the uploads' 64 MiB
    assert public.get("/programme/log/checkpoint").text.startswith("certify.example/service-pilot\n")
    tiles = [p for p in (out / "log" / "tile").rglob("*") if p.is_file()]
    assert tiles and all(public.get(f"/programme/log/{p.relative_to(out / 'log').as_posix()}").content == p.read_bytes()
                         for p in tiles)  # C2SP tlog-tiles paths: tile/<L>/<N>[.p/<W>], tile/entries/<N>

    certifying = app.state.service.certifying
    kept = certifying.view()
    assert certifying.view() is kept  # the log's view is kept while its files are unchanged
    for action, state_after in (("suspend", "suspended"), ("reinstate", "valid"), ("revoke", "revoked")):
        acted = post(officer, f"/officer/applications/{application_id}/{action}", {"reason": f"{action} test"},
                     csrf_from=f"/officer/applications/{application_id}")
        assert acted.status_code == 303, acted.text
        lookup = public.get("/programme/certificates", params={"id": certificate_id})
        assert f'<dd id="state" data-state="{state_after}">' in lookup.text, action
        assert f'<span id="certificate-state" data-state="{state_after}">' in vendor.get(f"/runs/{run_id}").text
    assert certifying.view() is not kept and certificate_id in certifying.view().revoked
    rejected = post(public, "/programme/verify", {"certificate": issued.read_text()}, csrf_from="/programme/verify")
    assert '<strong id="outcome">Rejected</strong>' in rejected.text and "revoked" in rejected.text
    for hostile in ("not json", "{}", '{"credentialSubject": 3}', "x" * 70_000):  # judged or refused, never a crash
        answer = post(public, "/programme/verify", {"certificate": hostile}, csrf_from="/programme/verify")
        assert answer.status_code == 400 if len(hostile) > 65536 else "Rejected</strong>" in answer.text, hostile[:20]
    too_long = post(officer, f"/officer/applications/{application_id}/suspend", {"reason": "x" * 2001},
                    csrf_from=f"/officer/applications/{application_id}")
    assert too_long.status_code == 400  # the programme log's bound on a reason
    with app.state.service.sessions() as db:
        assert db.scalars(select(AuditRow.action).order_by(AuditRow.id)).all() == [
            "certify", "suspend", "reinstate", "revoke"]


def signed_in_again(app, email: str) -> TestClient:
    """A new browser signed in as ``email`` (its TOTP seed read from the database, as its app would)."""
    from conformance.service import auth
    from conformance.service.models import User
    from tests.service.test_service import PASSWORD, csrf_of

    with app.state.service.sessions() as db:
        sealed = db.scalar(select(User.totp_seed).where(User.email == email))
    browser = client(app)
    done = browser.post("/signin", data={"csrf": csrf_of(browser, "/signin"), "email": email, "password": PASSWORD,
                                         "code": auth.totp_now(app.state.service.vault.open(sealed))})
    assert done.status_code == 303
    return browser


def app_certificate_file(app) -> str:
    """The certificate's file the application records (relative to the programme's run folder)."""
    from conformance.service.models import Application

    with app.state.service.sessions() as db:
        return db.scalar(select(Application.certificate_file))
