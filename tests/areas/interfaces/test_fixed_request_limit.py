"""No IXIT value loosens what the standard fixes (forty-ninth reading, part h102-ixit, ax2): a check whose verdict
rests on an answer not come within a time limit waits the request time limit 5.1 fixes (10 s), never the target's
``timeout_s``, which only sets the wait of the adapter's own exchanges, whose running out is inconclusive."""

from __future__ import annotations

import contextlib
import re

from conformance.adapters.http import DEFAULT_TIMEOUT_S
from conformance.area import REQUEST_TIME_LIMIT_S
from tests.paths import ROOT

#: a target's timeout_s read by a check: api.timeout_s, getattr(api, "timeout_s", ...)
READ = re.compile(r"""\bapi\.timeout_s\b(?!\s*=)|getattr\(\s*api\s*,\s*["']timeout_s["']""")
#: the one place a check's module may name it: the recording proxy of the assets area mirrors the target's attributes
MIRRORED = {"src/conformance/areas/assets/sequences.py"}


def test_the_fixed_limit_is_the_adapters_default():
    assert REQUEST_TIME_LIMIT_S == DEFAULT_TIMEOUT_S == 10.0


def test_no_check_waits_the_ixit_timeout():
    modules = [*ROOT.glob("suites/*/*.py"), *ROOT.glob("src/conformance/areas/**/*.py")]
    reading = [f"{path.relative_to(ROOT)}:{number}" for path in modules
               if str(path.relative_to(ROOT)) not in MIRRORED
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if READ.search(line)]
    assert not reading, f"a check waits the IXIT's timeout_s: {reading}"


def test_a_probe_whose_no_answer_is_a_finding_waits_the_fixed_limit_not_the_ixits():
    """PathProbe records an exchange not answered as a problem of the value: its wait is the fixed 10 s."""
    from types import SimpleNamespace

    from conformance.areas.interfaces.generated import PathProbe

    waited: list[object] = []

    class Api:
        timeout_s = 60.0  # the IXIT's

        def get(self, path, **kwargs):
            waited.append(kwargs.get("timeout_s"))
            return SimpleNamespace(status=200, headers={}, content=b"{}", media_type="application/json")

    probe = PathProbe(Api(), SimpleNamespace(), SimpleNamespace(), "id", "")
    with contextlib.suppress(AttributeError):  # the contract stand-in judges nothing; the wait is what is asked
        probe.send("/things/1")
    assert waited == [REQUEST_TIME_LIMIT_S]
