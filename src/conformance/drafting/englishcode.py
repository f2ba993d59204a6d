"""The English statements and rules with their code values marked as the Chinese marks them (twentieth reading of
issue 76, row 36: 197 of 310 English test purposes marked no code value the Chinese marked, 「limits.force_n」 plain
in English, `limits.force_n` in Chinese). The Chinese writer (:func:`.wording.coded`) marks every Latin-script word
that is not a name of clause 4, since Chinese text holds no English words; English text does, so the English writer
marks a token as code by one of two rules, and no other:

- its form: a token no English word has, which is code wherever it stands: a member or value joined by ``_``
  (``force_n``), a member path joined by ``.`` (``limits.force_n``, not "e.g"), a name joined by ``:`` or ``@``,
  a name with a capital after a lower-case letter (``dateTimeStamp``, not a name of clause 4 such as OpenXR), a
  lower-case word ending in digits (``sha256``), a file extension (``.gltf``), an HTTP status class (``4xx``), a
  path after a space or a bracket with its method (``GET /generate/label``; not a division, 「*n*/60」) and a URL;
  a word of letters after a number is its unit (「6 uV」) and stays plain;
- the Chinese of the same text marks it: a word that is also an English word ("kind", "image", "limits", "true",
  "Label") is code only where the Chinese statement or rule marks that very word, no more times than the Chinese
  marks it, and not where it reads as the English word: first in a sentence, or after a determiner or a number
  ("an image", "the limits of", "its name", "10 min"). Where an English text uses such a word as code after a
  determiner, the catalog writes it marked in the source.

Code the source already marks stays as it is."""

from __future__ import annotations

import re
from collections import Counter

from .._catalog.model import Requirement
from .crossrefs import keyed_refs
from .jsonbody import json_objects
from .namedwords import inside_name
from .signs import signs
from .wording import _PATH, _REQ_ID, _STATUS_CLASS, _TOKEN, _URL, UNITS, _dated, chinese_quotes, coded

_CODE = re.compile(r"`([^`]+)`")
_CODE_SPAN = re.compile(r"`[^`]*`")
#: a word the English has too: lower case letters, maybe hyphenated (``lifecycle-lock``)
_LOWER_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-/][a-z0-9]+)*")
_SPLIT = re.compile(r"(`[^`]*`)")
#: joiners no English word has inside it ("e.g", "i.e" are abbreviations, not member paths)
_JOINED = re.compile(r"[A-Za-z0-9][_:@+][A-Za-z0-9]|[A-Za-z0-9_]\.[A-Za-z_]")
_ABBREVIATION = re.compile(r"[A-Za-z](?:\.[A-Za-z])+")
#: a capital after a lower-case letter inside (``dateTimeStamp``, ``XrTime``), as the Chinese writer's rule
_CAMEL = re.compile(r"[a-z][A-Z]")
#: a lower-case word ending in digits (``sha256``, ``base64``), not a percentile (``p95``, written out by
#: :mod:`.signs`) nor a word and a unit
_DIGITS = re.compile(r"[a-z]{2,}\d+")
#: a JSON member or string in quotation marks: the marks belong to the code value (as :func:`.wording.coded`); the
#: marks stand outside a word, so the closing mark of one marked value and the opening mark of the next (「`'Body'` and
#: `'FootPrint'`」, SC-BIM-010's Pass line) are no quotation around the words between (twenty-fourth reading, row 20)
_QUOTED = re.compile(r'(?<![\w`])(["\'])`([^`"\'\n]+)`( \.\.\.)?\1(?![\w`])')
#: an ordinal and the word it counts ("95th-percentile", 「第 95 百分位数」): English words, no code value
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)(?:-[a-z]+)*")
#: an English word before it that makes the next word the English word: an article, a determiner, a number
_DETERMINER = re.compile(r"(?:\b(?:an?|the|its|their|this|that|these|those|each|every|any|no|one|own|same|"
                         r"other|which|whose|some|all|both|either|neither)|\d) $", re.IGNORECASE)
#: an HTTP method before a path: with it one operation (:mod:`.notation` joins the two)
_METHOD = re.compile(r"(?<![\w`])(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (?=`/)")
#: a noun after a word that names the kind of code value the word is (a stream's kind, a member, a flag)
_KIND_NOUN = re.compile(r" (?:streams?|members?|fields?|flags?|kinds?|events?|claims?|headers?|parameters?|"
                        r"propert(?:y|ies)|values?|keys?|objects?|arrays?|elements?|attributes?|joints?|lists?|items?)\b")
