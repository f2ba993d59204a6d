"""A finding or note about a file outside the manifest's folder names the file and quotes none
of its words (issue 72 item 6): the template's text arguments, ``actual`` and text members are
replaced; where it is, the rule and the harness's own words (a schema's allowed values) stay."""

from __future__ import annotations

import json

from conformance._record.evidence import Evidence
from conformance._record.findings import Finding
from conformance._record.quoting import Quoting
from conformance._record.redaction import Redactor
from conformance.messages import localize, msg

MARK = "MARK-41c0"


def _evidence(tmp_path, *chosen, reached=("secret",)):
    """The manifest's folder is vendor/; its file targets reach vendor/ and, unless told
    otherwise, secret/ beside it (a manifest naming ``../secret/*.json``)."""
    (tmp_path / "vendor").mkdir()
    folders = [tmp_path / "vendor", *(tmp_path / name for name in reached)]
    return Evidence(Redactor(quoting=Quoting.of(tmp_path / "vendor", chosen, folders)))


def _schema_finding(file: str) -> Finding:
    return Finding(msg("schema.enum", value=repr(MARK), allowed="['a', 'b']"), file=file, pointer="/id",
                   actual=MARK, rule="enum", extra={"excerpt": MARK, "offset": 3})


def _shown(evidence: Evidence) -> str:
    items = evidence.export()
    texts = [localize(i["message"], i.get("text"), lang) for i in items if "message" in i for lang in ("en", "zh")]
    return json.dumps([items, texts, evidence.first_finding()], ensure_ascii=False, default=str)


def test_a_file_outside_is_named_and_its_value_not_quoted(tmp_path):
    evidence = _evidence(tmp_path)
    outside = str(tmp_path / "secret" / "a.json")
    evidence.record(_schema_finding(outside))
    evidence.record(_schema_finding("../secret/b.json"))
    evidence.note(msg("schema.other", keyword="x", detail=MARK), file=outside, actual=MARK)
    evidence.note(f"a library's words: {MARK}", file=outside)
    shown = _shown(evidence)
    assert MARK not in shown
    first = evidence.export()[0]
    assert first["file"] == outside and first["pointer"] == "/id" and first["rule"] == "enum"
    assert "['a', 'b']" in first["message"] and first["offset"] == 3  # the schema's words, numbers: kept
    assert "outside the manifest's folder" in first["message"] and "清单所在文件夹之外" in shown
    assert "../secret/b.json" in {item.get("file") for item in evidence.export()}


def test_a_file_inside_the_manifests_folder_or_chosen_is_quoted(tmp_path):
    chosen = tmp_path / "chosen"
    evidence = _evidence(tmp_path, chosen)
    for name in ("data/a.json", str(tmp_path / "vendor" / "b.json"), str(chosen / "c.json"), "GET /items"):
        evidence.record(_schema_finding(name))
    assert evidence.export()[0]["actual"] == MARK
    assert _shown(evidence).count(repr(MARK)) >= 4 * 2  # each message, in both languages


def test_a_link_inside_that_leads_outside_is_outside(tmp_path):
    evidence = _evidence(tmp_path)
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "vendor" / "link.json").symlink_to(tmp_path / "secret" / "a.json")
    evidence.record(_schema_finding(str(tmp_path / "vendor" / "link.json")))
    assert MARK not in _shown(evidence)


def test_an_exchange_path_is_no_outside_file_when_no_file_target_leaves_the_folder(tmp_path):
    # an HTTP finding's file is the exchange's path ("/.well-known/metaverse-interop"): absolute,
    # yet no file; it was taken for one outside the manifest's folder and its words were hidden
    evidence = _evidence(tmp_path, reached=())
    evidence.record(_schema_finding("/.well-known/metaverse-interop"))
    assert evidence.export()[0]["actual"] == MARK


def test_without_a_manifest_everything_is_quoted():
    evidence = Evidence()
    evidence.record(_schema_finding("/anywhere/a.json"))
    assert MARK in _shown(evidence)
