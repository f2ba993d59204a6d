"""The programme site (conformance programme site): outcomes and trends, the interop grid,
failure rates and each participant's runs and certificates, in English and Chinese, read from
the history of a real cohort (reference instances with planted defects); checked as files
(every link resolves, every planted defect shows) and in headless Chromium, where the
overview fits a 1366-pixel screen and a 390-pixel phone, as does every participant's page
(also when a participant ran every profile of the catalog, grouped by area).

Screenshots for the docs: ``python -m tests.programme.test_site docs/screenshots``."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections import Counter
from contextlib import ExitStack
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.browser import Browser, find_chromium
from tests.conftest import once_per_session

from .test_programme import HEADSET_CAPTURES, http_manifest, programme_file, write

pytestmark = pytest.mark.slow  # two programme runs of a cohort


def build_cohort(folder: Path, stack: ExitStack) -> tuple[Path, Path]:
    """Run a cohort twice: three interop participants (one with an interop defect), one with
    an API defect that is fixed before the second run, and one whose manifest is broken.
    Returns the programme file and its run folder."""
    partner = stack.enter_context(serve(create_app()))

    def instance(*defects: str, tls: bool = False) -> str:
        return str(stack.enter_context(serve(create_app(list(defects)), tls=tls)))

    participants = [
        {"id": "clean-a", "manifest": http_manifest(folder, "clean-a", ["interop-pair"], instance(), partner)},
        {"id": "clean-b", "manifest": http_manifest(folder, "clean-b", ["interop-pair"], instance(), partner)},
        {"id": "iop-bad", "manifest": http_manifest(folder, "iop-bad", ["interop-pair"],
                                                    instance("import-authentication-dropped"), partner)},
        {"id": "json-text", "manifest": http_manifest(folder, "json-text", ["interfaces-core"],
                                                      instance("json-as-text", tls=True))},
        {"id": "broken", "manifest": http_manifest(folder, "broken", ["no-such-profile"], partner)},
    ]
    path = programme_file(folder, participants, title="Pilot <round> & one", concurrency=2, run_timeout_s=300)
    out = folder / "out"
    assert main(["programme", "run", str(path), "--out", str(out)]) == 3  # broken could not run
    http_manifest(folder, "json-text", ["interfaces-core"], instance(tls=True))  # the vendor fixed its defect
    # the second run's participants alone: its interop pairs would be the first's again (the grid
    # shows the latest pair runs, and no participant of a pair changed)
    assert main(["programme", "run", str(path), "--out", str(out), "--rerun", "--no-interop"]) == 3
    assert main(["programme", "site", str(path), "--runs", str(out)]) == 0
    return path, out


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> tuple[Path, Path]:
    """The cohort's programme file and run folder, built once a session however many xdist
    workers run this module's tests (each test only reads it; the fixtures that add to its
    history copy it first). Its servers are stopped once it is built: what the tests read is
    files."""

    def make(folder: Path) -> dict[str, str]:
        with ExitStack() as stack:
            path, out = build_cohort(folder, stack)
        return {"programme": str(path), "out": str(out)}

    built = once_per_session(tmp_path_factory, "site-cohort", make)
    return Path(built["programme"]), Path(built["out"])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        for name in ("src", "href"):  # nothing the page loads from elsewhere: self-contained
            if tag in ("script", "link", "img", "iframe") and found.get(name):
                self.external.append(str(found[name]))


def test_every_page_is_written_self_contained_and_every_link_resolves(cohort):
    _, out = cohort
    site = out / "site"
    pages = sorted(site.rglob("*.html"))
    assert [p.relative_to(site).as_posix() for p in pages] == [
        "en/index.html", *(f"en/participants/{p}.html" for p in ("broken", "clean-a", "clean-b", "iop-bad",
                                                                 "json-text")),
        "index.html", "zh/index.html", *(f"zh/participants/{p}.html" for p in ("broken", "clean-a", "clean-b",
                                                                                "iop-bad", "json-text"))]
    for page in pages:
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        assert links.external == [], page
        for href in links.hrefs:
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_the_overview_shows_outcomes_trends_the_grid_and_failure_rates(cohort):
    _, out = cohort
    html = (out / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert 'data-profile="interfaces-core" data-outcome="conformant" data-trend="up"' in html  # json-text fixed
    assert 'data-profile="interop-pair" data-outcome="not_conformant" data-trend="same"' in html  # iop-bad
    assert "Pilot &lt;round&gt; &amp; one" in html and "Pilot <round>" not in html
    # the interop grid: failing cells exactly the ordered pairs involving iop-bad
    failing = {line.split('data-pair="')[1].split('"')[0] for line in html.splitlines()
               if '<td class="fail" data-pair=' in line}
    members = ("clean-a", "clean-b", "iop-bad")
    assert failing == {f"{a}__{b}" for a in members for b in members if a != b and "iop-bad" in (a, b)}
    # failure rates over the latest whole runs: the planted interop defect, one of three
    assert 'data-requirement="IF-IOP-001" data-failed="1"><td><code>IF-IOP-001</code>' in html
    assert "1 / 3" in html.split('data-requirement="IF-IOP-001"')[1].split("</tr>")[0]
    zh = (out / "site" / "zh" / "index.html").read_text(encoding="utf-8")
    assert "互操作矩阵" in zh and "各要求的不通过率" in zh and 'lang="zh-Hans"' in zh


def _participant_order(html: str) -> list[str]:
    return re.findall(r'<tr data-participant="([^"]+)"', html)


def test_failing_and_changed_participants_come_first_with_an_outcome_per_area(cohort):
    _, out = cohort
    for lang in ("en", "zh"):
        html = (out / "site" / lang / "index.html").read_text(encoding="utf-8")
        # iop-bad fails; json-text changed (fixed); broken's latest run did not finish; the rest after
        assert _participant_order(html) == ["iop-bad", "json-text", "broken", "clean-a", "clean-b"]
        row = html.split('<tr data-participant="iop-bad"')[1].split("</tr>")[0]
        assert '<details class="area not_conformant"' in row and 'data-worst="not_conformant"' in row
        assert "0/1" in row
    # each profile sits in its area's <details>: the area most of its requirements belong to
    from conformance._catalog.catalog import load_catalog

    catalog = load_catalog()
    html = (out / "site" / "en" / "index.html").read_text(encoding="utf-8")
    for participant, profile in (("iop-bad", "interop-pair"), ("json-text", "interfaces-core")):
        areas = Counter(catalog.requirements[r].area for r in catalog.profiles[profile].all_requirements())
        area = min(areas, key=lambda a: (-areas[a], a))
        row = html.split(f'<tr data-participant="{participant}"')[1].split("</tr>")[0]
        block = row.split(f'data-area="{area}"')[1].split("</details>")[0]
        assert f'data-profile="{profile}"' in block


def test_the_failure_rates_list_failing_requirements_first_and_fold_the_rest(cohort):
    _, out = cohort
    for lang, words in (("en", "requirements never failed"), ("zh", "项要求从未不通过")):
        html = (out / "site" / lang / "index.html").read_text(encoding="utf-8")
        section = html.split('<h2 id="rates">')[1]
        failing, folded = section.split('<details id="never-failed">')
        assert re.findall(r'data-failed="(\d+)"', failing) == ["1"]  # only IF-IOP-001, listed, not folded
        never = re.findall(r'data-failed="(\d+)"', folded)
        assert len(never) > 5 and set(never) == {"0"}
        assert f"<summary>{len(never)} {words}</summary>" in folded


def test_each_participant_page_has_its_history_and_reports(cohort):
    _, out = cohort
    page = (out / "site" / "en" / "participants" / "json-text.html").read_text(encoding="utf-8")
    runs = page.count('<tr data-run="')
    assert runs == 2 and page.count("report.html</a>") == 2
    first, second = page.split('<tr data-run="')[1:3]
    assert "interfaces-core: not conformant" in first and "interfaces-core: conformant" in second
    assert "<code>IF-CON-001</code>" in first and "IF-CON-001" not in second  # the planted defect, then fixed
    iop = (out / "site" / "en" / "participants" / "iop-bad.html").read_text(encoding="utf-8")
    assert "<code>IF-IOP-001</code>" in iop.split('<tr data-run="')[1]
    broken = (out / "site" / "zh" / "participants" / "broken.html").read_text(encoding="utf-8")
    assert broken.count('data-status="bad-input"') == 2 and "输入有误" in broken


CHROMIUM = find_chromium()


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium; .ci/run installs it)")
def test_the_site_in_a_browser(cohort):
    _, out = cohort
    assert CHROMIUM is not None
    with Browser(CHROMIUM, 1280, 900) as browser:
        for lang in ("en", "zh"):
            browser.open((out / "site" / lang / "index.html").as_uri())
            shown = browser.evaluate(
                "[document.querySelectorAll('#outcomes tr[data-participant]').length,"
                " document.querySelectorAll('#interop-grid td.fail').length,"
                " document.getElementById('interop-grid').getBoundingClientRect().width > 200,"
                " document.documentElement.lang]")
            assert shown == [5, 4, True, "en" if lang == "en" else "zh-Hans"], shown
            browser.click('#outcomes a[href="participants/iop-bad.html"]')
            assert browser.evaluate("location.pathname").endswith(f"/{lang}/participants/iop-bad.html")
            assert browser.evaluate("document.querySelectorAll('#runs tr[data-run]').length") >= 2
            browser.click("header a[hreflang]")  # the other language's same page
            other = "zh" if lang == "en" else "en"
            assert browser.evaluate("location.pathname").endswith(f"/{other}/participants/iop-bad.html")
            assert browser.problems() == []


@pytest.fixture(scope="module")
def wide_site(cohort, tmp_path_factory) -> Path:
    """The cohort's site after clean-a also ran every profile of the catalog (a recorded run
    judging each profile's requirements, one profile in seven failing one of them): the wide
    overview the issue was about. Its site folder, made once a session (as the cohort)."""
    path, out = cohort
    return Path(once_per_session(tmp_path_factory, "site-wide", lambda folder: {"site": str(
        _wide_site(path, out, folder))})["site"])


def _wide_site(path: Path, out: Path, folder: Path) -> Path:
    from conformance._catalog.catalog import load_catalog
    from conformance.programme.history import History
    from conformance.programme.site import build_site
    from conformance.programme.spec import load_programme

    catalog = load_catalog()
    programme = load_programme(path, catalog)
    database = folder / "history.sqlite"
    shutil.copy(programme.history_path, database)
    with History(database) as history:
        history.execute("INSERT INTO runs (run_id, programme, kind, participant, report_dir, recorded, status,"
                        " complete, detail) VALUES ('wide-1', ?, 'participant', 'clean-a', ?, '2026-01-01T00:00:00Z',"
                        " 'finished', 1, '')", (programme.id, str(folder / "wide-1")))
        for n, (profile_id, profile) in enumerate(sorted(catalog.profiles.items())):
            failing = n % 7 == 3
            history.execute("INSERT INTO outcomes (run_id, profile, outcome) VALUES ('wide-1', ?, ?)",
                            (profile_id, "not_conformant" if failing else "conformant"))
            for m, requirement in enumerate(profile.all_requirements()):
                history.execute("INSERT INTO verdicts (run_id, profile, requirement, verdict, parameters)"
                                " VALUES ('wide-1', ?, ?, ?, '{}')",
                                (profile_id, requirement, "fail" if failing and m == 0 else "pass"))
        build_site(programme, catalog, history, out, folder / "site")
    return folder / "site"


def test_the_wide_overview_groups_every_profile_by_area(wide_site):
    from conformance._catalog.catalog import load_catalog

    catalog = load_catalog()
    html = (wide_site / "en" / "index.html").read_text(encoding="utf-8")
    row = html.split('<tr data-participant="clean-a"')[1].split("</tr>")[0]
    assert set(re.findall(r'data-profile="([^"]+)"', row)) == set(catalog.profiles)
    majority = set()
    for profile in catalog.profiles.values():
        areas = Counter(catalog.requirements[r].area for r in profile.all_requirements())
        majority.add(min(areas, key=lambda a: (-areas[a], a)))
    shown = re.findall(r'data-area="([^"]*)"', row)
    assert len(shown) == len(set(shown)) and set(shown) == majority and len(shown) > 1
    assert _participant_order(html)[:2] == ["clean-a", "iop-bad"]  # both fail now (then the programme's order)
    assert 'data-worst="not_conformant"' in row.split("<details")[1]  # a failing area first


#: what overflows the page's width: its scroll width, and every element (but those in a
#: scrolling box) whose right edge is past the window's, with every <details> closed, then open
_OVERFLOW = """(() => {
  const out = () => [document.scrollingElement.scrollWidth, [...document.body.querySelectorAll('*')]
    .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > innerWidth + 0.5)
    // what an SVG draws outside its own box is clipped there (overflow: hidden), not laid out
    .filter(e => !(e.ownerSVGElement && e.ownerSVGElement.getBoundingClientRect().right <= innerWidth + 0.5
                   && getComputedStyle(e.ownerSVGElement).overflow !== 'visible'))
    .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 5)];
  const closed = out();
  document.querySelectorAll('details').forEach(d => d.open = true);
  return [innerWidth, closed, out()];
})()"""


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium; .ci/run installs it)")
@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_the_overview_fits_a_laptop_and_a_phone(cohort, wide_site, width, height):
    _, out = cohort
    assert CHROMIUM is not None
    with Browser(CHROMIUM, width, height) as browser:
        for site in (out / "site", wide_site):
            for lang in ("en", "zh"):
                browser.open((site / lang / "index.html").as_uri())
                shown, closed, opened = browser.evaluate(_OVERFLOW)
                assert shown == width
                assert closed[0] <= width and closed[1] == [], (site, lang, closed)
                assert opened[0] <= width and opened[1] == [], (site, lang, opened)
                if width > 1000:  # on a laptop the interop grid needs no scrolling either
                    assert browser.evaluate("(() => { const s = document.querySelector('.scroll');"
                                            " return s.scrollWidth <= s.clientWidth; })()") is True
                assert browser.problems() == []


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium; .ci/run installs it)")
def test_every_participant_page_fits_a_phone(cohort, wide_site, revoked_site):
    """Issue 46: each participant's page (en and zh), of the cohort and of the participant
    that ran every profile, at 390 px with every folded box closed and then open. Issue 73:
    the runs' table of seven columns broke every word letter by letter: no text is squeezed
    to a few characters (the rows stack as cards)."""
    _, out = cohort
    assert CHROMIUM is not None
    pages = 0
    with Browser(CHROMIUM, 390, 844) as browser:
        for site in (out / "site", wide_site, revoked_site):
            for lang in ("en", "zh"):
                for page in sorted((site / lang / "participants").glob("*.html")):
                    browser.open(page.as_uri())
                    shown, closed, opened = browser.evaluate(_OVERFLOW)
                    assert shown == 390
                    assert closed[0] <= 390 and closed[1] == [], (page, closed)
                    assert opened[0] <= 390 and opened[1] == [], (page, opened)
                    assert browser.evaluate(_NARROW) == [], page
                    assert browser.problems() == [], page
                    pages += 1
    assert pages >= 2 * len(list((out / "site" / "en" / "participants").glob("*.html"))) > 0


def screenshots(target: Path) -> int:
    """The site's overview in both languages and a certificate's printable page."""
    executable = find_chromium()
    if executable is None:
        print("no chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack, Browser(executable, 1280, 900) as browser:
        _, out = build_cohort(Path(tmp), stack)
        for lang in ("en", "zh"):
            browser.open((out / "site" / lang / "index.html").as_uri())
            browser.screenshot(target / f"programme-site-{lang}.png", full_page=True)
        browser.open((out / "site" / "en" / "participants" / "json-text.html").as_uri())
        browser.screenshot(target / "programme-participant-en.png")
        page = _certificate_page(Path(tmp) / "cert")
        browser.open(page.as_uri())
        browser.screenshot(target / "programme-certificate.png", full_page=True)
    print(f"wrote programme-site-en.png, programme-site-zh.png, programme-participant-en.png, "
          f"programme-certificate.png in {target}")
    return 0


def _certificate_page(folder: Path) -> Path:
    """A certified participant's printable page (a terminal capture run under a plan)."""
    from conformance._catalog.catalog import load_catalog
    from conformance.certification.attestation import generate_keys

    folder.mkdir(parents=True)
    generate_keys(folder / "program.key")
    write(folder / "plan.yaml", {"id": "round-1", "program": "Pilot", "catalog_digest": load_catalog().digest,
                                 "profiles": {"terminal-hmd-6dof": {}}})
    write(folder / "headset.yaml", {"product": {"name": "Headset One", "version": "2.1", "vendor": "Acme"},
                                    "profiles": ["terminal-hmd-6dof"], "targets": {"captures": {
                                        "adapter": "file", "paths": HEADSET_CAPTURES}}})
    path = programme_file(folder, [{"id": "headset", "manifest": "headset.yaml"}], plan="plan.yaml",
                          signing_key="program.key", site_url="https://programme.example/round-1/")
    assert main(["programme", "run", str(path), "--out", str(folder / "out")]) == 0
    assert main(["programme", "certify", str(path), "--out", str(folder / "out")]) == 0
    return folder / "out" / "certificates" / "headset-0.html"


