"""What a programme's certificate is, as it is published and a relying party reads it: the
folders under the programme's site, the credential's type and vocabulary, its times.

The issuer (:mod:`.certify`) and the verifier (:mod:`.certverify`) both follow this; the
verifier needs nothing else of the issuer (not the history, not its database).
"""

from __future__ import annotations

from datetime import UTC, datetime

CERTIFICATES = "certificates"
LOG_PATH = "log/"  # where, under site_url and in the run folder, the programme log is published
ISSUERS = "issuers.json"
ISSUERS_TYPE = "ProgrammeIssuers"
CERTIFICATE_TYPE = "ConformanceCertificate"
#: The programme's own terms (ConformanceCertificate, CertifiedProduct, product, profiles, ...):
#: VC 2.0's context has no @vocab, so they are mapped to IRIs by an inline context (VC 2.0 4.3,
#: 4.5): self-contained, nothing to fetch or bundle.
VOCABULARY = {"@vocab": "https://metaverse-conformance.org/ns/programme#"}


def timestamp(moment: datetime) -> str:
    """An RFC 3339 time in UTC to the second, as certificates and log heads carry it."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
