"""The plain summary (no rich) writes exactly what rich's console writes off a terminal, or
nothing: every case here is printed by both and compared character for character."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from conformance._run.console import print_summary
from conformance._run.plainsummary import LazyConsole, plain_summary, plain_width
from tests.conftest import manifest_for


def _rich(report, files, width: int, **options) -> str:
    out = io.StringIO()
    print_summary(Console(file=out, width=width), report, files, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def passing(tmp_path_factory, catalog):
    """A passing identity-document run (the reference's DID documents), with its files."""
    from conformance._run.engine import run

    folder = tmp_path_factory.mktemp("passing")
    manifest = folder / "manifest.yaml"
    import yaml

    manifest.write_text(yaml.safe_dump(manifest_for(catalog, "identity-document")), encoding="utf-8")
    result = run(manifest, out_dir=folder / "out", formats=["json"], catalog=catalog)
    assert all(r.verdict.value in ("pass", "not_applicable") for r in result.report.requirements)
    return result


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 120, 60, 40])
@pytest.mark.parametrize("quiet", [False, True])
def test_a_passing_run_is_written_as_rich_writes_it(passing, lang, width, quiet):
    files = list(passing.files)
    plain = plain_summary(passing.report, files, width, lang, quiet=quiet)
    expected = _rich(passing.report, files, width, lang=lang, quiet=quiet)
    if plain is None:  # left to rich: only where the table cannot keep each cell on one line
        assert width < 60 and not quiet
    else:
        assert plain == expected


def test_a_long_folder_name_wraps_as_rich_wraps_it(passing):
    deep = Path("/tmp") / "a-rather-long-folder-name" / ("x" * 50) / "and another level" / "out"
    files = [deep / "report.json", deep / "report.events.ndjson", Path("/elsewhere/report.html")]
    for width in (80, 50):
        plain = plain_summary(passing.report, files, width)
        assert plain is not None and plain.count("\n") > 4  # the line was wrapped
        assert plain == _rich(passing.report, files, width)


def test_several_profiles_and_a_table_too_wide(passing):
    profiles = [passing.report.profiles[0].model_copy(update={"id": f"profile-{n}-" + "long" * n})
                for n in range(1, 6)]
    report = passing.report.model_copy(update={"profiles": profiles})
    plain = plain_summary(report, [], 80)
    assert plain is not None and plain == _rich(report, [], 80)  # 5 profiles: the tallied count line
    wide = [p.model_copy(update={"id": p.id + "-" + "w" * 60}) for p in profiles]
    assert plain_summary(report.model_copy(update={"profiles": wide}), [], 80) is None  # rich folds the cells


def test_what_plain_text_cannot_show_is_left_to_rich(passing, catalog, run_manifest):
    report = passing.report
    assert plain_summary(report, [], 80, verbose=True) is None  # every requirement listed
    failing = run_manifest(manifest_for(catalog, "identity-document",
                                        files={"did_documents": ["did-doc-invalid.json"]})).report
    assert plain_summary(failing, [], 80) is None  # findings to show
    noted = report.model_copy(update={"notes": ["a note"], "note_texts": None})
    assert plain_summary(noted, [], 80) is None
    escaped = [report.profiles[0].model_copy(update={"id": "bell\x07profile"})]
    assert plain_summary(report.model_copy(update={"profiles": escaped}), [], 80) is None


def test_only_a_pipe_or_a_file_gets_plain_text(monkeypatch, tmp_path):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setenv("COLUMNS", "93")
    with (tmp_path / "out.txt").open("w", encoding="utf-8") as handle:
        assert plain_width(handle) == 93 == Console(file=handle).width
        monkeypatch.setenv("FORCE_COLOR", "1")  # rich writes colours then
        assert plain_width(handle) is None
    monkeypatch.delenv("FORCE_COLOR")
    with (tmp_path / "latin.txt").open("w", encoding="latin-1") as handle:
        assert plain_width(handle) is None  # rich draws the rule in ASCII there

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert plain_width(Terminal()) is None


def test_the_lazy_console_makes_a_rich_console_only_when_asked():
    out = io.StringIO()
    console = LazyConsole(out)
    assert console.file is out and console._rich is None
    console.print("hello")  # any other use: a rich Console on the same stream
    assert isinstance(console.rich, Console) and out.getvalue() == "hello\n"


def test_a_run_of_many_profiles_is_left_to_rich_which_groups_them_by_area(passing):
    from conformance._run.plainsummary import MANY_PROFILES

    report = passing.report
    first = report.profiles[0]
    many = report.model_copy(update={"profiles": [
        first.model_copy(update={"id": f"{first.id}-{n}"}) for n in range(MANY_PROFILES + 1)]})
    assert plain_summary(report, [], 80) is not None
    assert plain_summary(many, [], 80) is None
