"""The site owns its pages by their whole bytes (conformance.programme.sitepages, issue 72 item 4):
a page is kept only when it is, byte for byte, the one the site wrote from today's inputs. One
test per attack: a page edited by hand keeping its last line (the digest comment), a page
replaced by a link to a file outside the site or to one inside it, a folder of pages replaced by
a link, a page hard-linked to a file outside, a page renamed over another."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import orjson
import pytest

from conformance.errors import HarnessInputError
from conformance.programme import sitepages

from .test_site_incremental import City, _files, _full

PAGE = "en/participants/p01.html"


@pytest.fixture
def city(tmp_path, catalog):
    city = City(tmp_path, 3)
    for member in city.members:
        city.certify(member)
    city.build(catalog, tmp_path / "site")
    yield city
    city.history.close()


def _build(city: City, catalog, site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in city.build(catalog, site)}


def test_a_page_edited_by_hand_keeping_its_last_line_is_written_again(city, catalog, tmp_path):
    site = tmp_path / "site"
    page = site / PAGE
    last = page.read_bytes().splitlines(keepends=True)[-1]
    assert last.startswith(b"<!-- site inputs sha256:")
    page.write_bytes(b"<html><body>forged: certified forever</body></html>\n" + last)
    assert _build(city, catalog, site) == {PAGE}
    assert _files(site) == _full(city, catalog, tmp_path / "full")


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_a_page_replaced_by_a_link_is_refused_and_what_it_points_at_left_alone(city, catalog, tmp_path, where):
    site = tmp_path / "site"
    page = site / PAGE
    # the link's target holds the very bytes the site wrote: only the link gives it away
    target = tmp_path / "outside.html" if where == "outside" else site / "en" / "copy-of-p01.html"
    written = page.read_bytes()
    target.write_bytes(written)
    page.unlink()
    os.symlink(target, page)
    with pytest.raises(HarnessInputError) as refused:
        city.build(catalog, site)
    assert str(page) in str(refused.value) and "symbolic link" in str(refused.value)
    assert target.read_bytes() == written
    page.unlink()  # the operator removes the link: the next build writes the page
    assert PAGE in _build(city, catalog, site)
    target.unlink()
    assert _files(site) == _full(city, catalog, tmp_path / "full")


def test_a_folder_of_pages_replaced_by_a_link_is_refused_and_nothing_written_through_it(city, catalog, tmp_path):
    site = tmp_path / "site"
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(site / "en" / "participants", elsewhere)
    before = _files(elsewhere)
    shutil.rmtree(site / "en" / "participants")
    os.symlink(elsewhere, site / "en" / "participants")
    city.history.revoke(city.certificates[1], "regressed")  # p01's pages are to be written again
    with pytest.raises(HarnessInputError, match="symbolic link"):
        city.build(catalog, site)
    assert _files(elsewhere) == before


def test_a_page_hard_linked_to_a_file_outside_is_written_again_and_the_link_broken(city, catalog, tmp_path):
    site = tmp_path / "site"
    page = site / PAGE
    outside = tmp_path / "outside.html"
    os.link(page, outside)  # whoever holds the other name could rewrite the published page
    assert _build(city, catalog, site) == {PAGE}
    assert os.stat(page).st_nlink == 1 and not os.path.samefile(page, outside)
    outside.write_bytes(b"edited through the other name")
    assert _build(city, catalog, site) == set()
    assert _files(site) == _full(city, catalog, tmp_path / "full")


def test_a_page_renamed_over_another_is_written_again(city, catalog, tmp_path):
    site = tmp_path / "site"
    os.replace(site / "en/participants/p02.html", site / PAGE)
    assert _build(city, catalog, site) == {PAGE, "en/participants/p02.html"}
    assert _files(site) == _full(city, catalog, tmp_path / "full")


def test_the_manifest_records_each_pages_whole_bytes(city, catalog, tmp_path):
    site = tmp_path / "site"
    manifest = orjson.loads((site / sitepages.MANIFEST).read_bytes())
    for relative, recorded in manifest["pages"].items():
        assert recorded["sha256"] == hashlib.sha256((site / relative).read_bytes()).hexdigest()