if __name__ == "__main__":
    sys.exit(screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))


@pytest.fixture(scope="module")
def revoked_site(cohort, tmp_path_factory) -> Path:
    """The cohort's site after clean-a's certificate (all its outcomes green) was revoked,
    made once a session (as the cohort)."""
    path, out = cohort
    return Path(once_per_session(tmp_path_factory, "site-revoked", lambda folder: {"site": str(
        _revoked_site(path, out, folder))})["site"])


def _revoked_site(path: Path, out: Path, folder: Path) -> Path:
    from conformance._catalog.catalog import load_catalog
    from conformance.programme.history import History
    from conformance.programme.site import build_site
    from conformance.programme.spec import load_programme

    catalog = load_catalog()
    programme = load_programme(path, catalog)
    database = folder / "history.sqlite"
    shutil.copy(programme.history_path, database)
    with History(database) as history:
        [run] = [r for r in history.runs("clean-a")][-1:]
        history.execute("INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer, issued,"
                        " valid_until, file, sha256) VALUES (0, 'urn:uuid:cert-1', 'clean-a', ?, 'did:web:p',"
                        " '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'certificates/c1.json', ?)",
                        (run["run_id"], "0" * 64))
        history.execute("INSERT INTO revocations (certificate_id, revoked, reason) VALUES"
                        " ('urn:uuid:cert-1', '2026-02-01T00:00:00Z', 'suspended pending review')")
        build_site(programme, catalog, history, out, folder / "site")
    return folder / "site"


