"""Which operations of annex D's contract the platform under test offers, for the checks that take every operation of
a kind (IF-AUTH-001 to -003, IF-ROB-001 to -003, IF-CON-001).

The contract marks what offers an operation of an optional service: the test profiles whose claim offers it
(``x-profiles``), the optional features it serves (``x-features``) and the discovery document's member giving its
path (``x-discovery``); :func:`conformance.area.offered` reads them against the discovery document the platform
serves. An operation the platform does not declare is recorded as not probed, never judged; one the document could
not be read for is recorded too, and leaves the case inconclusive when nothing else fails (seventy-second reading, b's
doubtful 1: a platform claiming `interfaces-robustness` without a generation service failed IF-ROB-002 on
`POST /generate`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Inconclusive, msg
from conformance.area import declared_path, offer_marks, offered

from .._shared.discovery import served_declarations

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget

    from .openapi import Contract, Operation


class Offers:
    """The discovery document read once for a case, and the operations it leaves unprobed."""

    def __init__(self, api: HttpTarget, contract: Contract) -> None:
        self.contract = contract
        self.declared = served_declarations(api)  # None unread: IF-DISC-001 judges how it is served
        #: the operations not probed because whether the platform offers them could not be read
        self.undecided: list[str] = []

    def probed(self, op: Operation, evidence: Evidence) -> bool:
        """Whether the case probes ``op``: the platform offers it. One it does not offer, or whose offer cannot be
        read, is noted in the evidence (the latter kept in :attr:`undecided`)."""
        operation = self.contract.operation_object(op)
        offer = offered(operation, self.declared)
        if offer:
            return True
        if offer is None:
            self.undecided.append(op.operation_id)
            evidence.note(msg("interfaces.offer-undecided", operation=op.operation_id))
            return False
        profiles, features, member = offer_marks(operation)
        declaration = "; ".join(part for part in (
            f"profiles: {', '.join(profiles)}" if profiles else "", f"features: {', '.join(features)}" if features
            else "", member) if part)
        evidence.note(msg("interfaces.not-offered", operation=op.operation_id, declaration=declaration))
        return False

    def path(self, op: Operation) -> str:
        """The path template a probe of ``op`` is sent to: for an operation reached through a member of the discovery
        document (``x-discovery``, table D.3's "Discovery" column), the path the document declares there
        (:func:`conformance.area.declared_path`); else the contract's. Read after :meth:`probed` found the operation
        offered, so the member holds a path (seventy-third reading, b1: the probes of `setUserProfile` went to the
        contract's path, which the platform need not serve)."""
        return declared_path(self.contract.operation_object(op), self.declared) or op.path

    def unfilled(self, op: Operation, path: str, evidence: Evidence, *, parameter: str = "") -> None:
        """Record ``op`` as not probed: the path its discovery member declares (``path``) has a parameter the case
        has no value for, or, given ``parameter``, lacks the one path parameter the case generates values for
        (IF-ROB-003), so whether it is served cannot be decided (kept in :attr:`undecided`)."""
        self.undecided.append(op.operation_id)
        if parameter:
            evidence.note(msg("interfaces.offer-path-no-parameter", operation=op.operation_id, path=path,
                              parameter=parameter))
        else:
            evidence.note(msg("interfaces.offer-path-unfilled", operation=op.operation_id, path=path))

    def close(self, evidence: Evidence) -> None:
        """Inconclusive when an operation went unprobed for want of the discovery document and nothing failed."""
        if self.undecided and not evidence.findings_count:
            raise Inconclusive(msg("interfaces.offers-undecided", count=len(self.undecided),
                                   operations=", ".join(self.undecided)))
