"""The 编制说明's limits table's cell for a requirement whose notes do not name its numbers: the documents it cites, each
by its title as the reference list writes it and the section giving the value (moved out of :mod:`.limitbasis`, which the
house holds under 450 lines)."""

from __future__ import annotations

import re

from .sectionzh import chinese_section, foreign_section, kept_bracket
from .spec import _ref_text
from .tables import load_tables
from .writer import Writer


def cited_section(w: Writer, section: str, name: str) -> str:
    """The section after the document's title: a space before a number, 「的」 before a Chinese term (「公民身份号码的
    校验码」)."""
    if not section:
        return ""
    if not (cited := _section(w, section, name)):
        return ""
    return ("的" if re.match(r"[\u4e00-\u9fff]", cited) and not cited.startswith("第") else " ") + cited


def _section(w: Writer, section: str, name: str) -> str:
    """A cited section as the cited document numbers and heads it; the catalog's English remark in brackets on
    what it holds ("6.2 (de-identification)") stays in the English only. In the Chinese text a section of a
    document written in Chinese (its title in the reference list is Chinese: a GB standard, a law) is cited as
    that document numbers it, 「第四条」, 「3.1」 (thirty-second reading, b13), and sections are 「、」 apart. A bracket
    holding the cited sub-clause or the limit's own figures is no remark: the Chinese keeps it (thirty-fifth reading,
    b4: ID-PRIV-001's 10.1, TD-FACE-006's +45 ms and −125 ms were in the English alone)."""
    if w.lang != "zh":
        return section
    if re.search(r"[\u4e00-\u9fff]", w.data.titles.get(name, "")):
        while (bare := re.sub(r" ?\([^()]*\)", "", section)) != section:
            section = bare
        return chinese_section(section)
    section = re.sub(r" ?\(([^()]*)\)", kept_bracket, section)
    while (bare := re.sub(r" ?\([^()]*\)", "", section)) != section:  # an outer bracket is a remark
        section = bare
    return foreign_section(section)


def standard_title(w: Writer, name: str) -> str:
    """A cited standard's title as the draft's reference list writes it in this language."""
    known = load_tables(w.catalog).standards
    return _ref_text(w, known[name]) if name in known else name
