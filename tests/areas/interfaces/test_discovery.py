"""The discovery checks: IF-DISC-004's risk grade (its scheme an absolute URI, and a grade),
IF-DISC-003's profiles and their endpoints, and IF-DISC-002's endpoints, whose transport failure
is no answer of the product (issue 59)."""

import http.server
import json
import types

import pytest

from conformance.areas.interfaces.discovery import risk_grade_findings
from tests.areas.fake_api import Answer, Api


def test_a_named_scheme_and_grade_pass() -> None:
    assert risk_grade_findings({"risk_grade": {"scheme": "https://example.org/grades", "grade": "low"}}) == []
    assert risk_grade_findings({"risk_grade": {"scheme": "urn:example:grades:v1", "grade": "B"}}) == []


@pytest.mark.parametrize(("document", "pointers"), [
    ({}, ["/risk_grade"]),
    ([], ["/risk_grade"]),
    ({"risk_grade": "low"}, ["/risk_grade"]),
    ({"risk_grade": {"grade": "low"}}, ["/risk_grade/scheme"]),
    ({"risk_grade": {"scheme": "grades/v1", "grade": "low"}}, ["/risk_grade/scheme"]),
    ({"risk_grade": {"scheme": "https://example.org/grades#low", "grade": "low"}}, ["/risk_grade/scheme"]),
    ({"risk_grade": {"scheme": "https://example.org/grades", "grade": " "}}, ["/risk_grade/grade"]),
    ({"risk_grade": {"scheme": 7, "grade": 3}}, ["/risk_grade/scheme", "/risk_grade/grade"]),
])
def test_a_missing_or_malformed_grade_is_a_finding(document, pointers) -> None:
    assert [f.pointer for f in risk_grade_findings(document)] == pointers




def _if_disc_003(answer: Answer):
    """Runs IF-DISC-003's test against a discovery answer: (its evidence, the exception it raised)."""
    import httpx

    api = Api(answer)
    api.base_url = httpx.URL("https://p.example/")  # since 1.4 each endpoint a profile needs is requested there
    return if_disc_003(api)


#: interfaces-core's parameters as the two checks read them (its default time limit)
PARAMS = types.SimpleNamespace(endpoint_timeout_s=10)


def if_disc_003(api):
    """Runs IF-DISC-003's test against ``api`` (a stand-in of the HTTP adapter): (its evidence, the exception it
    raised); the drafting tests of the eighteenth reading's leftovers use it too."""
    from conformance import load_catalog
    from conformance._record.evidence import Evidence
    from tests.conftest import load_module
    from tests.paths import ROOT

    module = load_module("suite_interfaces_discovery", ROOT / "suites" / "interfaces" / "test_discovery.py")
    evidence = Evidence()
    try:
        module.test_declared_profiles_have_their_endpoints({"api": api}, load_catalog(), evidence, PARAMS)
    except Exception as exc:  # noqa: BLE001 - the verdict's exception is what is asserted
        return evidence, exc
    return evidence, None


def test_if_disc_003_leaves_a_discovery_document_that_is_not_json_undecided():
    """Not a finding of IF-DISC-003 (issue 59: a precondition, IF-DISC-001's to judge)."""
    from conformance import Inconclusive

    evidence, raised = _if_disc_003(Answer(200, b"<html>"))
    assert isinstance(raised, Inconclusive) and not evidence.findings_count


def test_if_disc_003_leaves_a_profile_it_does_not_know_unjudged():
    endpoints = {"did_resolution": "https://p.example/1.0/identifiers/"}
    evidence, raised = _if_disc_003(Answer(200, {"profiles": ["identity-resolver", "vendor-extra"],
                                                  "endpoints": endpoints}))
    assert raised is None and not evidence.findings_count
    assert list(evidence.unjudged_inputs) == ["/.well-known/metaverse-interop#/profiles/1"]


# -- IF-DISC-002: a transport failure is no answer of the product (issue 59) --------------------

BASE = "https://p.example"


class _Endpoints:
    """A platform whose discovery document declares ``answers``' URLs: each answered with its
    status, or an exception raised (a transport failure)."""

    def __init__(self, answers: dict[str, int | Exception]) -> None:
        import httpx

        self.base_url = httpx.URL(f"{BASE}/")
        self.answers = answers

    #: the discovery document's JSON, when not the object declaring ``answers``' URLs
    document: object = None

    def get(self, path: str, **_: object) -> Answer:
        if path == "/.well-known/metaverse-interop":
            declared = {"endpoints": {url.rsplit("/", 1)[1]: url for url in self.answers}}
            return Answer(200, declared if self.document is None else self.document)
        answer = self.answers[path]
        if isinstance(answer, Exception):
            raise answer
        return Answer(answer, {})


