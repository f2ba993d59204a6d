"""IF-TLS-001 observed: TLS handshakes with the product's HTTP target, judged against RFC 8446
(TLS 1.3), RFC 9325 (BCP 195) and RFC 9525 (the server's name), with Python's ``ssl`` module
and the certificate read with ``cryptography``.

Each probe is one handshake on its own connection, nothing sent after it: the versions offered
one at a time (the client's minimum and maximum forced to each), the cipher suites RFC 9325
forbids offered a class at a time under TLS 1.2 and SSL 3.0 offered, each by a hand-built
ClientHello whose ServerHello alone is read (``clienthello``: no laboratory's TLS library build
decides what can be offered), the suites RFC 9325 4.2 recommends offered
alone, and the chain verified against the trust anchors the applicant gives (``ca_bundle``) with
the name and the dates judged apart, so that each fault is named by its rule. Without anchors the
chain and the name are not judged: the store of the system a laboratory runs differs from another's.
"""

from __future__ import annotations

import datetime
import socket
import ssl
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

from conformance.areas.interfaces import clienthello

#: OpenSSL's X509_V_FLAG_NO_CHECK_TIME: the chain judged without its dates, which R7 judges.
_NO_CHECK_TIME = 0x200000
#: OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
_NAME_MISMATCH = (62, 64)
#: Security level 0: lets this client offer what a server must refuse (legacy versions, weak
#: suites); the probe is about what the server accepts, not what this client would.
_ANYTHING = ":@SECLEVEL=0"
#: Versions RFC 9325 3.1.1 says MUST NOT be negotiated, offered through the TLS library; SSL 3.0,
#: which OpenSSL 3 cannot offer, is offered by a hand-built ClientHello (``clienthello``).
REFUSED_VERSIONS = {"TLS 1.0": ssl.TLSVersion.TLSv1, "TLS 1.1": ssl.TLSVersion.TLSv1_1}
#: Versions this requirement needs accepted: TLS 1.2 (RFC 9325 3.1.1 MUST) and TLS 1.3.
REQUIRED_VERSIONS = {"TLS 1.2": ssl.TLSVersion.TLSv1_2, "TLS 1.3": ssl.TLSVersion.TLSv1_3}
#: RFC 9325 4.2's recommended TLS 1.2 suites (OpenSSL's names), with their ECDSA forms.
RECOMMENDED_SUITES = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                      "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384")


@dataclass
class Handshake:
    """What one handshake showed: the version and suite agreed, or why none was."""

    version: str | None = None
    suite: str | None = None
    refused: str | None = None
    verify_code: int | None = None
    certificate: bytes | None = None
    #: no connection was opened (refused, timed out, the name not resolved): no server answered, so
    #: nothing it did is known (forty-sixth reading, bx2: such a probe was read as a refused handshake)
    unreached: bool = False

    @property
    def ok(self) -> bool:
        return self.refused is None


@dataclass
class Judgement:
    """The findings of one target, by rule, and what each probe showed (for the evidence)."""

    findings: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)
    observed: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def fail(self, rule: str, message: str, **members: object) -> None:
        self.findings.append((rule, message, members))


