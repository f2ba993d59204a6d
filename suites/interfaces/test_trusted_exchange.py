"""Trusted data exchange (可信数据交换, SH-DT 3.1.5) of data other than credentials: a user's
data export (profile data-portability) is signed by the platform that gives it, with the key its
discovery document publishes (user_data.signature_key), and the other platform of the pair
refuses an import of the package altered after it was signed, even with its digest recomputed
(IF-UDP-002's sha-256-jcs seal is keyless: whoever alters a package can recompute it).

The subject and its export are the user-data checks' (conformance.areas.interfaces.userplatform);
the import is sent as another identity of the importing platform, as IF-UDP-005 sends it."""

from __future__ import annotations

import pytest

from conformance import Evidence, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Session
from conformance.areas.interfaces import signedexport, userdata
from conformance.areas.interfaces.requestbodies import user_import_request
from conformance.areas.interfaces.userplatform import as_user, judged_export, platform

ROLES = ("api", "api_b")


@pytest.mark.requirement("IF-TDX-001")
def test_a_users_export_is_signed_and_an_altered_one_is_refused_at_import(
        targets: Targets, params: Parameters, schemas: SchemaRegistry, evidence: Evidence) -> None:
    for source, target in ((ROLES[0], ROLES[1]), (ROLES[1], ROLES[0])):
        place = platform(targets, source, params.identity_path, evidence)
        package = judged_export(place, source, evidence)  # an export not served is IF-UDP-001's
        if package is None:
            continue
        where = f"user data export at {source}"
        key = place.declared.get("signature_key")
        problem = signedexport.signature_problem(package, key)  # R1
        if problem is not None:
            evidence.finding(problem, file=where, pointer="/integrity/signature", rule="R1",
                             expected=msg("interfaces.tdx-expect-signed"))
            # R2 presents a signed package altered: without a signature there is none to alter
            evidence.unjudged(f"import at {target}", msg("interfaces.tdx-import-unjudged", platform=source))
            continue
        evidence.note(msg("interfaces.tdx-signed", platform=source))
        there = userdata.declaration(targets[target], ("import",))
        importer = next(i for i in Session({"api": targets[target]}, params.identity_path, count=2).ids
                        if i.did != place.subject.identity.did)
        answer = targets[target].request("POST", there["import"],
                                         json=user_import_request(signedexport.tampered(package)),
                                         headers=as_user(importer), auth=None)
        # R2: refused as a package, not as a request (401/403 would refuse the importer, not the package)
        if not 400 <= answer.status < 500 or answer.status in (401, 403):
            evidence.finding(msg("interfaces.tdx-altered-imported", platform=target, status=answer.status),
                             file=answer.requested, rule="R2", expected=msg("interfaces.tdx-expect-refused"),
                             actual=answer.status)
        else:
            check_problem(answer, schemas, evidence, rule="R2")  # R2 states the 4xx problem refusal
            evidence.note(msg("interfaces.tdx-altered-refused", platform=target, status=answer.status))
