"""TD-BCI-008's faults (issue 75, h75-bciLive): what test.readBiosignal answers of the calibrated generator's sines
(:mod:`.biosignal_read`): a channel's gain, the sines' frequency, an answer's time, a channel left out of answers."""

from __future__ import annotations

from .faultchanges import declared
from .faultkit import Among, At, Fault, Frame, Line, add, every

READ_THROUGH = Among(lambda s: s.get("read_through", {}).get("method") == "test.readBiosignal",
                     "an EEG stream logging what test.readBiosignal answered")


def _without_last_channel(frame: Frame, at: At) -> Line:
    frame["values"] = frame["values"][:-1]
    return frame


#: R1 the amplitude, R2 the frequency, R3 an answer's time, R4 a channel missing from answers
FAULTS: dict[str, Fault] = {
    "bci-read-gain": Fault("eeg", "TD-BCI-008", "test.readBiosignal answering channel Pz 30 % too large",
                           among=READ_THROUGH, declare=declared("calibration_signal", "x-gain", to=[1, 1, 1.3, 1])),
    "bci-read-clock": Fault("eeg", "TD-BCI-008", "test.readBiosignal answering every sine at 1.15 times its "
                            "frequency", among=READ_THROUGH, declare=declared("calibration_signal", "x-clock", to=1.15)),
    "bci-read-stale": Fault("eeg", "TD-BCI-008", "every 50th answered sample timed 6 ms earlier: before the previous "
                            "one's", among=READ_THROUGH, when=every(50, 25), change=add("t", by=-6_000_000)),
    "bci-read-channel": Fault("eeg", "TD-BCI-008", "every 10th answered sample leaving channel Oz out",
                              among=READ_THROUGH, when=every(10, 5), change=_without_last_channel),
}
