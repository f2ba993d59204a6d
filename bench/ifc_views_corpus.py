"""A model view's constraints (SC-BIM-005..010) on real IFC files kept outside the project.

For every ``.ifc`` file under the folder ``$IFC_VIEWS_CORPUS`` names (e.g. buildingSMART's
IFC4.3.x-sample-models and youshengCode/IfcSampleFiles, fetched by hand), prints the header's
schema and declared views, then the findings per requirement and rule: SC-BIM-005 (the view
declared), SC-BIM-006/007/009 where the file declares a view they judge, SC-BIM-008 on every
file. ``--as-declared`` is the default; ``--what-if`` also runs the IFC4 Reference View checks
(SC-BIM-007, SC-BIM-008 R4, SC-BIM-009 R1 and R6, SC-BIM-010) on every IFC4 file and the Coordination View checks
on every IFC2X3 file whatever they declare, to see what the rules would say of files that do
not claim the view (information, not verdicts). ``--verbose`` prints each finding's message.

    IFC_VIEWS_CORPUS=/work/corpora-mvd python bench/ifc_views_corpus.py [--what-if] [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from conformance.areas.scenes import ifc, ifc_psets, ifc_scope, ifc_values, ifc_views

MAX_BYTES = 64 * 1024 * 1024  # a corpus file larger than this is skipped, not read


def judge(path: Path, what_if: bool) -> tuple[str, list[str], dict[str, list]]:
    data = path.read_bytes()
    _, schema = ifc.header(data)
    declared = [ifc_views.base_name(v) for v in ifc_views.declared_views(data) or []]
    found: dict[str, list] = {}
    if schema is None:
        return "-", declared, found
    found["SC-BIM-005"] = ifc_views.view_findings(data, schema)[0]
    model = ifc.open_model(path)
    reference = schema == "IFC4" and ("ReferenceView" in declared or what_if)
    coordination = schema == "IFC2X3" and ("CoordinationView" in declared or what_if)
    if ifc_views.REFERENCE_VIEWS & set(declared):
        found["SC-BIM-006"] = ifc_views.reference_view_geometry(model)
    found["SC-BIM-008"] = ifc_psets.standard_sets(model)
    if reference:
        found["SC-BIM-007"] = ifc_scope.entity_scope(model)
        found["SC-BIM-008"] += ifc_psets.reference_view_sets(model)
        found["SC-BIM-009"] = ifc_scope.reference_view_body(model) + \
            ifc_scope.reference_view_representation_types(model)
        found["SC-BIM-010"] = ifc_values.attribute_values(model)
    if coordination:
        found["SC-BIM-009"] = ifc_scope.coordination_view_geometry(model)
    return schema, declared, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--what-if", action="store_true",
                        help="judge every IFC4/IFC2X3 file as if it declared the view")
    parser.add_argument("--verbose", action="store_true", help="print every finding's message")
    args = parser.parse_args()
    folder = os.environ.get("IFC_VIEWS_CORPUS")
    if not folder or not Path(folder).is_dir():
        print("set IFC_VIEWS_CORPUS to a folder of .ifc files", file=sys.stderr)
        return 2
    totals: Counter[str] = Counter()
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() == ".ifc" and p.is_file())
    for path in files:
        if path.stat().st_size > MAX_BYTES:
            print(f"{path.name}: skipped ({path.stat().st_size} bytes)")
            continue
        try:
            schema, declared, found = judge(path, args.what_if)
        except ValueError as exc:
            print(f"{path.name}: unreadable ({exc})")
            continue
        summary = {req: dict(Counter(f.rule for f in fs)) for req, fs in found.items()}
        for req, rules in summary.items():
            totals[req] += 1 if rules else 0
        print(f"{path.relative_to(folder)}  {schema}  views={declared or '-'}  " +
              "  ".join(f"{req}:{rules or 'pass'}" for req, rules in summary.items()))
        if args.verbose:
            for req, fs in found.items():
                for f in fs:
                    print(f"    {req} {f.rule}: {f.message[:220]}")
    print(f"{len(files)} file(s); files with findings per requirement: {dict(sorted(totals.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
