"""django-ogc-sensorthings (on PyPI, HydroServer's OGC SensorThings API 1.1 for Django), served as
its README says (the apps, the settings, the URL include, ``migrate``) on SQLite by Django's own
server, fed as an operator feeds a twin (a Thing, its Location, two Datastreams and their
Observations, posted through the service's own API seconds before the run), and described in one
manifest as a vendor would. The verdict of every requirement scene-twin-feed selects is written
down below with the evidence that decides it and the clause it rests on (docs/real-products.md,
"django-ogc-sensorthings"). The pinned version is scripts/install-real-products.sh's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.real_products.products import (
    Run,
    differences,
    free_port,
    installed,
    reproduce_commands_read_by_sh,
    run_harness,
    started,
)

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

#: the operator's Django project (settings and URLs only): tests/real_products/sta_site/
SITE = Path(__file__).parent
OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/"
ORDERED = "$orderby=phenomenonTime%20desc"

#: requirement -> (verdict, why): the evidence that decides it and the clause it rests on
EXPECTED: dict[str, tuple[str, str]] = {
    "SC-FEED-001": ("pass", "the root names the eight entity sets; every entity has @iot.id and @iot.selfLink, "
                            "and its self and navigation links resolve (OGC 18-088, service root, entity "
                            "control information). /sta/v1.1 answers 301 to /sta/v1.1/ first (Django's "
                            "APPEND_SLASH), recorded as its own exchange"),
    "SC-FEED-002": ("fail", "units and O&M observation types are right (R1, R2), but a Datastream's "
                            "Observations with $orderby=phenomenonTime desc are answered 500 (R5): the ORM model "
                            "keeps phenomenon_time_begin/_end, and the query option names phenomenonTime "
                            "(OGC 18-088, query option $orderby on an Observation's phenomenonTime)"),
    "SC-FEED-003": ("pass", "the ordered query fails (SC-FEED-002's finding), so the newest is read from a plain "
                            "GET's pages: each Datastream's newest Observation is seconds old, under the 300 s "
                            "of max_feed_latency_s"),
    "SC-FEED-004": ("not_applicable", "feature tasking not claimed: the package has no Tasking Core"),
    "SC-FEED-005": ("not_applicable", "feature mqtt not claimed: the package's mqtt extension is empty"),
    "SC-FEED-006": ("not_applicable", "feature mqtt-create not claimed"),
    "SC-FEED-007": ("not_applicable", "feature mqtt not claimed"),
}


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _datastream(name: str, kind: str, unit: dict[str, str], results: list[Any], now: datetime) -> dict[str, Any]:
    """A Datastream with its Sensor, ObservedProperty and Observations one second apart, the last now."""
    return {
        "name": name, "description": f"{name} of the pavilion", "unitOfMeasurement": unit,
        "observationType": OM + kind,
        "Sensor": {"name": f"{name} sensor", "description": f"measures {name}", "encodingType": "application/pdf",
                   "metadata": "https://example.org/datasheet.pdf"},
        "ObservedProperty": {"name": name, "definition": f"https://example.org/properties/{name.replace(' ', '-')}",
                             "description": name},
        "Observations": [{"phenomenonTime": _stamp(now - timedelta(seconds=len(results) - 1 - i)), "result": r}
                         for i, r in enumerate(results)],
    }


def feed(root: str) -> None:
    """The twin's pavilion, posted in one deep insert (OGC 18-088, create related entities)."""
    now = datetime.now(UTC)
    thing = {
        "name": "Pavilion", "description": "The pavilion of the city twin",
        "Locations": [{"name": "Pavilion site", "description": "where the pavilion stands",
                       "encodingType": "application/geo+json",
                       "location": {"type": "Point", "coordinates": [116.391, 39.907]}}],
        "Datastreams": [
            _datastream("air temperature", "OM_Measurement",
                        {"name": "degree Celsius", "symbol": "°C", "definition": "http://qudt.org/vocab/unit/DEG_C"},
                        [21.5, 21.6, 21.4], now),
            _datastream("occupancy", "OM_CountObservation",
                        {"name": "person", "symbol": "persons", "definition": "http://qudt.org/vocab/unit/NUM"},
                        [12, 15, 14], now),
        ],
    }
    answer = httpx.post(f"{root}/Things", json=thing, timeout=30)
    assert answer.status_code == 201, answer.text


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service on a free port, migrated and fed: the base URL the manifest names."""
    python = installed("django-ogc-sensorthings", "python")
    folder = tmp_path_factory.mktemp("sensorthings")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(SITE), "DJANGO_SETTINGS_MODULE": "sta_site.settings",
           "STA_SERVICE_URL": f"{base_url}/sta", "STA_DATABASE": str(folder / "feed.sqlite3")}
    migrated = subprocess.run([str(python), "-m", "django", "migrate", "--noinput"], capture_output=True, text=True,
                              env=env, cwd=folder, timeout=300)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    argv = [str(python), "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with started(argv, ready=f"{base_url}/sta/v1.1/", headers={}, env=env, log=folder / "server.log"):
        feed(f"{base_url}/sta/v1.1")
        yield base_url


def manifest(base_url: str) -> dict[str, Any]:
    return {
        "product": {"name": "django-ogc-sensorthings", "version": "1.2.0", "vendor": "HydroServer"},
        "profiles": [{"id": "scene-twin-feed"}],
        "targets": {"api": {"adapter": "http", "base_url": base_url}},
    }


@pytest.fixture(scope="module")
def run(service: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One run of the harness on the fed service, for every test here."""
    return run_harness(manifest(service), tmp_path_factory.mktemp("sta-run"), {})


