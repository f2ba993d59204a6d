"""Message templates (conformance/messages/*.yaml): every text the harness writes into a
report comes from a template with an English and a Chinese form."""

from __future__ import annotations

import copy
import pickle
import re

import pytest
import yaml

from conformance.messages import Message, localize, msg, problems, templates
from tests.paths import ROOT

SOURCES = [*ROOT.glob("src/conformance/**/*.py"), *ROOT.glob("suites/**/*.py")]
KEY = r"[a-z0-9]+(?:\.[a-z0-9-]+)+"


def _code() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)


def test_every_template_has_both_languages_with_the_same_placeholders():
    assert templates(), "no templates found"
    assert problems() == []


def test_every_key_the_code_names_exists_and_every_template_is_used():
    code = _code()
    named = set(re.findall(rf"\bmsg\(\s*\"({KEY})\"", code))
    assert named, "no msg(...) call found: the scan is broken"
    unknown = sorted(named - set(templates()))
    assert not unknown, f"msg() names keys no template has: {unknown}"
    quoted = set(re.findall(rf"\"({KEY})\"", code))
    unused = sorted(set(templates()) - quoted)
    assert not unused, f"templates no code uses (delete them or use them): {unused}"


def test_a_message_is_its_english_text_and_renders_in_chinese():
    message = msg("engine.findings-first", count=2,
                  first=msg("engine.at", where="a.json /x", message=msg("engine.no-test-ran")))
    assert message == "2 finding(s); first: a.json /x: no test ran"
    assert localize(message, message.text(), "zh") == "2 个不符合项；第一个：a.json /x：没有测试运行"
    assert localize(message, None, "zh") == localize(message, message.text(), "zh")
    assert localize(message, message.text(), "en") == message


def test_arguments_are_inserted_as_given_in_both_languages():
    # A target's words (here a reason it gave) are never translated.
    message = msg("engine.target-unreachable", reason="Connection refused")
    assert localize(message, message.text(), "zh") == "目标不可达：Connection refused"


def test_text_without_a_known_template_is_left_as_written():
    assert localize("JWK has private member 'd'", None, "zh") == "JWK has private member 'd'"
    assert localize("old", {"key": "engine.no-such-key", "args": {}}, "zh") == "old"
    assert localize("old", {"key": "engine.at", "args": {}}, "zh") == "old"  # arguments missing


def test_a_message_survives_copy_and_pickle_with_its_template():
    message = msg("engine.omitted-about", count=3, about="a.json")
    for copied in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert isinstance(copied, Message) and copied.text() == message.text() and copied == message


def test_an_unknown_key_is_an_error_where_it_is_written():
    with pytest.raises(KeyError, match="engine.no-such-key"):
        msg("engine.no-such-key")


def test_the_checks_are_bad_templates_when_they_are(monkeypatch):
    from conformance import messages

    bad = {
        "x.missing-zh": {"en": "a"},
        "x.differ": {"en": "{a}", "zh": "中{b}"},
        "x.conversion": {"en": "{a!r}", "zh": "中{a!r}"},
        "x.english": {"en": "a", "zh": "a"},
    }
    monkeypatch.setattr(messages, "templates", lambda: bad)
    found = "\n".join(messages.problems())
    for key in bad:
        assert key in found


def test_a_schema_title_with_its_chinese_form_names_the_expected_form_in_both(catalog):
    document = {"@context": "https://www.w3.org/ns/did/v1", "id": "did:Example:alice"}
    schema = "https://metaverse-conformance.org/schemas/identity/did-document.json"
    found = next(f for f in catalog.schemas.findings(document, schema) if f.pointer == "/id")
    assert "does not match the expected form (A DID (W3C DID Core 1.0, section 3.1)" in found.message
    assert "不符合预期的形式（DID（W3C DID Core 1.0 第 3.1 节））" in localize(found.message, None, "zh")


def test_no_words_are_templated_twice():
    by_english: dict[str, list[str]] = {}
    for key, entry in templates().items():
        by_english.setdefault(entry["en"], []).append(key)
    twice = {en: keys for en, keys in by_english.items() if len(keys) > 1}
    assert not twice, f"the same English in several templates (keep one, e.g. in engine.yaml): {twice}"


def test_no_message_file_names_a_key_twice():
    """A key written twice in one messages.yaml loads as the last one alone, silently replacing the
    first: a check rendering the lost template then breaks at run time (IF-CODE-001's
    interfaces.conduct-checked was replaced so in issue 74)."""
    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        keys = [loader.construct_object(key) for key, _ in node.value]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        assert not twice, f"{node.start_mark.name}: keys written twice: {twice}"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    files = [*ROOT.glob("src/conformance/**/messages.yaml"), *ROOT.glob("src/conformance/messages/*.yaml")]
    assert files
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)
