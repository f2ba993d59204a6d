"""``topic-zh`` (issue 76): the Chinese rendering's table B.3 shows each seed topic's ``missing:``
and ``out_of_scope:`` from their Chinese twins, ``missing_zh:`` and ``out_of_scope_zh:``, which
state the same numbers. Topics still to translate are on an allow-list that only shrinks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from .tables import Topic

_NUMBER = re.compile(r"\d+(?:\.\d+)*")
#: an article or item of a Chinese law, numbered in Chinese (第二十四条 for art. 24, 第二项)
_ARTICLE_ZH = re.compile("第([一二三四五六七八九十]+)[条项款]")
_DIGIT_ZH = "〇一二三四五六七八九"
#: a Han character: a text with none is not Chinese
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _numbers(text: str, zh: bool = False) -> set[str]:
    """The numbers a text states; in a Chinese text also those of 第……条 (up to 99)."""
    found = set(_NUMBER.findall(text))
    for numeral in _ARTICLE_ZH.findall(text) if zh else ():
        tens, ten, units = numeral.rpartition("十")
        found.add(str((_DIGIT_ZH.index(tens) if tens else len(ten)) * 10 + (_DIGIT_ZH.index(units) if units else 0)))
    return found


def zh_problems(topic: Topic) -> Iterator[tuple[str, str]]:
    """``topic-zh``: the Chinese rendering's table B.3 shows a topic's ``missing:`` and
    ``out_of_scope:`` from their Chinese texts (issue 76: 134 English clauses in it), so each
    has its ``_zh`` twin, stating the same numbers."""
    for name, en, zh in (("missing", topic.missing, topic.missing_zh),
                         ("out_of_scope", topic.out_of_scope, topic.out_of_scope_zh)):
        if en and not zh:
            yield (f"has {name}: but no {name}_zh:",
                   f"add {name}_zh:, the same text in Chinese (the Chinese table B.3 shows it)")
        elif zh and not en:
            yield (f"has {name}_zh: but no {name}:", f"add {name}:, or drop {name}_zh:")
        elif lost := sorted(_numbers(en) - _numbers(zh, zh=True), key=en.index):
            yield (f"{name}_zh: lacks {', '.join(lost)}, which {name}: states",
                   "state the same numbers in both languages (requirement IDs and code values as written)")
        elif zh and not _HAN.search(zh):
            yield (f"{name}_zh: is not in Chinese", f"write {name}_zh: in simplified Chinese")


def allowed_topic_problems(topic: Topic, problems: Iterable[tuple[str, str]],
                           allowed: Mapping[str, frozenset[str]]) -> Iterator[tuple[str, str]]:
    """(problem, fix) unless the topic is on the ``topic-zh`` allow-list (topics other work is
    rewriting); a listed topic that no longer trips the rule is a finding, so the list shrinks."""
    found = list(problems)
    if topic.key not in allowed.get("topic-zh", frozenset()):
        yield from found
    elif not found:
        yield ("is on the allow-list of topic-zh but no longer trips it",
               f"remove {topic.key} from topic-zh in suites/lint-allowances.yaml")
