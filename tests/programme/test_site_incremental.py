"""The site rebuilt incrementally (conformance.programme.sitepages): after any sequence of the
programme's events (a run, a certificate, a revocation, a suspension and a reinstatement by
watch, a participant joining or removed from the programme file) the site an incremental build
leaves is byte for byte the one a full build into an empty folder writes; one revocation
rewrites the revoked participant's two pages and the two overviews, nothing else; a manifest
that is missing, corrupt, foreign or edited by hand to name today's inputs beside a stale page
never keeps that page. A removed participant's pages are deleted, and nothing else is: not a
file put there by hand, not a path a manifest names outside the folder or through a link."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.programme import logformat, sitepages
from conformance.programme.history import History
from conformance.programme.site import build_site
from conformance.programme.spec import Participant, Programme

PROFILE = "identity-document"


class City:
    """A programme's history written directly (each event as the programme records it), and its site."""

    def __init__(self, folder: Path, participants: int) -> None:
        self.folder = folder
        self.history = History(folder / "history.sqlite")
        self.members = [f"p{i:02d}" for i in range(participants)]
        self.runs = 0
        self.joined = participants
        self.certificates: list[str] = []

    def programme(self) -> Programme:
        return Programme(path=self.folder / "programme.yaml", id="city", title="A city",
                         participants=tuple(Participant(m, self.folder / "m.yaml") for m in self.members))

    def run(self, who: str, conformant: bool) -> str:
        self.runs += 1
        run_id = f"run-{self.runs:03d}"
        self.history.execute("INSERT INTO runs (run_id, programme, kind, participant, report_dir, recorded, status,"
                             " complete, detail) VALUES (?, 'city', 'participant', ?, ?, ?, 'finished', 1, '')",
                             (run_id, who, str(self.folder / "out" / who / run_id),
                              f"2026-11-25T10:{self.runs // 60 % 60:02d}:{self.runs % 60:02d}Z"))
        self.history.execute("INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, ?)",
                             (run_id, PROFILE, "conformant" if conformant else "not_conformant"))
        self.history.execute("INSERT INTO verdicts (run_id, profile, requirement, verdict, parameters)"
                             " VALUES (?, ?, 'ID-DOC-002', ?, '{}')",
                             (run_id, PROFILE, "pass" if conformant else "fail"))
        return run_id

    def certify(self, who: str) -> str:
        run_id = self.run(who, True)
        with self.history.issuing() as (index, insert):
            certificate = f"urn:uuid:00000000-0000-0000-0000-{index:012d}"
            insert(certificate, who, run_id, "did:key:z6Mk", "2026-11-25T11:00:00Z", "2027-11-25T11:00:00Z",
                   f"certificates/{who}-{index}.json", "0" * 64)
        self.certificates.append(certificate)
        return certificate

    def act(self, step: tuple[str, int]) -> None:
        action, pick = step
        if action == "join":
            self.members.append(f"p{self.joined:02d}")
            self.joined += 1
        elif action == "remove":  # taken out of the programme file; its history stays
            if len(self.members) > 1:
                self.members.pop(pick % len(self.members))
        elif action in ("run", "regress"):
            self.run(self.members[pick % len(self.members)], action == "run")
        elif action == "certify":
            self.certify(self.members[pick % len(self.members)])
        elif self.certificates:
            certificate = self.certificates[pick % len(self.certificates)]
            if action == "revoke":
                self.history.revoke(certificate, "bench")
            else:  # watch: a regression suspends, a later passing run reinstates
                event = logformat.SUSPENDED if action == "suspend" else logformat.REINSTATED
                self.history.change_suspension(event, certificate, f"run-{self.runs:03d}", action)

    def build(self, catalog, site: Path) -> list[Path]:
        return build_site(self.programme(), catalog, self.history, self.folder / "out", site)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _full(city: City, catalog, folder: Path) -> dict[str, bytes]:
    city.build(catalog, folder)
    return _files(folder)


EVENTS = ["join", "remove", "run", "regress", "certify", "revoke", "suspend", "reinstate"]
STEPS = st.lists(st.tuples(st.sampled_from(EVENTS), st.integers(0, 50)), min_size=1, max_size=8)


