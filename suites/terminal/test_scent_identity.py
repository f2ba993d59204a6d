"""Olfactory simulation (气味模拟): which scent a device releases, identified by thermal desorption and gas
chromatography of the air its outlet releases into (ISO 16000-6:2021), against each declared scent's marker
compound and its reference retention time on the laboratory's column (TD-OLF-006)."""

from pydantic import ValidationError

from conformance import Catalog, Evidence, Inconclusive, Targets, msg
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.scent_identity import (
    MAX_OTHER_SHARE, RETENTION_WINDOW_S, Record, judge, share_uncertainty)

import pytest

ROLE = "scent_analyses"


def _judge(evidence: Evidence, judging: Judge, record: Record) -> None:
    name = judging.file
    apparatus = record.chromatograph
    u_rt = apparatus.retention_uncertainty_s / 2  # stated at k = 2
    judged, unmarked = judge(record)
    for index in unmarked:
        evidence.unjudged(name, msg("terminal.scent-identity-unmarked", file=name, k=index + 1,
                                    scent=repr(record.releases[index].scent)))
    for one in judged:
        release, marker = one.release, one.marker
        at = {"pointer": f"/releases/{one.index}", "t": release.t}
        subject = f"{release.scent}@{release.t}"
        texts = {"scent": repr(release.scent), "t": release.t, "compound": marker.compound}
        if one.offset_s is None or one.nearest is None:
            finding(evidence, msg("terminal.scent-identity-no-peaks", file=name, **texts),
                    file=name, **at, rule="R1", actual=0, expected="a peak of the marker compound")
            continue
        if judging("R1", msg("terminal.quantity-scent-retention-offset"), subject, one.offset_s, "s",
                   RETENTION_WINDOW_S, "max", u_b=u_rt, instrument=True, where=at) == "fail":
            finding(evidence, msg("terminal.scent-identity-missing", file=name, window=RETENTION_WINDOW_S,
                                  reference=marker.retention_time_s, nearest=one.nearest.retention_time_s,
                                  named=repr(one.nearest.compound or "-"), **texts),
                    file=name, **at, rule="R1", actual=round(one.nearest.retention_time_s, 2),
                    expected=f"{marker.retention_time_s:g} s +- {RETENTION_WINDOW_S:g} s")
        for other, share in one.shares.items():
            u = share_uncertainty(share, apparatus.area_uncertainty)
            if judging("R2", msg("terminal.quantity-scent-other-share"), f"{subject}/{other}", share, "1",
                       MAX_OTHER_SHARE, "max", u_b=u, instrument=True, where=at) == "fail":
                finding(evidence, msg("terminal.scent-identity-other", file=name, other=repr(other),
                                      other_compound=record.markers[other].compound, share=100 * share,
                                      limit=100 * MAX_OTHER_SHARE, **texts),
                        file=name, **at, rule="R2", actual=round(share, 3), expected=f"<= {MAX_OTHER_SHARE:g}")
    evidence.note(msg("terminal.scent-identity-measured", file=name, model=apparatus.model,
                      detector=apparatus.detector, column=apparatus.column, count=len(record.releases),
                      judged=len(judged)))
    judging.close()


@pytest.mark.requirement("TD-OLF-006")
def test_the_device_releases_the_compound_of_the_scent_commanded(targets: Targets, evidence: Evidence,
                                                                  catalog: Catalog):
    """R1: each commanded release's chromatogram shows a peak within RETENTION_WINDOW_S of the commanded scent's
    marker compound's reference retention time; R2: at every other declared scent's marker, at most
    MAX_OTHER_SHARE of the commanded marker's area. The laboratory's record (thermal desorption and gas
    chromatography, ISO 16000-6:2021) is the ground truth; without one the requirement is inconclusive."""
    if ROLE not in targets:
        raise Inconclusive(msg("terminal.scent-identity-none"))
    decision = rule_of(catalog, "TD-OLF-006")
    read = 0
    for document in targets.file(ROLE).documents():
        try:
            record = Record.model_validate(document.data)
        except ValidationError as error:
            first = error.errors()[0]
            where = "/" + "/".join(str(p) for p in first["loc"])
            evidence.unjudged(document.name, msg("terminal.scent-identity-invalid", file=document.name,
                                                 pointer=where, problem=first["msg"]))
            continue
        read += 1
        _judge(evidence, Judge(evidence, "TD-OLF-006", decision, document.name), record)
    if not read and not evidence.findings_count:
        raise Inconclusive(msg("terminal.scent-identity-none"))
