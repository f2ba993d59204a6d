"""The sixty-fourth reading of issue 76, part h127-aigc: the generation interface's video and audio checks
(AS-AIGC-014, AS-AIGC-015) stopped reading at bounds no clause stated and judged what lay past them, or test
equipment without a decoder, 不通过.

bx1: the video check decoded only the first 60 s (``generation.MAX_VIDEO_S``) though the case says 「直至最后一帧」;
bx2: audio longer than 1 800 s (``prompt.MAX_SECONDS``), or a compressed file over ``encoded_audio.MAX_BYTES``, was
taken for audio that does not decode and failed R1; bx3: without PyAV both checks failed a conforming answer. Now
both bounds are 5.1's reading bounds (table 1, with their reasons in the 编制说明), the cases cite them in their steps
and 不确定 lines and the checks leave what lies past them unjudged (inconclusive unless something fails); a missing
decoder is a state of the test equipment, so the case is not run (6.1's 未执行, as the cloud-rendering checks do),
never failed, and no case names the tool (clause 5.2 lists the decoders among the equipment). Each test fails on
the branch's base (b6c90194c), but the K4 guard that no case names a decoding tool, which held there already."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import SimpleNamespace

import pytest

from conformance import NotRun
from conformance._record.evidence import Evidence, recording
from conformance.areas.assets import encoded_audio, generation, prompt
from conformance.drafting import boundtable
from conformance.reference.assets import generation as reference
from tests.paths import ROOT

VIDEO_BOUND, AUDIO_BOUND = "生成视频的解码时长", "生成音频的解码量"


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def _case(markdown: str, rid: str) -> str:
    text = _plain(markdown)
    start = re.search(rf"^### \d+\.\d+ {rid} ", text, re.M)
    assert start, rid
    return text[start.end():text.index("\n### ", start.end())]


def _line(case: str, head: str) -> str:
    return next(line for line in case.splitlines() if line.startswith(f"| {head} |"))


def _general(markdown: str) -> str:
    text = _plain(markdown)
    return text[text.index("### 5.1 "):text.index("### 5.2")]


def _row(table: str, name: str) -> list[str]:
    line = next(line for line in table.split("\n") if line.startswith(f"| {name} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


# ---- bx1, bx2: each bound the generation checks stop reading at is a reading bound of 5.1, with its reason

def test_the_bounds_are_the_checks_own():
    bounds = {b.name[0]: b for b in boundtable.BOUNDS}
    video, audio = bounds[VIDEO_BOUND], bounds[AUDIO_BOUND]
    assert generation.MAX_VIDEO_S == 60.0 and "60 s" in video.value[0] and "60 s" in video.value[1]
    assert prompt.MAX_SECONDS == 1800 and "1 800 s" in audio.value[0] and "1 800 s" in audio.value[1]
    assert encoded_audio.MAX_BYTES == 256 << 20 and "256 MiB（268 435 456 B）" in audio.value[0]
    assert not video.sample and not audio.sample  # past them the case is inconclusive, not a sample judged
    # the reason's figures: 120 frames in 60 s, 256 MiB over 1 800 s
    assert 1 + int((generation.MAX_VIDEO_S - 1.0) / generation.PLAYBACK_STEP_S) + 1 == 120
    assert round(encoded_audio.MAX_BYTES * 8 / prompt.MAX_SECONDS / 1000) == 1193
    assert prompt.MAX_SECONDS * prompt.RATE == 14_400_000 and prompt.MAX_SECONDS * 100 == 180_000


@pytest.mark.parametrize(("name", "rid"), [(VIDEO_BOUND, "AS-AIGC-014"), (AUDIO_BOUND, "AS-AIGC-015")])
def test_table_1_lists_the_bound_with_the_case_citing_it(zh_markdown, en_markdown, name, rid):
    row = _row(_general(zh_markdown), name)
    assert row[2] == rid and "不确定" in row[3], row
    english = next(b.name[1] for b in boundtable.BOUNDS if b.name[0] == name)
    assert _row(_general(en_markdown), english)[2] == rid


@pytest.mark.parametrize("name", [VIDEO_BOUND, AUDIO_BOUND])
def test_the_note_gives_each_bound_its_reason(note_md, name):
    bound = next(b for b in boundtable.BOUNDS if b.name[0] == name)
    assert f"| {name} | {bound.value[0]} | 本文件自定：{bound.why[0]}。 |" in _plain(note_md)


def test_bx1_the_video_case_says_where_decoding_stops(zh_markdown, en_markdown):
    case = _case(zh_markdown, "AS-AIGC-014")
    steps = _line(case, "测试步骤")
    assert "至多解码其前 60 s（读取界限“生成视频的解码时长”，见 5.1）" in steps
    assert "视频长于 60 s 时记录原因，其后的帧不予判定" in steps
    assert "直至最后一帧（视频长于 60 s 时直至所解码的最后一帧）" in steps
    inconclusive = _line(case, "判定准则").split("不确定：", 1)[1]
    assert "视频长于 60 s（读取界限“生成视频的解码时长”），其后的帧未予判定，且没有其他不符合项" in inconclusive
    english = _case(en_markdown, "AS-AIGC-014")
    assert 'at most its first 60 s (the reading bound "length of a generated video decoded", see 5.1)' in english


def test_bx2_the_audio_case_says_where_decoding_stops(zh_markdown, en_markdown):
    case = _case(zh_markdown, "AS-AIGC-015")
    steps = _line(case, "测试步骤")
    assert ("音频长于 1 800 s 或压缩音频文件大于 256 MiB（读取界限“生成音频的解码量”，见 5.1）时记录原因，"
            "不在其中查找提示（规则 R1 不予判定），其余规则照常检查") in steps
    criteria = _line(case, "判定准则")
    assert "或音频超出读取界限“生成音频的解码量”而未查找提示，且没有其他不符合项" in criteria.split("不确定：", 1)[1]
    assert 'the reading bound "generated audio decoded", see 5.1' in _case(en_markdown, "AS-AIGC-015")


# ---- bx3 (K4): no case names a decoding tool or its installation; clause 5.2 lists the decoders

_TOOLS = re.compile(r"PyAV|FFmpeg|libav|media 附加依赖|未安装|已安装|安装了|缺少[^|。]{0,6}解码|解码(?:器|程序)缺失")


def test_bx3_no_test_case_names_a_decoding_tool_or_its_installation(zh_markdown):
    text = _plain(zh_markdown)
    cases = text[text.index("## 7 "):text.index("## 15 符合性")]
    found = [cases[max(0, m.start() - 30):m.end() + 30] for m in _TOOLS.finditer(cases)]
    assert not found, found


def test_bx3_clause_5_2_lists_the_decoders(zh_markdown, en_markdown):
    text = _plain(zh_markdown)
    assets = text[text.index("### 5.2 "):text.index("### 5.3 ")]
    assert "图像、音频与视频文件的解码程序" in _line(assets, "测试设备")
    english = _plain(en_markdown)
    assert "a decoder of image, audio and video files" in english[english.index("### 5.2 "):english.index("### 5.3 ")]


# ---- the checks: past a bound unjudged (inconclusive unless something fails); no decoder, not run

def _suite():
    spec = importlib.util.spec_from_file_location("generation_interface_h127", ROOT / "suites/assets/test_generation_interface.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Answer:
    def __init__(self, requested: str, content: bytes) -> None:
        self.status, self.requested, self.content = 200, requested, content


class _Api:
    """The reference generation interface's answers, without a server: ``kind`` -> content, the label and prompt."""

    def __init__(self, defects: frozenset[str] = frozenset(), audio: bytes | None = None) -> None:
        self.defects, self.audio = defects, audio

    def post(self, path: str, json: dict) -> _Answer:
        kind = json["kind"]
        content = self.audio if kind == "audio" and self.audio is not None else getattr(reference, kind)(self.defects)
        return _Answer(f"POST {path} ({kind})", content)

    def get(self, path: str) -> _Answer:
        if path.endswith("/label"):
            return _Answer(f"GET {path}", reference._png(reference.label_raster(), {}))
        return _Answer(f"GET {path}", reference._wav(reference.rhythm_prompt(), None))


