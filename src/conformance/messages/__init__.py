"""Bilingual message templates: every text the harness writes into a report comes from here.

A check or the engine writes ``msg("engine.role-unreachable", role=name, reason=why)``. The
result is a :class:`Message`: a ``str`` holding the English text, so code that only needs
text (pytest's output, string joins) sees an ordinary string, that also remembers its
template key and arguments. The report keeps both (``message`` and ``text``), so a report
can be rendered in either language later (:func:`localize`) and a programme can count
findings by template key.

The harness's own templates live in YAML files beside this module, one per key prefix
(``engine.yaml`` holds the keys ``engine.*``); each area brings its own (``identity.*`` from
the identity area's ``messages.yaml``), through the registry (:mod:`conformance._areas`).
Each entry has ``en`` and ``zh`` forms using the same named ``{placeholders}``. Arguments
are text the harness computed or a target supplied: they are inserted as given in both
languages (a target's own words are never translated); an argument may also be a nested
message, or ``{"en": ..., "zh": ...}`` for words the harness keeps in both languages where
they are defined (a schema's ``title`` and ``x-title-zh``).
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeGuard

import yaml

HERE = Path(__file__).parent
LANGS = ("en", "zh")

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Message(str):
    """English text of a template, with the template's key and arguments."""

    __slots__ = ("key", "args")
    key: str
    args: dict[str, object]

    def __new__(cls, key: str, args: dict[str, object]) -> Message:
        self = super().__new__(cls, render(key, args, "en"))
        self.key, self.args = key, args
        return self

    def __reduce__(self) -> tuple[object, ...]:  # copies and pickles keep the template
        return Message, (self.key, self.args)

    @classmethod
    def of(cls, text: Mapping[str, object]) -> Message:
        """The message a report's ``text`` member stands for."""
        return cls(str(text["key"]), _args(text))

    def text(self) -> dict[str, object]:
        """The report's ``text`` member: the key and the arguments (nested messages as
        their own ``text``), enough to render the message again in any language."""
        return {"key": self.key, "args": {k: _arg_json(v) for k, v in self.args.items()}}


def msg(key: str, /, **args: object) -> Message:
    """The message of template ``key`` with ``args`` (KeyError names an unknown key)."""
    return Message(key, args)


