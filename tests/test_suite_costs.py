"""What keeps the harness's own test suite fast (issue 31) without weakening it: the fast
layer's hypothesis profile and the session's byte-code folder (tests/conftest.py,
tests/bytecode.py)."""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import bytecode, conftest


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
    conftest._long_modules_first(items)
    assert [i.path for i in items] == ["c", "c", "d", "a", "b", "a"] != order
