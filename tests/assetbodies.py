"""An asset the reference registry accepts, built from the platform contract's example, for tests and benches that
fill a registry: its content on another origin (a CDN), so the harness fetches only what the registry serves
(AS-CONT-002)."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from conformance._io.yamlload import Loader

CONTRACT = Path(__file__).resolve().parents[1] / "schemas" / "interfaces" / "platform.openapi.yaml"


@cache
def _example() -> dict[str, Any]:
    # libyaml's safe loader where present, as the catalog reads YAML (the same document, a seventh of the CPU)
    contract = yaml.load(CONTRACT.read_bytes(), Loader=Loader)  # noqa: S506
    issue = contract["paths"]["/assets"]["post"]
    example: dict[str, Any] = issue["requestBody"]["content"]["application/json"]["example"]
    return example


def cdn_asset(asset_id: str, issuer: str) -> dict[str, Any]:
    """The contract's example asset as ``asset_id`` issued by ``issuer``, its image and content on a CDN."""
    body = copy.deepcopy(_example())
    body["image"] = "https://cdn.example/" + body["image"]
    for part in body["content"]:
        part["uri"] = "https://cdn.example/" + part["uri"]
    body["asset_id"], body["issuer"] = asset_id, issuer
    return body
