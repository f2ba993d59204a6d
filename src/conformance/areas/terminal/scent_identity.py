"""Which scent an olfactory device releases, identified by gas chromatography (TD-OLF-006).

A photoionization detector (TD-OLF-003, TD-OLF-005) sees how much is released, not what: it does not tell
compounds apart. Here the bench's sampling line draws the air before the outlet through a sorbent tube during
each commanded release, and the laboratory analyses each tube by thermal desorption and gas chromatography
with a mass-spectrometric detector (with or without a flame-ionization detector), the method of ISO 16000-6:2021.
Its record (a ``scent_analyses`` file, :class:`Record`) names each declared scent's marker compound with that
compound's reference retention time on the laboratory's column (the pure compound injected there), and, per
commanded release, the peaks the chromatogram shows: retention time, area, and the compound the laboratory's
library names.

:func:`judge` gives, per release, the retention offset of the peak nearest the commanded scent's marker (R1)
and, per other declared scent, the area of the peaks at that scent's marker as a share of the commanded
marker's area (R2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

#: R1: the widest offset, in seconds, of the commanded marker's peak from its reference retention time
RETENTION_WINDOW_S = 5.0
#: R2: the largest area at another declared scent's marker, as a share of the commanded marker's area
MAX_OTHER_SHARE = 0.1
#: R3: the widest difference, in seconds, between a release's time and the send of the scent it answers (the
#: catalog's own figure: the laboratory times each tube from the same send log, to well within it)
KEY_TOLERANCE_S = 0.1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Chromatograph(_Strict):
    """The apparatus: the chromatograph, its detector(s), its column, its calibration."""

    model: str = Field(min_length=1)
    detector: str = Field(pattern="^(MS|MS-FID)$")
    column: str = Field(min_length=1)
    calibration: str = Field(min_length=1)
    serial: str | None = None
    #: the expanded uncertainty (k = 2) of a retention time on this column, in seconds
    retention_uncertainty_s: float = Field(ge=0)
    #: the expanded uncertainty (k = 2) of a peak's area, as a share of the area
    area_uncertainty: float = Field(ge=0, le=1)


class Marker(_Strict):
    compound: str = Field(min_length=1)
    retention_time_s: float = Field(gt=0)


class Peak(_Strict):
    retention_time_s: float = Field(gt=0)
    area: float = Field(gt=0)
    compound: str | None = None  # the laboratory's library match, when it names one


class Release(_Strict):
    t: int  # the command's time on the bench capture's clock (ns)
    scent: str = Field(min_length=1)
    peaks: list[Peak]


class Record(_Strict):
    method: str = Field(pattern="^ISO 16000-6:2021$")
    #: the bench capture (scent_interface_bench, TD-OLF-005) whose log of scents sent the releases answer (R3)
    capture: str | None = None
    chromatograph: Chromatograph
    markers: dict[str, Marker] = Field(min_length=1)
    releases: list[Release] = Field(min_length=1)


@dataclass(frozen=True)
class Identified:
    """One release judged: the commanded marker's nearest peak and the other markers' shares."""

    index: int
    release: Release
    marker: Marker
    nearest: Peak | None  # the release's peak nearest the marker's reference retention time
    offset_s: float | None  # its retention offset from that reference
    shares: dict[str, float]  # another declared scent -> its marker's area over the commanded marker's


def _area_at(peaks: list[Peak], retention_s: float) -> float:
    return sum(p.area for p in peaks if abs(p.retention_time_s - retention_s) <= RETENTION_WINDOW_S)


def judge(record: Record) -> tuple[list[Identified], list[int]]:
    """The releases whose scent has a marker, judged; and the indices of those whose scent has none."""
    judged: list[Identified] = []
    unmarked: list[int] = []
    for index, release in enumerate(record.releases):
        marker = record.markers.get(release.scent)
        if marker is None:
            unmarked.append(index)
            continue
        nearest = min(release.peaks, key=lambda p: abs(p.retention_time_s - marker.retention_time_s), default=None)
        offset = None if nearest is None else abs(nearest.retention_time_s - marker.retention_time_s)
        own = _area_at(release.peaks, marker.retention_time_s)
        shares = {} if offset is None or offset > RETENTION_WINDOW_S or own <= 0 else {
            scent: _area_at(release.peaks, other.retention_time_s) / own
            for scent, other in record.markers.items() if scent != release.scent
            and abs(other.retention_time_s - marker.retention_time_s) > RETENTION_WINDOW_S}
        judged.append(Identified(index, release, marker, nearest, offset, shares))
    return judged, unmarked


@dataclass(frozen=True)
class Unkeyed:
    """R3: a scent sent with no analysed release of it (``release`` None), or a release that answers no send."""

    t: int
    scent: str
    release: int | None  # the release's index in the record, None for a send with no release
    sent: str | None  # the scent sent at that time (within KEY_TOLERANCE_S), when another one was


def keyed(record: Record, sent: list[tuple[int, str]]) -> list[Unkeyed]:
    """R3: the send log's scents (``t`` on the capture's clock, scent) against the record's releases: each send
    answered by one release within KEY_TOLERANCE_S with the same scent, each release answering one send."""
    tolerance = round(KEY_TOLERANCE_S * 1e9)
    used: set[int] = set()
    problems: list[Unkeyed] = []
    for t, scent in sorted(sent):
        match = next((i for i, r in enumerate(record.releases)
                      if i not in used and abs(r.t - t) <= tolerance and r.scent == scent), None)
        wrong = any(abs(r.t - t) <= tolerance for r in record.releases)  # reported as that release's scent
        if match is None and not wrong:
            problems.append(Unkeyed(t, scent, None, None))
        elif match is not None:
            used.add(match)
    for i, release in enumerate(record.releases):
        if i not in used:
            near = next((s for t, s in sent if abs(release.t - t) <= tolerance), None)
            problems.append(Unkeyed(release.t, release.scent, i, near))
    return problems


def share_uncertainty(share: float, area_uncertainty: float) -> float:
    """The standard uncertainty of a ratio of two areas, each with the stated expanded (k = 2) share."""
    return share * math.sqrt(2) * area_uncertainty / 2


#: where annex E's data formats find the record's schema (``schemas/terminal/scent-analyses.json``)
SCHEMA_ID = "https://metaverse-conformance.org/schemas/terminal/scent-analyses.json"


def record_schema() -> dict[str, object]:
    """The JSON Schema 2020-12 of a ``scent_analyses`` record, generated from :class:`Record`, the model a run
    reads it with: ``schemas/terminal/scent-analyses.json`` is this, so annex E's text and the reader agree."""
    generated = Record.model_json_schema()
    generated.pop("title", None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "Scent analyses record (TD-OLF-006)",
            "description": "A laboratory's record of the thermal desorption gas chromatography (ISO 16000-6:2021) of the "
                           "air sampled before an olfactory device's outlet during each commanded release: the "
                           "chromatograph, each declared scent's marker compound with its reference retention time "
                           "on the laboratory's column, and per release the peaks found.",
            **generated}
