"""Annexes A and B in English with the code values their Chinese marks (thirty-first reading of issue 76, rows a26
and b3: 121 rows of annex A and 21 places of annex B printed `clock_path`, `POST /test/clock`, `.gltf` or `mfa` as
plain words in English, so a setting or a feature read as prose). The Chinese writer marks every code value of a
Latin-script word (:func:`.wording.coded`); the English of the same text is marked as the test cases' parts are
(:func:`.englishcode.marked_part`): by form, or where the Chinese marks the very word."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from .englishcode import _CODE, english_coded, marked_part
from .wording import _GLOB, _TOKEN, unquoted_names
from .writer import Writer

#: a method and a path that starts with a setting's value (「`POST {generation_path}/label`」): one operation, as the
#: Chinese writer marks it, not a method, a brace and a setting
_METHOD_SETTING = re.compile(r"(?<![\w`])((?:GET|POST|PUT|PATCH|DELETE) \{[a-z_]+\}[A-Za-z0-9_/{}.-]*)")


def coded(w: Writer, zh: str, en: str) -> str:
    """``zh`` in the Chinese draft; in the English one ``en`` with the code values marked that ``zh`` marks: a quoted
    glob as one value without its quotation marks (「例如 `city/**/*`」), as :func:`.wording.coded` writes it."""
    if w.lang == "zh":
        return zh
    parts = re.split(r"(`[^`]*`)", en)
    en = "".join(p if p.startswith("`") else _METHOD_SETTING.sub(r"`\1`", _GLOB.sub(r"`\1`", p)) for p in parts)
    return marked_part(en, zh, w.allowed, w.literals)


def coded_text(w: Writer, value: Any, shape: Callable[[str, str], str] = lambda text, lang: text) -> str:
    """A bilingual text (``value.get(lang)``) shaped for its language by ``shape(text, lang)``, then marked as
    :func:`coded` marks it: the Chinese and the English of one description go through the same shaping."""
    return coded(w, shape(value.get("zh") or "", "zh"), shape(value.get("en") or "", "en"))


def coded_as_written(w: Writer, zh: str, en: str) -> str:
    """``zh``, or ``en`` marked where ``zh`` as written marks (table B.2's topic texts: the Chinese is printed with
    the marks its source gives, no code value added, so a name the English writes by its form alone, ``IoT`` or
    ``ISO/TS``, stays plain in English too)."""
    if w.lang == "zh":
        return zh
    marked = Counter(_CODE.findall(unquoted_names(zh, w.allowed)))  # a name of clause 4 unmarked, as the Chinese
    return english_coded(en, marked, w.allowed | {t for t in _TOKEN.findall(en) if t not in marked})
