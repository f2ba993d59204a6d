"""Sign-up, sign-in (password, then the TOTP code; or OpenID Connect at the configured provider),
sign-out, and an organisation's members."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

import httpx
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from . import auth, oidc
from .models import MEMBER, OWNER, Membership, OidcLogin, OidcSubject, Organisation, User, now
from .web import Visit, route, see

LOG = logging.getLogger("conformance.service.accounts")


@route(signed_in=False)
def sign_up_page(visit: Visit) -> Response:
    return visit.page("signup.html.j2")


@route(signed_in=False)
def sign_up(visit: Visit) -> Response:
    """A new account owning a new organisation; its TOTP enrolment URI is shown this once."""
    email, password = visit.form.get("email", "").strip().lower(), visit.form.get("password", "")
    organisation = visit.form.get("organisation", "").strip()
    taken = visit.db.scalar(select(User).where(User.email == email)) is not None
    if taken or "@" not in email or len(email) > 254 or len(password) < auth.MIN_PASSWORD or not 0 < len(
            organisation) <= 200:
        return visit.page("signup.html.j2", status=400, refused=True)
    with visit.unlocked():  # argon2id: about half a second of one core
        hashed = auth.hash_password(password)
    if visit.db.scalar(select(User).where(User.email == email)) is not None:  # taken meanwhile
        return visit.page("signup.html.j2", status=400, refused=True)
    seed = auth.new_totp_seed()
    user = User(email=email, password_hash=hashed, totp_seed=visit.service.vault.seal(seed))
    org = Organisation(name=organisation)
    visit.db.add_all([user, org])
    visit.db.flush()
    visit.db.add(Membership(user_id=user.id, organisation_id=org.id, role=OWNER))
    return visit.page("enrol.html.j2", uri=auth.enrolment_uri(seed, email))


@route(signed_in=False)
def sign_in_page(visit: Visit) -> Response:
    return visit.page("signin.html.j2")


@route(signed_in=False)
def sign_in(visit: Visit) -> Response:
    email = visit.form.get("email", "").strip().lower()
    address = visit.request.client.host if visit.request.client else "-"
    keys = (f"account:{email}", f"address:{address}")
    visit.service.limit.refuse_if_over(*keys)
    user = visit.db.scalar(select(User).where(User.email == email))
    with visit.unlocked():  # argon2id: about half a second of one core
        matches = (user is not None and auth.password_matches(user.password_hash, visit.form.get("password", ""))
                   and auth.totp_matches(visit.service.vault.open(user.totp_seed), visit.form.get("code", "")))
    if user is None or not matches:
        visit.service.limit.failed(*keys)
        return visit.page("signin.html.j2", status=400, refused=True)
    membership = visit.db.scalar(select(Membership).where(Membership.user_id == user.id))
    visit.rotate(user.id, membership.organisation_id if membership else None)
    return see("/products")


@route(signed_in=True)
def sign_out(visit: Visit) -> Response:
    visit.rotate(None, None)
    return see("/")


@route(signed_in=True)
def members_page(visit: Visit) -> Response:
    rows = visit.db.execute(select(User.email, Membership.role).join(Membership, Membership.user_id == User.id)
                            .where(Membership.organisation_id == visit.organisation_id)).all()
    return visit.page("members.html.j2", members=rows)


@route(signed_in=True)
def add_member(visit: Visit) -> Response:
    """An owner adds an existing account as a member (a member may not)."""
    mine = visit.db.scalar(select(Membership).where(Membership.user_id == visit.login.user_id,
                                                    Membership.organisation_id == visit.organisation_id))
    user = visit.db.scalar(select(User).where(User.email == visit.form.get("email", "").strip().lower()))
    if mine is None or mine.role != OWNER or user is None:
        return visit.page("members.html.j2", status=400, refused=True, members=[])
    if visit.db.scalar(select(Membership).where(Membership.user_id == user.id,
                                                Membership.organisation_id == visit.organisation_id)) is None:
        visit.db.add(Membership(user_id=user.id, organisation_id=visit.organisation_id, role=MEMBER))
    return see("/organisation")


#: how long an OpenID Connect sign-in may take at the provider (the service's own choice)
OIDC_MINUTES = 10


def _callback_url(visit: Visit) -> str:
    return str(visit.request.url_for("oidc_callback"))


@route(signed_in=False, writes=True)
def oidc_start(visit: Visit) -> Response:
    """Off to the provider: a new state, nonce and PKCE verifier, kept for this browser's session."""
    provider = visit.service.oidc
    if provider is None:
        raise HTTPException(404, "not found")
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    with visit.unlocked():  # the provider's discovery document, read once
        try:
            url = provider.authorisation_url(_callback_url(visit), state, nonce, verifier)
        except (oidc.Refused, httpx.HTTPError, ValueError) as failed:
            LOG.warning("OpenID Connect sign-in not begun: %s", failed)
            return visit.page("signin.html.j2", status=502, refused=True)
    visit.db.add(OidcLogin(state_hash=_hash(state), session_hash=visit.login.token_hash, nonce=nonce,
                           verifier=verifier, expires=now() + timedelta(minutes=OIDC_MINUTES)))
    return RedirectResponse(url, status_code=303)


