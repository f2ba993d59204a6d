"""A checkout byte-compiled as an installed harness is (imported by name: the scripts run as
``python bench/<script>.py``).

pip compiles a wheel when it installs it, and a checkout has byte code after its first run
unless ``PYTHONDONTWRITEBYTECODE`` is set, as on the development machine. Left uncompiled,
a bench would also count compiling the harness's and the suites' source (~640 KB, 4 % of the
HTTP suites' first-run instructions), which no run of the installed harness pays.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def project_folders(tree: Path) -> tuple[Path, Path]:
    """The folders of the project's own modules in the checkout ``tree``."""
    return tree / "src", tree / "suites"


def compile_tree(tree: Path) -> None:
    """Byte-compile ``tree``'s ``src`` and ``suites`` (``compileall``)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *map(str, project_folders(tree))],
                   capture_output=True, check=True)
