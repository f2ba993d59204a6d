"""Whether a run's measurements can certify: the data files it read that declare instruments,
against the laboratory records of the manifest's ``laboratory_records`` target
(:mod:`conformance.certification.labrecords`). The captures are judged either way: a vendor's
self-test needs no laboratory; the report says whether a programme may certify on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .._catalog.catalog import Catalog
from .._io.vendorfiles import MAX_HASH_BYTES, Refused, hash_open, open_regular
from ..messages import Message, msg

if TYPE_CHECKING:
    from ..certification.labrecords import Capture


def declared_capture(path: Path, name: str, *, root: Path | None = None) -> Capture | None:
    """The file at ``path`` (``name`` in the report) with the instruments an area says it declares, read
    from one open regular file (inside ``root``) that is then hashed whole from its start: the
    declarations and the SHA-256 a laboratory record is compared with are of the same bytes, whatever
    replaces the path meanwhile. None when no area reads it; OSError (:class:`Refused` among them) when
    it cannot or will not be read."""
    from .._areas import instruments
    from ..certification import labrecords

    with open_regular(path, root=root, max_bytes=MAX_HASH_BYTES, name=name) as handle:
        declared = instruments(path, handle)
        if declared is None:
            return None
        handle.seek(0)
        sha256, _ = hash_open(handle, name)
    return labrecords.capture(name, sha256, declared)


def assess(catalog: Catalog, requirements: Iterable[str], subjects: Iterable[Mapping[str, object]],
           base: Path) -> tuple[dict[str, object] | None, Message | None]:
    """The report's ``laboratory`` member and the one note naming what cannot be certified and why
    (None, None: the run judged no measured requirement). ``subjects``: every file the run read,
    named relative to ``base``, the manifest's folder."""
    from ..certification import labrecords

    # measures: instrument, looked up for the run's own requirements only (a lazy catalog parses no other area)
    measured = sorted(r for r in set(requirements) if catalog.requirement(r).measures == "instrument")
    if not measured:
        return None, None
    records: list[labrecords.LabRecord] = []
    captures: list[labrecords.Capture] = []
    unread: list[tuple[str, str]] = []
    for subject in subjects:
        local = labrecords.local_file(subject)
        if local is None:
            continue
        name, sha256, role = local
        if role == labrecords.RECORDS_ROLE:
            records.append(labrecords.read(base / name, catalog))
            continue
        try:
            # a file named relative to the manifest's folder was read inside it, and is read there again
            found = declared_capture(base / name, name, root=None if Path(name).is_absolute() else base)
        except OSError as exc:  # gone, or swapped for a link out, a FIFO, a device since the run read it
            unread.append((name, "cannot be read again for the instruments it declares: "
                                 f"{exc.problem if isinstance(exc, Refused) else exc.strerror or exc}"))
            continue
        if found is not None and found.sha256 != sha256:
            unread.append((name, f"changed after the run read it (SHA-256 {sha256[:12]}… then, "
                                 f"{found.sha256[:12]}… now), so its instruments are not the run's"))
        elif found is not None and found.instruments:
            captures.append(found)
    assessment = labrecords.assess(records, captures, measured)
    assessment.problems += unread
    line = assessment.line()
    if not line:
        return assessment.member(), None
    shown = ", ".join(measured) if len(measured) <= 3 else f"{measured[0]} … {measured[-1]}, {len(measured)}"
    return assessment.member(), msg("engine.lab-cannot-certify", requirements=shown, problems=line)
