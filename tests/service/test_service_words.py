"""Every state word a page shows is in the page's language (issue 78, fourth round): a run's
states (the programme history's statuses), an application's, a certificate's, a member's role and
an officer's audit rows, each rendered in zh finds no English state word, and in en the same
words as English. One app for the module, its rows written straight into its database (no worker,
no programme: the programme log's view is a stand-in that says each certificate's state)."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from conformance.messages import render
from conformance.programme.history import STATUSES
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.models import Application, AuditRow, Run, User
from conformance.service.web import STATES
from tests.service.made_once import Made, service_made_once
from tests.service.test_service import a_product, client, post, signed_up

CERTIFICATE_STATES = ("valid", "suspended", "revoked", "unknown")
APPLICATION_STATES = ("submitted", "certified", "refused", "suspended", "revoked")
#: the English a zh page must not show: each state word as stored and as its English label
ENGLISH = re.compile(r"\b(" + "|".join(sorted({re.escape(w) for w in STATES} | {
    re.escape(render(key, {}, "en")) for key in STATES.values()}, key=len, reverse=True)) + r")\b", re.IGNORECASE)


class LogStandIn:
    """What the pages ask the programme for: its title, the log's certificates and their states."""

    def __init__(self, versions: list[str]) -> None:
        self.base = SimpleNamespace(title_in=lambda lang: "试点" if lang == "zh" else "Pilot")
        self.states = {f"urn:uuid:{n:08d}-0000-4000-8000-000000000000": state
                       for n, state in enumerate(CERTIFICATE_STATES)}
        rows = {cid: (None, {"participant": versions[0], "issued": "2026-11-26T00:00:00Z",
                             "valid_until": "2027-11-26T00:00:00Z", "certificate_id": cid})
                for cid in self.states}
        self.log = SimpleNamespace(certificates=rows)

    def view(self) -> SimpleNamespace:
        return self.log

    def state_of(self, certificate_id: str) -> str:
        return self.states.get(certificate_id, "unknown")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple]:
    """The app with a run in every status, an application in every state (with audit rows, one
    declined), a member and the stand-in log; the paths of every page, and the signed-in browsers.
    The accounts, runs and applications are made once a test session, this module's app over a
    copy of them (tests/service/made_once.py); the stand-in log is each app's own."""
    app, data, browsers = service_made_once(tmp_path_factory, "service-words", _app_of, _make_pages)
    app.state.service = dataclasses.replace(app.state.service, certifying=LogStandIn([data["version_id"]]))
    browsers["public"] = client(app)
    return {who: (browsers[who], found) for who, found in data["paths"].items()}


def _app_of(folder: Path):
    return create_app(load_config(folder, secure_cookies=False, queued_runs=20))


def _make_pages(app, folder: Path) -> Made:
    vendor, colleague = signed_up(app, "vendor-words@example.com"), signed_up(app, "colleague-words@example.com")
    officer = signed_up(app, "officer-words@example.com")
    product_id, version_id = a_product(vendor)
    assert post(vendor, "/organisation/members", {"email": "colleague-words@example.com"},
                csrf_from="/organisation").status_code == 303
    runs = [post(vendor, f"/versions/{version_id}/runs", {}).headers["location"].rsplit("/", 1)[1]
            for _ in ("queued", "running", *STATUSES)]
    log = LogStandIn([version_id])
    certificates = list(log.states)
    with app.state.service.sessions.begin() as db:
        db.execute(update(User).where(User.email == "officer-words@example.com").values(officer=True))
        officer_id = db.scalar(select(User.id).where(User.email == "officer-words@example.com"))
        organisation_id = db.get(Run, runs[0]).organisation_id
        for run_id, status in zip(runs, ("queued", "running", *STATUSES), strict=True):
            db.execute(update(Run).where(Run.id == run_id).values(status=status, exit_code=0))
        applications = []
        for n, state in enumerate(APPLICATION_STATES):
            made = Application(organisation_id=organisation_id, run_id=runs[2 + n], status=state,
                               reason="理由" if state != "submitted" else "",
                               certificate_id=certificates[n % 3] if state in ("certified", "suspended", "revoked")
                               else None)
            db.add(made)
            db.flush()
            applications.append(made.id)
            for action in {"certified": ["certify"], "refused": ["certify", "refuse"],
                           "suspended": ["certify", "suspend"], "revoked": ["certify", "revoke"]}.get(state, []):
                outcome = "declined: 计划不符" if (state, action) == ("refused", "certify") else "done"
                db.add(AuditRow(officer_id=officer_id, action=action, application_id=made.id, reason="理由",
                                outcome=outcome))
    paths = {"vendor": ["/", "/products", f"/products/{product_id}", "/organisation", "/files",
                        *(f"/runs/{run_id}" for run_id in runs)],
             "officer": ["/officer", *(f"/officer/applications/{a}" for a in applications)],
             "public": ["/programme", "/programme/verify",
                        *(f"/programme/certificates?id={c}" for c in [*certificates, "urn:uuid:nothing"])]}
    assert colleague  # a member: the members' page lists an owner and a member
    return {"paths": paths, "version_id": version_id}, {"vendor": vendor, "officer": officer}


def visible_text(page: str) -> str:
    """The page's text as a reader sees it (no tags, no attribute values, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", " ", page.split("<main>", 1)[1]))


def test_no_page_in_chinese_shows_an_english_state_word(pages):
    found: dict[str, list[str]] = {}
    shown: set[str] = set()
    for browser, paths in pages.values():
        for path in paths:
            page = browser.get(path + ("&" if "?" in path else "?") + "lang=zh")
            assert page.status_code in (200, 404), (path, page.status_code)
            shown |= set(re.findall(r'data-state="([^"]+)"', page.text))
            if words := ENGLISH.findall(visible_text(page.text)):
                found[path] = words
    assert not found, found
    assert shown >= {"queued", "running", *STATUSES, *APPLICATION_STATES, *CERTIFICATE_STATES, "owner", "member"}


def test_a_page_in_english_shows_the_states_english_label(pages):
    browser, paths = pages["vendor"]
    queued = browser.get(paths[5] + "?lang=en").text
    assert re.search(r'data-state="queued"[^>]*>Queued</span>', queued) and 'data-queued="Queued"' in queued
    assert 'data-queued="排队中" data-running="运行中">排队中' in browser.get(paths[5] + "?lang=zh").text
    browser, paths = pages["officer"]
    refused = next(browser.get(p + "?lang=zh").text for p in paths[1:] if 'data-state="refused"' in browser.get(p).text)
    assert "试点项目未执行: 计划不符" in refused  # declined: the word translated, the reason kept
