"""A JSON Schema validation error as the harness words it: the most specific sub-error first,
a titled subschema named by its title (in Chinese too), a misspelt key named with the key
meant, and the fix YAML input needs (a value that must be quoted, a URL without its scheme)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

from ..messages import Message, msg

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def json_pointer(path: Iterable[Any]) -> str:
    """An instance path as a JSON Pointer (RFC 6901)."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else ""


def shortened(message: str, limit: int = 240) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def error_order(error: ValidationError) -> tuple[int, str]:
    return (len(error.absolute_path), json_pointer(error.absolute_path))


def most_specific(error: ValidationError) -> ValidationError:
    # For anyOf/oneOf, the most specific sub-error is what a user can act on.
    if error.context:
        from jsonschema.exceptions import best_match

        deepest = best_match(error.context)
        if deepest is not None and len(deepest.absolute_path) > len(error.absolute_path):
            return deepest
    return error


def input_fix(error: ValidationError, fix: str) -> str:
    """The fix for harness input: YAML reads `version: 0.9` as a number and `on` as true; a
    string wanted there is written in quotes. A key misspelt (``path`` for ``paths``) is
    named with the key meant."""
    if (meant := _misspelt(error)) is not None:
        return f"did you mean `{meant[1]}:` for `{meant[0]}:`? {fix}"
    wanted = error.validator_value if error.validator == "type" else None
    if wanted == "string" and isinstance(error.instance, int | float) and error.absolute_path:
        return f'quote the value: {error.absolute_path[-1]}: "{error.instance}"'
    if error.validator == "format" and error.validator_value == "uri" and isinstance(error.instance, str) \
            and "://" not in error.instance:  # base_url: 127.0.0.1:8099
        return f"include the scheme, e.g. http://{error.instance}"
    return fix


def _misspelt(error: ValidationError) -> tuple[str, str] | None:
    """(the key written, the key meant) when an object misses a required key or has one the
    schema does not allow, and one of its unknown keys is close to a key the schema names."""
    import difflib

    schema, instance = error.schema, error.instance
    if error.validator not in ("required", "additionalProperties") or not isinstance(schema, dict) \
            or not isinstance(instance, dict):
        return None
    known = [str(k) for k in schema.get("properties", {})]
    unknown = [str(k) for k in instance if k not in known]
    wanted = [p for p in schema.get("required", []) if p not in instance] if error.validator == "required" else known
    if error.validator == "required" and error.message.endswith("is a required property"):
        wanted = [p for p in wanted if repr(p) in error.message] or wanted
    for key in unknown:
        close = difflib.get_close_matches(key, wanted, n=1, cutoff=0.6)
        if close:
            return key, close[0]
    return None


#: An annotation of this project's schemas: a subschema's title in Chinese, for the findings
#: that name the expected form by its title (JSON Schema ignores unknown keywords).
TITLE_ZH = "x-title-zh"


def error_message(error: ValidationError) -> Message:
    # "'x' does not match '^did:[a-z0-9]+:(...)$'" helps nobody; a titled subschema says
    # what was expected in words.
    schema = error.schema if isinstance(error.schema, dict) else {}
    title: object = schema.get("title")
    if title and isinstance(schema.get(TITLE_ZH), str):  # the words in Chinese too
        title = {"en": title, "zh": schema[TITLE_ZH]}
    if error.validator == "pattern" and title:
        return msg("schema.form", value=_shown(error.instance), title=title)
    if error.validator in ("not", "oneOf", "anyOf"):
        # jsonschema prints the whole subschema ("'d' should not be valid under {'enum':
        # [...]}"): a vendor needs the value and, where the schema says it, why.
        about: object = title or (error.schema.get("description") if isinstance(error.schema, dict) else None)
        listed = error.validator_value.get("enum") if isinstance(error.validator_value, dict) else None
        if not about and isinstance(listed, list):
            shown = ", ".join(_shown(v) for v in listed[:8]) + (", …" if len(listed) > 8 else "")
            about = msg("schema.forbidden", values=shown)
        negated = error.validator == "not"
        if about:
            return msg("schema.not-about" if negated else "schema.none-of-about", value=_shown(error.instance),
                       about=about if isinstance(about, Message | dict) else shortened(str(about), 160))
        return msg("schema.not" if negated else "schema.none-of", value=_shown(error.instance))
    text = error.message
    if isinstance(error.instance, str) and len(error.instance) > 60:
        # A 100 000-character value would push what is wrong with it out of the one line.
        text = text.replace(repr(error.instance), _shown(error.instance))
    for pattern, key in _WORDING.get(str(error.validator), ()):
        found = pattern.match(text)
        if found:
            return msg(key, **{name: shortened(value) for name, value in found.groupdict().items()})
    return msg("schema.other", keyword=str(error.validator), detail=shortened(text))


