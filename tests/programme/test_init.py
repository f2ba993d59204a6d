"""Issue 61: `conformance programme init DIR` copies the example cohort into a working folder
(the certification lines on, the plan pinned to this harness, the samples beside), refuses a
folder that is not empty, a file, a link or one inside the checkout (one line, exit 2,
nothing written), and prints the commands to run next."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conformance.cli import main
from conformance.errors import HarnessInputError
from conformance.programme.init import PROGRAMME_EDITS, examples_folder, init_cohort
from conformance.programme.spec import load_programme
from conformance.reference import SAMPLES
from tests.conftest import shipped_catalog
from tests.paths import ROOT


def test_the_folder_holds_a_cohort_ready_to_certify(tmp_path, capsys) -> None:
    folder = tmp_path / "pilot"
    assert main(["programme", "init", str(folder)]) == 0
    said = capsys.readouterr().out
    assert f"copied the example cohort into {folder}" in said
    assert "conformance keys generate --out program.key" in said and "conformance verify reports/certificates/" in said
    assert not list(folder.rglob("*.key")) and not list(tmp_path.glob(".*"))  # no key yet; no staging left
    assert main(["keys", "generate", "--out", str(folder / "program.key")]) == 0  # the next command it printed
    programme = load_programme(folder / "programme.yaml", shipped_catalog())  # its plan, manifests, records exist
    assert programme.plan is not None and programme.site_url and programme.signing_key == folder / "program.key"
    assert all(len(p.assessments) == 1 and p.assessments[0].is_relative_to(folder) for p in programme.participants)
    plan = yaml.safe_load((folder / "certification" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["catalog_digest"] == shipped_catalog().digest
    for name in ("device-export.yaml", "platform.yaml"):  # every file a manifest names is in the folder
        targets = yaml.safe_load((folder / name).read_text(encoding="utf-8"))["targets"]
        for target in targets.values():
            for pattern in target.get("paths", []):
                assert pattern.startswith("samples/") and list(folder.glob(pattern)), (name, pattern)


@pytest.mark.parametrize("kind", ["not empty", "a file", "a link"])
def test_a_folder_that_is_not_new_or_empty_is_refused_and_nothing_written(tmp_path, capsys, kind: str) -> None:
    folder = tmp_path / "pilot"
    if kind == "not empty":
        folder.mkdir()
        (folder / "notes.txt").write_text("mine", encoding="utf-8")
    elif kind == "a file":
        folder.write_text("mine", encoding="utf-8")
    else:
        (tmp_path / "elsewhere").mkdir()
        folder.symlink_to(tmp_path / "elsewhere")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert main(["programme", "init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and f"programme init {folder}" in err, err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_an_empty_folder_is_filled_and_one_inside_the_checkout_refused(tmp_path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["programme", "init", str(tmp_path / "empty")]) == 0
    assert (tmp_path / "empty" / "programme.yaml").is_file()
    inside = ROOT / "reports" / "init-test-never-made"
    assert main(["programme", "init", str(inside)]) == 2
    assert "is inside the checkout" in capsys.readouterr().err and not inside.exists()


def test_a_changed_example_is_caught_not_copied_half_edited(tmp_path) -> None:
    examples = tmp_path / "examples"
    (examples / "programme").mkdir(parents=True)
    text = (ROOT / "examples" / "programme" / "programme.yaml").read_text(encoding="utf-8")
    (examples / "programme" / "programme.yaml").write_text(text.replace(PROGRAMME_EDITS[1][0], "# gone"),
                                                           encoding="utf-8")
    with pytest.raises(RuntimeError, match="no longer holds"):
        init_cohort(tmp_path / "pilot", examples, SAMPLES, "sha256:" + "0" * 64, ROOT)
    assert not (tmp_path / "pilot").exists()


def test_every_edit_applies_to_the_example_as_it_is() -> None:
    text = (ROOT / "examples" / "programme" / "programme.yaml").read_text(encoding="utf-8")
    assert [before for before, _ in PROGRAMME_EDITS if before not in text] == []
    assert re.search(r"(?m)^catalog_digest: ", (ROOT / "examples" / "certification" / "plan.yaml").read_text())


def test_the_walkthroughs_never_edit_or_key_the_checkout() -> None:
    for doc in (ROOT / "docs" / "programme.md", ROOT / "docs" / "certification.md",
                ROOT / "examples" / "certification" / "README.md"):
        text = doc.read_text(encoding="utf-8")
        blocks = "\n".join(re.findall(r"```sh\n(.*?)```", text, re.S))
        assert "sed -i" not in blocks, doc
        assert not re.search(r"keys generate --out (examples|src)/", blocks), doc
    assert "*.key" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_missing_parent_or_no_examples_is_one_line(tmp_path, capsys) -> None:
    assert main(["programme", "init", str(tmp_path / "nowhere" / "pilot")]) == 2
    assert "does not exist" in capsys.readouterr().err and not (tmp_path / "nowhere").exists()
    with pytest.raises(HarnessInputError) as refused:  # a package installed without its examples
        init_cohort(tmp_path / "pilot", tmp_path / "no-examples", SAMPLES, "sha256:" + "0" * 64, ROOT)
    assert "reinstall the package" in str(refused.value.line()) and not (tmp_path / "pilot").exists()


def test_an_installed_package_copies_the_examples_it_carries(tmp_path) -> None:
    """Issue 73: after `pip install .` (not editable) the package is in site-packages, two
    folders above it no clone; the wheel carries the examples under _catalog/shipped/examples
    (pyproject.toml; tests/house/test_packaging.py finds them in the built wheel)."""
    package, elsewhere = tmp_path / "site" / "conformance", tmp_path / "site"
    shutil.copytree(ROOT / "examples", package / "_catalog" / "shipped" / "examples")
    examples = examples_folder(package, elsewhere)
    assert examples == package / "_catalog" / "shipped" / "examples"
    done = init_cohort(tmp_path / "pilot", examples, SAMPLES, "sha256:" + "0" * 64, elsewhere)
    assert (done.folder / "programme.yaml").is_file() and (done.folder / "certification" / "plan.yaml").is_file()
    assert examples_folder(tmp_path / "no-package", ROOT) == ROOT / "examples"  # an editable install: the clone's