@pytest.mark.slow  # a hypothesis property: two site builds a step, each page fsynced
@settings(max_examples=25)
@given(steps=STEPS)
def test_the_incremental_site_is_the_full_rebuild_after_any_events(catalog, steps):
    with tempfile.TemporaryDirectory() as tmp:
        city = City(Path(tmp), 3)
        city.certify("p00")
        incremental = Path(tmp) / "site"
        city.build(catalog, incremental)
        for number, step in enumerate(steps):
            city.act(step)
            city.build(catalog, incremental)
            assert _files(incremental) == _full(city, catalog, Path(tmp) / f"full-{number}"), steps[:number + 1]
        city.history.close()


@pytest.fixture(scope="session")
def _certified_city(tmp_path_factory, catalog) -> City:
    """Twenty participants each certified, and their site built: made once a session (some 0.5
    CPU-s: twenty certificates issued, 42 pages rendered and synced), its history closed."""
    city = City(tmp_path_factory.mktemp("city"), 20)
    for member in city.members:
        city.certify(member)
    city.build(catalog, city.folder / "site")
    city.history.close()
    return city


@pytest.fixture
def city(_certified_city, tmp_path):
    """A copy of the certified city (its history and site) in the test's folder, for the test to change."""
    shutil.copytree(_certified_city.folder, tmp_path, dirs_exist_ok=True)
    city = City(tmp_path, 0)
    city.members, city.runs, city.joined = list(_certified_city.members), _certified_city.runs, _certified_city.joined
    city.certificates = list(_certified_city.certificates)
    yield city
    city.history.close()


def test_one_revocation_rewrites_the_participants_pages_and_the_overviews_only(city, catalog, tmp_path):
    assert city.build(catalog, tmp_path / "site") == []  # nothing changed: nothing written
    city.history.revoke(city.certificates[7], "regressed")
    written = city.build(catalog, tmp_path / "site")
    assert sorted(p.relative_to(tmp_path / "site").as_posix() for p in written) == [
        "en/index.html", "en/participants/p07.html", "zh/index.html", "zh/participants/p07.html"]
    assert _files(tmp_path / "site") == _full(city, catalog, tmp_path / "full")


def _manifest(site: Path) -> dict:
    return orjson.loads((site / sitepages.MANIFEST).read_bytes())


@pytest.mark.parametrize("damage", ["missing", "corrupt", "foreign", "not-a-map", "stale-page-named-today"])
def test_a_damaged_or_edited_manifest_never_keeps_a_stale_page(city, catalog, tmp_path, damage):
    site = tmp_path / "site"
    city.history.revoke(city.certificates[3], "regressed")  # p03's pages and the overviews are stale now
    manifest = site / sitepages.MANIFEST
    if damage == "missing":
        manifest.unlink()
    elif damage == "corrupt":
        manifest.write_bytes(manifest.read_bytes()[:40])
    elif damage == "foreign":
        manifest.write_bytes(orjson.dumps({**_manifest(site), "renderer": "0" * 64}))
    elif damage == "not-a-map":
        manifest.write_bytes(orjson.dumps({**_manifest(site), "pages": ["en/index.html"]}))
    else:  # today's digests (those a full build records) written beside yesterday's pages
        today = _full(city, catalog, tmp_path / "today")
        manifest.write_bytes(today[sitepages.MANIFEST])
        assert (site / "en/participants/p03.html").read_bytes() != today["en/participants/p03.html"]
    written = {p.relative_to(site).as_posix() for p in city.build(catalog, site)}
    assert {"en/participants/p03.html", "zh/participants/p03.html", "en/index.html"} <= written
    assert _files(site) == _full(city, catalog, tmp_path / "full")


def test_a_page_deleted_or_edited_at_its_end_is_rendered_again(city, catalog, tmp_path):
    site = tmp_path / "site"
    (site / "en/participants/p05.html").unlink()
    page = site / "zh/participants/p06.html"
    page.write_bytes(page.read_bytes()[:-10])
    written = {p.relative_to(site).as_posix() for p in city.build(catalog, site)}
    assert written == {"en/participants/p05.html", "zh/participants/p06.html"}
    assert _files(site) == _full(city, catalog, tmp_path / "full")


