"""Terminal captures (NDJSON): read them as a stream and check them column by column.

- :mod:`.frames`: the frame format as typed structs (msgspec) and the slow path for bad lines
- :mod:`.reader`: chunked reading, decoding, dispatch to the checks of each stream type
- :mod:`.header`: the header's streams and device descriptor (TD-CAP-001, TD-DESC-002)
- :mod:`.timing`: order, effective rate, dropped frames, jitter (TD-CAP-002, TD-RATE-*)
- :mod:`.poses`, :mod:`.hand`, :mod:`.body`, :mod:`.payloads`: checks by stream type
"""

from .model import CaptureAnalysis, IssueLog, StreamStats
from .reader import CHUNK_BYTES, CHUNK_LINES, MAX_LINE_BYTES, analyse
from .timing import Timing, timings

__all__ = ["CHUNK_BYTES", "CHUNK_LINES", "MAX_LINE_BYTES", "CaptureAnalysis", "IssueLog", "StreamStats",
           "Timing", "analyse", "timings"]
