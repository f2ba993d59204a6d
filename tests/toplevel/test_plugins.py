"""A package extends the harness without editing it: an adapter with its own configuration
schema (``conformance.adapters``) and a catalog folder adding an area, a suite and a profile
(``conformance.catalogs``). The package is built here, in a temporary folder, and made
discoverable the way an installed one is: a ``*.dist-info`` on ``sys.path``."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import orjson
import pytest
import yaml

from conformance import HttpTarget
from conformance._catalog.catalog import REPORT_SCHEMA, load_catalog
from conformance._catalog.lock import lock_bytes, lock_path
from conformance._run.engine import run
from conformance.errors import HarnessInputError
from conformance.messages import forget, localize, msg, problems
from tests.conftest import verdicts

PACKAGE = "acme_conformance_plugin"

ADAPTER = '''
import httpx

from conformance.adapters.http import HttpAdapter

#: What went through the transport: proof that the harness used it.
SEEN: list[str] = []


class RecordingTransport(httpx.HTTPTransport):
    def handle_request(self, request):
        SEEN.append(f"{request.method} {request.url.path}")
        return super().handle_request(request)


class RecordingHttpAdapter(HttpAdapter):
    """An http-kind adapter that routes every request through its own transport."""

    config_schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://acme.example/schemas/recording-http.json",
        "type": "object",
        "required": ["adapter", "base_url", "label"],
        "additionalProperties": False,
        "properties": {
            "adapter": {"const": "recording-http"},
            "base_url": {"type": "string", "pattern": "^https?://"},
            "label": {"type": "string", "minLength": 1},
        },
    }

    def __init__(self, role, config, context):
        super().__init__(role, config, context, transport=RecordingTransport())
        self.label = config["label"]


def catalog_root():
    from pathlib import Path

    return Path(__file__).parent / "catalog"
'''

REQUIREMENTS = {
    "area": "acme",
    "requirements": [{
        "id": "AC-PING-001",
        "level": "MUST",
        "title": {"en": "The service answers", "zh": "服务有应答"},
        "statement": {"en": "The discovery document is served.", "zh": "提供发现文档。"},
        "source": {"policy": ["SH-GUIDE 3.1.3-identity"]},
        "testing": "automated",
    }],
}

SUITE = '''
import pytest


@pytest.mark.requirement("AC-PING-001")
def test_discovery_is_served(targets):
    assert targets["api"].get("/.well-known/metaverse-interop").status == 200
'''

LOCK = {"acme/test_acme.py::test_discovery_is_served": ["AC-PING-001"]}

PROFILE = {
    "id": "acme-ping",
    "version": "1.0.0",
    "title": {"en": "Acme ping", "zh": "Acme 探测"},
    "targets": {"api": {"kind": "http"}},
    "requirements": ["AC-PING-001"],
}

ENTRY_POINTS = f"""
[conformance.adapters]
recording-http = {PACKAGE}:RecordingHttpAdapter

[conformance.catalogs]
acme = {PACKAGE}:catalog_root
"""


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """The plug-in package, installed on sys.path for this test only; yields its module."""
    site = tmp_path / "site"
    package = site / PACKAGE
    area = package / "catalog" / "suites" / "acme"
    area.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(ADAPTER), encoding="utf-8")
    (area / "requirements.yaml").write_text(yaml.safe_dump(REQUIREMENTS, allow_unicode=True), encoding="utf-8")
    (area / "test_acme.py").write_text(SUITE, encoding="utf-8")
    # A plug-in catalog ships its own test lock beside its suites (`conformance catalog lock`).
    lock_path(package / "catalog").write_bytes(lock_bytes(LOCK))
    (package / "catalog" / "profiles").mkdir()
    (package / "catalog" / "profiles" / "acme-ping.yaml").write_text(yaml.safe_dump(PROFILE, allow_unicode=True),
                                                                    encoding="utf-8")
    dist_info = site / f"{PACKAGE}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text(ENTRY_POINTS)
    (package / "catalog" / "messages").mkdir()
    (package / "catalog" / "messages" / "acme.yaml").write_text(MESSAGES, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    forget()
    yield importlib.import_module(PACKAGE)
    sys.modules.pop(PACKAGE, None)
    forget()


MESSAGES = """
no-pong:
  en: "{path} did not answer"
  zh: "{path} 没有应答"