@route(signed_in=False, writes=True)
def oidc_callback(visit: Visit) -> Response:
    """Back from the provider: the state this browser's session began (once, in time), the code
    redeemed, the ID token checked; its subject's account (made at its first sign-in, owning a
    new organisation) signed in, the session rotated."""
    provider = visit.service.oidc
    if provider is None:
        raise HTTPException(404, "not found")
    state, code = visit.request.query_params.get("state", ""), visit.request.query_params.get("code", "")
    pending = visit.db.get(OidcLogin, _hash(state)) if state else None
    if pending is None or pending.session_hash != visit.login.token_hash or pending.expires <= now() or not code:
        return visit.page("signin.html.j2", status=400, refused=True)
    visit.db.delete(pending)  # used once, whatever the provider says next
    with visit.unlocked():
        try:
            claims = provider.claims_for(code, _callback_url(visit), pending.verifier, pending.nonce)
        except oidc.Refused as refused:
            LOG.warning("OpenID Connect sign-in refused: %s", refused)
            return visit.page("signin.html.j2", status=400, refused=True)
    issuer, subject = provider.provider.issuer, str(claims["sub"])
    known = visit.db.scalar(select(OidcSubject).where(OidcSubject.issuer == issuer,
                                                      OidcSubject.subject == subject))
    organisation_id: str | None
    if known is None:
        user_id, organisation_id = _new_account(visit, issuer, subject, claims)
    else:
        user_id = known.user_id
        membership = visit.db.scalar(select(Membership).where(Membership.user_id == user_id))
        organisation_id = membership.organisation_id if membership else None
    visit.rotate(user_id, organisation_id)
    return see("/products")


def _new_account(visit: Visit, issuer: str, subject: str, claims: dict[str, object]) -> tuple[str, str]:
    """An account for the provider's subject, owning a new organisation; its email the token's
    when the provider verified it and no account has it (never an existing account taken over)."""
    email = str(claims.get("email", "")).strip().lower()
    if claims.get("email_verified") is not True or "@" not in email or len(email) > 254 or visit.db.scalar(
            select(User).where(User.email == email)) is not None:
        email = f"{hashlib.sha256(f'{issuer} {subject}'.encode()).hexdigest()[:32]}@oidc.invalid"
    user = User(email=email, password_hash="-", totp_seed=visit.service.vault.seal(auth.new_totp_seed()))
    org = Organisation(name=email.split("@")[0][:200] if not email.endswith("@oidc.invalid") else subject[:200])
    visit.db.add_all([user, org])
    visit.db.flush()
    visit.db.add_all([Membership(user_id=user.id, organisation_id=org.id, role=OWNER),
                      OidcSubject(issuer=issuer, subject=subject, user_id=user.id)])
    return user.id, org.id


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


ROUTES = [
    Route("/signup", sign_up_page, methods=["GET"]), Route("/signup", sign_up, methods=["POST"]),
    Route("/signin", sign_in_page, methods=["GET"]), Route("/signin", sign_in, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"]),
    Route("/signin/oidc", oidc_start, methods=["GET"]),
    Route("/signin/oidc/callback", oidc_callback, methods=["GET"], name="oidc_callback"),
    Route("/organisation", members_page, methods=["GET"]), Route("/organisation/members", add_member, methods=["POST"]),
]
