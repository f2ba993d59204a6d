"""Issue 76, leftovers of the seventy-fifth round noticed by the lead: table D.3 named ``reporting.endpoint`` as the
way to ``GET /reports/{report_id}`` without the ``/{report_id}`` the contract's ``x-discovery-suffix`` adds (D.6 and
the checks read the member's value followed by it, ``contractops.declared_path``). The class: every operation whose
contract gives a suffix is shown with it, in both languages.

Fails on a76c0fb19."""

from __future__ import annotations

from conformance._catalog.catalog import Catalog
from conformance.drafting.contracts import operations
from conformance.drafting.discoveryclause import reached_through
from conformance.drafting.writer import Writer


def test_an_operation_reached_at_a_member_and_a_suffix_is_shown_with_both(catalog: Catalog):
    suffixed = [op for op in operations(catalog) if isinstance(op.source, dict) and op.source.get("x-discovery-suffix")]
    assert [op.operation_id for op in suffixed] == ["getMisconductReport"]
    for lang, words in (("zh", "（经服务发现文档的 `{m}` 后接 `{s}`）"),
                        ("en", " (through the discovery document's `{m}` followed by `{s}`)")):
        for op in suffixed:
            said = reached_through(Writer(catalog, lang), op, "")
            assert said.startswith(words.format(m=op.discovery, s=op.source["x-discovery-suffix"])), (lang, said)
