"""The forty-fourth reading, part h96-note (docs/drafting.md, "Forty-fourth reading, part h96-note"): 四（三） counted
pygeoapi's annex C requirement IF-DISC-004 among its 不通过 verdicts and listed it among 「不通过的要求」 (d2); 二（二）
said no threshold is filled in by the provider, yet TD-MPLAT-001 and TD-MPLAT-004 judge against the device's own
declared rating (d3); annex A's `rate_burst` row described a value 0 its own bounds rule out (bx1). Each test fails on
the draft as it was before."""

from __future__ import annotations

import re

from conformance import Catalog
from conformance.drafting.explanatory_data import load_note_data, products
from conformance.drafting.writer import Block, normative

_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]+-\d{3}")


def _product_tables(blocks: list[Block]) -> tuple[Block, Block]:
    counts = next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][0] in ("产品（版本）", "Product (version)"))
    failed = next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][-1] in ("不通过的要求", "Requirements failed"))
    return counts, failed


def test_real_products_count_and_list_only_normative_requirements(catalog: Catalog, note, note_en):
    """d2: each product's counts add up to the normative requirements its record judges, and no annex C requirement
    stands among its failures; an annex C result is given apart, as for reference only, in both languages."""
    data = load_note_data(catalog)
    assert data is not None
    recorded = products(data) or []
    drafts_seen = False
    for blocks, apart in ((note, "另有附录 C"), (note_en, "besides, annex C")):
        counts, failed = _product_tables(blocks)
        for product, count_row, failed_row in zip(recorded, counts.rows[1:], failed.rows[1:], strict=True):
            normative_ids = [r for r in product.judged if r not in catalog.requirements
                             or normative(catalog.requirements[r])]
            assert sum(int(n) for n in count_row[1:]) == len(normative_ids), product.name
            listed, _, rest = failed_row[2].replace("\u2011", "-").partition(apart)
            assert all(normative(catalog.requirements[i]) for i in _ID.findall(listed)), product.name
            drafts = [r for r in product.judged if r in catalog.requirements and not normative(catalog.requirements[r])]
            assert set(_ID.findall(rest)) == set(drafts), product.name
            drafts_seen |= bool(drafts)
    assert drafts_seen  # pygeoapi's IF-DISC-004 and IF-DISC-005 are annex C's


def test_principle_names_the_requirements_judged_on_their_own_rating(catalog: Catalog, note_md, note_md_en):
    """d3: 二（二）'s testability principle names, as its exception, every normative requirement whose statement takes
    its limit from the device descriptor's declared rating (computed from the catalog), in both languages."""
    rated = [r.id for r in catalog.requirements.values()
             if normative(r) and re.search(r"提供项[^。；，]{0,6}?声明的?额定", r.statement.zh)]
    assert {"TD-MPLAT-001", "TD-MPLAT-004"} <= set(rated)
    zh = re.search(r"（二）可检测：[^（]*（([^）]*)）例外", note_md.replace("\u2011", "-"))
    en = re.search(r"except the requirements whose limit is the rating [^(]*\(([^)]*)\)", note_md_en.replace("\u2011", "-"))
    assert zh and en
    assert zh.group(1).split("、") == rated and en.group(1).split(", ") == rated


def test_no_parameter_describes_a_value_its_bounds_rule_out(catalog: Catalog):
    """bx1: a parameter's description gives no special value (「为 0 时」, "0 judges") outside its own bounds: annex A
    said 「为 0 时只判定运行中本就遇到的 429 响应」 of `rate_burst`, bounded to at least 20."""
    ruled_out = []
    for profile in catalog.profiles.values():
        for name, parameter in (profile.parameters or {}).items():
            bounds = getattr(parameter, "bounds", None)
            if bounds is None or parameter.description is None:
                continue
            low, high = bounds.min, bounds.max
            text = f"{parameter.description.zh} {parameter.description.en}"
            for value in re.findall(r"为 ?(-?\d+(?:\.\d+)?) ?时|(?<![\w.])(-?\d+(?:\.\d+)?) (?:judges|means)", text):
                number = float(value[0] or value[1])
                if (low is not None and number < low) or (high is not None and number > high):
                    ruled_out.append((profile.id, name, number))
    assert not ruled_out