#: a word listed with code values ("an eeg or `emg` stream", "a revolute, `continuous` or `prismatic` joint")
_LISTED = re.compile(r"(?:,| or| and) `")
#: a quoted text of more than one word: a name, not a JSON string
_QUOTED_NAME = re.compile(r'"[^"\n`]*\s[^"\n]*"')
#: a name of several capitalised words in quotation marks, a concept template's ("FootPrint GeomSet Geometry"): its
#: words are a name, not code, however their forms look (thirty-fifth reading, row c18: SC-BIM-010 R4 printed four
#: code fragments of two concept names)
_TITLED_NAME = re.compile(r'"[A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)+"')
_AFTER_NUMBER = re.compile(r"\d\s$")
#: a slash and a number alone is a division in a formula (「*n*/60 s」), not a path (twentieth reading, row 19)
DIVISION = re.compile(r"/\d+(?:\.\d+)?")


def _within_sentence(text: str, end: int) -> bool:
    """Whether what stands before ``text[end:]`` puts it inside a sentence (not at its start nor after a full stop):
    its last character but white space is none of ``.!?``, read back from ``end``, not by a
    search over all the text before it, which each token of a text asked."""
    while end and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] not in ".!?"


def by_form(word: str, allowed: set[str]) -> bool:
    """Whether the token is code by its form alone (the first rule)."""
    if (word in allowed or word in UNITS or _REQ_ID.fullmatch(word) or _dated(word, allowed)
            or _ORDINAL.fullmatch(word)):
        return False
    if _STATUS_CLASS.fullmatch(word) or word[0].isdigit() or word[0] in "./@":
        return True
    if _ABBREVIATION.fullmatch(word):
        return False
    return bool(_JOINED.search(word) or _CAMEL.search(word) or _DIGITS.fullmatch(word))


def zh_codes(zh: str, allowed: set[str], literals: frozenset[str]) -> Counter[str]:
    """The code values the Chinese writer marks in ``zh``, each with the times it marks it: as the writer, a short
    string quoted beside Chinese text is in Chinese quotation marks before :func:`.signs` marks JSON strings, so
    「（"人工智能" 或 "AI"）」 marks neither word (thirty-seventh reading, a20: the English marked `"AI"` alone)."""
    return Counter(_CODE.findall(signs(chinese_quotes(coded(json_objects(zh), allowed, literals)), "zh")))


def english_coded(en: str, marked: Counter[str], allowed: set[str]) -> str:
    """``en`` with its code values marked: by form, or as ``marked`` (the Chinese text's code values and the times
    the Chinese marks each) marks them, where they do not read as English words."""
    # a capitalised word is marked no more times than the Chinese marks it, less those the English marks already:
    # IR-SEC-001's "the base URL" is plain where the Chinese writes 「基础 URL」 and marks only the `URL` value type
    # (twenty-fourth reading, row 17)
    en = json_objects(en)  # a body is one code value, its member names none of their own (thirtieth reading, a4)
    en = keyed_refs(en)  # a clause or table cited by its key is its number's mark, no code value (crossrefs.KEYED)
    capitals = Counter({w: n - en.count(f"`{w}`") for w, n in marked.items() if not w.islower()})
    titled: dict[str, list[tuple[int, int]]] = {}  # each text's quoted concept names, found once a text

    def token(match: re.Match[str]) -> str:
        word, whole, start, end = match.group(0), match.string, match.start(), match.end()
        # the characters the checks below read before the token ("non-", a number and a space), not a copy of all
        before, after = whole[max(0, start - 4):start], whole[end:end + 1]
        # a piece of a longer token (a hyphenated word, a file name's stem): left whole
        if before[-1:].isalnum() or (before and before[-1] in "-/") or after == "-":
            # but a status class after "non-" ("a non-5xx answer", 「非 `5xx` 响应」)
            return f"`{word}`" if before.endswith("non-") and _STATUS_CLASS.fullmatch(word) else word
        # a word of letters after a number is its unit (「6 uV」), not a code value
        if word[0] == "/" and before[-1:] in ("°", *"0123456789"):  # a unit (「1000°/s」), no path
            return word
        # a title's word (「W3C Data Integrity EdDSA Cryptosuites」, as the Chinese) or a quoted concept's name
        if whole not in titled:
            titled[whole] = [m.span() for m in _TITLED_NAME.finditer(whole)]
        if inside_name(match, allowed) or any(a < start < b for a, b in titled[whole]):
            return word
        if by_form(word, allowed) and not (_AFTER_NUMBER.search(before) and word.isalpha()):
            return f"`{word}`"
        # a JSON member or string in quotation marks, as the Chinese marks it with them ('Body', "to")
        quote = before[-1:]
        if quote in ("'", '"') and after == quote and f"{quote}{word}{quote}" in marked:
            return f"`{word}`"
        # a capitalised word the Chinese marks is a name of code (Label, Datastream), except first in a sentence
        # (after a number, a unit or a version's name the Chinese marks there too: 「6 `uV`」, 「VC 1.1 `JWT`」)
        if (capitals[word] > 0 or (word in capitals and _AFTER_NUMBER.search(before))) \
                and _within_sentence(whole, start):
            capitals[word] -= 1
            return f"`{word}`"
        return word

    def part(text: str) -> str:
        text = _URL.sub(_path, text)
        text = "".join(p if p.startswith("`") else _PATH.sub(_path, p) for p in _SPLIT.split(text))
        text = _METHOD.sub(r"`\1` ", text)
        return "".join(p if p.startswith("`") else _TOKEN.sub(token, p) for p in _SPLIT.split(text))
    text = "".join(p if p.startswith("`") else part(p) for p in _SPLIT.split(en))
    # twice: a word listed with another the first pass marks ("an eeg or emg stream") is marked in the second
    return _QUOTED.sub(r"`\1\2\3\1`", _english_words_marked(_english_words_marked(text, marked), marked))


