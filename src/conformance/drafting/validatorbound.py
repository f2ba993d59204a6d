"""5.1's reading bound on the memory of a glTF validation (issue 76, sixty-seventh reading, part h130-assets, b3): the
Khronos glTF-Validator runs in a Node.js process whose JavaScript heap is capped, and a file whose validation needs
more is left unjudged (the cases' 不确定 lines), a bound of the test equipment that table 1 and 三（三） did
not name. Its name, value and reason as :class:`.readingbounds.Bound` takes them (kept here: that module is at the
house limit); the value is the check's own constant (``khronos.NODE_HEAP_MB``, which
tests/drafting/test_reading_sixtyseventh_h130_assets.py holds equal), the figures of the reason measured while
drafting (bench/README.md, issue 76's sixty-seventh reading).
"""

from __future__ import annotations

#: the cap, MiB (Node.js's ``--max-old-space-size`` counts mebibytes)
CAP_MIB = 96
#: measured while drafting (2 cores, Node.js 24.19.0, glTF-Validator 2.0.0-dev.3.10): the most accessors and the most
#: nodes a `.gltf` file may hold and still be validated within the cap (4.4 MB and 0.65 MB of JSON), and what a
#: 16 MiB `.gltf` file of accessors needs (MiB; binary search of the cap, 1 MiB steps)
ACCESSORS_WITHIN = 68_961
NODES_WITHIN = 73_945
FULL_ACCESSORS = 262_077
FULL_ACCESSORS_NEED_MIB = 350


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


GLTF_MEMORY = (
    ("glTF 校验的内存", "memory of glTF validation"),
    (f"校验每个 glTF 文件至多 {CAP_MIB} MiB", f"{CAP_MIB} MiB for validating each glTF file"),
    ("限定校验器所用的内存，使任何文件都不致耗尽测试设备的内存；该值为运行校验器的进程中 JavaScript 对象"
     "所用内存的上限，每个文件在该上限之内单独判定，超出上限的文件不影响其他文件的校验。校验所需的内存随"
     "文件 JSON 中的对象数增长，而非随文件的字节数增长，在编制时所用的测试设备上测得："
     f"{CAP_MIB} MiB 容纳 {_grouped(ACCESSORS_WITHIN)} 个访问器或 {_grouped(NODES_WITHIN)} 个节点；"
     "缓冲中的二进制数据不计入其中，以二进制数据为主的 16 MiB GLB 文件，以及达到本文件所定各项渲染预算"
     "（`max_model_bytes` 10 MB、`max_vertices` 150 000、`max_triangles` 100 000、`max_draw_calls` 50）"
     "的模型，校验所用内存均不超过 16 MiB；JSON 中对象更多的文件即使不大于 16 MiB 也可能超出本界限（含 "
     f"{_grouped(FULL_ACCESSORS)} 个访问器的 16 MiB `.gltf` 文件约需 {FULL_ACCESSORS_NEED_MIB} MiB），"
     "这样的文件不予判定，相应测试用例判定为不确定",
     "to bound the memory the validator uses, so that no file takes the test equipment's memory; it caps the memory "
     "of the JavaScript objects of the process running the validator, each file is judged within it alone, and a "
     "file past it does not affect the validation of the others. The memory a validation needs grows with the "
     "objects of the file's JSON, not with its bytes, as measured on the test equipment used in drafting: "
     f"{CAP_MIB} MiB take in {_grouped(ACCESSORS_WITHIN)} accessors or {_grouped(NODES_WITHIN)} nodes; the binary data "
     "of buffers is not counted, and a 16 MiB GLB file mostly of binary data, like a model at each rendering budget "
     "this document sets (`max_model_bytes` 10 MB, `max_vertices` 150 000, `max_triangles` 100 000, `max_draw_calls` "
     "50), is validated within 16 MiB of memory; a file whose JSON holds more objects may pass the bound though no "
     f"larger than 16 MiB (a 16 MiB `.gltf` file of {_grouped(FULL_ACCESSORS)} accessors needs about "
     f"{FULL_ACCESSORS_NEED_MIB} MiB), and such a file is not judged, its test case inconclusive"),
)
