"""Issue 59, item 4, against the real catalog: a product whose routes are elsewhere (every
request 404 or 405) gets one line per endpoint naming the manifest's paths field, its
requirements inconclusive, never failed for a 404 page; moving the endpoint names the new
URL."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from conformance import Verdict
from conformance._run.console import print_summary
from tests.conftest import manifest_for
from tests.servers import NoRoutes, serving

pytestmark = pytest.mark.slow  # whole engine runs


def _summary(report) -> str:
    out = io.StringIO()
    print_summary(Console(file=out, width=1000, color_system=None), report, [], "en")
    return out.getvalue()


def test_a_resolver_served_elsewhere_is_one_line_not_a_failure_per_requirement(catalog, run_manifest):
    with serving(NoRoutes) as url:
        report = run_manifest(manifest_for(catalog, "identity-resolver", base_urls={"api": url})).report
    judged = {r.requirement: r.verdict for r in report.requirements}
    assert Verdict.FAIL not in judged.values(), judged
    unanswered = [r for r in report.requirements if "nothing answers at" in r.message]
    assert len(unanswered) >= 2, judged
    text = _summary(report)
    line = [x for x in text.splitlines() if f"nothing answers at {url}/1.0/identifiers/{{did}} (404)" in x]
    assert len(line) == 1, text
    assert "$.targets.api.paths: {did_resolution: /its/path}" in line[0]
    # one line per endpoint (the discovery document the privacy checks read, the resolver)
    assert text.count("nothing answers at") == len({r.text["args"]["url"] for r in unanswered}) == 2, text
    assert " 0 failed, " in text.splitlines()[-1], text


def test_with_the_path_moved_the_line_names_the_moved_url(catalog, run_manifest):
    with serving(NoRoutes) as url:
        manifest = manifest_for(catalog, "identity-resolver", base_urls={"api": url})
        manifest["targets"]["api"]["paths"] = {"did_resolution": "/resolver/resolve/{did}"}
        report = run_manifest(manifest).report
    assert f"nothing answers at {url}/resolver/resolve/{{did}} (404)" in _summary(report)
