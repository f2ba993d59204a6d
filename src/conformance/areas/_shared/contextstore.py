"""A vendor's own JSON-LD contexts, added once (``conformance contexts add FILE --url URL``) and
served to every later run beside the bundled ones, so a product's context need not be
declared in each manifest.

Where: ``$CONFORMANCE_CONTEXT_STORE``, else ``$XDG_DATA_HOME/metaverse-conformance/contexts``,
else ``~/.local/share/metaverse-conformance/contexts``. The folder holds one file per context,
named by its SHA-256, and ``index.json`` (URL -> file, sha256, when it was added). A context is
pinned by its digest: adding other content for a stored URL is refused (remove the old one
first), a bundled URL cannot be shadowed, and a stored file whose digest is no longer the
pinned one stops the run with one line (exit 2) rather than being served.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from conformance import HarnessInputError

from . import jsonld

INDEX = "index.json"
#: A context is a small document; the largest one bundled (schema.org's) is 190 kB.
MAX_BYTES = 4 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
URL = re.compile(r"https?://[^\s]+")


def folder() -> Path:
    configured = os.environ.get("CONFORMANCE_CONTEXT_STORE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "metaverse-conformance" / "contexts"


def entries(where: Path | None = None) -> dict[str, dict[str, str]]:
    """URL -> {file, sha256, added} of the stored contexts (none when there is no store)."""
    where = folder() if where is None else where
    index = where / INDEX
    if not index.is_file():
        return {}
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
        found = data["contexts"]
        if not isinstance(found, dict) or not all(isinstance(v, dict) and SHA256.fullmatch(str(v.get("sha256")))
                                                  for v in found.values()):
            raise ValueError("not an index of contexts")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HarnessInputError(str(index), f"the context store's index cannot be read ({exc})",
                                "remove the file or set CONFORMANCE_CONTEXT_STORE to another folder") from None
    return found


def load(where: Path | None = None) -> dict[str, object]:
    """URL -> context document of every stored context, each checked against its digest."""
    where = folder() if where is None else where
    out: dict[str, object] = {}
    for url, entry in entries(where).items():
        path = where / f"{entry['sha256']}.jsonld"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise HarnessInputError(str(path), f"the stored context for {url} cannot be read "
                                    f"({exc.strerror or exc})", f"conformance contexts remove {url}") from None
        if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
            raise HarnessInputError(str(path), f"the stored context for {url} is not the version pinned "
                                    f"(sha256 {entry['sha256']})",
                                    f"conformance contexts remove {url}, then add the intended file") from None
        out[url] = json.loads(raw)
    return out


def add(file: Path, url: str, sha256: str | None = None, where: Path | None = None,
        bundled: frozenset[str] = frozenset()) -> tuple[dict[str, str], bool]:
    """Store ``file`` as the context of ``url``: (its entry, whether it was new). Refused (one
    line, HarnessInputError) when the file is no context document, its digest is not
    ``sha256``, ``url`` is no http(s) URL or is bundled, or another version is stored."""
    where = folder() if where is None else where
    if not URL.fullmatch(url):
        raise HarnessInputError(f"--url {url[:200]}", "is not an http(s) URL", "give the URL documents name")
    if url in bundled or url.rstrip("/") in bundled:
        raise HarnessInputError(f"--url {url[:200]}", "is a context this harness bundles (pinned, always served)",
                                "nothing to add")
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise HarnessInputError(str(file), f"cannot be read ({exc.strerror or exc})", "give a readable file") from None
    if len(raw) > MAX_BYTES:
        raise HarnessInputError(str(file), f"is larger than {MAX_BYTES // (1024 * 1024)} MB", "give a context file")
    digest = hashlib.sha256(raw).hexdigest()
    if sha256 is not None and sha256.lower() != digest:
        raise HarnessInputError(str(file), f"has sha256 {digest}, not {sha256.lower()}",
                                "check that the file is the published version")
    problem = _context_problem(raw)
    if problem is not None:
        raise HarnessInputError(str(file), problem, "give the JSON-LD context document published at the URL")
    known = entries(where)
    if url in known:
        if known[url]["sha256"] == digest:
            return known[url], False
        raise HarnessInputError(f"--url {url[:200]}", f"is stored already with sha256 {known[url]['sha256']}; "
                                "a changed context is a new version, never a silent replacement",
                                f"conformance contexts remove {url} first")
    entry = {"sha256": digest, "file": file.name,
             "added": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    where.mkdir(parents=True, exist_ok=True)
    _write(where / f"{digest}.jsonld", raw)
    _write(where / INDEX, json.dumps({"contexts": {**known, url: entry}}, indent=2, sort_keys=True).encode())
    return entry, True


def remove(url: str, where: Path | None = None) -> bool:
    """Forget the context stored for ``url`` (its file too, when no other URL uses it)."""
    where = folder() if where is None else where
    known = entries(where)
    entry = known.pop(url, None)
    if entry is None:
        return False
    _write(where / INDEX, json.dumps({"contexts": known}, indent=2, sort_keys=True).encode())
    if not any(e["sha256"] == entry["sha256"] for e in known.values()):
        (where / f"{entry['sha256']}.jsonld").unlink(missing_ok=True)
    return True


def _context_problem(raw: bytes) -> str | None:
    """Why ``raw`` is no JSON-LD context document JSON-LD 1.1 can process, or None."""
    try:
        document = json.loads(raw)
    except ValueError as exc:
        return f"is not JSON ({exc})"
    if not isinstance(document, dict) or not isinstance(document.get("@context"), dict | list):
        return "is not a context document (a JSON object with an @context object or list)"
    from pyld import jsonld as pyld

    try:
        pyld.expand({"@context": document["@context"], "@id": "urn:conformance:probe"},
                    {"documentLoader": jsonld._loader})
    except pyld.JsonLdError as exc:
        first = exc.args[0] if exc.args else exc
        text = str(first[0] if isinstance(first, tuple) and first else first).splitlines()[0]
        return f"does not process as a JSON-LD 1.1 context ({text[:200]})"
    except (RecursionError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return f"does not process as a JSON-LD 1.1 context ({type(exc).__name__})"
    return None


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside it, then renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
