"""The robots area: service and humanoid robots as agents of a metaverse.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name, its description
and its message templates (``messages.yaml``). A robot is described in URDF, the ROS robot
description format (:mod:`.urdf`), and exchanges its state as ROS ``sensor_msgs/JointState``
messages recorded as NDJSON (:mod:`.jointstates`). The tests are in ``suites/robots``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from conformance import hookimpl

from .. import _shared as shared


@hookimpl
def conformance_area() -> str:
    return "robots"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "服务机器人与仿生机器人", "en": "Service and humanoid robots"},
        "scope": {"zh": "服务机器人与仿生机器人", "en": "service and humanoid robots"},
        "environment": {
            "zh": ("测试工具读取被测对象的机器人描述（URDF）与其导出的关节状态记录（ROS sensor_msgs/JointState，"
                   "NDJSON），核对描述的结构、关节限值与惯性属性，以及所记录的关节状态是否符合描述。"),
            "en": ("The harness reads the robot's description (URDF) and the joint-state recordings it "
                   "exports (ROS sensor_msgs/JointState as NDJSON), and checks the description's "
                   "structure, joint limits and inertial properties, and the recorded states against "
                   "the description."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"robots": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_xml_formats() -> Mapping[str, Path]:
    from .elements import PATH

    return {"urdf": PATH}  # the elements the reader reads (RB-URDF-*, RB-JOINT-*, RB-TRACK-*)


@hookimpl
def conformance_instruments(path: Path, data: BinaryIO) -> Iterable[Mapping[str, object]] | None:
    """A tracker record's instrument, for the laboratory record (:mod:`.apparatus`); None for any
    other file (a joint-state or controller-state recording declares none)."""
    from .apparatus import instruments

    return instruments(path.name, data)
