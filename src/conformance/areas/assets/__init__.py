"""The assets area: metadata, content, 3D models, histories, registries.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``), and the glTF-Validator process that lasts a run.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conformance import hookimpl
from conformance.area import RunContext

from .. import _shared as shared

if TYPE_CHECKING:
    from conformance.area import JsonObject


@hookimpl
def conformance_area() -> str:
    return "assets"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "数字资产", "en": "Digital assets"},
        "scope": {"zh": "数字资产", "en": "digital assets"},
        "environment": {
            "zh": ("测试工具读取被测产品导出的资产元数据、历史与内容文件（glTF 由随附的 Khronos glTF-Val"
                   "idator 判定），或经 HTTP 或 HTTPS 操作被测平台的资产登记接口（发行、转让、销毁）。"),
            "en": ("The harness reads the asset metadata, histories and content files the implementation under test "
                   "exports (glTF judged by the bundled Khronos glTF-Validator), or drives the "
                   "platform's asset registry over HTTP(S) (issue, transfer, burn)."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"assets": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_environment(requirements: Collection[str]) -> Mapping[str, Any]:
    """The external validators a run judges with: the Khronos glTF-Validator and its Node.js
    when it judges glTF (AS-GLTF-*), OpenUSD and its validator list when it judges USD
    (AS-USD-*). Read from what is installed; neither tool is started for it but ``node
    --version``."""
    facts: JsonObject = {}
    if any(r.startswith("AS-GLTF-") for r in requirements):
        from .._shared import khronos

        facts["gltf_validator"] = khronos.facts()
    if any(r.startswith("AS-USD-") for r in requirements):
        from .._shared import openusd

        facts["openusd"] = openusd.facts()
    return facts


@hookimpl
def conformance_warm() -> Iterable[AbstractContextManager[Any]]:
    """A warm process keeps the glTF-Validator's Node.js loaded and OpenUSD imported (a
    zygote forking a capped worker per stage), for the runs it forks."""
    from .._shared import khronos, openusd

    return [khronos.kept(), openusd.kept()]


@hookimpl
def conformance_run_surroundings(run: RunContext) -> Iterable[AbstractContextManager[Any]]:
    """One glTF-Validator process serves the run's glTF files (khronos.serving), and one
    OpenUSD zygote its USD files (openusd.serving: OpenUSD imported once, while the run starts,
    each stage judged in a capped worker forked from it); a run that checks neither starts
    neither."""
    found: list[AbstractContextManager[Any]] = []
    if any(r.startswith("AS-GLTF-") for r in run.automated):
        from .._shared import khronos

        found.append(khronos.serving())
    if any(r.startswith("AS-USD-") for r in run.automated):
        from .._shared import openusd

        found.append(openusd.serving())
    return found
