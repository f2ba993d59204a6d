"""Glue run by trimesh's own Python (.venv-real-products/trimesh/bin/python, never the harness's):
builds a few models with trimesh's API, exports each as its documentation shows
(``Scene.export(path)``; ``Scene.export(file_type="gltf")`` for a .gltf with its buffers beside
it), and prints, as JSON, trimesh's own count of what each file draws: the triangles and vertices
of every geometry each node instantiates, and one draw call per instance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import trimesh
from PIL import Image


def counts(scene: trimesh.Scene) -> dict[str, int]:
    instances = [scene.geometry[scene.graph[node][1]] for node in scene.graph.nodes_geometry]
    return {"triangles": sum(len(g.faces) for g in instances), "vertices": sum(len(g.vertices) for g in instances),
            "draw_calls": len(instances)}


def main(out: Path) -> None:
    crate = trimesh.creation.box(extents=(1, 1, 1))
    crate.visual.vertex_colors = np.tile([200, 30, 30, 255], (len(crate.vertices), 1))
    corners = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], dtype=float)
    sign = trimesh.Trimesh(corners, [[0, 1, 2], [0, 2, 3]], process=False, visual=trimesh.visual.TextureVisuals(
        uv=corners[:, :2], image=Image.new("RGBA", (5, 3), (255, 0, 0, 128))))
    ball = trimesh.creation.icosphere(subdivisions=2)
    yard = trimesh.Scene()
    yard.add_geometry(crate, node_name="crate")
    for i in range(3):
        yard.add_geometry(ball, node_name=f"ball{i}", geom_name="ball",
                          transform=trimesh.transformations.translation_matrix((2.0 * i, 0, 0)))
    yard.add_geometry(sign, node_name="sign")
    scenes = {"crate.glb": trimesh.Scene(crate), "sign.glb": trimesh.Scene(sign), "yard.glb": yard}
    for name, scene in scenes.items():
        scene.export(str(out / name))
    for name, data in yard.export(file_type="gltf").items():  # model.gltf and its buffers
        (out / name).write_bytes(data)
    scenes["model.gltf"] = yard
    print(json.dumps({name: counts(scene) for name, scene in scenes.items()}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
