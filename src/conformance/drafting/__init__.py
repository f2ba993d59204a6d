"""Drafters' tools: ``conformance catalog lint|coverage|render|diff|export``.

They read the catalog (requirements, profiles, the suites' tests and known-bad cases) and the
drafting tables shipped beside the suites: the policy clauses a requirement may cite
(``suites/policy-clauses.yaml``), the external standards by canonical name
(``suites/standards.yaml``) and the map of renumbered requirement IDs (``suites/renumbered.yaml``).
"""
