"""五 知识产权说明's sentence on the data committed with the project (sixty-second reading, d3): it said the test
data published with the document are open source, while tests/corpora holds third-party data (3D Tiles samples,
DCAT examples, BIDS sidecars, lamp traces, NIST's OSCAL schema, ...) committed under their sources' own licences.
The sentence is computed from the folders of tests/corpora in this checkout, each of which records its sources in a
file of its own (README.md, SOURCES.md, or a sources.yaml per corpus)."""

from __future__ import annotations

from pathlib import Path

#: where the project commits third-party data, from the checkout's root
CORPORA = "tests/corpora"
#: the files a corpus folder records its sources in
RECORDS = ("README.md", "SOURCES.md", "sources.yaml")


def corpus_folders(root: Path) -> list[str]:
    """The folders of ``tests/corpora`` in this checkout (none: an installed catalog, or no corpus committed)."""
    base = root / CORPORA
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def recorded(folder: Path) -> bool:
    """Whether a corpus folder records where its data come from: a record file in it or in each of its sub-folders."""
    return any((folder / name).is_file() for name in RECORDS) or all(
        recorded(sub) for sub in folder.iterdir() if sub.is_dir()) and any(p.is_dir() for p in folder.iterdir())


def third_party_data(root: Path | None) -> tuple[str, str]:
    """The sentence in Chinese and in English: what is open source, the third-party data committed and under which
    licences, and the corpora kept outside."""
    folders = corpus_folders(root) if root else []
    outside = ("比对所用的其余公开语料不随项目分发，保存在项目之外，只记录其来源与版本",
               "the other public corpora of the comparisons are not distributed with the project: they are kept "
               "outside it, with only their source and version recorded")
    own = ("随本文件发布的测试工具、测试用例与已知不合格用例以开源许可证发布",
           "the test tool, test cases and known-bad cases published with the document are open source")
    if not folders:
        return (f"{own[0]}；比对所用的公开语料不随项目分发，保存在项目之外，只记录其来源与版本",
                f"{own[1]}; the public corpora of the comparisons are not distributed with the project: they are kept "
                "outside it, with only their source and version recorded")
    named = [f"`{CORPORA}/{name}`" for name in folders]
    return (f"{own[0]}；项目中另提交有他人发布的公开数据，存于 {'、'.join(named)} 各目录，用于测试工具的自测与本说明第四部分"
            "的比对，各目录的说明文件记录其来源：这些数据不是起草组编写的，不在上述开源许可证之内，按各来源自己的"
            f"许可证随项目分发；{outside[0]}",
            f"{own[1]}; the project also commits public data published by others, in {', '.join(named[:-1])} and "
            f"{named[-1]}, for the tool's own tests and the comparisons of part 4 of this note, each folder's "
            "description file recording their sources: these data are not the drafting group's work, "
            "are not under that open-source licence and are distributed with the project under their sources' own "
            f"licences; {outside[1]}")
