"""``conformance witness key | add-checkpoint | serve``: run a witness (:mod:`.witness`).

- ``key``: the witness's cosignature verifier key, for relying parties' policies and for the
  programmes that send it their checkpoints;
- ``add-checkpoint STATE REQUEST``: one add-checkpoint request from a file (``-``: stdin),
  its cosignature line printed (exit 0), or ``refused (<status>): <why>`` (exit 1);
- ``serve STATE``: the tlog-witness HTTP endpoint, ``POST /add-checkpoint``, on a loopback
  address by default; each request is bounded (its length declared and capped, a read
  timeout), answered 200 with the cosignature line, or with the spec's status and one line
  (409 with the size the witness holds, as ``text/x.tlog.size``).

The arguments are parsed in :mod:`.parsers`. The witness's key is a PEM Ed25519 private key
(``conformance keys generate``); ``--log`` names each log it witnesses by the log's verifier
key, whose name is the log's origin.
"""

from __future__ import annotations

import argparse
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ..errors import ExitCode, HarnessInputError
from . import note
from .witness import MAX_REQUEST_BYTES, Refused, Witness

READ_TIMEOUT_SECONDS = 10


def _witness(args: argparse.Namespace) -> Witness:
    from ..certification.attestation import load_private_key

    key = load_private_key(args.key, "--key")
    logs: dict[str, list[note.NoteKey]] = {}
    for text in getattr(args, "log", None) or []:
        try:
            log_key = note.parse_vkey(text)
        except note.NoteProblem as exc:
            raise HarnessInputError(f"--log {text[:80]}", str(exc), "give the log's verifier key "
                                    "(origin+keyid+base64)") from None
        logs.setdefault(log_key.name, []).append(log_key)
    try:
        note.note_key(args.name, key.public_key())
    except note.NoteProblem as exc:
        raise HarnessInputError(f"--name {args.name!r}", str(exc), "name the witness without spaces or '+'") from None
    return Witness(getattr(args, "state", None) or args.key.parent, args.name, key, logs)


def cmd_witness(args: argparse.Namespace, console: Any) -> int:
    witness = _witness(args)
    if args.witness_command == "key":
        console.out(witness.verifier().vkey(), highlight=False)
        return ExitCode.OK
    if args.witness_command == "serve":
        return _serve(witness, args.host, args.port, console)
    body = _request(args.request)
    try:
        signature = witness.add_checkpoint(body, int(time.time()))
    except Refused as exc:
        console.out(f"refused ({exc.status}): {exc}", highlight=False)
        return ExitCode.REJECTED
    sys.stdout.write(signature.line())
    return ExitCode.OK


def _request(where: str) -> bytes:
    from pathlib import Path

    from .._io.vendorfiles import read_capped

    if where == "-":
        return sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1)
    try:
        return read_capped(Path(where), MAX_REQUEST_BYTES)
    except OSError as exc:
        raise HarnessInputError(where, f"cannot be read: {getattr(exc, 'problem', None) or exc.strerror or exc}",
                                "give the add-checkpoint request's file") from None


def handler_for(witness: Witness) -> type[BaseHTTPRequestHandler]:
    """The HTTP handler of one witness: POST /add-checkpoint, nothing else."""

    class AddCheckpoint(BaseHTTPRequestHandler):
        timeout = READ_TIMEOUT_SECONDS

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            if self.path != "/add-checkpoint":
                return self._answer(404, b"no such endpoint\n")
            length = self.headers.get("Content-Length", "")
            if not length.isdigit() or int(length) > MAX_REQUEST_BYTES:
                return self._answer(400 if not length.isdigit() else 413, b"a Content-Length within the cap\n")
            try:
                body = self.rfile.read(int(length))
                signature = witness.add_checkpoint(body, int(time.time()))
            except Refused as exc:
                if exc.status == 409 and exc.size is not None:
                    return self._answer(409, f"{exc.size}\n".encode(), "text/x.tlog.size")
                return self._answer(exc.status, f"{exc}\n".encode())
            except (OSError, HarnessInputError):  # its own state: the operator's to look at, never a cosignature
                return self._answer(500, b"the witness could not read the request or keep its state\n")
            return self._answer(200, signature.line().encode())

        def _answer(self, status: int, body: bytes, kind: str = "text/plain; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
            pass  # one line per request is the operator's choice; nothing on stderr by default

    return AddCheckpoint


def server(witness: Witness, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), handler_for(witness))


def _serve(witness: Witness, host: str, port: int, console: Any) -> int:
    try:
        httpd = server(witness, host, port)
    except OSError as exc:
        raise HarnessInputError(f"--host {host} --port {port}", f"cannot listen: {exc.strerror or exc}",
                                "choose a free port") from None
    console.out(f"witness {witness.name} at http://{host}:{httpd.server_address[1]}/add-checkpoint "
                f"({witness.verifier().vkey()})", highlight=False)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return ExitCode.OK
