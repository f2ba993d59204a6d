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

def _calibrated(model: str, role: str, number: str, value: float, unit: str) -> dict[str, Any]:
    """An instrument of the reference laboratory: what it is, what it measures, its certificate's number
    and the expanded uncertainty (k = 2) the certificate states."""
    return {"make": "Reference Instruments", "model": model, "role": role, "number": number,
            "uncertainty": {"value": value, "unit": unit, "k": 2}}


#: serial -> make, model, what it measures, certificate number, the certificate's uncertainty
SAMPLE_APPARATUS: Final[dict[str, dict[str, Any]]] = {
    "AX3-0001": _calibrated("Reference AX-3 piezoelectric accelerometer, 0.5 g",
                            "acceleration at the actuator (TD-HAPT-003)", "CAL-2024-0311-AX3", 2.0, "%"),
    "LC10-0001": _calibrated("Reference LC-10 S-beam load cell, 10 N", "force at the end effector (TD-FORCE-004)",
                             "CAL-2024-0502-LC10", 0.02, "N"),
    "MOCAP-0001": _calibrated("twelve-camera optical motion capture, 0.3 mm RMS marker residual",
                              "reference body pose (TD-BODY-003)", "CAL-2024-0401-MC12", 0.5, "mm"),
    "HANDCAP-0001": _calibrated("twelve-camera optical motion capture, 0.2 mm RMS marker residual",
                                "reference hand joints (TD-HAND-005)", "CAL-2024-0403-HC12", 0.5, "mm"),
    "FACECAP-0001": _calibrated("head-mounted stereo face cameras, 0.2 mm RMS marker residual",
                                "reference facial expression weights (TD-FACE-004)", "CAL-2024-0402-FC2", 0.4, "mm"),
    "RS-0001": _calibrated("Reference RS-1 rotary stage with an angle encoder",
                           "reference motion of the tracked device (TD-PERF-001, -002)",
                           "CAL-2024-0405-RS1", 0.02, "deg"),
    "ARM-0001": _calibrated("six-axis robot arm with joint encoders, 0.02 mm pose repeatability",
                            "reference pose of the tracked device on the motion programme (TD-PERF-004)",
                            "CAL-2024-0406-RA6", 0.1, "mm"),
    "GS-0001": _calibrated("two-axis galvanometer stage with angle encoders, step settled in under 1 ms",
                           "steps of the artificial eye an eye tracker follows (TD-GAZE-003)", "CAL-2024-0411-GS2",
                           1.0, "ms"),
    "VD-0001": _calibrated("eye tracker validation display, 5 mm dots at 1 m, chin rest",
                           "fixation targets of the gaze validation (TD-GAZE-002)", "CAL-2024-0410-VD1", 0.1, "deg"),
    "IMU-0001": _calibrated("six-axis MEMS inertial unit, 1 kHz internal rate",
                            "motion of the platform's moving base (TD-MPLAT-001, -003)", "CAL-2024-0415-IMU", 1.0, "%"),
    "OPT-0001": _calibrated("four-camera optical tracker, 0.1 mm RMS",
                            "displacement of the platform's moving base (TD-MPLAT-004)",
                            "CAL-2024-0416-OPT4", 0.2, "mm"),
    "PD1-0001": _calibrated("Reference PD-1 silicon photodiode", "display luminance", "CAL-2024-0420-PD1", 3.0, "%"),
    "PD2-0001": _calibrated("Reference PD-2 fast silicon photodiode, 1 us rise",
                            "left eyepiece on the photon rig (TD-DISP-009)", "CAL-2024-0424-PD2A", 3.0, "%"),
    "PD2-0002": _calibrated("Reference PD-2 fast silicon photodiode, 1 us rise",
                            "right eyepiece on the photon rig (TD-DISP-009)", "CAL-2024-0424-PD2B", 3.0, "%"),
    "RS-0002": _calibrated("Reference RS-2 rotary stage with an encoder trigger output",
                           "trigger crossings of the photon rig (TD-DISP-009)", "CAL-2024-0424-RS2", 0.02, "ms"),
    "AM-0001": _calibrated("Reference AM-1 artificial mouth", "speech played to the device (TD-VOICE-004)",
                           "CAL-2024-0426-AM1", 0.5, "dB"),
    "TC-0001": _calibrated("type T thermocouple, 0.2 mm junction", "contact temperature",
                           "CAL-2024-0422-TCT", 0.5, "C"),
    "SG2-0001": _calibrated("Reference SG-2 bioelectric signal generator, sine 0.1-100 Hz",
                            "calibration signal (TD-BCI-007)", "CAL-2024-0520-SG2", 0.5, "%"),
    "PID-0001": _calibrated("Reference PID-F fast photoionization detector, 10.6 eV lamp",
                            "scent released by an olfactory device (TD-OLF-003)", "CAL-2024-0520-PIDF", 5.0, "%"),
    # the sample scent analyses record's chromatograph (TD-OLF-006); its certificate states a retention time's
    "GC-0042": _calibrated("Reference GC-MS 7800", "marker compounds of the scent released (TD-OLF-006)",
                           "CAL-2026-1120-GCMS", 0.6, "s"),
    "HATS-0001": _calibrated("head and torso simulator on a turntable, ear simulators per ITU-T P.57",
                             "ear signals (TD-AUD-005)", "CAL-2024-0501-HATS", 0.3, "dB"),
    "MOCAP-0002": _calibrated("twelve-camera optical motion capture over the whole tracking volume, 0.1 mm RMS "
                              "marker residual", "reference pose over a session and at the volume's faces "
                              "(TD-PERF-005)", "CAL-2024-0530-MC12", 0.5, "mm"),
}


def declared(serial: str) -> JsonObject:
    """The members an instrument declaration adds for the laboratory record: its serial and the
    uncertainty its certificate states (a copy: a fault may change it)."""
    return {"serial": serial, "uncertainty": dict(SAMPLE_APPARATUS[serial]["uncertainty"])}


def base_imu() -> JsonObject:
    """The inertial unit on a motion platform's moving base (TD-MPLAT-001 to -004), with its certificate's
    uncertainty: a fresh copy for each stream, a fault changing one."""
    return {"kind": "imu", "model": "six-axis MEMS inertial unit, 1 kHz internal rate", **declared("IMU-0001"),
            "placement": "centre of the moving base's top plate",
            "calibration": "against a laser tracker on the bench, before the session"}


def base_tracker() -> JsonObject:
    """The optical tracker of a motion platform's moving base, measuring displacement only (TD-MPLAT-001 derives the
    velocity from it, TD-MPLAT-002 judges no comfort on it), with its certificate's uncertainty: a fresh copy."""
    return {"kind": "optical_tracker", "quantities": ["displacement"],
            "model": "four-camera optical tracker, 0.1 mm RMS", **declared("OPT-0001"),
            "placement": "marker cluster on the moving base's top plate",
            "calibration": "wand calibration of the tracked volume, before the session"}
