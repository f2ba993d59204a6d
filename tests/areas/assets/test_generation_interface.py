"""The text-label placement and frame sampling of AS-AIGC-012..014 (areas/assets/generation.py),
on strings and numbers: no server, no decoding."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.assets import generation

BODY = "城市的夜晚灯火通明，街道两旁的树影随风摇动，人们在广场上散步，孩子们追逐嬉戏，远处的海面映着月光。"


@pytest.mark.parametrize("text", [
    f"【AI生成】{BODY}",                          # at the start, after a bracket
    f"{BODY}\n（本内容由人工智能生成）",             # at the end
    f"{BODY}\n\n以下内容由 AI 合成\n\n{BODY}",       # on a line of its own, in the middle
])
def test_a_label_at_the_start_the_end_or_on_its_own_line_passes(text):
    assert generation.text_findings(text, "POST /generate") == []


def test_a_label_inside_a_sentence_fails_placement_only():
    text = f"{BODY[:20]}（AI生成）{BODY[20:]}{BODY}"
    [finding] = generation.text_findings(text, "POST /generate")
    assert finding.rule == "R2" and "AI生成" in str(finding.message)


def test_words_a_paragraph_apart_are_no_label():
    text = f"AI 是一门学科。{BODY}{BODY}我们生成了报告。"
    [finding] = generation.text_findings(text, "POST /generate")
    assert finding.rule == "R1"


def test_playback_frames_are_sampled_every_half_second_from_one_second_and_the_last():
    frames = [(n / 10, np.zeros((2, 2))) for n in range(25)]  # 0.0 .. 2.4 s
    assert [t for t, _ in generation.playback_samples(frames)] == [1.0, 1.5, 2.0, 2.4]
    assert [t for t, _ in generation.playback_samples(frames[:5])] == [0.4]  # shorter than 1 s: the last frame


def test_the_audio_prompt_is_recognised_at_the_start_the_end_and_in_the_middle():
    """AS-AIGC-015 R1 (1.1): GB 45438-2025 allows the prompt at the start, the end or a place in
    the middle; a prompt only in the middle failed before 1.1. Audio without it still fails."""
    from conformance.areas.assets import prompt
    from conformance.reference.assets.generation import RATE, rhythm_prompt

    assert RATE == prompt.RATE
    clip = np.asarray(rhythm_prompt(), dtype=np.float64)
    t = np.arange(int(1.5 * RATE)) / RATE
    content = 0.3 * np.sin(2 * np.pi * (300 + 100 * t) * t)  # the reference's gliding stand-in
    for audio in (np.concatenate([clip, content, content]), np.concatenate([content, content, clip]),
                  np.concatenate([content, clip, content])):
        assert generation.prompt_findings(clip, audio, 0.5, "audio.wav") == []
    (unprompted,) = generation.prompt_findings(clip, np.concatenate([content, content, content]), 0.5, "audio.wav")
    assert unprompted.rule == "R1" and unprompted.actual < 0.5
