"""五 知识产权说明's sentence on the data committed with the project (sixty-second reading, d3): it said the test
data published with the document are open source, while tests/corpora holds third-party data (3D Tiles samples,
DCAT examples, BIDS sidecars, lamp traces, NIST's OSCAL schema, ...) committed under their sources' own licences.
The sentence is computed from the folders of tests/corpora in this checkout, each of which records its sources in a
file of its own (README.md, SOURCES.md, or a sources.yaml per corpus).

Not all of it is others' data (sixty-third reading, d2): the records say which files the project wrote. A README row
or sentence naming a path "written by `<command>`" or "recorded by `<command>`" (the benches' ``--record``) or
"written here" names a file the project's scripts wrote: a record of a verdict (``expected.json``), the project's
own, or, when the same words say what was "removed", "altered" or "extracted", a copy of others' data the project
altered, which stays under its source's terms (``dcat/altered/``). A sources.yaml item with an ``altered`` key or a
path saying what was removed is such a copy too; its header saying the corpus's files were "written here" or
"(<file>, written for this corpus" names files the project wrote itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: where the project commits third-party data, from the checkout's root
CORPORA = "tests/corpora"
#: the files a corpus folder records its sources in
RECORDS = ("README.md", "SOURCES.md", "sources.yaml")
#: the words of a record naming a file the project's scripts wrote
WRITTEN = re.compile(r"\b(?:written|recorded) (?:by\s+`(?:python |--record)|here\b)")
#: the words saying a file so written is others' data altered
ALTERED = re.compile(r"\b(?:removed|altered|extracted)\b")
#: a path in backticks (not a command, not a code word with spaces)
_PATH = re.compile(r"`([\w.\-*/]+(?:/|\.\w+))`")
#: a sources.yaml header naming the files written for the corpus, 「(controller.N.json, written for this corpus」
_WRITTEN_FILES = re.compile(r"\(([\w.\-]+), written (?:here|for this corpus)")


def corpus_folders(root: Path) -> list[str]:
    """The folders of ``tests/corpora`` in this checkout (none: an installed catalog, or no corpus committed)."""
    base = root / CORPORA
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def recorded(folder: Path) -> bool:
    """Whether a corpus folder records where its data come from: a record file in it or in each of its sub-folders."""
    return any((folder / name).is_file() for name in RECORDS) or all(
        recorded(sub) for sub in folder.iterdir() if sub.is_dir()) and any(p.is_dir() for p in folder.iterdir())


def record_files(folder: Path) -> list[Path]:
    """The record files of a corpus folder, as :func:`recorded` looks for them: its own, else each sub-folder's."""
    own = [folder / name for name in RECORDS if (folder / name).is_file()]
    if own:
        return own
    return [f for sub in sorted(p for p in folder.iterdir() if p.is_dir()) for f in record_files(sub)]


@dataclass
class Made:
    """What the records say the project wrote, each a path from the checkout's root (a folder ends in ``/``, a set of
    files is named with ``*``): records of its scripts and files written for a corpus, and copies of others' data it
    altered."""

    own: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)


def _units(text: str) -> list[str]:
    """A Markdown record's rows and sentences: a table row each, a paragraph's sentences and list items each."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        out += [line for line in lines if line.startswith("|")]
        prose = " ".join(line.strip() for line in lines if not line.startswith("|"))
        out += [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z`])|\s(?=- `)", prose) if s]
    return out


def _resolve(folder: Path, path: str, root: Path) -> list[str]:
    """``path`` as a record names it, from the checkout's root: beside the record, else each such file below it
    (「Each corpus's `expected.json`」)."""
    if (folder / path.rstrip("/")).exists():
        found = [folder / path.rstrip("/")]
    else:
        found = sorted(folder.rglob(path.rstrip("/")))
    return [str(p.relative_to(root)) + ("/" if p.is_dir() else "") for p in found]


def _markdown(record: Path, root: Path, made: Made) -> None:
    for unit in _units(record.read_text("utf-8")):
        if not (said := WRITTEN.search(unit)):
            continue
        paths = [p for m in _PATH.finditer(unit, 0, said.start()) for p in _resolve(record.parent, m.group(1), root)]
        (made.altered if ALTERED.search(unit) else made.own).extend(paths)


def _sources(record: Path, root: Path, made: Made) -> None:
    text = record.read_text("utf-8")
    header = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text) or {}
    items = [i for i in data.get("items") or [] if isinstance(i, dict) and "file" in i]
    here = str(record.parent.relative_to(root))
    named = [m.group(1).replace(".N.", ".*.") for m in _WRITTEN_FILES.finditer(header)]
    if named:  # each file the pattern names, 「controller.N.json」: controller.1.json ...
        made.own += [str(p.relative_to(root)) for name in named for p in sorted(record.parent.glob(name))]
    elif re.search(r"\bwritten here\b", header):
        made.own.append(f"{here}/")
    altered = [i["file"] for i in items if "altered" in i or ALTERED.search(str(i.get("path", "")))]
    if altered and len(altered) == len(items):
        made.altered.append(f"{here}/")
    else:
        made.altered += [f"{here}/{name}" for name in altered]


