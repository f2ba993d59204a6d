"""The columns of the programme's listings, one place: the commands print them (a table on a
terminal, one tab-separated line per row when piped, no header line) and their --help names
them, so a script knows what `cut -f3` gives without reading the code."""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
    "status": ("participant", "profile", "outcome", "judged in run", "latest run", "status", "runs"),
    "runs": ("run", "participant", "partner", "started", "status", "exit", "complete", "report sha256"),
    "failing": ("requirement", "participants", "who"),
    "changes": ("participant", "profile", "when", "outcome", "requirements", "catalog"),
    "certificates": ("certificate", "participant", "run", "issued", "valid until", "entry", "revoked", "suspended"),
}


def described(command: str) -> str:
    """The sentence a listing's --help ends its description with."""
    return (" Piped, one tab-separated line per row, no header line; its columns: "
            + ", ".join(COLUMNS[command]) + ".")
