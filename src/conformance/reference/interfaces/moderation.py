"""The reference's timed sanctions and their enforcement (IF-CODE-004, IF-CODE-005).

The code of conduct (reporting.py, ``CONDUCT["sanctions"]``) names the sanctions a rule can
carry; two of them are timed and enforced on every authenticated request:

- ``mute``: the user's identities publish no content (``POST /assets`` is refused); they still
  read and act on what they hold;
- ``suspension``: the user's identities act not at all (every authenticated write is refused);
  they still read.

A ``ban`` is permanent: the user's identities are refused everything (reads too) and, as the ban
declares ``bars_registration``, the test-only provisioning of a new identity linked to a banned one
(which no sanction otherwise refuses, annex D) is refused too; it never lapses (IF-CODE-006).

A refusal is a 403 RFC 9457 problem of type ``.../problems/sanctioned`` whose extension member
``sanction`` names the sanction and ``until`` its end. ``POST /test-moderation/sanctions``
(test environments only, like ``POST /test-identities``) imposes a declared sanction for
``duration_s`` seconds on the identity of the bearer token, so the harness can see a sanction
imposed, enforced and lapse on an identity it controls. ``POST /test-moderation/clock`` with
``{"advance_s": n}``, as an identity, makes the sanctions of its user n seconds older (a test
clock, like the market's per-order one), so the lapse is seen without waiting it out.
Planted defects bend one sanction each.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from ..assets.ledger import Refused

TIMED = ("mute", "suspension")
#: The sanctions enforced on every request: the timed ones and the permanent ban.
ENFORCED = (*TIMED, "ban")
DEFECTS: dict[str, str] = {
    **{f"{s}-not-enforced": f"a {s} is recorded but not enforced: the identity still publishes" for s in TIMED},
    "mute-overbroad": "a mute also refuses the muted identity's reads and its acts on what it holds",
    "suspension-overbroad": "a suspension also refuses the suspended identity's reads",
    **{f"{s}-never-lapses": f"a {s} stays in force after its period has ended" for s in TIMED},
    **{f"{s}-not-on-linked": f"a {s} is enforced on the sanctioned identity only, not on the user's linked "
                             "identities" for s in (*TIMED, "ban")},
    "ban-reads-served": "a ban refuses the banned identity's writes but still serves its reads",
    "ban-lapses": "a ban ends after the longest period a timed sanction may have",
    "ban-registration-open": "a new identity linked to a banned one is registered (registration ignores the "
                             "ban's bars_registration)",
}
MODERATION_CLOCK_PATH = "/test-moderation/clock"
#: The most one call to the test clock advances it: a year and a day.
MAX_ADVANCE_S = 366 * 24 * 3600
MODERATION_PATH = "/test-moderation/sanctions"
#: The shortest and longest period the reference accepts for a timed sanction, in seconds.
MIN_PERIOD_S, MAX_PERIOD_S = 1, 30 * 24 * 3600
#: The sanctions the code of conduct declares (GET /conduct-rules, member ``sanctions``), by ID.
DECLARED: dict[str, dict[str, Any]] = {
    sanction: {"id": sanction, "title": title, **period}
    for sanction, title, period in (
        ("warning", {"en": "A warning", "zh": "警告"}, {}),
        ("mute", {"en": "Muted: no messages, chat or published content", "zh": "禁言：不得发送消息、聊天或发布内容"},
         {"min_period_s": MIN_PERIOD_S, "max_period_s": MAX_PERIOD_S}),
        ("trading-ban", {"en": "Banned from trading", "zh": "禁止交易"}, {}),
        ("removal", {"en": "The content is removed", "zh": "删除内容"}, {}),
        ("suspension", {"en": "Suspended: no action at all", "zh": "暂停账号：不得进行任何操作"},
         {"min_period_s": MIN_PERIOD_S, "max_period_s": MAX_PERIOD_S}),
        ("ban", {"en": "The user is banned for good, and may register no new identity",
                 "zh": "永久封禁用户，且不得注册新身份"}, {"bars_registration": True}),
    )
}
#: What each sanction refuses, by the kind of request (read, publish, act; ``register``: the test-only provisioning
#: of a new identity linked to the sanctioned user, which a sanction does not otherwise refuse, annex D, and a ban
#: declaring ``bars_registration`` does, IF-CODE-006 R4).
REFUSES = {"mute": {"publish"}, "suspension": {"publish", "act"},
           "ban": {"read", "publish", "act", *(("register",) if DECLARED["ban"].get("bars_registration") else ())}}
#: What the overbroad defects refuse besides.
OVERBROAD = {"mute": {"read", "act"}, "suspension": {"read"}, "ban": set()}


class Sanctioned(Refused):
    """A request refused because a sanction is in force on the caller's user."""

    def __init__(self, sanction: str, until: str | None) -> None:
        lasting = f"until {until}" if until else "with no end"
        super().__init__(403, "sanctioned", f"a {sanction} is in force on this user {lasting}")
        self.extra = {"sanction": sanction, **({"until": until} if until else {})}


