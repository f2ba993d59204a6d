"""What a capture frame of each stream type carries, for the data formats annex (fifteenth reading: the frame's
schema marks every payload member optional, since which ones a frame carries depends on its stream's type, and
the annex said so nowhere: a frame holding only ``stream`` and ``t`` read as conforming).

The table is generated from the structures the harness reads each stream type's frames with
(``FRAME_TYPES`` of the terminal area's capture reader), so that the annex and the reader cannot drift: a member
the structure requires is one a frame of that type carries, a member with a default one it may carry."""

from __future__ import annotations

from .writer import NEXT_TABLE, Block, Writer, table_ahead

#: the format whose frames the table qualifies (``formats:`` of ``suites/specification.yaml`` names it)
FRAME_SCHEMA = "terminal/frame.json"
#: the members every frame carries, whatever its stream (the frame table itself requires them)
COMMON = ("stream", "t")


def payloads() -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """(stream types, members carried, members that may be carried), one row per frame structure, in the reader's
    order; the types sharing a structure on one row."""
    import msgspec

    from ..areas.terminal.capture.frames import FRAME_TYPES

    types: dict[type, list[str]] = {}
    for name, struct in FRAME_TYPES.items():
        types.setdefault(struct, []).append(name)
    rows = []
    for struct, names in types.items():
        fields = [f for f in msgspec.structs.fields(struct) if f.encode_name not in COMMON]
        rows.append((tuple(names), tuple(f.encode_name for f in fields if f.required),
                     tuple(f.encode_name for f in fields if not f.required)))
    return rows


def frame_note(w: Writer, ahead: int, clause: str) -> Block:
    """The sentence under the frame's table: what ``t`` is, and where the members each stream type's frames carry
    are given (``ahead``: how many tables on that table is)."""
    table = table_ahead(ahead)
    return w.para(w.t(f"帧的 `t` 为该帧的采样时刻，以 ns 计，取采集所用的时钟（OpenXR 的 `XrTime`）。"
                      f"各类数据流的帧除 `stream` 与 `t` 外所携带的成员见 {clause} 的表 {table}。",
                      f"A frame's `t` is the time of its sample in ns on the capture's clock (an OpenXR `XrTime`). "
                      f"The members the frames of each stream type carry besides `stream` and `t` are given in "
                      f"{clause}, Table {table}."))


def payload_clause(w: Writer, clause: str, frame_clause: str, anchor: str) -> list[Block]:
    """The clause listing, per stream type, the members its frames shall carry and those they may carry."""
    def codes(names: tuple[str, ...]) -> str:
        return w.t("、", ", ").join(f"`{n}`" for n in names) or "—"

    rows: list[tuple[str, ...]] = [(w.t("数据流类型", "Stream type"), w.t("应携带的成员", "Members carried"),
                                    w.t("可携带的成员", "Members that may be carried"))]
    rows += [(codes(names), codes(required), codes(optional)) for names, required, optional in payloads()]
    return [w.heading(w.t(f"{clause} 各类数据流的帧所携带的成员", f"{clause} Members of each stream type's frames"), 2,
                      anchor),
            w.para(w.t(f"采集文件中每一帧除 `stream` 与 `t` 外，应携带表 {NEXT_TABLE} 中其数据流类型（文件头中该数据流的 "
                       f"`type`）所列“应携带的成员”，可携带所列“可携带的成员”；各成员的类型与约束见 {frame_clause}。",
                       f"Besides `stream` and `t`, each frame of a capture file shall carry the members Table {NEXT_TABLE} "
                       "lists as carried for its stream's type (the stream's `type` in the header) and may carry those "
                       f"listed as may be carried; each member's type and constraints are given in {frame_clause}.")),
            w.table(rows, (50, 60, 55), title=w.t("各类数据流的帧所携带的成员", "Members of each stream type's frames"))]
