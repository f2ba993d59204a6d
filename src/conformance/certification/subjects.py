"""What a run read, as in-toto subjects: each a resource descriptor with a name and a SHA-256.

Every adapter declares what it read during the run through ``subjects()`` (the
:class:`~conformance.adapters.Adapter` protocol): a list of descriptors, each

- ``name``: a file's path relative to the manifest's folder (absolute when outside it), or
  for a remote resource a name of the adapter's choice (the HTTP adapter's: ``GET <url>``);
- ``digest``: ``{"sha256": <64 hex digits>}`` of the bytes read (a file's, a response body's);
- ``uri`` (remote resources only): where it was read; the digest is of that resource's
  bytes as read. A subject without ``uri`` is a local file, which ``conformance verify``
  hashes again; one with ``uri`` is listed, never fetched. A digest over several remote
  answers (kind :data:`REMOTE_LIST`) names no one resource, so it has no ``uri``, and is
  listed like a remote one;
- ``annotations``: string values, at least ``kind`` (``file``, ``http``, or the adapter's
  own) and ``role`` (the manifest's target role).

A check that reads a file beyond what its adapter opened (a glTF's external buffers and
images, a content file a metadata document points to) records it with :func:`conformance._record.reads.record_read`;
each such file is a subject too (kind ``read``), so a file swapped after signing is caught.

The run adds its own inputs (manifest, certification plan, assessment records and their
evidence, declared JSON-LD contexts); the report lists the local files among them, and a
signed run's statement (:mod:`conformance.certification.attestation`) carries them all, exactly as declared.
No secret goes into a subject: names and URIs are written as evidence shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .._io.vendorfiles import hash_capped

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: the kind of a subject whose digest covers a list of remote answers (no ``uri``)
REMOTE_LIST = "http-answers"


def is_remote(subject: dict[str, Any]) -> bool:
    """Read over the network: listed with its recorded digest, never hashed again offline."""
    return "uri" in subject or subject.get("annotations", {}).get("kind") == REMOTE_LIST


def sha256_file(path: Path, root: Path | None = None) -> str:
    """The file's SHA-256, streamed, within :data:`~conformance._io.vendorfiles.MAX_HASH_BYTES`
    (and inside ``root``, if given); OSError (:class:`~conformance._io.vendorfiles.Refused`
    among them) when it cannot or will not be read."""
    return hash_capped(path, root=root)[0]


def subject_name(path: Path, base: Path) -> str:
    """A file's name in the statement: relative to the manifest's folder when inside it."""
    path = path.resolve()
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def file_subject(path: Path, base: Path, kind: str, **annotations: str) -> dict[str, Any]:
    """A local file read by the run (OSError when it cannot be read now)."""
    return subject_of(path, base, kind, sha256_file(path), **annotations)


def subject_of(path: Path, base: Path, kind: str, sha256: str, **annotations: str) -> dict[str, object]:
    """A local file read by the run, by the SHA-256 of the bytes it read."""
    return {"name": subject_name(path, base), "digest": {"sha256": sha256},
            "annotations": {"kind": kind, **annotations}}


def subject_problem(subject: object) -> str | None:
    """Why ``subject`` is not a descriptor as the contract above says, or None."""
    if not isinstance(subject, dict):
        return f"not a mapping: {subject!r:.80}"
    if not isinstance(subject.get("name"), str) or not subject["name"]:
        return "no name"
    digest = subject.get("digest")
    if not isinstance(digest, dict) or not isinstance(digest.get("sha256"), str) or not _SHA256.match(
            digest["sha256"]):
        return f"{subject['name']}: no digest {{'sha256': 64 lower-case hex digits}}"
    if "uri" in subject and not isinstance(subject["uri"], str):
        return f"{subject['name']}: uri is not a string"
    annotations = subject.get("annotations")
    if not isinstance(annotations, dict) or not all(isinstance(v, str) for v in annotations.values()):
        return f"{subject['name']}: annotations are not a mapping of strings"
    if not annotations.get("kind") or not annotations.get("role"):
        return f"{subject['name']}: annotations name no kind or no role"
    return None


#: What the report's ``inputs`` keep of a local subject's annotations (schemas/report/report.json).
REPORT_INPUT_KEYS = ("kind", "role", "requirement", "url")


def report_inputs(subjects: Iterable[dict[str, Any]]) -> list[dict[str, object]]:
    """The report's ``inputs``: name, SHA-256 and what each local file was (remote subjects
    are the attestation's only)."""
    return [{"name": s["name"], "sha256": s["digest"]["sha256"],
             **{k: v for k, v in s["annotations"].items() if k in REPORT_INPUT_KEYS}}
            for s in subjects if not is_remote(s)]
