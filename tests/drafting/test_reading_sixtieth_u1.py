"""The sixtieth reading, after the parts (part h121-u1; docs/drafting.md): a length was named by a speed written with
it, 「以 20 mm/s 滑动」 giving TD-TACT-004's two tips 20 mm apart, so the clause giving their reason was not quoted
(tests/drafting/test_reading_fiftyfourth_h108limC.py renders the row). Fails on dbb777e90."""

from __future__ import annotations

from conformance.drafting.limitbasis import _names


def test_a_speed_does_not_name_its_length():
    assert not _names("以 20 mm/s 滑动的压尖", "20", "20 mm")
    assert not _names("而滑动速度每秒 20 毫米亦为本目录自定", "20", "20 mm")
    assert _names("双尖相距 20 毫米与 50 毫秒的稳定时间同为本目录自定", "20", "20 mm")
    assert _names("以 20 mm/s 滑动的压尖", "20", "20 mm/s")
