"""The IXIT rows of the manifest's own members a profile's test cases read (forty-first reading, b19: DP-DESC-001
reads the manifest's ``jsonld_contexts``, which table A.33 did not define): each manifest member whose schema gives
its IXIT text (``x-ixit``) has a row in the IXIT table of every profile one of whose cases names it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

from .._catalog.catalog import Catalog
from .._catalog.schemas import BASE_URI
from .annexcodes import coded_text
from .icsrows import cell_text
from .onename import the_tester
from .writer import Writer

MANIFEST = BASE_URI + "manifest/manifest.json"


def declared_members(w: Writer, catalog: Catalog, requirements: Iterable[str]) -> list[tuple[str, ...]]:
    """The IXIT rows (item, description, default, value) of the manifest members the cases of ``requirements`` name
    as code (「`jsonld_contexts`」 in their procedure's text)."""
    said = "\n".join(json.dumps(w.data.procedures.get(r, {}), ensure_ascii=False) for r in requirements)
    properties = cast("dict[str, Any]", catalog.schemas.get(MANIFEST)).get("properties", {})
    return [(w.t(f"声明文件成员 `{name}`", f"Manifest member `{name}`"),
             coded_text(w, spec["x-ixit"], lambda t, lang: cell_text(the_tester(t, lang))), "—", "")
            for name, spec in properties.items() if "x-ixit" in spec and f"`{name}`" in said]
