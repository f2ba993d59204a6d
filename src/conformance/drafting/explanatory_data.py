"""What the 编制说明 reads besides the catalog: ``suites/explanatory.yaml`` (the parts a drafting
group fills, the comparison with similar test suites, each law's relation) and the measured
figures of its verification, read from the section of a file of this repository that reports them
(bench/README.md, docs/*.md), so that each figure is written once, where it was measured."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog, load_yaml_kept
from ..errors import CatalogError, Location

NOTE_DATA = "explanatory.yaml"
#: a limit of a statement: a number with its unit (the counts and codes a statement names, such as
#: status 404 or RFC 9457, are the cited standard's names, not limits). A number grouped in thousands
#: (86 400 秒) is one number, and a compound unit (13 m/s, 700 m/s^2) one unit: the third reading found
#: 「400 秒」 and 「13 m」 in the table; a negative value (-1000 米), newtons, radians and candelas per square metre
#: are limits too (the fourteenth reading found SC-GEO-001's -1000 m, TD-FORCE-004's 140 N, RB-JOINT-002's
#: 0.01 rad and TD-DISP-011's 50 cd/m² missing from the table);
#: a level relative to full scale keeps its FS (twenty-eighth reading, b11: -60 dB FS); an angular velocity its
#: 「/秒」 (thirtieth reading, b16: RB-JOINT-003's 「0.1 弧度/秒」 read 0.1 rad); watts, microvolts, megohms, a
#: radiance and kibibytes too (forty-first reading, d10, d9, d4, c15: TD-PWR-003's 0.1 W cut-off, TD-BCI-007's 6 μV
#: and 10 MΩ, TD-DISP-010's 100 W m^-2 sr^-1, SC-FEED-005's 256 KiB stood in no row)
#: a power of ten, 「10⁻¹² kg·m²」, and gibibytes are read too (forty-second reading, c10, b1)
#: a fraction of a unit is one quantity, 「1/10 秒」, and a denominator alone none: 「*n*/60 秒」 is a formula (forty-fifth
#: reading, d4: SC-RENDER-002 and -004 listed 10 s and 60 s, which no statement sets)
LIMIT = re.compile(r"(?<![\w.\-/])(?<!\d )(-?(?:\d+/\d+|10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.])|\d+(?:\.\d+)?))\s?"
                   r"(°C|℃|ms|毫秒|μmol/mol|μs|微秒|ns|纳秒|s(?![a-zA-Z])|秒|min|分钟|h(?![a-zA-Z])|"
                   r"小时|天|摄氏度|nm|纳米|mm|毫米|cd/m(?:\^?2|²)|cm|厘米|m/s(?:\^?[23]|[²³])?|deg/s(?:\^?2|²)?|rad/s(?:\^?2|²)?|"
                   r"rad(?![a-zA-Z/])|弧度/秒|弧度|mN(?![a-zA-Z])|毫牛|N(?![a-zA-Z])|m(?![a-zA-Z])|"
                   r"米每秒|米|%|°/s(?:\^?2|²)?|°|度|Hz|赫兹|kHz|dB(?: FS)?|MB|KB|GB|GiB|MiB|KiB|kg·m²|字节|px|像素|帧|岁|lx|nit|"
                   r"W m\^-2 sr\^-1|W(?![a-zA-Z])|瓦(?!片)|μV|微伏|MΩ|兆欧)")
_VERDICT = re.compile(r"^\| *([A-Z]{2}-[A-Z0-9]+-\d{3}[^|]*?) *\| *(pass|fail|inconclusive|not applicable|error) *\|")
#: a row judging a run of requirements, "SC-FEED-004 to SC-FEED-007" (one verdict each)
_SPAN = re.compile(r"^([A-Z]{2}-[A-Z0-9]+-)(\d{3}) to \1(\d{3})$")
#: a profile its manifest claims (``  - id: identity-resolver`` under ``profiles:``), or a manifest said to be
#: another product's (trimesh: "The manifest is obj2gltf's")
_CLAIMED = re.compile(r"^  - id: ([a-z0-9-]+)\s*(?:#.*)?$")
_SAME_MANIFEST = re.compile(r"The manifest is ([\w.-]+)'s")


@dataclass(frozen=True)
class Product:
    """One real product judged in the harness's own tests, as docs/real-products.md records it: the
    verdict of each requirement of its first table (the run its test's ``EXPECTED`` records; a later
    table, such as ACA-Py's default signing, is another configuration of the same requirements)."""

    name: str
    judged: dict[str, str] = field(default_factory=dict)
    #: the profiles its manifest claims (forty-first reading, d13: the table named none)
    profiles: list[str] = field(default_factory=list)
    #: the verdicts of its annex C (candidate or draft) requirements, kept apart from ``judged`` (forty-fourth
    #: reading, d2: pygeoapi's IF-DISC-004 was counted and listed among its failures, though not the draft's)
    annex_c: dict[str, str] = field(default_factory=dict)

    @property
    def verdicts(self) -> Counter[str]:
        """Verdicts per requirement, not per row (thirty-sixth reading, b1: a span row was counted once and
        ACA-Py's two tables twice)."""
        return Counter(self.judged.values())


def _requirements(cell: str) -> list[str]:
    span = _SPAN.match(cell)
    if not span:
        return [cell]
    prefix, first, last = span.group(1), int(span.group(2)), int(span.group(3))
    return [f"{prefix}{n:03d}" for n in range(first, last + 1)]


@dataclass(frozen=True)
class NoteData:
    document: dict[str, Any]
    path: Path
    root: Path

    def get(self, key: str) -> Any:
        return self.document.get(key)


def load_note_data(catalog: Catalog) -> NoteData | None:
    """The first catalog folder's ``suites/explanatory.yaml`` (None: a catalog without one)."""
    for root in catalog.roots.values():
        path = root / "suites" / NOTE_DATA
        if path.is_file():
            return NoteData(load_yaml_kept(path) or {}, path, root)
    return None


def section(root: Path, file: str, title: str) -> str | None:
    """The text of a file's section: from the first line naming ``title`` to the next heading
    outside a code block (None: the file is not in this checkout, e.g. an installed catalog)."""
    path = root / file
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if title in line), None)
    if start is None:
        return ""
    out, fenced = [lines[start]], False
    for line in lines[start + 1:]:
        if line.startswith("```"):
            fenced = not fenced
        elif line.startswith("#") and not fenced:
            break
        out.append(line)
    return "\n".join(out)


