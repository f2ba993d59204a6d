"""The hostile-input battery (issue 78 item 4): every POST route of the app, found from its
Starlette routes (a new form is covered without editing this file), is sent as a signed-in
vendor (an officer for the officers' routes) a missing and a wrong CSRF token, its fields
absent, empty, 100 kB long, with NUL and control characters, as non-UTF-8 bytes, as numbers,
a multipart upload named with ``../`` and a body past the upload bound. Each is answered below
500 with no traceback, the CSRF, encoding, path and size cases with their 4xx, and nothing is
written outside the organisation's folder. One app for the module (a programme, so the public's
verification form is there too), its upload bound lowered to keep the oversized bodies small."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from sqlalchemy import select, update
from starlette.routing import Route

from conformance.service import auth
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.forms import MAX_FORM_BYTES
from conformance.service.models import Application, Run, User
from tests.service.test_service import MANIFEST, PASSWORD, a_product, client, csrf_of, post, seed_of
from tests.service.test_service_officers import programme_file

TEMPLATES = Path(__file__).parents[2] / "src" / "conformance" / "service" / "templates"
#: every field a form that posts has (the service's templates): a new form's fields are tried too
FIELDS = sorted({name for page in TEMPLATES.glob("*.j2") for form in page.read_text().split("<form")[1:]
                 if 'method="post"' in form.split(">", 1)[0]
                 for name in re.findall(r'<(?:input|textarea|select)[^>]*name="([a-z_-]+)"', form.split("</form>")[0])}
                - {"csrf"})
UPLOAD_BOUND = 4096
#: past every bound: a form's, and an upload's (its file's bound and a form's for its fields)
OVERSIZED = b"x" * (MAX_FORM_BYTES + 64 * 1024 + 1)
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")


class Account:
    """A signed-in browser that signs in again when a battery case ended its session (sign-out)."""

    def __init__(self, app, email: str) -> None:
        self.app, self.email, self.browser = app, email, client(app)
        enrol = self.browser.post("/signup", data={"csrf": csrf_of(self.browser, "/signup"), "email": email,
                                                   "password": PASSWORD, "organisation": email})
        self.seed = seed_of(re.search(r'<code id="otpauth">([^<]+)</code>', enrol.text).group(1).replace("&amp;", "&"))
        self.sign_in()
        made = self.browser.post("/organisation/tokens", data={"csrf": csrf_of(self.browser, "/files")})
        self.token = re.search(r'<code id="token">([^<]+)</code>', made.text).group(1)

    def sign_in(self) -> None:
        self.app.state.service.limit._failures.clear()  # the battery's failed sign-ins come from this address too
        done = self.browser.post("/signin", data={"csrf": csrf_of(self.browser, "/signin"), "email": self.email,
                                                  "password": PASSWORD, "code": auth.totp_now(self.seed)})
        assert done.status_code == 303, done.text

    def signed_in(self) -> str:
        """Signed in again if a case ended the session; the session's CSRF token."""
        if self.browser.get("/products").status_code != 200:
            self.sign_in()
        return csrf_of(self.browser, "/files")