def test_a_revoked_certificate_shows_on_the_overview_and_brings_its_participant_first(revoked_site):
    for lang, words in (("en", "certificate revoked"), ("zh", "证书已吊销")):
        html = (revoked_site / lang / "index.html").read_text(encoding="utf-8")
        row = html.split('<tr data-participant="clean-a"')[1].split("</tr>")[0]
        assert 'data-certificate="urn:uuid:cert-1"' in row and words in row
        assert 'title="suspended pending review"' in row
        assert _participant_order(html)[0] == "clean-a"  # before the failing ones: attention first


#: the text runs squeezed into a column a few characters wide: four characters or more,
#: wrapped onto more than two lines, in a box narrower than four of its font's ems
_NARROW = """(() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const bad = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const text = walk.currentNode, words = text.textContent.trim();
    if (words.length < 4 || !text.parentElement.getClientRects().length) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const box = range.getBoundingClientRect(), em = parseFloat(getComputedStyle(text.parentElement).fontSize);
    if (box.height > 2.5 * em && box.width < 4 * em) bad.push(words.slice(0, 24));
  }
  return bad.slice(0, 5);
})()"""


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium; .ci/run installs it)")
@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_no_text_on_the_overview_is_squeezed_to_a_few_characters(cohort, wide_site, revoked_site, width, height):
    """Issue 61: at 390 px the participant cells were one character wide (``width: 1%``
    applied at every width). Nothing narrower than a few characters, nothing overflowing."""
    _, out = cohort
    assert CHROMIUM is not None
    with Browser(CHROMIUM, width, height) as browser:
        for site in (out / "site", wide_site, revoked_site):
            for lang in ("en", "zh"):
                browser.open((site / lang / "index.html").as_uri())
                assert browser.evaluate(_NARROW) == [], (site, lang)
                shown, closed, opened = browser.evaluate(_OVERFLOW)
                assert opened[0] <= width and opened[1] == [], (site, lang, opened)
                assert browser.problems() == []