PARAMS = SimpleNamespace(generation_path="/generate", render_label_min_ncc=0.8, render_label_min_height_ratio=0.05,
                         render_label_min_contrast=0.25, voice_prompt_min_correlation=0.5)


def _run(check, api: _Api) -> Evidence:
    with recording(Evidence()) as evidence:
        check({"api": api}, evidence, PARAMS)
    return evidence


def _findings(evidence: Evidence) -> list[dict]:
    return [item for item in evidence.items if item.get("kind") == "finding"]


def test_bx1_a_video_past_the_bound_leaves_its_later_frames_unjudged(monkeypatch):
    check = _suite().test_generated_video_shows_and_carries_its_label
    whole = _run(check, _Api())
    assert not _findings(whole) and not whole.unjudged_inputs  # the reference's 2 s video passes
    monkeypatch.setattr(generation, "MAX_VIDEO_S", 1.2)
    cut = _run(check, _Api())
    assert not _findings(cut), _findings(cut)
    [(where, reason)] = cut.unjudged_inputs.items()
    assert where == "POST /generate (video)" and "1.2 s" in str(reason), reason
    # within the bound the frames are still judged: a label shown only in the opening frame fails R2
    failed = _run(check, _Api(frozenset({"generated-video-label-opening-only"})))
    assert {f["rule"] for f in _findings(failed)} == {"R2"}


