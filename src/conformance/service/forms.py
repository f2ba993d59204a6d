"""Form bodies, read within a bound: application/x-www-form-urlencoded (a manifest is written or
pasted in a text area), at most 256 KiB; and an upload's multipart/form-data (one file, a few
fields), read by Starlette's parser (python-multipart) from a stream cut off past the service's
upload bound, the file spooled to a temporary file, never held whole in memory."""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Mapping
from urllib.parse import parse_qs

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

#: the largest form body (a manifest is far smaller: the harness's manifests are a few KiB)
MAX_FORM_BYTES = 256 * 1024
#: control characters no field a person types holds (NUL, escape, C1...): tab and line ends are
#: text (a manifest, a reason); the others would be stored, shown to others and logged as given
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_controls(fields: Mapping[str, str]) -> None:
    """400 when a field holds a control character (other than tab, CR, LF)."""
    for name, value in fields.items():
        if CONTROL.search(value) or CONTROL.search(name):
            raise HTTPException(400, f"the form's field {name[:40]!r} holds a control character: "
                                     f"type it again without one")


async def read_form(request: Request) -> dict[str, str]:
    """The form's fields (a field given twice: its first value); 413 past the bound, 415 for
    another content type."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "forms are application/x-www-form-urlencoded")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, f"a form is at most {MAX_FORM_BYTES} bytes")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the form is not UTF-8 url-encoded fields") from None
    found = {name: values[0] for name, values in fields.items()}
    refuse_controls(found)
    return found


async def read_upload(request: Request, max_bytes: int) -> tuple[dict[str, str], UploadFile | None]:
    """An upload form's text fields and its one file (None: no file); 413 when the body passes
    ``max_bytes`` (and a form's bound for its fields), whatever its Content-Length claimed; 415
    for another content type; 400 for a body that is not multipart or has more than one file."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise HTTPException(415, "an upload is multipart/form-data")
    bound = max_bytes + MAX_FORM_BYTES
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > bound:
        raise HTTPException(413, f"a file is at most {max_bytes} bytes")

    async def capped() -> AsyncGenerator[bytes, None]:
        seen = 0
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > bound:
                raise HTTPException(413, f"a file is at most {max_bytes} bytes")
            yield chunk

    try:
        form = await MultiPartParser(request.headers, capped(), max_files=1, max_fields=10,
                                     max_part_size=MAX_FORM_BYTES).parse()
    except MultiPartException as bad:
        raise HTTPException(400, f"the upload is not a form of one file and a few fields: {bad.message}") from None
    fields = {name: value for name, value in form.multi_items() if isinstance(value, str)}
    files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
    try:
        refuse_controls(fields)
    except HTTPException:
        for file in files:
            await file.close()
        raise
    if files and (files[0].size or 0) > max_bytes:
        await files[0].close()
        raise HTTPException(413, f"a file is at most {max_bytes} bytes")
    return fields, files[0] if files else None