def project_made(root: Path) -> Made:
    """The files of ``tests/corpora`` the records say the project wrote or altered (:class:`Made`), each sub-folder's
    nested records read too (a corpus of corpora, 「proof-vectors/vc-cose/sources.yaml」)."""
    made = Made()
    for name in corpus_folders(root):
        base = root / CORPORA / name
        for record in sorted({*record_files(base), *base.rglob("sources.yaml")}):
            (_sources if record.suffix == ".yaml" else _markdown)(record, root, made)
    made.own = list(dict.fromkeys(made.own))
    made.altered = list(dict.fromkeys(made.altered))
    return made


def _listed(paths: list[str], lang: str) -> str:
    """The paths in backticks, more than four files of one folder as the folder with their count."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        folders.setdefault(path if path.endswith("/") else path.rsplit("/", 1)[0] + "/", []).append(path)
    out: list[str] = []
    for folder, files in folders.items():
        if len(files) > 4 and folder not in files:
            out.append(f"`{folder}` 中的 {len(files)} 个文件" if lang == "zh" else f"{len(files)} files in `{folder}`")
        else:
            out += [f"`{p}`" for p in files]
    return ("、" if lang == "zh" else ", ").join(out)


def third_party_data(root: Path | None) -> tuple[str, str]:
    """The sentence in Chinese and in English: what is open source, the data committed (others' under their
    licences, the project's records and files under its own, the copies it altered under their sources' terms) and
    the corpora kept outside."""
    folders = corpus_folders(root) if root else []
    outside = ("比对所用的其余公开语料不随项目分发，保存在项目之外，只记录其来源与版本",
               "the other public corpora of the comparisons are not distributed with the project: they are kept "
               "outside it, with only their source and version recorded")
    own = ("随本文件发布的测试工具、测试用例与已知不合格用例以开源许可证发布",
           "the test tool, test cases and known-bad cases published with the document are open source")
    if not folders or root is None:
        return (f"{own[0]}；比对所用的公开语料不随项目分发，保存在项目之外，只记录其来源与版本",
                f"{own[1]}; the public corpora of the comparisons are not distributed with the project: they are kept "
                "outside it, with only their source and version recorded")
    named = [f"`{CORPORA}/{name}`" for name in folders]
    made = project_made(root)
    zh = (f"{own[0]}；项目中另提交有测试数据，存于 {'、'.join(named)} 各目录，用于测试工具的自测与本说明第四部分的比对，"
          "各目录的说明文件记录每项数据的来源：其中他人发布的公开数据不是起草组编写的，不在上述开源许可证之内，按各来源"
          "自己的许可证随项目分发")
    en = (f"{own[1]}; the project also commits test data, in {', '.join(named[:-1])} and {named[-1]}, for the tool's "
          "own tests and the comparisons of part 4 of this note, each folder's description file recording where each "
          "item comes from: the public data published by others among them are not the drafting group's work, are not "
          "under that open-source licence and are distributed with the project under their sources' own licences")
    if made.own:
        zh += (f"；说明文件记为由项目的脚本写出或为语料编写的文件（{_listed(made.own, 'zh')}）属本项目，按上述开源许可证发布")
        en += (f"; the files the description files record as written by the project's scripts or for the corpus "
               f"({_listed(made.own, 'en')}) are the project's, under that open-source licence")
    if made.altered:
        zh += (f"；由项目改写的他人数据副本（{_listed(made.altered, 'zh')}）仍按其来源的许可条件分发")
        en += (f"; the copies of others' data the project altered ({_listed(made.altered, 'en')}) stay under their "
               "sources' terms")
    return f"{zh}；{outside[0]}", f"{en}; {outside[1]}"
