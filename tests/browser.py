"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
JSON messages separated by NUL on file descriptors 3 and 4), so the browser test needs no
WebSocket client and no browser download: Debian's ``chromium`` is enough.

Also the one command that regenerates the report screenshots under docs/::

    python -m tests.browser docs/screenshots
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from conformance.drafting.pdf import find_chromium

__all__ = ["Browser", "failing_report", "failing_run", "find_chromium"]



class Browser:
    """One headless browser with one page; ``events`` holds what the page logged."""

    def __init__(self, executable: str, width: int = 1280, height: int = 900, env: dict[str, str] | None = None):
        self._profile = tempfile.TemporaryDirectory(prefix="conformance-chromium-")
        commands_r, self._commands = os.pipe()
        self._results, results_w = os.pipe()

        def wire() -> None:  # in the child: the browser reads fd 3, writes fd 4
            os.dup2(commands_r, 3)
            os.dup2(results_w, 4)

        self.process = subprocess.Popen(
            [executable, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
             f"--user-data-dir={self._profile.name}", f"--window-size={width},{height}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=env,
        )
        os.close(commands_r)
        os.close(results_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""
        self.session = self.new_context(width, height, isolated=False)

    def new_context(self, width: int, height: int, isolated: bool = True) -> str:
        """A page of its own, in a browser context of its own when ``isolated`` (its own cookies:
        another person at another screen); returns its session, which :meth:`use` switches to."""
        context = {"browserContextId": self.call("Target.createBrowserContext")["browserContextId"]} if isolated else {}
        target = self.call("Target.createTarget", url="about:blank", **context)["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session)
        self.session = session
        self.resize(width, height)
        return session

    def use(self, session: str) -> None:
        self.session = session

    def resize(self, width: int, height: int) -> None:
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    # -- the protocol ----------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._commands, json.dumps(message).encode() + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("the browser did not answer")
            chunk = os.read(self._results, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, session: str | None = None, timeout: float = 60, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, self.session, **params)

    def wait_for(self, event: str, timeout: float = 60) -> dict[str, Any]:
        def mine(e: dict[str, Any]) -> bool:
            return e.get("method") == event and e.get("sessionId") in (None, self.session)

        seen = next((e for e in self.events if mine(e)), None)
        deadline = time.monotonic() + timeout
        while seen is None:
            message = self._receive(deadline)
            self.events.append(message)
            if mine(message):
                seen = message
        self.events.remove(seen)
        return seen

    # -- what a test does ------------------------------------------------------------------

    def open(self, url: str) -> None:
        self.events.clear()
        self.page("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)
        time.sleep(0.2)  # the navigation to the fragment and the script's hashchange handler

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (a CSP refusal, say)."""
        found = []
        for event in self.events:
            if event.get("sessionId") not in (None, self.session):
                continue  # another page's
            params = event.get("params", {})
            if event.get("method") == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails", {}).get("text")))
            elif event.get("method") == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif event.get("method") == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]  # the resource's address, where it has one, says which load failed
                found.append(str(entry.get("text")) + (f" ({entry['url']})" if entry.get("url") else ""))
        return found

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.page("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1}
            params["captureBeyondViewport"] = True
        path.write_bytes(base64.b64decode(self.page("Page.captureScreenshot", **params)["data"]))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._commands, self._results):
            os.close(fd)
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def failing_run(out: Path, lang: str) -> Path:
    """A run with failures of both kinds a reader meets (a file finding with its pointer, an
    HTTP exchange), against the reference implementation with a planted defect; returns
    its report.html."""
    import yaml

    from conformance._run.engine import run
    from conformance.reference import create_app
    from conformance.reference.server import serve

    fixtures = Path(__file__).resolve().parents[1] / "suites" / "identity" / "fixtures"
    out.mkdir(parents=True, exist_ok=True)
    (out / "dids").mkdir(exist_ok=True)
    for name in ("did-doc-private-jwk.json", "did-doc-invalid.json"):  # beside the manifest, as a vendor's
        (out / "dids" / name).write_bytes((fixtures / name).read_bytes())
    with serve(create_app(["resolve-private-key"])) as url:
        manifest = {
            "product": {"name": "Acme Metaverse Platform", "version": "2.3.0", "vendor": "Acme"},
            "profiles": ["identity-document", {"id": "identity-resolver",
                                               "parameters": {"known_did": "did:web:identity.example.com"}}],
            "targets": {"did_documents": {"adapter": "file", "paths": ["dids/*.json"]},
                        "api": {"adapter": "http", "base_url": url}},
        }
        (out / "acme.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
        run(out / "acme.yaml", out_dir=out, formats=["json", "html"], lang=lang)
    return out / "report.html"


def failing_report(factory: Any, lang: str) -> Path:
    """:func:`failing_run`'s report.html in ``lang``, run once a test session whichever xdist
    worker asks first (a ``pytest.TempPathFactory``); the tests that use it only read it."""
    from tests.conftest import once_per_session

    made = once_per_session(factory, f"failing-run-{lang}", lambda folder: {"report": str(failing_run(folder, lang))})
    return Path(made["report"])


def capture_run(out: Path) -> Path:
    """A terminal run with dropped frames and positions out of the tracking volume (the
    known-bad captures); returns its report.html, whose charts the screenshots show."""
    from conformance._run.engine import run

    fixtures = Path(__file__).resolve().parents[1] / "suites" / "terminal" / "fixtures"
    out.mkdir(parents=True, exist_ok=True)
    for name in ("cap-dropped-frames.ndjson", "cap-out-of-volume.ndjson"):
        (out / name).write_bytes((fixtures / name).read_bytes())
    manifest = {"product": {"name": "Reference headset", "version": "1.0"}, "profiles": ["terminal-hmd-6dof"],
                "targets": {"captures": {"adapter": "file", "paths": ["cap-*.ndjson"]}}}
    (out / "headset.json").write_text(json.dumps(manifest), encoding="utf-8")
    run(out / "headset.json", out_dir=out, formats=["html"], requirements=["TD-RATE-002", "TD-POSE-002"])
    return out / "report.html"


def main(folder: str) -> int:
    executable = find_chromium()
    if executable is None:
        print("no chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Browser(executable, 1280, 900) as browser:
        for lang in ("en", "zh"):
            report = failing_run(Path(tmp) / lang, lang)
            browser.open(report.as_uri())
            browser.screenshot(target / f"report-{lang}.png")
            browser.click("#first-failure")
            browser.screenshot(target / f"report-{lang}-evidence.png")
            print(f"wrote {target / f'report-{lang}.png'} and {target / f'report-{lang}-evidence.png'}")
        charts(browser, Path(tmp) / "capture", target)
    return 0


def charts(browser: Browser, out: Path, target: Path) -> None:
    """The capture charts of a failing terminal run: frame intervals with a drop, and
    positions leaving the tracking volume."""
    browser.open(capture_run(out).as_uri())
    browser.evaluate("[...document.querySelectorAll('#TD-POSE-002 figure.series')].pop().scrollIntoView()")
    browser.screenshot(target / "report-en-charts.png")
    print(f"wrote {target / 'report-en-charts.png'}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
