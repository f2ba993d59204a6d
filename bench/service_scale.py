"""The service's pages at a city's scale (issue 78 item 6; run by hand): wall milliseconds per
page, p50 and p95, with 1 000 organisations in its SQLite database (each: an owner, two products
of one version, three finished self-tests, an application, an API token; one officer), side by
side with the same pages of a service holding one organisation, and their ratio. Requests go
through the whole application in process (Starlette's test client: routing, the security
headers, the session and CSRF lookups, the worker thread, the database, Jinja2), as a signed-in
vendor of a random organisation, the officer, or an API token; no network and no argon2 (the
sessions are written into the database as sign-in writes them). The rows are written straight
into the database, as the service writes them, so seeding takes seconds, not argon2's minutes.

    PYTHONPATH=src python bench/service_scale.py [--organisations 1000] [--requests 200]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import statistics
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
from starlette.testclient import TestClient  # noqa: E402

from conformance.service import auth  # noqa: E402
from conformance.service.app import create_app  # noqa: E402
from conformance.service.config import load_config  # noqa: E402
from conformance.service.models import (  # noqa: E402
    ApiToken,
    Application,
    LoginSession,
    Membership,
    Organisation,
    Product,
    Run,
    User,
    Version,
    new_id,
    now,
)

#: the pages measured: (name, who asks, the path with its object's place)
PAGES = [("home", "vendor", "/"), ("sign-in page", "vendor", "/signin"), ("products", "vendor", "/products"),
         ("a product", "vendor", "/products/{product}"), ("a run", "vendor", "/runs/{run}"),
         ("members", "vendor", "/organisation"), ("a run's state (JSON)", "vendor", "/api/runs/{run}"),
         ("API: products", "token", "/api/v1/products"), ("API: a run", "token", "/api/v1/runs/{run}"),
         ("officers' queue", "officer", "/officer"),
         ("an application's review", "officer", "/officer/applications/{application}")]
MANIFEST = ("product: {name: P, version: 1.0.0, vendor: V}\nprofiles: [interfaces-core]\n"
            "targets:\n  api: {adapter: http, base_url: \"https://127.0.0.1:9\"}\n")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def seed(app, organisations: int) -> tuple[list[dict[str, str]], str]:
    """Every organisation's rows written as the service writes them; each organisation's ids and
    its session's and API token's secrets, and the officer's session."""
    service = app.state.service
    password = auth.hash_password("correct horse")  # one hash for all: the pages never check it
    sealed = service.vault.seal(auth.new_totp_seed())
    rows: dict[type, list[dict[str, object]]] = {kind: [] for kind in (
        Organisation, User, Membership, Product, Version, Run, Application, ApiToken, LoginSession)}
    expires = now() + timedelta(hours=12)
    found = []
    for n in range(organisations):
        org, user = new_id(), new_id()
        session, token = secrets.token_urlsafe(32), "mvc_" + secrets.token_urlsafe(32)
        rows[Organisation].append({"id": org, "name": f"Organisation {n}"})
        rows[User].append({"id": user, "email": f"owner{n}@example.com", "password_hash": password,
                           "totp_seed": sealed, "officer": False})
        rows[Membership].append({"user_id": user, "organisation_id": org, "role": "owner"})
        rows[LoginSession].append({"token_hash": _token_hash(session), "csrf": secrets.token_urlsafe(32),
                                   "user_id": user, "organisation_id": org, "expires": expires})
        rows[ApiToken].append({"token_hash": _token_hash(token), "organisation_id": org})
        ids = {"session": session, "token": token}
        for p in range(2):
            product, version = new_id(), new_id()
            rows[Product].append({"id": product, "organisation_id": org, "name": f"Product {p}"})
            rows[Version].append({"id": version, "product_id": product, "version": "1.0.0", "manifest": MANIFEST})
            for _ in range(3):
                run = new_id()
                rows[Run].append({"id": run, "organisation_id": org, "version_id": version, "status": "finished",
                                  "exit_code": 0, "detail": "", "created": now()})
            ids.setdefault("product", product)
            ids.setdefault("run", run)
        application = new_id()
        rows[Application].append({"id": application, "organisation_id": org, "run_id": ids["run"],
                                  "status": "submitted", "reason": "", "created": now()})
        ids["application"] = application
        found.append(ids)
    officer, officer_session = new_id(), secrets.token_urlsafe(32)
    rows[User].append({"id": officer, "email": "officer@example.org", "password_hash": password,
                       "totp_seed": sealed, "officer": True})
    rows[LoginSession].append({"token_hash": _token_hash(officer_session), "csrf": "x", "user_id": officer,
                               "organisation_id": None, "expires": expires})
    with service.sessions.begin() as db:
        for kind, values in rows.items():  # parents first: the foreign keys' order
            db.execute(insert(kind), values)
    return found, officer_session


def measure(sizes: dict[str, int], requests: int, folder: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """p50 and p95 wall ms of each page at each size, over ``requests`` requests each (a random
    organisation a request), the sizes' requests interleaved: the machine's load falls on both."""
    services = {}
    for label, organisations in sizes.items():
        app = create_app(load_config(folder / label, secure_cookies=False))
        services[label] = (app, *seed(app, organisations))
    chooser = random.Random(7)
    figures: dict[str, dict[str, tuple[float, float]]] = {label: {} for label in sizes}
    clients = {label: TestClient(app, base_url="http://service.test", follow_redirects=False)
               for label, (app, _, _) in services.items()}
    for name, who, path in PAGES:
        times: dict[str, list[float]] = {label: [] for label in sizes}
        for i in range(requests + 5):
            for label, (_, orgs, officer) in services.items():
                browser, ids = clients[label], chooser.choice(orgs)
                headers = {"authorization": f"Bearer {ids['token']}"} if who == "token" else {}
                browser.cookies.clear()
                browser.cookies.update({"session": officer if who == "officer" else ids["session"]})
                started = time.perf_counter()
                answer = browser.get(path.format(**ids), headers=headers)
                elapsed = time.perf_counter() - started
                assert answer.status_code == 200, (name, answer.status_code, answer.text[:200])
                if i >= 5:  # the first few warm the caches (templates, the catalog's pages)
                    times[label].append(elapsed * 1000)
        for label, found in times.items():
            figures[label][name] = (statistics.median(found), statistics.quantiles(found, n=20)[18])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="requests of each page at each size (default 200)")
    args = parser.parse_args()
    started = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure({"one": 1, "many": args.organisations}, args.requests, Path(tmp))
    small, large = figures["one"], figures["many"]
    many = f"{args.organisations} orgs p50"
    print(f"{'page':26} {'1 org p50':>10} {'p95':>7} {many:>15} {'p95':>7} {'p95 ratio':>10}")
    for name, _, _ in PAGES:
        (s50, s95), (l50, l95) = small[name], large[name]
        print(f"{name:26} {s50:9.1f}  {s95:6.1f}  {l50:14.1f}  {l95:6.1f}  {l95 / s95:9.2f}×")
    print(f"p95 over every page at {args.organisations} organisations: {max(l95 for _, l95 in large.values()):.1f} ms "
          f"(goal: ≤ 200 ms); CPU {time.process_time() - started:.0f} s; "
          f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
