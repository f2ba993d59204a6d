"""Explicit labels where generated content is shown: the label node of a glTF scene
(AS-AIGC-006) and the declared place of the label in audio and video (AS-AIGC-007).

The CAC labelling measures (art. 4) ask for a prominent prompt on the start screen of a
generated virtual scene, a voice or rhythm prompt in generated audio (at its start, end or an
appropriate point in the middle) and a prompt on the opening frame of generated video. A
harness sees neither the words of a voice prompt nor the pixels a renderer draws, so these
checks judge what the files and the metadata declare:

- a glTF scene declares its label node with ``extras.explicit_label`` (``{"text": ...,
  "billboard": true|false}``; ``extras`` is where glTF 2.0 puts application data). The node
  is in the default scene's node tree, shown from the start (neither it nor an ancestor hidden
  by ``KHR_node_visibility``, no zero scale on the path), draws something (it or a
  descendant has a mesh, or it is a billboard the viewer draws its text on), and its text
  holds the AI and generation elements;
- an audio or video content reference declares ``explicit_label`` (form, ``start_s``,
  ``duration_s``); the span lies within the file's own duration, and a video's label starts
  by the profile's limit (the opening frame by default).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Finding, msg

from .._shared.ai_labels import AI_ELEMENT, GENERATION_ELEMENT
from .media import media_kind

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: the members of a glTF scene's label node the checks read, as annex E's clause on it gives them
#: (suites/specification.yaml, encodings: fifty-sixth reading, b1)
LABEL, LABEL_TEXT, LABEL_BILLBOARD, VISIBILITY = "explicit_label", "text", "billboard", "KHR_node_visibility"

#: the forms a media label takes (the measures' art. 4: text, voice, rhythm, graphic prompts)
MEDIA_FORMS = ("text", "voice", "rhythm", "graphic")


def scene_label_findings(model: object) -> list[Finding]:
    """AS-AIGC-006, one glTF model: the default scene holds a label node shown from the
    start. Findings for every label node when none is shown; none when one is."""
    data = model if isinstance(model, dict) else {}
    listed, scenes, index = data.get("nodes"), data.get("scenes"), data.get("scene", 0)
    # the nodes that are objects, by index (a broken node is the glTF validator's finding)
    nodes: Nodes = {i: n for i, n in enumerate(listed) if isinstance(n, dict)} if isinstance(listed, list) else {}
    if not isinstance(scenes, list) or not isinstance(index, int) or isinstance(index, bool) \
            or not 0 <= index < len(scenes) \
            or not isinstance(scene := scenes[index], dict):
        return [Finding(msg("assets.scene-none"), pointer="/scene", rule="R1", requirement="AS-AIGC-006")]
    labels: list[tuple[int, list[int]]] = []  # (node, its path from a root)
    roots = scene.get("nodes")
    stack = [(root, [root]) for root in reversed(roots if isinstance(roots, list) else []) if isinstance(root, int)]
    seen: set[int] = set()
    while stack:
        at, path = stack.pop()
        node = nodes.get(at)
        if node is None or at in seen:
            continue  # a broken or cyclic graph is the glTF validator's finding
        seen.add(at)
        extras = node.get("extras")
        if isinstance(extras, dict) and LABEL in extras:
            labels.append((at, path))
        children = node.get("children", [])
        stack.extend((child, [*path, child]) for child in reversed(children if isinstance(children, list) else [])
                     if isinstance(child, int))
    if not labels:
        return [Finding(msg("assets.scene-label-none", scene=index), pointer=f"/scenes/{index}/nodes",
                        expected=msg("assets.expect-scene-label"), actual=None, rule="R1",
                        requirement="AS-AIGC-006")]
    found: list[Finding] = []
    for at, path in labels:
        issues = _node_issues(nodes, at, path)
        if not issues:
            return []
        found.extend(issues)
    return found


#: a glTF document's nodes that are objects, by index
Nodes = dict[int, "JsonObject"]


def _node_issues(nodes: Nodes, at: int, path: list[int]) -> list[Finding]:
    """Why the label node ``at`` (reached by ``path``, every step a node of ``nodes``) is not shown."""
    issues: list[Finding] = []
    for step in path:
        node = nodes[step]
        extensions = node.get("extensions")
        visibility = extensions.get(VISIBILITY) if isinstance(extensions, dict) else None
        # KHR_node_visibility defines one property, visible (default true); nothing else hides a node.
        if isinstance(visibility, dict) and visibility.get("visible") is False:
            issues.append(Finding(msg("assets.scene-label-hidden", node=at, step=step),
                                  pointer=f"/nodes/{step}/extensions/{VISIBILITY}", rule="R2",
                                  requirement="AS-AIGC-006"))
        if _collapsed(node):
            issues.append(Finding(msg("assets.scene-label-collapsed", node=at, step=step), pointer=f"/nodes/{step}",
                                  rule="R2", requirement="AS-AIGC-006"))
    extras = nodes[at].get("extras")
    label = extras.get(LABEL) if isinstance(extras, dict) else None
    pointer = f"/nodes/{at}/extras/{LABEL}"
    text = label.get(LABEL_TEXT) if isinstance(label, dict) else None
    if not isinstance(text, str) or not AI_ELEMENT.search(text) or not GENERATION_ELEMENT.search(text):
        issues.append(Finding(msg("assets.scene-label-text", node=at, text=repr(text)), pointer=f"{pointer}/text",
                              expected=msg("assets.expect-label-text"), actual=text, rule="R3",
                              requirement="AS-AIGC-006"))
    billboard = isinstance(label, dict) and label.get(LABEL_BILLBOARD) is True
    if not billboard and not _has_mesh(nodes, at):
        issues.append(Finding(msg("assets.scene-label-draws-nothing", node=at), pointer=f"/nodes/{at}",
                              expected=msg("assets.expect-label-drawn"), actual=None, rule="R3",
                              requirement="AS-AIGC-006"))
    return issues


def _collapsed(node: JsonObject) -> bool:
    """A zero scale on any axis, or a matrix whose 3x3 part is singular: nothing below shows."""
    scale = node.get("scale")
    if isinstance(scale, list) and any(isinstance(s, (int, float)) and s == 0 for s in scale):
        return True
    matrix = node.get("matrix")
    given = matrix if isinstance(matrix, list) else []
    m = [v for v in given if isinstance(v, int | float)]
    if len(given) == 16 and len(m) == 16:
        det = (m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2])
               + m[8] * (m[1] * m[6] - m[5] * m[2]))
        return det == 0
    return False


def _has_mesh(nodes: Nodes, at: int) -> bool:
    stack, seen = [at], set()
    while stack:
        step = stack.pop()
        node = nodes.get(step)
        if node is None or step in seen:
            continue
        seen.add(step)
        if isinstance(node.get("mesh"), int):
            return True
        children = node.get("children", [])
        stack.extend(c for c in (children if isinstance(children, list) else []) if isinstance(c, int))
    return False


def media_label_findings(item: JsonObject, duration: float | None, start_limit: float,
                         pointer: str) -> list[Finding]:
    """AS-AIGC-007, one audio or video content reference (at ``pointer`` in the metadata):
    its declared explicit label lies within the media's ``duration`` (seconds, read from the
    file) and, for video, starts by ``start_limit`` seconds."""
    label = item.get("explicit_label")
    if not isinstance(label, dict):
        return [Finding(msg("assets.media-explicit-missing"), pointer=f"{pointer}/explicit_label",
                        expected=msg("assets.expect-media-explicit"), actual=label, rule="R1",
                        requirement="AS-AIGC-007")]
    start, length = _number(label.get("start_s")), _number(label.get("duration_s"))
    if start is None or length is None or label.get("form") not in MEDIA_FORMS or length <= 0:
        return [Finding(msg("assets.media-explicit-malformed"), pointer=f"{pointer}/explicit_label",
                        expected=msg("assets.expect-media-explicit"), actual=label, rule="R1",
                        requirement="AS-AIGC-007")]
    issues = []
    if duration is None:
        issues.append(Finding(msg("assets.media-no-duration"), pointer=f"{pointer}/uri", rule="R2",
                              requirement="AS-AIGC-007"))
    elif start + length > duration:
        issues.append(Finding(msg("assets.media-explicit-past-end", end=round(start + length, 3),
                                  duration=round(duration, 3)),
                              pointer=f"{pointer}/explicit_label", expected=f"<= {round(duration, 3)} s",
                              actual=f"{round(start + length, 3)} s", rule="R2", requirement="AS-AIGC-007"))
    if media_kind(item) == "video" and start > start_limit:
        issues.append(Finding(msg("assets.media-explicit-late", start=start, limit=start_limit),
                              pointer=f"{pointer}/explicit_label/start_s", expected=f"<= {start_limit} s",
                              actual=f"{start} s", rule="R3", requirement="AS-AIGC-007"))
    return issues


def _number(value: JsonValue) -> int | float | None:
    """A JSON number of seconds, not negative; else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return value
    return None
