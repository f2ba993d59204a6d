"""Form bodies, read within a bound: application/x-www-form-urlencoded only (the pages post
nothing else; a manifest is written or pasted in a text area), at most 256 KiB."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import Request

#: the largest form body (a manifest is far smaller: the harness's manifests are a few KiB)
MAX_FORM_BYTES = 256 * 1024


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
    return {name: values[0] for name, values in fields.items()}