#: English function words: a value spelt as one (a member `to`) is marked only where its role is plain
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
_ROLE_WORDS = ("path", "member", "list")
_WORD = r"`[^`]+`|[\w'-]+"
#: the one or two words before a word, each a space apart, and the one or two after it
_NEAR_BEFORE = re.compile(rf"(?:({_WORD}) )?({_WORD}) $")
_NEAR_AFTER = re.compile(rf" ({_WORD})(?: ({_WORD}))?")


def in_role(en: str, start: int, end: int, function: bool) -> int:
    """How plainly the word at ``en[start:end]`` reads as the code value the Chinese marks: 2 next to "path",
    "member" or "list" (even after a determiner: "the `consents` path"), 1 inside a bracket holding a code value or
    (for a word no function word) beside a code value, an "and" or "or" between, 0 otherwise and always before a
    possessive (an English noun)."""
    if en.startswith("'s", end) or en.startswith("`'s", end):
        return 0
    # the words next to it, a space apart: a comma or a bracket ends the list it stands in ("(1, then 0 once burned),
    # `GET`" is not beside `GET`)
    left, right = _NEAR_BEFORE.search(en[max(start - 400, 0):start]), _NEAR_AFTER.match(en, end)
    before = [w for w in (left.groups() if left else ()) if w]
    after = [w for w in (right.groups() if right else ()) if w]
    near = [w for w in (before[-1:] + after[:1])]
    near += [before[0]] if len(before) == 2 and before[1] in ("and", "or") else []
    near += [after[1]] if len(after) == 2 and after[0] in ("and", "or") else []
    if any(w.strip("`") in _ROLE_WORDS for w in near):
        return 2
    opened, closed = en.rfind("(", 0, start), en.rfind(")", 0, start)
    if opened > closed and "`" in en[opened:en.find(")", end) if ")" in en[end:] else len(en)].replace(en[start:end], ""):
        return 1
    return int(not function and any(w.startswith("`") for w in near))


