"""Sign-up, sign-in (password, then the TOTP code), sign-out, and an organisation's members."""

from __future__ import annotations

from sqlalchemy import select
from starlette.responses import Response
from starlette.routing import Route

from . import auth
from .models import MEMBER, OWNER, Membership, Organisation, User
from .web import Visit, route, see


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


ROUTES = [
    Route("/signup", sign_up_page, methods=["GET"]), Route("/signup", sign_up, methods=["POST"]),
    Route("/signin", sign_in_page, methods=["GET"]), Route("/signin", sign_in, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"]),
    Route("/organisation", members_page, methods=["GET"]), Route("/organisation/members", add_member, methods=["POST"]),
]
