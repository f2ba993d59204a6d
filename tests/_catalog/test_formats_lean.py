"""The uri / uri-reference formats match what rfc3986_validator matches, in memory that does
not grow with the value (issue 50: a 3 MB URI in a DID document made a run peak at 430 MB)."""

from __future__ import annotations

import random
import resource
import subprocess
import sys

import pytest
import rfc3986_validator
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._catalog.formats import FORMATS, _rfc3986, possessive

PIECES = ["a", "Z", "9", "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "/",
          "?", "#", "%", "%4", "%41", "%g1", "[", "]", "::1", "v1.x", "1.2.3.4", "256.1.1.1", "//", "http:", "x:",
          " ", "\n", "é", "[::1]", "[v7.a:b]", "[1:2:3:4:5:6:7:8]", "user@", ":80", "::"]


def _same(value: str) -> None:
    for rule in ("URI", "URI_reference"):
        expected = rfc3986_validator.validate_rfc3986(value, rule=rule) is not None
        assert (_rfc3986(rule).match(value) is not None) is expected, (rule, value)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_the_possessive_patterns_match_what_the_validator_matches(value):
    _same(value)


def test_the_same_on_many_random_uris():
    rng = random.Random(50)
    for _ in range(20_000):
        _same("".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 16))))


def test_possessive_keeps_classes_escapes_and_comments():
    assert possessive(r"(?:a|b)*[x*]+\)* c+ # (z)*") == r"(?:a|b)*+[x*]++\)* c+ # (z)*"
    assert possessive("(?:a)*?(?:b)++") == "(?:a)*?(?:b)++"


@pytest.mark.slow
def test_a_3_mb_uri_is_checked_in_memory_proportional_to_it():
    """A subprocess, so that its peak RSS is its own: the check adds far less than the
    value's size several times over (the plain pattern added ~400 MB)."""
    code = (
        "import resource, sys\n"
        "from conformance._catalog.formats import FORMATS\n"
        "values = ['https://example.com/' + 'a' * 3_000_000, 'https://example.com/' + '%41' * 1_000_000,\n"
        "          'urn:x:' + 'a/' * 1_500_000, 'https://example.com/' + 'a' * 3_000_000 + ' ']\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "answers = [FORMATS['uri'](v) for v in values] + [FORMATS['uri-reference'](v) for v in values]\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024, answers)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) < 40, out  # MB added while checking 3 MB values
    assert out[1].strip() == str([True, True, True, False] * 2)
    assert FORMATS["uri"]("https://example.com/a") and not FORMATS["uri"]("no scheme")
    assert resource  # imported for the subprocess's code above