def test_a_removed_participants_pages_are_deleted(city, catalog, tmp_path):
    site = tmp_path / "site"
    (site / "en/participants/notes.html").write_text("kept: put here by hand")
    (site / "en/participants/p09.html.bak").write_text("kept too")
    city.members.remove("p04")
    written = {p.relative_to(site).as_posix() for p in city.build(catalog, site)}
    assert written == {"en/index.html", "zh/index.html"}
    assert not (site / "en/participants/p04.html").exists() and not (site / "zh/participants/p04.html").exists()
    assert (site / "en/participants/notes.html").read_text() == "kept: put here by hand"
    (site / "en/participants/notes.html").unlink()
    (site / "en/participants/p09.html.bak").unlink()
    assert _files(site) == _full(city, catalog, tmp_path / "full")


def test_a_page_the_manifest_names_but_a_user_rewrote_is_not_deleted(city, catalog, tmp_path):
    site = tmp_path / "site"
    (site / "zh/participants/p04.html").write_text("the user's own page, without the site's comment")
    city.members.remove("p04")
    city.build(catalog, site)
    assert not (site / "en/participants/p04.html").exists()
    assert (site / "zh/participants/p04.html").read_text() == "the user's own page, without the site's comment"


def _marked(digest: str) -> bytes:
    return b"<html></html>\n" + sitepages._MARK.format(digest).encode()


def _recorded(data: bytes, inputs: str) -> dict[str, str]:
    """What the manifest records of a page of these bytes: the victim's own, so only the place stops it."""
    return {"inputs": inputs, "sha256": hashlib.sha256(data).hexdigest()}


@pytest.mark.parametrize("place", ["../victim.html", "{outside}/victim.html", "en/../../victim.html",
                                   "./../victim.html", "en/participants/../../../victim.html"])
def test_a_manifest_naming_a_place_outside_the_site_deletes_nothing(city, catalog, tmp_path, place):
    site = tmp_path / "site"
    victim = tmp_path / "victim.html"
    digest = "a" * 64
    victim.write_bytes(_marked(digest))  # even carrying the site's comment
    manifest = _manifest(site)
    manifest["pages"][place.format(outside=tmp_path)] = _recorded(_marked(digest), digest)
    (site / sitepages.MANIFEST).write_bytes(orjson.dumps(manifest))
    city.build(catalog, site)
    assert victim.read_bytes() == _marked(digest)
    assert _files(site) == _full(city, catalog, tmp_path / "full")


@pytest.mark.parametrize("link", ["folder", "file"])
def test_a_manifest_naming_a_place_through_a_link_deletes_nothing(city, catalog, tmp_path, link):
    site = tmp_path / "site"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    digest = "b" * 64
    (elsewhere / "victim.html").write_bytes(_marked(digest))
    manifest = _manifest(site)
    if link == "folder":
        os.symlink(elsewhere, site / "en" / "linked")
        manifest["pages"]["en/linked/victim.html"] = _recorded(_marked(digest), digest)
    else:
        os.symlink(elsewhere / "victim.html", site / "en" / "victim.html")
        manifest["pages"]["en/victim.html"] = _recorded(_marked(digest), digest)
    (site / sitepages.MANIFEST).write_bytes(orjson.dumps(manifest))
    city.build(catalog, site)
    assert (elsewhere / "victim.html").read_bytes() == _marked(digest)
    assert os.path.islink(site / "en" / ("linked" if link == "folder" else "victim.html"))


def test_an_older_renderers_manifest_still_names_the_pages_to_delete(city, catalog, tmp_path):
    site = tmp_path / "site"
    manifest = _manifest(site)
    (site / sitepages.MANIFEST).write_bytes(orjson.dumps({**manifest, "renderer": "0" * 64}))  # an upgrade
    city.members.remove("p11")
    city.build(catalog, site)
    assert _files(site) == _full(city, catalog, tmp_path / "full")
