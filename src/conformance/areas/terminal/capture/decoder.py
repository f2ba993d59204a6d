"""The decoder of a capture's frames: one tagged union of the frame structs (:mod:`.frames`) per capture, and
the slow path that names what is wrong with a line that does not decode.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Union

import msgspec
import orjson

from conformance import Message, msg

from .frames import (
    FRAME_TYPES,
    BareFrame,
    BiosignalFrame,
    BodyFrame,
    BiosignalTextFrame,
    FaceFrame,
    FaceTextFrame,
    HandFrame,
    HandTextFrame,
    PoseFrame,
    PoseTextFrame,
)
from .lists import TEXT_FRAMES
from .records import BodyTextFrame
from .templates import LineTemplates

if TYPE_CHECKING:
    from conformance.area import JsonValue

#: frame types whose fixed-layout member the text decoder may keep as JSON text
_TEXT_LAYOUTS: dict[type[msgspec.Struct], type[msgspec.Struct]] = {PoseFrame: PoseTextFrame, HandFrame: HandTextFrame,
                                                                    BodyFrame: BodyTextFrame, **TEXT_FRAMES}

DecodeError = msgspec.DecodeError  # ValidationError is a subclass


class FrameDecoder:
    """Decodes the frames of one capture: a tagged union with one struct class per declared
    stream (the tag is the frame's ``stream`` member), so a frame decodes straight into its
    stream type's struct, and an undeclared stream or a missing member is a decode error."""

    def __init__(self, streams: dict[str, str | None], text_values: Collection[str] = (),
                 text_layouts: bool = False) -> None:
        """``streams``: stream id -> type. ``text_values``: eeg and emg streams whose values
        :attr:`decode_lines_text` keeps as JSON text (:class:`BiosignalTextFrame`); every face
        stream's weights are kept so too (:class:`FaceTextFrame`), and with ``text_layouts``
        (where the compiled parser of :mod:`.records` is installed) every pose, eye_gaze and
        hand stream's poses and joints and every body stream's bones (:class:`PoseTextFrame`,
        :class:`HandTextFrame`, :class:`.records.BodyTextFrame`)."""
        self.stream_of: dict[type[msgspec.Struct], str | None] = {}
        self.class_of: dict[str, type[msgspec.Struct]] = {}
        #: the number of a stream (-1: the stand-in below) -> one of its classes; a stream's
        #: classes (lenient, strict, text) share the number, as their ``stream_number``.
        self.group_of: dict[int, type[msgspec.Struct]] = {}
        #: whether :attr:`decode_lines_text` keeps some hand stream's joints as text
        self.joints_as_text = False
        # msgspec does not require the tag of a union of one class: a second class, tagged
        # with a string no declared stream has, keeps the stream member required. A frame
        # that names it anyway is judged as naming an undeclared stream (stream_of: None).
        stand_in = "\x00" * (1 + max(map(len, streams), default=0))
        unions: dict[bool, list[type[msgspec.Struct]]] = {False: [], True: []}
        text: list[type[msgspec.Struct]] = []
        for number, (sid, kind) in [*enumerate(streams.items()), (-1, (stand_in, None))]:
            base = FRAME_TYPES.get(kind or "", BareFrame) if number >= 0 else BareFrame
            for strict in (False, True):
                cls = self._tagged(base, number, sid, strict)
                self.stream_of[cls] = sid if number >= 0 else None
                unions[strict].append(cls)
            as_text_base = BiosignalTextFrame if base is BiosignalFrame and sid in text_values else \
                FaceTextFrame if base is FaceFrame else (_TEXT_LAYOUTS.get(base) if text_layouts else None)
            if number >= 0 and as_text_base is not None:
                self.joints_as_text |= as_text_base is HandTextFrame
                as_text = self._tagged(as_text_base, number, sid, True)
                self.stream_of[as_text] = sid
                text.append(as_text)
            else:
                text.append(cls)
            self.group_of[number] = cls
            if number >= 0:
                self.class_of[sid] = cls
        lenient: Any = Union[tuple(unions[False])]  # noqa: UP007 - a union of classes made at run time
        strict_: Any = Union[tuple(unions[True])]  # noqa: UP007
        decoder = msgspec.json.Decoder(lenient)
        self.decode, self.decode_lines = decoder.decode, decoder.decode_lines
        #: Refuses a frame with a member its struct lacks (an extension "x-..." member, say):
        #: a block it decodes holds none, so the block need not be searched for them.
        self.decode_lines_strict = msgspec.json.Decoder(strict_).decode_lines
        #: As strict, with the values of the ``text_values`` streams kept as JSON text; None
        #: when there are none.
        self.decode_lines_text = None if text == unions[True] else \
            msgspec.json.Decoder(Union[tuple(text)]).decode_lines  # noqa: UP007
        #: Reads a chunk's lines of fixed layouts straight into columns (:mod:`.templates`), where every stream
        #: has them and the compiled parser is installed; else None.
        self.templates = LineTemplates.of(self.class_of) if text_layouts else None

    @staticmethod
    def _tagged(base: type[msgspec.Struct], number: int, sid: str, strict: bool) -> type[msgspec.Struct]:
        """A class of ``base`` tagged with stream ``sid``; its instances read their stream's
        number as ``stream_number`` (one attribute lookup a frame, cheaper than a dict by type)."""
        name = f"{base.__name__}_{number}{'_strict' if strict else ''}"
        return msgspec.defstruct(name, [], bases=(base,), tag_field="stream", tag=sid, gc=False,
                                 forbid_unknown_fields=strict, namespace={"stream_number": number})

    def stand_in(self, sid: str, t: int) -> msgspec.Struct:
        """A payload-less frame of a stream, for a line that does not decode but whose
        stream and t are usable: its timestamp still counts for the timing."""
        cls = self.class_of[sid]
        return cls(**{**dict.fromkeys(cls.__struct_fields__), "t": t})

    def diagnose(self, raw: bytes) -> tuple[JsonValue, str, Message]:
        """(parsed value or None, JSON pointer, message) for a line that did not decode. The
        decoders' own words (orjson's, msgspec's) are the messages' arguments, as given."""
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            if exc.lineno == 1:
                return None, "", msg("terminal.frame-not-json-at", error=exc.msg, column=exc.colno)
            return None, "", msg("terminal.frame-not-json", error=exc.msg)
        try:
            self.decode(raw)
        except msgspec.ValidationError as exc:
            return value, _pointer(str(exc)), msg("terminal.frame-rejected", error=str(exc).split(" - at ")[0])
        except (msgspec.DecodeError, RecursionError) as exc:  # e.g. an integer out of range msgspec reads
            # as invalid, or nesting deeper than msgspec recurses (about 1000 levels; orjson takes 1024)
            return value, "", msg("terminal.frame-invalid-because", error=str(exc))
        return value, "", msg("terminal.frame-invalid")


def _pointer(message: str) -> str:
    """msgspec names the place as ``$.pose.orientation.x`` or ``$.joints[3]``; as a pointer.
    For a missing member the pointer names the member."""
    text, sep, path = message.partition(" - at `$")
    pointer = path.rstrip("`").replace("[", ".").replace("]", "").replace(".", "/") if sep else ""
    missing = text.partition("missing required field `")[2]
    return f"{pointer}/{missing.rstrip('`')}" if missing else pointer
