"""A rule of a requirement that the harness could not check (issue 59).

A requirement that states several rules passes only when every one of them was judged and
held. A rule the harness could not check on this platform (no test moderation clock to pass a
sanction's period, a refusal answered after the period had ended, an item its author's listing
never held) is recorded as an unjudged part of the requirement: a requirement that otherwise
passes is then inconclusive, and the note names the rule, why it could not be checked and what
would let it be checked. A rule that was checked and broken still fails the requirement: a
finding outweighs an unjudged part (``conformance._run.session.judge``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Message, msg

if TYPE_CHECKING:
    from conformance import Evidence


def rule_unchecked(evidence: Evidence, rule: str, why: Message, fix: Message) -> None:
    """Records that ``rule`` (the R-number of the requirement's text, e.g. ``R3``) was not checked: ``why``
    not, and ``fix``, what the vendor can do so that it is."""
    evidence.unjudged(f"rule {rule}", msg("interfaces.rule-unchecked", reason=why, fix=fix), rule=rule)
