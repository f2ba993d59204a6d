"""The faults of the touch bench (TD-TACT-004, :mod:`.touch`): one per rule, each acting on the device's touch
stream through the ``x-`` members :func:`.touch.sensor_frame` reads, never on the indenter's."""

from __future__ import annotations

from .faultchanges import declared
from .faultkit import Fault


#: the faults of the touch bench, one per rule of TD-TACT-004; each acts on the device's stream (faults.py takes
#: them into its table after the rigs')
TOUCH_FAULTS: dict[str, Fault] = {
    "touch-merged": Fault("touch", "TD-TACT-004", "two tips 20 mm apart reported as one contact between them",
                          declare=declared("x-merged", to=True)),
    "touch-press-offset": Fault("touch", "TD-TACT-004", "each press's contact reported 3 mm along x from the tip",
                                declare=declared("x-press-offset-mm", to=3.0)),
    "touch-weak": Fault("touch", "TD-TACT-004", "each contact's force reported at 80 % of the load",
                        declare=declared("x-gain", to=0.8)),
    "touch-slide-offset": Fault("touch", "TD-TACT-004", "the slide's contact reported 4 mm off the stage's line",
                                declare=declared("x-slide-offset-mm", to=4.0)),
    "touch-ghost": Fault("touch", "TD-TACT-004", "the last contact still reported 0.15 s after the lift-off",
                         declare=declared("x-ghost-s", to=0.15)),
}
