"""The reference corpora a test presents to a product (the areas' ``conformance_corpora``, forty-first reading a6:
the phrases were in a check's source only), read from the very file the area's check scores with, so that two
laboratories play the same stimulus; and the sentence by which a test case that names 参考语料 cites their clauses
in its initial conditions, as a case reading a format cites that format's clause. Their tables are
:mod:`.corpustables`'s (this module is the writer's, which it may not import back)."""

from __future__ import annotations

from typing import Any

import yaml

from .. import _areas
from .crossrefs import clause_ref

#: the words by which a test case names a corpus it presents
SOUGHT = "参考语料"


def corpus_names() -> list[str]:
    """The corpora's ids, in the order their clauses stand (their files left unread)."""
    return sorted(_areas.corpora())


def corpora() -> list[tuple[str, dict[str, Any]]]:
    """Each corpus by id, as its file reads."""
    return [(name, yaml.safe_load(_areas.corpora()[name].read_text("utf-8"))) for name in corpus_names()]


def cited_corpora(text: str, letter: str) -> tuple[str, str]:
    """The (zh, en) sentence a test case's initial conditions cite the corpora of annex ``letter`` with (empty when
    its Chinese ``text`` names none)."""
    if SOUGHT not in text or not (names := corpus_names()):
        return "", ""
    cited = [(f"`{name}`", clause_ref(f"corpus-{name}")) for name in names]
    return (f"所播放的参考语料见附录 {letter}（{'、'.join(f'{n}：{ref}' for n, ref in cited)}）。",
            f"The reference corpus played is in annex {letter} ({', '.join(f'{n}: {ref}' for n, ref in cited)}).")
