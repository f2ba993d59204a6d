"""Issue 71: an answer one requirement judges makes no other requirement fail. A fake product
(the reference failing one request) fails only the requirement judging that request; the ones
that read something from it are inconclusive, naming what could not be read and who judges it."""

from __future__ import annotations

from conformance._version import REFERENCE_PRODUCT, __version__
from conformance.cli.manifests import automated_features
from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for

DISCOVERY = "/.well-known/metaverse-interop"


def _manifest(url, *profiles):
    return {"product": {"name": REFERENCE_PRODUCT, "version": __version__}, "profiles": list(profiles),
            "targets": {"api": {"adapter": "http", "base_url": url}}}


def test_a_failing_discovery_document_fails_only_if_disc_001(run_manifest):
    """Before: IF-REPORT-001 and IF-CODE-001 said "the discovery document declares no reporting
    endpoint", which nobody observed: the document answered 500."""
    ids = ["IF-DISC-001", "IF-DISC-003", "IF-REPORT-001", "IF-CODE-001"]
    with serve_failing(lambda method, path, query: path == DISCOVERY) as url:
        result = run_manifest(_manifest(url, "interfaces-core", "interfaces-reporting"), requirements=ids)
    assert verdicts(result, ids) == {**dict.fromkeys(ids, "inconclusive"), "IF-DISC-001": "fail"}
    for requirement in ("IF-REPORT-001", "IF-CODE-001"):
        text = reasons(result, requirement)
        assert "IF-DISC-001 judges that answer" in text and "declares no reporting" not in text, text


def test_a_failing_test_provisioning_endpoint_fails_no_sanction_requirement(run_manifest, catalog):
    """POST /test-identities is a set-up step no requirement of the code of conduct judges:
    before, its 500 failed IF-CODE-002..007; now they are inconclusive naming the step."""
    ids = ["IF-REPORT-001", "IF-CODE-002", "IF-CODE-003", "IF-CODE-004"]
    with serve_failing(lambda method, path, query: method == "POST" and path == "/test-identities") as url:
        manifest = _manifest(url, {"id": "interfaces-reporting", "features": automated_features(
            catalog, catalog.profile("interfaces-reporting"))})
        result = run_manifest(manifest, requirements=ids)
    # IF-REPORT-001 files its report as a provisioned reporter since 1.2 (issue 74): inconclusive too
    assert verdicts(result, ids) == dict.fromkeys(ids, "inconclusive")
    assert "/test-identities" in reasons(result, "IF-CODE-002")
    assert "/test-identities" in reasons(result, "IF-REPORT-001")


