"""Fifty-eighth reading, part h114-limT: the party issuing commands has one name."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_c4_commanding_party_is_the_test_bench_not_an_undefined_host() -> None:
    # 主机 is defined nowhere in clause 3; the motion platform cases name the test bench (试验台).
    for name in ("requirements.yaml", "procedures.yaml"):
        text = (ROOT / "suites" / "terminal" / name).read_text(encoding="utf-8")
        assert "主机" not in text, name
        assert "the host commands" not in text and "the host's" not in text, name
