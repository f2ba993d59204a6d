"""A claim's optional features, read by their present identifiers.

A feature renamed in the catalog keeps its former identifiers (the profile's ``formerly``), so a
supplier's ICS or a certification plan written before the rename still claims it: the claim is
taken under the present identifier with one warning line on stderr naming it (issue 76 renamed
``official-validator``, which named a program, to ``whole-specification``)."""

from __future__ import annotations

from collections.abc import Iterable

from .._io.printable import say
from ..errors import HarnessInputError, Location
from .model import Profile


def claimed_features(profile: Profile, names: Iterable[str], where: Location | str) -> list[str]:
    """``names`` as the profile's present feature identifiers, each once, in order; an
    identifier the profile never had is bad input (one line, the known ones)."""
    claimed: list[str] = []
    for name in names:
        present = name if name in profile.features else profile.renamed_feature(name)
        if present is None:
            known = ", ".join(sorted(profile.features)) or "none"
            raise HarnessInputError(where, f"profile {profile.id} has no feature {name!r}", f"known: {known}")
        if present != name:
            say(f"warning: {where.text() if isinstance(where, Location) else where}: feature {name!r} of profile "
                f"{profile.id} is deprecated, now named {present!r}: claim {present} instead")
        if present not in claimed:
            claimed.append(present)
    return claimed
