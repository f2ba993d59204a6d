"""Where one demo HTTP run spends its CPU (run by hand, never from the test suite): the week of
runs' first day (tests/reference/test_week_of_runs.py), in-process, profiled in the harness's
thread and in the reference servers' threads alike.

    PYTHONPATH=src python bench/demo_http_profile.py OUT [--wall]

Serves the references over TLS as the week does (one per HTTP role), runs every demo profile with
an HTTP target once (``conformance._run.engine.run``, formats json), and writes OUT/main.prof
(the harness's thread) and OUT/server.prof (the servers' threads, summed): pstats files, read
with ``python -m pstats``. The profiles time CPU (``time.thread_time``), so a thread waiting on
the other (a request in flight, the GIL) is not counted; ``--wall`` times the wall clock instead.
Prints the process's CPU, the harness thread's, the wall time, the number of profiles not
conformant, and each profile's share by package (top 15). Profiling slows what it profiles (the
CPU profile some threefold): read the shares, not the seconds.
"""

from __future__ import annotations

import cProfile
import collections
import pstats
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from conformance.cli.manifests import demo_manifest, http_roles  # noqa: E402
from conformance.reference import create_app  # noqa: E402
from conformance.reference import server  # noqa: E402
from tests.conftest import run, shipped_catalog  # noqa: E402  (the tests' catalog and engine)
from tests.reference.test_week_of_runs import _http_profiles  # noqa: E402


def _by_package(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time summed by package (site-packages' top folder, the project's subpackage, or the builtin)."""
    shares: collections.Counter[str] = collections.Counter()
    for (file, _, name), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "site-packages/" in file:
            key = file.split("site-packages/")[1].split("/")[0]
        elif "/src/" in file:
            key = file.split("/src/")[1].rsplit("/", 1)[0]
        elif "/suites/" in file:
            key = "suites"
        else:
            key = name if file == "~" else file.rsplit("/", 1)[-1]
        shares[key] += own
    return shares.most_common(15)


def main(out: Path, wall: bool) -> None:
    timer = time.perf_counter if wall else time.thread_time
    threads: list[cProfile.Profile] = []
    serve_in_thread = server._PromptServer.run

    def profiled(self: server._PromptServer, *args: object, **kwargs: object) -> None:
        profile = cProfile.Profile(timer)
        threads.append(profile)
        profile.enable()
        try:
            serve_in_thread(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            profile.disable()

    server._PromptServer.run = profiled  # type: ignore[method-assign]
    catalog = shipped_catalog()
    out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        base_urls = {role: stack.enter_context(server.serve(create_app(), tls=True)) for role in http_roles(catalog)}
        manifest = _http_profiles(catalog, demo_manifest(catalog, base_urls))
        (out / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
        main_thread = cProfile.Profile(timer)
        cpu, thread, started = time.process_time(), time.thread_time(), time.perf_counter()
        main_thread.enable()
        result = run(out / "manifest.yaml", catalog=catalog, out_dir=out / "run", formats=["json"],
                     quotable=[ROOT / "tests", ROOT / "examples"])
        main_thread.disable()
        cpu, thread, spent = time.process_time() - cpu, time.thread_time() - thread, time.perf_counter() - started
    main_thread.dump_stats(str(out / "main.prof"))
    servers = pstats.Stats(threads[0])
    for profile in threads[1:]:
        servers.add(profile)
    servers.dump_stats(str(out / "server.prof"))
    unlike = [p.id for p in result.report.profiles if p.outcome.value != "conformant"]
    print(f"process CPU {cpu:.1f} s, harness thread {thread:.1f} s, wall {spent:.1f} s; not conformant: {unlike}")
    for label, stats in (("harness thread", pstats.Stats(str(out / "main.prof"))), ("servers", servers)):
        print(f"{label}, own time by package:")
        for key, seconds in _by_package(stats):
            print(f"  {seconds:8.2f}  {key}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--wall" in sys.argv[2:])
