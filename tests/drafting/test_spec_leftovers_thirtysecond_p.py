"""The leftovers of the thirty-second reading of issue 76, part p (docs/drafting.md, "Leftovers of the thirty-second
reading, part p"): annex D's and E's schema tables. `assets/lifecycle-event.json` has a table of its own that the
tables of its holders refer to (row b6); D.5 prints freely named members as `a.*`, a paired requirement, a form's
forbidden `id`, an encoding and the names of a keyed object's members (b7); a member whose forms depend on its own
type prints each form's members, and the credential's `@context` condition is in the 必需 column (b8); `contains` is
printed (b9). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_thirtieth_g import _annexes_d_e, _rows


def _row(markdown: str, member: str, after: str = "") -> str:
    """The first row of annexes D and E for ``member``, after the heading ``after`` when given."""
    text = _annexes_d_e(markdown)
    text = text[text.index(after):] if after else text
    return next(line for line in text.split("\n") if line.startswith(f"| `{member}` |"))


def test_the_lifecycle_event_has_its_own_table_the_others_refer_to(zh_markdown, en_markdown):
    """b6: its 23 rows were expanded in full in 表 D.13, D.15 and D.22."""
    for markdown, refer in ((zh_markdown, "符合 `assets/lifecycle-event.json`（见表 D."),
                            (en_markdown, "conforms to `assets/lifecycle-event.json` (see Table D.")):
        assert re.search(r"^#### D\.5\.\d+ `assets/lifecycle-event\.json`$", markdown, re.M)
        rows = _rows(markdown)
        assert [r for r in rows if r.startswith("| `events[].trade.fees[].payer` |")] == []
        assert [r for r in rows if r.startswith("| `event.type` |")] == []
        assert sum(refer in r for r in rows if r.startswith(("| `event` |", "| `events[]` |"))) >= 3


def test_freely_named_members_are_rows_as_annex_e_prints_them(zh_markdown, en_markdown):
    """b7: no row `a.*` in D.5; `settings` values, `nodes[].extensions` values and `title` values were unconstrained."""
    assert _row(zh_markdown, "settings.*").startswith("| `settings.*` | `string` / `number` / `boolean` | — |")
    assert _row(zh_markdown, "nodes[].extensions.*").startswith("| `nodes[].extensions.*` | `object` | — |")
    assert "长度不小于 `1`" in _row(zh_markdown, "sanctions[].title.*")
    assert "成员名称匹配正则表达式 `^[A-Za-z]{2,3}" in _row(zh_markdown, "rules[].title")
    assert "member names match `^[A-Za-z]{2,3}" in _row(en_markdown, "rules[].title")
    assert "`a.*` 为对象 `a` 中名称由实例自定的任一成员" in _annexes_d_e(zh_markdown).split("#### D.5.2")[0]
    assert "`a.*` any member of object `a`" in _annexes_d_e(en_markdown).split("#### D.5.2")[0]


def test_the_paired_periods_the_forbidden_id_and_the_encoding_are_printed(zh_markdown, en_markdown):
    """b7: `min_period_s`/`max_period_s` read plain 「否」, the notifications' 'no `id`' and `data`'s base64 were lost."""
    assert "| `sanctions[].max_period_s` 出现时是，否则否 |" in _row(zh_markdown, "sanctions[].min_period_s")
    assert "| yes when `sanctions[].min_period_s` is present; otherwise no |" in _row(en_markdown,
                                                                                       "sanctions[].max_period_s")
    assert _row(zh_markdown, "〔3〕.id") == "| `〔3〕.id` | — | 否 | 不应出现 |"
    assert _row(en_markdown, "〔4〕.id") == "| `〔4〕.id` | — | no | shall be absent |"
    assert "以 `base64` 编码" in _row(zh_markdown, "〔3〕.params.voice.audio.data")
    assert "encoded as `base64`" in _row(en_markdown, "〔3〕.params.voice.audio.data")
    legend = _annexes_d_e(zh_markdown).split("#### D.5.2")[0]
    assert "约束“不应出现”表示" in legend and "“以 `base64` 编码”" in legend


def test_a_credentials_typed_members_print_what_each_form_requires(zh_markdown, en_markdown):
    """b8: 表 D.48 printed the array form's `minItems` and never what an object of `issuer`, `credentialSubject`,
    `credentialStatus` or `credentialSchema` requires."""
    prefix = "verifiableCredential."
    assert _row(zh_markdown, prefix + "issuer.id") == f"| `{prefix}issuer.id` | `string` | 是 | 格式 `uri` |"
    assert "`DigitalHuman`" in _row(zh_markdown, prefix + "credentialSubject[].identityCategory")
    assert "`DigitalHuman`" in _row(zh_markdown, prefix + "credentialSubject.identityCategory")
    for member in ("credentialStatus[].type", "credentialStatus.type", "credentialSchema[].id", "credentialSchema.type"):
        assert f"| `{prefix}{member}` | `string` | 是 |" in _row(zh_markdown, prefix + member)
        assert f"| `{prefix}{member}` | `string` | yes |" in _row(en_markdown, prefix + member)


def test_the_credentials_context_condition_is_printed(zh_markdown, en_markdown):
    """b8: `issuanceDate` and `expirationDate` read plain 「否」 though the `allOf` requires or forbids them."""
    v1 = "`https://www.w3.org/2018/credentials/v1`"
    issued = _row(zh_markdown, "verifiableCredential.issuanceDate")
    assert f"| `verifiableCredential.@context` 的第 1 个元素为 {v1} 时是，否则否 |" in issued
    assert f"`verifiableCredential.@context` 的第 1 个元素不为 {v1} 时不应出现" in issued
    assert f"shall be absent when item 1 of `verifiableCredential.@context` is not {v1}" in _row(
        en_markdown, "verifiableCredential.expirationDate")


def test_contains_is_printed(zh_markdown, en_markdown):
    """b9: the status list's `type`, a credential's `type` and a motion instrument's `quantities` dropped `contains`."""
    assert _row(zh_markdown, "type", "`getStatusList` 成功响应").endswith("| 含取值为 `BitstringStatusListCredential` 的元素 |")
    assert "含取值为 `VerifiableCredential` 的元素" in _row(zh_markdown, "verifiableCredential.type")
    assert "contains an item `displacement`" in _row(en_markdown, "measured_by.quantities")
    assert "含取值为 `displacement` 的元素" in _row(zh_markdown, "measured_by.quantities")
