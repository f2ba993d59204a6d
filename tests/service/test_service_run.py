"""A vendor's whole first round on the service: sign up, sign in with TOTP, a product, its
manifest for the reference served on 127.0.0.1 (over TLS, its test CA), a secret, a self-test
run by the built-in worker through the programme's runner, and its reports."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conformance.service.app import create_app
from conformance.service.config import load_config
from tests.conftest import http_target
from tests.service.test_service import a_product, post, signed_up

#: the product's endpoint secret: sent to the product by the run, found in no report, log or database
SECRET = "sealed-7c1e9b2f-token"
pytestmark = pytest.mark.slow  # one `conformance run` of interfaces-core in a child process, about 6 s


def _platform_service(tmp_path, reference_tls_url, **options):
    """The service (its config ``options``) and a manifest of interfaces-core for the reference
    served over TLS, its bearer token read from the product's secret PLATFORM_TOKEN."""
    import yaml

    target = {**http_target(reference_tls_url), "timeout_s": 10, "auth": {"bearer_token_env": "PLATFORM_TOKEN"}}
    app = create_app(load_config(tmp_path / "service", secure_cookies=False,
                                 local_files=frozenset({Path(target["ca_bundle"])}), **options))
    manifest = yaml.safe_dump({"product": {"name": "My Platform API", "version": "1.0.0", "vendor": "Me"},
                               "profiles": ["interfaces-core"], "targets": {"api": target}})
    return app, manifest


def _product_with_secret(app, manifest):
    """A vendor signed up, its product described by ``manifest`` with the secret stored: (browser, version id)."""
    browser = signed_up(app, "vendor@example.com")
    product_id, version_id = a_product(browser, manifest)
    assert post(browser, f"/products/{product_id}/secrets", {"name": "PLATFORM_TOKEN", "value": SECRET}
                ).status_code == 303
    return browser, version_id


def _finished(browser, run_id, deadline):
    """The run's state once it is neither queued nor running (a bound against hanging)."""
    while (status := browser.get(f"/api/runs/{run_id}").json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, status
        time.sleep(0.2)
    return status


def test_sign_up_to_a_self_tests_reports(tmp_path, reference_tls_url):
    app, manifest = _platform_service(tmp_path, reference_tls_url)
    worker = app.state.service.worker
    worker.start()
    try:
        browser, version_id = _product_with_secret(app, manifest)
        run_id = post(browser, f"/versions/{version_id}/runs", {}).headers["location"].rsplit("/", 1)[1]
        status = _finished(browser, run_id, time.monotonic() + 120)
    finally:
        worker.stop()
    assert status["status"] == "finished" and status["exit_code"] == 0, status
    report = browser.get(status["reports"]["json"]).json()
    assert report["manifest"]["product"]["name"] == "My Platform API"
    assert "<testsuite" in browser.get(status["reports"]["junit"]).text
    html = browser.get(status["reports"]["html"])
    assert html.headers["content-security-policy"].startswith("sandbox")
    service = app.state.service.config.folder
    leaks = [p for p in service.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaks and len(list(service.rglob("report.json"))) == 1  # console.log, reports, the database
    assert post(browser, f"/runs/{run_id}/apply", {}, csrf_from=f"/runs/{run_id}").status_code == 303
    assert '<span id="application" data-state="submitted">' in browser.get(f"/runs/{run_id}").text


def test_self_tests_on_dask_run_at_once_and_are_recorded(tmp_path, reference_tls_url):
    """``--dask 2``: two self-tests queued at once run on the local cluster's two workers, each
    recorded when its task completes, with the product's secret reaching the run (the
    reference refuses it otherwise) and written nowhere."""
    pytest.importorskip("distributed")
    app, manifest = _platform_service(tmp_path, reference_tls_url, dask="2")
    worker = app.state.service.worker
    worker.start()
    try:
        browser, version_id = _product_with_secret(app, manifest)
        runs = [post(browser, f"/versions/{version_id}/runs", {}).headers["location"].rsplit("/", 1)[1]
                for _ in range(2)]
        deadline = time.monotonic() + 180
        statuses = {run_id: _finished(browser, run_id, deadline) for run_id in runs}
    finally:
        worker.stop()
    assert [(s["status"], s["exit_code"]) for s in statuses.values()] == [("finished", 0)] * 2, statuses
    service = app.state.service.config.folder
    leaks = [p for p in service.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaks and len(list(service.rglob("report.json"))) == 2


@pytest.mark.parametrize("given", ["0", "tcp://scheduler.example:8786", "ray://x", "two"])
def test_a_dask_option_that_cannot_carry_secrets_safely_is_one_line(tmp_path, given):
    from conformance.errors import HarnessInputError

    with pytest.raises(HarnessInputError) as refused:
        load_config(tmp_path / "service", secure_cookies=False, dask=given)
    assert str(refused.value).startswith("--dask") and "\n" not in str(refused.value)
