"""Products, their versions and manifests, and their endpoint secrets. A manifest is checked
with the harness's own loader (the run's: schema, numbers, profiles), and its one located line
is what the vendor sees; a secret is sealed before it is stored and shown to no one again."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .._catalog.catalog import Catalog, load_catalog
from .._io.outputs import atomic_write
from .._run.plan import read_manifest
from ..errors import HarnessInputError
from .models import Product, Secret, Version
from .vault import Vault

#: a secret's name is the environment variable a manifest's target names (credentials_env)
SECRET_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,99}", re.ASCII)
MANIFEST_FILE = "manifest.yaml"


def manifest_path(folder: Path, version: Version) -> Path:
    return folder / "manifests" / version.id / MANIFEST_FILE


#: a target's keys that name a file of this machine (an http target's ca_bundle, client keys, any path)
_LOCAL = re.compile(r".*(_bundle|_file|_path|_dir|_glob|_cert|_key|^path|^glob)$")


def _reaches_outside(raw: dict[str, object], local_files: frozenset[Path]) -> str | None:
    """Why a vendor's manifest may not run on the service's machine: a run reads what its
    manifest names, and the service's folder holds other organisations' runs and its key. So
    this round takes http targets only, no local JSON-LD contexts, and a local file only when
    the operator lists it (``ServiceConfig.local_files``, e.g. a test CA); uploads come next."""
    if raw.get("jsonld_contexts"):
        return f"{MANIFEST_FILE} at $.jsonld_contexts: local files are not read on the service (remove them)"
    targets = raw.get("targets")
    for name, target in (targets.items() if isinstance(targets, dict) else ()):
        if not isinstance(target, dict):
            continue
        if target.get("adapter") != "http":
            return (f"{MANIFEST_FILE} at $.targets.{name}.adapter: the service runs http targets only "
                    "(file targets need uploads, not there yet)")
        for key, value in target.items():
            if _LOCAL.match(str(key)) and not (isinstance(value, str) and Path(value) in local_files):
                return (f"{MANIFEST_FILE} at $.targets.{name}.{key}: names a file of the service's machine "
                        "(only the operator's listed files may be named)")
    return None


def manifest_problem(folder: Path, text: str, catalog: Catalog | None = None,
                     local_files: frozenset[Path] = frozenset()) -> str | None:
    """The harness's one line about ``text`` as a manifest (located: ``manifest.yaml at $.x``),
    or None when the harness takes it and it names nothing of the service's machine. Checked in
    a file of its own, as a run reads it."""
    (folder / "manifests").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder / "manifests", prefix="_check-") as place:
        trial = Path(place) / MANIFEST_FILE
        atomic_write(trial, text.encode("utf-8"))
        try:
            _, raw = read_manifest(trial, catalog or load_catalog())
        except HarnessInputError as error:
            return error.line().replace(str(trial), MANIFEST_FILE)
    return _reaches_outside(raw, local_files)


def add_version(db: Session, folder: Path, product: Product, version: str, manifest: str) -> Version:
    """A version whose manifest the harness took (check it first: :func:`manifest_problem`)."""
    made = Version(product_id=product.id, version=version, manifest=manifest)
    db.add(made)
    db.flush()
    atomic_write(manifest_path(folder, made), manifest.encode("utf-8"))
    return made


def store_secret(db: Session, vault: Vault, product: Product, name: str, value: str) -> None:
    """Seal and keep ``value`` under ``name`` (replacing the one of that name)."""
    if not SECRET_NAME.fullmatch(name):
        raise ValueError("a secret's name is the variable the manifest names: A-Z, 0-9 and _, a letter first")
    sealed = vault.seal(value.encode("utf-8"))
    kept = db.scalar(select(Secret).where(Secret.product_id == product.id, Secret.name == name))
    if kept is None:
        db.add(Secret(product_id=product.id, name=name, ciphertext=sealed))
    else:
        kept.ciphertext = sealed


def secrets_of(db: Session, vault: Vault, product_id: str) -> dict[str, str]:
    """The product's secrets opened: for its own runs' environment only."""
    rows = db.scalars(select(Secret).where(Secret.product_id == product_id))
    return {row.name: vault.open(row.ciphertext).decode("utf-8") for row in rows}
