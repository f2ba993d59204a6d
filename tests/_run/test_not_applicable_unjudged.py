"""Issue 76, the thirty-ninth reading's part mAS: a test that finds nothing to judge among the
inputs it read is not applicable only when it read every input; beside an input it could not
judge (a file the test equipment refused to read: over ``max_file_bytes``, not a regular file, a
link out of its folder) it is inconclusive, naming that input, since the input may hold what the
case judges. A finding still fails it."""

from __future__ import annotations

import os

from conformance import Evidence, Verdict
from conformance._run.session import judge
from conformance._run.verdicts import unjudged_inputs
from tests.conftest import verdicts

METADATA = b'{"asset_id": "urn:asset:1", "name": "helmet", "pad": "' + b"x" * 4096 + b'"}'


# the engine's rule beside a pass: tests/_run/test_preconditions.py::test_a_pass_with_an_unjudged_input_...


def test_not_applicable_with_every_input_judged_stands():
    assert judge([(Verdict.NOT_APPLICABLE, "none")], Evidence(), judges_any_status=False)[0] is Verdict.NOT_APPLICABLE
    assert unjudged_inputs(Verdict.NOT_APPLICABLE, {}) is None
    # a fail stands, an error stays the harness's, an inconclusive keeps its own reason
    for verdict in (Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE):
        assert unjudged_inputs(verdict, {"a.json": "refused"}) is None


def _metadata_manifest(tmp_path, **config):
    return {"product": {"name": "p", "version": "1"}, "profiles": ["asset-metadata"],
            "targets": {"asset_metadata": {"adapter": "file", "paths": [str(tmp_path / "data" / "*")], **config}}}


def _message(result, rid):
    return next(r.message for r in result.report.requirements if r.requirement == rid)


def test_a_case_whose_only_file_is_over_the_cap_is_inconclusive(tmp_path, catalog, run_manifest):
    """AS-CONT-001 found no content reference to judge (not applicable before) in the one file it had, refused."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "large.json").write_bytes(METADATA)
    result = run_manifest(_metadata_manifest(tmp_path, max_file_bytes=1024), requirements=["AS-CONT-001"])
    assert verdicts(result) == {"AS-CONT-001": "inconclusive"}
    assert "data/large.json" in _message(result, "AS-CONT-001")
    assert "not judged for every input" in _message(result, "AS-CONT-001")


def test_a_case_with_nothing_judged_beside_a_refused_link_is_inconclusive(tmp_path, catalog, run_manifest):
    """AS-META-001/-006 read one file carrying none of what they judge (not applicable before) beside a link out
    of the folder the test equipment refused; with the link gone they stay not applicable."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plain.json").write_bytes(b'{"name": "helmet"}')
    (tmp_path / "elsewhere.json").write_bytes(METADATA)
    os.symlink(tmp_path / "elsewhere.json", tmp_path / "data" / "1.json")
    result = run_manifest(_metadata_manifest(tmp_path), requirements=["AS-META-001", "AS-META-006"])
    assert verdicts(result) == {"AS-META-001": "inconclusive", "AS-META-006": "inconclusive"}
    assert all("data/1.json" in _message(result, rid) for rid in ("AS-META-001", "AS-META-006"))
    (tmp_path / "data" / "1.json").unlink()
    result = run_manifest(_metadata_manifest(tmp_path), requirements=["AS-META-001", "AS-META-006"])
    assert verdicts(result) == {"AS-META-001": "not_applicable", "AS-META-006": "not_applicable"}
