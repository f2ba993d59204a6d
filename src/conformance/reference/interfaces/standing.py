"""The reference's users and their several identities: which identities are linked as one
user's, and the sanctions moderation imposed on any of them (IF-CODE-002).

``POST /test-identities`` with ``{"linked_to": "<DID>"}``, authenticated as that DID, creates
another identity of the same user (assets/registry.py). A sanction a report's outcome imposes
on an identity (reporting.py) is the user's: ``GET /identities/{did}/standing`` lists the
sanctions of every identity linked to ``did``, each naming the identity it was imposed on.
A ``removal`` a report's outcome imposes on content is listed in its author's standing, naming the
content (removal.py). A ``ban`` (moderation.py) refuses the user everything, and a new identity linked to a banned
one. A ``trading-ban`` is enforced on every identity of the user: the market refuses their orders
(:meth:`Community.banned`, assets/routes.py). A timed sanction (``mute``, ``suspension``,
moderation.py) is enforced on every authenticated request of the user's identities
(:meth:`Community.enforce`) until it lapses, and is no longer listed once it has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import clock as reference_clock
from . import moderation
from .harassment import Chats

DEFECTS: dict[str, str] = {
    "sanction-not-recorded": "GET /identities/{did}/standing lists no sanction, not even the identity's own",
    "sanction-not-shared-with-linked": "a sanction shows only on the identity it was imposed on, not on the "
                                       "user's linked identities",
    "sanction-not-enforced": "a trading ban is not enforced: the banned user's identities still place orders",
    "sanction-not-enforced-on-linked": "a trading ban is enforced on the sanctioned identity only, not on the "
                                       "user's linked identities",
    "conduct-not-sanctioned": "repeated violating test content submitted by a user's identities earns no sanction",
    "conduct-counted-per-identity": "violating submissions are counted per identity, so a user spreading them over "
                                    "its linked identities is never sanctioned",
}
#: How many violating submissions of one user earn a suspension, and for how long (IF-CODE-008): the
#: catalog's own number, and the reference's own period (a week).
REPEATS, SUSPENSION_S = 3, 7 * 24 * 3600
STANDING_PATH = "/identities/{did}/standing"


class Community:
    """Links between identities (each DID -> its user's first DID) and sanctions by DID."""

    def __init__(self, defects: frozenset[str] = frozenset()) -> None:
        self.defects = defects
        self.user: dict[str, str] = {}
        self.sanctions: dict[str, list[dict[str, Any]]] = {}
        #: Violating test content each identity submitted (IF-CODE-008), by DID.
        self.violations: dict[str, int] = {}
        #: Content a report's outcome removed: asset ID -> the removal (report_id, rule, since), and
        #: each such report's author (IF-CODE-007, removal.py).
        self.removed: dict[str, dict[str, Any]] = {}
        self.removal_authors: dict[str, str] = {}
        #: Who authored content by its ID (None: no such content); the registry sets it.
        self.author_of: Callable[[str], str | None] = lambda asset_id: None
        #: Whether the user a bearer token names is real-name verified (None: no such token); the
        #: registry sets it, the identity registrar reads it (ID-REG-002 R4).
        self.real_name: Callable[[str], bool | None] = lambda token: None
        #: What users said to each other in shared spaces (IF-CODE-010, harassment.py), and the DID a
        #: bearer token names (None: no such token); the registry sets it, a report's reporter is read by it.
        self.chats = Chats()
        self.did_of: Callable[[str], str | None] = lambda token: None

    def link(self, did: str, to: str) -> None:
        self.user[did] = self.user.get(to, to)

    def identities(self, did: str) -> set[str]:
        """The DIDs of the user ``did`` belongs to (``did`` alone when it has no link)."""
        user = self.user.get(did, did)
        return {did, user, *(d for d, u in self.user.items() if u == user)}

    def sanction(self, did: str, record: dict[str, Any]) -> None:
        self.sanctions.setdefault(did, []).append({**record, "identity": did})

    def violated(self, did: str, rule: str) -> None:
        """``did`` submitted violating test content (the review refused it): the user's REPEATS-th
        such submission, counted over all its identities, suspends the user for a week."""
        self.violations[did] = self.violations.get(did, 0) + 1
        counted = {did} if "conduct-counted-per-identity" in self.defects else self.identities(did)
        if sum(self.violations.get(d, 0) for d in counted) != REPEATS or "conduct-not-sanctioned" in self.defects:
            return
        since = reference_clock.seconds()
        self.sanction(did, {"sanction": "suspension", "rule": rule, "since": moderation.stamp(since),
                            "until": moderation.stamp(since + SUSPENSION_S), "_ends": since + SUSPENSION_S})

    def remove(self, asset_id: str, record: dict[str, Any]) -> None:
        """A report's outcome removes ``asset_id`` (nothing, when no content has that ID); the
        author's standing lists the removal, which is how the author learns of it."""
        author = self.author_of(asset_id)
        if author is None:
            return
        self.removed[asset_id] = record
        self.removal_authors[record["report_id"]] = author
        if "removal-author-not-notified" not in self.defects:
            self.sanction(author, {"sanction": "removal", "subject": asset_id, **record})

    def banned(self, did: str) -> bool:
        """Whether a trading ban is in force on the user ``did`` belongs to."""
        if "sanction-not-enforced" in self.defects:
            return False
        shared = {did} if "sanction-not-enforced-on-linked" in self.defects else self.identities(did)
        return any(s["sanction"] == "trading-ban" for d in shared for s in self.sanctions.get(d, []))

    def enforce(self, did: str, action: str) -> None:
        """Raises moderation.Sanctioned when a sanction in force on the user ``did`` belongs to
        refuses ``action`` (read, publish, act)."""
        def records(who: str, sanction: str) -> list[dict[str, Any]]:
            shared = {who} if f"{sanction}-not-on-linked" in self.defects else self.identities(who)
            return [s for d in shared for s in self.sanctions.get(d, []) if s["sanction"] == sanction]
        moderation.enforce(records, did, action, self.defects, reference_clock.seconds())

    def age(self, did: str, seconds: int) -> None:
        """The test clock: the sanctions of the user ``did`` belongs to are ``seconds`` older."""
        for who in self.identities(did):
            for record in self.sanctions.get(who, []):
                if record.get("_ends") is not None:
                    record["_ends"] -= seconds

    def standing(self, did: str) -> dict[str, Any]:
        if "sanction-not-recorded" in self.defects:
            return {"did": did, "sanctions": []}
        shared = {did} if "sanction-not-shared-with-linked" in self.defects else self.identities(did)
        now = reference_clock.seconds()
        return {"did": did, "sanctions": [{k: v for k, v in s.items() if not k.startswith("_")}
                                          for d in sorted(shared) for s in self.sanctions.get(d, [])
                                          if not moderation.lapsed(s, self.defects, now)]}