def reason(exc: BaseException) -> str:
    """The message ``exc`` was raised with, as report text: its template :class:`Message`
    when it has one (``str(exc)`` would give back a plain copy and lose the template);
    otherwise the exception's own words (a library's: cryptography, pyld, httpx...)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Message) else str(exc)


def text_of(message: object) -> dict[str, object] | None:
    """The ``text`` member for ``message`` (None when it did not come from a template)."""
    return message.text() if isinstance(message, Message) else None


def _args(text: Mapping[str, object]) -> dict[str, object]:
    """A report's ``text`` member's arguments (none when it has none, or they are not an object)."""
    args = text.get("args")
    return {str(k): v for k, v in args.items()} if isinstance(args, Mapping) else {}


#: What an argument that is a float but no finite number is kept as in a report: JSON has no number for it
#: (orjson writes null, which no template's {level:.1f} formats, so a report's Chinese text fell back to the
#: English); :func:`_arg_text` reads it back as the float, so the message renders as it did when written.
NOT_FINITE = ("inf", "-inf", "nan")


def _arg_json(value: object) -> object:
    if isinstance(value, Message):
        return value.text()
    if _is_text(value) or _is_bilingual(value):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "inf", "-inf" or "nan" (NOT_FINITE)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def render(key: str, args: Mapping[str, object], lang: str) -> str:
    """Template ``key`` in ``lang`` with ``args``; a nested message's ``text`` (a dict with
    ``key`` and ``args``, as reports keep it) is rendered in ``lang`` too."""
    template = _area(key.partition(".")[0])[key]
    values = {name: _arg_text(value, lang) for name, value in args.items()}
    try:
        return template[lang if lang in template else "en"].format_map(values)
    except (KeyError, IndexError, ValueError) as exc:  # a report from another version
        raise KeyError(f"message {key!r} cannot be rendered with {sorted(args)}: {exc}") from None


def _arg_text(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return render(value.key, value.args, lang)
    if _is_text(value):
        return localize("", value, lang)
    if _is_bilingual(value):
        return value.get(lang) or value["en"]
    if isinstance(value, str) and value in NOT_FINITE:  # a float no JSON number holds (_arg_json)
        return float(value)
    return value


def _is_text(value: object) -> TypeGuard[Mapping[str, object]]:
    return isinstance(value, Mapping) and set(value) == {"key", "args"}


def _is_bilingual(value: object) -> TypeGuard[Mapping[str, object]]:
    # Words written in both languages where they are defined (a schema's title and its
    # x-title-zh): {"en": ..., "zh": ...}.
    return isinstance(value, Mapping) and set(value) == {"en", "zh"}


def localize(message: str, text: Mapping[str, object] | None, lang: str) -> str:
    """``message`` in ``lang``: rendered from its ``text`` when it has one the catalog
    knows, otherwise as written (a target's words, or a report of another version)."""
    if isinstance(message, Message) and text is None:
        text = message.text()
    if not text:
        return message
    try:
        return render(str(text["key"]), _args(text), lang)
    except (KeyError, TypeError):
        return message


def templates() -> dict[str, dict[str, str]]:
    """Every template, by key (the prefix, a dot, the key within its file): the harness's
    own, then those the areas and plug-in catalogs bring, which may add prefixes and keys
    but not redefine a key."""
    prefixes = sorted({path.stem for path in HERE.glob("*.yaml")} | set(_brought()))
    return {key: entry for prefix in prefixes for key, entry in _area(prefix).items()}


def templates_file(prefix: str) -> Path | None:
    """The file a new template of ``prefix`` (keys ``<prefix>.<key>``) goes into, where
    ``conformance new requirement`` writes a new requirement's: the first file its area
    brings (``areas/<area>/messages.yaml`` for the built-in ones), else the harness's own;
    None when no file holds that prefix."""
    brought = _brought().get(prefix, ())
    if brought:
        return brought[0]
    own = HERE / f"{prefix}.yaml"
    return own if own.is_file() else None


@cache
def _area(prefix: str) -> dict[str, dict[str, str]]:
    """The templates of one key prefix: a run reads only the areas it writes messages of."""
    found: dict[str, dict[str, str]] = {}
    for path in (HERE / f"{prefix}.yaml", *_brought().get(prefix, ())):
        if not path.is_file():
            continue
        for key, value in _parsed(path.read_bytes()).items():
            full = f"{prefix}.{key}"
            if full in found:  # the first definition stands; lint reports the second
                _twice.append(f"{full}: defined again in {path}")
                continue
            found[full] = value
    return found


@lru_cache(maxsize=32)
def _file_entries(data: bytes) -> dict[str, Any]:
    return yaml.load(data.decode("utf-8"), Loader=_Loader) or {}


def _parsed(data: bytes) -> dict[str, Any]:
    """A templates file's entries, parsed once for the same bytes: :func:`forget` reads the
    files again (a scaffold adds a template, then the catalog's file differs and is parsed
    again), and the unchanged ones (about 0.6 MB in all) are not parsed again. Each entry is
    a copy: a caller may change what it gets."""
    return {key: dict(value) if isinstance(value, dict) else value for key, value in _file_entries(data).items()}


def _brought() -> dict[str, tuple[Path, ...]]:
    """Key prefix -> the template files areas and plug-in catalogs bring: the registry reads
    the entry points, this module only the files it names."""
    from .._areas import template_files

    return template_files()


_twice: list[str] = []


#: Chinese text as a regular-expression character range: CJK punctuation, the unified
#: ideographs, full-width forms ("{where}：{message}" is Chinese too).
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_HAS_CHINESE = re.compile(f"[{CJK}]")


def problems() -> list[str]:
    """What is wrong with the templates: a missing language, different placeholders in the
    two, a conversion (``!r``) or positional field, no Chinese in the ``zh`` form."""
    found = list(_twice)
    for key, entry in templates().items():
        if not isinstance(entry, dict) or set(entry) != set(LANGS):
            found.append(f"{key}: needs exactly 'en' and 'zh'")
            continue
        texts = tuple(entry[lang] for lang in LANGS)
        checked = _template_problems if all(isinstance(t, str) for t in texts) else _template_problems.__wrapped__
        found.extend(checked(key, *texts))
    return found


@lru_cache(maxsize=8192)
def _template_problems(key: str, en: str, zh: str) -> tuple[str, ...]:
    """The problems of one template, worked out once per process for the same words: each
    lint of a process asks for every template again."""
    found: list[str] = []
    try:
        fields = {"en": list(string.Formatter().parse(en)), "zh": list(string.Formatter().parse(zh))}
    except ValueError as exc:
        return (f"{key}: {exc}",)
    names = {lang: {f[1] for f in parsed if f[1] is not None} for lang, parsed in fields.items()}
    if names["en"] != names["zh"]:
        found.append(f"{key}: placeholders differ: en {sorted(names['en'])}, zh {sorted(names['zh'])}")
    for lang, parsed in fields.items():
        for _, name, _spec, conversion in parsed:
            if name is not None and (conversion or not name.isidentifier()):
                found.append(f"{key} ({lang}): field {{{name}}} must be a plain name (no !r, no index)")
    if not _HAS_CHINESE.search(zh):
        found.append(f"{key}: the zh form has no Chinese")
    return tuple(found)


def forget() -> None:
    """Read the templates again on next use, and look for areas and plug-in catalogs again
    (after one was added or removed)."""
    from .._areas import forget as forget_plugins

    forget_plugins()
    _area.cache_clear()
    _twice.clear()


def alternatives(values: Iterable[object]) -> str:
    """``values`` as "200 or 201 or 204", the word "or" in the report's language too
    (Chinese "或")."""
    shown = [str(v) for v in values]
    either: str = shown[0] if shown else ""
    for value in shown[1:]:
        either = msg("engine.either", first=either, then=value)
    return either