def figures(data: NoteData, entry: dict[str, Any], display: str,
            bibliography: Callable[[], dict[str, int]] | None = None) -> dict[str, str] | None:
    """Each named figure of a validation entry, read by its pattern's one group from its section;
    a pattern that no longer finds its figure is the catalog's error, naming the place. An entry's
    ``cites`` (key: a document of the 参考文献) gives that document's number there (thirty-sixth reading,
    b5: 「VCALM」 was a name the draft uses nowhere)."""
    text = section(data.root, str(entry["file"]), str(entry["section"]))
    if text is None:
        return None
    found: dict[str, str] = {}
    if entry.get("cites") and bibliography is not None:
        numbers = bibliography()  # the draft's own numbering, so the two never disagree
        for name, document in dict(entry["cites"]).items():
            if str(document) not in numbers:
                raise CatalogError(Location(display, ("validation", str(entry.get("key")), "cites", name)),
                                   f"{document!r} is not in the 参考文献", "cite a document the 参考文献 lists")
            found[name] = str(numbers[str(document)])
    for name, pattern in dict(entry.get("figures", {})).items():
        match = re.search(str(pattern), text, re.MULTILINE)
        if match is None:
            raise CatalogError(Location(display, ("validation", str(entry.get("key")), "figures", name)),
                               f"no figure matches in the section {entry['section']!r} of {entry['file']}",
                               "fix the pattern or the section's title")
        found[name] = match.group(1)
    return found


