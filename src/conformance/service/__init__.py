"""The programme as a service (issue 78): a web application where vendors' organisations sign
up, register products and their manifests, keep endpoint secrets, run self-tests and apply;
officers review and certify; the public looks certificates up and verifies them; vendors' CI
calls a JSON API. Over the programme's own runner, certify, log and verify (no second
implementation of a run, a certificate or a leaf).

One job a module, lowest first: ``config`` (the service's folder, database and keys),
``vault`` (secrets sealed at rest), ``models`` (its tables), ``auth`` (passwords and TOTP),
``sessions`` (sessions, CSRF, the sign-in rate limit), ``forms`` (bounded form bodies),
``tenancy`` (an object of another organisation is not found), ``products`` (products,
versions, manifests, encrypted secrets), ``certifying`` (the configured programme: versions as
its participants, officers' actions as its calls), ``runs`` (the queue and its built-in
worker), ``web`` (what every route shares: the visit, sign-in and CSRF checks, bilingual
pages), ``pages`` and ``accounts`` (vendors' routes), ``review`` (officers'), ``public`` (the
public's), ``api`` (the token-authenticated JSON API), ``app`` (the application factory and
its security headers). docs/service.md says how to start it.
"""
