"""The leftovers of the thirty-fifth reading of issue 76, part f (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part f"): verdict lines against what the checks decide (clause 3.24: a case with nothing to judge is not
applicable). ID-VC-006's not-applicable line names the SD-JWTs the check now passes over as such (row a5) and its
inconclusive line the states the check leaves unjudged (a6); ID-VC-001 is not applicable with presentations only
(a12); DP-LABEL-003 names the segmented annotations it passes over (a14). Each test fails on the draft as it was
before these fixes (the checks' own tests are in tests/areas/identity/test_jwt_forms.py)."""

from __future__ import annotations

from conformance.areas.data.coco_masks import check_segmentations
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def _lines(markdown: str, rid: str, lang: str) -> dict[str, str]:
    """The case's verdict lines, its requirement numbers with plain hyphens (the draft keeps them unbroken)."""
    return {k: v.replace("\u2011", "-") for k, v in _verdict_lines(_cases(markdown)[rid], lang).items()}


def test_id_vc_006_is_not_applicable_where_nothing_is_bound(zh_markdown, en_markdown):
    """a5: the line named standalone issuance forms only, and the check passed them having judged nothing."""
    zh = _lines(zh_markdown, "ID-VC-006", "zh")
    en = _lines(en_markdown, "ID-VC-006", "en")
    assert "带有或应带有密钥绑定 JWT" in zh["不适用"] and "签发者 JWT 不含 `cnf` 的被出示 SD-JWT" in zh["不适用"]
    # fifty-fourth reading (b2): the cases decoding SD-JWTs, not ID-VC-003
    assert "由 ID-VC-004（SD-JWT 文件）或 ID-VC-007（封装的 SD-JWT）判定" in zh["不适用"]
    assert "carries a key binding JWT or must carry one" in en["Not applicable"]
    assert "ID-VC-004 (an SD-JWT file) or ID-VC-007 (an enveloped SD-JWT) judges it" in en["Not applicable"]


def test_id_vc_006_inconclusive_names_what_the_check_leaves_unjudged(zh_markdown, en_markdown):
    """a6: an issuer JWT that does not decode is passed over and a malformed cnf key fails; an _sd_alg not
    computed and a KB-JWT alg not verified were unnamed."""
    zh = _lines(zh_markdown, "ID-VC-006", "zh")["不确定"]
    en = _lines(en_markdown, "ID-VC-006", "en")["Inconclusive"]
    assert "无法解码" not in zh and "`_sd_alg`" in zh and "`alg`" in zh and "离线无法找到" in zh
    assert "cannot be decoded" not in en and "`_sd_alg`" in en and "`alg`" in en and "not found offline" in en
    # part h94-cases (verdict lines that fit their case) moved the malformed key to the fail line
    assert "a malformed `cnf` key breaks R2" in _lines(en_markdown, "ID-VC-006", "en")["Fail"]
    assert "格式错误的 `cnf` 密钥违反 R2" in _lines(zh_markdown, "ID-VC-006", "zh")["不通过"]


def test_id_vc_001_is_not_applicable_with_presentations_only(zh_markdown, en_markdown):
    """a12: 「且表示中未嵌入凭证」 is a condition the check never tests (embedded credentials are ID-VP-001's)."""
    zh = _lines(zh_markdown, "ID-VC-001", "zh")["不适用"]
    en = _lines(en_markdown, "ID-VC-001", "en")["Not applicable"]
    assert "未嵌入凭证" not in zh and "由 ID-VP-001 判定" in zh
    assert "none embedded" not in en and "judged by ID-VP-001" in en


def test_dp_label_003_names_the_annotations_it_passes_over(zh_markdown, en_markdown):
    """a14: a segmentation whose image is dangling or sizeless is not judged (DP-LABEL-001's finding); the not
    applicable line said only 「所有文件中均无分割」 and the inconclusive line that every item can be judged."""
    zh = _lines(zh_markdown, "DP-LABEL-003", "zh")
    en = _lines(en_markdown, "DP-LABEL-003", "en")
    assert "`width` 与 `height`" in zh["不适用"] and "DP-LABEL-001" in zh["不适用"]
    assert "略过" in zh["不确定"] and "所检的每一项均可判定" not in zh["不确定"]
    assert "without `width` and `height`" in en["Not applicable"] and "DP-LABEL-001" in en["Not applicable"]
    assert "passed over" in en["Inconclusive"]
    # what the lines name is what the check does: a dangling and a sizeless image leave nothing judged
    coco = {"images": [{"id": 1}], "categories": [{"id": 1, "name": "a"}], "annotations": [
        {"id": 1, "image_id": 1, "category_id": 1, "segmentation": [[0, 0, 4, 0, 4, 4]], "area": 8, "bbox": [0, 0, 4, 4]},
        {"id": 2, "image_id": 9, "category_id": 1, "segmentation": [[0, 0, 4, 0, 4, 4]], "area": 8, "bbox": [0, 0, 4, 4]}]}
    assert check_segmentations(coco, 1.0, 1.0) == ([], 0)
