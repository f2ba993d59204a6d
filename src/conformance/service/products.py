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


def manifest_problem(folder: Path, text: str, catalog: Catalog | None = None) -> str | None:
    """The harness's one line about ``text`` as a manifest (located: ``manifest.yaml at $.x``),
    or None when the harness takes it. Checked in a file of its own, as a run reads it."""
    (folder / "manifests").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder / "manifests", prefix="_check-") as place:
        trial = Path(place) / MANIFEST_FILE
        atomic_write(trial, text.encode("utf-8"))
        try:
            read_manifest(trial, catalog or load_catalog())
        except HarnessInputError as error:
            return error.line().replace(str(trial), MANIFEST_FILE)
    return None


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
