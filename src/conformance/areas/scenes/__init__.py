"""The scenes area: 3D scenes and digital twins as OGC 3D Tiles 1.1 tilesets, CityJSON 2.0 city
models and IFC building models.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``). The checks are :mod:`.tiles` and :mod:`.volumes` (tilesets),
:mod:`.cityjson` (city models) and :mod:`.ifc` (building models, through IfcOpenShell); the official
CesiumGS 3d-tiles-validator is an optional delegate (:mod:`.cesium`), glTF tile content goes
to the assets area's Khronos glTF-Validator (:mod:`conformance.areas._shared.khronos`). The
solids of city models are judged by :mod:`.solids`, building models against the programme's
IDS information requirements by :mod:`.ids` (through ifctester).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import hookimpl
from conformance.area import Generator, RunContext

from .. import _shared as shared

if TYPE_CHECKING:
    import argparse

    from rich.console import Console


@hookimpl
def conformance_area() -> str:
    return "scenes"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "三维场景与数字孪生", "en": "3D scenes and digital twins"},
        "scope": {"zh": "三维场景与数字孪生", "en": "3D scenes and digital twins"},
        "environment": {
            "zh": ("测试工具读取被测产品导出的 OGC 3D Tiles 1.1 瓦片集及其内容文件（离线，不访问网络），"
                   "检查结构、包围体包含关系与地理参考；瓦片内容中的 glTF 由随附的 Khronos glTF-Validator"
                   # forty-first reading, bx2: the case ties this to the ICS feature, not to an installation
                   " 判定；ICS 声明特性“瓦片集另按 3D Tiles 1.1 全文判定”时，瓦片集另按 3D Tiles 1.1 全文判定"
                   "（SC-TILE-006）。CityJSON 2.0 城市模型按"
                   "随附的官方模式及规范中的规则检查；IFC 建筑模型由 IfcOpenShell 按其模式与 where 规则判定。"
                   # twenty-fifth reading, row 23: the paragraph described the file cases only
                   "数字孪生数据接入（SC-FEED-001 至 SC-FEED-007）经网络读取被测平台的 SensorThings API 服务并经其声明的 "
                   "MQTT 代理收发消息；云渲染（SC-RENDER-001 至 SC-RENDER-004）经网络请求被测平台渲染附录 D 的测试场景，"
                   "测试工具自行绘制同一场景，逐帧比较并计时。"),
            "en": ("The harness reads the OGC 3D Tiles 1.1 tilesets and their content files the implementation under test "
                   "exports (offline, no network), and checks structure, bounding-volume containment and"
                   " georeference; glTF tile content is judged by the bundled Khronos glTF-Validator, "
                   "and, when the ICS declares the feature \"The tilesets are judged against the whole of 3D Tiles 1.1 "
                   "too\", the tilesets are judged against the whole of 3D Tiles 1.1 as well (SC-TILE-006). CityJSON 2.0 "
                   "city models are checked against the bundled official schemas and the specification's "
                   "rules; IFC building models by IfcOpenShell against their schema and where rules. The "
                   "digital twin data feeds (SC-FEED-001 to SC-FEED-007) are read over the network from the "
                   "platform's SensorThings API service and the MQTT broker it declares; for cloud rendering "
                   "(SC-RENDER-001 to SC-RENDER-004) the harness asks the platform over the network to render "
                   "annex D's test scene, draws the same scene itself, and compares and times the frames."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"scenes": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_run_surroundings(run: RunContext) -> Iterable[AbstractContextManager[object]]:

    """Before the first test: the programme's IDS files (SC-BIM-004) are valid IDS 1.0
    documents; a malformed one is bad input to the harness (exit 2), not a verdict. A run
    that does not judge SC-BIM-004 does not import the IFC modules (a start's cost)."""
    if "SC-BIM-004" not in run.selected:
        return [nullcontext()]
    from . import ids

    ids.check_documents(run)
    return [nullcontext()]


def generate_city(args: argparse.Namespace, console: Console) -> int:
    """a synthetic CityJSON 2.0 city model of N Buildings, optionally with planted defects

    The same seed gives the same bytes; --list-defects lists the defects, tab-separated.
    conformance generate city --objects 100 --out city.city.json
    """
    from .generate_command import run

    return run("city", args, console)


def generate_building(args: argparse.Namespace, console: Console) -> int:
    """a synthetic IFC4 building model of N walls, optionally with planted defects

    The same seed gives the same bytes; --list-defects lists the defects, tab-separated.
    conformance generate building --objects 20 --defect all --out bad.ifc
    """
    from .generate_command import run

    return run("building", args, console)


@hookimpl
def conformance_generators() -> Mapping[str, Generator]:
    return {"city": generate_city, "building": generate_building}


@hookimpl
def conformance_generator_options(kind: str, parser: argparse.ArgumentParser) -> None:
    if kind in ("city", "building"):
        from .generate_command import add_options

        add_options(kind, parser)
