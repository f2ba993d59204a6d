"""Products, their versions and manifests, and their endpoint secrets. A manifest is checked
with the harness's own loader (the run's: schema, numbers, profiles), and its one located line
is what the vendor sees; a secret is sealed before it is stored and shown to no one again."""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path

import yaml
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
_LOCAL = re.compile(r".*(_bundle|_file|_path|_dir|_glob|_cert|_key|^path|^paths|^glob)$")
#: how a file target names the organisation's uploaded files: ``files/NAME`` or ``files/GLOB``
#: (uploads.py's names, with * and ? for a glob; no folder, no ..)
FILES = "files/"
_UPLOADED = re.compile(r"files/[A-Za-z0-9*?][A-Za-z0-9*?._-]{0,99}", re.ASCII)


def _placed(raw: dict[str, object], local_files: frozenset[Path], uploads: Path) -> str | None:
    """Why a vendor's manifest may not run on the service's machine (None: it may), its file
    targets' ``files/...`` entries made paths of the organisation's uploads folder in place. A
    run reads what its manifest names, and the service's folder holds other organisations' runs
    and its key: so a file target reads the organisation's own uploads only, an http target no
    local file but those the operator lists (``ServiceConfig.local_files``, e.g. a test CA), and
    no local JSON-LD context is read."""
    if raw.get("jsonld_contexts"):
        return f"{MANIFEST_FILE} at $.jsonld_contexts: local files are not read on the service (remove them)"
    targets = raw.get("targets")
    for name, target in (targets.items() if isinstance(targets, dict) else ()):
        if not isinstance(target, dict):
            continue
        uploaded = target.get("adapter") == "file"
        if not uploaded and target.get("adapter") != "http":
            return f"{MANIFEST_FILE} at $.targets.{name}.adapter: the service runs http and file targets only"
        for key, value in target.items():
            if not _LOCAL.match(str(key)):
                continue
            if uploaded:
                entries = value if isinstance(value, list) else [value]
                if not all(isinstance(e, str) and _UPLOADED.fullmatch(e) and ".." not in e for e in entries):
                    return (f"{MANIFEST_FILE} at $.targets.{name}.{key}: a file target reads your organisation's "
                            f"uploaded files only: write each as {FILES}NAME (a name on the Files page, or a "
                            "pattern such as files/*.json)")
                placed = [str(uploads / e.removeprefix(FILES)) for e in entries]
                target[key] = placed if isinstance(value, list) else placed[0]
            elif not (isinstance(value, str) and Path(value) in local_files):
                return (f"{MANIFEST_FILE} at $.targets.{name}.{key}: names a file of the service's machine "
                        "(only the operator's listed files may be named)")
    return None


def manifest_problem(folder: Path, text: str, uploads: Path, catalog: Catalog | None = None,
                     local_files: frozenset[Path] = frozenset()) -> tuple[str | None, str]:
    """The harness's one line about ``text`` as a manifest (located: ``manifest.yaml at $.x``),
    or None when the harness takes it and it names nothing of the service's machine but
    ``uploads`` (the organisation's files); and the manifest as a run reads it (its file
    targets' ``files/...`` made paths of ``uploads``; else ``text`` itself). Checked in a file of
    its own, as a run reads it."""
    (folder / "manifests").mkdir(parents=True, exist_ok=True)
    catalog = catalog or load_catalog()
    with tempfile.TemporaryDirectory(dir=folder / "manifests", prefix="_check-") as place:
        trial = Path(place) / MANIFEST_FILE
        atomic_write(trial, text.encode("utf-8"))
        try:
            _, raw = read_manifest(trial, catalog)
            written = copy.deepcopy(raw)
            problem = _placed(raw, local_files, uploads.absolute())
            if problem is not None:
                return problem, text
            if raw != written:
                placed = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
                atomic_write(trial, placed.encode("utf-8"))
                read_manifest(trial, catalog)  # the paths as a run reads them, checked again
                return None, placed
        except HarnessInputError as error:
            return error.line().replace(str(trial), MANIFEST_FILE), text
    return None, text


def add_version(db: Session, folder: Path, product: Product, version: str, manifest: str,
                placed: str | None = None) -> Version:
    """A version whose manifest the harness took (check it first: :func:`manifest_problem`);
    ``placed``: the manifest as a run reads it, when the check placed its files."""
    made = Version(product_id=product.id, version=version, manifest=manifest)
    db.add(made)
    db.flush()
    atomic_write(manifest_path(folder, made), (placed or manifest).encode("utf-8"))
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
