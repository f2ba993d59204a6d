"""Shared scenes (profile shared-scenes, IF-SCN-001, IF-SCN-002): a scene published at one
platform of the pair is given, byte for byte as that platform serves it, to the other; both
directions are cells of the report's A x B matrix.

- IF-SCN-001: each platform serves the scene with the bytes it was given (the same SHA-256,
  which its publish answer states too), so the other serves what the first served;
- IF-SCN-002: each platform reports as interactive exactly the nodes that carry an extension
  both declare (OMI_link, OMI_seat, OMI_spawn_point), with their names and extension objects.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, InteropMatrix, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.registry import provisioned
from conformance.areas.interfaces import scenes

ROLES = ("api", "api_b")


def _path(template: str, scene_id: str) -> str:
    return template.replace("{scene_id}", quote(scene_id, safe=""))


def _publish(api: Any, declared: dict[str, Any], token: str, content: bytes, schemas: Any,
             problems: list[str], where: str, misstated: list[str] | None = None) -> str | None:
    """Publish ``content``; its scene ID, or None (with a problem). A publish answer stating another SHA-256 than
    that of the bytes published is IF-SCN-001's problem; a caller judging another rule gives ``misstated``, where it
    goes instead of ``problems`` (sixty-seventh reading, b5)."""
    answer = api.request("POST", declared["publish"], content=content, auth=None,
                         headers={"Content-Type": scenes.GLTF_JSON, "Authorization": f"Bearer {token}"})
    body = _body(answer, 201)
    if not isinstance(body, dict) or schemas.findings(body, scenes.PUBLISHED_SCHEMA):
        problems.append(msg("interfaces.scn-publish-answered", platform=where, status=answer.status))
        return None
    if body["sha256"] != hashlib.sha256(content).hexdigest():
        (problems if misstated is None else misstated).append(msg("interfaces.scn-declared-hash-differs",
                                                                  platform=where))
    return str(body["scene_id"])


def _body(answer: Any, status: int) -> object | None:
    """The JSON body of an answer expected with ``status``, or None: a body that does not parse
    fails this direction's cell only (the problem the caller records), never both directions."""
    try:
        return answer.json() if answer.status == status else None
    except NonConformance:
        return None


def _served(api: Any, declared: dict[str, Any], scene_id: str) -> bytes | None:
    answer = api.get(_path(declared["scene"], scene_id))
    return answer.content if answer.status == 200 else None


def _pair(targets: Any, identity_path: str, interactive: bool = False
          ) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[str], bytes]:
    """Each role's declaration and publishing token, the shared extensions and the probe scene. Only the interactive
    nodes (``interactive``, IF-SCN-002) need an extension both declare: a probe without one is still a glTF whose
    bytes IF-SCN-001 judges (forty-second reading, b8)."""
    declared = {role: scenes.declaration(targets[role], role) for role in ROLES}
    shared = scenes.shared_extensions(*declared.values())
    if interactive and not shared:
        raise Inconclusive(msg("interfaces.scn-no-shared-extension"))
    tokens = {role: provisioned(targets[role], identity_path, 1)[0].token for role in ROLES}
    return declared, tokens, shared, scenes.probe_scene(os.urandom(6).hex(), shared)


@pytest.mark.requirement("IF-SCN-001")
def test_a_scene_is_served_with_the_same_bytes_at_the_other_platform(targets: Targets, params: Parameters,
                                                                     schemas: SchemaRegistry, interop: InteropMatrix):
    declared, tokens, _shared, probe = _pair(targets, params.identity_path)
    for source, target in ((ROLES[0], ROLES[1]), (ROLES[1], ROLES[0])):
        problems: list[str] = []
        first = _publish(targets[source], declared[source], tokens[source], probe, schemas, problems, source)
        there = _served(targets[source], declared[source], first) if first else None
        if there is None:
            interop.record(source, target, "scene", False, _joined(problems) or msg(
                "interfaces.scn-not-served", platform=source))
            continue
        if there != probe:
            problems.append(msg("interfaces.scn-hash-differs", platform=source, given=_short(probe),
                                served=_short(there)))
        second = _publish(targets[target], declared[target], tokens[target], there, schemas, problems, target)
        here = _served(targets[target], declared[target], second) if second else None
        if second and here is None:
            problems.append(msg("interfaces.scn-not-served", platform=target))
        elif here is not None and here != there:
            problems.append(msg("interfaces.scn-hash-differs", platform=target, given=_short(there),
                                served=_short(here)))
        interop.record(source, target, "scene", not problems, _joined(problems) or msg(
            "interfaces.scn-moved", sha256=_short(there), size=len(there)))


@pytest.mark.requirement("IF-SCN-002")
def test_both_platforms_load_the_same_interactive_nodes(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                        interop: InteropMatrix, evidence: Evidence):
    declared, tokens, shared, probe = _pair(targets, params.identity_path, interactive=True)
    expected = scenes.expected_nodes(probe, shared)
    for source, target in ((ROLES[0], ROLES[1]), (ROLES[1], ROLES[0])):
        problems: list[str] = []
        misstated: list[str] = []  # a publish answer's SHA-256: IF-SCN-001's rule, noted here (not this case's)
        first = _publish(targets[source], declared[source], tokens[source], probe, schemas, problems, source,
                         misstated)
        there = _served(targets[source], declared[source], first) if first else None
        second = _publish(targets[target], declared[target], tokens[target], there, schemas, problems,
                          target, misstated) if there is not None else None
        for problem in misstated:
            evidence.note(msg("interfaces.scn-hash-left", problem=problem, requirement="IF-SCN-001"))
        for role, scene_id in ((source, first), (target, second)):
            if scene_id is None:
                continue
            answer = targets[role].get(_path(declared[role]["interactive"], scene_id))
            body = _body(answer, 200)  # step 3: a report that does not parse is this direction's problem
            if not isinstance(body, dict) or schemas.findings(body, scenes.INTERACTIVE_SCHEMA):
                problems.append(msg("interfaces.scn-interactive-answered", platform=role, status=answer.status))
                continue
            problems += [msg("interfaces.scn-at", platform=role, problem=p)
                         for p in scenes.node_differences(body["nodes"], expected)]
        if second is None and not problems:
            problems.append(msg("interfaces.scn-not-served", platform=source))
        interop.record(source, target, "scene-interaction", not problems, _joined(problems) or msg(
            "interfaces.scn-nodes-match", count=len(expected), extensions=", ".join(shared)))


def _short(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:16]


def _joined(problems: list[str]) -> str:
    """The problems of one cell as one detail ("first; second"), each still in its template."""
    joined = problems[0] if problems else ""
    for problem in problems[1:]:
        joined = msg("interfaces.iop-and", first=joined, then=problem)
    return joined
