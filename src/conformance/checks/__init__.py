"""Pure check logic the suites share: no pytest, no adapters, no evidence.

Each module takes plain values (parsed JSON, paths, binary streams) and returns what it
found, so the rules can be unit-tested on their own (``tests/test_checks_*.py``) and the
suite tests stay short: fetch, call a check, record findings.
"""
