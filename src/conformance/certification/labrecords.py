"""Laboratory records: a test laboratory's signed statement of the measurements it made.

A measured requirement (one whose verdict rests on an instrument's readings: a force sensor
at an end effector, an accelerometer on an actuator, a reference motion capture) is judged on
a data file an instrument recorded; each is called a capture here, whatever its area calls it.
The capture says which instruments made it (each declaration's ``serial`` and ``uncertainty``,
read by the area that reads the file: ``conformance_instruments``); the laboratory record (``schemas/certification/laboratory-record.json``)
says who made it: the laboratory and its ISO/IEC 17025 accreditation, each apparatus with its
calibration certificate, the test environment, the operator and date, the requirements
measured and the SHA-256 of each capture it covers. It is signed by the laboratory's Ed25519
key with a W3C Data Integrity proof (``eddsa-jcs-2022``, :mod:`conformance.codecs.dataintegrity`),
the form the programme's certificates and trust lists use, so the record stays readable JSON
and the laboratory is named by the same did:key a trust list lists it under.

A run checks each capture judged by a measured requirement against the records
(:func:`assess`): a record whose digest names the capture, whose proof verifies, whose
apparatus holds each serial the capture's instruments declare, whose certificates were valid
on the record's date, and whose stated uncertainty is the one the capture declares. Whatever
does not hold is a line of ``problems``: in a vendor's self-test the capture is still judged,
and the run says it cannot certify. Whether the laboratory is trusted, for which requirements,
is the programme's question (:mod:`conformance.programme.labtrust`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import orjson

from .._catalog.catalog import Catalog, load_yaml
from .._catalog.schemas import BASE_URI
from .._io import strictjson
from .._io.inputs import MAX_INPUT_BYTES, check_numbers
from .._io.vendorfiles import read_input
from ..errors import HarnessInputError
from .subjects import sha256_file

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

#: a record, or a part of one, as parsed and checked against its schema (the schema fixes its shape)
Doc: TypeAlias = "dict[str, Any]"

RECORD_SCHEMA: Final = BASE_URI + "certification/laboratory-record.json"
RECORD_TYPE: Final = "ConformanceLaboratoryRecord"
#: the manifest's target role whose files are the laboratory records (a file target)
RECORDS_ROLE: Final = "laboratory_records"


@dataclass(frozen=True)
class Instrument:
    """One instrument a capture declares: where (a JSON pointer into its stream's declaration),
    its model, and the optional ``serial`` and ``uncertainty`` (interface 1 of issue 70)."""

    #: the declaring stream's id and the JSON pointer within its declaration, e.g. ``force/force_sensor/instrument``
    place: str
    model: str
    serial: str | None = None
    uncertainty: Doc | None = None


@dataclass(frozen=True)
class Capture:
    """A file a measured requirement judged: its name as the report says it, its SHA-256, and
    the instruments it declares."""

    name: str
    sha256: str
    instruments: tuple[Instrument, ...] = ()


@dataclass(frozen=True)
class LabRecord:
    path: Path
    document: Doc
    sha256: str
    #: the laboratory's did:key whose proof verifies (None: unsigned or not verified)
    signer: str | None
    #: why the record is not signed by its laboratory (None: the proof verifies)
    problem: str | None = None

    @property
    def digests(self) -> set[str]:
        return {c["sha256"] for c in self.document["captures"]}

    def apparatus(self, serial: str) -> Doc | None:
        return next((a for a in self.document["apparatus"] if a["serial"] == serial), None)

    def summary(self) -> Doc:
        """The report's entry for the record: the whole signed document, so a programme can verify
        it again from the (signed) report alone."""
        return {"file": self.path.name, "sha256": self.sha256, "signed_by": self.signer, "problem": self.problem,
                "record": self.document}


@dataclass
class Assessment:
    """What the records say of a run's measured captures."""

    records: list[LabRecord] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)
    #: (capture name, why it cannot be certified), one per capture and reason
    problems: list[tuple[str, str]] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)

    def member(self) -> Doc:
        """The report's ``laboratory`` member."""
        return {
            "requirements": self.requirements,
            "records": [r.summary() for r in self.records],
            "captures": [{"name": c.name, "sha256": c.sha256,
                          "records": [r.path.name for r in self.records if c.sha256 in r.digests]}
                         for c in self.captures],
            "problems": [{"capture": name, "problem": why} for name, why in self.problems],
            "certifiable": not self.problems,
        }

    def line(self) -> str | None:
        """One line for the console and the report's notes when the run cannot certify."""
        if not self.problems:
            return None
        # the first capture's reason, named by its file name: a self-test's console stays short
        # whatever the count and wherever the captures lie (the report's member has every path)
        name, why = self.problems[0]
        if len(self.problems) == 1:
            return f"{name}: {why}"
        return (f"{PurePath(name).name} and {len(self.problems) - 1} more captures: {why} "
                "(the report's laboratory member lists each)")


