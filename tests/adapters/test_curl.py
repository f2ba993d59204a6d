"""Requests as curl commands: what a vendor pastes into a shell to see a failing answer again."""

from __future__ import annotations

import shlex

import orjson
from hypothesis import given
from hypothesis import strategies as st

from conformance.adapters.curl import MAX_BODY, curl_command


def test_a_get_is_the_url_alone() -> None:
    assert curl_command("GET", "http://h/a?b=1&c=2", {}) == "curl -sS -i 'http://h/a?b=1&c=2'"


def test_a_json_body_is_sent_as_json() -> None:
    command = curl_command("POST", "http://h/assets", {}, json={"name": "it's"})
    words = shlex.split(command)
    assert words[:6] == ["curl", "-sS", "-i", "http://h/assets", "-X", "POST"]
    assert "Content-Type: application/json" in words
    assert orjson.loads(words[words.index("--data-raw") + 1]) == {"name": "it's"}


def test_over_https_curl_trusts_the_manifests_ca_bundle_or_verifies_nothing_as_the_run_did() -> None:
    command = curl_command("GET", "https://h/a", {}, cacert="/tmp/my ca.pem")
    assert shlex.split(command) == ["curl", "-sS", "-i", "https://h/a", "--cacert", "/tmp/my ca.pem"]
    assert shlex.split(curl_command("GET", "https://h/a", {}, cacert="ca.pem", insecure=True))[4] == "-k"
    assert curl_command("GET", "http://h/a", {}, cacert="ca.pem", insecure=True) == "curl -sS -i http://h/a"


def test_a_sensitive_header_without_a_variable_stays_hidden() -> None:
    command = curl_command("GET", "http://h/", {"Cookie": "session=abc"}, sensitive={"cookie"})
    assert "abc" not in command and "Cookie: ***" in shlex.split(command)


def test_a_header_from_a_variable_is_written_as_the_variable() -> None:
    command = curl_command("GET", "http://h/", {"X-Api-Key": "k-123"}, variables={"x-api-key": "ACME_KEY"},
                           sensitive={"x-api-key"})
    assert "k-123" not in command and '"X-Api-Key: ${ACME_KEY}"' in command


def test_a_large_or_binary_body_is_left_to_the_evidence() -> None:
    assert "the 5000-byte body is in the evidence" in curl_command("PUT", "http://h/", {}, content=b"x" * 5000)
    assert "--data-raw" not in curl_command("PUT", "http://h/", {}, content=b"\x00\x01")
    assert len(b"x" * MAX_BODY) == MAX_BODY


@given(st.dictionaries(st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,20}", fullmatch=True),
                       st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)), max_size=4),
       st.text(alphabet=st.characters(min_codepoint=10, max_codepoint=0x2FFF), max_size=200))
def test_what_the_shell_reads_back_is_what_was_sent(headers: dict[str, str], body: str) -> None:
    """Whatever the header values and body hold (quotes, $, backticks), the shell gets them
    literally: a target's words never run as commands."""
    words = shlex.split(curl_command("POST", "http://h/x", headers, content=body.encode()))
    for name, value in headers.items():
        assert f"{name}: {value}" in words
    if body.replace("\n", "").isprintable():  # lines stay lines; other control characters are left out
        assert words[words.index("--data-raw") + 1] == body


def test_the_console_cuts_a_command_only_before_its_options() -> None:
    from conformance._run.console import command_lines

    command = curl_command("POST", "http://h/x?a=1", {"Authorization": "Bearer t", "Accept": "a/b"},
                           json={"a": "b -H c"}, variables={"authorization": "T"})
    lines = command_lines(command)
    assert lines[0] == "curl -sS -i 'http://h/x?a=1'"
    assert lines[1:4] == ["-X POST", '-H "Authorization: Bearer ${T}"', "-H 'Accept: a/b'"]
    assert shlex.split(" ".join(lines)) == shlex.split(command)
