"""Syntax of handles and GS1 Digital Link URIs (conformance.areas.identifiers.syntax), with
hypothesis where the inputs are open-ended."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.identifiers import syntax

segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
prefixes = st.lists(segment, min_size=1, max_size=4).map(".".join)
suffixes = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40)
digits = st.text(alphabet="0123456789", min_size=7, max_size=13).filter(lambda d: len(d) in (7, 11, 12, 13))
cset82 = st.text(alphabet=sorted(syntax.CSET82), min_size=1, max_size=20)


def gtin(body: str) -> str:
    return body + str(syntax.check_digit(body))


@given(prefix=prefixes, suffix=suffixes)
def test_every_prefix_and_suffix_make_a_handle(prefix, suffix):
    identifier = f"{prefix}/{suffix}"
    assert syntax.scheme(identifier) == syntax.HANDLE
    assert syntax.problems(identifier) == []


@given(prefix=prefixes)
def test_a_handle_needs_its_suffix_and_whole_segments(prefix):
    assert [m.key for m in syntax.problems(prefix + "/")] == ["identifiers.handle-no-suffix"]
    assert "identifiers.handle-prefix-segments" in [m.key for m in syntax.problems(prefix + "./x")]
    assert "identifiers.handle-control" in [m.key for m in syntax.problems(prefix + "/a\x00b")]


def test_white_space_in_a_prefix_is_no_control_character():
    """IR-SYN-001 1.1: the statement refuses control characters only, and RFC 3651's naming
    authority segments may hold white space; the check refused it in the prefix."""
    assert syntax.problems("88.100 2/abc") == []
    assert [m.key for m in syntax.problems("88.100\t2/abc")] == ["identifiers.handle-control"]  # TAB is Cc


@given(prefix=prefixes, suffix=suffixes)
def test_an_at_sign_is_refused_in_the_prefix_only(prefix, suffix):
    """IR-SYN-001 1.2: RFC 3651 2.1's NAsegment leaves out 0x40; a local name may hold "@"."""
    assert [m.key for m in syntax.problems(f"{prefix}@x/{suffix}")] == ["identifiers.handle-prefix-at"]
    assert [m.key for m in syntax.problems(f"@{prefix}/{suffix}")] == ["identifiers.handle-prefix-at"]
    assert syntax.problems(f"{prefix}/user@{suffix}") == []


@given(body=digits)
def test_the_computed_check_digit_is_the_only_valid_one(body):
    assert syntax.gtin_problems(gtin(body)) == []
    for wrong in set("0123456789") - {gtin(body)[-1]}:
        assert [m.key for m in syntax.gtin_problems(body + wrong)] == ["identifiers.gtin-check-digit"]


def test_gs1s_own_example_gtins_are_valid():
    for known in ("09506000134352", "9506000134352", "95012346", "614141123452"):
        assert syntax.gtin_problems(known) == [], known


@given(body=digits, lot=cset82, serial=cset82)
def test_digital_link_uris_with_qualifiers_in_order(body, lot, serial):
    uri = f"https://id.example.com/01/{gtin(body)}/10/{quote(lot, safe='')}/21/{quote(serial, safe='')}"
    assert syntax.scheme(uri) == syntax.DIGITAL_LINK
    assert syntax.problems(uri) == []
    swapped = f"https://id.example.com/01/{gtin(body)}/21/{quote(serial, safe='')}/10/{quote(lot, safe='')}"
    assert "identifiers.dl-qualifier-order" in [m.key for m in syntax.problems(swapped)]


def test_digital_link_rules_each_found():
    def keys(uri: str) -> list[str]:
        return [m.key for m in syntax.problems(uri)]

    assert keys("https://id.example.com/shop/01/09506000134352") == []  # a path before the primary key
    assert keys("https://id.example.com/8004/0950600013ref-helmet-0001") == []
    assert keys("https://id.example.com/01/09506000134353") == ["identifiers.gtin-check-digit"]
    assert keys("https://id.example.com/01/0950600013435") == ["identifiers.gtin-check-digit"]
    assert keys("https://id.example.com/01/123") == ["identifiers.gtin-length"]
    assert keys("https://id.example.com/products/123") == ["identifiers.dl-no-primary-key"]
    assert keys("https://id.example.com/01/09506000134352/99/x") == ["identifiers.dl-qualifier"]
    assert keys("https://id.example.com/01/09506000134352/21/" + "x" * 21) == ["identifiers.ai-value"]
    assert keys("https://id.example.com/01/09506000134352/21/%E2%82%AC") == ["identifiers.ai-value"]
    assert keys("https://id.example.com/01/09506000134352#top") == ["identifiers.dl-fragment"]


@given(st.one_of(st.none(), st.integers(), st.just("")))
def test_what_is_not_a_string_is_one_finding(value):
    assert [m.key for m in syntax.problems(value)] == ["identifiers.not-a-string"]


def test_other_uri_schemes_are_neither():
    for identifier in ("urn:isbn:0451450523", "did:web:example.com", "mailto:a@example.com"):
        assert syntax.scheme(identifier) is None
        assert [m.key for m in syntax.problems(identifier)] == ["identifiers.no-scheme"]
