"""Fill in the base of each entry of suites/versions.lock.json that has none, from the lock's landed history.

An entry's base is the last version of the requirement recorded on an earlier date than the entry
(docs/drafting.md, "What a version step means"); ``conformance catalog lock`` records it with each new
version, and this derives it for entries recorded before the lock kept it (issue 77 item 3), or merged
from a branch whose lock did not: it walks the first-parent history of the lock (what landed on the
branch checked out) newest first and takes, per requirement, the first entry recorded before the
current one (or the base of an entry recorded the same day). A requirement new since its first
recording has none. Entries that have a base keep it; running it again changes nothing.

    PYTHONPATH=src python scripts/versions_base.py [catalog root, default .]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from conformance._catalog.versions import VERSIONS, base_for, versions_text
from conformance._io.outputs import atomic_write

_LOCK = f"suites/{VERSIONS}"


def _history(root: Path) -> list[dict[str, dict[str, object]]]:
    """The lock as each first-parent commit that changed it left it, newest first."""
    commits = subprocess.run(["git", "-C", str(root), "log", "--first-parent", "--format=%H", "--", _LOCK],
                             capture_output=True, text=True, check=True).stdout.split()
    states = []
    for commit in commits:
        shown = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{_LOCK}"], capture_output=True, check=False)
        try:
            state = orjson.loads(shown.stdout) if shown.returncode == 0 else None
        except orjson.JSONDecodeError:  # a commit that left it half-merged: nothing to read there
            state = None
        if isinstance(state, dict):
            states.append(state)
    return states


def with_bases(record: dict[str, dict[str, object]],
               history: list[dict[str, dict[str, object]]]) -> dict[str, dict[str, object]]:
    """``record`` with a base for each entry lacking one that ``history`` (newest first) gives."""
    out = {}
    for req_id, entry in record.items():
        if "base" not in entry:
            when = str(entry.get("recorded", ""))
            base = next((b for state in history
                         if isinstance(old := state.get(req_id), dict) and (b := base_for(old, when))), None)
            if base:
                entry = {**entry, "base": base}
        out[req_id] = entry
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else ".")
    path = root / _LOCK
    try:
        record = orjson.loads(path.read_bytes())
        history = _history(root)
    except (OSError, orjson.JSONDecodeError, subprocess.CalledProcessError) as exc:
        print(f"versions_base: cannot read {path} or its git history ({exc})", file=sys.stderr)
        return 2
    text = versions_text(with_bases(record, history))
    if path.read_text(encoding="utf-8") == text:
        print(f"{path} is up to date")
        return 0
    atomic_write(path, text.encode("utf-8"))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