@pytest.fixture(scope="module")
def battery(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    config = load_config(root / "service", secure_cookies=False, queued_runs=1000,
                         programme=programme_file(root / "pilot", MANIFEST))
    app = create_app(dataclasses.replace(config, max_upload_bytes=UPLOAD_BOUND))
    vendor, officer = Account(app, "hostile-vendor@example.com"), Account(app, "hostile-officer@example.com")
    product_id, version_id = a_product(vendor.browser)
    run_id = post(vendor.browser, f"/versions/{version_id}/runs", {}).headers["location"].rsplit("/", 1)[1]
    with app.state.service.sessions.begin() as db:
        db.execute(update(User).where(User.email == officer.email).values(officer=True))
        db.execute(update(Run).where(Run.id == run_id).values(status="finished", exit_code=0))
        organisation_id = db.get(Run, run_id).organisation_id
        application = Application(organisation_id=organisation_id, run_id=run_id)
        db.add(application)
        db.flush()
        ids = {"product_id": product_id, "version_id": version_id, "run_id": run_id,
               "application_id": application.id, "action": "refuse"}
    return app, root, vendor, officer, ids, organisation_id


def post_routes(app) -> list[str]:
    found = sorted({route.path for route in app.routes if isinstance(route, Route) and "POST" in route.methods})
    assert len(found) >= 14, found
    return found


def cases(csrf: str) -> list[tuple[str, dict[str, object], tuple[int, ...] | None]]:
    """(name, the request's arguments, the statuses it must get: None for any below 500)."""
    def form(given: str, /, **more: str) -> dict[str, str]:
        return {"csrf": csrf, **{name: given for name in FIELDS}, **more}

    def raw(body: bytes) -> dict[str, object]:
        return {"content": body, "headers": {"content-type": "application/x-www-form-urlencoded"}}

    found: list[tuple[str, dict[str, object], tuple[int, ...] | None]] = [
        ("no-csrf", {"data": {name: "x" for name in FIELDS}}, (403,)),
        ("wrong-csrf", {"data": form("x", csrf="forged")}, (403,)),
        ("absent", {"data": {"csrf": csrf}}, None),
        ("empty", {"data": form("")}, None),
        ("control", {"data": form("a\x00b\x01\x1b[2J\r\n\u202e\ufeffc")}, (400,)),
        ("escape", {"data": form("name \x1b[2J")}, (400,)),
        ("multipart-control", {"data": {"csrf": csrf, "name": "a\x00b"}, "files": {"file": ("a.txt", b"x")}},
         (400, 415)),
        ("numbers", {"data": form("-1")}, None),
        ("huge-number", {"data": form("1" * 400)}, None),
        ("non-utf8-raw", raw(f"csrf={csrf}&".encode() + b"&".join(f"{n}=".encode() + b"\xff\xfe\xc3" for n in FIELDS)),
         (400,)),
        ("non-utf8-escaped", raw(f"csrf={csrf}&".encode() + "&".join(f"{n}=%FF%FE%C3" for n in FIELDS).encode()),
         None),
        ("oversized-form", raw(f"csrf={csrf}&name=".encode() + OVERSIZED), (413,)),
        ("oversized-upload", {"data": {"csrf": csrf}, "files": {"file": ("big.bin", OVERSIZED)}}, (413, 415)),
        # a name no file is stored under: refused where it would be (/files), ignored elsewhere (verify
        # reads the file, stores nothing); what is written is checked after the battery
        ("dot-dot-upload", {"data": {"csrf": csrf}, "files": {"file": ("../../escaped.txt", b"x")}}, None),
        ("slash-upload", {"data": {"csrf": csrf}, "files": {"file": ("/tmp/escaped.txt", b"x")}}, None),
        ("backslash-upload", {"data": {"csrf": csrf}, "files": {"file": ("..\\escaped.txt", b"x")}}, None),
    ]
    # 100 kB in each field, two fields a request (three would pass the form's bound: 413 says nothing of the field)
    found += [(f"long-{'-'.join(pair)}", {"data": form("-1", **{name: "x" * 100_000 for name in pair})}, None)
              for pair in (FIELDS[n:n + 2] for n in range(0, len(FIELDS), 2))]
    return found


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_every_post_route_answers_every_hostile_input_below_500_and_writes_nowhere_else(battery):
    app, root, vendor, officer, ids, organisation_id = battery
    before = files_under(root)
    failures, reached = [], set()
    for path in post_routes(app):
        url = path.format(**ids)
        who = officer if path.startswith("/officer") else vendor
        token = path.startswith("/api/")  # the API's: a bearer token, no cookie read, so no CSRF either
        headers = {"authorization": f"Bearer {who.token}"} if token else {}
        csrf = csrf_of(who.browser, "/files")
        for n in range(len(cases(csrf))):
            name, request, expected = cases(csrf)[n]
            answer = who.browser.post(url, **{**request, "headers": {**request.get("headers", {}), **headers}})
            if answer.status_code >= 500 or TRACEBACK.search(answer.text) or (
                    expected is not None and not token and answer.status_code not in expected):
                failures.append((path, name, answer.status_code, answer.text[:200]))
            if expected is None and answer.status_code not in (401, 403, 404, 413, 415):  # the handler judged it
                reached.add(path)
            app.state.service.limit._failures.clear()  # the battery's failed sign-ins: not a rate limit's test
            if "set-cookie" in answer.headers:  # a new session (sign-out, sign-in): signed in again, its token
                csrf = who.signed_in()
    assert not failures, failures
    assert reached == set(post_routes(app))  # no route refused the whole battery at its door
    allowed = (root / "service" / "uploads" / organisation_id, )
    written = [p for p in files_under(root) - before
               if not p.is_relative_to(allowed[0]) and not p.name.startswith("service.sqlite")]
    assert not written, written
    assert not list(root.rglob("escaped.txt")) and not Path("/tmp/escaped.txt").exists()


def test_the_battery_reaches_the_forms_it_means_to(battery):
    """The battery is not refused wholesale: its CSRF token is the session's, so a plain product
    is made and a stored upload lands in the organisation's folder."""
    app, root, vendor, _, _, organisation_id = battery
    csrf, browser = vendor.signed_in(), vendor.browser
    assert browser.post("/products", data={"csrf": csrf, "name": "plain"}).status_code == 303
    assert browser.post("/files", data={"csrf": csrf}, files={"file": ("plain.txt", b"x")}).status_code == 200
    assert (root / "service" / "uploads" / organisation_id / "plain.txt").is_file()
    with app.state.service.sessions() as db:
        assert db.scalar(select(User.officer).where(User.email == "hostile-officer@example.com"))
