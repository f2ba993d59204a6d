"""What a run records while its tests run: findings, evidence (redacted and capped), and the
files checks read beyond their adapters' own. Below the catalog, the adapters and the run, so
that each of them, and the report's views, can record and read a run's record without
reaching up into the engine."""