def test_the_chinese_site_shows_no_english_word(cohort, tmp_path):
    """Issue 73: the zh site showed area names (``interfaces``), run kinds (``participant``,
    ``pair``), the harness's console line as words and a programme title that could only be
    given once. Each zh page, rebuilt from the cohort's history with a title and a description
    given in both languages, shows no English word but names (the participants, the link to
    the English pages) and identifiers."""
    import dataclasses

    from conformance._catalog.catalog import load_catalog
    from conformance.programme.history import History
    from conformance.programme.site import build_site
    from conformance.programme.spec import load_programme
    from tests.chinese import english_words

    path, out = cohort
    catalog = load_catalog()
    programme = dataclasses.replace(
        load_programme(path, catalog), titles={"en": "Pilot round one", "zh": "试点第一轮"},
        descriptions={"en": "Products of the first round.", "zh": "第一轮的产品。"})
    database = tmp_path / "history.sqlite"
    shutil.copy(programme.history_path, database)
    with History(database) as history:
        build_site(programme, catalog, history, out, tmp_path / "site")
    names = [p.id for p in programme.participants] + ["English"]
    pages = sorted((tmp_path / "site" / "zh").rglob("*.html"))
    assert len(pages) == 1 + len(programme.participants)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "试点第一轮" in html and "Pilot round one" not in html, page
        assert english_words(html, names) == [], page
    assert "第一轮的产品。" in (tmp_path / "site" / "zh" / "index.html").read_text(encoding="utf-8")
    assert "Products of the first round." in (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    chooser = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Pilot round one" in chooser and "试点第一轮" in chooser
