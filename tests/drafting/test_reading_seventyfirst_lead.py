"""The seventy-first reading of issue 76, read at 37a439bb4: the lead's fixes.

ax1 (read71a, X): table 9 has the laboratory sign an annex E.6 record for each measuring capture and 16 j) has the report
identify it, but four terminal profiles (accessibility, captions, comfort, voice) and robot-joint-data, whose
requirements include measuring ones (``measures: instrument``), declared no ``laboratory_records`` target: a manifest
could not give the records, and annex A had no IXIT row for them. Class: every profile with a measuring requirement, in
its own list or a feature's, declares the target.

Fails on 37a439bb4."""

from __future__ import annotations

from conformance import Catalog


def _measured(catalog: Catalog, profile) -> set[str]:
    ids = set(profile.requirements) | {r for feature in profile.features.values() for r in feature.requirements}
    return {r for r in ids if catalog.requirement(r).measures == "instrument"}


def test_ax1_every_profile_with_a_measuring_requirement_takes_laboratory_records(catalog: Catalog):
    lacking = {pid: sorted(measured) for pid, profile in catalog.profiles.items()
               if (measured := _measured(catalog, profile)) and "laboratory_records" not in profile.targets}
    assert lacking == {}
    for pid in ("terminal-accessibility", "terminal-captions", "terminal-comfort", "terminal-voice", "robot-joint-data"):
        target = catalog.profiles[pid].targets["laboratory_records"]
        assert target.optional and target.laboratory, pid


def test_ax1_annex_a_gives_the_records_an_ixit_row_in_the_four_terminal_profiles(zh_markdown):
    for title in ("无障碍", "字幕", "舒适", "语音"):
        section = next(part for part in zh_markdown.split("\n### A.") if part.split("\n", 1)[0].count(title))
        assert "`laboratory_records`" in section, title