"""


def test_a_plugin_catalog_brings_its_message_templates(plugin):
    message = msg("acme.no-pong", path="/ping")
    assert message == "/ping did not answer"
    assert localize(message, message.text(), "zh") == "/ping 没有应答"
    assert problems() == []


def _manifest(path: Path, profile: str, base_url: str, **target: str) -> Path:
    manifest = {
        "product": {"name": "plug-in product", "version": "1"},
        "profiles": [profile],
        "targets": {"api": {"adapter": "recording-http", "base_url": base_url, **target}},
    }
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return path


def test_the_plugin_catalog_adds_an_area_a_suite_and_a_profile(plugin):
    catalog = load_catalog()
    assert catalog.requirements["AC-PING-001"].area == "acme"
    assert "acme-ping" in catalog.profiles and "interfaces-core" in catalog.profiles
    suite = Path(plugin.__file__).parent / "catalog" / "suites" / "acme"
    assert catalog.suite_dirs(["AC-PING-001"]) == [suite.resolve()]
    assert catalog.tests["AC-PING-001"][0].endswith("test_acme.py::test_discovery_is_served")
    assert catalog.digest != load_catalog(plugins={}).digest


def test_a_plugin_catalog_keeps_its_own_test_lock_beside_its_suites(plugin):
    from conformance._run.collect import collect
    from conformance.drafting.keys import lint_catalog

    catalog = load_catalog()
    folder = catalog.roots["catalogs/acme"]
    assert catalog.tests["AC-PING-001"] == ["catalogs/acme/suites/acme/test_acme.py::test_discovery_is_served"]
    assert collect(catalog).locks[folder] == LOCK  # what it ships is what collecting finds
    lock_path(folder).unlink()
    problems = [p.line() for p in lint_catalog(load_catalog()) if "tests.lock.json" in p.where]
    assert problems == [f"{lock_path(folder)}: missing: which tests decide which requirements is not recorded "
                        "(run `conformance catalog lock`)"]


def test_a_plugin_catalog_repeating_an_id_is_refused(plugin):
    profiles = Path(plugin.__file__).parent / "catalog" / "profiles"
    (profiles / "copy.yaml").write_text(yaml.safe_dump({**PROFILE, "id": "interfaces-core"}), encoding="utf-8")
    with pytest.raises(HarnessInputError, match=r"copy.yaml: duplicate profile ID interfaces-core \(also in profiles/"):
        load_catalog()


def test_a_shipped_http_profile_runs_through_the_plugin_adapter(plugin, catalog, serve_reference, tmp_path):
    good = run(_manifest(tmp_path / "good.yaml", "interfaces-core", serve_reference(), label="acme"),
               requirements=["IF-DISC-001"], catalog=catalog, out_dir=tmp_path / "good", formats=["json"])
    assert verdicts(good)["IF-DISC-001"] == "pass"
    assert "GET /.well-known/metaverse-interop" in plugin.SEEN
    bad_url = serve_reference(["discovery-invalid"])
    bad = run(_manifest(tmp_path / "bad.yaml", "interfaces-core", bad_url, label="acme"),
              requirements=["IF-DISC-001"], catalog=catalog, out_dir=tmp_path / "bad", formats=["json"])
    assert verdicts(bad)["IF-DISC-001"] == "fail"


def test_the_plugin_adapter_configuration_is_checked_against_its_own_schema(plugin, catalog, tmp_path):
    manifest = _manifest(tmp_path / "m.yaml", "interfaces-core", "http://127.0.0.1:9")  # no label
    with pytest.raises(HarnessInputError) as info:
        run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    assert info.value.line() == (
        f"{manifest} at $.targets.api: 'label' is a required property "
        "(`conformance show https://acme.example/schemas/recording-http.json` lists the keys)"
    )


def test_the_plugin_profile_runs(plugin, serve_reference, tmp_path):
    catalog = load_catalog()
    result = run(_manifest(tmp_path / "m.yaml", "acme-ping", serve_reference(), label="acme"),
                 catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    assert verdicts(result) == {"AC-PING-001": "pass"}
    assert result.exit_code == 0
    assert isinstance(result, object) and plugin.SEEN


def test_a_profile_role_takes_any_adapter_of_its_kind_and_no_other(plugin, catalog, tmp_path):
    from conformance._run.plan import make_plan

    make_plan(_manifest(tmp_path / "ok.yaml", "interfaces-core", "http://127.0.0.1:9", label="x"), catalog)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(yaml.safe_dump({
        "product": {"name": "p", "version": "1"}, "profiles": ["interfaces-core"],
        "targets": {"api": {"adapter": "file", "paths": ["x"]}},
    }))
    with pytest.raises(HarnessInputError) as info:
        make_plan(wrong, catalog)
    assert info.value.line() == (
        f"{wrong} at $.targets.api.adapter: profile interfaces-core needs a http target here, adapter 'file' is file "
        "(use adapter http or recording-http)"
    )


def test_the_builtin_adapters_satisfy_the_target_protocols(tmp_path):
    from conformance import FileTarget
    from conformance.adapters import AdapterContext
    from conformance.adapters.file import FileAdapter
    from conformance.adapters.http import HttpAdapter

    context = AdapterContext(tmp_path / "m.yaml", {})
    http = HttpAdapter("api", {"base_url": "http://127.0.0.1:9"}, context)
    assert isinstance(http, HttpTarget)
    http.close()
    assert isinstance(FileAdapter("files", {"paths": ["x"]}, context), FileTarget)


# -- a plug-in area: the hooks the built-in areas use (conformance.hookspecs) ----------------

AREA = '''
from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup

from conformance.hookspecs import hookimpl

#: What the run's surroundings saw: entered before the first test, left after the last.
SURROUNDED: list[str] = []


@contextmanager
def _held():
    SURROUNDED.append("entered")
    try:
        yield
    finally:
        SURROUNDED.append("left")


def pings(item, t):
    """One bar per value: numbers only."""
    values = [float(v) for v in item.get("values", []) if isinstance(v, int | float)]
    bars = "".join(f'<rect x="{10 * i}" width="8" height="{v:g}"/>' for i, v in enumerate(values))
    return Markup(f'<svg class="chart acme-pings">{bars}</svg>') if values else None


def generate_pings(args, console):
    return 0


@hookimpl
def conformance_area():
    return "acme"


@hookimpl
def conformance_message_templates():
    return {"acme": Path(__file__).with_name("messages.yaml")}


@hookimpl
def conformance_charts():
    return {"acme-pings": pings}


@hookimpl
def conformance_evidence_kinds():
    return {"acme-reading": {"type": "object", "required": ["kind", "value"]}}


@hookimpl
def conformance_run_surroundings(run):
    return [_held()]


@hookimpl
def conformance_generators():
    return {"acme-pings": generate_pings}
'''

AREA_MESSAGES = """
pinged:
  en: "the discovery document answered {status}"
  zh: "发现文档应答 {status}"
