"""The static site rebuilt incrementally: a page is rendered and written again only when what it
is made from changed, and kept only when it is, byte for byte, the page the site wrote.

Each page's inputs are the whole context its template is rendered with (plain data: the rows,
the links, the labels, the notice), the template's name and the page's place; its inputs digest
is SHA-256 over them and the renderer (the site's templates and code, Jinja's version). The
manifest ``.site-inputs.json`` in the site folder records, for each page, that inputs digest
and the SHA-256 of the page's whole bytes as written; each page also ends with its inputs
digest in a comment (what a reader of the page sees it was made from). A page is left as it is
only when the manifest names today's inputs digest for it and the file at its place is the one
the site wrote: reached from the site folder without following a link (a link at the page's
place or on the way is refused, one line naming it: the site never writes through a link nor
keeps one), a regular file with no other name (a hard link is written again, which breaks it),
whose whole bytes have the digest the manifest recorded. A page edited by hand anywhere (its
last line kept or not), replaced by another page (renamed), deleted or cut short is rendered
again. A manifest that is missing, unreadable, of another format or renderer, or does not name
the page means the page is rendered again. What a full rebuild into an empty folder writes is
what the incremental one leaves: the same bytes (the digest comment included) and the same
manifest.

A page the last build wrote that today's build does not produce (a participant removed from the
programme file) is deleted, and only such a page: one the manifest names (whatever renderer
wrote it), by a plain relative path under the site folder (no ``..``, no absolute path, no
link followed on the way), a regular file whose whole bytes have the digest the manifest
records for it. A file put into the folder by hand, or one the manifest names but that a user
rewrote, is left alone.
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
from .._io.vendorfiles import read_capped
from ..errors import HarnessInputError

MANIFEST = ".site-inputs.json"
FORMAT = "conformance-site-inputs/2"  # /1 recorded the inputs digest only
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
#: a page larger than this is not read to be kept: it is rendered again (the catalog's own bound;
#: the overview of a 10 000-participant programme is a few MB)
MAX_PAGE_BYTES = 256 * 1024 * 1024
_MARK = "<!-- site inputs sha256:{} -->\n"
#: context members the same for every page of a language, digested once a build (Pages._shared)
_SHARED = ("l",)
_HERE = Path(__file__).parent
#: a page's place as the manifest may name it for deletion: plain names, no ``.``/``..`` component
_PLACE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\.html")
_HEX64 = re.compile(r"[0-9a-f]{64}")


@functools.cache
def renderer_digest() -> str:
    """What renders every page: the site's templates, this module, the site's code and its
    templates' environment, Jinja's version."""
    digest = hashlib.sha256(jinja2.__version__.encode())
    for path in sorted([*_HERE.glob("site-*.html.j2"), _HERE / "site.py", _HERE / "templating.py", Path(__file__)]):
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


#: what the manifest records of a page: its inputs digest and its whole bytes' digest (hex)
Recorded = dict[str, str]


class Pages:
    """The pages of one build of the site in ``folder``: which to render, and the manifest after."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        renderer, self.listed = _load(folder / MANIFEST)
        #: the digests that may keep a page: only a manifest of this very renderer's
        self.recorded = self.listed if renderer == renderer_digest() else {}
        self.pages: dict[str, Recorded] = {}
        self._once: dict[int, tuple[object, str]] = {}

    def render(self, env: jinja2.Environment, template: str, path: Path, context: dict[str, Any]) -> bool:
        """Render ``template`` into ``path`` unless the page there is the one the site wrote from
        these very inputs; whether it was written."""
        relative = path.relative_to(self.folder).as_posix()
        _refuse_links(self.folder, relative)
        inputs = {k: self._shared(v) if k in _SHARED else v for k, v in context.items()}
        digest = page_digest(template, relative, inputs)
        recorded = self.recorded.get(relative)
        if recorded is not None and recorded["inputs"] == digest \
                and _whole_digest(self.folder, relative, single=True) == recorded["sha256"]:
            self.pages[relative] = recorded
            return False
        data = env.get_template(template).render(**context).encode() + b"\n" + _MARK.format(digest).encode()
        atomic_write(path, data)  # a hard link's other name keeps the old bytes: the rename breaks it
        self.pages[relative] = {"inputs": digest, "sha256": hashlib.sha256(data).hexdigest()}
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
        for relative, recorded in sorted(self.listed.items()):
            if relative not in self.pages and _remove_page(self.folder, relative, recorded["sha256"]):
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


def _load(path: Path) -> tuple[object, dict[str, Recorded]]:
    """The renderer a manifest names and what it records, by page; no pages (every page
    rendered, none deleted) when there is none or it is not whole and well formed (a manifest of
    format /1 recorded no page's bytes: nothing it names is kept or deleted)."""
    try:
        found = orjson.loads(read_capped(path, MAX_MANIFEST_BYTES))
    except (OSError, orjson.JSONDecodeError):
        return None, {}
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return None, {}
    pages = found.get("pages")
    if not isinstance(pages, dict) or not all(isinstance(k, str) and _is_recorded(v) for k, v in pages.items()):
        return None, {}
    return found.get("renderer"), pages


def _is_recorded(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {"inputs", "sha256"} \
        and all(isinstance(v, str) and _HEX64.fullmatch(v) for v in value.values())


def _refuse_links(folder: Path, relative: str) -> None:
    """One line naming a symbolic link at the page's place or on the way to it from the site
    folder: the site neither writes through a link nor keeps one as a page."""
    place = folder
    for part in relative.split("/"):
        place = place / part
        try:
            info = os.lstat(place)
        except OSError:
            return  # not there yet: made by the write, as a folder or a regular file
        if stat.S_ISLNK(info.st_mode):
            raise HarnessInputError(str(place), "is a symbolic link inside the site; the site never keeps a link "
                                    "nor writes through one", "remove the link; the next build writes the page there")


def _open_folder(folder: Path, parents: list[str]) -> int:
    """The folder ``parents`` beneath ``folder`` opened, each opened beneath the last, never
    through a link (OSError otherwise)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parents:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _digest_open(folder_fd: int, name: str, *, single: bool) -> str | None:
    """SHA-256 of the whole regular file ``name`` in the open folder, not followed if a link;
    None when it is anything else, larger than a page may be, or (``single``) has another name."""
    try:
        page = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
    except OSError:
        return None
    try:
        info = os.fstat(page)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PAGE_BYTES or (single and info.st_nlink != 1):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(page, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(page)


def _whole_digest(folder: Path, relative: str, *, single: bool) -> str | None:
    """SHA-256 of the whole page at ``relative`` under ``folder`` reached without following a
    link (:func:`_digest_open`); None when there is no such page."""
    if not _PLACE.fullmatch(relative):
        return None
    *parents, name = relative.split("/")
    try:
        fd = _open_folder(folder, parents)
    except OSError:
        return None
    try:
        return _digest_open(fd, name, single=single)
    finally:
        os.close(fd)


def _remove_page(folder: Path, relative: str, sha256: str) -> bool:
    """Delete the page ``relative`` under ``folder`` if it is one the site wrote: a plain relative
    place, reached without following a link, a regular file whose whole bytes have the digest
    ``sha256``. Whether it was deleted (a page already gone, or anything else there, is left as
    it is)."""
    if not _PLACE.fullmatch(relative):
        return False
    *parents, name = relative.split("/")
    try:
        fd = _open_folder(folder, parents)
    except OSError:
        return False
    try:
        if _digest_open(fd, name, single=False) != sha256:
            return False
        os.unlink(name, dir_fd=fd)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
