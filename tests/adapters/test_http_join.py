"""The ``http`` adapter's own join (adapters/joining.py) gives exactly httpx's URL, or leaves
the join to httpx."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.adapters.http import HttpAdapter
from conformance.adapters.joining import plain_join

BASES = ["http://127.0.0.1:8000/", "https://Example.ORG/api/v1/", "http://[::1]:9/x/", "http://h/a/b/",
         "http://h/?q=1", "http://h/api", "http://h/#frag", "http://user:pw@h:80/p/"]
#: every character class the join treats differently: unreserved, sub-delimiters, gen-delimiters,
#: percent signs and escapes, dots, spaces, controls, non-ASCII
PIECES = st.sampled_from(list("aZ09-._~!$&'()*+,;=:@/?#[]% \"<>`{}|\\^\t\n") + ["%2F", "%3a", "%zz", "..", ".",
                                                                                   "é", "did%3Aex%3A1", "//"])


def _same(base: str, reference: str) -> None:
    url = httpx.URL(base)
    fast = plain_join(url, reference)
    if fast is None:
        return
    slow = url.join(reference)
    assert str(fast) == str(slow)
    assert fast == slow
    assert fast.raw_path == slow.raw_path and fast.query == slow.query and fast.fragment == slow.fragment
    assert (fast.scheme, fast.host, fast.port, fast.userinfo) == (slow.scheme, slow.host, slow.port, slow.userinfo)


@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(BASES), reference=st.lists(PIECES, max_size=12).map("".join))
def test_the_plain_join_is_httpx_join(base: str, reference: str) -> None:
    _same(base, reference)


@pytest.mark.parametrize("reference", [
    "assets", "assets/did%3Aexample%3A1/state", "assets?owner=did%3Aexample%3A1", "a/b/", "x?y=1&z=a:b/c?d",
])
def test_common_paths_take_the_plain_join(reference: str) -> None:
    url = httpx.URL("http://127.0.0.1:8000/api/")
    assert plain_join(url, reference) is not None
    _same(str(url), reference)


@pytest.mark.parametrize("reference", [
    "", "a/../b", "./a", "a//b", "did:example:1", "a;p", "a?", "a#f", "a b", "é", "%zz", "/abs", "?q=1",
    "http://other/x",
])
def test_other_references_are_left_to_httpx(reference: str) -> None:
    assert plain_join(httpx.URL("http://127.0.0.1:8000/"), reference) is None


@pytest.mark.parametrize("base", ["http://h/?q=1", "http://h/api", "http://h/#f"])
def test_bases_urljoin_would_cut_are_left_to_httpx(base: str) -> None:
    assert plain_join(httpx.URL(base), "assets") is None


class _Context:
    environ: dict[str, str] = {}
    base_dir = Path(".")

    def where(self, *parts: str) -> str:
        return ".".join(parts)


def test_the_adapter_joins_as_before() -> None:
    adapter = HttpAdapter("api", {"base_url": "http://127.0.0.1:9/api"}, _Context())
    try:
        for path in ["/assets/x", "assets/x?o=1", "/a/../b", "http://127.0.0.1:9/z", "assets/x"]:
            assert adapter.url(path) == adapter.base_url.join(path if "://" in path else path.lstrip("/"))
    finally:
        adapter.close()
