"""Judgements of the identity area (DID documents, credentials, registrars, authentication)."""
