"""The shapes of what the geometric checks of a city model (:mod:`.solids`, :mod:`.solids_fast`)
hold: a CityJSON geometry's boundaries, once :func:`.formed.well_formed` has found them lists of
vertex indices nested as deep as their type says, and the NumPy arrays of its vertices."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

#: a ring: indices into the file's ``vertices``, not closed (the first vertex is not repeated)
Ring = list[int]
#: a polygon ("surface"): its exterior ring, then its interior rings
Polygon = list[Ring]
#: a shell: its polygons
Shell = list[Polygon]
#: a solid: its exterior shell, then its interior shells
Solid = list[Shell]
#: points in 3D, one a row (n x 3): a file's vertices in metres, or any such points
Points = npt.NDArray[np.float64]
#: integers, one for each row of an array: a vertex's snapped identity, an index
Indices = npt.NDArray[np.int64]
#: a yes or no for each of several things (shells, rings)
Flags = npt.NDArray[np.bool_]
#: coordinates in arrays of any shape: triangles (t x 3 x 3), edges (e x 2 x 3), boxes (b x 2 x 3), one point
Floats = npt.NDArray[np.float64]