def _if_disc_002(answers: dict[str, int | Exception], document: object = None):
    """Runs IF-DISC-002's test: (its evidence, the exception it raised)."""
    from conformance._record.evidence import Evidence
    from tests.conftest import load_module
    from tests.paths import ROOT

    module = load_module("suite_interfaces_discovery", ROOT / "suites" / "interfaces" / "test_discovery.py")
    evidence = Evidence()
    try:
        api = _Endpoints(answers)
        api.document = document
        module.test_declared_endpoints_answer({"api": api}, evidence, PARAMS)
    except Exception as exc:  # noqa: BLE001 - the verdict's exception is what is asserted
        return evidence, exc
    return evidence, None


def _refused() -> Exception:
    from conformance import TargetUnreachable

    return TargetUnreachable(f"GET {BASE}/down: connection refused (ConnectError: [Errno 111] Connection refused)")


def test_if_disc_002_leaves_a_document_that_is_no_json_object_inconclusive():
    """JSON, but an array: no document to read endpoints from (IF-DISC-001's), not one declaring none."""
    from conformance import Inconclusive

    evidence, raised = _if_disc_002({}, document=[{"endpoints": {}}])
    assert isinstance(raised, Inconclusive) and not evidence.findings_count


def test_if_disc_002_leaves_an_endpoint_whose_connection_is_refused_unjudged():
    evidence, raised = _if_disc_002({f"{BASE}/up": 200, f"{BASE}/down": _refused()})
    assert raised is None and not evidence.findings_count  # the engine turns the pass into inconclusive
    assert list(evidence.unjudged_inputs) == [f"{BASE}/down"]
    assert "Connection refused" in evidence.unjudged_inputs[f"{BASE}/down"]


@pytest.mark.parametrize("dead", [404, 410, 500, 503])
def test_if_disc_002_fails_a_dead_endpoint_beside_one_not_reached(dead):
    evidence, _ = _if_disc_002({f"{BASE}/gone": dead, f"{BASE}/down": _refused()})
    assert evidence.findings_count == 1 and list(evidence.unjudged_inputs) == [f"{BASE}/down"]


def test_if_disc_002_every_endpoint_answering_is_judged_whole():
    evidence, raised = _if_disc_002({f"{BASE}/a": 200, f"{BASE}/b": 401, f"{BASE}/c": 405})
    assert raised is None and not evidence.findings_count and not evidence.unjudged_inputs


class _DropsSome(http.server.BaseHTTPRequestHandler):
    """A platform declaring endpoints on its own origin: /up answers 200 and /drop closes the
    connection without answering (to the client, a failed connection)."""

    declares_gone = False

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        if self.path == "/drop":
            self.close_connection = True
            return
        base = f"http://{self.headers['host']}"
        declared = {"up": f"{base}/up", "drop": f"{base}/drop"}
        if self.declares_gone:
            declared["gone"] = f"{base}/gone"
        status, body = (404, {}) if self.path == "/gone" else (200, {})
        if self.path == "/.well-known/metaverse-interop":
            body = {"endpoints": declared}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class _DropsSomeAndOneGone(_DropsSome):
    """The same, declaring also /gone, which answers 404."""

    declares_gone = True


@pytest.mark.slow
@pytest.mark.parametrize(("handler", "expected"), [(_DropsSome, "inconclusive"), (_DropsSomeAndOneGone, "fail")])
def test_an_endpoint_dropping_the_connection_is_unjudged_and_a_404_still_fails(catalog, run_manifest, handler,
                                                                              expected):
    from tests.conftest import manifest_for
    from tests.servers import serving

    with serving(handler) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-core", base_urls={"api": url}),
                              requirements=["IF-DISC-002"])
    record = next(r for r in result.report.requirements if r.requirement == "IF-DISC-002")
    assert record.verdict.value == expected, record.message
    assert ("could not be reached" if expected == "inconclusive" else "does not answer usefully") in record.message


def test_if_disc_001_reads_the_origins_well_known_uri_whatever_the_manifest_moves(tmp_path) -> None:
    """RFC 8615 3: IF-DISC-001's subject is the origin's well-known URI; a manifest moving the
    discovery endpoint serves the other cases, and a document served only there fails it."""
    import httpx

    from conformance._record.evidence import Evidence
    from conformance.adapters import AdapterContext
    from conformance.adapters.http import HttpAdapter
    from tests.conftest import load_module
    from tests.paths import ROOT

    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/api/meta/interop.json":
            return httpx.Response(200, json={"endpoints": {}})
        return httpx.Response(404)
    config = {"adapter": "http", "base_url": "http://platform.test/api", "paths": {"discovery": "/meta/interop.json"}}
    adapter = HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", {}), transport=httpx.MockTransport(handle))
    module = load_module("suite_interfaces_discovery", ROOT / "suites" / "interfaces" / "test_discovery.py")
    try:
        with pytest.raises(AssertionError):
            module.test_discovery_document_is_valid({"api": adapter}, None, Evidence())
    finally:
        adapter.close()
    assert seen == ["http://platform.test/.well-known/metaverse-interop"]
