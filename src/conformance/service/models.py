"""The service's tables (SQLAlchemy ORM): organisations and their members, accounts, sessions,
products and their versions, encrypted secrets, self-test runs. Object ids are random: a guessed
id finds nothing, and tenancy (tenancy.py) answers 404 for another organisation's anyway."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import Engine, ForeignKey, LargeBinary, String, Text, UniqueConstraint, inspect
from sqlalchemy import text as sql
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

OWNER, MEMBER = "owner", "member"


def new_id() -> str:
    return secrets.token_hex(8)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # SQLite keeps naive times: all are UTC


def writing(db: Session) -> None:
    """Begin ``db``'s transaction as a writer (SQLite: BEGIN IMMEDIATE, the write lock at once):
    requests run side by side in threads, and a transaction that read and then writes would fail,
    not wait, were another writer's commit to come between (WAL's snapshot rule). PostgreSQL: a
    plain BEGIN."""
    db.connection(execution_options={"immediate": True})


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    #: the TOTP seed, encrypted with the service's key (products.Vault)
    totp_seed: Mapped[bytes] = mapped_column(LargeBinary)
    #: a programme officer: reviews applications; not a role within an organisation, never by sign-up
    officer: Mapped[bool] = mapped_column(default=False)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    role: Mapped[str] = mapped_column(String(16))


class LoginSession(Base):
    """A browser's session: anonymous until sign-in, which replaces it with a new one."""

    __tablename__ = "sessions"
    #: SHA-256 of the cookie's token: a database dump signs nobody in
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    csrf: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"), default=None)
    expires: Mapped[datetime] = mapped_column(index=True)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))


class Version(Base):
    __tablename__ = "versions"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    version: Mapped[str] = mapped_column(String(100))
    manifest: Mapped[str] = mapped_column(Text)


class Secret(Base):
    """An endpoint secret: the variable a manifest names, and its value encrypted (never shown again)."""

    __tablename__ = "secrets"
    __table_args__ = (UniqueConstraint("product_id", "name"),)
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("versions.id"))
    #: queued, running, then the programme history's status (finished, bad-input, timeout, ...)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    exit_code: Mapped[int | None] = mapped_column(default=None)
    detail: Mapped[str] = mapped_column(Text, default="")
    report_dir: Mapped[str | None] = mapped_column(Text, default=None)
    created: Mapped[datetime] = mapped_column(default=now)


class Application(Base):
    """An application for certification of a conformant self-test run, which officers review:
    submitted, then certified or refused; a certificate may then be suspended, reinstated, revoked."""

    __tablename__ = "applications"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=new_id)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    #: the officer's reason for the latest refusal, suspension or revocation (or why certify declined)
    reason: Mapped[str] = mapped_column(Text, default="")
    #: the certificate the programme issued for it (urn:uuid:...) and its file under the run folder
    certificate_id: Mapped[str | None] = mapped_column(String(100), default=None)
    certificate_file: Mapped[str | None] = mapped_column(Text, default=None)
    created: Mapped[datetime] = mapped_column(default=now)
    #: the version's programme run that took the officers' assessment records (assessing.py): the
    #: run certify certifies instead of ``run_id`` (None: no records, or none run with them yet)
    assessed_run_id: Mapped[str | None] = mapped_column(String(16), default=None)


class AuditRow(Base):
    """One officer action: who, what, on which application, why, and the outcome."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    officer_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(20))
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    #: why an action was declined, as a message's key and arguments (JSON), so the review page
    #: says it in the officer's language; ``outcome`` keeps its English for logs and dumps
    declined: Mapped[str | None] = mapped_column(Text, default=None)
    at: Mapped[datetime] = mapped_column(default=now)


class AssessmentRow(Base):
    """An officer's assessment record of one manual requirement for an application (the record's
    file, in the existing format, under ``FOLDER/assessments/APPLICATION/``): one per requirement,
    a later recording replacing it."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("application_id", "requirement"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    requirement: Mapped[str] = mapped_column(String(100))
    verdict: Mapped[str] = mapped_column(String(20))
    #: the record's file, relative to the service's folder
    file: Mapped[str] = mapped_column(Text)
    #: the assessor key's fingerprint that signed it (None: unsigned, the plan lists no assessors)
    signed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    officer_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=now)


class ApiToken(Base):
    """An organisation's API token: shown once when made; the database keeps its SHA-256 only."""

    __tablename__ = "api_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    created: Mapped[datetime] = mapped_column(default=now)


class OidcLogin(Base):
    """An OpenID Connect sign-in under way: its state (SHA-256: a database dump completes none),
    the browser session that began it (the callback must come back to it: no login CSRF), the
    nonce the ID token must carry and the PKCE verifier; used once, within minutes."""

    __tablename__ = "oidc_logins"
    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_hash: Mapped[str] = mapped_column(String(64))
    nonce: Mapped[str] = mapped_column(String(64))
    verifier: Mapped[str] = mapped_column(String(128))
    expires: Mapped[datetime] = mapped_column(index=True)


class OidcSubject(Base):
    """An account as the OpenID Connect provider knows it: its issuer and subject (``sub``)."""

    __tablename__ = "oidc_subjects"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))


def add_missing_columns(engine: Engine) -> None:
    """Columns a later version of the service added, added to a database an earlier one made
    (``create_all`` makes missing tables only). Such columns are nullable: rows already there
    keep NULL, which the pages read as "not recorded"."""
    found = inspect(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if not found.has_table(table.name):
                continue
            have = {column["name"] for column in found.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    kind = column.type.compile(engine.dialect)
                    connection.execute(sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'))
