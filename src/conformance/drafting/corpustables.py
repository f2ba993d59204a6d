"""The clauses of the data formats annex that table the reference corpora (:mod:`.corpora`), a phrase a row."""

from __future__ import annotations

from .corpora import corpora
from .writer import Block, Writer, table_ahead

_LANGUAGE = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}
_UNIT = {"character": ("字（字错误率）", "character (character error rate)"),
         "word": ("词（词错误率）", "word (word error rate)")}


def corpus_clauses(w: Writer, letter: str, first: int) -> list[Block]:
    """A clause and its table for each corpus, numbered from ``letter``.``first``."""
    out: list[Block] = []
    for index, (name, corpus) in enumerate(corpora()):
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
                           f"The reference corpus `{name}` the test cases play to the implementation under test is the {count} "
                           f"phrases of Table {table_ahead(1)}, played in the language the device is set to. A capture "
                           "names each phrase played by its corpus and its phrase (the stream declaration's "
                           "`speech_stimulus`); the error rate of a transcript or a caption against the phrase's text "
                           "is counted in the table's unit.")),
                w.table(rows, (30, 20, 70, 45), title=w.t(f"参考语料 `{name}` 的语句", f"Phrases of the reference "
                                                           f"corpus `{name}`"))]
    return out
