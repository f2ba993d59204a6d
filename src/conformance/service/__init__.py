"""The programme as a service (issue 78): a web application where vendors' organisations sign
up, register products and their manifests, keep endpoint secrets and run self-tests, over the
programme's own runner (no second implementation of a run).

One job a module, lowest first: ``config`` (the service's folder, database and keys), ``vault`` (secrets sealed at rest),
``models`` (its tables), ``auth`` (passwords and TOTP), ``sessions`` (sessions, CSRF, the
sign-in rate limit), ``forms`` (bounded form bodies), ``tenancy`` (an object of another
organisation is not found), ``products`` (products, versions, manifests, encrypted secrets),
``runs`` (the queue and its built-in worker), ``web`` (what every route shares: the visit,
sign-in and CSRF checks, bilingual pages), ``pages`` and ``accounts`` and ``api`` (the
routes), ``app`` (the application factory and its security headers). docs/service.md says how
to start it.
"""
