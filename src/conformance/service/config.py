"""What the service runs on: its folder (the SQLite database, the runs' folders, its key), all
defaults embedded so that ``conformance service FOLDER`` starts it with nothing else."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.fernet import Fernet

from .._io.outputs import atomic_write
from .._io.vendorfiles import MAX_DOCUMENT_BYTES
from ..errors import HarnessInputError

#: the environment variable that gives the key secrets are encrypted with (a Fernet key); without
#: it, the key is made once and kept in the folder's ``service.key``, readable by its owner only
KEY_ENV = "CONFORMANCE_SERVICE_KEY"
KEY_FILE = "service.key"
#: how long a signed-in session lasts without a new sign-in (the service's own choice)
SESSION_HOURS = 12
#: failed sign-ins of one account (or from one address) before it must wait (the service's own choice)
SIGN_IN_ATTEMPTS = 5
SIGN_IN_WINDOW_S = 15 * 60
#: the OpenID Connect client's secret, read from the environment only (never a command's argument)
OIDC_SECRET_ENV = "CONFORMANCE_OIDC_CLIENT_SECRET"
#: an organisation's self-tests queued or running at once; one more is refused (429) until one is
#: done (the service's own choice: a vendor's CI and its people together, not one cohort's worth)
QUEUED_RUNS = 5
#: the Retry-After of that refusal, in seconds (the service's own choice: about one self-test's time)
RUN_RETRY_AFTER_S = 60


@dataclass(frozen=True)
class OidcProvider:
    """The OpenID Connect provider accounts may sign in with (``--oidc-issuer``, ``--oidc-client-id``,
    the secret from ``$CONFORMANCE_OIDC_CLIENT_SECRET``)."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class ServiceConfig:
    folder: Path
    #: a SQLite file, or a database URL (postgresql+psycopg://...)
    database: Path | str
    key: bytes
    session_hours: int = SESSION_HOURS
    sign_in_attempts: int = SIGN_IN_ATTEMPTS
    #: an organisation's self-tests queued or running at once (``--queued-runs``)
    queued_runs: int = QUEUED_RUNS
    #: the largest file an organisation uploads: the harness's bound on a document it reads whole
    max_upload_bytes: int = MAX_DOCUMENT_BYTES
    #: the OpenID Connect provider of the "sign in with" link (None: passwords and TOTP only)
    oidc: OidcProvider | None = None
    #: cookies marked Secure (off only where the service is reached over plain http on this machine)
    secure_cookies: bool = True
    #: files of this machine a vendor's manifest may name (absolute: a CA bundle the operator trusts)
    local_files: frozenset[Path] = frozenset()
    #: the programme file whose plan, key and log certify the applications (None: self-tests only)
    programme: Path | None = None
    #: the accounts (emails) made officers at start (the first officer: never by sign-up)
    officers: frozenset[str] = frozenset()
    #: self-tests run on Dask (``--dask``): a number of local worker processes, or a scheduler's
    #: address; None: the built-in worker, one self-test at a time
    dask: int | str | None = None
    #: the programme's assessor key (``--assessor-key``, a PEM file as `keys sign-assessment --key`
    #: takes): officers' assessment records are signed with it where the plan lists ``assessors``
    assessor_key: Path | None = None

    @property
    def runs(self) -> Path:
        return self.folder / "service-runs"

    @property
    def programme_runs(self) -> Path:
        """The programme's run folder: its participants' runs, certificates, status lists, log."""
        return self.folder / "programme-runs"


def load_config(folder: Path, *, secure_cookies: bool = True, local_files: frozenset[Path] = frozenset(),
                programme: Path | None = None, officers: frozenset[str] = frozenset(),
                queued_runs: int = QUEUED_RUNS, oidc_issuer: str | None = None,
                oidc_client_id: str | None = None, dask: str | None = None,
                assessor_key: Path | None = None) -> ServiceConfig:
    """The embedded defaults in ``folder``: ``service.sqlite``, ``service-runs/``, the key."""
    if folder.exists() and not folder.is_dir():
        raise HarnessInputError(str(folder), "is not a folder", "name the programme's folder, or a new one")
    if queued_runs < 1:
        raise HarnessInputError("--queued-runs", f"is {queued_runs}", "give 1 or more (the default is "
                                f"{QUEUED_RUNS}): the self-tests an organisation may have queued at once")
    folder.mkdir(parents=True, exist_ok=True)
    return ServiceConfig(folder=folder, database=folder / "service.sqlite", key=_key(folder),
                         secure_cookies=secure_cookies, local_files=local_files,
                         programme=programme.absolute() if programme else None,
                         officers=frozenset(e.strip().lower() for e in officers), queued_runs=queued_runs,
                         oidc=_oidc(oidc_issuer, oidc_client_id), dask=_dask(dask),
                         assessor_key=assessor_key.absolute() if assessor_key else None)


def _dask(given: str | None) -> int | str | None:
    """``--dask``: N local worker processes, or a scheduler's address. A product's endpoint
    secrets travel to the workers with each self-test, so a scheduler off this machine must be
    reached over TLS (Dask's ``tls://`` with its certificates configured), never plain tcp."""
    if given is None:
        return None
    if given.isdigit():
        if int(given) < 1:
            raise HarnessInputError("--dask", f"is {given}", "give 1 or more local workers, or a scheduler's address")
        return int(given)
    parts = urlsplit(given)
    if parts.scheme == "tls" and parts.hostname:
        return given
    if parts.scheme == "tcp" and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return given
    raise HarnessInputError("--dask", f"{given} is neither a number of workers nor a usable scheduler address",
                            "give N (local worker processes), tls://host:8786 (secrets travel to the workers: "
                            "TLS only), or tcp://127.0.0.1:8786 on this machine")


def _oidc(issuer: str | None, client_id: str | None) -> OidcProvider | None:
    """The provider the options name, or None; a half-given one is bad input."""
    if issuer is None and client_id is None:
        return None
    if not issuer or not client_id:
        raise HarnessInputError("--oidc-issuer" if not issuer else "--oidc-client-id", "is missing",
                                "give both --oidc-issuer URL and --oidc-client-id ID (or neither)")
    parts = urlsplit(issuer)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")):
        raise HarnessInputError("--oidc-issuer", f"{issuer} is not an https URL",
                                "give the provider's issuer URL (https://...; http only on this machine)")
    secret = os.environ.get(OIDC_SECRET_ENV, "")
    if not secret:
        raise HarnessInputError(f"${OIDC_SECRET_ENV}", "is not set",
                                "export the client secret the provider gave the service's registration")
    return OidcProvider(issuer=issuer.rstrip("/"), client_id=client_id, client_secret=secret)


def _key(folder: Path) -> bytes:
    given = os.environ.get(KEY_ENV)
    if given:
        try:
            Fernet(given.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise HarnessInputError(f"${KEY_ENV}", "is not a Fernet key (32 bytes, url-safe base64)",
                                    "make one with `python -c 'from cryptography.fernet import Fernet; "
                                    "print(Fernet.generate_key().decode())'`") from None
        return given.encode("ascii")
    path = folder / KEY_FILE
    if not path.is_file():
        atomic_write(path, Fernet.generate_key(), mode=0o600, exclusive=True)
    return path.read_bytes().strip()
