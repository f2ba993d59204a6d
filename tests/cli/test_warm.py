"""The warm process (``CONFORMANCE_WARM=1``, cli/warm.py and cli/warmclient.py): the same
reports, output and exit codes as the cold command; its socket for its user only; idle stop;
changed sources run cold; OpenUSD's zygote keeps the guards, cap and budget of a fresh worker."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conformance.areas._shared import openusd
from conformance.cli import warm, warmclient
from tests.conftest import SAMPLES
from tests.paths import ROOT

VOLATILE = {"started", "finished", "duration_s"}

pytestmark = pytest.mark.skipif(not hasattr(socket, "send_fds") or sys.platform != "linux",
                                reason="a warm process needs Unix sockets passing descriptors (Linux here)")


def _env(runtime: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFORMANCE_WARM")}
    env.update({"PYTHONPATH": str(ROOT / "src"), "XDG_RUNTIME_DIR": str(runtime), **extra})
    return env


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "conformance.cli", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def _server_cpu(pid: int) -> float:
    """CPU of the process and of the children it has waited for (/proc/PID/stat)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _normal(value):
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _views(folder: Path) -> dict[str, object]:
    import re

    found: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        if path.name == "report.json":
            found[path.name] = _normal(json.loads(path.read_text(encoding="utf-8")))
        elif path.name == "report.events.ndjson":
            found[path.name] = [_normal(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
        elif path.is_file():  # the views print times: those left out
            text = path.read_text(encoding="utf-8")
            text = re.sub(r'(time|timestamp)="[^"]*"', "", text)
            text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "T", text)
            found[path.name] = re.sub(r"\d+(\.\d+)? s\b", "N s", text)
    return found


CASES = {
    "glb": (["--profile", "asset-3d-content"], SAMPLES / "models" / "triangle.glb"),
    "did": (["--profile", "identity-document", "--format", "json"], SAMPLES / "did_documents" / "did-key-ed25519.json"),
    "usd": (["--profile", "asset-usd"], SAMPLES / "usd_assets" / "crate.usdz"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_warm_run_writes_what_the_cold_command_writes(server, tmp_path: Path, case: str) -> None:
    if case == "usd" and not openusd.available():
        pytest.skip("needs the extra usd (usd-core)")
    process, runtime = server
    options, sample = CASES[case]
    done = {}
    for mode in ("cold", "warm"):
        env = _env(runtime, **({"CONFORMANCE_WARM": "1"} if mode == "warm" else {}))
        before = _server_cpu(process.pid)
        done[mode] = _cli(["validate", *options, "--no-progress", "--lang", "zh", "--out", str(tmp_path / mode),
                           str(sample)], env, tmp_path)
        if mode == "warm":  # it ran in a child of the warm process, which waited for it
            assert _server_cpu(process.pid) > before
    cold, warm_ = done["cold"], done["warm"]
    assert (warm_.returncode, warm_.stderr) == (cold.returncode, cold.stderr)
    assert warm_.stdout.replace(str(tmp_path / "warm"), "OUT") == cold.stdout.replace(str(tmp_path / "cold"), "OUT")
    assert _views(tmp_path / "warm") == _views(tmp_path / "cold")


def test_bad_input_is_one_line_and_exit_2_warm_as_cold(server, tmp_path: Path) -> None:
    _, runtime = server
    args = ["validate", "--profile", "asset-3d-content", "--no-progress", str(tmp_path / "missing.glb")]
    cold = _cli(args, _env(runtime), tmp_path)
    warm_ = _cli(args, _env(runtime, CONFORMANCE_WARM="1"), tmp_path)
    assert cold.returncode == warm_.returncode == 2
    assert warm_.stderr == cold.stderr and len(cold.stderr.strip().splitlines()) == 1


def test_the_socket_is_its_users_only(server) -> None:
    _, runtime = server
    folder = runtime / "conformance"
    assert (folder.stat().st_mode & 0o777) == 0o700
    sockets = list(folder.glob("warm-*.sock"))
    assert sockets and all((s.stat().st_mode & 0o777) == 0o600 for s in sockets)


def test_a_peer_of_another_user_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    monkeypatch.setattr(warm, "_peer_uid", lambda conn: os.getuid() + 1)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked a run for another user"))
    with ours, theirs:
        assert warm._one(ours, None, {}) is True
        ours.shutdown(socket.SHUT_RDWR)
        assert theirs.recv(16) == b""  # no answer: closed


def test_changed_sources_send_the_client_back_to_run_cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "module.py"
    source.write_text("x = 1\n")
    sources = {str(source): warm._seen(str(source))}
    assert not warm._changed(sources)
    source.write_text("x = 2\n")
    assert warm._changed(sources)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked a run on changed sources"))
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with ours, theirs:
        header = json.dumps({"argv": ["validate"], "cwd": str(tmp_path), "env": {}, "fds": []}).encode()
        theirs.sendall(len(header).to_bytes(4, "big") + header)
        assert warm._one(ours, None, sources) is None
        assert warmclient.receive(theirs) == {"stale": True}


def test_idle_it_stops_and_removes_its_socket(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = _env(runtime, CONFORMANCE_WARM_IDLE="1")
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "warm", "serve"], env=env, cwd=tmp_path,
                          capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not list((runtime / "conformance").glob("warm-*.sock"))
    assert _cli(["warm", "status"], env, tmp_path).returncode == 1


def test_a_command_other_than_validate_or_run_is_not_handed_over() -> None:
    assert warmclient.forward(["list", "profiles"]) is None
    assert warmclient.forward([]) is None


@pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")
def test_the_zygote_judges_as_a_fresh_worker_with_its_guards(tmp_path: Path) -> None:
    secret = tmp_path / "secret.usda"
    secret.write_text('#usda 1.0\ndef Xform "S"\n{\n}\n', encoding="utf-8")
    folder = tmp_path / "asset"
    folder.mkdir()
    outside = folder / "root.usda"
    # a relative path that resolves outside the root: refused, never opened (an absolute one is a finding)
    outside.write_text('#usda 1.0\n(\n    subLayers = [@../secret.usda@]\n)\n', encoding="utf-8")
    broken = folder / "broken.usda"
    broken.write_text('#usda 1.0\ndef Xform "Root" {\n  float3 x = (1, 2\n', encoding="utf-8")
    sample = SAMPLES / "usd_assets" / "crate.usdz"
    limits = openusd.Limits(seconds=30, memory_mb=1024)
    fresh = {p: openusd._run(p, p.parent, limits) for p in (outside, broken, sample)}
    with openusd.kept() as health:
        assert openusd._zygote is not None and health.healthy()
        forked = {p: openusd._run(p, p.parent, limits) for p in (outside, broken, sample)}
    assert forked[outside].refused is not None and forked[outside].refused["code"] == "usd-path-outside"
    assert forked[broken].refused is not None and forked[broken].refused["code"] == "usd-cannot-open"
    assert forked == fresh
    assert openusd._zygote is None


@pytest.mark.slow
@pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")
def test_the_zygote_keeps_the_time_budget_and_memory_cap(tmp_path: Path) -> None:
    from tests.hostile.test_usd import fanned_out

    path = fanned_out(tmp_path / "million.usda", instanceable=False)
    # 4 s: the million prims compose in none (over-time at 3 and at 10 s alike, 2026-11-27);
    # each second of the budget is a second of a worker's wall and of the child's CPU
    limits = openusd.Limits(seconds=4, memory_mb=1024)
    with openusd.kept() as health:
        started = time.monotonic()
        judgement = openusd._run(path, tmp_path, limits)
        took = time.monotonic() - started
        assert health.healthy()  # the zygote itself lives on: only its child was stopped
    assert took < limits.seconds + 10
    assert judgement.refused is not None
    assert judgement.refused["code"] in ("usd-over-time", "usd-over-memory", "usd-worker-failed")


def test_a_runtime_folder_too_deep_for_a_socket_address_falls_back_to_the_users_tmp_folder(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    path = warmclient.socket_path()
    assert len(path.encode()) <= warmclient.SOCKET_PATH_MAX
    assert path.startswith(f"/tmp/conformance-{os.getuid()}/")
    short = tempfile.mkdtemp(dir="/tmp")  # a runtime folder a socket address holds is used
    try:
        monkeypatch.setenv("XDG_RUNTIME_DIR", short)
        assert warmclient.socket_path().startswith(os.path.join(short, "conformance", "warm-"))
    finally:
        shutil.rmtree(short)


# -- issue 60: the warm process is the cold process, faster ----------------------------------------


def test_a_suite_edited_with_its_time_kept_is_a_change(tmp_path: Path) -> None:
    """A suite module edited and its mtime put back: the warm process kept judging with the code
    it loaded (its check read times only); the content digest is checked on every run."""
    suite = tmp_path / "suites" / "area" / "test_area.py"
    suite.parent.mkdir(parents=True)
    suite.write_text("def test_x():\n    assert True\n")
    sources = warm._sources([tmp_path])
    assert not warm._changed(sources)
    before = suite.stat()
    suite.write_text("def test_x():\n    assert 1/1\n")  # same size, other code
    os.utime(suite, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert suite.stat().st_mtime_ns == before.st_mtime_ns
    assert warm._changed(sources)


# -- issue 77: a file whose stat signature holds is not read again ---------------------------------


def _settled(path: Path) -> dict[str, warm.Source]:
    """``path`` as the warm process records a file it loaded long after the file's last change
    (the signature trusted: no second write can keep it)."""
    return {str(path): warm._seen(str(path))._replace(racy=False)}


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run re-hashed every file of the package, vendored validators included: one GLB through
    the warm process cost 2.2x the validator alone. A file whose signature holds is not read."""
    source = tmp_path / "module.py"
    source.write_text("x = 1\n")
    sources = _settled(source)
    monkeypatch.setattr(warm, "_content", lambda path: pytest.fail(f"read {path} again"))
    assert not warm._changed(sources)


def test_a_file_replaced_by_another_of_the_same_size_and_times_is_a_change(tmp_path: Path) -> None:
    """An editor's save by rename: a new inode, its size and modification time made the old ones."""
    source = tmp_path / "module.py"
    source.write_text("x = 1\n")
    keep = tmp_path / "kept.py"
    os.link(source, keep)  # the old inode stays in use, so the new file cannot reuse its number
    sources = _settled(source)
    before = source.stat()
    other = tmp_path / "new.py"
    other.write_text("x = 2\n")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, source)
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    assert warm._changed(sources)


def _ctime_moved(status: os.stat_result) -> os.stat_result:
    """``status`` with its change time a second later, all else kept: what the file's next stat
    gives after a write in a later clock tick that kept its size and put its modification time back."""
    names = ("st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize",
             "st_blocks", "st_rdev")
    extra = {name: getattr(status, name) for name in names}
    extra["st_ctime_ns"] += 10**9
    return os.stat_result(tuple(status)[:10], extra)


def test_an_edit_that_kept_size_and_modification_time_is_found_by_the_change_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stale-code attack on a settled file: same size, ``utime`` putting the modification time
    back. Only the change time moved (no user call sets it back), and that is enough to read it."""
    source = tmp_path / "module.py"
    source.write_text("x = 1\n")
    sources = _settled(source)
    before = source.stat()
    source.write_text("x = 2\n")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    real_stat = os.stat
    monkeypatch.setattr(warm.os, "stat", lambda path, *a, **k: _ctime_moved(real_stat(path, *a, **k)))
    assert warm._changed(sources)


def test_a_signature_that_moved_over_the_same_content_is_no_change_and_is_kept(tmp_path: Path) -> None:
    """A file touched, not edited: read once, no change, and its new signature recorded so that
    the next run does not read it again."""
    source = tmp_path / "module.py"
    source.write_text("x = 1\n")
    sources = _settled(source)
    size, inode, ctime, mtime = sources[str(source)].signature
    sources[str(source)] = sources[str(source)]._replace(signature=(size, inode, ctime - 1, mtime))
    assert not warm._changed(sources)
    assert sources[str(source)].signature == warm._signature(source.stat())


def test_a_file_seen_within_a_clock_tick_of_its_change_is_hashed_on_every_run(tmp_path: Path) -> None:
    """Racily clean, as git calls it: a second write of the same size in the same tick keeps size,
    inode and both times, so a signature taken that soon decides nothing alone."""
    source = tmp_path / "module.py"
    source.write_text("x = 1\n")
    sources = {str(source): warm._seen(str(source))}
    assert sources[str(source)].racy
    before = source.stat()
    source.write_text("x = 2\n")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert warm._changed(sources)


def test_a_run_whose_client_went_away_is_ended(tmp_path: Path) -> None:
    """The client killed mid-run (its connection closed): before, the forked run went on; now it
    is interrupted (SIGINT, as Ctrl-C: it writes its incomplete report) and waited for."""
    import signal

    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:  # the "run": ends with 7 when interrupted, 0 if left to finish
        try:
            signal.signal(signal.SIGINT, lambda *_: os._exit(7))
            theirs.close()
            time.sleep(120)
        finally:
            os._exit(0)
    with ours:
        theirs.close()  # the client goes away
        assert warm._wait(pid, ours) == 7  # interrupted: a run left to finish would end with 0


def test_a_warm_run_writes_its_reports_with_the_clients_umask(server, tmp_path: Path) -> None:
    """umask 077: the cold run writes its reports 0600; the warm one wrote them 0644 (the warm
    process's own umask). Now it takes the client's."""
    _, runtime = server
    _, sample = CASES["did"]
    modes = {}
    for mode in ("cold", "warm"):
        env = _env(runtime, **({"CONFORMANCE_WARM": "1"} if mode == "warm" else {}))
        done = subprocess.run(["sh", "-c", 'umask 077 && exec "$0" -m conformance.cli "$@"', sys.executable,
                               "validate", "--profile", "identity-document", "--format", "json", "--no-progress",
                               "--out", str(tmp_path / mode), str(sample)], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        modes[mode] = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / mode).iterdir() if p.is_file()}
    assert modes["warm"] == modes["cold"] and set(modes["cold"].values()) == {0o600}, modes


def test_a_client_in_a_deleted_working_folder_is_judged_as_cold(server, tmp_path: Path) -> None:
    """The client's working folder deleted under it: before, the client failed with a traceback
    (os.getcwd); now the run is handed the folder itself and ends as the cold command does."""
    process, runtime = server
    _, sample = CASES["did"]
    done = {}
    before = 0.0
    for mode in ("cold", "warm"):
        before = _server_cpu(process.pid)
        gone = tmp_path / f"gone-{mode}"
        gone.mkdir()
        env = _env(runtime, **({"CONFORMANCE_WARM": "1"} if mode == "warm" else {}))
        # the console script (its sys.path is the warm process's: `python -m` in a deleted folder has
        # another, so it would reach no warm process and run cold anyway)
        script = Path(sys.executable).with_name("conformance")
        done[mode] = subprocess.run(["sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh", str(gone),
                                     str(script), "validate", "--profile",
                                     "identity-document", "--format", "json", "--no-progress",
                                     "--out", str(tmp_path / f"out-{mode}"), str(sample)],
                                    env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    cold, warm_ = done["cold"], done["warm"]
    assert "Traceback" not in warm_.stderr, warm_.stderr
    assert _server_cpu(process.pid) > before  # it ran in the warm process
    assert (warm_.returncode, warm_.stderr) == (cold.returncode, cold.stderr)
    assert _views(tmp_path / "out-warm") == _views(tmp_path / "out-cold")


def test_a_squatted_runtime_folder_is_one_line_and_the_run_goes_cold(tmp_path: Path) -> None:
    """$XDG_RUNTIME_DIR/conformance that others may enter (or another user owns): `warm status`
    and `warm serve` were an OSError traceback; now one line, exit 2, and a run with
    CONFORMANCE_WARM=1 runs cold saying why."""
    runtime = Path(tempfile.mkdtemp(dir="/tmp"))  # short enough for a socket address (else /tmp/conformance-<uid>)
    try:
        (runtime / "conformance").mkdir()
        (runtime / "conformance").chmod(0o755)
        env = _env(runtime)
        for action in ("status", "serve"):
            done = _cli(["warm", action], env, tmp_path)
            assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
            assert len(done.stderr.strip().splitlines()) == 1 and "not a folder of this user's only" in done.stderr
        _, sample = CASES["did"]
        args = ["validate", "--profile", "identity-document", "--format", "json", "--no-progress", str(sample)]
        cold = _cli([*args, "--out", str(tmp_path / "cold")], env, tmp_path)
        warm_ = _cli([*args, "--out", str(tmp_path / "warm")], _env(runtime, CONFORMANCE_WARM="1"), tmp_path)
        assert warm_.returncode == cold.returncode == 0
        assert warm_.stderr == "conformance: no warm process: " + str(runtime / "conformance") + \
            " is not a folder of this user's only; running cold\n" + cold.stderr, warm_.stderr
    finally:
        shutil.rmtree(runtime)


@pytest.mark.slow
def test_a_warm_client_killed_mid_run_stops_its_requests_and_frees_the_queue(server, tmp_path: Path) -> None:
    """A CI job cancelled while its warm run talks to a product (the client SIGKILLed): before,
    the forked run went on sending the product requests to its end, holding the queue. Now the
    run is interrupted: it writes an incomplete report, the product gets no request after it, and
    the next client is served. (A cold run killed so writes no report at all: the report shows
    the run was the warm process's.)"""
    import http.server
    import signal
    import threading

    import yaml

    from tests.servers import serving

    process, runtime = server
    started: list[float] = []
    lock = threading.Lock()

    class SlowProduct(http.server.BaseHTTPRequestHandler):
        """Answers every request, half a second late: a run over it lasts about half a minute."""

        def _answer(self) -> None:
            with lock:
                started.append(time.time())
            self.rfile.read(int(self.headers.get("content-length") or 0))
            time.sleep(0.5)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    with serving(SlowProduct) as url:
        manifest = tmp_path / "manifest.yaml"
        manifest.write_text(yaml.safe_dump({"product": {"name": "slow", "version": "1"},
                                            "profiles": ["interfaces-core"],
                                            "targets": {"api": {"adapter": "http", "base_url": url}}}))
        env = _env(runtime, CONFORMANCE_WARM="1")
        client = subprocess.Popen([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(manifest),
                                   "--out", str(tmp_path / "out"), "--no-progress"], env=env, cwd=tmp_path,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 180
        while len(started) < 3:  # the run is talking to the product
            if client.poll() is not None or time.monotonic() > deadline:
                client.kill()
                pytest.fail(f"the run did not reach the product: {client.communicate()[1][-2000:]!r}")
            time.sleep(0.1)
        client.send_signal(signal.SIGKILL)  # the job cancelled: no Ctrl-C forwarded, the connection just closes
        client.communicate()
        report = tmp_path / "out" / "report.json"
        deadline = time.monotonic() + 120
        while not report.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert report.exists(), "no report: the run was not ended as interrupted"
        written = report.stat().st_mtime
        assert json.loads(report.read_text(encoding="utf-8"))["complete"] is False  # interrupted, not run to its end
        before = _server_cpu(process.pid)
        _, sample = CASES["did"]
        after = _cli(["validate", "--profile", "identity-document", "--format", "json", "--no-progress",
                      "--out", str(tmp_path / "next"), str(sample)], env, tmp_path)
        assert after.returncode == 0, after.stderr
        assert _server_cpu(process.pid) > before  # the next client was served by the warm process
        with lock:
            late = [t for t in started if t > written]
    assert not late, f"{len(late)} request(s) reached the product after the interrupted run's report"


def test_a_forked_run_parses_with_the_parser_built_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm process builds the parser of the commands it hands over once (each run built
    it again: ~12 ms of CPU), and a run forked after it finds it kept; a run parses its command
    line with it as with one built afresh."""
    from conformance.cli import parser

    argv = ["validate", "--profile", "asset-3d-content", "--format", "json", "model.glb"]
    monkeypatch.setattr(parser, "_BUILT", {})
    fresh = parser.build_parser(argv)
    monkeypatch.setattr(parser, "_BUILT", {})
    ahead = parser.build_parser(["validate"])  # what the warm process's _load builds
    assert ahead is not fresh and parser.build_parser(argv) is ahead
    assert vars(parser.build_parser(argv).parse_args(argv)) == vars(fresh.parse_args(argv))
    assert parser.build_parser(["generate", "--help"]) is not ahead  # the generators' variant
