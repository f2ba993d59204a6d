"""A certificate whose product cannot be observed does not stay green for ever (issue 72, item 9
and weak point 2): after the programme's ``watch.suspend_after_unobserved`` runs in a row that
could not observe the product (a broken manifest, an unreachable target), `programme watch`
suspends the certificate, and `verify` and the site say why; a later whole conformant run
reinstates it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conformance.cli import main
from conformance.programme.spec import DEFAULT_UNOBSERVED_LIMIT, load_programme

from .test_watch import _leaves, _live, _verify, _watch, watched  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # each cycle is a programme run (a participant process)


def _limit(folder: Path, limit: int) -> None:
    path = folder / "programme.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["watch"]["suspend_after_unobserved"] = limit
    path.write_text(yaml.safe_dump(raw))


def test_a_product_that_regresses_then_breaks_its_manifest_is_suspended_after_the_limit(watched, capsys):
    """Weak point 2: the regression is never seen (the manifest breaks before the next cycle),
    every cycle could not observe: without a limit each exits 3 and the certificate verifies."""
    _limit(watched, 2)
    manifest = watched / "headset.yaml"
    good = manifest.read_text()
    _live(watched, "bad")
    manifest.write_text("product: [this is not a manifest\n")  # the participant's own file, broken
    code, said = _watch(watched, capsys)
    assert code == 3 and "headset: could not observe:" in said and "suspended" not in said, said
    assert _verify(watched, capsys)[0] == 0  # one run in a row: not yet
    code, said = _watch(watched, capsys)
    assert code == 1 and "headset: could not observe:" in said and "suspended urn:uuid:" in said, said
    suspension = [leaf for leaf in _leaves(watched) if leaf["event"] == "certificate-suspended"]
    assert len(suspension) == 1
    reason = suspension[0]["suspension"]["reason"]
    assert reason.startswith("could not observe the product in 2 runs in a row (the programme suspends after 2")
    code, said = _verify(watched, capsys)
    assert code == 1 and "could not observe the product in 2 runs in a row" in said, said
    assert re.search(r"rejected: suspended since \S+Z \(run \S+\)", said), said
    # a further cycle changes nothing more; the site says why
    code, said = _watch(watched, capsys)
    assert code == 1 and "suspended urn" not in said, said
    assert main(["programme", "site", str(watched / "programme.yaml"), "--runs", str(watched / "out"),
                 "--out", str(watched / "site")]) == 0
    page = (watched / "site" / "en" / "participants" / "headset.html").read_text()
    assert "could not observe the product in 2 runs in a row" in page
    # observed again and conformant: reinstated
    manifest.write_text(good)
    _live(watched, "good")
    code, said = _watch(watched, capsys)
    assert code == 0 and "reinstated urn:uuid:" in said, said
    assert _verify(watched, capsys)[0] == 0


def test_the_limit_counts_runs_in_a_row_only(watched, capsys):
    """An observed run between two that were not starts the count again."""
    _limit(watched, 2)
    _live(watched, "gone")
    assert _watch(watched, capsys)[0] == 3
    _live(watched, "good")
    assert _watch(watched, capsys)[0] == 0
    _live(watched, "gone")
    code, said = _watch(watched, capsys)
    assert code == 3 and "suspended" not in said, said
    _live(watched, "good")


def test_the_limit_has_a_default_and_bounds(watched, catalog, tmp_path, capsys):
    assert load_programme(watched / "programme.yaml", catalog).watch_unobserved_limit == DEFAULT_UNOBSERVED_LIMIT == 3
    _limit(watched, 0)
    capsys.readouterr()
    assert main(["programme", "watch", str(watched / "programme.yaml"), "--once", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "suspend_after_unobserved" in err and len(err.strip().splitlines()) == 1, err
