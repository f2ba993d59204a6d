"""Reading terminal captures (mvx-capture NDJSON): line blocks and typed frame decoding."""
