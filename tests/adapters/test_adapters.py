"""The adapters against a hostile target: timeouts, size caps, redirects, redaction."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conformance._catalog.catalog import load_catalog
from conformance._record.evidence import Evidence, recording
from conformance._record.redaction import Redactor
from conformance.adapters import (
    BUILTIN_ADAPTERS,
    AdapterContext,
    adapter_kinds,
    adapters_of_kind,
    available_adapters,
    create_adapter,
)
from conformance.adapters.file import FileAdapter
from conformance.adapters.http import HttpAdapter, is_loopback_host
from conformance.errors import BeyondReadingBound, HarnessInputError, NonConformance, TargetUnreachable
from conformance.messages import Message, localize
from conformance.reference.server import serve
from tests.hostile import app as hostile_app

SECRET = "s3cr3t-token-value"


@pytest.fixture(scope="module")
def hostile_url():
    with serve(hostile_app) as url:
        yield url


def make_http(url: str, tmp_path: Path, environ: dict[str, str] | None = None, **config) -> HttpAdapter:
    context = AdapterContext(tmp_path / "manifest.yaml", environ or {"TOKEN": SECRET})
    return HttpAdapter("api", {"adapter": "http", "base_url": url, **config}, context)


def test_builtin_adapters_are_registered_as_entry_points():
    adapters = available_adapters()
    assert adapters["http"] is HttpAdapter
    assert adapters["file"] is FileAdapter


def test_builtin_kinds_are_known_without_importing_the_adapters():
    # The table that spares a run over files the import of httpx says what the classes say.
    assert {name: kind for name, (_, _, kind) in BUILTIN_ADAPTERS.items()} == {"file": FileAdapter.kind,
                                                                      "http": HttpAdapter.kind}
    assert adapter_kinds() >= {"file", "http"}
    assert "http" in adapters_of_kind("http") and "file" in adapters_of_kind("file")


def test_slow_server_times_out(hostile_url, tmp_path):
    adapter = make_http(hostile_url, tmp_path, timeout_s=0.5)
    with pytest.raises(TargetUnreachable, match="no answer within") as raised:
        adapter.get("/slow")
    reason = raised.value.args[0]  # a template's message, so a report can show it in Chinese
    assert localize(reason, reason.text(), "zh").endswith("0.5 秒内无响应")


def test_drip_fed_body_hits_the_overall_deadline(hostile_url, tmp_path):
    adapter = make_http(hostile_url, tmp_path, timeout_s=1)
    with pytest.raises(TargetUnreachable, match="not complete within"):
        adapter.get("/drip")


def test_oversized_streamed_body_is_cut_off_and_left_unjudged(hostile_url, tmp_path):
    # max_response_bytes is a reading bound of 5.1: what lies past it is not read, and no finding
    # (forty-fourth reading, ax1: it was a NonConformance, so the case failed on it)
    adapter = make_http(hostile_url, tmp_path, max_response_bytes=1024 * 1024)
    record = Evidence()
    with recording(record), pytest.raises(BeyondReadingBound, match="exceeds the 1048576-byte cap, the reading bound "
                                                                    "max_response_bytes: not read, not judged"):
        adapter.get("/big")
    assert record.findings_count == 0 and "max_response_bytes" in record.items[0]["error"]


def test_oversized_declared_body_is_refused_before_reading(hostile_url, tmp_path):
    adapter = make_http(hostile_url, tmp_path, max_response_bytes=1024 * 1024)
    with pytest.raises(BeyondReadingBound, match="declares 5242880 bytes"):
        adapter.get("/big-declared")


def test_redirect_to_another_origin_is_refused(hostile_url, tmp_path):
    adapter = make_http(hostile_url, tmp_path)
    record = Evidence()
    with recording(record), pytest.raises(NonConformance, match="another origin"):
        adapter.get("/off-origin")
    assert record.items[0]["error"].startswith("redirect to another origin refused")


def test_redirect_within_the_origin_is_followed(hostile_url, tmp_path):
    response = make_http(hostile_url, tmp_path).get("/same-origin")
    assert response.status == 200
    assert response.json() == {"ok": True}
    assert response.redirects == [f"{hostile_url}/ok"]


def test_redirect_loop_is_bounded(hostile_url, tmp_path):
    with pytest.raises(NonConformance, match="more than 5 redirects"):
        make_http(hostile_url, tmp_path).get("/loop")


def test_absolute_urls_of_another_origin_are_never_contacted(hostile_url, tmp_path):
    adapter = make_http(hostile_url, tmp_path)
    assert adapter.get(f"{hostile_url}/ok").status == 200
    with pytest.raises(NonConformance, match="refusing to contact http://198.51.100.7/x"):
        adapter.get("http://198.51.100.7/x")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("[::1]", True), ("::ffff:127.0.0.1", True),
     ("localhost", True), ("localhost.", True), ("api.localhost", True), ("10.0.0.1", False),
     ("example.com", False), ("localhost.example.com", False)],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback_host(host) is loopback


def test_deep_json_is_left_unjudged_past_the_reading_bound(hostile_url, tmp_path):
    response = make_http(hostile_url, tmp_path, max_json_depth=32).get("/deep")
    with pytest.raises(BeyondReadingBound, match="100 levels deep, past the reading bound max_json_depth") as raised:
        response.json()
    assert not isinstance(raised.value, NonConformance)  # no finding: the test is inconclusive unless others fail


def test_malformed_json_is_a_non_conformance(hostile_url, tmp_path):
    response = make_http(hostile_url, tmp_path).get("/not-json")
    with pytest.raises(NonConformance, match="not valid JSON") as raised:
        response.json()
    # The message is a template's, in both languages; the parser's own words stay as they are.
    message = raised.value.args[0]
    assert isinstance(message, Message) and message.key == "adapters.not-json"
    chinese = localize(message, message.text(), "zh")
    assert "的响应体：不是有效的 JSON" in chinese and message.args["error"] in chinese


def test_unreachable_target_fails_preflight(tmp_path):
    adapter = make_http("http://127.0.0.1:9", tmp_path, timeout_s=2)
    with pytest.raises(TargetUnreachable):
        adapter.preflight()


def test_credentials_come_from_the_environment_and_are_redacted(hostile_url, tmp_path):
    adapter = make_http(hostile_url, tmp_path, auth={"bearer_token_env": "TOKEN"})
    record = Evidence(Redactor(adapter.secrets()))
    with recording(record):
        response = adapter.get("/echo")
    assert response.json() == {"you_sent": f"Bearer {SECRET}"}  # the token really was sent
    exported = str(record.export())
    assert SECRET not in exported
    assert record.items[0]["request"]["headers"]["Authorization"] == "***"
    assert "Bearer ***" in record.items[0]["response"]["body"]
    # the exchange's curl command names the variable the token came from, never the token
    curl = record.items[0]["request"]["curl"]
    assert curl == (f"curl -sS -i {hostile_url}/echo -H 'User-Agent: {adapter.client.headers['user-agent']}'"
                    ' -H "Authorization: Bearer ${TOKEN}"')
    done = subprocess.run(["sh", "-c", curl.replace("curl ", "printf '%s\\n' ", 1)],
                          env={"TOKEN": SECRET}, capture_output=True, text=True, check=True)
    assert f"Authorization: Bearer {SECRET}" in done.stdout.splitlines()  # the shell fills it in


def test_the_curl_command_carries_the_headers_from_the_environment_as_variables(hostile_url, tmp_path):
    # issue 59: a vendor pasting the command got 401, the run's X-Api-Key header being missing
    adapter = make_http(hostile_url, tmp_path, auth={"bearer_token_env": "TOKEN"},
                        headers_env={"X-Api-Key": "ACME_KEY"}, environ={"TOKEN": SECRET, "ACME_KEY": "k-" + SECRET})
    record = Evidence(Redactor(adapter.secrets()))
    with recording(record):
        adapter.get("/echo", headers={"Accept": "application/json"})
    request = record.items[0]["request"]
    assert SECRET not in str(record.export())
    assert request["headers"]["X-Api-Key"] == "***"
    curl = request["curl"]
    assert '-H "X-Api-Key: ${ACME_KEY}"' in curl and '-H "Authorization: Bearer ${TOKEN}"' in curl
    assert "-H 'Accept: application/json'" in curl


def test_missing_credential_variable_is_bad_input(tmp_path):
    context = AdapterContext(tmp_path / "m.yaml", {})
    config = {"adapter": "http", "base_url": "http://127.0.0.1:1", "auth": {"bearer_token_env": "NOPE"}}
    with pytest.raises(HarnessInputError, match=r"\$\.targets\.api\.auth\.bearer_token_env: environment variable NOPE"):
        HttpAdapter("api", config, context)


def test_adapter_config_is_checked_against_its_schema(tmp_path):
    schemas = load_catalog().schemas
    context = AdapterContext(tmp_path / "m.yaml", {})
    with pytest.raises(HarnessInputError, match=r"at \$\.targets\.api\.base_url"):
        create_adapter("api", {"adapter": "http", "base_url": "ftp://x"}, context, schemas)
    with pytest.raises(HarnessInputError, match="unknown adapter 'carrier-pigeon'"):
        create_adapter("api", {"adapter": "carrier-pigeon"}, context, schemas)


def test_file_adapter_globs_and_judges_malformed_json(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "good.json").write_text('{"a": 1}')
    (tmp_path / "data" / "bad.json").write_text("{oops")
    context = AdapterContext(tmp_path / "manifest.yaml", {})
    adapter = FileAdapter("docs", {"adapter": "file", "paths": ["data/*.json"]}, context)
    adapter.preflight()
    record = Evidence()
    with recording(record):
        documents = list(adapter.documents())
    assert [d.name for d in documents] == ["data/good.json"]
    assert record.findings_count == 1
    assert record.items[0]["file"] == "data/bad.json"
    assert record.items[0]["text"]["key"] == "adapters.not-json"  # the finding keeps its template


def test_file_adapter_takes_a_folder_as_its_files(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.json").write_text("{}")
    (tmp_path / "data" / ".hidden").write_text("{}")
    (tmp_path / "data" / "sub").mkdir()
    context = AdapterContext(tmp_path / "manifest.yaml", {})
    adapter = FileAdapter("docs", {"adapter": "file", "paths": ["data"]}, context)
    assert [p.name for p in adapter.files()] == ["a.json"]


def test_file_adapter_reports_a_pattern_matching_nothing(tmp_path):
    context = AdapterContext(tmp_path / "manifest.yaml", {})
    adapter = FileAdapter("docs", {"adapter": "file", "paths": ["missing/*.json"]}, context)
    with pytest.raises(HarnessInputError, match=r"\$\.targets\.docs\.paths\[0\]: no file matches"):
        adapter.preflight()