def _exchanges(run: Run, requirement: str) -> list[dict[str, Any]]:
    entry = next(e for e in run.report["requirements"] if e["requirement"] == requirement)
    return [item for item in entry["evidence"] if item.get("kind") == "http"]


def test_every_verdict_is_the_one_written_down(run: Run):
    assert not differences(EXPECTED, run), "\n".join(differences(EXPECTED, run))
    assert run.returncode == 1, run.console  # not conformant: the fail is the product's
    failed = [item for item in json.loads(run.evidence("SC-FEED-002"))["evidence"] if item.get("kind") == "finding"]
    assert failed and all(ORDERED in item["message"] and "/Observations" in item["message"] for item in failed)
    assert all(x["response"]["status"] == 500 for x in _exchanges(run, "SC-FEED-002") if ORDERED in x["request"]["url"])


def test_freshness_is_read_another_way_and_nothing_unobserved_is_said(run: Run):
    """The ordered query's 500 is SC-FEED-002's: SC-FEED-003 reads both Datastreams' three
    Observations with a plain GET and finds each fresh; no finding says a Datastream has none."""
    evidence = run.evidence("SC-FEED-003")
    assert "no observation" not in evidence, evidence
    notes = [item for item in json.loads(evidence)["evidence"] if item.get("text", {}).get("key") == "scenes.feed-fresh"]
    assert sorted(note["text"]["args"]["name"] for note in notes) == ["air temperature", "occupancy"], evidence
    assert all(note.get("read") == "pages" for note in notes), notes


def test_the_redirect_at_the_root_is_recorded_as_it_happened(run: Run, service: str):
    urls = [(x["request"]["url"], x["response"]["status"]) for x in _exchanges(run, "SC-FEED-001")]
    assert urls[:2] == [(f"{service}/sta/v1.1", 301), (f"{service}/sta/v1.1/", 200)], urls
    first = _exchanges(run, "SC-FEED-001")[0]["response"]["headers"]
    assert {k.lower(): v for k, v in first.items()}.get("location") == "/sta/v1.1/", first


def test_every_reproduce_command_is_read_by_sh_as_recorded(run: Run):
    """Each recorded ``curl`` (ids in quotes: ``Datastreams('<uuid>')``) is one URL word in sh, the
    URL requested; the finding's curl, run, gets the 500 recorded."""
    assert reproduce_commands_read_by_sh(run) > 10
    if shutil.which("curl"):
        failing = next(x for x in _exchanges(run, "SC-FEED-002") if ORDERED in x["request"]["url"])
        done = subprocess.run(["sh", "-c", failing["request"]["curl"]], capture_output=True, text=True, timeout=60)
        assert done.stdout.startswith("HTTP/1.1 500"), done.stdout[:200]
