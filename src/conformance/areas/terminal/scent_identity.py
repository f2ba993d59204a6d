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


#: each member's meaning, (English, Chinese), by model and member ("": the model itself), for annex E's 说明 column
#: (issue 76): written into the generated schema as ``description`` and ``x-description-zh``
MEANINGS: dict[str, dict[str, tuple[str, str]]] = {
    "Record": {
        "method": ("The analytical method: ISO 16000-6:2021.", "分析方法：ISO 16000-6:2021。"),
        # the bench capture is a measuring capture (clause 3): the laboratory's photoionization detector records it
        # (fifty-seventh reading, part h113-annexE, row E.7)
        "capture": ("The bench capture whose log of the scents sent the releases answer: a measuring capture, which "
                    "the testing laboratory records with its photoionization detector while testing the device, "
                    "together with the scents sent through `test.applyScent`.",
                    "其所发送气味记录与各次释放相对应的试验台采集文件，为测量类采集文件：由测试实验室在测试该设备时"
                    "以其光离子化检测器记录，并含经 `test.applyScent` 发送的各气味。"),
        "chromatograph": ("The apparatus: the chromatograph, its detector(s), its column, its calibration.",
                          "分析装置：色谱仪及其检测器、色谱柱与校准。"),
        "markers": ("Each declared scent's marker compound and its reference retention time, in seconds (s), on the "
                    "laboratory's column, by the scent's id.",
                    "以气味标识为键，每种所声明气味的标志化合物及其在实验室色谱柱上的参考保留时间（以 s 计）。"),
        "releases": ("Each commanded release and the peaks found.", "每次指令释放及找到的峰。")},
    "Chromatograph": {
        "model": ("The chromatograph's model.", "色谱仪型号。"),
        "detector": ("The detector(s): mass spectrometer (`MS`), or mass spectrometer and flame ionization detector "
                     "(`MS-FID`).", "检测器：质谱（`MS`），或质谱与氢火焰离子化检测器（`MS-FID`）。"),
        "column": ("The column, in words.", "色谱柱（文字说明）。"),
        "calibration": ("How and when the chromatograph was calibrated, in words.", "色谱仪的校准方式与日期（文字说明）。"),
        # seventy-fourth reading, d1: the signed record lists the chromatograph and covers this record (apparatus.py)
        "serial": ("The chromatograph's serial number: it names the instrument entry of the laboratory signed record "
                   "holding its calibration certificate (`certification/laboratory-record.json`), a record that "
                   "covers this scent analyses record by its SHA-256.",
                   "色谱仪序列号：指明实验室签名记录中载有其校准证书的仪器条目（`certification/laboratory-record.json`），"
                   "该记录以 SHA-256 摘要覆盖本气味分析记录。"),
        "retention_uncertainty_s": ("The expanded uncertainty (k = 2) of a retention time on this column, in "
                                    "seconds (s).",
                                    "该色谱柱上保留时间的扩展不确定度（*k* = 2），以 s 计。"),
        "area_uncertainty": ("The expanded uncertainty (k = 2) of a peak's area, as a share of the area "
                             "(dimensionless).",
                             "峰面积的扩展不确定度（*k* = 2），为面积的比例（量纲一）。")},
    "Release": {
        "": ("One commanded release: its time, its scent and the peaks found.", "一次指令释放：其时刻、气味及找到的峰。"),
        "t": ("The command's time on the capture clock of the bench capture, in nanoseconds (ns).",
              "指令在试验台采集文件的采集时钟上的时刻，以 ns 计。"),
        "scent": ("The scent commanded.", "所指令释放的气味。"),
        "peaks": ("The peaks found in the air sampled during the release.", "释放期间采集的空气中找到的峰。")},
    "Marker": {  # annex E gives `markers.*` member by member (twenty-seventh reading, row 7)
        "": ("One declared scent's marker compound and its reference retention time.",
             "一种所声明气味的标志化合物及其参考保留时间。"),
        "compound": ("The marker compound's name.", "标志化合物的名称。"),
        "retention_time_s": ("The compound's reference retention time on the laboratory's column, in seconds (s).",
                             "该化合物在实验室色谱柱上的参考保留时间，以 s 计。")},
    "Peak": {
        "": ("One peak of the chromatogram.", "色谱图中的一个峰。"),
        "retention_time_s": ("The peak's retention time, in seconds (s).", "峰的保留时间，以 s 计。"),
        "area": ("The peak's area, in the chromatograph's units of area.", "峰面积，以色谱仪的面积单位计。"),
        "compound": ("The compound the laboratory's library matches the peak to, if any.",
                     "实验室谱库与该峰匹配的化合物（如有）。")},
}


def record_schema() -> dict[str, object]:
    """The JSON Schema 2020-12 of a ``scent_analyses`` record, generated from :class:`Record`, the model a run
    reads it with: ``schemas/terminal/scent-analyses.json`` is this, so annex E's text and the reader agree."""
    generated = Record.model_json_schema()
    generated.pop("title", None)
    for model, members in MEANINGS.items():
        node = generated if model == "Record" else generated["$defs"][model]
        for member, (en, zh) in members.items():
            said = node if member == "" else node["properties"][member]
            said.update({"description": en, "x-description-zh": zh})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "Scent analyses record (TD-OLF-006)",
            "description": "A laboratory's record of the thermal desorption gas chromatography (ISO 16000-6:2021) of the "
                           "air sampled before an olfactory device's outlet during each commanded release: the "
                           "chromatograph, each declared scent's marker compound with its reference retention time "
                           "on the laboratory's column, and per release the peaks found.",
            "x-description-zh": "实验室对嗅觉设备每次受指令释放期间在其出口前采集的空气所作热脱附气相色谱分析"
                                "（ISO 16000-6:2021）的记录：色谱仪、每种所声明气味的标志化合物及其在实验室色谱柱上的"
                                "参考保留时间，以及每次释放找到的峰。",
            **generated}
