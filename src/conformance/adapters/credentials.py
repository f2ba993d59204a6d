"""The ``http`` adapter's credentials: which headers and base-URL query parameters carry
them, what the base URL itself carries (userinfo, query values, the Basic header httpx
derives), whether a value can be sent as a header, and a URL as evidence shows it; and, for
every adapter, whose credentials a target may read (a programme's pair run)."""

from __future__ import annotations

import base64
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote

from ..errors import HarnessInputError

if TYPE_CHECKING:  # httpx is imported where a URL is made: a run over files alone never loads it
    import httpx

SENSITIVE_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
#: Query parameters of the base URL whose values are credentials (the manifest can name more).
SECRET_QUERY_PARAMS = {"api_key", "apikey", "key", "token", "access_token", "auth", "password", "secret",
                       "sig", "signature", "client_secret"}


def shown(url: httpx.URL | str) -> str:
    """A URL as evidence shows it: without userinfo (a credential, whatever its encoding)."""
    import httpx

    url = httpx.URL(url) if isinstance(url, str) else url
    return str(url.copy_with(userinfo=b"")) if url.userinfo else str(url)


def credential_problem(value: str) -> str | None:
    """Why a credential cannot go into a header, or None. Named without quoting the value."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return "holds a control character"
    if not value.isascii():
        return "holds a non-ASCII character"
    return None


def url_secrets(url: httpx.URL, secret_params: set[str]) -> list[str]:
    """What the base URL carries that is a credential: its userinfo (raw and decoded, and as
    the Basic header httpx derives from it) and the values of its credential-like query
    parameters (``secret_params``: the usual names and those the manifest names)."""
    found: list[str] = []
    if url.userinfo:
        raw = url.userinfo.decode("ascii", "replace")
        found += [raw, *raw.split(":", 1), url.username, url.password]
        basic = f"{url.username}:{url.password}".encode()
        found.append(base64.b64encode(basic).decode())
    for pair in url.query.decode("ascii", "replace").split("&"):
        name, _, value = pair.partition("=")
        if unquote(name).lower() in secret_params:
            found += [value, unquote(value), *(v for _, v in parse_qsl(pair))]
    return [s for s in dict.fromkeys(found) if s]


# --- whose credentials a target may read ------------------------------------------------
#
# A programme's pair run judges two participants' targets in one process. Each participant's
# credentials reach that process under a name bound to their owner (``owned_name``), never
# under their own name, and the manifest binds each target to its owner (``owners``): each
# target's adapter is created with its owner's variables, under their own names, and with no
# other participant's (``target_environ``). A target naming another participant's variable,
# or an owned name directly, finds it unset.

#: The prefix of a credential bound to its owner: ``CONFORMANCE_OWNED_<owner, hex>__<VARIABLE>``.
OWNED_PREFIX = "CONFORMANCE_OWNED_"
#: Credentials taken out of this process's environment (:func:`take_owned`): owner -> variable -> value.
_TAKEN: dict[str, dict[str, str]] = {}


def owned_name(owner: str, variable: str) -> str:
    """The name ``owner``'s ``variable`` has in a pair run's process environment."""
    return f"{OWNED_PREFIX}{owner.encode().hex()}__{variable}"


def _owned(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for name, value in environ.items():
        if not name.startswith(OWNED_PREFIX):
            continue
        owner, sep, variable = name[len(OWNED_PREFIX):].partition("__")
        try:
            found.setdefault(bytes.fromhex(owner).decode(), {})[variable] = value
        except ValueError:  # not a name this module wrote: nobody's
            continue
    return found


def take_owned(environ: MutableMapping[str, str]) -> None:
    """Move the owned credentials out of this process's environment (a pair run's process,
    before the harness loads): no subprocess inherits them, and only :func:`target_environ`
    hands them out, each to its owner's targets."""
    for owner, variables in _owned(environ).items():
        _TAKEN.setdefault(owner, {}).update(variables)
    for name in [n for n in environ if n.startswith(OWNED_PREFIX)]:
        del environ[name]


def target_environ(environ: Mapping[str, str], owner: str | None) -> dict[str, str]:
    """The environment one target's adapter resolves its credentials in: ``environ`` without
    any owned credential, plus, for a target bound to ``owner``, that owner's (under their own
    names). Nothing of another participant's."""
    base = {k: v for k, v in environ.items() if not k.startswith(OWNED_PREFIX)}
    if owner is None:
        return base
    return {**base, **_owned(environ).get(owner, {}), **_TAKEN.get(owner, {})}


def named_variables(config: object, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """The environment variables a target's configuration names (the values of its ``*_env``
    keys, e.g. ``auth.bearer_token_env`` and ``headers_env``'s), each with its place."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(config, Mapping):
        for key, value in config.items():
            here = (*path, str(key))
            if isinstance(key, str) and key.endswith("_env"):
                if isinstance(value, str):
                    found.append((here, value))
                elif isinstance(value, Mapping):
                    found += [((*here, str(k)), v) for k, v in value.items() if isinstance(v, str)]
                elif isinstance(value, list):
                    found += [((*here, i), v) for i, v in enumerate(value) if isinstance(v, str)]
            else:
                found += named_variables(value, here)
    elif isinstance(config, list):
        for index, item in enumerate(config):
            found += named_variables(item, (*path, index))
    return found


def from_environment(context: Any, role: str, path: tuple[str, ...], var: str) -> str:
    """The credential in environment variable ``var``, which the manifest names at ``path`` of target
    ``role``: unset, empty or unsendable is bad input naming the variable (never the value)."""
    value = context.environ.get(var)
    if value is not None and not value:
        raise HarnessInputError(context.where(role, *path), f"environment variable {var} is set but empty",
                                f"give it the credential: export {var}=...")
    if not value:
        raise HarnessInputError(
            context.where(role, *path), f"environment variable {var} is not set", f"export {var}=..."
        )
    problem = credential_problem(str(value))
    if problem:  # it could never be sent as a header; the message names the variable, never the value
        raise HarnessInputError(
            context.where(role, *path), f"environment variable {var} {problem}",
            "a credential is printable ASCII",
        )
    return str(value)
