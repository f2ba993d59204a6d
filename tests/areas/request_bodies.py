"""The harness's own checks over a body it sends (issue 59, item 3): the checks that judge what a
product sends judge what the harness sends too. Used by each area's ``test_request_bodies.py``."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from conformance.area import SchemaRegistry
from conformance.areas._shared import gltf_reports, khronos
from conformance.areas._shared.outgoing import CREDENTIAL, CREDENTIAL_DRAFT, DID_DRAFT, GLTF, RequestBody
from conformance.areas.identity import didcore, vcmodel
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.scenes import feed, tasking
from conformance.areas.scenes.requestbodies import SAMPLE_DESCRIPTION, STA_OBSERVATION, STA_TASK, STA_UPDATE

#: the DID a registrar would give a create request's draft (DIF Universal Registrar: it fills
#: in the document's ``id`` and each method's ``controller``, the client holding only keys)
REGISTRAR_GIVES = "did:web:registrar.example:new"


def _at(document: Any, pointer: str) -> Any:
    for token in [t for t in pointer.split("/") if t]:
        document = document[token]
    return document


def _relayed(body: Any, request: RequestBody, contract: Contract) -> Any:
    """``body`` with the member it relays set to the contract's example of it (the other
    platform's document is judged as that platform's answer, not here)."""
    if request.relays is None:
        return body
    op = contract.operation(request.method, request.path)
    assert op is not None, f"{request.method} {request.path} is no operation of the contract"
    media = contract.document["paths"][op.path][op.method.lower()]["requestBody"]["content"]["application/json"]
    if "example" not in media:
        return body
    body = copy.deepcopy(body)
    parent, _, last = request.relays.rpartition("/")
    holder = _at(body, parent)
    if isinstance(holder, dict) and last in holder:  # a body without it is judged as it is
        holder[last] = copy.deepcopy(_at(media["example"], request.relays))
    return body


def _credential_findings(credential: Any, *, draft: bool) -> list[str]:
    found = vcmodel.document_findings(credential)
    if draft and isinstance(credential, dict) and "issuer" not in credential:
        # an issue request naming no issuer leaves it to the issuing service (the profile's
        # ``issuer`` parameter names one for a product that must be told)
        found = [f for f in found if f.extra.get("check") != "issuer-present"]
    if isinstance(credential, dict):
        found += list(vcmodel.undefined_term_findings(credential))
    return [f.summary() for f in found]


def _did_findings(documents: Any, schemas: SchemaRegistry) -> list[str]:
    found: list[str] = []
    for document in documents if isinstance(documents, list) else [documents]:
        if isinstance(document, dict) and "id" not in document:
            document = {"id": REGISTRAR_GIVES, **document, "verificationMethod": [
                {"controller": REGISTRAR_GIVES, **m} for m in document.get("verificationMethod") or []]}
        found += [f.summary() for f in didcore.data_model_findings(document, schemas)[0]]
    return found


def _gltf_findings(document: bytes, folder: Path) -> list[str]:
    """The Khronos glTF-Validator's errors and warnings, as the assets area reads them."""
    path = folder / "sent.gltf"
    path.write_bytes(document)
    report = khronos.validate([path])[path]
    return [f"{m.severity} {m.code} at {m.pointer}" for m in gltf_reports.messages(report)
            if m.severity in ("error", "warning")] + ([str(report["error"])] if "error" in report else [])


def _task_findings(body: Any) -> list[str]:
    capability = body.get("TaskingCapability")
    found = [] if isinstance(capability, dict) and "@iot.id" in capability else ["no TaskingCapability @iot.id"]
    return found + tasking.value_problems(SAMPLE_DESCRIPTION, body.get("taskingParameters"))


def _observation_findings(sample: tuple[Any, str]) -> list[str]:
    """An Observation sample, with the observationType of the Datastream it is made for."""
    body, observation_type = sample
    found = [f"{member}: not an ISO 8601 time" for member in ("phenomenonTime", "resultTime")
             if not feed.time_problem(body.get(member))[1]]
    wanted = feed.result_problem(observation_type, body.get("result"))
    return found + ([f"result: not a JSON {wanted}"] if wanted else [])


def _update_findings(body: Any) -> list[str]:
    return [] if isinstance(body, dict) and body and not any(k.startswith("@iot") for k in body) else [
        "an update is an object of the members that change, no @iot.* member"]


SENSORTHINGS = {STA_TASK: _task_findings, STA_OBSERVATION: _observation_findings, STA_UPDATE: _update_findings}


def findings(request: RequestBody, body: Any, contract: Contract, schemas: SchemaRegistry) -> list[str]:
    """Every way ``body`` departs from what it must be: the contract's request schema, then
    what its kind says (a Verifiable Credential, a DID document, a glTF document)."""
    if request.kind == GLTF:
        with tempfile.TemporaryDirectory() as folder:
            return _gltf_findings(body, Path(folder))
    if request.kind in SENSORTHINGS:
        return SENSORTHINGS[request.kind](body)
    found = [f.summary() for f in contract.request_findings(request.method, request.path,
                                                             _relayed(body, request, contract))]
    if request.kind == CREDENTIAL_DRAFT:
        found += _credential_findings(body.get("credential"), draft=True)
    elif request.kind == CREDENTIAL:
        found += _credential_findings(body.get("verifiableCredential"), draft=False)
    elif request.kind == DID_DRAFT:
        found += _did_findings(body.get("didDocument"), schemas)
    return found


def cases(registry: dict[str, RequestBody]) -> list[tuple[str, int, Any]]:
    """(name, index, sample) of every sample of every body of an area's registry."""
    return [(name, index, sample) for name, request in registry.items()
            for index, sample in enumerate(request.samples())]
