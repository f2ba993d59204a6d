"""Olfactory simulation (气味模拟): which scent a device releases, identified by thermal desorption and gas
chromatography of the air its outlet releases into (ISO 16000-6:2021), against each declared scent's marker
compound and its reference retention time on the laboratory's column (TD-OLF-006)."""

from pydantic import ValidationError

from pathlib import PurePath

import numpy as np

from conformance import Catalog, Evidence, Inconclusive, Targets, msg
from conformance.areas.terminal import scent_interface
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.scent_identity import (
    KEY_TOLERANCE_S, MAX_OTHER_SHARE, RETENTION_WINDOW_S, Record, judge, keyed, share_uncertainty)
from conformance.areas.terminal.suite import analyses

import pytest

ROLE = "scent_analyses"


def _sent_log(targets: Targets, capture: str) -> list[tuple[int, str]] | None:
    """The log of scents sent through test.applyScent (TD-OLF-005's bench) in the run's capture file named
    ``capture``, as (t, scent); None when the run holds no such capture or it logs no scent sent."""
    if "captures" not in targets:
        return None
    sent: list[tuple[int, str]] | None = None
    for _, analysis in analyses(targets["captures"], PurePath(capture).name):
        for stats in analysis.streams_of("olfactory"):
            kept = stats.scent_commands
            if scent_interface.sent_through(stats.spec) is None or kept is None or not kept.kept:
                continue
            times, scents = np.concatenate(kept.t), np.concatenate(kept.scent)
            sent = (sent or []) + [(int(t), str(s)) for t, s in zip(times, scents, strict=True)]
    return sent


def _key(evidence: Evidence, name: str, record: Record, targets: Targets) -> None:
    """R3: the releases are the scents sent through annex D in the capture the record names. The pointer is the
    laboratory's, a condition of the case, not the device's: a record without it leaves R3 unjudged."""
    if record.capture is None:
        evidence.unjudged(name, msg("terminal.scent-identity-no-capture", file=name))
        return
    sent = _sent_log(targets, record.capture)
    if sent is None:
        evidence.unjudged(name, msg("terminal.scent-identity-no-log", file=name, capture=repr(record.capture)))
        return
    for one in keyed(record, sent):
        texts = {"file": name, "t": one.t, "scent": repr(one.scent), "capture": record.capture,
                 "tolerance": KEY_TOLERANCE_S}
        if one.release is None:
            finding(evidence, msg("terminal.scent-identity-unanswered", **texts), file=name, pointer="/releases",
                    t=one.t, rule="R3", actual="no release", expected=f"a release of {one.scent} at t")
        else:
            finding(evidence, msg("terminal.scent-identity-unsent", k=one.release + 1,
                                  sent=repr(one.sent or "-"), **texts),
                    file=name, pointer=f"/releases/{one.release}", t=one.t, rule="R3",
                    actual=one.scent, expected=one.sent or "a scent sent at t")


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
    MAX_OTHER_SHARE of the commanded marker's area; R3: the record names the scent_interface_bench capture whose
    log of scents sent through test.applyScent its releases answer, one release per send, within KEY_TOLERANCE_S,
    of the same scent, and no release without a send. The laboratory's record (thermal desorption and gas
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
        _key(evidence, document.name, record, targets)
        _judge(evidence, Judge(evidence, "TD-OLF-006", decision, document.name), record)
    if not read and not evidence.findings_count:
        raise Inconclusive(msg("terminal.scent-identity-none"))
