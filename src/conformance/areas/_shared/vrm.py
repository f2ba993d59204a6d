"""The VRM 1.0 humanoid's bones (humanoid.md of the VRM specification), as the areas that read
them know them: the assets area judges an avatar's ``humanoid.humanBones``, the terminal area a
capture's body poses named by them."""

from __future__ import annotations

REQUIRED_BONES = (
    "hips", "spine", "head",
    "leftUpperLeg", "leftLowerLeg", "leftFoot", "rightUpperLeg", "rightLowerLeg", "rightFoot",
    "leftUpperArm", "leftLowerArm", "leftHand", "rightUpperArm", "rightLowerArm", "rightHand",
)
_FINGERS = [f"{side}{finger}{joint}" for side in ("left", "right")
            for finger, joints in (("Thumb", ("Metacarpal", "Proximal", "Distal")),
                                   *((f, ("Proximal", "Intermediate", "Distal"))
                                     for f in ("Index", "Middle", "Ring", "Little")))
            for joint in joints]
OPTIONAL_BONES = ("chest", "upperChest", "neck", "leftEye", "rightEye", "jaw", "leftToes", "rightToes",
                  "leftShoulder", "rightShoulder", *_FINGERS)
KNOWN_BONES = frozenset(REQUIRED_BONES + OPTIONAL_BONES)
