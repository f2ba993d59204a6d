"""The sample captures' instruments as a test laboratory's record lists them: serial, make and
the expanded uncertainty (k = 2) each calibration certificate states.

The numbers are the samples' own (invented instruments of the reference laboratory), not a
requirement's: the test cases state the accuracy an apparatus needs (suites/terminal/procedures.yaml),
and a real laboratory copies these from its certificates. A capture declares ``serial`` and
``uncertainty`` in its instrument declarations (:func:`declared`); the sample laboratory record
(tests/certification/test_labrecords.py signs one with a key made in the test) lists the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: serial -> make, model, what it measures, certificate number, the certificate's uncertainty
SAMPLE_APPARATUS: Final[dict[str, dict[str, Any]]] = {
    "AX3-0001": {"make": "Reference Instruments", "model": "Reference AX-3 piezoelectric accelerometer, 0.5 g",
                 "role": "acceleration at the actuator (TD-HAPT-003)", "number": "CAL-2024-0311-AX3",
                 "uncertainty": {"value": 2.0, "unit": "%", "k": 2}},
    "LC10-0001": {"make": "Reference Instruments", "model": "Reference LC-10 S-beam load cell, 10 N",
                  "role": "force at the end effector (TD-FORCE-004)", "number": "CAL-2024-0502-LC10",
                  "uncertainty": {"value": 0.02, "unit": "N", "k": 2}},
    "MOCAP-0001": {"make": "Reference Instruments", "model": "twelve-camera optical motion capture, 0.3 mm RMS "
                   "marker residual", "role": "reference body pose (TD-BODY-003)", "number": "CAL-2024-0401-MC12",
                   "uncertainty": {"value": 0.5, "unit": "mm", "k": 2}},
    "FACECAP-0001": {"make": "Reference Instruments", "model": "head-mounted stereo face cameras, 0.2 mm RMS marker "
                     "residual", "role": "reference facial expression weights (TD-FACE-004)",
                     "number": "CAL-2024-0402-FC2", "uncertainty": {"value": 0.4, "unit": "mm", "k": 2}},
    "RS-0001": {"make": "Reference Instruments", "model": "Reference RS-1 rotary stage with an angle encoder",
                "role": "reference motion of the tracked device (TD-PERF-001, -002)", "number": "CAL-2024-0405-RS1",
                "uncertainty": {"value": 0.02, "unit": "deg", "k": 2}},
    "VD-0001": {"make": "Reference Instruments", "model": "eye tracker validation display, 5 mm dots at 1 m, chin rest",
                "role": "fixation targets of the gaze validation (TD-GAZE-002)", "number": "CAL-2024-0410-VD1",
                "uncertainty": {"value": 0.1, "unit": "deg", "k": 2}},
    "IMU-0001": {"make": "Reference Instruments", "model": "six-axis MEMS inertial unit, 1 kHz internal rate",
                 "role": "motion of the platform's moving base (TD-MPLAT-001, -003)", "number": "CAL-2024-0415-IMU",
                 "uncertainty": {"value": 1.0, "unit": "%", "k": 2}},
    "OPT-0001": {"make": "Reference Instruments", "model": "four-camera optical tracker, 0.1 mm RMS",
                 "role": "displacement of the platform's moving base (TD-MPLAT-004)", "number": "CAL-2024-0416-OPT4",
                 "uncertainty": {"value": 0.2, "unit": "mm", "k": 2}},
    "PD1-0001": {"make": "Reference Instruments", "model": "Reference PD-1 silicon photodiode",
                 "role": "display luminance", "number": "CAL-2024-0420-PD1",
                 "uncertainty": {"value": 3.0, "unit": "%", "k": 2}},
    "PD2-0001": {"make": "Reference Instruments", "model": "Reference PD-2 fast silicon photodiode, 1 us rise",
                 "role": "left eyepiece on the photon rig (TD-DISP-009)", "number": "CAL-2024-0424-PD2A",
                 "uncertainty": {"value": 3.0, "unit": "%", "k": 2}},
    "PD2-0002": {"make": "Reference Instruments", "model": "Reference PD-2 fast silicon photodiode, 1 us rise",
                 "role": "right eyepiece on the photon rig (TD-DISP-009)", "number": "CAL-2024-0424-PD2B",
                 "uncertainty": {"value": 3.0, "unit": "%", "k": 2}},
    "RS-0002": {"make": "Reference Instruments", "model": "Reference RS-2 rotary stage with an encoder trigger output",
                "role": "trigger crossings of the photon rig (TD-DISP-009)", "number": "CAL-2024-0424-RS2",
                "uncertainty": {"value": 0.02, "unit": "ms", "k": 2}},
    "AM-0001": {"make": "Reference Instruments", "model": "Reference AM-1 artificial mouth",
                "role": "speech played to the device (TD-VOICE-004)", "number": "CAL-2024-0426-AM1",
                "uncertainty": {"value": 0.5, "unit": "dB", "k": 2}},
    "TC-0001": {"make": "Reference Instruments", "model": "type T thermocouple, 0.2 mm junction",
                "role": "contact temperature", "number": "CAL-2024-0422-TCT",
                "uncertainty": {"value": 0.5, "unit": "C", "k": 2}},
    "SG2-0001": {"make": "Reference Instruments", "model": "Reference SG-2 bioelectric signal generator, sine "
                 "0.1-100 Hz", "role": "calibration signal (TD-BCI-007)", "number": "CAL-2024-0520-SG2",
                 "uncertainty": {"value": 0.5, "unit": "%", "k": 2}},
    "HATS-0001": {"make": "Reference Instruments", "model": "head and torso simulator on a turntable, ear simulators "
                  "per ITU-T P.57", "role": "ear signals (TD-AUD-005)", "number": "CAL-2024-0501-HATS",
                  "uncertainty": {"value": 0.3, "unit": "dB", "k": 2}},
}


def declared(serial: str) -> JsonObject:
    """The members an instrument declaration adds for the laboratory record: its serial and the
    uncertainty its certificate states (a copy: a fault may change it)."""
    return {"serial": serial, "uncertainty": dict(SAMPLE_APPARATUS[serial]["uncertainty"])}
