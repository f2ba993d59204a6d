"""The census of the caps the areas' checks keep (sixty-ninth reading, c2/c3/d1): every module-level constant whose
name says it bounds something (``MAX_…``, ``…_MAX``, ``…_LIMIT…``), so a class test can hold each one classified: a 5.1
reading bound, a limit a finding reports, a cap on evidence only, or a schema's own bound. A cap no test classifies
is a new silent partial judgement until someone says what it is.

Fixture generators (``generate/`` packages) and vendored code are left out: they judge nothing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

AREAS = Path(__file__).resolve().parents[2] / "src" / "conformance" / "areas"
_CAP_NAME = re.compile(r"^_?(?:[A-Z0-9_]*_)?(?:MAX|LIMIT|CAP)(?:_[A-Z0-9_]*)?$|^_?[A-Z0-9_]+_(?:MAX|LIMIT|CAP)$")


def module_caps(*areas: str) -> dict[str, str]:
    """``{"terminal/gaze_steps.py:MAX_SAMPLES": "2_000_000", …}`` for the named areas (all when none is named): each
    cap's place and the source text of its value."""
    found: dict[str, str] = {}
    for area in areas or sorted(p.name for p in AREAS.iterdir() if p.is_dir()):
        for path in sorted((AREAS / area).rglob("*.py")):
            rel = path.relative_to(AREAS)
            if {"generate", "_vendor", "__pycache__"} & set(rel.parts):
                continue
            source = path.read_text(encoding="utf-8")
            for node in ast.parse(source).body:
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
                value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
                names = [t for target in targets
                         for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
                for position, name in enumerate(names):
                    if isinstance(name, ast.Name) and _CAP_NAME.match(name.id) and value is not None:
                        part = value.elts[position] if isinstance(value, ast.Tuple) and len(names) > 1 else value
                        found[f"{rel.as_posix()}:{name.id}"] = ast.get_source_segment(source, part) or ""
    return found
