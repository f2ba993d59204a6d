"""International standards the Chinese reference lists cite by their identical national adoption
(GB/T 1.1-2020 practice: 「GB/T 12642—2013　工业机器人　性能规范及其试验方法（ISO 9283:1998，IDT）」),
given as the adoption's title in ``references.titles`` of ``suites/specification.yaml``: listed,
ordered and counted as national standards, the English translation in the same place."""

from __future__ import annotations

import re
from dataclasses import replace

from .explanatory_data import NoteData
from .tables import Standard
from .wording import plain_programs
from .writer import Block, Writer

#: a national adoption as the Chinese list cites it: "GB/T 12642—2013　title（ISO 9283:1998，IDT）"
_ADOPTION = re.compile(r"^(GB(?:/[TZ])? [\d.]+—\d{4})　.*（((?:ISO|IEC)[^，）]*)，(IDT|MOD|NEQ)）$")


def em_dashed(name: str) -> str:
    """A catalog name's title parts apart by em dashes, as the standard writes them ("Ergonomics — Part 1"), not
    by the hyphen the catalog types (which the text would print as a minus sign)."""
    return name.replace(" - ", " — ")


def listed_name(w: Writer, standard: Standard) -> str:
    """The name a reference is listed and ordered under: a national standard's title, or for an
    international standard with a national adoption the adoption (in either language, so that the
    translation lists the references in the same order); else the catalog's name."""
    title = w.data.titles.get(standard.name)
    return title if title and re.match(r"GB(?:/[TZ])? \d", title) else standard.name


def adoption_in_english(w: Writer, standard: Standard) -> str | None:
    """The translation's entry for an adopted standard: the adoption's number, the international
    title and number, the degree ("GB/T 12642-2013 Manipulating industrial robots — ... (ISO 9283:1998,
    IDT)"); an international document's full title where the titles give one in its own words (twenty-eighth
    reading, b15: the Chinese cited ISO 16739-1:2024 by its title, the English by the catalog's short key); None
    for another."""
    if standard.name in w.data.titles_en:
        return w.data.titles_en[standard.name]
    title = w.data.titles.get(standard.name, "")
    adopted = _ADOPTION.match(title)
    if not adopted:
        key = standard.name.split(" ", 2)[:2]
        number = title.split(" ", 2)[:2]
        number[1:] = [n.split(":")[0] for n in number[1:]]  # "63203-406-1:2021" is the key's "63203-406-1"
        same = number == [k.split(":")[0] for k in key] and not re.search(r"[\u4e00-\u9fff]", title)
        return title if same and len(key) == 2 else None
    designation, international, degree = adopted.groups()
    words = em_dashed(standard.name).split(" ", 2)  # "ISO", "9283:1998", the title
    return f"{designation.replace('—', '-')} {words[2] if len(words) > 2 else ''} ({international}, {degree})"


def adoption_table(w: Writer, data: NoteData | None) -> list[Block]:
    """The international standards cited that have a national counterpart, with the degree of
    correspondence a source confirms or 「未确认」 and why (fifth reading of issue 76: the fourth
    reading's search found GB/T 13634—2019, GB/T 5703—2023 and GB/T 20145—2006 without their degree,
    and the 编制说明 said nothing of them)."""
    adoptions = data.get("adoptions") if data else None
    if not adoptions or not adoptions.get("rows"):
        return []
    # the customary part's adoption statement and conclusion on level first (forty-first reading, d14)
    stated: list[Block] = []
    if adoptions.get("statement"):
        # the programs compared by their names, plain, as 四（二） states (fifty-first reading, d4 named glTF-Validator)
        para = w.para(w.text(adoptions["statement"]), normative=False)
        stated = [replace(para, text=plain_programs(para.text))]
    rows: list[tuple[str, ...]] = [(w.t("所引国际标准", "International standard cited"),
                                    w.t("对应的国家标准", "National counterpart"),
                                    w.t("一致性程度", "Degree of correspondence"), w.t("依据", "Basis"))]
    rows += [(w.text(r["international"]), w.t(str(r["national"]), str(r["national"]).replace("—", "-")),
              w.text(r["degree"]), w.text(r["basis"])) for r in adoptions["rows"]]
    return [*stated, w.para(w.text(adoptions["lead"]), normative=False), w.table(rows, (35, 35, 35, 60), normative=False)]
