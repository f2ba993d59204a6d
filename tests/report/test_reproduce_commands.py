"""Reproduce commands a shell runs as recorded, in every view that prints them (issue 71).

A SensorThings id puts quotes in a URL (``Datastreams('…')``); the console once re-split the
command's words and printed ``'…Datastreams(' "'" '<uuid>' "'" ')…'``, five words to a shell.
Here, for URLs, header values and bodies holding quotes, spaces, ``$``, backticks, non-ASCII
text and line feeds, each view's printed command is run by a POSIX shell with ``curl`` a
function printing its arguments, and the words it gets are the words meant."""

from __future__ import annotations

import io
import shlex
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from conformance._catalog.model import Harness, Outcome, ProfileResult, Report, RequirementResult, Text, Verdict
from conformance._io.shell import Expanded
from conformance._run.console import print_summary
from conformance.adapters.curl import curl_argv, curl_command
from conformance.report import report_json
from conformance.report.html import render_html
from conformance.report.junit import render_junit

#: the variable the bearer token came from, set in the shell that runs the command
TOKEN_VAR, TOKEN = "ACME_TOKEN", "t$k`n' \"x"

#: printable text as a terminal shows it: no control, format or separator characters but space
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp")), max_size=24)


def _run(command: str) -> list[str]:
    """The words a POSIX shell passes to ``curl`` when it runs ``command``."""
    done = subprocess.run(["sh", "-c", "curl() { printf '%s\\0' \"$@\"; }\n" + command],
                          capture_output=True, timeout=30, env={"PATH": "/usr/bin:/bin", TOKEN_VAR: TOKEN})
    assert done.returncode == 0, (command, done.stderr)
    return done.stdout.decode().split("\0")[:-1]


def _leading_command(text: str) -> str:
    """The command at the start of ``text``: its lines up to the first that ends it (no
    continuation, no open quote), as a reader copying it would take them."""
    lines = text.split("\n")
    for count in range(1, len(lines) + 1):
        candidate = "\n".join(lines[:count])
        if candidate.endswith("\\"):
            continue
        try:
            shlex.split(candidate)
        except ValueError:  # a quote still open: a body's line feed
            continue
        return candidate
    raise AssertionError(f"no whole command in {text!r}")


class _Pre(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre" and ("class", "curl") in attrs:
            self._in = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = self._in and tag != "pre"

    def handle_data(self, data: str) -> None:
        if self._in:
            self.found[-1] += data


def _report(method: str, url: str, command: str) -> Report:
    title = Text(en="Observations", zh="观测")
    evidence = [
        {"kind": "finding", "message": "not as expected", "file": f"{method} {url}"},
        {"kind": "http", "request": {"method": method, "url": url, "curl": command},
         "response": {"status": 500, "headers": {}, "body": ""}},
    ]
    return Report(
        harness=Harness(name="metaverse-conformance", version="0"), catalog_digest="sha256:" + "0" * 64,
        manifest={"product": {"name": "P", "version": "1"}}, environment={},
        started="2026-01-01T00:00:00Z", finished="2026-01-01T00:00:01Z", complete=True, exit_code=1,
        profiles=[ProfileResult(id="p", version="1.0.0", title=title, outcome=Outcome.NOT_CONFORMANT, features=[],
                                parameters={}, counts={"fail": 1}, blocking=["SC-X-001"])],
        requirements=[RequirementResult(requirement="SC-X-001", level="MUST", title=title, profiles=["p"],
                                        verdict=Verdict.FAIL, tests=["t::x"], message="failed", evidence=evidence)],
        tests=[],
    )


def _printed(report: Report, command: str) -> dict[str, str]:
    """The command as each view prints it."""
    out = io.StringIO()
    print_summary(Console(file=out, width=80, color_system=None), report, [])
    console = out.getvalue()
    after = console[console.index("reproduce:\n") + len("reproduce:\n"):]
    junit = ET.fromstring(render_junit(report)).find(".//failure")
    assert junit is not None and junit.text is not None
    html = _Pre()
    html.feed(render_html(report).decode())
    (from_json,) = [item["request"]["curl"] for item in
                    orjson.loads(report_json(report))["requirements"][0]["evidence"] if item["kind"] == "http"]
    return {"console": _leading_command(after), "junit": _leading_command(junit.text.split("\n$ ", 1)[1]),  # the prompt's line (a URL may hold "$ ")
            "html": html.found[0], "report.json": from_json}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uuid=_TEXT, query=_TEXT, header=_TEXT, body=st.lists(_TEXT, max_size=3).map("\n".join),
       method=st.sampled_from(["GET", "POST"]))
def test_every_view_prints_a_command_the_shell_runs_as_recorded(uuid, query, header, body, method):
    url = f"http://h/sta/v1.1/Datastreams('{uuid}')/Observations?$filter={query}"
    headers = {"Authorization": "Bearer secret", "X-Note": header}
    content = body.encode() if method == "POST" else None
    variables = {"authorization": TOKEN_VAR}
    argv, _ = curl_argv(method, url, headers, content=content, variables=variables)
    meant = [f"{w.literal}{TOKEN}" if isinstance(w, Expanded) else w for w in argv][1:]
    command = curl_command(method, url, headers, content=content, variables=variables)
    for view, printed in _printed(_report(method, url, command), command).items():
        assert _run(printed) == meant, (view, printed)


def test_a_sensorthings_id_is_one_word_on_the_console():
    url = "http://h/sta/v1.1/Datastreams('9c2b1f0e-aa')/Observations?$top=1"
    command = curl_command("GET", url, {})
    printed = _printed(_report("GET", url, command), command)["console"]
    assert "\"'\"" not in printed.replace("'\"'\"'", "")  # no quote printed as a word of its own
    assert _run(printed) == ["-sS", "-i", url]
