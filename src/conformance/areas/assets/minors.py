"""Identities of minors, known by their age band only (AS-MINOR-001, AS-RATING-002)."""

from __future__ import annotations

from typing import Any

from ...errors import NonConformance
from ...evidence import Evidence, recording
from ...messages import msg
from .registry import Identity

MINOR_BAND = "12-15"
#: The lowest age of each band an identity may claim (the CADPA reminder's ages 8, 12, 16; adult from 18).
BAND_AGES = {"under-8": 0, "8-11": 8, "12-15": 12, "16-17": 16, "adult": 18}


def minor_identity(api: Any, path: str, band: str = MINOR_BAND) -> tuple[Identity, list[str]]:
    """A test identity provisioned with an age band, and the members its answer has."""
    with recording(Evidence()):  # the answer holds a token: not evidence
        response = api.post(path, json={"age_band": band}, auth=None)
    body = response.json() if response.status in (200, 201) else None
    if not isinstance(body, dict) or not isinstance(body.get("did"), str) or not isinstance(body.get("token"), str):
        raise NonConformance(msg("assets.minor-not-provisioned", path=path, status=response.status))
    return Identity("M", body["did"], body["token"]), sorted(k for k in body if k != "token")
