"""Play-time limits for minors (docs/assets.md, "Play-time limits"): where the harness places
its probes from the declared terms, and the reference's windows (the NPPA 2021 notice's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conformance.areas._shared.minors import DAYS, play_probes
from conformance.reference.assets.playtime import BEIJING, TERMS, window_end


def test_probes_fall_inside_and_outside_the_declared_windows():
    probes = play_probes(TERMS)
    assert DAYS[probes.inside.weekday()] == "fri" and probes.inside.timetz().isoformat() == "20:10:00+08:00"
    assert window_end(probes.inside) == probes.window_end
    assert probes.other_day is not None and DAYS[probes.other_day.weekday()] not in TERMS["days"]
    assert window_end(probes.other_day) is None
    assert probes.other_hour is not None and window_end(probes.other_hour) is None


def test_every_day_served_leaves_no_other_day_and_holidays_count_as_served():
    assert play_probes({**TERMS, "days": list(DAYS)}).other_day is None
    monday = play_probes(TERMS).other_day
    assert monday is not None
    holiday = play_probes({**TERMS, "holidays": [monday.date().isoformat()]}).other_day
    assert holiday is not None and holiday.date() != monday.date()


def test_a_window_past_midnight_ends_the_next_day_and_its_hours_are_not_probed_as_outside():
    """AS-MINOR-002 1.3: a window 23:00 to 01:00 holds 00:30; the probes placed it on one clock day,
    so the session's latest end came before it started and 00:30 was asked to be refused."""
    probes = play_probes({**TERMS, "windows": [{"start": "23:00", "end": "01:00"}]})
    assert probes.inside.time().isoformat() == "23:10:00"
    assert probes.window_end - probes.inside == timedelta(minutes=110)
    assert probes.other_hour is not None and probes.other_hour.time().isoformat() == "01:30:00"


def test_a_short_window_is_probed_inside_it():
    probes = play_probes({**TERMS, "windows": [{"start": "20:00", "end": "20:06"}]})
    assert probes.inside.time().isoformat() == "20:02:00" and probes.inside < probes.window_end


def test_terms_that_leave_no_play_time_are_not_playable():
    assert play_probes(TERMS).playable
    assert not play_probes({**TERMS, "days": []}).playable
    assert not play_probes({**TERMS, "daily_limit_s": 0}).playable


def test_offsets_west_of_greenwich_are_read():
    probes = play_probes({**TERMS, "utc_offset": "-05:30"})
    assert probes.inside.utcoffset() == -timedelta(hours=5, minutes=30)


def test_the_reference_window_is_beijing_time_whatever_the_caller_offset():
    friday = datetime(2026, 11, 20, 20, 30, tzinfo=BEIJING)
    assert window_end(friday) == datetime(2026, 11, 20, 21, 0, tzinfo=BEIJING)
    assert window_end(friday.astimezone(UTC)) == window_end(friday)
    assert window_end(friday + timedelta(hours=1)) is None  # 21:30
    assert window_end(friday - timedelta(days=1)) is None  # Thursday


def test_a_minor_identity_not_provisioned_is_a_precondition_where_the_band_is_not_what_is_judged(
        catalog, serve_reference, run_manifest):
    """AS-RATING-002 1.2, AS-MINOR-002 1.4: the minor identity is set-up for the age gate and the
    play-time limits (inconclusive naming it); AS-MINOR-001 judges the band claim itself (fail)."""
    from tests.conftest import manifest_for, verdicts

    manifest = manifest_for(catalog, "asset-minors", base_urls={"api": serve_reference(["minor-band-refused"])},
                            features=["playtime-limits"])
    result = run_manifest(manifest, requirements=["AS-MINOR-001", "AS-MINOR-002", "AS-RATING-002"])
    assert verdicts(result) == {"AS-MINOR-001": "fail", "AS-MINOR-002": "inconclusive",
                                "AS-RATING-002": "inconclusive"}
