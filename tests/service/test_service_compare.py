"""Comparing two runs of one product (issue 78 item 1): per requirement both verdicts, the
changed first and marked; as a page and in the API; another organisation's run is not found.
One app for the module, its runs' reports written by hand (no worker); the accounts and runs
made once a session (tests/service/made_once.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import update

from conformance.messages import render
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.models import Run
from tests.service.made_once import Made, service_made_once
from tests.service.test_service import MANIFEST, a_product, client, post, signed_up, with_token
from tests.service.test_service_words import visible_text

#: run A's verdicts, then run B's: one fixed, one regressed, one changed, one the same, one gone, one new
BEFORE = {"R-1": "fail", "R-2": "pass", "R-3": "error", "R-4": "pass", "R-5": "fail"}
AFTER = {"R-1": "pass", "R-2": "fail", "R-3": "inconclusive", "R-4": "pass", "R-6": "not_applicable"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The app, the vendor's browser, its two finished runs (versions 1.0.0 and 2), a run of
    another of its products and another organisation's browser: the accounts and runs made
    once a test session, this module's app over a copy of them."""
    app, data, browsers = service_made_once(tmp_path_factory, "service-compare", _app_of, _make_runs)
    return app, browsers["vendor"], data["made"], data["product_id"], browsers["other"]


def _app_of(folder: Path):
    return create_app(load_config(folder, secure_cookies=False, queued_runs=10))


def _make_runs(app, folder: Path) -> Made:
    vendor = signed_up(app, "compare@example.com")
    product_id, version_id = a_product(vendor)
    assert post(vendor, f"/products/{product_id}/versions", {"version": "2", "manifest": MANIFEST}).status_code == 303
    later = re.findall(r"/versions/([0-9a-f]+)/runs", vendor.get(f"/products/{product_id}").text)
    _, elsewhere = a_product(vendor)
    made = {}
    for name, version, verdicts in (("a", version_id, BEFORE), ("b", [v for v in later if v != version_id][0], AFTER),
                                    ("other-product", elsewhere, AFTER)):
        run_id = post(vendor, f"/versions/{version}/runs", {}).headers["location"].rsplit("/", 1)[1]
        reports = folder / name
        reports.mkdir()
        (reports / "report.json").write_text(json.dumps({"requirements": [
            {"requirement": r, "level": "must", "verdict": v} for r, v in verdicts.items()]}))
        with app.state.service.sessions.begin() as db:
            db.execute(update(Run).where(Run.id == run_id).values(status="finished", exit_code=1,
                                                                 report_dir=str(reports)))
        made[name] = run_id
    return ({"made": made, "product_id": product_id},
            {"vendor": vendor, "other": signed_up(app, "compare-other@example.com")})


def test_the_page_shows_both_verdicts_the_changed_first_and_marked(runs):
    _, vendor, made, product_id, _ = runs
    page = vendor.get(f"/runs/compare?a={made['a']}&b={made['b']}&lang=en")
    assert page.status_code == 200
    changes = re.findall(r'<tr data-change="(\w+)"><td>([\w-]+)</td>', page.text)
    assert changes == [("regressed", "R-2"), ("fixed", "R-1"), ("changed", "R-3"), ("changed", "R-5"),
                       ("changed", "R-6"), ("same", "R-4")]
    assert '<td data-verdict="fail">Fail</td><td data-verdict="pass">Pass</td>' in page.text
    for side in ("a", "b"):
        assert f'href="/runs/{made[side]}/report/html"' in page.text
    # linked from the run's page and the product's
    assert 'action="/runs/compare"' in vendor.get(f"/runs/{made['b']}").text
    assert 'action="/runs/compare"' in vendor.get(f"/products/{product_id}").text


def test_the_page_in_chinese_has_no_english_word_of_its_own(runs):
    _, vendor, made, _, _ = runs
    text = visible_text(vendor.get(f"/runs/compare?a={made['a']}&b={made['b']}&lang=zh").text)
    keys = ("compare", "run-a", "run-b", "change", "change-fixed", "change-regressed", "change-changed",
            "change-same", "verdict-pass", "verdict-fail", "verdict-error", "verdict-inconclusive",
            "verdict-not-applicable", "verdict-absent", "state-finished")
    english = [render(f"service.{k}", {}, "en") for k in keys if render(f"service.{k}", {}, "en") in text]
    assert not english and render("service.change-regressed", {}, "zh") in text


def test_the_api_compares_by_the_tokens_organisation(runs):
    app, vendor, made, _, other = runs
    ci = client(app)
    ci.headers["authorization"] = f"Bearer {with_token(vendor)}"
    answer = ci.get(f"/api/v1/runs/compare?a={made['a']}&b={made['b']}").json()
    assert answer["requirements"][:2] == [{"requirement": "R-2", "a": "pass", "b": "fail", "change": "regressed"},
                                          {"requirement": "R-1", "a": "fail", "b": "pass", "change": "fixed"}]
    assert answer["requirements"][4] == {"requirement": "R-6", "a": None, "b": "not_applicable", "change": "changed"}
    assert answer["a"]["version"] == "1.0.0" and answer["b"]["version"] == "2"
    assert answer["b"]["reports"]["json"] == f"/api/v1/runs/{made['b']}/report/json"
    outsider = client(app)
    outsider.headers["authorization"] = f"Bearer {with_token(other)}"
    assert outsider.get(f"/api/v1/runs/compare?a={made['a']}&b={made['b']}").status_code == 404


def test_another_organisations_run_is_not_found_and_two_products_are_refused(runs):
    _, vendor, made, _, other = runs
    for a, b in ((made["a"], made["b"]), (made["a"], "0" * 32)):
        assert other.get(f"/runs/compare?a={a}&b={b}").status_code == 404
    assert vendor.get(f"/runs/compare?a={made['a']}&b=0000").status_code == 404
    refused = vendor.get(f"/runs/compare?a={made['a']}&b={made['other-product']}&lang=zh")
    assert refused.status_code == 400 and refused.text == render("service.compare-one-product", {}, "zh")
    assert vendor.get(f"/runs/compare?a={made['a']}").status_code == 400


def test_the_documented_request_compares(runs):
    """docs/service.md's curl line for a comparison, sent to the app in process."""
    from tests.service.test_service_officers import curl, documented_requests

    app, vendor, made, _, _ = runs
    line = next(line for line in documented_requests() if "/runs/compare" in line)
    answer = curl(client(app), line, {"$TOKEN": with_token(vendor), "RUN_A": made["a"], "RUN_B": made["b"]})
    assert answer.status_code == 200 and answer.json()["requirements"][0]["change"] == "regressed"
