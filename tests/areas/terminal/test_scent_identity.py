"""Which scent an olfactory device releases, identified by the laboratory's gas chromatography (TD-OLF-006): the
reference record passes, a release of a scent with no marker or a record missing its apparatus is not judged. The
known-bad records fail their rules in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import json

from conformance.areas.terminal.scent_identity import SCHEMA_ID, Record, judge, keyed, record_schema
from tests.conftest import ROOT, SAMPLES, manifest_for, verdict_and_evidence

SAMPLE = SAMPLES / "scent_analyses" / "scent-identity.json"


def test_each_release_is_held_to_its_marker_and_the_other_scent_s():
    judged, unmarked = judge(Record.model_validate_json(SAMPLE.read_bytes()))
    assert not unmarked and [round(j.offset_s or 0, 1) for j in judged] == [0.2, 0.1, 0.3, 0.2]
    assert [set(j.shares) for j in judged] == [{"coffee"}] * 3 + [{"pine"}]
    assert round(judged[3].shares["pine"], 3) == 0.02  # the little pine the coffee release carries


def test_the_reference_record_passes_and_what_it_cannot_judge_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(record: dict | None) -> tuple[str, str]:
        manifest = manifest_for(catalog, "terminal-haptics", features=["scent-identity"])
        if record is not None:
            path = tmp_path / "record.json"
            path.write_text(json.dumps(record))
            manifest["targets"]["scent_analyses"]["paths"] = [str(path)]
        return verdict_and_evidence(run_manifest(manifest, requirements=["TD-OLF-006"]), "TD-OLF-006")
    got, text = verdict(None)
    assert got == "pass", text
    assert "4 release(s) analysed" in text and "4 judged" in text and "not keyed" not in text
    good = json.loads(SAMPLE.read_text())
    unmarked = {**good, "markers": {"pine": good["markers"]["pine"]}}  # coffee's marker not named
    got, text = verdict(unmarked)
    assert got == "inconclusive" and "names no marker compound" in text, text
    bare = {**good, "chromatograph": {k: v for k, v in good["chromatograph"].items() if k != "column"}}
    got, text = verdict(bare)
    assert got == "inconclusive" and "/chromatograph/column" in text, text


def test_annex_e_s_record_schema_is_the_model_the_run_reads_with(catalog):
    """Issue 76: every format a test case reads is in the normative annex, generated from what the harness reads
    with; the schema file is the model's own, and the reference record is valid against it."""
    schema = json.loads((ROOT / "schemas" / "terminal" / "scent-analyses.json").read_text(encoding="utf-8"))
    assert schema == record_schema()
    assert catalog.schemas.findings(json.loads(SAMPLE.read_bytes()), SCHEMA_ID) == []
    assert catalog.schemas.findings({"method": "ISO 16000-6:2021"}, SCHEMA_ID)  # no apparatus, no releases


def test_the_releases_are_keyed_to_the_scents_sent_through_annex_d():
    """R3: the reference record answers the reference bench capture's send log; a release naming another scent
    than the one sent then, a send with no release and a release with no send are each named."""
    record = Record.model_validate_json(SAMPLE.read_bytes())
    sent = [(r.t + 20_000_000, r.scent) for r in record.releases]  # each sent 20 ms off its release: within 0.1 s
    assert keyed(record, sent) == []
    wrong = [*sent[:3], (sent[3][0], "pine")]
    assert [(p.release, p.scent, p.sent) for p in keyed(record, wrong)] == [(3, "coffee", "pine")]
    extra = [*sent, (sent[3][0] + 30_000_000_000, "coffee")]
    assert [(p.release, p.scent) for p in keyed(record, extra)] == [(None, "coffee")]
    late = [(t + 200_000_000, s) for t, s in sent]  # 0.2 s off: no release answers its send
    assert [p.release for p in keyed(record, late)] == [None] * 4 + [0, 1, 2, 3]
    assert [p.release for p in keyed(record, sent[:3])] == [3]  # the coffee release answers no send
