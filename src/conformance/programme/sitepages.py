"""The static site rebuilt incrementally: a page is rendered and written again only when what it
is made from changed.

Each page's inputs are the whole context its template is rendered with (plain data: the rows,
the links, the labels, the notice), the template's name and the page's place; its digest is
SHA-256 over them and the renderer (the site's templates and code, Jinja's version). The
manifest ``.site-inputs.json`` in the site folder records each page's digest, and each page
ends with its own digest in a comment. A page is left as it is only when both say the digest of
today's inputs: a manifest that is missing, unreadable, of another format or renderer, or does
not name the page means the page is rendered again; and since the page's own last line must
carry the digest too, a manifest edited by hand to name today's digest beside a page rendered
from older inputs does not keep that page (its comment names the older digest). What a full
rebuild into an empty folder writes is what the incremental one leaves: the same bytes (the
digest comment included) and the same manifest.

A page the last build wrote that today's build does not produce (a participant removed from the
programme file) is deleted, and only such a page: one the manifest names (whatever renderer
wrote it), by a plain relative path under the site folder (no ``..``, no absolute path, no
link followed on the way), a regular file ending with the digest comment the manifest records
for it. A file put into the folder by hand, or one the manifest names but that does not carry
the site's comment, is left alone.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import orjson

from .._io.outputs import atomic_write
from .._io.vendorfiles import open_regular, read_capped

MANIFEST = ".site-inputs.json"
FORMAT = "conformance-site-inputs/1"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_MARK = "<!-- site inputs sha256:{} -->\n"
#: context members the same for every page of a language, digested once a build (Pages._shared)
_SHARED = ("l",)
_HERE = Path(__file__).parent
#: a page's place as the manifest may name it for deletion: plain names, no ``.``/``..`` component
_PLACE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\.html")
_HEX64 = re.compile(r"[0-9a-f]{64}")


@functools.cache
def renderer_digest() -> str:
    """What renders every page: the site's templates, this module and the site's code, Jinja's version."""
    digest = hashlib.sha256(jinja2.__version__.encode())
    for path in sorted([*_HERE.glob("site-*.html.j2"), _HERE / "site.py", Path(__file__)]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _plain(value: object) -> object:
    """The context as JSON-able data, in the order the template sees it (a dict keyed by tuples
    as its item pairs)."""
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _plain(v) for k, v in value.items()}
        return {"(items)": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _default(value: object) -> str:
    if isinstance(value, Path | date):
        return str(value)
    raise TypeError(f"a site page's context holds a {type(value).__name__}: only plain data is digested")


def page_digest(template: str, relative: str, context: dict[str, Any]) -> str:
    """SHA-256 of the renderer, the template, the page's place and its context."""
    return _digest([renderer_digest(), template, relative, context])


def _digest(value: object) -> str:
    try:
        data = orjson.dumps(value, default=_default)
    except TypeError:  # a dict keyed by tuples (the grid's pairs)
        data = orjson.dumps(_plain(value), default=_default)
    return hashlib.sha256(data).hexdigest()


class Pages:
    """The pages of one build of the site in ``folder``: which to render, and the manifest after."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        renderer, self.listed = _load(folder / MANIFEST)
        #: the digests that may keep a page: only a manifest of this very renderer's
        self.recorded = self.listed if renderer == renderer_digest() else {}
        self.pages: dict[str, str] = {}
        self._once: dict[int, tuple[object, str]] = {}

    def render(self, env: jinja2.Environment, template: str, path: Path, context: dict[str, Any]) -> bool:
        """Render ``template`` into ``path`` unless the page there was rendered from these very
        inputs; whether it was written."""
        relative = path.relative_to(self.folder).as_posix()
        inputs = {k: self._shared(v) if k in _SHARED else v for k, v in context.items()}
        digest = page_digest(template, relative, inputs)
        self.pages[relative] = digest
        mark = _MARK.format(digest).encode()
        if self.recorded.get(relative) == digest and _ends_with(path, mark):
            return False
        atomic_write(path, env.get_template(template).render(**context).encode() + b"\n" + mark)
        return True

    def _shared(self, value: object) -> str:
        """A member every page of a language shares (the labels), digested once: by its digest."""
        held = self._once.get(id(value))
        if held is None or held[0] is not value:
            held = self._once[id(value)] = (value, "sha256:" + _digest(value))
        return held[1]

    def remove_stale(self) -> list[str]:
        """Delete the pages the last build wrote and this one did not render (see the module's
        rules); their places, relative to the folder."""
        removed = []
        for relative, digest in sorted(self.listed.items()):
            if relative not in self.pages and _HEX64.fullmatch(digest) \
                    and _remove_page(self.folder, relative, _MARK.format(digest).encode()):
                removed.append(relative)
        return removed

    def save(self) -> bool:
        """The manifest of this build's pages (sorted), written when it differs from the one read."""
        data = orjson.dumps({"format": FORMAT, "renderer": renderer_digest(), "pages": self.pages},
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
        path = self.folder / MANIFEST
        try:
            if read_capped(path, MAX_MANIFEST_BYTES) == data:
                return False
        except OSError:
            pass
        atomic_write(path, data)
        return True


def _load(path: Path) -> tuple[object, dict[str, str]]:
    """The renderer a manifest names and the digests it records, by page; no pages (every page
    rendered, none deleted) when there is none or it is not whole and well formed."""
    try:
        found = orjson.loads(read_capped(path, MAX_MANIFEST_BYTES))
    except (OSError, orjson.JSONDecodeError):
        return None, {}
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return None, {}
    pages = found.get("pages")
    if not isinstance(pages, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in pages.items()):
        return None, {}
    return found.get("renderer"), pages


def _ends_with(path: Path, mark: bytes) -> bool:
    """Whether the regular file ``path`` ends with ``mark`` (its last bytes read, not the page)."""
    try:
        with open_regular(path) as handle:
            return _tail_is(handle.fileno(), mark)
    except OSError:
        return False


def _tail_is(fd: int, mark: bytes) -> bool:
    """Whether the regular file open at ``fd`` ends with ``mark``."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size < len(mark):
        return False
    os.lseek(fd, info.st_size - len(mark), os.SEEK_SET)
    return os.read(fd, len(mark)) == mark


def _remove_page(folder: Path, relative: str, mark: bytes) -> bool:
    """Delete the page ``relative`` under ``folder`` if it is one the site wrote: a plain relative
    place, reached without following a link, a regular file ending with ``mark``. Whether it was
    deleted (a page already gone, or anything else there, is left as it is)."""
    if not _PLACE.fullmatch(relative):
        return False
    *parents, name = relative.split("/")
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        for part in parents:  # each folder opened beneath the last, never through a link
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        if not stat.S_ISREG(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
            return False
        page = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fd)
        try:
            if not _tail_is(page, mark):
                return False
        finally:
            os.close(page)
        os.unlink(name, dir_fd=fd)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
