"""Whether a run's measurements can certify: the data files it read that declare instruments,
against the laboratory records of the manifest's ``laboratory_records`` target
(:mod:`conformance.certification.labrecords`). The captures are judged either way: a vendor's
self-test needs no laboratory; the report says whether a programme may certify on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .._catalog.catalog import Catalog
from ..messages import Message, msg


def assess(catalog: Catalog, requirements: Iterable[str], subjects: Iterable[Mapping[str, object]],
           base: Path) -> tuple[dict[str, object] | None, Message | None]:
    """The report's ``laboratory`` member and the one note naming what cannot be certified and why
    (None, None: the run judged no measured requirement). ``subjects``: every file the run read,
    named relative to ``base``, the manifest's folder."""
    from .._areas import instruments
    from ..certification import labrecords

    # measures: instrument, looked up for the run's own requirements only (a lazy catalog parses no other area)
    measured = sorted(r for r in set(requirements) if catalog.requirement(r).measures == "instrument")
    if not measured:
        return None, None
    records: list[labrecords.LabRecord] = []
    captures: list[labrecords.Capture] = []
    for subject in subjects:
        local = labrecords.local_file(subject)
        if local is None:
            continue
        name, sha256, role = local
        if role == labrecords.RECORDS_ROLE:
            records.append(labrecords.read(base / name, catalog))
        elif declared := instruments(base / name):
            captures.append(labrecords.capture(name, sha256, declared))
    assessment = labrecords.assess(records, captures, measured)
    line = assessment.line()
    if not line:
        return assessment.member(), None
    shown = ", ".join(measured) if len(measured) <= 3 else f"{measured[0]} … {measured[-1]}, {len(measured)}"
    return assessment.member(), msg("engine.lab-cannot-certify", requirements=shown, problems=line)