def _english_words_marked(text: str, marked: Counter[str]) -> str:
    """The words the Chinese marks that are also English words (lower case, "kind", "image", "limits"), marked no
    more times than the Chinese marks each: first where one reads in its role as code (:func:`in_role`: next to
    "path" or "member", in a bracket of code values; "a purpose's sensitive and `retention_s`", not "sensitive
    personal information"), then where it stands beside a code value (「`kind` image」), then where no determiner or
    number stands before it; never after one (「an image」, 「10 min」) nor first in a sentence, and a function word
    ("to", "where") only in its role. A word before a possessive is marked last, where the Chinese marks it more
    times than elsewhere ("val3dity's error classes", 「`val3dity` 的错误类别」): the quotation mark that ends a
    quoted value is no possessive's apostrophe. The placement is made here, once, for every English text the
    Chinese marks are carried to (thirty-fifth reading's open rows, part k3: the 编制说明's marks were moved after
    the fact, annex B's were not)."""
    spans = [m.span() for m in _CODE_SPAN.finditer(text)]
    # a name in quotation marks (a feature's or a requirement's title, 「“…”」 in the Chinese) keeps its words
    names = [m.span() for m in _QUOTED_NAME.finditer(text)]
    words = [w for w in marked if _LOWER_WORD.fullmatch(w)]
    found = {w: [m for m in re.finditer(rf"(?<![\w`'\"./-]){re.escape(w)}(?:(?![\w`'\"/-]|\.\w)|(?='s\b))", text)
                 if not any(a <= m.start() < b for a, b in spans)] for w in words}
    # where the words of the Chinese's code stand: beside one, a word is the code value rather than the English word
    edges = {m.end() for ms in found.values() for m in ms} | {b for _, b in spans}
    starts = {m.start() for ms in found.values() for m in ms} | {a for a, _ in spans}
    chosen: list[tuple[int, int]] = []
    for word in words:
        places = []
        function = word in FUNCTION_WORDS
        for m in found[word]:
            # a determiner's few letters and a space before the word (the pattern ends at ``$``: searched there)
            determined = _DETERMINER.search(text, max(0, m.start() - 10), m.start())
            if any(a <= m.start() < b for a, b in names):
                continue
            role = in_role(text, m.start(), m.end(), function)
            # after a determiner the English word, unless a noun naming a code value's kind follows (「`eeg` 数据流」:
            # "an eeg stream", "its annotates member"; twenty-third reading, row 29)
            named = _KIND_NOUN.match(text, m.end()) or _LISTED.match(text, m.end())
            if (function and not role) or (determined and not named and role < 2) \
                    or not _within_sentence(text, m.start()):
                continue
            beside = (m.start() - 1 in edges or m.start() - 2 in edges or m.end() + 1 in starts
                      or m.end() + 2 in starts)
            possessive = text.startswith("'s", m.end())
            places.append((3 if possessive else 0 if role else 1 if beside else 2, m.start(), m.end()))
        # the times the Chinese marks it, less those the English marks already
        times = marked[word] - text.count(f"`{word}`")
        chosen += [(a, b) for _, a, b in sorted(places)[:max(times, 0)]]
    for a, b in sorted(chosen, reverse=True):
        text = f"{text[:a]}`{text[a:b]}`{text[b:]}"
    return text


def _path(match: re.Match[str]) -> str:
    """A path or a URL as one code value; the sentence's closing bracket and punctuation left outside it (a Chinese
    text's brackets are full width, an English text's are not: 「(annex D's POST /generate)」)."""
    path = match.group(match.lastindex or 0)
    # a division, or a unit after a number or a degree sign (「1000°/s」): no path
    if DIVISION.fullmatch(path) or match.string[max(match.start() - 1, 0):match.start()] in ("°", *"0123456789"):
        return match.group(0)
    while path[-1] in ".,;:" or (path[-1] == ")" and path.count(")") > path.count("(")):
        path = path[:-1]
    return f"`{path}`{match.group(match.lastindex or 0)[len(path):]}"


def marked_requirement(req: Requirement, allowed: set[str], literals: frozenset[str]) -> Requirement:
    """The requirement with its English title, statement and rules marked as their Chinese is."""
    def pair(en: str, zh: str) -> str:
        return english_coded(en, zh_codes(zh, allowed, literals), allowed)
    title = req.title.model_copy(update={"en": pair(req.title.en, req.title.zh)})
    statement = req.statement.model_copy(update={"en": pair(req.statement.en, req.statement.zh)})
    rules = [rule.model_copy(update={"en": pair(rule.en, rule.zh)}) for rule in req.rules]
    return req.model_copy(update={"title": title, "statement": statement, "rules": rules})


def marked_part(en: str, zh: str, allowed: set[str], literals: frozenset[str]) -> str:
    """One part of an English test case (its 前置条件, steps, expected result or criteria) with its code values marked
    as the same part of the Chinese case marks them (twenty-third reading, row 29)."""
    return english_coded(en, zh_codes(zh, allowed, literals), allowed)
