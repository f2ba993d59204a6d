"""The fifty-second reading, part h106-limO (docs/drafting.md, "Fifty-second reading, part h106-limO"): numbers of the
编制说明 without a reason or a source: reading bounds stating only their purpose (d6), AS-GLTF-003's budgets (d5),
AS-META-004's 21 from a classification outside 参考文献 (d7), SC-RENDER-002's 120 frames and 160 × 90 pixels (c3).
Each test fails on the draft as it was before (9a39dcf7)."""

from __future__ import annotations

import re

from conformance.drafting.readingbounds import all_bounds
from conformance.drafting.writer import Writer

#: a clause saying which conforming input a bound still takes in whole, or by how much it exceeds what is needed
_TAKES_IN = re.compile("容纳|全部|完整|不会因此|之内|均有|倍")


def test_every_bound_of_the_note_says_what_it_still_takes_in(catalog):
    """d6: every bound the 编制说明 gives a reason for, 5.1's paragraph bounds too (the 4 MiB response and the 5 000
    files escaped the fiftieth reading's test, which read the table's alone), says what conforming input it still
    takes in; 「一份凭证通常只有数十条陈述」 and MQTT's protocol maximum said nothing of the 8 MiB, the 60 s or 256 KiB."""
    bounds = all_bounds(Writer(catalog, "zh"))
    assert len(bounds) > 20
    for bound in bounds:
        assert _TAKES_IN.search(bound.why[0]), bound.name
    reasons = {bound.name[0]: bound.why[0] for bound in bounds}
    assert "8 MiB 容纳 20 000 条" in reasons["BBS+ 2020 证明所签的文档"] and "60 s" in reasons["BBS+ 2020 证明所签的文档"]
    assert "256 KiB 容纳" in reasons["MQTT 数据包的大小"]
    assert "41 943 B" in reasons["测试设备读取 HTTP 响应体的上限"]
    assert "2 500 项资产" in reasons["一个路径或通配模式读取的文件数"]
