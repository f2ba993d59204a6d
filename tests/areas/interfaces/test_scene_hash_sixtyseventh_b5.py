"""The sixty-seventh reading of issue 76, part h130-idp, b5: a publish answer stating a SHA-256 other than that of the
bytes published is IF-SCN-001's rule. IF-SCN-002, whose statement asks for the interactive nodes, notes it naming
IF-SCN-001 and no longer fails the direction over it (before: both cells of the pair failed). Fails on the branch's
base (a3e84674c)."""

from __future__ import annotations

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for


def test_b5_a_misstated_publish_hash_fails_if_scn_001_only(run_manifest, catalog):
    ids = ["IF-SCN-001", "IF-SCN-002"]
    with serve_failing(lambda *_: False, defects=("scene-hash-misstated",)) as a, serve_failing(lambda *_: False) as b:
        result = run_manifest(manifest_for(catalog, "shared-scenes", base_urls={"api": a, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-SCN-001": "fail", "IF-SCN-002": "pass"}
    assert "the sha256 api states for the scene is not the SHA-256 of the bytes published" in \
        reasons(result, "IF-SCN-001")
    noted = reasons(result, "IF-SCN-002")
    assert "not judged here; IF-SCN-001 judges the publish answer's SHA-256" in noted