def test_bx1_the_frames_kept_are_the_frames_judged():
    """``video_frames`` keeps only the frames :func:`playback_samples` picks, so a long video is not held whole."""
    import io

    import av

    data = reference.video(frozenset())
    every = []
    with av.open(io.BytesIO(data)) as container:
        every = [(float(frame.time or 0.0), None) for frame in container.decode(video=0)]
    video = generation.video_frames(data)
    assert len(video.frames) < len(every) and not video.past_bound
    assert [t for t, _ in generation.playback_samples(video.frames)] == \
        [t for t, _ in generation.playback_samples(every)]
    assert video.frames[0][0] == every[0][0]


def test_bx2_audio_past_the_bound_is_not_judged_undecodable(monkeypatch):
    check = _suite().test_generated_audio_carries_its_prompt
    assert not _findings(_run(check, _Api()))  # the reference's 3 s audio passes
    monkeypatch.setattr(prompt, "MAX_SECONDS", 1)
    long = _run(check, _Api())
    assert not _findings(long), _findings(long)  # before: "the generated audio cannot be read", R1
    [(where, reason)] = long.unjudged_inputs.items()
    assert where == "POST /generate (audio)" and "R1" in str(reason)
    # R2 is still judged past the bound
    unlabelled = _run(check, _Api(frozenset({"generated-audio-no-implicit"})))
    assert {f["rule"] for f in _findings(unlabelled)} == {"R2"}


def test_bx2_a_compressed_file_over_the_bound_is_over_the_bound(monkeypatch):
    monkeypatch.setattr(encoded_audio, "MAX_BYTES", 16)
    with pytest.raises(prompt.OverBound):
        prompt.decode(b"OggS" + bytes(64))
    # a file that is no audio still does not decode (not a bound)
    with pytest.raises(prompt.Undecodable) as raised:
        prompt.decode(b"not audio at all")
    assert not isinstance(raised.value, prompt.OverBound)


@pytest.mark.parametrize(("name", "audio"), [("test_generated_video_shows_and_carries_its_label", None),
                                             ("test_generated_audio_carries_its_prompt", b"OggS" + bytes(64))])
def test_bx3_without_a_decoder_the_case_is_not_run_never_failed(monkeypatch, name, audio):
    check = getattr(_suite(), name)
    monkeypatch.setitem(sys.modules, "av", None)  # ``import av`` raises ImportError
    with recording(Evidence()) as evidence, pytest.raises(NotRun) as raised:
        check({"api": _Api(audio=audio)}, evidence, PARAMS)
    assert "测试设备缺少音频与视频的解码程序，本测试用例未执行" in str(raised.value) or \
        "the test equipment has no audio and video decoder, so the case was not run" in str(raised.value)
    assert not _findings(evidence)
