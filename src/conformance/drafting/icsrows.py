"""What annex A's clause of a profile says besides its tables' rows: how a number of the standard may move, a
setting's bounds, an HTTP target's trust-anchor row, and the endpoint names the profile needs (its profile file's ``endpoints``, which IF-DISC-003
reads: twentieth reading, annex A listed none)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .conditions import PEM, TRUST_ANCHORS, feature_named, value_text, with_unit
from .writer import Writer, clause_ref


def anchors_row(w: Writer, role: str, only: str = "") -> tuple[str, ...]:
    """The IXIT row of an HTTP target's trust-anchor file where no rule judges a chain against it: every https target
    is verified with it, or without it with the list clause 5.1 names (twenty-fourth reading, row 39); ``only``: the
    target's own closing words when it serves informative requirements only (:func:`informative_only`)."""
    general = clause_ref("clause-5-general")
    return (w.t(f"目标 `{role}` 的信任锚文件 {TRUST_ANCHORS}（{PEM[0]}）",
                f"Trust-anchor file {TRUST_ANCHORS} of target `{role}` ({PEM[1]})"),
            w.t(f"被测目标 `{role}` 使用 `https` 时其证书链应通向的 CA 证书；测试设备以之验证服务器（见 {general}）",
                f"The CA certificates the certificate chain of target `{role}` leads to when it uses `https`; the test "
                f"equipment verifies the server against them (see {general})") + only,
            w.t(f"—（未给出时用 {general} 所列的根证书列表）", f"— (none given: the root list {general} names)"), "")


def needed_endpoints(w: Writer, names: list[str]) -> str:
    """The sentence of a profile's clause naming the endpoints it needs, from its profile file's ``endpoints``."""
    if not names:
        return ""
    listed = w.t("、", ", ").join(f"`{name}`" for name in names)
    return w.t(f"本配置所需的端点名称：{listed}。", f" The endpoint names the profile needs: {listed}.")


def in_draft(catalog: Any, req_id: str) -> bool:
    """Whether the draft holds a requirement a profile selects: a deprecated one is not in this document (annex B's
    B.3), so no ICS row, annex C row, count or feature stands for it (fifty-fourth reading, a1)."""
    return getattr(catalog.requirements.get(req_id), "status", None) != "deprecated"


def named_features(w: Writer, features: Mapping[str, Any]) -> str:
    """The sentence of a profile's clause giving each feature's label beside its identifier: a case quotes the label,
    status c the identifier, and a reader links the two here (forty-third reading, b2); a feature none of whose
    requirements the draft holds has no ICS row and is not named (fifty-fourth reading, a1)."""
    named = w.t("、", "; ").join(w.t(feature_named(f.title.zh, n, "zh"), feature_named(f.title.en, n, "en"))
                                 for n, f in features.items()
                                 if any(in_draft(w.catalog, r) for r in f.requirements))
    return w.t(f"本配置的特性：{named}。", f" The profile's features: {named}.") if named else ""


def tightening(w: Writer, spec: Any) -> str:
    """How a number of the standard may move: '（固定）' (fixed by the standard, or already at its strictest bound),
    ' (may only be lowered, to 1 B at the strictest)', the bound written as the value is (fifteenth reading's
    leftovers: 「10000000 B（只可调低，最严 1）」 had no unit)."""
    from .._catalog.parameters import strict_end

    end = strict_end(spec)
    # a value already at its strictest end cannot move either (thirty-eighth reading, row b2: 「0 s（只可调低，
    # 最严 0 s）」)
    if spec.direction not in ("lower", "higher") or (end is not None and end == spec.default):
        return w.t("（固定）", " (fixed)")
    zh = "只可调低" if spec.direction == "lower" else "只可调高"
    en = "may only be lowered" if spec.direction == "lower" else "may only be raised"
    if end is not None:  # in the form of the value it bounds: with its unit, a plain number as plain text
        shown = with_unit(value_text(end), spec.unit, w.lang)
        zh, en = f"{zh}，最严 {shown}", f"{en}, to {shown} at the strictest"
    return f"（{zh}）" if w.lang == "zh" else f" ({en})"


def bounds(w: Writer, spec: Any) -> str:
    """Bounds as a reader writes them: '（界限 [1, 4096]）', ' (bounds ≥ 1)'."""
    low, high = (spec.bounds.min, spec.bounds.max) if spec.bounds else (None, None)
    label = w.t("界限", "bounds")
    if low is not None and high is not None:
        shown = f"[{value_text(low)}, {value_text(high)}]"
    elif low is not None:
        shown = f"≥ {value_text(low)}"
    elif high is not None:
        shown = f"≤ {value_text(high)}"
    else:
        return ""
    return f"（{label} {shown}）" if w.lang == "zh" else f" ({label} {shown})"



def cell_text(description: str) -> str:
    """A 说明 cell of annex A's IXIT and parameter tables as a table's cell, without a full stop at its end, as all its
    cells (twenty-third reading, row 39: 15 of 355 cells ended with 「。」, the English ones with ".")."""
    return re.sub(r"(?<![a-z]\.[a-z])[。.]$", "", description.rstrip())  # "e.g." keeps its stop


#: a requirement's ID as a row's description names it (「（JSON；TD-OLF-006）」)
_NAMED_ID = re.compile(r"\b[A-Z]{2}-[A-Z0-9]+-\d{3}\b")
#: a feature as a target's description names the one it serves (「用于 asset-pairs 特性：」, code-marked or not)
_NAMED_FEATURE = re.compile(r"用于 ?`?([a-z0-9]+(?:-[a-z0-9]+)*)`? ?特性")


def target_users(text: str, listed: Iterable[str], features: Mapping[str, Any] | None = None) -> set[str]:
    """The requirements reading a target, as :func:`informative_only` takes them: those its description (Chinese
    ``text``) names, by ID or as a feature of the profile's ``features`` (「用于 asset-pairs 特性」: that feature's
    requirements among ``listed``), else every requirement the profile lists, as no requirement says which target it
    reads; A.12's `api` served only annex C's requirements, unmarked beside its marked setting (sixty-seventh reading,
    a's d2), and A.31's `asset_pairs`, read by one feature's candidate only, counted as read by the whole profile
    (sixty-eighth reading, a2)."""
    pool, known = list(listed), features or {}
    named = set(_NAMED_ID.findall(text))
    for feature in (f for f in _NAMED_FEATURE.findall(text) if f in known):
        named |= {r for r in known[feature].requirements if r in pool}
    return named or set(pool)


def informative_only(w: Writer, informative: set[str], text: str, users: Iterable[str] = ()) -> str:
    """The words closing an IXIT or test-parameter row used only by requirements of ``informative`` (drafts and
    candidates, listed in annex C): a normative annex gave TD-HOLO-003's sweep file and two limits as inputs of the
    standard (forty-sixth reading, ax2). The requirements reading it decide (``users``: those listing a parameter
    under ``parameters``), else those its description (Chinese ``text``) names: eleven parameter rows naming no ID
    were left unmarked (sixty-sixth reading, ax1); "" for a row used by none, or by any normative one."""
    named = set(users) or set(_NAMED_ID.findall(text))
    if not named or not named <= informative:
        return ""
    letter = w.annex("candidates")
    return w.t(f"；仅供附录 {letter} 所列的资料性要求使用，不用于符合性判定",
               f"; used only by informative requirements listed in annex {letter}, not in judging conformance")
