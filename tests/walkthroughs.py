"""Running a document's commands as written (the README of an example, a section of docs/):
its first ```sh block in bash, ``conformance`` being this checkout's package, HOME a temporary
folder, and the checkout's examples/ left as it was found."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

EXAMPLES = ROOT / "examples"


def sh_block(markdown: str) -> str:
    """The first ```sh block of ``markdown``."""
    found = re.search(r"```sh\n(.*?)```", markdown, re.S)
    assert found, "the document holds no ```sh block"
    return found.group(1)


def examples_state() -> dict[str, bytes]:
    """Every file of the checkout's ``examples/`` with its bytes: what a walkthrough must leave
    as it found it."""
    return {str(path.relative_to(ROOT)): path.read_bytes()
            for path in sorted(EXAMPLES.rglob("*")) if path.is_file() and "__pycache__" not in path.parts}


def run_as_written(commands: str, *, cwd: Path, home: Path, after_each: str = "", timeout: int = 600,
                   env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``commands`` run by bash (``set -euo pipefail``) in ``cwd`` with HOME at ``home`` (made
    here); ``after_each``: shell lines run inside the ``conformance`` function after each call.
    Asserts that they exit 0 and that the checkout's examples/ is unchanged."""
    script = (f'set -euo pipefail\nconformance() {{ "{sys.executable}" -m conformance.cli "$@"\n{after_each}}}\n'
              f"{commands}")
    home.mkdir()
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1", "HOME": str(home),
                   **(env or {})}
    before = examples_state()
    done = subprocess.run(["bash", "-c", script], cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert examples_state() == before, "the walkthrough edited or added a file in the checkout's examples/"
    return done
