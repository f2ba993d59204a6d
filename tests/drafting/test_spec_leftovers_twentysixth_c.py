"""The leftovers of the twenty-sixth reading of issue 76, part c (docs/drafting.md, "Leftovers of the twenty-sixth
reading, part c"): a step sends a test hook's request to the path its IXIT setting gives, never to the bare default
(row 1); ages by verified birth date in 周岁 / "years of age" (row 2); annex A's `moderation_clock_path` as its cases
use it (row 10); annex D.1 names the hooks' paths as IXIT settings (row 12). Each test fails on the draft as it was
before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

# every IXIT setting that gives a test hook's (or a configurable interface's) path, with its default
_HOOKS = {"account_path": "/test/account", "clock_path": "/test/clock", "generation_path": "/generate",
          "identity_path": "/test-identities", "moderation_clock_path": "/test-moderation/clock",
          "moderation_path": "/test-moderation/sanctions", "render_path": "/render/stream"}
_NAMED = {"zh": "向配置项 `{k}` 给出的路径（默认 `{p}`）",
          "en": "to the path the setting `{k}` gives (by default `{p}`"}


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def test_no_step_names_a_default_hook_path_bare(zh_markdown, en_markdown):
    """Row 1: steps sent requests to `POST /test/clock`, `POST /test-identities`, `POST /render/stream`... while
    the 前置条件 let the applicant give another path."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        for case_id, case in _cases(markdown).items():
            steps = _steps(case, lang)
            for key, path in _HOOKS.items():
                named = _NAMED[lang].format(k=key, p=path)
                bare = steps.replace(named, "")
                assert not re.search(re.escape(f"`{path}`") + "|" + re.escape(path) + r"(?![\w/-])", bare), \
                    (lang, case_id, key)


def test_a_hook_is_named_one_way_in_every_step(zh_markdown, en_markdown):
    """Row 1: three forms (「`POST` `clock_path`」, 「经测试开通端点（`identity_path`）」, 「（IXIT 的配置项
    `account_path`）」) for one thing; the first mention in a case is the setting's full form."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        for case_id, case in _cases(markdown).items():
            steps = _steps(case, lang)
            for key, path in _HOOKS.items():
                first = steps.find(f"`{key}`")
                if first >= 0:
                    at = steps.find(_NAMED[lang].format(k=key, p=path))
                    assert at in (first - len("向配置项 "), first - len("to the path the setting ")), (lang, case_id, key)
    zh = _cases(zh_markdown)
    assert "向配置项 `clock_path` 给出的路径（默认 `/test/clock`）发送 `POST`" in _steps(zh["AS-MINOR-003"], "zh")
    # step 6 names the setting by its path too (thirtieth reading's part c, row a11: its first use in the steps)
    assert "6. 向配置项 `clock_path` 给出的路径（默认 `/test/clock`）发送 `POST`" in _steps(zh["AS-MINOR-004"], "zh")


def test_ages_are_counted_in_zhousui(zh_markdown, en_markdown):
    """Row 2: 「7、10、14 与 17 岁」, 「10 岁身份」 in the steps against 「18 周岁」 in the rules."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for case_id in ("AS-MINOR-003", "AS-MINOR-004", "AS-RATING-003"):
        assert not re.search(r"\d 岁", zh[case_id]), case_id
        assert not re.search(r"year-old|\baged \d|\bat ages? \d", en[case_id]), case_id
        assert "years of age" in _steps(en[case_id], "en"), case_id
    assert "15 周岁（16 周岁生日前一日）" in _steps(zh["AS-RATING-003"], "zh")


def test_the_moderation_clock_row_says_what_its_cases_do(zh_markdown, en_markdown):
    """Row 10: the row spoke of sanctions only and said the harness waits; IF-MOD-002 advances the report's day on
    it and, without it, does not wait (不确定). Since the twenty-ninth reading's part s (row a24) a report's limit runs
    on the test clock: the row names IF-CODE-006 alone."""
    zh = next(line for line in zh_markdown.splitlines()
              if line.startswith("| 配置项 `moderation_clock_path`")).replace("\u2011", "-")
    assert "IF-MOD-002" not in zh and "IF-CODE-006 不等待" in zh and "测试工具改为等待" not in zh
    en = next(line for line in en_markdown.splitlines()
              if line.startswith("| Setting `moderation_clock_path`")).replace("\u2011", "-")
    assert "IF-CODE-006 does not wait" in en and "IF-MOD-002" not in en and "the harness waits\n" not in en


def test_annex_d_names_hook_paths_as_ixit_settings(zh_markdown, en_markdown):
    """Row 12: D.1 called `moderation_path` a test parameter; annex A lists it among the IXIT settings."""
    assert "以给出其路径的 IXIT 配置项（如 `moderation_path`）" in zh_markdown
    assert "测试配置参数（如 `moderation_path`）" not in zh_markdown
    assert "by the IXIT setting giving the path (such as `moderation_path`)" in en_markdown
    assert "profile parameter giving the path" not in en_markdown
