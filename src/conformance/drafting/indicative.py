"""An English statement as the outcome a tester observes when it is met: "X MUST do Y" -> "X does Y", the
English of the Chinese criterion that drops 应 (testcases.observed; leftovers of the eighteenth reading, part b: 73
English 通过 lines kept MUST or SHOULD where the Chinese states the outcome).

The modal verb goes; the verb after it is conjugated for the subject (third person singular "has", "is", "does",
"carries", "matches"; a plural subject keeps the base form), and so is every verb coordinated with it ("refuse ...,
record ... and no longer list ..." -> "refuses ..., records ... and no longer lists ..."). A negated modal becomes "does
not" / "do not" ("is not" for be), the verbs after it unchanged. What is a verb is read from the catalog's own
statements: the words that stand right after a modal verb in any of them, and the few that are only ever coordinated."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MODAL = re.compile(r"\b(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY|NEED NOT)\b")
#: words between a modal verb and its verb that stay as they are
_ADVERBS = {"also", "only", "always", "still", "either", "both", "never"}
#: a phrase opening right after the modal (「MUST, by the 8th, refuse」, "MUST over at least 100 frames, keep"): the verb
#: comes after its comma
_OPENING = re.compile(r"^\s*(?:,|(?:over|at|in|for|while|once|within|under|on|from|after|before|by|where|when)\b)")
#: a subject after an opening clause ("Where the platform claims X, every file ..."): the clause is not the subject
_INTRO = re.compile(r"^(?:Where|When|While|In|For|After|Over|Within|Between|Under|Through|On|Asked|Measured|Driven|"
                    r"If|Once)\b")
#: words that end a subject's first noun phrase (its head is the word before)
_PHRASE_END = re.compile(r"^(?:of|in|on|at|a|an|the|that|which|whose|who|it|its|with|for|from|to|by|as|each|"
                         r"between|within|under|over|per|one|no|any|every|this|these|their|is|are)$")
#: verbs met coordinated with the first, whether or not a statement also puts them right after its modal verb
EXTRA_VERBS = frozenset({"recommend", "lag", "overshoot", "drift", "match", "delete", "go", "set", "list", "resolve",
                         "create", "describe", "refuse", "record", "state", "keep", "carry", "take", "answer", "give",
                         "name", "hold", "use", "return", "reject", "point", "reach", "stay", "show", "leave",
                         "sanction", "stop", "find", "read", "sit", "acknowledge", "relay", "announce", "make",
                         "miss", "mark", "enumerate", "locate"})
_IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}


def verbs_of(statements: Iterable[str]) -> frozenset[str]:
    """The words standing right after a modal verb (past an adverb) in the statements, with the coordinated few."""
    found = set(EXTRA_VERBS)
    for text in statements:
        match = _MODAL.search(text)
        if match and not _OPENING.match(text[match.end():]):
            words = [w for w in re.findall(r"[A-Za-z]+", text[match.end():])[:3] if w not in _ADVERBS]
            if words and words[0].islower():
                found.add(words[0])
    return frozenset(found)


def conjugated(verb: str, plural: bool) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb][plural]
    if plural:
        return verb
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(?:s|sh|ch|x|z|o)$", verb) else "s")


def _top_level_commas(text: str) -> list[int]:
    depth, out = 0, []
    for i, char in enumerate(text):
        depth += (char in "([{") - (char in ")]}")
        if char == "," and depth == 0:
            out.append(i)
    return out


def plural_subject(subject: str) -> bool:
    """Whether the subject before the modal verb is plural: the subject proper (after an opening clause, not a
    participle clause closing it), its first noun phrase's head plural, or two heads joined by "and"; a subject
    opening with every, each, a or an, or a code value (an operation), is singular."""
    text = subject.strip().rstrip(",").strip()
    cuts = _top_level_commas(text)
    segments = [s.strip() for s in re.split(r"\x00", "".join("\x00" if i in cuts else c for i, c in enumerate(text)))]
    segments = [s for s in segments if s]
    core = text
    if _INTRO.match(text) and len(segments) > 1:
        core = segments[-1]
        if re.match(r"[a-z]+(?:ing|ed)\b", core) and len(segments) > 2:
            core = segments[-2]
    elif len(segments) > 1 and re.match(r"[a-z]+(?:ing|ed)\b", segments[-1]):
        core = ", ".join(segments[:-1])
    while re.search(r"\([^()]*\)", core):  # brackets within brackets too (「update()」)
        core = re.sub(r"\s*\([^()]*\)", "", core)
    core = core.strip()
    if _INTRO.match(core) and len(segments) == 1:  # 「In every eye_gaze frame the … bits」: the second determiner
        starts = [m.start() for m in re.finditer(r"\b(?:the|its|every|each|an?)\b", core)]
        core = core[starts[1]:] if len(starts) > 1 else core
    if re.match(r"(?:Every|every|Each|each|An?|an?|No|no|Any|any|One|one)\b|[`/]|[A-Z]{3,}\s+/", core):
        return False
    words = core.split()
    if words and words[0].lower() in {"the", "its", "their"}:
        words = words[1:]
    if words and words[0].lower() in {"two", "both", "all"}:
        return True
    phrase: list[str] = []
    for word in words:
        bare = word.strip("`'\",;:")
        if _PHRASE_END.match(bare) or re.fullmatch(r"GET|POST|PUT|PATCH|DELETE|\S*/\S*", bare) or word.endswith(","):
            if word.endswith(",") and not _PHRASE_END.match(bare):
                phrase.append(bare)
            break
        phrase.append(bare)
    if "and" in phrase[1:]:
        return True
    head = phrase[-1] if phrase else ""
    return bool(re.search(r"[a-z](?<!s)s$", head)) and not re.search(r"(?:ss|us|is)$", head)


def indicative(statement: str, verbs: frozenset[str]) -> str:
    """The statement with its modal verb replaced by the indicative of the verb after it (and of the verbs
    coordinated with it); a statement without a modal verb as it is."""
    match = _MODAL.search(statement)
    if not match:
        return statement
    subject, modal, rest = statement[:match.start()], match.group(1), statement[match.end():]
    plural = plural_subject(subject)
    start = 0
    if rest.lstrip().startswith(","):  # 「MUST, once ..., sanction」: the verb comes after the opening phrase's comma
        commas = _top_level_commas(rest.lstrip()[1:])
        start = commas[0] + 2 + len(rest) - len(rest.lstrip()) if commas else 0
    elif _OPENING.match(rest):  # 「MUST at each place find」: the first verb of the catalog's after the phrase
        start = next((m.start() for m in re.finditer(r"\b[a-z]+\b", rest) if m.group(0) in verbs), 0)
    found = re.compile(r"\s*((?:(?:" + "|".join(sorted(_ADVERBS)) + r")\s+)*)([a-z]+)\b").match(rest, start)
    if not found or found.group(2) not in verbs:
        return statement  # not a form this pass turns: the catalog's text is to be rewritten (the test says which)
    verb = found.group(2)
    head, tail = rest[:found.start(2)], rest[found.end(2):]
    if subject.rstrip().endswith(",") and head.lstrip().startswith(","):  # 「…clock, MUST, over …,」: one comma
        head = head.lstrip()[1:]
    lead = subject.rstrip(" ") + " " if not head.strip() else subject.rstrip(" ") + head.rstrip(" ") + " "
    if head.strip() and not head.lstrip().startswith(","):
        lead = subject + head.strip() + " "
    if modal.endswith("NOT"):
        negated = (f"{conjugated('be', plural)} not" if verb == "be"
                   else f"{'do' if plural else 'does'} not need to {verb}" if modal == "NEED NOT"
                   else f"{'do' if plural else 'does'} not {verb}")
        return f"{lead}{negated}{tail}"
    return f"{lead}{conjugated(verb, plural)}{_coordinated(tail, verbs, plural)}"


def _coordinated(tail: str, verbs: frozenset[str], plural: bool) -> str:
    """Each verb coordinated with the first, outside brackets: after a comma, "and" or "or" (past "then", "also",
    "from then on", "no longer")."""
    out, depth, i = [], 0, 0
    pattern = re.compile(r"(?:(?<=,)|(?<=\band)|(?<=\bor))(\s+(?:(?:then|also|only|from then on|no longer)\s+)?)"
                         r"([a-z]+)\b(?!\s+of\b)(?!(?<=equal)\s+to\b)(?!-)")  # 「equal to」 is the adjective
    while i < len(tail):
        char = tail[i]
        if depth == 0 and (m := pattern.match(tail, i)) and m.group(2) in verbs and i > 0:
            out.append(m.group(1) + conjugated(m.group(2), plural))
            i = m.end()
            continue
        depth += (char in "([{") - (char in ")]}")
        out.append(char)
        i += 1
    return "".join(out)