#: jsonschema's wording per keyword, read back into a template's arguments (a wording this
#: table does not know, e.g. of a later jsonschema, is kept whole as schema.other's detail).
_WORDING: dict[str, list[tuple[re.Pattern[str], str]]] = {
    keyword: [(re.compile(pattern, re.S), key) for pattern, key in forms]
    for keyword, forms in {
        "required": [(r"^(?P<property>.+) is a required property$", "schema.required")],
        "type": [(r"^(?P<value>.+) is not of type (?P<expected>.+)$", "schema.type")],
        "enum": [(r"^(?P<value>.+) is not one of (?P<allowed>.+)$", "schema.enum")],
        "const": [(r"^(?P<expected>.+) was expected$", "schema.const")],
        "format": [(r"^(?P<value>.+) is not a (?P<format>.+)$", "schema.format")],
        "pattern": [(r"^(?P<value>.+) does not match (?P<pattern>.+)$", "schema.pattern")],
        "minLength": [(r"^(?P<value>.+) should be non-empty$", "schema.non-empty"),
                      (r"^(?P<value>.+) is too short$", "schema.too-short")],
        "minItems": [(r"^(?P<value>.+) should be non-empty$", "schema.non-empty"),
                     (r"^(?P<value>.+) is too short$", "schema.too-short")],
        "maxLength": [(r"^(?P<value>.+) is too long$", "schema.too-long")],
        "maxItems": [(r"^(?P<value>.+) is too long$", "schema.too-long")],
        "minProperties": [(r"^(?P<value>.+) should be non-empty$", "schema.non-empty"),
                          (r"^(?P<value>.+) does not have enough properties$", "schema.too-few-properties")],
        "maxProperties": [(r"^(?P<value>.+) has too many properties$", "schema.too-many-properties")],
        "minimum": [(r"^(?P<value>.+) is less than the minimum of (?P<limit>.+)$", "schema.minimum")],
        "maximum": [(r"^(?P<value>.+) is greater than the maximum of (?P<limit>.+)$", "schema.maximum")],
        "exclusiveMinimum": [(r"^(?P<value>.+) is less than or equal to the minimum of (?P<limit>.+)$",
                              "schema.exclusive-minimum")],
        "exclusiveMaximum": [(r"^(?P<value>.+) is greater than or equal to the maximum of (?P<limit>.+)$",
                              "schema.exclusive-maximum")],
        "multipleOf": [(r"^(?P<value>.+) is not a multiple of (?P<factor>.+)$", "schema.multiple-of")],
        "additionalProperties": [(r"^Additional properties are not allowed \((?P<names>.+ (?:was|were)) unexpected\)$",
                                  "schema.additional")],
        "unevaluatedProperties": [(r"^Unevaluated properties are not allowed \((?P<names>.+ (?:was|were)) "
                                   r"unexpected\)$", "schema.unevaluated")],
        "uniqueItems": [(r"^(?P<value>.+) has non-unique elements$", "schema.unique")],
        "dependentRequired": [(r"^(?P<property>.+) is a dependency of (?P<dependent>.+)$", "schema.dependency")],
        "None": [(r"^False schema does not allow (?P<value>.+)$", "schema.false")],
    }.items()
}


def _shown(instance: object) -> str:
    if isinstance(instance, str) and len(instance) > 60:
        return f"{instance[:40]!r}… ({len(instance)} characters)"
    return repr(instance)
