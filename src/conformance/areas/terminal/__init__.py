"""The terminal area: captures (NDJSON) read as a stream and checked column by column.

- :mod:`.capture`: line blocks and the frame format as typed structs (msgspec)
- :mod:`.reader`: chunked reading, decoding, dispatch to the checks of each stream type
- :mod:`.header`: the header's streams and device descriptor (TD-CAP-001, TD-DESC-002)
- :mod:`.timing`: order, effective rate, dropped frames, jitter (TD-CAP-002, TD-RATE-*)
- :mod:`.poses`, :mod:`.hand`, :mod:`.body`, :mod:`.payloads`: checks by stream type
- :mod:`.generate`: synthetic captures with planted faults (``conformance generate capture``)
- :mod:`.charts`: the HTML report's charts of capture series (frame intervals, positions)

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`). Loading it loads none of
the above: the hooks import what they return, and the names below are imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from conformance import hookimpl
from conformance.area import Generator, ItemChart

from .. import _shared as shared

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from .model import CaptureAnalysis, IssueLog, StreamStats
    from .reader import CHUNK_BYTES, CHUNK_LINES, MAX_LINE_BYTES, analyse
    from .timing import Timing, timings

__all__ = ["CHUNK_BYTES", "CHUNK_LINES", "MAX_LINE_BYTES", "CaptureAnalysis", "IssueLog", "StreamStats",
           "Timing", "analyse", "timings"]

_HOMES = {"CaptureAnalysis": "model", "IssueLog": "model", "StreamStats": "model", "CHUNK_BYTES": "reader",
          "CHUNK_LINES": "reader", "MAX_LINE_BYTES": "reader", "analyse": "reader", "Timing": "timing",
          "timings": "timing"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)


@hookimpl
def conformance_area() -> str:
    return "terminal"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "终端数据交换", "en": "Terminal data exchange"},
        "scope": {"zh": "终端数据交换", "en": "terminal data exchange"},
        "environment": {
            "zh": ("测量配置：被测终端在其声明的跟踪范围内按常规使用录制采集文件（NDJSON，可 gzip 压缩）"
                   "及设备描述；时间取自帧时间戳（以 ns 计），长度以 m 计；采样率、丢帧与抖动均由时间戳计算。"
                   "测试工具本身不进行光学或电学测量：显示器亮度与闪烁、多视点显示器角度亮度等光度数据由"
                   "实验室以经校准的光度计或亮度计测得，作为数据流或记录随采集文件提交，测试工具判定这些记录。"),
            "en": ("Measurement set-up: the terminal under test records a capture (NDJSON, optionally "
                   "compressed with gzip) and its device descriptor in ordinary use within its declared "
                   "tracking volume; time comes from frame timestamps (ns), lengths are in metres; rate, "
                   "dropped frames and jitter are computed from the timestamps. The harness itself makes no "
                   "optical or electrical measurement: photometric data (display luminance and flicker, the "
                   "angular luminance of multi-view displays) are measured by the laboratory with a "
                   "calibrated photometer or luminance meter and submitted with the capture as a stream or "
                   "record, which the harness judges."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"terminal": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_labels() -> Mapping[str, Mapping[str, str]]:
    """The labels its charts read (:mod:`.charts`)."""
    return {
        "en": {
            "intervals_title": "Frame intervals over time of stream",
            "intervals_axis": "seconds from the stream's first frame; interval in ms (shortest to longest per bucket)",
            "declared_rate": "declared",
            "jitter_band": "jitter bound",
            "dropped_frames": "dropped frames",
            "positions_title": "Positions against the declared tracking volume of stream",
            "top_view": "top view (x, z)",
            "side_view": "side view (x, y)",
            "outside_volume": "outside the volume",
            "points_shown": "points shown",
        },
        "zh": {
            "intervals_title": "数据流的帧间隔随时间变化",
            "intervals_axis": "自数据流首帧起的秒数；帧间隔（毫秒，每段的最短至最长）",
            "declared_rate": "声明",
            "jitter_band": "抖动上限",
            "dropped_frames": "丢帧",
            "positions_title": "数据流位置与声明的跟踪范围",
            "top_view": "俯视图（x, z）",
            "side_view": "侧视图（x, y）",
            "outside_volume": "超出跟踪范围",
            "points_shown": "显示的点数",
        },
    }


@hookimpl
def conformance_charts() -> Mapping[str, ItemChart]:
    from .charts import interval_chart, positions_chart

    return {"intervals": interval_chart, "positions": positions_chart}


def generate_capture(args: argparse.Namespace, console: Console) -> int:
    """a synthetic XR capture (mvx-capture NDJSON), optionally with faults

    Streams of the device class for --seconds, with the faults named planted (each makes the
    requirement it is written for fail); --list-faults lists them, tab-separated.
    conformance generate capture --device vr_headset --seconds 10 --out head.ndjson.gz
    conformance generate capture --device hand_tracker --seconds 5 --fault bone-stretch --out bad.ndjson
    """
    from .generate import command

    return command.generate_capture(args, console)


@hookimpl
def conformance_instruments(path: Path, data: BinaryIO) -> Iterable[Mapping[str, object]] | None:
    """A capture's instruments, for the laboratory record (:mod:`.apparatus`)."""
    from .apparatus import instruments

    return instruments(path.name, data)


@hookimpl
def conformance_corpora() -> Mapping[str, Path]:
    return {"mvx-voice-1": Path(__file__).with_name("voice_corpus.yaml")}  # TD-VOICE-004, TD-CAPT-004


@hookimpl
def conformance_generators() -> Mapping[str, Generator]:
    return {"capture": generate_capture}


@hookimpl
def conformance_generator_options(kind: str, parser: argparse.ArgumentParser) -> None:
    if kind != "capture":
        return
    parser.add_argument("--device", metavar="CLASS",
                        help="device class: vr_headset, mr_headset, ar_glasses, controller, hand_tracker, "
                             "eye_tracker, face_tracker, haptic_glove, haptic_vest, mocap_suit, motion_platform, "
                             "olfactory_device")
    parser.add_argument("--seconds", type=float, help="length of the capture")
    parser.add_argument("--fault", action="append", default=[], metavar="KIND",
                        help="plant a known defect (repeatable; --list-faults lists them)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same bytes (default 1)")
    parser.add_argument("--out", type=Path, help="file to write (.ndjson, or .ndjson.gz); default: stdout")
    parser.add_argument("--list-faults", action="store_true", help="list the faults and exit")
