__version__ = "0.1.0"
#: The name the bundled reference implementation gives itself (its discovery document's
#: platform.name) and the demo's manifest claims, so that IF-DISC-005 holds in the demo.
REFERENCE_PRODUCT = "Reference platform"
