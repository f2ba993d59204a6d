"""Check logic the suites share, kept out of the test modules so it can be unit-tested.

Most modules take plain values (parsed JSON, paths, binary streams) and return what they
found, so the rules can be tested on their own (``tests/test_checks_*.py``) and the suite
tests stay short: fetch, call a check, record findings. Checks of a live answer that several
areas share (``problems``) take the response and the test's evidence directly.
"""
