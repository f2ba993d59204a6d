"""The reference's paid game services for minors, held to the caps of the NPPA's 2019 notice on
preventing minors' addiction to online games (国新出发〔2019〕34号, item 3): no payment for a user
under 8; from 8 to under 16 at most 50 yuan a payment and 200 yuan a calendar month; from 16 to
under 18 at most 100 yuan a payment and 400 yuan a month (docs/assets.md, "Anti-addiction").

``POST /payments`` ``{"amount": "<yuan, two decimals>", "currency": "CNY"}`` as an identity pays
for a game service: 201 ``{"payment_id", "amount", "currency", "at"}``, or 403
(``payment-restricted``) when the caller's age, from its real-name verified birth date on its
clock (realname.py), forbids it. The month is the calendar month in Beijing time on that clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .ledger import Refused
from .realname import BEIJING

DEFECTS: dict[str, str] = {
    "payment-under-8-served": "a minor under 8 is served a payment within the caps of the 8-to-16 band",
    "payment-single-cap-ignored": "a minor's single payment above its band's cap is served",
    "payment-monthly-cap-ignored": "a minor's payments are served past its band's monthly total",
    "payment-caps-of-younger-band": "a minor of 16 or 17 is held to the caps of the 8-to-16 band",
    "payment-month-in-utc": "a minor's monthly total runs by the calendar month in UTC, so that the first eight "
                            "hours of a month in Beijing time count to the month before",
}
PAYMENTS_PATH = "/payments"
#: (lowest age, single-payment cap, monthly cap) in yuan, from the oldest band down; None: no payment.
CAPS: tuple[tuple[int, Decimal | None, Decimal | None], ...] = (
    (16, Decimal("100"), Decimal("400")), (8, Decimal("50"), Decimal("200")), (0, None, None))


def caps(age: int, defects: frozenset[str]) -> tuple[Decimal | None, Decimal | None] | None:
    """(single cap, monthly cap) for a minor of ``age``; None for an adult (no cap)."""
    if age >= 18:
        return None
    if age >= 16 and "payment-caps-of-younger-band" in defects:
        age = 8
    if age < 8 and "payment-under-8-served" in defects:
        age = 8
    return next((single, month) for lowest, single, month in CAPS if age >= lowest)


def routes(age_of: Callable[[Request], tuple[str, int | None]], now: Callable[[str], datetime],
           body: Callable[[Request], Awaitable[Any]], refused: Callable[[Refused], Response],
           defects: frozenset[str], unverified: Callable[[str], bool] = lambda did: False) -> list[Route]:
    """``age_of(request)``: the caller's DID and its age (None: unknown, an adult by the annex);
    ``now(did)``: the platform's clock for that identity."""
    paid: dict[tuple[str, str], Decimal] = {}  # (DID, YYYY-MM) -> the month's total
    count = [0]

    async def pay(request: Request) -> Response:
        try:
            did, age = age_of(request)
            data = await body(request)
            try:
                amount = Decimal(str(data.get("amount"))) if isinstance(data, dict) else None
            except InvalidOperation:
                amount = None
            if (amount is None or not amount.is_finite() or amount <= 0 or amount.as_tuple().exponent < -2
                    or data.get("currency") != "CNY"):
                raise Refused(400, "bad-request", 'the body must be {"amount": "<yuan, up to two decimals>", '
                                                  '"currency": "CNY"}')
            if unverified(did):
                raise Refused(403, "real-name-required", "no paid service without real-name verification")
            at = now(did).astimezone(BEIJING)
            month = (did, (at.astimezone(UTC) if "payment-month-in-utc" in defects else at).strftime("%Y-%m"))
            limits = caps(age, defects) if age is not None else None
            if limits is not None:
                single, monthly = limits
                if single is None or monthly is None:
                    raise Refused(403, "payment-restricted", "no paid game services for users under 8")
                if amount > single and "payment-single-cap-ignored" not in defects:
                    raise Refused(403, "payment-restricted", f"a single payment is at most {single} yuan at this age")
                if paid.get(month, Decimal(0)) + amount > monthly and "payment-monthly-cap-ignored" not in defects:
                    raise Refused(403, "payment-restricted", f"payments total at most {monthly} yuan a month "
                                                             "at this age")
        except Refused as exc:
            return refused(exc)
        paid[month] = paid.get(month, Decimal(0)) + amount
        count[0] += 1
        return JSONResponse({"payment_id": f"pay-{count[0]:06d}", "amount": f"{amount:.2f}", "currency": "CNY",
                             "at": at.isoformat()}, status_code=201)

    return [Route(PAYMENTS_PATH, pay, methods=["POST"])]
