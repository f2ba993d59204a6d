"""Fifty-eighth reading, part h114-limT: the party issuing commands has one name."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_c4_commanding_party_is_the_test_bench_not_an_undefined_host() -> None:
    # 主机 is defined nowhere in clause 3; the motion platform cases name the test bench (试验台).
    for name in ("requirements.yaml", "procedures.yaml"):
        text = (ROOT / "suites" / "terminal" / name).read_text(encoding="utf-8")
        assert "主机" not in text, name
        assert "the host commands" not in text and "the host's" not in text, name


def test_c7_face_reading_rate_has_a_reason_in_the_notes() -> None:
    text = (ROOT / "suites" / "terminal" / "requirements.yaml").read_text(encoding="utf-8")
    assert "读取方至少每 50 ms 调用一次为本文件自定" in text
    assert "Reading at least every 50 ms is this document's own figure" in text
