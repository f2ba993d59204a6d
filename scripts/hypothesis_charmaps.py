"""Write the Unicode category table hypothesis builds the first time a suite draws text (its
"charmap": each general category's code point intervals) for this Python's Unicode version,
in the file format hypothesis reads, to ``src/conformance/_run/charmaps/``.

    python3.11 scripts/hypothesis_charmaps.py   # Unicode 14.0.0
    python3.12 scripts/hypothesis_charmaps.py   # Unicode 15.0.0
    python3.13 scripts/hypothesis_charmaps.py   # Unicode 15.1.0

Standard library only, so any interpreter can run it. Why: a run gives hypothesis a fresh home
folder, where it would otherwise compute the table again in every process (0.13 s of CPU, one
``unicodedata.category`` call per code point); ``conformance._run.surroundings.HypothesisHome``
puts the shipped table there. ``tests/_run/test_hypothesis_costs.py`` checks that the table of the
running Python is the one hypothesis computes itself.
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from itertools import groupby
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "src" / "conformance" / "_run" / "charmaps"


def intervals_by_category() -> dict[str, list[tuple[int, int]]]:
    table: dict[str, list[tuple[int, int]]] = {}
    points = range(sys.maxunicode + 1)
    for category, run in groupby(points, key=lambda point: unicodedata.category(chr(point))):
        members = list(run)
        table.setdefault(category, []).append((members[0], members[-1]))
    return table


def main() -> None:
    target = FOLDER / f"charmap-{unicodedata.unidata_version}.json.gz"
    text = json.dumps(sorted(intervals_by_category().items()))
    with gzip.GzipFile(target, "wb", mtime=1) as out:  # a fixed time: the same bytes every time
        out.write(text.encode("ascii"))
    print(f"{target.relative_to(FOLDER.parent.parent.parent.parent)}: Unicode {unicodedata.unidata_version}")


if __name__ == "__main__":
    main()
