"""The sixty-ninth reading, part h133-ocaps4: a status list expanding past 5.1's reading bound 「状态列表的解压大小」 is
not judged (OverBound), not a ValueError the check reports as a finding."""

from __future__ import annotations

import base64
import gzip

import pytest

from conformance.areas.identity import statuslist


def _encoded(size: int) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(size))).decode().rstrip("=")


def test_a_status_list_past_the_bound_is_unjudged_not_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert statuslist.MAX_BYTES == 16 * 1024 * 1024
    monkeypatch.setattr(statuslist, "MAX_BYTES", 32 * 1024)
    assert len(statuslist.expanded(_encoded(32 * 1024))) == 32 * 1024  # at the bound: read whole
    with pytest.raises(statuslist.OverBound) as raised:
        statuslist.expanded(_encoded(32 * 1024 + 1))
    assert not isinstance(raised.value, ValueError)
    assert "状态列表的解压大小" in str(raised.value) or "status list expanded" in str(raised.value)
