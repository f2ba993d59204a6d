"""What hypothesis costs a run, kept to what the suites need: its Unicode category table is
shipped, not built in every process (conformance._run.surroundings.HypothesisHome,
scripts/hypothesis_charmaps.py), and no suite module loads NumPy for nothing."""

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

import pytest
from hypothesis import configuration
from hypothesis.internal import charmap

from conformance._run.surroundings import CHARMAPS, HypothesisHome
from tests.paths import ROOT

SHIPPED = CHARMAPS / f"charmap-{unicodedata.unidata_version}.json.gz"


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """hypothesis with an empty home folder and no table in memory, both restored afterwards."""
    before = configuration.storage_directory(intent_to_write=False).home_directory
    configuration.set_hypothesis_home_dir(tmp_path / "home")
    monkeypatch.setattr(charmap, "_charmap", None)
    yield tmp_path / "home"
    configuration.set_hypothesis_home_dir(before)


def test_the_shipped_table_is_the_one_hypothesis_builds(fresh_home):
    assert SHIPPED.is_file(), (f"no table for Unicode {unicodedata.unidata_version}: "
                               f"run scripts/hypothesis_charmaps.py with this Python")
    built = charmap.charmap()  # no file in the fresh home: hypothesis computes and writes it
    assert gzip.decompress(Path(charmap.charmap_file()).read_bytes()) == gzip.decompress(SHIPPED.read_bytes())
    assert built["Lu"][0] == (65, 90)  # A-Z: the table is what it says


def test_a_run_reads_the_shipped_table_instead_of_building_it(fresh_home, monkeypatch):
    home = HypothesisHome()
    home.apply()  # a home of its own, in a temporary folder, with the table put in it
    try:
        assert Path(charmap.charmap_file()).read_bytes() == SHIPPED.read_bytes()

        def no_building(character: str) -> str:
            raise AssertionError("hypothesis built the table")
        monkeypatch.setattr(charmap.unicodedata, "category", no_building)
        assert charmap.charmap()["Nd"][0] == (48, 57)  # 0-9, read from the file
    finally:
        home.restore()


def test_the_usd_suite_brings_no_numpy_until_a_pair_is_compared():
    """A run of the HTTP profiles imports the USD suite for AS-USD-012 (interop-pair); NumPy
    comes with the comparison of a pair, not with the module: once loaded, hypothesis saves and
    restores NumPy's random state around every example of every property test after it."""
    import subprocess
    import sys

    probe = ("import runpy, sys; runpy.run_path('suites/assets/test_usd.py'); "
             "print('numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    assert done.stdout.strip() == "False", done.stderr
