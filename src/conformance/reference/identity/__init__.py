"""The reference identity service: DID resolution, registrar, authentication, VC API."""