def products(data: NoteData) -> list[Product] | None:
    """The products of docs/real-products.md's section and the verdicts of their tables' rows."""
    spec = data.get("products") or {}
    path = data.root / str(spec.get("file", ""))
    if not spec or not path.is_file():
        return None
    out: list[Product] = []
    inside = closed = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = str(spec["section"]) in line
        elif inside and line.startswith("### "):
            out.append(Product(line[4:].strip()))
            closed = False
        elif inside and out and not out[-1].judged and (claimed := _CLAIMED.match(line)):
            out[-1].profiles.append(claimed.group(1))
        elif inside and out and not out[-1].profiles and (same := _SAME_MANIFEST.search(line)):
            out[-1].profiles.extend(next((p.profiles for p in out if p.name.startswith(same.group(1))), []))
        elif inside and out and not closed and (match := _VERDICT.match(line)):
            out[-1].judged.update(dict.fromkeys(_requirements(match.group(1)), match.group(2)))
        elif out and out[-1].judged and not line.startswith("|"):
            closed = True  # the product's first table ended
    return [p for p in out if p.judged]


def by_rank(relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """编制说明 八's documents in the order its heading names them, by rank: laws, administrative regulations
    (国务院令), departmental rules (部门令), other normative documents (notices, measures with a 文号), mandatory
    national standards, then the recommended ones its lead-in adds; as written within a rank (thirteenth reading:
    a law stood as (二十一) after the standards)."""
    return sorted(relations, key=lambda entry: relation_rank(str(entry.get("title", ""))))


def relation_rank(title: str) -> int:
    if title.startswith("GB/T"):
        return 5
    if title.startswith("GB "):
        return 4
    if title.startswith("《中华人民共和国") and re.match(r"《[^》]*(?:法|法典)》", title):
        return 0
    if "国务院令" in title:
        return 1
    return 2 if re.search(r"令第 ?\d+ ?号", title) else 3


def corpora_kept(data: NoteData | None) -> tuple[str, str]:
    """Where 四（二）'s public corpora are (sixty-first reading, d1: the note said all were kept outside the project,
    while the glTF-Validator's and the identity corpora are committed under tests/corpora): a validation entry's
    ``corpus`` names the folder its section measured on, which must exist in this checkout and be named in that
    section; the parenthesis in Chinese and in English names those entries and folders, the others kept outside;
    an entry with ``corpus_part`` has only part of its corpus committed, and is named so."""
    kept: list[tuple[str, str, str]] = []
    for entry in (data.get("validation") if data else None) or []:
        if not entry.get("corpus") or data is None:
            continue
        folder, text = str(entry["corpus"]), section(data.root, str(entry["file"]), str(entry["section"]))
        if text is not None and (folder not in text or not (data.root / folder).is_dir()):
            raise CatalogError(Location(str(data.path), ("validation", str(entry.get("key")), "corpus")),
                               f"{folder!r} is not a folder of this checkout that the section names",
                               "name the tests/corpora folder the section measured on")
        part = ("（部分）", " (in part)") if entry.get("corpus_part") else ("", "")  # 72nd reading, d1
        kept.append((str(entry["zh"]).split("：", 1)[0] + part[0], str(entry["en"]).split(": ", 1)[0] + part[1], folder))
    outside = ("语料保存在项目之外，只记录来源与版本", "the corpora are kept outside the project, their sources and versions "
               "recorded")
    if not kept:
        return outside
    names = "、".join(z for z, _, _ in kept)
    return (names + ("" if names.endswith("）") else " ") + "的语料随开源项目提交，存于 " + "、".join(f"`{f}`" for _, _, f in kept)
            + "，各记录其来源与版本，按各来源自己的许可证分发；其余" + outside[0],
            "the corpora of " + " and ".join(e for _, e, _ in kept) + " are committed with the open-source project, in "
            + " and ".join(f"`{f}`" for _, _, f in kept) + ", each with its source and version and under its source's "
            "own licence; the other " + outside[1].removeprefix("the "))