def action_of(method: str, path: str) -> str:
    """The kind of an authenticated request: read, publish (new content) or act (any other write)."""
    if method in ("GET", "HEAD"):
        return "read"
    return "publish" if path.rstrip("/") == "/assets" else "act"


def stamp(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def lapsed(record: dict[str, Any], defects: frozenset[str], now: float) -> bool:
    """Whether the timed sanction ``record`` has ended (never, for an untimed one)."""
    end = record.get("_ends")
    return end is not None and now >= end and f"{record['sanction']}-never-lapses" not in defects


def enforce(records: Callable[[str, str], list[dict[str, Any]]], did: str, action: str,
            defects: frozenset[str], now: float) -> None:
    """Raises :class:`Sanctioned` when a sanction in force on ``did``'s user at ``now`` (its
    test clock) refuses ``action``; ``records(did, sanction)`` gives the sanction's records over
    the identities it is enforced on."""
    for sanction in ENFORCED:
        if f"{sanction}-not-enforced" in defects:
            continue
        refuses = REFUSES[sanction] | (OVERBROAD[sanction] if f"{sanction}-overbroad" in defects else set())
        if sanction == "ban" and "ban-reads-served" in defects:
            refuses = refuses - {"read"}
        if action not in refuses:
            continue
        for record in records(did, sanction):
            if not lapsed(record, defects, now):
                raise Sanctioned(sanction, record.get("until"))


def routes(authenticate: Callable[[Request], str], body: Callable[[Request], Awaitable[Any]],
           refused: Callable[[Refused], Response], impose: Callable[[str, dict[str, Any]], None],
           declared: dict[str, dict[str, Any]], age: Callable[[str, int], None],
           defects: frozenset[str] = frozenset()) -> list[Route]:
    """``POST /test-moderation/sanctions`` with ``{"sanction", "duration_s", "rule"?}``, as the
    identity to sanction; ``declared``: the code of conduct's sanctions by ID.
    ``POST /test-moderation/clock`` with ``{"advance_s"}``: ``age(did, seconds)`` makes the
    sanctions of ``did``'s user that much older."""

    async def moderate(request: Request) -> Response:
        try:
            did = authenticate(request)
            asked = await body(request)
            sanction = asked.get("sanction") if isinstance(asked, dict) else None
            if not isinstance(sanction, str) or sanction not in declared:
                raise Refused(400, "bad-request", f"sanction must be one of {sorted(declared)}")
            spec = declared[sanction]
            duration = asked.get("duration_s")
            low, high = spec.get("min_period_s"), spec.get("max_period_s", MAX_PERIOD_S)
            if low is not None and not (type(duration) is int and low <= duration <= high):
                raise Refused(400, "bad-request", f"duration_s must be an integer from {low} to {high}")
            rule = asked.get("rule")
            if rule is not None and not isinstance(rule, str):
                raise Refused(400, "bad-request", "rule, when given, is a published rule's ID")
        except Refused as exc:
            return refused(exc)
        since = reference_clock.seconds()
        record: dict[str, Any] = {"sanction": sanction, "since": stamp(since)}
        if low is not None:
            record |= {"until": stamp(since + duration), "_ends": since + duration}
        elif sanction == "ban" and "ban-lapses" in defects:  # quietly ends with the longest timed period
            record["_ends"] = since + MAX_PERIOD_S
        if rule is not None:
            record["rule"] = rule
        impose(did, record)
        shown = {k: v for k, v in record.items() if not k.startswith("_")}
        return JSONResponse({**shown, "identity": did}, status_code=201)

    async def clock(request: Request) -> Response:
        try:
            did = authenticate(request)
            asked = await body(request)
            seconds = asked.get("advance_s") if isinstance(asked, dict) else None
            if not (type(seconds) is int and 0 <= seconds <= MAX_ADVANCE_S):
                raise Refused(400, "bad-request", f"advance_s must be an integer from 0 to {MAX_ADVANCE_S}")
        except Refused as exc:
            return refused(exc)
        age(did, seconds)
        return JSONResponse({"identity": did, "advanced_s": seconds})

    return [Route(MODERATION_PATH, moderate, methods=["POST"]),
            Route(MODERATION_CLOCK_PATH, clock, methods=["POST"])]