def capture(name: str, sha256: str, declared: Iterable[Mapping[str, object]]) -> Capture:
    """A capture and the instruments an area says it declares (``conformance_instruments``)."""
    def text(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    return Capture(name, sha256, tuple(
        Instrument(f"{item.get('stream')}{item.get('pointer')}", str(item.get("model")), text(item.get("serial")),
                   item["uncertainty"] if isinstance(item.get("uncertainty"), dict) else None)  # type: ignore[arg-type]
        for item in declared))


def local_file(subject: Mapping[str, object]) -> tuple[str, str, str] | None:
    """(name, SHA-256, role) of a run's subject that is a local file; None for a remote one."""
    annotations, digest = subject.get("annotations"), subject.get("digest")
    if "uri" in subject or not isinstance(annotations, dict) or not isinstance(digest, dict):
        return None
    if annotations.get("kind") not in ("file", "read"):
        return None
    return str(subject.get("name")), str(digest.get("sha256")), str(annotations.get("role"))


# -- reading and signing ----------------------------------------------------------------------------


def _dates_as_text(raw: object) -> object:
    """YAML reads 2026-11-20 as a date; the record keeps dates as RFC 3339 full-date text."""
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, dict):
        return {k: _dates_as_text(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_dates_as_text(v) for v in raw]
    return raw


def _check_dates(where: str, raw: Doc) -> None:
    """What the schema cannot say: the record is not dated in the future, each certificate was
    issued before it ends and states at most one uncertainty in each unit, and no serial is listed twice."""
    if date.fromisoformat(raw["date"]) > datetime.now(UTC).date():
        raise HarnessInputError(f"{where} at $.date", f"{raw['date']} is in the future", "date the record when made")
    for index, item in enumerate(raw["apparatus"]):
        cal = item["calibration"]
        if date.fromisoformat(cal["valid_until"]) < date.fromisoformat(cal["date"]):
            raise HarnessInputError(f"{where} at $.apparatus[{index}].calibration.valid_until",
                                    f"{cal['valid_until']} is before the certificate's date {cal['date']}",
                                    "copy the dates from the calibration certificate")
        stated = cal.get("uncertainty")
        units = [u["unit"] for u in stated] if isinstance(stated, list) else []
        if len(set(units)) != len(units):
            raise HarnessInputError(f"{where} at $.apparatus[{index}].calibration.uncertainty",
                                    "states two uncertainties in one unit", "state one uncertainty for each unit")
    serials = [a["serial"] for a in raw["apparatus"]]
    if len(set(serials)) != len(serials):
        raise HarnessInputError(f"{where} at $.apparatus", "a serial is listed twice", "list each instrument once")


def _schema_checked(raw: object, catalog: Catalog, where: str) -> Doc:
    check_numbers(raw, where)
    catalog.schemas.require_valid(raw, RECORD_SCHEMA, where, "see `conformance show " + RECORD_SCHEMA + "`")
    assert isinstance(raw, dict)  # the schema's top level is an object
    _check_dates(where, raw)
    return raw


def sign(record_path: Path, key: Ed25519PrivateKey, out: Path, catalog: Catalog, now: datetime | None = None) -> str:
    """Write ``out``: the record at ``record_path`` (YAML or JSON) as JSON, its ``issuer`` the
    laboratory key's did:key, with an ``eddsa-jcs-2022`` proof by ``key``; returns the did:key."""
    from .._io.outputs import atomic_write
    from ..codecs import dataintegrity

    raw = _dates_as_text(load_yaml(record_path))
    if isinstance(raw, dict):
        raw.pop("proof", None)
        raw["issuer"] = dataintegrity.issuer_did(key.public_key())
    raw = _schema_checked(raw, catalog, str(record_path))
    moment = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    signed = dataintegrity.add_proof(raw, key, moment)
    atomic_write(out, orjson.dumps(signed, option=orjson.OPT_INDENT_2) + b"\n")
    return str(raw["issuer"])


def read(path: Path, catalog: Catalog) -> LabRecord:
    """The record at ``path``, schema-checked (bad input, one line, when it is not a record) and
    its proof judged: ``signer`` the laboratory's did:key when it verifies, else ``problem``."""
    from ..codecs import dataintegrity

    data = read_input(path, MAX_INPUT_BYTES, "name the laboratory record (conformance lab sign)")
    try:
        raw = strictjson.loads(data)
    except strictjson.NotStrictJSON as exc:
        raise HarnessInputError(str(path), f"is not strict JSON: {exc.text() if exc.path else exc.problem}",
                                "give the JSON record `conformance lab sign` wrote") from None
    document = _schema_checked(raw, catalog, str(path))
    digest = sha256_file(path)
    if "proof" not in document:
        return LabRecord(path, document, digest, None, "unsigned (no proof by the laboratory's key)")
    try:
        signer = dataintegrity.check_proof(document)
    except ValueError as exc:
        return LabRecord(path, document, digest, None, str(exc))
    return LabRecord(path, document, digest, signer)


# -- what the records say of the captures -----------------------------------------------------------


def _same_uncertainty(declared: Doc, stated: Doc) -> bool:
    numbers = all(isinstance(x.get(k), int | float) and not isinstance(x.get(k), bool)
                  for x in (declared, stated) for k in ("value", "k"))
    return numbers and declared.get("unit") == stated.get("unit") \
        and math.isclose(float(declared["value"]), float(stated["value"]), rel_tol=1e-9) \
        and math.isclose(float(declared["k"]), float(stated["k"]), rel_tol=1e-9)


def _shown(uncertainty: Doc | None) -> str:
    if not uncertainty:
        return "none"
    return f"U = {uncertainty.get('value')} {uncertainty.get('unit')} (k = {uncertainty.get('k')})"


def instrument_problems(instrument: Instrument, record: LabRecord) -> list[str]:
    """Why ``record`` does not vouch for ``instrument``: no serial, a serial not among its apparatus
    (a calibration naming another instrument), a certificate not valid on the record's date, an
    uncertainty other than the certificate's."""
    where = f"the instrument at {instrument.place} ({instrument.model})"
    if not instrument.serial:
        return [f"{where} declares no serial, so no calibration certificate is named for it"]
    apparatus = record.apparatus(instrument.serial)
    if apparatus is None:
        held = ", ".join(a["serial"] for a in record.document["apparatus"])
        return [f"{where} is serial {instrument.serial}; {record.path.name}'s calibrations are for "
                f"{held}, other instruments"]
    cal, made = apparatus["calibration"], record.document["date"]
    found = []
    if not cal["date"] <= made <= cal["valid_until"]:
        found.append(f"calibration certificate {cal['number']} of serial {instrument.serial} is valid "
                     f"{cal['date']} to {cal['valid_until']}, not on the record's date {made}")
    certified = cal.get("uncertainty")
    stated = _stated(certified, instrument.uncertainty)
    if instrument.uncertainty is not None and (stated is None or not _same_uncertainty(instrument.uncertainty, stated)):
        listed = [certified] if isinstance(certified, dict) else certified or []
        shown = "; ".join(_shown(u) for u in listed) if listed else cal.get("accuracy_class", "none")
        found.append(f"{where} declares {_shown(instrument.uncertainty)}, its certificate {cal['number']} "
                     f"states {shown}")
    return found


def _stated(certified: Doc | list[Doc] | None, declared: Doc | None) -> Doc | None:
    """The certificate's uncertainty to compare with the one declared: its only one, or, when it
    states one per unit of reading, the one in the declared uncertainty's unit (None: no such unit)."""
    if not isinstance(certified, list):
        return certified
    unit = declared.get("unit") if declared else None
    return next((u for u in certified if u.get("unit") == unit), None)


def assess(records: Sequence[LabRecord], captures: Iterable[Capture], requirements: Iterable[str]) -> Assessment:
    """Each capture against the records that name its SHA-256 (see the module's docstring)."""
    result = Assessment(records=list(records), captures=list(captures), requirements=sorted(set(requirements)))
    for capture in result.captures:
        covering = [r for r in records if capture.sha256 in r.digests]
        if not covering:
            result.problems.append((capture.name, "no laboratory record names its SHA-256"))
            continue
        for record in covering:
            if record.problem:
                result.problems.append((capture.name, f"{record.path.name} is {record.problem}"
                                        if record.problem.startswith("unsigned") else
                                        f"{record.path.name}: {record.problem}"))
                continue
            for instrument in capture.instruments:
                # an instrument declared once per unit of reading has one serial: its problems are named once
                result.problems += [(capture.name, why) for why in instrument_problems(instrument, record)
                                    if (capture.name, why) not in result.problems]
            if not capture.instruments:
                result.problems.append((capture.name, "it declares no instrument, so no record can vouch for "
                                        "what measured it"))
    signed = [r for r in records if r.signer is not None]
    for requirement in result.requirements:
        if not any(requirement in r.document["requirements"] for r in signed):
            result.problems.append((requirement, "no signed laboratory record names it among the requirements "
                                    "measured"))
    return result
