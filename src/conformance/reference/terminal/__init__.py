"""The terminal area's reference device: a runtime test interface bridge (annex D)."""
