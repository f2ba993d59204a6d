"""The record of what each requirement's version stands for: ``suites/versions.lock.json``.

Per requirement, its version, a digest of what that version means (its level, its statement
and rules in both languages, the defaults of the profile parameters it reads) and the date the
version was first recorded, with the entry's base (the last version recorded on an earlier
date, which every version of the day is judged against too). ``conformance catalog lock`` writes it (:func:`updated_versions`),
the lint compares the digest with the catalog (:mod:`conformance.drafting.changes`), and an
assessment of a manual requirement is not dated before its version was recorded
(:func:`recorded_on`, :mod:`conformance.certification.assessments`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

from .catalog import Catalog
from .designations import KEYED, TYPED
from .model import Requirement

VERSIONS = "versions.lock.json"


def versions_path(catalog: Catalog) -> Path:
    return catalog.root / "suites" / VERSIONS


def defaults_of(catalog: Catalog, req: Requirement) -> dict[str, dict[str, Any]]:
    """parameter -> profile -> default, for the parameters the requirement reads."""
    out: dict[str, dict[str, object]] = {}
    if not req.parameters:  # most requirements read none: no profile to look through
        return out
    for profile in sorted(catalog.profiles.values(), key=lambda p: p.id):
        # a profile without any of these parameters adds nothing (the selection test walks
        # its features' lists: the lint asks this twice a requirement, of every profile)
        if any(name in profile.parameters for name in req.parameters) and req.id in profile.all_requirements():
            for name in req.parameters:
                if name in profile.parameters:
                    out.setdefault(name, {})[profile.id] = profile.parameters[name].default
    return out


#: a clause or table of the document's annexes named in a statement, by its key (「{table:…}」, drafting.crossrefs) or,
#: before the sixty-first reading (h123-annexref), by its typed number (「表 D.3」): which number the rendering gives it
#: is no part of what the requirement asks, so a placeholder for the number it had needs no step
_ANNEX_CITED = re.compile(f"{KEYED.pattern}|{TYPED.pattern}")


def annex_cited(text: str) -> str:
    """``text`` with each annex clause or table it cites read as one mark, by key or by number alike."""
    return _ANNEX_CITED.sub("§", text)


def digest(catalog: Catalog, req: Requirement) -> str:
    # the defaults a requirement is judged by, not which profiles select it: a new profile
    # that selects it with the same defaults changes nothing the requirement says
    defaults = {name: sorted({json.dumps(v, sort_keys=True, default=str) for v in by_profile.values()})
                for name, by_profile in defaults_of(catalog, req).items()}
    meaning: dict[str, object] = {"level": req.level.value, "defaults": defaults,
                               "statement": {"en": annex_cited(req.statement.en), "zh": annex_cited(req.statement.zh)}}
    if req.rules:  # the rules are the statement's parts (absent: the digest of a catalog without them)
        meaning["rules"] = [{k: annex_cited(v) if k in ("en", "zh") else v for k, v in rule.model_dump().items()}
                            for rule in req.rules]
    text = json.dumps(meaning, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: a feature quoted in its one form, 特性“label”（`id`） or the feature "label" (`id`) (forty-third reading, b2)
_QUOTED_FEATURE = re.compile(r'特性“[^”]*”（(`[a-z0-9-]+`)）|the feature "[^"]*" \((`[a-z0-9-]+`)\)')


def feature_labels_dropped(text: str) -> str:
    """``text`` with each quoted feature read as its identifier: the label is the profile's name of the feature, not
    words of the requirement, so its numbers (X.509, Article 24) ask nothing and its length adds no obligation."""
    return _QUOTED_FEATURE.sub(lambda m: f"特性 {m[1]}" if m[1] else f"the feature {m[2]}", text)


def parts(catalog: Catalog, req: Requirement) -> dict[str, object]:
    """What the lint needs to tell how large a step the next version must be (docs/drafting.md,
    "What a version step means"): the level, each rule's ID with a digest of its text, the
    numbers the statement and rules state, and a digest of the defaults."""
    def short(value: object) -> str:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    texts = [annex_cited(feature_labels_dropped(text))
             for text in (req.statement.en, *(rule.en for rule in req.rules or []))]
    return {"level": req.level.value,
            "rules": {rule.id: short(rule.model_dump()) for rule in req.rules or []},
            "numbers": sorted(n for text in texts for n in _NUMBER.findall(text)),
            "defaults": short(defaults_of(catalog, req))}


def read_versions(catalog: Catalog) -> dict[str, dict[str, object]]:
    try:
        data = versions_path(catalog).read_bytes()
    except OSError:  # absent (or a folder): nothing recorded
        return {}
    return dict(_parsed(data))  # the caller's own mapping; the entries are only read


@functools.lru_cache(maxsize=8)
def _parsed(data: bytes) -> dict[str, dict[str, object]]:
    """The record in these bytes, parsed once a process: the lint asks for it once a
    requirement (373 parses of the same ~150 KB a lint, about a third of a second)."""
    try:
        record = orjson.loads(data)
    except orjson.JSONDecodeError:
        return {}
    return {str(k): v for k, v in record.items() if isinstance(v, dict)} if isinstance(record, dict) else {}


#: What an entry's ``base`` keeps of the entry it was (never its own base: one level deep).
_BASE_KEYS = ("version", "digest", "recorded", "parts")


def base_for(entry: dict[str, object] | None, today: str) -> dict[str, object] | None:
    """The base a version recorded ``today`` on top of ``entry`` is judged against: the last
    version recorded on an earlier date than today (docs/drafting.md, "What a version step
    means"). An entry recorded before today is itself that version; one recorded today is an
    intermediate step and keeps the base it had; a requirement first recorded today has none."""
    if not entry:
        return None
    if str(entry.get("recorded", "")) < today:
        return {k: entry[k] for k in _BASE_KEYS if k in entry}
    base = entry.get("base")
    return base if isinstance(base, dict) else None


def today_iso(today: date | None = None) -> str:
    return (today or datetime.now(UTC).date()).isoformat()


def updated_versions(catalog: Catalog, today: date | None = None) -> dict[str, dict[str, object]]:
    """The record as ``catalog lock`` writes it: unchanged versions keep their digest and the
    date they were recorded; a new version is recorded today with its base (:func:`base_for`)."""
    old = read_versions(catalog)
    recorded = today_iso(today)
    new: dict[str, dict[str, object]] = {}
    for req_id in sorted(catalog.requirements):
        req = catalog.requirements[req_id]
        version = req.version or ""
        kept = old.get(req_id)
        if kept and kept.get("version") == version:
            new[req_id] = {"recorded": recorded, **kept}
            continue
        base = base_for(kept, recorded)
        new[req_id] = {"version": version, "digest": digest(catalog, req), "recorded": recorded,
                       "parts": parts(catalog, req), **({"base": base} if base else {})}
    return new


def recorded_on(catalog: Catalog, req_id: str) -> date | None:
    """The date the requirement's current version was recorded (None: not recorded)."""
    entry = read_versions(catalog).get(req_id)
    req = catalog.requirements.get(req_id)
    if not entry or req is None or entry.get("version") != (req.version or ""):
        return None
    try:
        return date.fromisoformat(str(entry.get("recorded")))
    except ValueError:
        return None


def versions_text(record: dict[str, dict[str, object]]) -> str:
    lines = [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in record.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"
