"""The reference corpora of the data formats annex: the phrases a test presents to a product (TD-VOICE-004 and
TD-CAPT-004 play ``mvx-voice-1`` to a voice device and score its transcripts and captions against them), each
tabled from the very file the area's check scores with (the areas' ``conformance_corpora``), so that two
laboratories play the same stimulus (forty-first reading a6: the twelve phrases were in the tool's source only).

A test case whose Chinese text names 参考语料 cites the corpus clauses in its initial conditions, as a case
reading a format cites that format's clause."""

from __future__ import annotations

from typing import Any

import yaml

from .. import _areas
from .writer import Block, Writer, clause_ref, table_ahead

#: the words by which a test case names a corpus it presents
SOUGHT = "参考语料"
_LANGUAGE = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}
_UNIT = {"character": ("字（字错误率）", "character (character error rate)"),
         "word": ("词（词错误率）", "word (word error rate)")}


def _corpora() -> list[tuple[str, dict[str, Any]]]:
    return [(name, yaml.safe_load(path.read_text("utf-8"))) for name, path in sorted(_areas.corpora().items())]


def corpus_clauses(w: Writer, letter: str, first: int) -> list[Block]:
    """A clause and its table for each corpus, numbered from ``letter``.``first``."""
    out: list[Block] = []
    for index, (name, corpus) in enumerate(_corpora()):
        rows: list[tuple[str, ...]] = [(w.t("语句标识", "Phrase"), w.t("语言", "Language"), w.t("语句", "Text"),
                                        w.t("错误率的计数单位", "Unit of the error rate"))]
        for lang, part in corpus["languages"].items():
            rows += [(f"`{phrase}`", w.t(*_LANGUAGE[lang]), f"`{text}`", w.t(*_UNIT[part["unit"]]))
                     for phrase, text in part["phrases"].items()]
        count = len(rows) - 1
        out += [w.heading(w.t(f"{letter}.{first + index} 参考语料（`{name}`）", f"{letter}.{first + index} Reference "
                              f"corpus (`{name}`)"), 2, f"corpus-{name}"),
                w.para(w.t(f"测试用例向被测对象播放的参考语料 `{name}` 由表 {table_ahead(1)} 的 {count} 个语句组成，"
                           "按设备所设定的语言播放该语言的语句。采集文件以语料标识与语句标识指明所播放的语句"
                           "（数据流声明的 `speech_stimulus`）；转写或字幕与语句文本比较所得的错误率按表中的计数单位计算。",
                           f"The reference corpus `{name}` the test cases play to the product is the {count} phrases of "
                           f"Table {table_ahead(1)}, played in the language the device is set to. A capture names each "
                           "phrase played by the corpus and phrase identifiers (the stream declaration's "
                           "`speech_stimulus`); the error rate of a transcript or a caption against the phrase's text "
                           "is counted in the table's unit.")),
                w.table(rows, (30, 20, 70, 45), title=w.t(f"参考语料 `{name}` 的语句", f"Phrases of the reference "
                                                           f"corpus `{name}`"))]
    return out


def cited_corpora(w: Writer, text: str) -> str:
    """The sentence a test case's initial conditions cite the corpora it plays with ("" when its Chinese ``text``
    names none)."""
    if SOUGHT not in text:
        return ""
    listed = w.t("、", ", ").join(f"`{name}`{w.t('：', ': ')}{clause_ref(f'corpus-{name}')}" for name, _ in _corpora())
    letter = w.annex("formats")
    return w.t(f"所播放的参考语料见附录 {letter}（{listed}）。",
               f"The reference corpus played is in annex {letter} ({listed}).") if listed else ""
