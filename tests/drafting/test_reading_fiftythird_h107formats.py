"""The fifty-third reading of issue 76, part h107-formats (docs/drafting.md, "Fifty-third reading, part h107-formats"):
what two terminal cases read was not what annex E states. a1/c3: TD-BCI-001 R4 failed an EEG channel name outside
a set of 10-20/10-10 electrode names that only the check held; annex E now lists them (a table whose rows are the
check's sets) and the case cites it. c2: TD-AUD-001 failed an object audio stream omitting `space`, which annex E makes
optional while placing object sources in stage space; annex E and the check now both read a missing `space` as
`stage`. Each test fails on the sources as they were before this part."""

from __future__ import annotations

import io
import json
import re

from conformance.areas.terminal import analyse, bci
from conformance.areas.terminal.generate.capture import generate
from tests.drafting.blocks import section
from tests.drafting.test_spec_fortyfirst_h94_fmt4 import _encoding_clause
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _e3_row(markdown: str, member: str) -> str:
    """The row of annex E's stream declaration table (E.3) for ``member``."""
    annex = section(markdown, 2, r"附录 E")
    stream = section(annex, 3, r"E\.3 ")
    found = re.search(rf"^\| `{re.escape(member)}` \|.*$", stream, re.M)
    assert found, member
    return found.group(0)


def test_a1_annex_e_lists_the_electrode_names_the_check_accepts(zh_markdown):
    """a1/c3: table E.n holds, per placement scheme, exactly the names TD-BCI-001 R4 accepts (the names of both
    systems' row in each), says they compare without regard to case, cites its source, and the case and E.3's
    `name` and `placement` rows point to it."""
    number, text = _encoding_clause(zh_markdown, "脑电电极名称")
    rows = {cells[0]: cells[1] for line in text.splitlines()
            if (cells := [c.strip() for c in line.strip("|").split("|")]) and len(cells) == 2}
    both = set(re.findall(r"`([^`]+)`", rows["两种系统均接受"]))
    for placement, accepted in bci.SYSTEMS.items():
        listed = {name.upper() for name in re.findall(r"`([^`]+)`", rows[f"`{placement}`"])} | both
        assert listed == accepted, (placement, listed ^ accepted)
    assert "不区分大小写" in text and re.search(r"见参考文献\[\d+\]", text)
    table = re.search(r"表 (E\.\d+)　脑电电极名称", text).group(1)
    assert f"见表 {table}" in _e3_row(zh_markdown, "channels[].name")
    assert f"见表 {table}" in _e3_row(zh_markdown, "placement")
    assert f"脑电电极名称：{number}" in _row(_cases(zh_markdown)["TD-BCI-001"], "前置条件")


def _object_stream_without_space() -> bytes:
    """A clean spatial-audio capture whose object source declares no `space`."""
    buffer = io.BytesIO()
    generate(buffer, "spatial_audio_headset", 1.0, [])
    header, _, rest = buffer.getvalue().partition(b"\n")
    declared = json.loads(header)
    objects = [s for s in declared["streams"] if s.get("audio", {}).get("format") == "object"]
    assert objects and all(s.pop("space") == "stage" for s in objects)
    return json.dumps(declared).encode() + b"\n" + rest


def test_c2_an_object_stream_without_space_is_in_stage_space(zh_markdown):
    """c2: the check passes an object stream that omits `space` (annex E: object sources are in stage space,
    `space` optional for audio streams), fails one declaring another space, and E.3's `space` row says so."""
    result = analyse(io.BytesIO(_object_stream_without_space()), chunk_lines=1000)
    assert result.log("audio_format").total == 0
    faulty = io.BytesIO()
    generate(faulty, "spatial_audio_headset", 1.0, ["audio-object-space"])
    faulty.seek(0)
    assert analyse(faulty, chunk_lines=1000).log("audio_format").total == 1
    # the space by its clause 3 term since the sixty-fifth reading (part h128-text, c1), its member value given once
    row = _e3_row(zh_markdown, "space")
    assert "未给出本成员时即为舞台空间" in row and "`stage` 为舞台空间" in row
    case = _cases(zh_markdown)["TD-AUD-001"]
    assert "未声明 `space` 的数据流即位于舞台空间" in _row(case, "测试步骤")
