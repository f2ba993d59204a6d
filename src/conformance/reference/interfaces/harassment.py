"""Harassment between users in a shared space, reported by its target (IF-CODE-010).

A participant's state may carry a chat message (``chat``: its text and, where it says it to one
participant, ``to``; annex D's session binding, sessions.py). The space keeps what was said, by
space, sender and seq (:class:`Chats`), so a report naming a message (``session``: space,
participant, seq) is judged on what the platform itself relayed, not on the reporter's word:
harassment (a message carrying annex D's marker of violating test content) reported
in the category harassment by the participant it was said to is upheld with a mute of its author
for a day (the reference's own period, within the mute's declared bounds); a report naming a
message without the marker, or one its reporter was not told, is decided with no action. While
the mute is in force, the author's chat messages reach nobody in any space (its states still do:
a mute silences, it does not hide).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import moderation
from .screening import MARKER

DEFECTS: dict[str, str] = {
    "harassment-not-upheld": "a report of harassment said in a shared space, filed by the participant it was "
                             "said to, is decided with no action",
    "harassment-upheld-unchecked": "a harassment report naming a chat message mutes its subject whatever the "
                                   "message said",
    "harassment-mute-not-enforced-in-space": "a muted user's chat messages are still relayed in shared spaces",
}
#: How long an upheld harassment report mutes its author: a day, the reference's own choice.
MUTE_S = 24 * 3600
#: The most chat messages kept (the oldest forgotten first): a bound on what a test deployment holds.
MAX_SAID = 10_000


@dataclass
class Chats:
    """What was said in the shared spaces: (space, participant ID, seq) -> (sender DID, recipient
    participant ID or None, text)."""

    said: dict[tuple[str, str, int], tuple[str, str | None, str]] = field(default_factory=dict)
    #: participant ID -> (the space, the DID it joined as), for the participants of the messages kept
    joined_as: dict[str, tuple[str, str]] = field(default_factory=dict)

    def joined(self, space: str, participant: str, did: str) -> None:
        self.joined_as[participant] = (space, did)
        while len(self.joined_as) > MAX_SAID:
            self.joined_as.pop(next(iter(self.joined_as)))

    def record(self, space: str, participant: str, seq: int, did: str, chat: dict[str, Any]) -> None:
        to = chat.get("to")
        self.said[(space, participant, seq)] = (did, to if isinstance(to, str) else None, chat["text"])
        while len(self.said) > MAX_SAID:
            self.said.pop(next(iter(self.said)))

    def heard_by(self, space: str, to: str | None, did: str) -> bool:
        """Whether the user ``did`` was told a message said in ``space`` to ``to`` (None: to the
        whole space): it was in the space, as the participant it was said to when one is named."""
        return any(where == space and who == did and (to is None or participant == to)
                   for participant, (where, who) in self.joined_as.items())


def chat_of(params: dict[str, Any]) -> dict[str, Any] | None:
    """The chat message a publish carries, when it is one (annex D: text, optionally to)."""
    chat = params.get("chat")
    if not isinstance(chat, dict) or not isinstance(chat.get("text"), str) or not 0 < len(chat["text"]) <= 500:
        return None
    to = chat.get("to")
    return {"text": chat["text"], **({"to": to} if isinstance(to, str) and to else {})}


def silenced(enforce: Any, did: str, defects: frozenset[str]) -> bool:
    """Whether a sanction in force on ``did``'s user refuses it publishing (a mute, a suspension,
    a ban): its chat messages are then relayed to nobody."""
    if "harassment-mute-not-enforced-in-space" in defects:
        return False
    try:
        enforce(did, "publish")
    except moderation.Sanctioned:
        return True
    return False


def judged(chats: Chats, body: dict[str, Any], reporter: str | None, defects: frozenset[str]) -> bool | None:
    """A harassment report naming a chat message: whether it is upheld (None: not such a report).
    Upheld when the message was said by the report's subject, to the reporter or to the whole
    space the reporter was in, and carries the marker of violating test content."""
    where = body.get("session")
    if body.get("category") != "harassment" or not isinstance(where, dict):
        return None
    if "harassment-not-upheld" in defects:
        return False
    if "harassment-upheld-unchecked" in defects:
        return True
    key = (str(where.get("space")), str(where.get("participant")), where.get("seq"))
    said = chats.said.get(key) if isinstance(key[2], int) else None
    if said is None or reporter is None:
        return False
    did, to, text = said
    return did == body.get("subject") and chats.heard_by(key[0], to, reporter) and MARKER in text


def mute(since: float) -> dict[str, Any]:
    """The sanction record an upheld harassment report imposes on its author."""
    return {"sanction": "mute", "until": moderation.stamp(since + MUTE_S), "_ends": since + MUTE_S}
