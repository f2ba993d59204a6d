"""``conformance demo`` serves its reference apart (src/conformance/cli/servedapart.py): each HTTP
role by a ``conformance serve`` child, never by the harness's own process, whose load it would
otherwise time (bench/demo_reference.py). A child that does not start is one line and exit 3."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conformance.cli import main
from conformance.cli import servedapart
from conformance.cli.servedapart import serve_apart
from conformance.errors import StartFailed


@pytest.mark.slow
def test_each_role_is_served_by_a_process_of_its_own_and_stopped_after(tmp_path: Path) -> None:
    with serve_apart(["api", "api_b"], trust_anchor=True) as served:
        assert set(served) == {"api", "api_b"}
        for where in served.values():
            assert where.url.startswith("https://127.0.0.1:") and where.ca_bundle is not None
            trusted = ssl.create_default_context(cafile=str(where.ca_bundle))
            assert httpx.get(where.url + "/", timeout=30, verify=trusted).status_code < 500
        children = _serving_children(os.getpid())
        assert len(children) >= 2, children  # neither role served by this process's threads
        urls = [where.url for where in served.values()]
    assert len(set(urls)) == 2
    for url in urls:  # stopped with the context: nothing listens there any more
        with pytest.raises(httpx.ConnectError):
            httpx.get(url + "/", timeout=5, verify=False)


HOLDER = """
import sys, time
from conformance.cli.servedapart import serve_apart
with serve_apart(["api"], trust_anchor=True) as served:
    print(served["api"].url, flush=True)
    time.sleep(600)
"""


@pytest.mark.slow
def test_a_served_reference_ends_with_the_demo_even_one_killed(tmp_path: Path) -> None:
    """SIGKILL runs none of the demo's stops: the child ends all the same (cli/child.py --parent),
    never left serving on its port after the demo."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout is not None
        url = holder.stdout.readline().strip()
        assert url.startswith("https://127.0.0.1:"), url
        children = _serving_children(holder.pid)
        assert len(children) == 1, children
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    deadline = time.monotonic() + 60  # a liveness wait, not a timing: it ends once the child has
    while _alive(children[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(children[0])
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/", timeout=5, verify=False)


def test_a_reference_that_does_not_start_is_one_line_and_exit_3(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setattr(servedapart.sys, "executable", "/bin/false")  # the child exits at once, printing nothing
    with pytest.raises(StartFailed, match=r"the reference for api: exited with 1 before it served"), \
            serve_apart(["api"], trust_anchor=True):
        pass
    code = main(["demo", "--out", str(tmp_path / "demo"), "--no-progress"])
    assert code == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("conformance: the reference for "), err
    assert "Traceback" not in "".join(err)
    assert not (tmp_path / "demo" / "report.json").exists()


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended and not yet reaped by its adopter, does not)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _serving_children(parent: int) -> list[int]:
    """The children of ``parent`` whose command line is ``conformance.cli.child ... serve``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat[1]) == parent and b"serve" in command and b"conformance.cli.child" in command:
            found.append(int(entry.name))
    return found
