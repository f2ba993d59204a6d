"""The built-in areas, each a plug-in of the ``conformance.areas`` entry-point group
(:mod:`conformance.hookspecs`), registered the way a third-party area is. Everything
code-shaped of an area lives in its package: checks, codecs, generators, message templates,
charts. The core imports none of them: it asks the registry (:mod:`conformance._areas`)."""
