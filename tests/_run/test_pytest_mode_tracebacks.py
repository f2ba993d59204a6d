"""In a pytest-driven run (``pytest --conformance-manifest``) a test's report shows its
requirement's verdict: a failure carried by findings shows the findings, an inconclusive or
not applicable test its reason, and pytest never formats the traceback those replace (each
source file in it parsed again: some 15 ms a test, issue 77 item 7). An error and a failure
without findings keep pytest's traceback, as before."""

from __future__ import annotations

import _pytest.nodes
import yaml

from conformance._catalog.cache import cache_dir
from tests.minicatalog import REQUIREMENT, write_catalog

pytest_plugins = ["pytester"]

MODULE = '''
import pytest
from conformance import Inconclusive, NonConformance, NotApplicable


@pytest.fixture
def broken_set_up():
    raise KeyError("set-up boom")


@pytest.fixture
def broken_teardown():
    yield
    raise KeyError("teardown boom")


@pytest.mark.requirement("ID-DOC-901")
def test_finding_raised():
    raise NonConformance("the value is wrong", file="x.json", pointer="/a", expected=1, actual=2)


@pytest.mark.requirement("ID-DOC-902")
def test_assert():
    assert 1 + 1 == 3, "arithmetic is broken"


@pytest.mark.requirement("ID-DOC-903")
def test_fault():
    raise LookupError("boom")


@pytest.mark.requirement("ID-DOC-904")
def test_undecided():
    raise Inconclusive("nothing to look at")


@pytest.mark.requirement("ID-DOC-905")
def test_not_for_this_product():
    raise NotApplicable("no such feature here")


@pytest.mark.requirement("ID-DOC-906")
def test_set_up_fault(broken_set_up):
    pass


@pytest.mark.requirement("ID-DOC-907")
def test_finding_then_assert(evidence):
    evidence.finding("recorded wrong", file="y.json", pointer="/b")
    assert 2 + 2 == 5, "recorded then asserted"


@pytest.mark.requirement("ID-DOC-908")
def test_teardown_fault(broken_teardown):
    pass
'''
NUMBERS = ("901", "902", "903", "904", "905", "906", "907", "908")
#: the tests whose report keeps pytest's traceback: a failure without findings and the errors
KEPT = {"test_assert", "test_fault", "test_set_up_fault", "test_teardown_fault"}


def test_only_tracebacks_that_are_shown_are_formatted(tmp_path, pytester, monkeypatch):
    profile = {"id": "mini", "version": "1.0.0", "title": {"en": "Mini", "zh": "迷你"},
               "targets": {"files": {"kind": "file"}}, "requirements": [f"ID-DOC-{n}" for n in NUMBERS]}
    root = write_catalog(tmp_path / "catalog", [{**REQUIREMENT, "id": f"ID-DOC-{n}"} for n in NUMBERS],
                         MODULE, profile)
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    (vendor / "data.json").write_text("{}")
    manifest = {"product": {"name": "Mini", "version": "1"}, "profiles": ["mini"],
                "targets": {"files": {"adapter": "file", "paths": ["data.json"]}}}
    (vendor / "m.yaml").write_text(yaml.safe_dump(manifest))

    formatted: list[str] = []
    real = _pytest.nodes.Node._repr_failure_py

    def counted(self, excinfo, style=None):
        formatted.append(self.name)
        return real(self, excinfo, style)

    cache = cache_dir()  # as this process found it, before pytester points HOME elsewhere
    monkeypatch.setattr(_pytest.nodes.Node, "_repr_failure_py", counted)
    monkeypatch.setenv("CONFORMANCE_CATALOG", str(root))
    monkeypatch.setenv("CONFORMANCE_CACHE_DIR", str(cache) if cache is not None else "off")
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.chdir(vendor)
    done = pytester.runpytest_inprocess("-q", "-rfEsx", "-p", "no:cacheprovider", "--conformance-manifest",
                                        "m.yaml")
    out = done.stdout.str()

    assert sorted(formatted) == sorted(KEPT), out  # each kept traceback once; none thrown away
    # kept: pytest's own traceback, its source line and exception
    assert '>       assert 1 + 1 == 3, "arithmetic is broken"' in out, out
    assert "E       AssertionError: arithmetic is broken" in out, out
    assert '>       raise LookupError("boom")' in out and "E       LookupError: boom" in out, out
    assert '>       raise KeyError("set-up boom")' in out and "E       KeyError: 'set-up boom'" in out, out
    assert '>       raise KeyError("teardown boom")' in out and "E       KeyError: 'teardown boom'" in out, out
    # replaced: the verdict's own lines, no traceback
    assert "ID-DOC-901 fails: the value is wrong" in out and "[file=x.json pointer=/a]" in out, out
    assert "ID-DOC-907 fails: " in out and "recorded wrong  [file=y.json pointer=/b]" in out, out
    for hidden in ("raise NonConformance(", "assert 2 + 2 == 5", "raise Inconclusive(", "raise NotApplicable(",
                   "traceback not made yet"):
        assert hidden not in out, (hidden, out)
    assert "inconclusive: nothing to look at" in out and "not applicable: no such feature here" in out, out
    counts = done.parseoutcomes()
    # 908's call passed; its teardown is the error
    assert counts == {"failed": 3, "errors": 3, "passed": 1, "xfailed": 1, "skipped": 1}, out
    assert done.ret == 1, out
