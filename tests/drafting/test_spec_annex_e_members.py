"""Annex E's members defined (issue 76): the data formats annex gave each member's path, type, whether it is
required and its constraints, but no member's meaning or unit (only `t` was defined, in a note). Its member
tables now carry a last column 「说明」 / "Description", generated from the schema the harness validates with:
the English from ``description``, the Chinese from ``x-description-zh`` (:data:`.schema_summary.DESCRIPTION_ZH`),
units written with their SI symbols.

The tables whose every member is described are :data:`COVERED`: all six of annex E (the capture header, the stream
declaration, the frame, the device descriptor, the laboratory record, the scent analyses record); a format added
to the annex without its descriptions fails here (a member without one shows 「—」)."""

from __future__ import annotations

from conformance.drafting.schematables import schema_table
from conformance.drafting.writer import Block, Writer
from tests.drafting.blocks import between

#: the schemas (as annex E names them in its tables' titles) whose tables describe every member, in both languages
COVERED = ("terminal/capture-header.json", "terminal/capture-header.json#/$defs/stream", "terminal/frame.json",
           "certification/laboratory-record.json", "terminal/scent-analyses.json",
           "terminal/device-descriptor.json", "manifest/manifest.json", "manifest/target-file.json",
           "data/image-listing-row.json", "manifest/target-http.json",
           # the robots' records (forty-first reading, c1-c3)
           "robots/joint-state.json", "robots/controller-state.json", "robots/tracker-capture.json",
           # the token metadata and the COCO annotation file (forty-first reading, a9 and b17)
           "assets/erc-metadata.json", "data/coco-annotations.json",
           # the glTF validation report (sixty-first reading, h122-fmt b1)
           "assets/gltf-validation-report.json")


def _member_tables(blocks: list[Block]) -> dict[str, Block]:
    """Annex E's member tables by the schema their title names (E.8's stream-type table has no 说明 column)."""
    tables = {}
    for block in between(blocks, "annex-formats", "bibliography"):
        if block.kind == "table" and block.rows and block.rows[0][0] in ("成员", "Member"):
            name = block.title.split("`")[1] if "`" in block.title else block.title
            tables[name] = block
    return tables


def undescribed(table: Block) -> list[str]:
    """The members of a rendered member table whose 说明 / Description cell is empty or 「—」."""
    head = table.rows[0]
    assert head[-1] in ("说明", "Description"), head
    return [row[0] for row in table.rows[1:] if row[-1].strip() in ("", "—")]


def test_every_member_of_the_covered_tables_is_described_in_both_languages(zh, en):
    for blocks in (zh, en):
        tables = _member_tables(blocks)
        assert set(COVERED) == set(tables), sorted(tables)  # every table of annex E (a new format comes described)
        for name in COVERED:
            # every member, at every level: the nested ones listed too (the smallest nested table, the token
            # metadata's, has nine members, three of them within `localization`); the image listing's row is its
            # four flat columns
            members = [row[0] for row in tables[name].rows[1:]]
            if name == "data/image-listing-row.json":
                assert len(members) == 4, members
            else:
                assert any("." in member or "[]" in member for member in members), name
            assert undescribed(tables[name]) == [], name


def test_every_member_table_of_annex_e_has_the_description_column(zh, en):
    for blocks, head in ((zh, "说明"), (en, "Description")):
        tables = _member_tables(blocks)
        assert len(tables) >= 6, sorted(tables)
        assert all(t.rows[0][-1] == head for t in tables.values())


def test_the_units_are_stated_with_their_si_symbols(zh, en):
    """A member's unit stands in its description, not only as its name's suffix (`_hz`, `_m`, `_deg`)."""
    said = {lang: {row[0]: row[-1] for row in _member_tables(blocks)["terminal/frame.json"].rows[1:]}
            for lang, blocks in (("zh", zh), ("en", en))}
    for member, unit in (("`t`", "ns"), ("`frequency_hz`", "Hz"), ("`power_w`", "W"), ("`temperature_c`", ("℃", "°C")),
                         ("`stiffness`", "N/m"), ("`height_deg`", "°"), ("`luminance_cd_m2`", "cd/m²"),
                         ("`pose.position.x`", "m"), ("`displacement.roll`", "rad"), ("`values[]`", "μV")):
        zh_unit, en_unit = unit if isinstance(unit, tuple) else (unit, unit)  # the Chinese text writes ℃ (GB 3102.4)
        assert zh_unit in said["zh"][member] and en_unit in said["en"][member], member
    assert "以 ns 计" in said["zh"]["`t`"]


def test_a_planted_member_without_a_description_fails(catalog):
    """The check reads the rendered column: a member whose schema gives no description (or only the English)
    is found, in the Chinese and in the English table."""
    planted = {"type": "object", "properties": {
        "described": {"type": "number", "description": "A length in metres (m).", "x-description-zh": "长度，以 m 计。"},
        "english_only": {"type": "number", "description": "A mass in kilograms (kg)."},
        "bare": {"type": "integer"}}}
    for lang, missing in (("zh", ["`english_only`", "`bare`"]), ("en", ["`bare`"])):
        table = schema_table(Writer(catalog, lang), planted, "https://example.org/planted.json",
                             lambda at, ref: ({}, at), title="planted", described=True)
        assert undescribed(table) == missing, lang
