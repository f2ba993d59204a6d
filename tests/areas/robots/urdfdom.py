"""Where urdfdom's ``check_urdf`` is, for the tests and the bench that compare the harness with it.

In this order: ``$CHECK_URDF`` (a path), the PyPI wheel cmeel-urdfdom that
scripts/install-real-products.sh installs into ``.venv-real-products/urdfdom`` (the version the
recorded answers came from), then ``check_urdf`` on PATH (Debian's liburdfdom-tools, urdfdom
3.0.1, which answered as 6.0.0 on every case and corpus file on 2026-11-25). The wheel's
executable lives under the cmeel prefix and needs the prefix's libraries; the venv's
``bin/check_urdf`` is cmeel's launcher that sets them, started with the venv's own interpreter so
that it does not depend on the path the venv was made under."""

from __future__ import annotations

import os
import shutil

from tests.paths import ROOT

#: where scripts/install-real-products.sh installs cmeel-urdfdom
VENV = ROOT / ".venv-real-products" / "urdfdom"


def check_urdf_command() -> list[str] | None:
    """The command that runs check_urdf (append the file's path), or None when none is found."""
    configured = os.environ.get("CHECK_URDF")
    if configured:
        return [configured]
    launcher, python = VENV / "bin" / "check_urdf", VENV / "bin" / "python"
    if launcher.is_file() and python.exists():
        return [str(python), str(launcher)]
    found = shutil.which("check_urdf")
    return [found] if found else None


def why_missing() -> str:
    """The skip reason when no check_urdf is found, the install script's own when it left one."""
    left = VENV.parent / "urdfdom.unavailable"
    if left.is_file():
        return f"urdfdom's check_urdf: {left.read_text(encoding='utf-8').strip()}"
    return "urdfdom's check_urdf is not installed (scripts/install-real-products.sh urdfdom installs it)"
