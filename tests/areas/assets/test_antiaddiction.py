"""AS-MINOR-003 and AS-RATING-003 (docs/assets.md, "Anti-addiction"): the probes come from the
windows the standard fixes (profile parameter play_windows), each band's test identity keeps
its band all week, and the reference counts an age from the verified birth date on the
identity's own test clock."""

from __future__ import annotations

from datetime import date, datetime

from conformance import load_catalog
from conformance.areas.assets import antiaddiction
from conformance.reference.assets.playtime import window_end
from conformance.reference.assets.realname import BEIJING, RealNames, years


def notice_windows():
    spec = load_catalog().profiles["asset-minors"].parameters["play_windows"]
    assert spec.stricter == "none"  # a manifest or a platform never moves them
    return spec.default


def test_the_probes_stand_inside_and_outside_the_notice_windows():
    probes = antiaddiction.probes(notice_windows())
    inside = [p.at.isoformat() for p in probes.inside]
    assert inside == ["2026-01-01T20:30:00+08:00",  # New Year's Day, a Thursday
                      "2026-02-16T20:30:00+08:00",  # New Year's Eve of the lunar calendar, a Monday
                      "2026-02-14T20:30:00+08:00",  # a Saturday the State Council made a working day
                      "2026-01-02T20:00:00+08:00", "2026-01-04T20:59:00+08:00"]
    outside = [p.at.isoformat() for p in probes.outside]
    assert outside == ["2026-01-05T20:30:00+08:00", "2026-01-06T20:30:00+08:00",
                       "2026-01-02T19:59:00+08:00", "2026-01-03T21:00:00+08:00"]
    assert all(probes.latest_end[p.at].time().isoformat() == "21:00:00" for p in probes.inside)
    assert [p.at.isoformat() for p in probes.adult] == ["2026-01-05T10:00:00+08:00", "2026-01-05T20:30:00+08:00"]


def test_the_reference_windows_agree_with_the_probes():
    probes = antiaddiction.probes(notice_windows())
    assert all(window_end(p.at) is not None for p in probes.inside)
    assert all(window_end(p.at) is None for p in probes.outside)
    assert window_end(probes.inside[0].at, frozenset({"playtime-holiday-refused"})) is None
    lunar, saturday = probes.inside[1].at, probes.inside[2].at
    assert window_end(lunar, frozenset({"playtime-lunar-holiday-refused"})) is None
    assert window_end(saturday, frozenset({"playtime-working-saturday-refused"})) is None
    assert window_end(lunar, frozenset({"playtime-working-saturday-refused"})) is not None


def test_each_band_keeps_its_age_all_week_and_the_boundaries_fall_where_stated():
    week = [p.at.date() for p in (*antiaddiction.probes(notice_windows()).inside,
                                  *antiaddiction.probes(notice_windows()).outside) if p.at.month == 1]
    bands = {"under-8": range(0, 8), "8-11": range(8, 12), "12-15": range(12, 16), "16-17": range(16, 18)}
    for band, born in antiaddiction.MINORS.items():
        assert {years(born, day) for day in week} <= set(bands[band]), band
    assert years(antiaddiction.MINORS["16-17"], date(2026, 1, 8)) == 18  # the day after the week
    assert years(antiaddiction.COMING_OF_AGE, date(2026, 1, 4)) == 17
    assert years(antiaddiction.COMING_OF_AGE, date(2026, 1, 5)) == 18


def test_the_reference_counts_the_age_on_the_identitys_own_clock_and_the_birth_date_governs():
    people = RealNames(frozenset())
    people.births.update({"did:a": date(2010, 1, 3), "did:b": date(2011, 6, 1)})
    people.clocks["did:a"] = datetime(2026, 1, 2, 12, tzinfo=BEIJING)
    assert people.age("did:a", {}) == 15
    people.clocks["did:a"] = datetime(2026, 1, 3, 12, tzinfo=BEIJING)
    assert people.age("did:a", {}) == 16
    assert people.age("did:b", {"did:b": "adult"}) < 18  # a declared band does not override the birth date
    assert people.age("did:b", {"did:b": "adult"}, verified=False) == 18
    trusting = RealNames(frozenset({"minor-self-declared-age-trusted"}))
    trusting.births["did:b"] = date(2011, 6, 1)
    assert trusting.age("did:b", {"did:b": "adult"}) == 18


def test_the_february_probes_skip_only_the_band_of_age_by_then():
    february = [p.at.date() for p in antiaddiction.probes(notice_windows()).inside if p.at.month == 2]
    assert february
    ages = {band: {antiaddiction.years(born, day) for day in february} for band, born in antiaddiction.MINORS.items()}
    assert ages == {"under-8": {7}, "8-11": {10}, "12-15": {14}, "16-17": {18}}
    assert all(antiaddiction.years(b, d) == years(b, d) for b in antiaddiction.MINORS.values() for d in february)
