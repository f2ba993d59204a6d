"""Whether a run folder is one of the programme's own runs: the check recording, recovery
and ``certify`` make before believing anything a run folder says.

The run folder is shared (a Dask deployment's workers write their reports into it in place),
so whoever can write it can copy a run, edit ``job.json`` or ``report.json``, and delete the
attestation. What a folder says is therefore believed only when

- it is where the programme puts that run: ``OUT/<participant>/<run-id>/`` of a participant
  the programme file names (``OUT/_pairs/<a>__<b>/<run-id>/`` for an interop pair);
- its attestation (``attestation.dsse.json``) holds for a programme key (the signing key or
  a retired one): the envelope, the signature, the statement, the digests of ``report.json``
  and every view (the event log the history reads among them), ``report.json`` against the
  signed predicate (:func:`conformance.certification.verify.attestation`, report only: the
  inputs are the participant's own files, which may change after its run);
- the product the signed report judged is the one the participant registered (its manifest
  named in the programme file).

A whole run of a programme that signs must carry its attestation; a run the harness did not
sign (it was interrupted: nothing to bind its report to) is never whole, so never certified.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._catalog.catalog import load_yaml
from .._io import strictjson
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..certification.attestation import ENVELOPE_NAME, REPORT_NAME, load_private_key, load_public_key
from ..errors import HarnessInputError, Rejected
from .spec import Programme

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from ..certification.verify import Verified

PAIRS = "_pairs"  # participant IDs start with a letter or digit: no clash
#: the product fields a certificate names, compared between the signed report and the registration
PRODUCT_FIELDS = ("name", "version", "vendor")


class Untrusted(Exception):
    """The run folder is not believed; the message says why, in one line."""


@dataclass
class Trusted:
    """A run folder that passed: its signed report (None when there is no report, or the
    programme does not sign), and the report as read."""

    verified: Verified | None
    report: dict[str, Any] | None


def programme_keys(programme: Programme) -> list[Ed25519PublicKey]:
    """The keys a run of the programme may be signed with: its signing key and its retired keys."""
    if programme.signing_key is None:
        return []
    return [load_private_key(programme.signing_key, "signing_key").public_key(),
            *(load_public_key(p) for p in programme.retired_keys)]


def run_folder(out: Path, kind: str, participant: str, partner: str | None, run_id: str) -> Path:
    """Where the programme puts this run."""
    if kind == "pair":
        return out / PAIRS / f"{participant}__{partner}" / run_id
    return out / participant / run_id


def registered_product(programme: Programme, participant: str) -> dict[str, object]:
    """The product the participant registered: its manifest's, as the programme file names it."""
    manifest = programme.participant(participant).manifest
    try:
        product = load_yaml(manifest).get("product")
    except (HarnessInputError, AttributeError) as exc:
        raise Untrusted(f"its participant's manifest {manifest} cannot be read ({exc})") from None
    if not isinstance(product, dict):
        raise Untrusted(f"its participant's manifest {manifest} names no product")
    return {k: product.get(k) for k in PRODUCT_FIELDS}


def check_run(programme: Programme, report_dir: Path, kind: str, participant: str, partner: str | None,
              run_id: str, out: Path | None = None, keys: list[Ed25519PublicKey] | None = None) -> Trusted:
    """Believe the run folder, or raise :class:`Untrusted` with the reason. ``out``: the
    programme's run folder, when known (else the folder's own place is checked by its names);
    ``keys``: the programme's keys (default :func:`programme_keys`)."""
    names = [participant, *([partner] if kind == "pair" else [])]
    named: list[str] = []
    for name in names:
        if not isinstance(name, str) or name not in {p.id for p in programme.participants}:
            raise Untrusted(f"it names participant {name!r}, which the programme file does not list")
        named.append(name)
    root = out if out is not None else report_dir.parent.parent.parent if kind == "pair" else report_dir.parent.parent
    expected = run_folder(root, kind, participant, partner, run_id)
    if report_dir.absolute() != expected.absolute() and report_dir.resolve() != expected.resolve():
        raise Untrusted(f"its folder {report_dir} is not the folder of {' and '.join(named)}'s run {run_id} "
                        f"({expected})")
    report_json = report_dir / REPORT_NAME
    if not report_json.is_file():
        return Trusted(None, None)  # no report: nothing it says is believed (crashed, interrupted)
    keys = programme_keys(programme) if keys is None else keys
    verified = None
    if keys:
        from ..certification.verify import attestation

        try:
            verified = attestation(report_dir, keys, report_only=True)
        except Rejected as exc:
            raise Untrusted(f"its attestation does not hold: {exc}") from None
        except HarnessInputError:
            if (report_dir / ENVELOPE_NAME).exists() or _whole(report_json):
                raise Untrusted(f"a whole run without its attestation ({ENVELOPE_NAME}): the programme signs "
                                "every whole run") from None
            return Trusted(None, None)  # interrupted: the harness signs no such run, and it is not whole
        report = verified.report
    else:
        try:
            report = strictjson.loads(read_capped(report_json, MAX_DOCUMENT_BYTES),
                                      max_integer=strictjson.MAX_REPORT_INTEGER)
        except (OSError, strictjson.NotStrictJSON) as exc:
            raise Untrusted(f"its {REPORT_NAME} cannot be read ({exc})") from None
    if kind == "participant":
        try:
            judged = {k: report["manifest"]["product"].get(k) for k in PRODUCT_FIELDS}
        except (KeyError, TypeError, AttributeError):
            raise Untrusted(f"its {REPORT_NAME} names no product") from None
        registered = registered_product(programme, participant)
        if judged != registered:
            raise Untrusted(f"its report judged the product {_product(judged)}, not {participant}'s "
                            f"{_product(registered)}")
    return Trusted(verified, report)


def _whole(report_json: Path) -> bool:
    try:
        report = strictjson.loads(read_capped(report_json, MAX_DOCUMENT_BYTES),
                                  max_integer=strictjson.MAX_REPORT_INTEGER)
        return report.get("complete") is not False
    except (OSError, strictjson.NotStrictJSON, AttributeError):
        return True  # unreadable: believe nothing of it


def _product(product: dict[str, object]) -> str:
    return " ".join(str(product[k]) for k in PRODUCT_FIELDS if product.get(k)) or "(none)"
