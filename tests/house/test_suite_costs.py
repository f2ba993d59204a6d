"""What keeps the harness's own test suite fast (issue 31) without weakening it: the fast
layer's hypothesis profile, the session's byte-code folder and its processes' allocator
(tests/conftest.py, tests/bytecode.py, tests/allocator.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import ModuleType, SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import allocator, bytecode, conftest


@pytest.fixture
def fast_profile():
    before = settings.get_current_profile_name()
    settings.load_profile("fast")
    yield
    settings.load_profile(before)


def _property(examples: int, calls: list[int]):
    @settings(max_examples=examples)
    @given(st.integers())
    def prop(n):
        calls.append(n)
        assert isinstance(n, int)

    return prop


@pytest.mark.parametrize(("declared", "fast"), [(300, 60), (60, 20), (10, 10)])
def test_the_fast_layer_runs_a_share_of_each_propertys_examples(fast_profile, declared, fast):
    calls: list[int] = []
    prop = _property(declared, calls)
    conftest._fewer_examples([SimpleNamespace(obj=prop)])
    conftest._fewer_examples([SimpleNamespace(obj=prop)])  # a second parametrization: once
    assert prop._hypothesis_internal_use_settings.max_examples == fast
    assert prop._hypothesis_internal_use_settings.deadline is None
    prop()
    assert 0 < len(calls) <= fast


def test_the_full_run_keeps_the_declared_count():
    before = settings.get_current_profile_name()
    settings.load_profile("harness")
    try:
        prop = _property(300, [])
        conftest._fewer_examples([SimpleNamespace(obj=prop)])
        assert prop._hypothesis_internal_use_settings.max_examples == 300
    finally:
        settings.load_profile(before)


def test_a_property_still_fails_in_the_fast_layer(fast_profile):
    @settings(max_examples=300, database=None)
    @given(st.integers(0, 1000))
    def prop(n):
        assert n < 50

    conftest._fewer_examples([SimpleNamespace(obj=prop)])
    with pytest.raises(AssertionError):
        prop()


def test_the_byte_code_folder_is_the_users_own(tmp_path, monkeypatch):
    monkeypatch.setattr(bytecode.tempfile, "gettempdir", lambda: str(tmp_path))
    folder = bytecode.cache_folder()
    assert folder is not None and folder.parent == tmp_path and (folder.stat().st_mode & 0o077) == 0
    folder.chmod(0o777)  # anyone could plant byte code there: not used
    assert bytecode.cache_folder() is None
    folder.rmdir()
    folder.symlink_to(tmp_path)
    assert bytecode.cache_folder() is None


def test_byte_code_goes_to_the_folder_where_none_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(bytecode.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    bytecode.keep_byte_code()
    assert sys.pycache_prefix == os.environ["PYTHONPYCACHEPREFIX"] == str(bytecode.cache_folder())
    assert not sys.dont_write_bytecode and "PYTHONDONTWRITEBYTECODE" not in os.environ


def test_modules_with_slow_tests_run_first_each_whole_and_in_order():
    def item(path, slow=False):
        return SimpleNamespace(path=path, get_closest_marker=lambda name: object() if slow and name == "slow" else None)

    items = [item("a"), item("b"), item("c"), item("c", slow=True), item("d", slow=True), item("a")]
    order = [i.path for i in items]
    conftest._long_modules_first(items, workers=1)
    assert [i.path for i in items] == ["c", "c", "d", "a", "b", "a"] != order


def test_the_longest_tests_modules_start_first_and_each_named_module_exists():
    def item(path, slow=True):
        return SimpleNamespace(path=path, get_closest_marker=lambda name: object() if slow and name == "slow" else None)

    week, pdf = (conftest.ROOT / p for p in conftest.LONGEST_FIRST[:2])
    items = [item("a", slow=False), item("b"), item(pdf), item(week), item(pdf)]
    conftest._long_modules_first(items, workers=1)  # not the worker count of the run testing this
    assert [i.path for i in items] == [week, pdf, pdf, "b", "a"]
    # with workers, each worker's first share starts with its own long modules, dealt in turn
    longest = [conftest.ROOT / p for p in conftest.LONGEST_FIRST[:3]]
    items = [item(p) for p in longest] + [item(str(n), slow=False) for n in range(9)]
    conftest._long_modules_first(items, workers=3)
    assert [str(i.path) for i in items] == [str(longest[0]), "0", "1", "2", str(longest[1]), "3", "4", "5",
                                            str(longest[2]), "6", "7", "8"]
    missing = [p for p in conftest.LONGEST_FIRST if not (conftest.ROOT / p).is_file()]
    assert not missing, f"tests/conftest.py LONGEST_FIRST names modules that are not there: {missing}"


def test_the_cpu_costs_plugin_writes_one_record_a_process_only_where_asked(tmp_path, monkeypatch):
    from tests import cpu_costs

    monkeypatch.setattr(cpu_costs, "_rows", [("tests/test_a.py::test_x", 0.5, 0.25, 1.0)])
    monkeypatch.delenv(cpu_costs.FOLDER_VARIABLE, raising=False)
    cpu_costs.pytest_unconfigure(None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv(cpu_costs.FOLDER_VARIABLE, str(tmp_path))
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw7")
    cpu_costs.pytest_unconfigure(None)  # type: ignore[arg-type]
    record = json.loads((tmp_path / "gw7.json").read_text(encoding="utf-8"))
    assert record["process"] == "gw7" and record["tests"] == [["tests/test_a.py::test_x", 0.5, 0.25, 1.0]]
    assert record["own"] > 0


def test_the_bench_sums_costs_by_file_and_names_what_was_spent_outside_tests(tmp_path, capsys):
    bench = conftest.load_module("bench_testsuite", conftest.ROOT / "bench" / "testsuite.py")
    (tmp_path / "gw0.json").write_text(json.dumps({"process": "gw0", "own": 10.0, "children": 2.0, "tests": [
        ["tests/test_a.py::test_x", 3.0, 0.0, 1.0], ["tests/test_a.py::test_y", 1.0, 2.0, 1.0],
        ["tests/test_b.py::test_z", 0.5, 0.0, 1.0]]}), encoding="utf-8")
    bench.print_costs(tmp_path)
    out = capsys.readouterr().out
    assert "gw0: 10.0 s CPU own, 2.0 s children; 5.5 s own outside its 3 tests" in out
    assert "   6.00 =   4.00 +   2.00     2  tests/test_a.py" in out
    assert out.index("tests/test_a.py\n") < out.index("tests/test_b.py\n")
    assert "  3.00 =  1.00 +  2.00  tests/test_a.py::test_y" in out


def test_the_bench_shows_when_each_worker_ended_and_what_ran_last(tmp_path, capsys):
    bench = conftest.load_module("bench_testsuite", conftest.ROOT / "bench" / "testsuite.py")
    for worker, tests in {"gw0": [["tests/test_a.py::test_x", 1.0, 0.0, 2.0, 102.0],
                                  ["tests/test_a.py::test_long", 9.0, 0.0, 30.0, 140.0]],
                          "gw1": [["tests/test_b.py::test_z", 1.0, 0.0, 5.0, 110.0]]}.items():
        (tmp_path / f"{worker}.json").write_text(json.dumps({"process": worker, "own": 12.0, "children": 0.0,
                                                             "tests": tests}), encoding="utf-8")
    bench.print_costs(tmp_path)
    out = capsys.readouterr().out
    assert "each worker's last test ended at gw0 40 s, gw1 10 s" in out  # the first test started at 100
    assert "after 10 s, 1 tests ended, 30 s of them; the longest 12:" in out  # gw1 idled from 10 s
    assert out.rstrip().endswith("ended   40.0 s, ran  30.0 s  gw0  tests/test_a.py::test_long")


def _config(markexpr: str | None) -> SimpleNamespace:
    return SimpleNamespace(getoption=lambda name, default=None: markexpr if name == "markexpr" else default,
                           option=SimpleNamespace(numprocesses="auto"))


def test_auto_starts_two_workers_a_core_for_the_whole_suite_and_xdists_count_otherwise(monkeypatch):
    from xdist.plugin import pytest_xdist_auto_num_workers as xdist_count

    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    cores = xdist_count(_config(None))
    assert conftest.pytest_xdist_auto_num_workers(_config(None)) == 2 * cores
    assert conftest.pytest_xdist_auto_num_workers(_config("not container")) == 2 * cores
    assert conftest.pytest_xdist_auto_num_workers(_config("not slow and not container")) is None
    monkeypatch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "3")  # the user's count: xdist's own hook reads it
    assert conftest.pytest_xdist_auto_num_workers(_config(None)) is None


def test_workers_steal_pending_tests_unless_dist_is_given():
    from xdist.scheduler import WorkStealingScheduling

    def config(*args: str) -> SimpleNamespace:
        values = {"tx": ["2*popen"], "numprocesses": 2, "dist": "load"}  # what xdist sets for -n 2
        return SimpleNamespace(invocation_params=SimpleNamespace(args=args), getvalue=values.get,
                               getoption=lambda name, default=None: values.get(name, default))

    assert isinstance(conftest.pytest_xdist_make_scheduler(config("-n", "2"), None), WorkStealingScheduling)
    for chosen in (("--dist", "load"), ("--dist=loadfile",), ("-d",)):
        assert conftest.pytest_xdist_make_scheduler(config("-n", "2", *chosen), None) is None, chosen


#: Blocks of 256 KiB to 1.8 MiB, four held at a time and freed, 200 times (as numpy arrays
#: come and go); prints the minor page faults this took.
_CHURN = """
import resource, sys
if sys.argv[1] == "keep":
    from tests import allocator
    assert allocator.keep_freed_memory()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for i in range(200):
    held = [bytearray((256 + 97 * ((i * 7 + k) % 17)) << 10) for k in range(4)]
    del held
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not allocator.keep_freed_memory(), reason="the settings are glibc's")
def test_freed_memory_is_reused_not_faulted_in_again():
    """With glibc's defaults the churn faults every page in again (128 000 faults here);
    with the session's settings the pages are reused. Each in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(conftest.ROOT)}
    faults = {how: int(subprocess.run([sys.executable, "-c", _CHURN, how], capture_output=True, text=True,
                                      check=True, env=env, cwd=conftest.ROOT).stdout)
              for how in ("default", "keep")}
    assert faults["keep"] * 10 < faults["default"], faults


def test_elsewhere_than_glibc_nothing_is_set(monkeypatch):
    monkeypatch.setattr(allocator.platform, "libc_ver", lambda: ("", ""))
    assert allocator.keep_freed_memory() is False


def test_compiled_ifc_rules_are_kept_for_the_next_process_and_an_odd_entry_is_ignored(tmp_path):
    from tests import ifc_rules_cache

    key = ("0" * 64, sys.version, "pytest", "ifcopenshell")
    code = compile("RULES = 1\n", "rules.py", "exec")
    kept = ifc_rules_cache._KeptCode(tmp_path, {})
    assert key not in kept and kept.get(key) is None  # nothing kept yet: ifc_rules compiles
    kept[key] = code
    later = ifc_rules_cache._KeptCode(tmp_path, {})  # another process of the session
    assert key in later and len(later) == 1
    scope: dict = {}
    exec(later.get(key), scope)
    assert scope["RULES"] == 1
    path = ifc_rules_cache._path(tmp_path, key)
    other = ("1" * 64, *key[1:])
    path.write_bytes(ifc_rules_cache.marshal.dumps((other, code)))  # another key's code under this name
    assert key not in ifc_rules_cache._KeptCode(tmp_path, {})
    path.write_bytes(b"not marshal")
    assert ifc_rules_cache._KeptCode(tmp_path, {}).get(key) is None
    path.unlink()
    os.symlink(tmp_path / "elsewhere", path)
    assert key not in ifc_rules_cache._KeptCode(tmp_path, {})


def _factory(folder):
    return SimpleNamespace(getbasetemp=lambda: folder)


def test_a_background_start_leaves_what_another_is_making_and_a_waiting_test_reads_what_was_made(tmp_path,
                                                                                                 monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    made = []

    def make(folder):
        made.append(folder.name)
        return {"n": len(made)}

    with conftest._session_lock(tmp_path / "thing.lock") as held:  # another worker is making it
        assert held
        assert conftest.once_per_session_unless_busy(_factory(tmp_path), "thing", make) is None
    assert made == []
    assert conftest.once_per_session_unless_busy(_factory(tmp_path), "thing", make) == {"n": 1}
    assert conftest.once_per_session(_factory(tmp_path), "thing", make) == {"n": 1}  # read, not made again
    assert made == ["thing"]


def test_test_modules_start_their_background_work_once_the_tests_are_known_not_when_only_listing(tmp_path):
    started = []
    module = ModuleType("tests.a_module")
    module.start_in_background = lambda session, factory: started.append(factory) or None  # type: ignore[attr-defined]
    config = SimpleNamespace(option=SimpleNamespace(collectonly=True), _tmp_path_factory=_factory(tmp_path),
                             stash={})
    session = SimpleNamespace(config=config, items=[SimpleNamespace(module=module), SimpleNamespace(module=module)])
    conftest.pytest_collection_finish(session)
    assert started == []
    config.option.collectonly = False
    conftest.pytest_collection_finish(session)
    assert started == [config._tmp_path_factory]  # once a module, not once a test
    assert config.stash[conftest.BACKGROUND] == []
