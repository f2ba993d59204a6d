"""Programmes: a pilot program's cohort runs over many participants (``conformance programme``).

* :mod:`.spec` reads a programme file (``schemas/programme/programme.json``);
* :mod:`.runner` runs each participant's manifest in its own OS process, a few at a time,
  resumable, each within its own budget;
* :mod:`.history` records every run, append-only (SQLAlchemy 2 over SQLite or PostgreSQL,
  Alembic migrations in :mod:`.dbschema`), folded from the run's event log
  (``report.events.ndjson``) with :mod:`conformance._run.aggregation`, never from its views;
* :mod:`.certify` issues and revokes certificates (VC 2.0, :mod:`.signing`,
  :mod:`.statuslist`), :mod:`.certverify` verifies them offline; :mod:`.site` writes the
  static site;
* :mod:`.interop` runs every ordered pair of participants claiming a two-platform profile
  and writes the grid (rows produce, columns consume).

Part of the core: it names no area (``tests/house/test_house.py``). Nothing is imported here:
``conformance --help`` builds the programme's parsers (:mod:`.parsers`) without loading the rest.
"""