"""

AREA_SUITE = '''
import pytest

from conformance.messages import msg

from acme_conformance_plugin import area


@pytest.mark.requirement("AC-PING-001")
def test_the_area_surrounds_the_run_and_charts_its_pings(targets, evidence):
    assert area.SURROUNDED == ["entered"]
    answer = targets["api"].get("/.well-known/metaverse-interop")
    evidence.note(msg("acme.pinged", status=answer.status))
    evidence.series("acme-pings", file="api", stream="discovery", values=[3, 5, 8])
    evidence.item("acme-reading", file="api", value=answer.status)
    assert answer.status == 200
'''


@pytest.fixture
def area_plugin(plugin):
    """The plug-in package also registered as an area (``conformance.areas``), with its own
    message templates, a chart, an evidence kind, run surroundings, a generator and a test
    using them; yields the area module."""
    package = Path(plugin.__file__).parent
    (package / "area.py").write_text(AREA, encoding="utf-8")
    (package / "messages.yaml").write_text(AREA_MESSAGES, encoding="utf-8")
    (package / "catalog" / "suites" / "acme" / "test_acme_area.py").write_text(AREA_SUITE, encoding="utf-8")
    # its lock names the new test too, as `conformance catalog lock` would: a run collects the locked modules
    lock_path(package / "catalog").write_bytes(lock_bytes(
        {**LOCK, "acme/test_acme_area.py::test_the_area_surrounds_the_run_and_charts_its_pings": ["AC-PING-001"]}))
    entry_points = next(package.parent.glob("*.dist-info")) / "entry_points.txt"
    entry_points.write_text(ENTRY_POINTS + f"\n[conformance.areas]\nacme = {PACKAGE}.area\n")
    forget()
    yield importlib.import_module(f"{PACKAGE}.area")
    sys.modules.pop(f"{PACKAGE}.area", None)
    forget()


def test_the_builtin_areas_are_registered_through_the_entry_point_group():
    from conformance import _areas

    assert {"identity", "assets", "interfaces", "terminal"} <= set(_areas.areas())
    assert {"intervals", "positions"} <= set(_areas.charts())
    assert "capture" in _areas.generators()


def test_a_plugin_area_brings_templates_charts_evidence_kinds_and_generators(area_plugin):
    from conformance import _areas
    from conformance.report.charts import series_chart

    assert _areas.areas()["acme"] == "acme"
    message = msg("acme.pinged", status=200)  # the area's file and the catalog's add to one prefix
    assert localize(message, message.text(), "zh") == "发现文档应答 200"
    assert msg("acme.no-pong", path="/") == "/ did not answer"
    assert problems() == []
    svg = series_chart({"kind": "series", "chart": "acme-pings", "values": [1, 2]}, {})
    assert svg == ('<svg class="chart acme-pings"><rect x="0" width="8" height="1"/>'
                   '<rect x="10" width="8" height="2"/></svg>')
    assert series_chart({"kind": "series", "chart": "no-such-chart"}, {}) is None
    assert _areas.evidence_kinds() == {"acme-reading": {"type": "object", "required": ["kind", "value"]}}
    assert _areas.generators()["acme-pings"] is area_plugin.generate_pings


def test_a_plugin_area_runs_end_to_end(area_plugin, serve_reference, tmp_path):
    result = run(_manifest(tmp_path / "m.yaml", "acme-ping", serve_reference(), label="acme"),
                 catalog=load_catalog(), out_dir=tmp_path / "out", formats=["json", "html"])
    assert verdicts(result) == {"AC-PING-001": "pass"}
    assert area_plugin.SURROUNDED == ["entered", "left"]
    evidence = result.report.requirements[0].evidence
    assert {"kind": "series", "chart": "acme-pings", "file": "api", "stream": "discovery",
            "values": [3, 5, 8]}.items() <= next(i for i in evidence if i["kind"] == "series").items()
    note = next(i for i in evidence if i["kind"] == "note")
    assert note["text"] == {"key": "acme.pinged", "args": {"status": 200}}
    # the area's own evidence kind travels as a Record event and validates in the report
    assert {"kind": "acme-reading", "file": "api", "value": 200}.items() <= next(
        i for i in evidence if i["kind"] == "acme-reading").items()
    written = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    assert load_catalog().schemas.findings(written, REPORT_SCHEMA) == []
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert ('<figure class="item series" data-chart="acme-pings"><svg class="chart acme-pings">'
            '<rect x="0" width="8" height="3"/>') in html


def test_an_item_of_an_unregistered_kind_or_invalid_for_its_kind_is_refused(area_plugin):
    from conformance._record.evidence import Evidence

    with pytest.raises(ValueError, match="no area registers the evidence kind 'acme-unknown'"):
        Evidence().item("acme-unknown", value=1)
    with pytest.raises(ValueError, match="an item of kind 'acme-reading' is not valid: 'value' is a required"):
        Evidence().item("acme-reading")
    with pytest.raises(ValueError, match="no area registers the evidence kind 'finding'"):
        Evidence().item("finding", value=1)  # the harness's own kinds have their own methods


def test_an_area_with_a_misspelled_hook_or_a_name_another_area_gives_is_refused(area_plugin):
    from conformance import _areas
    from conformance.errors import CatalogError

    module = Path(area_plugin.__file__)
    original = module.read_text(encoding="utf-8")
    sys.modules.pop(area_plugin.__name__)
    module.write_text(original.replace('"acme-pings": pings', '"intervals": pings'), encoding="utf-8")
    forget()
    with pytest.raises(CatalogError, match=r"conformance\.areas:terminal: conformance_charts gives 'intervals', "
                                           r"which area acme gives too"):
        _areas.charts()
    sys.modules.pop(area_plugin.__name__)
    module.write_text(original + "\n\n@hookimpl\ndef conformance_chart():\n    return {}\n", encoding="utf-8")
    forget()
    with pytest.raises(CatalogError, match=r"conformance\.areas:acme: .*conformance_chart"):
        _areas.charts()
