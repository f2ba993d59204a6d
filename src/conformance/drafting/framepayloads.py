"""What a frame of each stream type carries, for the data formats annex (fifteenth reading: the capture frame's
schema marks every payload member optional, since which ones a frame carries depends on its stream's type, and
the annex said so nowhere: a frame holding only its common members read as conforming).

A format entry of ``suites/specification.yaml`` may list its ``payloads`` (per stream type, the members a frame
shall carry and those it may) and a ``note`` set under its table; the list is the area reader's own frame
structures, which ``tests/drafting/test_spec_fifteenth_reading.py`` compares it with, so that the annex and the
reader cannot drift (the core names no area: the catalog carries what the annex says)."""

from __future__ import annotations

from typing import Any

from .writer import NEXT_TABLE, Block, Writer, table_ahead

#: the members every frame carries, whatever its stream (the frame's own table requires them)
COMMON = ("stream", "t")


def frame_note(w: Writer, entry: dict[str, Any], ahead: int, clause: str) -> Block:
    """The sentences under a frame format's table: its note, and where the members each stream type's frames
    carry are given (``ahead``: how many tables on that table is)."""
    table = table_ahead(ahead)
    note = w.text(entry["note"]) if entry.get("note") else ""
    return w.para(note + w.t(f"各类数据流的帧除 `stream` 与 `t` 外所携带的成员见 {clause} 的表 {table}。",
                             f"{' ' if note else ''}The members the frames of each stream type carry besides "
                             f"`stream` and `t` are given in {clause}, Table {table}."))


def payload_clause(w: Writer, entry: dict[str, Any], clause: str, frame_clause: str, anchor: str) -> list[Block]:
    """The clause listing, per stream type, the members its frames shall carry and those they may carry."""
    def codes(names: list[str]) -> str:
        return w.t("、", ", ").join(f"`{n}`" for n in names) or "—"

    rows: list[tuple[str, ...]] = [(w.t("数据流类型", "Stream type"), w.t("应携带的成员", "Members carried"),
                                    w.t("可携带的成员", "Members that may be carried"))]
    rows += [(codes(p["types"]), codes(p["carried"]), codes(p["optional"])) for p in entry["payloads"]]
    return [w.heading(w.t(f"{clause} 各类数据流的帧所携带的成员", f"{clause} Members of each stream type's frames"), 2,
                      anchor),
            w.para(w.t(f"采集文件中每一帧除 `stream` 与 `t` 外，应携带表 {NEXT_TABLE} 中其数据流类型（文件头中该数据流的 "
                       f"`type`）所列“应携带的成员”，可携带所列“可携带的成员”；各成员的类型与约束见 {frame_clause}。",
                       f"Besides `stream` and `t`, each frame of a capture file shall carry the members Table {NEXT_TABLE} "
                       "lists as carried for its stream's type (the stream's `type` in the header) and may carry those "
                       f"listed as may be carried; each member's type and constraints are given in {frame_clause}.")),
            w.table(rows, (50, 60, 55), anchor="payload-members",  # a schema's description cites it by this anchor
                    title=w.t("各类数据流的帧所携带的成员", "Members of each stream type's frames"))]
