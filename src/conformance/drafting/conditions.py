"""The lines of a test case's 前置条件 that come from the catalog: the profiles the object claims, the ICS feature,
what the IXIT provides (with its settings) and the test parameters with the values this document sets.

The eighteenth reading of the draft (issue 76) found three faults in them, which this module answers:

- a requirement several profiles select named each profile in a sentence of its own, which reads as all of them
  claimed, while any one of them selects the case: the profiles are one sentence, joined by 「或」;
- the IXIT's settings (a parameter whose value is no threshold, ``stricter: any``: ``identity_path``,
  ``known_did``...) stood among the test parameters 「只可将其改严」, while annex A lists them in the IXIT table with a
  default the applicant replaces: they are named with the IXIT's inputs, with their defaults; and a parameter
  annex A gives as fixed (``page_size``, a seed) is marked 「（固定）」 rather than said to be tightened;
- a hand-written 前置条件 replaced the generated one whole, so 61 cases named no profile, no IXIT input and none of
  their parameters' values: :func:`completed` puts the generated lines the hand-written ones lack before them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .._catalog.model import Profile, Requirement


#: the manifest setting of an HTTP target's trust anchors: a rule that names it is judged through a certificate chain
#: verified against the file the applicant gives, so its profiles' IXIT asks for that file, since no laboratory's
#: own store is the same as another's (twenty-second reading, row 54)
TRUST_ANCHORS = "`ca_bundle`"
#: its encoding, named with the document defining it (forty-seventh reading, a1: PEM was named, no normative
#: reference defined it; RFC 7468 section 5 gives the certificates' textual encoding)
PEM = ("PEM，RFC 7468", "PEM, RFC 7468")


def anchored_rules(req: Requirement) -> list[str]:
    """The IDs of ``req``'s rules judged against the trust-anchor file, which are not judged when none is given
    (IF-TLS-001 R6, the chain, and R7, the name once the chain verifies; IR-SEC-001 R2, the results read over a
    connection so verified); none: the case does not read the file. The one predicate of it: the 前置条件
    (:func:`trust_anchors`) and annex A's IXIT row both ask it (leftovers of the twenty-third reading, part m: annex
    A also read the notes, so IR-SEC-001's row named the file while its 前置条件 did not; and each rule judged
    through the file names it, so that annex A names every rule the case leaves unjudged without it)."""
    return [rule.id for rule in req.rules if TRUST_ANCHORS in rule.en]


@dataclass(frozen=True)
class Parameter:
    name: str
    default: object
    unit: str | list[str] | None
    direction: str  # "higher", "lower", "any" (an IXIT setting) or "none" (fixed)


def parameters(profiles: list[Profile], req: Requirement) -> list[Parameter]:
    """The parameters the requirement reads, each once, from the first profile that defines it."""
    found: dict[str, Parameter] = {}
    for profile in profiles:
        for name, spec in profile.parameters.items():
            if name in req.parameters and name not in found:
                found[name] = Parameter(name, spec.default, spec.unit, spec.direction)
    return list(found.values())


def bilingual(lang: str, zh: str, en: str) -> str:
    """The text of ``lang``: the Chinese, or the English for any other language."""
    return zh if lang == "zh" else en


_t = bilingual


def with_unit(shown: str, unit: str | list[str] | None, lang: str) -> str:
    """A value as shown followed by its unit's symbol (fifteenth reading: 「`position_tolerance` = 0.01」 had none);
    the plane angle's degree joins its number (GB 3102.1; not °C) and so does % in Chinese, as the text writes them
    (``wording.percent_close``), while the English writes "25 %" (twenty-ninth reading, row a22: annex A's "25%"
    beside 236 spaced ones); ℃ in Chinese; alternatives read 「0.01 rad 或 0.01 m」."""
    if not unit:
        return shown
    # the Chinese text writes the degree Celsius ℃ (seventh reading: one way)
    units = [u.replace("°C", "℃") if lang == "zh" else u for u in ([unit] if isinstance(unit, str) else unit)]
    joined = ("" if (u == "%" and lang == "zh") or (u.startswith("°") and u != "°C") else " " for u in units)
    return _t(lang, " 或 ", " or ").join(shown + space + u for space, u in zip(joined, units, strict=True))


def value_text(value: object) -> str:
    """A parameter's value as the specification shows it (a boolean in lower case; a mapping or a list in JSON,
    as a manifest writes it: the eighth reading found `risk_inputs`' default printed as Python wrote it,
    「{'minors': ['rights', 'serious'], ...}」)."""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():  # 15.0 as 15: one form for one value (twentieth reading,
        return str(int(value))  # row 18: 「2.0 m/s²」 in the 前置条件 beside 「2 m/s²」 in the purpose)
    return str(value).lower() if isinstance(value, bool) else str(value)


def default_text(value: object, lang: str) -> str:
    """A setting's default as the 前置条件 name it: 「默认 `web`」, or 「无默认值」 for a setting the applicant may
    leave empty (nineteenth reading: 「默认 `None`」 printed Python's word, a value of no format the draft defines)."""
    if value is None:
        return _t(lang, "无默认值", "no default")
    return _t(lang, f"默认 {_code(value_text(value))}", f"default {_code(value_text(value))}")


def _code(value: str) -> str:
    return f"`{value}`"


def trust_anchors(profiles: list[Profile], req: Requirement, lang: str, needs: Sequence[str] = ()) -> str:
    """The optional trust-anchor file among what the IXIT provides, for a case whose rules judge a certificate chain
    against it: its step 1 and annex A name the file, and so do its 前置条件 (leftovers of the twenty-second
    reading, part h)."""
    roles = list(dict.fromkeys(role for p in profiles for role, t in p.targets.items() if t.kind == "http"))
    if not roles or not anchored_rules(req):
        return ""
    # optional: what is not judged without it, the case's step 1 and 不确定 line say; not called optional where the
    # case ``needs`` it, its absence inconclusive (twenty-fourth reading, row 8: IF-TLS-001)
    zh, en = ("，可选", ", optional") if TRUST_ANCHORS.strip("`") not in needs else ("", "")
    return _t(lang, "、", ", ").join(_t(lang, f"目标 `{role}` 的信任锚文件 {TRUST_ANCHORS}（{PEM[0]}{zh}）",
                                         f"the trust-anchor file {TRUST_ANCHORS} of target `{role}` ({PEM[1]}{en})")
                                     for role in roles)


def obtained(override: dict[str, Any] | None, lang: str, generated: list[str]) -> list[str]:
    """What the IXIT provides, in the case's own words where its procedure gives them (``obtains``): a target's
    description shared by several cases names records one of them never reads (fifty-sixth reading, cx3: TD-ACC-003's
    captures, described for TD-ACC-004 to -006 too, and called optional although the case needs them)."""
    own = (override or {}).get("obtains")
    return [own[lang]] if own else generated


def feature_named(label: str, name: str, lang: str) -> str:
    """A feature as every text of the draft names it, its label beside its identifier, as annex A lists it
    (forty-third reading, b2: the cases quoted the label alone, some the identifier alone)."""
    return _t(lang, f"特性“{label}”（`{name}`）", f'the feature "{label}" (`{name}`)')


def declared(profiles: list[Profile], features: list[str], objects: str, params: Sequence[Parameter],
             lang: str, anchors: str = "") -> list[str]:
    """The profile, feature, IXIT and parameter lines of a case's 前置条件, in that order (``features`` each as
    :func:`feature_named` names it); ``anchors``: the optional
    trust-anchor file the IXIT provides (:func:`trust_anchors`)."""
    lines = []
    if profiles:
        named = [_t(lang, f"“{p.title.zh}”（`{p.id}`）", f"\"{p.title.en}\" (`{p.id}`)") for p in profiles]
        # a list, its last item after 或 / "or" (13 terminal profiles read as a chain of 或 otherwise)
        joined = (_t(lang, "、", ", ").join(named[:-1]) + _t(lang, "或", " or ") + named[-1]) if len(named) > 1 \
            else named[0]
        which = "profile" if len(profiles) == 1 else "one of the profiles"
        lines.append(_t(lang, f"被测对象声明符合测试配置{joined}。", f"The implementation under test claims conformance to {which} {joined}."))
    else:
        lines.append(_t(lang, "本要求未被任何测试配置选用；被测对象的提供者声明其适用。",
                        "No profile selects this requirement; the supplier declares that it applies."))
    if features:
        either = _t(lang, "或", " or ").join(features)
        lines.append(_t(lang, f"ICS 声明支持{either}。", f"The ICS declares {either}."))
    sep = _t(lang, "、", ", ")
    settings = [p for p in params if p.direction == "any"]
    shown_settings = sep.join(_t(lang, f"配置项 `{p.name}`（{default_text(p.default, lang)}）",
                                 f"setting `{p.name}` ({default_text(p.default, lang)})") for p in settings)
    if objects and anchors:
        objects += _t(lang, "；", "; ") + anchors
    if objects:  # a case that reads no target (an assessment of the device itself) has no IXIT line
        lines.append(_t(lang, f"已按 IXIT（附录 A）提供：{objects}" + (f"；{shown_settings}" if settings else "") + "。",
                        f"The IXIT (annex A) provides: {objects}" + (f"; {shown_settings}" if settings else "") + "."))
    thresholds = [p for p in params if p.direction != "any"]
    if thresholds:
        fixed = [p for p in thresholds if p.direction == "none"]
        mixed = 0 < len(fixed) < len(thresholds)  # then each fixed value says so

        def shown(p: Parameter) -> str:
            text = value_text(p.default)
            # a mapping, a list or a word is one code value; a number takes its unit (annex A prints it so)
            value = _code(text) if isinstance(p.default, dict | list | tuple | str) else with_unit(text, p.unit, lang)
            return f"`{p.name}` = {value}" + (_t(lang, "（固定）", " (fixed)") if mixed and p.direction == "none" else "")

        how = (_t(lang, "附录 A，固定", "annex A; fixed") if len(fixed) == len(thresholds) else
               _t(lang, "附录 A；认证计划或声明文件只可将注明“固定”以外者改严",
                  "annex A; a certification plan or the manifest may only make those not marked fixed stricter")
               if fixed else
               _t(lang, "附录 A，认证计划或声明文件只可将其改严",
                  "annex A; a certification plan or the manifest may only make them stricter"))
        listed = sep.join(shown(p) for p in thresholds)
        lines.append(_t(lang, f"测试参数取本文件规定的值（{how}）：{listed}。",
                        f"The test parameters take the values this document sets ({how}): {listed}."))
    return lines


#: the words by which a hand-written 前置条件 line shows it states the matter of a generated one
_STATES = {"profile": ("声明符合测试配置", "claims conformance to"),
           "feature": ("ICS 声明支持特性", "The ICS declares"),
           "ixit": ("已按 IXIT", "The IXIT (annex A) provides"),
           "parameters": ("测试参数取本文件规定的值", "test parameters take the values")}


def completed(generated: list[str], written: list[str], lang: str) -> list[str]:
    """A hand-written 前置条件 with the generated lines of the matters it does not state itself, each matter in the
    generated order (profile, feature, IXIT, parameters) and the hand-written conditions of the test after them."""
    matters = list(_STATES)

    def matter(line: str) -> int:
        return next((i for i, m in enumerate(matters) if _t(lang, *_STATES[m]) in line), len(matters))

    stated = {matter(line) for line in written}
    added = [line for line in generated if matter(line) < len(matters) and matter(line) not in stated]
    return sorted(added + list(written), key=matter)  # stable: the hand-written order kept within each slot


def own_reading(text: str) -> str:
    """A case's Chinese ``text`` without its IXIT line: that line lists every file of the profile's target, what the
    requirement itself reads is in its other lines (forty-fourth reading, b3: DP-DESC-001 cited the COCO file's
    format, named only in the data-product target's IXIT entry)."""
    return "\n".join(line for line in text.split("\n") if not line.startswith(_STATES["ixit"][0]))