def test_a_history_not_served_is_no_finding_of_the_users_export(run_manifest, catalog):
    """Before: the platform's history answering 500, IF-UDP-001 found "the exported history differs
    from the history the platform serves", which it never read; now that holding is unjudged, naming
    AS-REG-001, which judges how a history is served."""
    ids = ["IF-UDP-001"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/history")) as url:
        with serve_failing(lambda method, path, query: False) as other:
            manifest = manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": other})
            result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {"IF-UDP-001": "inconclusive"}
    text = reasons(result, "IF-UDP-001")
    assert "AS-REG-001 judges that answer" in text and "differs from the history" not in text


def test_a_discovery_document_not_served_is_named_as_such_for_the_ai_agents(run_manifest, catalog):
    """Before: "no declared trading terms to judge against", for agents; now the unread document
    and IF-DISC-001, which judges it."""
    ids = ["IF-AGENT-001", "IF-AGENT-002"]
    with serve_failing(lambda method, path, query: path == DISCOVERY) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-ai-agents", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == dict.fromkeys(ids, "inconclusive")
    text = reasons(result, "IF-AGENT-001")
    assert "IF-DISC-001 judges that answer" in text and "trading terms" not in text


def test_a_server_error_on_a_measures_endpoint_leaves_that_measure_unjudged(run_manifest, catalog):
    """IF-RISK-001 judges whether a claimed measure is in force; a 500 from the reports endpoint says
    nothing of it (IF-REPORT-001 judges that answer): before, "not in force"; now unjudged, naming it."""
    ids = ["IF-RISK-001"]
    with serve_failing(lambda method, path, query: method == "POST" and path == "/reports") as url:
        result = run_manifest(manifest_for(catalog, "interfaces-risk-grade", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-RISK-001": "inconclusive"}
    text = reasons(result, "IF-RISK-001")
    assert "IF-REPORT-001 judges that answer" in text and "not in force" not in text


def test_a_standing_not_served_leaves_the_removal_notice_unjudged(run_manifest, catalog):
    """IF-CODE-002 judges the standing endpoint; IF-CODE-007 reads the removal from it: a 500 there
    fails IF-CODE-002 and leaves IF-CODE-007's notice unjudged, naming it."""
    ids = ["IF-CODE-002", "IF-CODE-007"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/standing")) as url:
        manifest = _manifest(url, {"id": "interfaces-reporting", "features": automated_features(
            catalog, catalog.profile("interfaces-reporting"))})
        result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {"IF-CODE-002": "fail", "IF-CODE-007": "inconclusive"}
    assert "IF-CODE-002 judges that answer" in reasons(result, "IF-CODE-007")


def test_a_server_error_to_an_allowed_action_is_not_an_overbroad_sanction(run_manifest, catalog):
    """A mute leaves reading an item allowed; the registry answering 500 to reads is AS-API-001's,
    not a sanction that refuses too much: IF-CODE-004 leaves that action unjudged, naming it."""
    ids = ["IF-CODE-004"]
    with serve_failing(lambda method, path, query: method == "GET" and path.startswith("/assets/")
                       and path.count("/") == 2) as url:
        manifest = _manifest(url, {"id": "interfaces-reporting", "features": automated_features(
            catalog, catalog.profile("interfaces-reporting"))})
        result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {"IF-CODE-004": "inconclusive"}
    assert "AS-API-001 judges that answer" in reasons(result, "IF-CODE-004")


def test_a_discovery_document_not_served_is_not_timed_for_if_lat_001(run_manifest):
    """Before: a product answering 404 to the discovery request (pygeoapi, an OGC API server with no
    such document) passed IF-LAT-001 on the speed of its 404 page; now unjudged, naming IF-DISC-001."""
    ids = ["IF-DISC-001", "IF-LAT-001"]
    with serve_failing(lambda method, path, query: path == DISCOVERY) as url:
        result = run_manifest(_manifest(url, "interfaces-core"), requirements=ids)
    assert verdicts(result, ids) == {"IF-DISC-001": "fail", "IF-LAT-001": "inconclusive"}
    text = reasons(result, "IF-LAT-001")
    assert "IF-DISC-001 judges that answer" in text and DISCOVERY in text, text


def test_an_export_not_served_is_no_cell_of_the_import(run_manifest, catalog):
    """Before: the export answering 500 at one platform (IF-UDP-001 judges it), IF-UDP-005 failed
    with "gave the user no export"; now that direction is unjudged, naming IF-UDP-001."""
    ids = ["IF-UDP-001", "IF-UDP-005"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/export")) as url:
        with serve_failing(lambda method, path, query: False) as other:
            manifest = manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": other})
            result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {"IF-UDP-001": "fail", "IF-UDP-005": "inconclusive"}
    text = reasons(result, "IF-UDP-005")
    assert "IF-UDP-001" in text and "gave the user no export" not in text


def test_a_state_not_served_after_an_import_is_no_holding_left_behind(run_manifest, catalog):
    """Before: the importing platform answering 500 to an asset's state (AS-REG-001 judges how it is
    served), IF-UDP-005 found "holding ... is not there with its history and holder (held by None)",
    which it never read; now those holdings are unjudged, naming AS-REG-001."""
    ids = ["IF-UDP-005"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/state")) as url:
        with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/state")) as other:
            manifest = manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": other})
            result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {"IF-UDP-005": "inconclusive"}
    text = reasons(result, "IF-UDP-005")
    assert "AS-REG-001 judges that answer" in text and "after the import" in text
    assert "is not there with its history" not in text
