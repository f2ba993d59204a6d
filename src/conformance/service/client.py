"""``conformance service-run URL VERSION``: a vendor's CI runs a self-test on the service through
its JSON API (api.py) and exits as ``conformance run`` would: start the run, wait for it, write
its reports (JSON, JUnit, HTML) into a folder. The token comes from an environment variable,
never from the command line (which others on the machine can read)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import httpx

from .._io.outputs import atomic_write
from ..errors import ExitCode, HarnessInputError

TOKEN_ENV = "CONFORMANCE_SERVICE_TOKEN"
#: how often the run's state is asked for (the service's own choice: a run takes seconds to minutes)
POLL_S = 2.0
#: the largest report fetched (the harness's reports of a whole catalog are far smaller)
MAX_REPORT_BYTES = 64 * 1024 * 1024
VIEWS = {"json": "report.json", "junit": "junit.xml", "html": "report.html"}


def _refused(answer: httpx.Response, what: str) -> HarnessInputError:
    fix = {401: f"give an organisation's API token in ${TOKEN_ENV} (made on the service's Members page)",
           404: "give the id of one of your organisation's versions (GET /api/v1/products lists them)"}
    return HarnessInputError(what, f"the service answered {answer.status_code}",
                             fix.get(answer.status_code, "see the service's docs/service.md"))


def service_run(http: httpx.Client, version: str, out: Path, timeout_s: float,
                say: Callable[[str], None] = lambda _: None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Start a run of ``version``, wait for it, write its reports into ``out``; the exit code
    ``conformance run`` gives (0 conformant, 1 not; 3 it did not finish), 2 for what the service refused."""
    started = http.post(f"/api/v1/versions/{version}/runs")
    if started.status_code != 202:
        raise _refused(started, f"version {version}")
    run = started.json()
    say(f"run {run['id']} queued")
    deadline = time.monotonic() + timeout_s
    while run["status"] in ("queued", "running"):
        if time.monotonic() > deadline:
            say(f"run {run['id']} still {run['status']} after {timeout_s:g} s")
            return ExitCode.INCOMPLETE
        sleep(POLL_S)
        answer = http.get(f"/api/v1/runs/{run['id']}")
        if answer.status_code != 200:
            raise _refused(answer, f"run {run['id']}")
        run = answer.json()
    for view, url in run.get("reports", {}).items():
        answer = http.get(url)
        if view in VIEWS and answer.status_code == 200 and len(answer.content) <= MAX_REPORT_BYTES:
            atomic_write(out / VIEWS[view], answer.content)
    say(f"run {run['id']} {run['status']}" + (f" (exit {run['exit_code']})" if run["exit_code"] is not None else "")
        + (f": {run['detail']}" if run.get("detail") else ""))
    if run["status"] == "finished" and run["exit_code"] in (0, 1):
        return int(run["exit_code"])
    return ExitCode.INCOMPLETE
