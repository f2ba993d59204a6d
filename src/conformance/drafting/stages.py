"""一（二）'s dated stages of the project's own work (issue 76, fifty-eighth reading, part h114-note, d8: 工作过程
gave no date or stage, though the repository records them): ``stages`` of suites/explanatory.yaml, each with the
date and the commit of the repository's history that records it (tests/drafting/test_reading_fiftyeighth_note.py
holds each date to its commit), rendered as one paragraph; the drafting group's placeholder for the outside stages
(meetings, consultation, review) follows it unchanged."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .explanatory_data import NoteData
from .wording import plain_programs
from .writer import Block, Writer


def project_stages(w: Writer, data: NoteData | None) -> list[Block]:
    """The paragraph listing the project's stages by date, in the record's order (none: no ``stages``)."""
    stages: list[dict[str, Any]] = list(data.get("stages") or []) if data else []
    if not stages:
        return []
    # the commit stays in the record, for the test; a hash in the text would be read as a number and a code value
    zh = "；".join(f"{s['date']}，{s['zh']}" for s in stages)
    en = "; ".join(f"{s['date']}: {s['en']}" for s in stages)
    para = w.para(w.t(f"本项目工作的各阶段（日期为开源项目 metaverse-conformance 的版本历史所记录的日期）：{zh}。",
                       f"The stages of this project's work (dates as the metaverse-conformance project's version "
                       f"history records them): {en}."), normative=False)
    return [replace(para, text=plain_programs(para.text))]  # the project by its name, plain, as 一（一）
