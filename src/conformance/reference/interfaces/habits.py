"""Habit data the reference derives from a user's records, and the recommendations built on it
(PIPL art. 24, 45, 47, 73 (2); IF-UDP-013).

While a user consents to personalisation (a purpose of consent, userdata.py), the reference
derives one label from its records: ``creator`` once the user has issued an asset. The label is
the user's personal information: its export carries it (``derived``), and it goes with the
user's data when the user deletes it, and with the consent when the user withdraws it.
``GET /users/{did}/recommendations`` lists the newest assets of the registry (at most
MAX_ITEMS): newest first for everyone, and oldest first of the same for a user labelled
``creator`` (the personalisation); ``?personalised=false`` is the option not based on the
user's characteristics (art. 24, paragraph 2): the same list for every user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..assets.ledger import Ledger

DEFECTS = {
    "recommendations-no-option": "recommendations asked for with personalised=false are personalised all the same",
    "habit-derived-not-exported": "a user's export leaves out the habit label derived from its records",
    "habit-derived-kept-after-delete": "the habit label derived from a user's records stays after it deleted its data",
    "recommendations-not-json": "the recommendations are answered 200 with a body that is not JSON",
    "recommendations-off-contract": "the recommendations are answered 200 as a JSON list, without the contract's "
    "`items` object",
}
#: The purpose the habit data is derived for, the action it is declared under, and the most items listed.
PURPOSE, ACTION, MAX_ITEMS = "personalisation", "habit.derive", 20


class Habits:
    """The labels derived for each user, from the ledger and the user's consent."""

    def __init__(self, ledger: Ledger, defects: frozenset[str], consented: Callable[[str, str], bool]) -> None:
        self.ledger, self.defects, self.consented = ledger, defects, consented
        self.stale: dict[str, list[dict[str, str]]] = {}  # habit-derived-kept-after-delete: DID -> its labels

    def derived(self, did: str) -> list[dict[str, str]]:
        """The labels derived for ``did`` now."""
        if did in self.stale:
            return [dict(label) for label in self.stale[did]]
        if not self.consented(did, PURPOSE):
            return []
        issued = any(event.get("type") == "issue" and event.get("actor") == did
                     for asset in self.ledger.assets.values() for event in asset.events)
        return [{"label": "creator", "purpose": PURPOSE}] if issued else []

    def exported(self, did: str) -> list[dict[str, str]]:
        """What the user's export carries of its labels."""
        return [] if "habit-derived-not-exported" in self.defects else self.derived(did)

    def forget(self, did: str) -> None:
        """The user deletes its data: its labels go with it (PIPL art. 47)."""
        if "habit-derived-kept-after-delete" in self.defects and self.derived(did):
            self.stale[did] = self.derived(did)
        else:
            self.stale.pop(did, None)

    def items(self, did: str, personalised: bool) -> list[str]:
        newest = [str(asset_id) for asset_id in list(self.ledger.assets)[-MAX_ITEMS:]][::-1]
        if (personalised or "recommendations-no-option" in self.defects) and self.derived(did):
            return newest[::-1]
        return newest


def routes(habits: Habits, refused: Callable[[Request, str | None], Response | None]) -> list[Route]:
    async def recommendations(request: Request) -> Response:
        did = request.path_params["did"]
        denied = refused(request, did)
        if denied is not None:
            return denied
        if "recommendations-not-json" in habits.defects:
            return Response("recommended: see the web page", media_type="text/plain")
        personalised = request.query_params.get("personalised", "true") != "false"
        if "recommendations-off-contract" in habits.defects:
            return JSONResponse(habits.items(did, personalised))
        body: dict[str, Any] = {"items": habits.items(did, personalised), "personalised": personalised}
        return JSONResponse(body)

    return [Route("/users/{did}/recommendations", recommendations, methods=["GET"])]
