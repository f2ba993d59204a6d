"""The service's programme: the programme file it is configured with (its plan, key, site URL
and log), whose participants are the versions vendors registered. Every officer action is one
call into the programme's own functions (``programme.certify``: certify, revoke, the status
lists; ``History.change_suspension``: suspend, reinstate), so each is a leaf of the signed log
exactly as the CLI makes it; nothing here writes a certificate or a leaf itself.

A version is a participant (its id the version's id, its manifest the one the vendor wrote,
its variables the product's secrets' names); its self-test runs, once a programme is
configured, are that participant's programme runs (the plan, the signature, the history)."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .._catalog.catalog import Catalog, load_catalog
from ..certification.attestation import load_private_key
from ..messages import msg
from ..programme import certify as programme_certify
from ..programme import logformat
from ..programme.audit import LogView
from ..programme.certformat import LOG_PATH
from ..programme.history import open_history
from ..programme.logformat import HEAD, LEAVES
from ..programme.spec import Participant, Programme, load_programme
from .config import ServiceConfig
from .models import Secret, Version
from .products import manifest_path

#: officers' actions, as the audit rows and the logged events name them
CERTIFY, REFUSE, SUSPEND, REINSTATE, REVOKE = "certify", "refuse", "suspend", "reinstate", "revoke"
LOG = logging.getLogger("conformance.service.officers")


class Declined(Exception):
    """The programme did not do what the officer asked: why (shown on the review page, in its
    language when the reason is the service's own message; a programme's refusal as it says it)."""


class ServiceProgramme:
    def __init__(self, config: ServiceConfig, catalog: Catalog | None = None) -> None:
        assert config.programme is not None
        self.catalog = catalog or load_catalog()
        self.base = load_programme(config.programme, self.catalog)
        self.out = config.programme_runs.absolute()
        self.log_folder.mkdir(parents=True, exist_ok=True)  # served before anything is published: empty
        self._lock = threading.Lock()
        self._kept: tuple[object, LogView] | None = None

    def with_participants(self, participants: Iterable[Participant]) -> Programme:
        return dataclasses.replace(self.base, participants=tuple(participants))

    def view(self) -> LogView:
        """What the programme log says (its own checks first: a bad log is refused). Checking
        costs a signature a head, so the view is kept until the log's files change (an append
        grows ``leaves.jsonl`` and replaces ``head.json``: another size, inode or time)."""
        with open_history(self.base) as history:
            stamp = tuple(_stamp(history.log.folder / name) for name in (LEAVES, HEAD)) \
                if history.log.folder is not None else None
            with self._lock:
                if stamp is not None and self._kept is not None and self._kept[0] == stamp:
                    return self._kept[1]
            view = programme_certify.believed_log(history, self.base)
            with self._lock:
                self._kept = (stamp, view) if stamp is not None else None
            return view

    def state_of(self, certificate_id: str) -> str:
        """valid, suspended or revoked, as the log says; unknown: a certificate the log did not issue."""
        view = self.view()
        if certificate_id not in view.certificates:
            return "unknown"
        return "revoked" if certificate_id in view.revoked else \
            "suspended" if certificate_id in view.suspended else "valid"

    def certify(self, programme: Programme, participant: str, run_id: str) -> tuple[str, str]:
        """Certify the participant's run ``run_id`` (its latest: the programme certifies no other);
        (certificate id, its file relative to the run folder)."""
        latest = self.view().latest.get(participant)
        if latest != run_id:
            raise Declined(msg("service.declined-not-latest", run=run_id, latest=str(latest)))
        result = programme_certify.certify(programme, self.catalog, self.out, [participant])
        if result.refused:
            raise Declined(result.refused[0][1])
        certificate = result.issued[0]
        file = next(f for f in result.files if f.suffix == ".json")
        return str(certificate["id"]), file.relative_to(self.out).as_posix()

    def revoke(self, programme: Programme, certificate_id: str, reason: str) -> None:
        programme_certify.revoke(programme, self.catalog, self.out, certificate_id, reason)

    def change_suspension(self, programme: Programme, certificate_id: str, suspend: bool, reason: str) -> None:
        """Suspend or reinstate, as ``programme watch`` does (the watched run: the certified one),
        then publish the status lists again."""
        view = self.view()
        if certificate_id not in view.certificates or certificate_id in view.revoked:
            raise Declined(msg("service.declined-not-in-force"))
        if (certificate_id in view.suspended) == suspend:
            raise Declined(msg("service.declined-suspended-already") if suspend
                           else msg("service.declined-not-suspended"))
        assert programme.signing_key is not None and programme.site_url is not None  # load_programme checked
        key, site = load_private_key(programme.signing_key, "signing_key"), programme.site_url
        run_id = str(view.certificates[certificate_id][1]["run_id"])
        with open_history(programme) as history:
            history.change_suspension(logformat.SUSPENDED if suspend else logformat.REINSTATED,
                                      certificate_id, run_id, reason)
            programme_certify.publish_status(programme, key, site, history, self.out, datetime.now(UTC))

    @property
    def log_folder(self) -> Path:
        """Where certify publishes the log (checkpoint, tiles, heads)."""
        return self.out / LOG_PATH


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def participant_of(db: Session, folder: Path, version: Version) -> Participant:
    """The version as the programme's participant: its manifest, its product's secrets' names."""
    names = db.scalars(select(Secret.name).where(Secret.product_id == version.product_id)).all()
    return Participant(id=version.id, manifest=manifest_path(folder, version), env=tuple(sorted(names)))
