"""The forty-ninth reading, part h102-terms (docs/drafting.md, "Forty-ninth reading, part h102-terms"): what
`POST /assets` issues was also 物品 beside 3.5's 数字资产 and annex D's 资产, and the call was 发布 beside 发行 (b4);
关联身份, the `linked-identities` feature's object, was not defined (b5); 编制说明 二（二） named only the declared
ratings as limits a declaration decides, though TD-FORCE-004 (and TD-FORCE-005) judge against the lower of a declared
value and a number of this document, and their notes said the declaration did not decide conformance (d7). Each test
fails on the draft as it was before (28ba3b7a)."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data, normative


def _sentences(markdown: str) -> list[str]:
    return re.split(r"[。\n]", markdown)


def test_the_assets_call_issues_assets(catalog, zh_markdown):
    """b4: 物品 is a name 3.5's entry sets aside (test_no_concept_is_called_by_a_name_its_entry_sets_aside then holds
    the class), and no sentence naming the call `POST /assets` calls it 发布: annex D's summary says 发行资产."""
    terms = load_data(catalog).terms
    assert "物品" in next(t for t in terms if t["zh"] == "数字资产")["avoided"]["zh"]
    assert "物品" not in zh_markdown
    assert "| `POST /assets` | `issueAsset`：发行资产" in zh_markdown
    published = [s[:80] for s in _sentences(zh_markdown) if re.search(r"POST /assets(?![/?\w])", s) and "发布" in s]
    assert not published
    # fiftieth reading, b2: nor 签发, which the draft keeps for tokens, credentials and certificates (IF-AUTH-001 to
    # -003 签发'd the probe asset in five places)
    signed = [s[:80] for s in _sentences(zh_markdown) if re.search(r"签发[^，；：、]{0,8}资产", s)]
    assert not signed, signed


def test_a_linked_identity_is_defined(zh_markdown, en_markdown):
    """b5: 关联身份 (the object of `linked-identities` and five requirements) is a clause 3 entry, beside 测试身份,
    defined by annex D's `linked_to`, and says what a user is (the one its linked identities represent)."""
    clause = zh_markdown[zh_markdown.index("## 3 术语和定义"):zh_markdown.index("## 4 缩略语")]
    terms = re.findall(r"^### 3\.\d+\n\n(.+?)  ", clause, re.M)
    assert terms.index("关联身份") == terms.index("测试身份") + 1, terms
    entry = clause.split("关联身份  linked identity\n\n", 1)[1].split("\n", 1)[0]
    assert "`linked_to`" in entry and "同一用户" in entry and "用户即" in entry
    assert re.search(r"^linked identity$", en_markdown[en_markdown.index("## 3 Terms"):en_markdown.index("## 4 ")], re.M)


def _declared_or_fixed(catalog) -> set[str]:
    """The normative requirements whose statement or a rule limits a measured value by the lower of a value the
    device declares and a number (read here apart from the generator's pattern)."""
    found = set()
    for req in catalog.requirements.values():
        if not normative(req):
            continue
        texts = [req.statement.zh] + [rule.zh for rule in req.rules or ()]
        # fifty-eighth reading, part h114-note, d6: the lower of a declared value and a refresh period (「二者」), and
        # one value held both to a number and to the declared one (TD-PERF-001) are of the kind
        if any(re.search(r"声明的[^。；]*?与[^。；]*?[两二]者中的较小者|不超过 \d[^。；]*?且不超过其?[^。；，]{0,8}?声明的",
                         text) for text in texts):
            found.add(req.id)
    return found


def test_the_principles_name_every_limit_a_declaration_can_tighten(catalog, note_md):
    """d7: 二（二） lists, as its second exception, exactly the requirements the catalog scan finds (TD-FORCE-004's R3:
    the lower of the declared safety force and 140 N), and says the declaration can only tighten the number."""
    found = _declared_or_fixed(catalog)
    assert "TD-FORCE-004" in found, found
    principle = note_md[note_md.index("（二）可检测"):note_md.index("（三）可追溯")]
    listed = re.search(r"两者中的较小者为限值的要求（([^）]+)）", principle)
    assert listed, principle
    assert {i.replace("\u2011", "-") for i in listed.group(1).split("、")} == found
    assert "只能收紧" in principle and "按其声明判定" in principle


def test_no_note_says_a_tightening_declaration_does_not_decide(catalog, note_md):
    """d7: the notes of the requirements the scan finds no longer say the declaration does not decide conformance;
    TD-FORCE-004's notes say 140 N bounds the declaration, which can only lower it."""
    assert "与被测对象的声明无关" not in note_md
    for rid in _declared_or_fixed(catalog):
        notes = catalog.requirements[rid].notes
        assert "与被测对象的声明无关" not in notes.zh and "whatever the implementation under test declares" not in notes.en
    assert "该限值以 140 N 为上限，设备声明的安全力只能将其调低" in catalog.requirements["TD-FORCE-004"].notes.zh