def _client(*, verify: Path | None, versions: ssl.TLSVersion | None = None, suites: str | None = None,
            check_name: bool = False) -> ssl.SSLContext:
    """A client context; ``verify``: the trust anchors the chain is verified against (None: not
    verified; never the system's own store, which differs between laboratories)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if verify is None:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context.load_verify_locations(cafile=str(verify))
        context.check_hostname = check_name
        context.verify_flags |= _NO_CHECK_TIME
    with warnings.catch_warnings():  # TLS 1.0/1.1 are deprecated in ssl: offering them is the probe
        warnings.simplefilter("ignore", DeprecationWarning)
        if versions is not None:
            context.minimum_version = context.maximum_version = versions
    if suites is not None:
        context.set_ciphers(suites + _ANYTHING)
    elif versions in REFUSED_VERSIONS.values():
        context.set_ciphers("DEFAULT" + _ANYTHING)
    return context


def handshake(host: str, port: int, context: ssl.SSLContext, timeout: float) -> Handshake:
    """One TLS handshake with ``host:port`` under ``context``; what it agreed or why not."""
    name = host.strip("[]")
    try:
        raw = socket.create_connection((name, port), timeout=timeout)
    except OSError as exc:
        return Handshake(refused=str(getattr(exc, "strerror", None) or exc), unreached=True)
    try:
        with raw, context.wrap_socket(raw, server_hostname=name) as tls:
            cipher = tls.cipher()
            return Handshake(tls.version(), cipher[0] if cipher else None,
                             certificate=tls.getpeercert(binary_form=True))
    except ssl.SSLCertVerificationError as exc:
        return Handshake(refused=str(exc.verify_message or exc), verify_code=exc.verify_code)
    except (ssl.SSLError, OSError) as exc:
        return Handshake(refused=str(getattr(exc, "reason", None) or exc))


def _dates(certificate: bytes) -> tuple[datetime.datetime, datetime.datetime]:
    parsed = x509.load_der_x509_certificate(certificate)
    return parsed.not_valid_before_utc, parsed.not_valid_after_utc


def judge_offers(host: str, port: int, timeout: float, result: Judgement) -> None:
    """R3's SSL 3.0 and R4's classes, each offered by a hand-built ClientHello on its own
    connection: a ServerHello agreeing to what was offered is accepted, anything else refused,
    what was seen kept in ``result.observed``."""
    answer = clienthello.offer(host, port, clienthello.SSL3_SUITES, timeout, clienthello.SSL30)
    accepted = answer.agrees(clienthello.SSL3_SUITES, clienthello.SSL30)
    result.observed["SSL 3.0"] = "accepted" if accepted else f"refused ({answer.seen})"
    if accepted:
        result.fail("R3", "interfaces.tls-legacy-version-accepted", version="SSL 3.0")
    for label, suites in clienthello.FORBIDDEN_CLASSES.items():
        answer = clienthello.offer(host, port, suites, timeout)
        accepted = answer.agrees(suites, clienthello.TLS12)
        result.observed[f"suites {label}"] = (f"accepted ({answer.suite_name})" if accepted
                                              else f"refused ({answer.seen})")
        if accepted:
            kind = {"en": label, "zh": clienthello.CLASS_NAMES_ZH[label]}
            result.fail("R4", "interfaces.tls-weak-suite-accepted", kind=kind, suite=answer.suite_name)


def judge(host: str, port: int, trust: Path | None, timeout: float = 10.0,
          now: datetime.datetime | None = None) -> Judgement:
    """IF-TLS-001's rules R2..R8 on the TLS server at ``host:port``, the chain judged against
    ``trust`` (a PEM bundle); None: R6 and R7 not judged (note ``no-anchors``). R1 (https) is the
    caller's."""
    result = Judgement()
    for label, version in REQUIRED_VERSIONS.items():  # R2
        shook = handshake(host, port, _client(verify=None, versions=version), timeout)
        if shook.unreached:  # no server answered: R2 judges what a server does, so this probe judges nothing
            result.observed[label] = f"not reached ({shook.refused})"
            result.notes.append("unreached")
            continue
        result.observed[label] = "accepted" if shook.ok else f"refused ({shook.refused})"
        if not shook.ok:
            result.fail("R2", "interfaces.tls-required-version-refused", version=label, reason=shook.refused)
    if not any(result.observed[v] == "accepted" for v in REQUIRED_VERSIONS):
        result.notes.append("no-handshake")  # nothing else can be observed
        return result
    for label, version in REFUSED_VERSIONS.items():  # R3
        shook = handshake(host, port, _client(verify=None, versions=version), timeout)
        result.observed[label] = "accepted" if shook.ok else "refused"
        if shook.ok:
            result.fail("R3", "interfaces.tls-legacy-version-accepted", version=label)
    judge_offers(host, port, timeout, result)
    if result.observed["TLS 1.2"] == "accepted":  # R5: a recommended AEAD, forward-secret suite
        shook = handshake(host, port, _client(verify=None, versions=ssl.TLSVersion.TLSv1_2,
                                              suites=RECOMMENDED_SUITES), timeout)
        result.observed["suites RFC 9325 4.2"] = f"accepted ({shook.suite})" if shook.ok else "refused"
        if not shook.ok:
            result.fail("R5", "interfaces.tls-no-recommended-suite")
    if trust is None:  # R6 and R7 left unjudged: no laboratory's own store stands in for the applicant's
        result.notes.append("no-anchors")
        result.observed["chain"] = "not judged (no trust anchors given)"
        chain = None
    else:
        chain = handshake(host, port, _client(verify=trust), timeout)  # R6: chain, dates aside
        result.observed["chain"] = "verified" if chain.ok else f"not verified ({chain.refused})"
    if chain is not None and not chain.ok:
        result.fail("R6", "interfaces.tls-chain-untrusted", reason=chain.refused, anchors=str(trust))
    elif chain is not None:  # R7: the name, once the chain holds (OpenSSL's RFC 9525/6125 matching)
        named = handshake(host, port, _client(verify=trust, check_name=True), timeout)
        result.observed["name"] = "matches" if named.ok else f"does not match ({named.refused})"
        if not named.ok:
            result.fail("R7", "interfaces.tls-name-mismatch", host=host, reason=named.refused)
    leaf = handshake(host, port, _client(verify=None), timeout)  # R8: the dates
    if leaf.certificate:
        start, end = _dates(leaf.certificate)
        moment = now or datetime.datetime.now(datetime.timezone.utc)
        result.observed["valid"] = f"{start.isoformat()} .. {end.isoformat()}"
        if not start <= moment <= end:
            result.fail("R8", "interfaces.tls-certificate-out-of-date", not_before=start.isoformat(), not_after=end.isoformat())
    return result
