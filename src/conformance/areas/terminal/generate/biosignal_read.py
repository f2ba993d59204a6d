"""TD-BCI-008 (issue 75, h75-bciLive): TD-BCI-007's amplifier on the bench, read through the runtime test interface.

While the calibrated generator injects TD-BCI-007's sines (:mod:`.injected`), the laboratory's test application reads
the amplifier through annex D's ``test.readBiosignal`` and logs each answered sample, one frame per sample, ``t`` the
XrTime the answer gives it and ``values`` one value per channel: an ``eeg`` stream declaring ``read_through``. Its faults
are :mod:`.biosignal_readfaults`'s."""

from __future__ import annotations

from .faultkit import Spec
from .injected import calibration_spec

READ_ID = "eeg_read"
CHANNELS = ("Fz", "Cz", "Pz", "Oz")


def read_spec() -> Spec:
    """The log of test.readBiosignal's answers on the bench (the amplifier's declaration as TD-BCI-007's)."""
    return {"id": READ_ID, "type": "eeg", "rate_hz": 250, "placement": "10-10", "reference": "M1", "ground": "AFz",
            "range_uv": {"min": -187500, "max": 187500},
            "channels": [{"name": n, "type": "EEG", "units": "\u00b5V", "low_cutoff": 0.1, "high_cutoff": 100}
                         for n in CHANNELS],
            "calibration_signal": calibration_spec(),
            "read_through": {"method": "test.readBiosignal", "binding": "GET /xr/runtime", "clock": "XrTime",
                             "reader": "the laboratory's test application, logging each answer as it receives it"}}


STREAMS: dict[str, Spec] = {READ_ID: read_spec()}
DEVICES: dict[str, list[str]] = {"bci_interface_bench": [READ_ID]}
CLASSES = {"bci_interface_bench": "bci"}
