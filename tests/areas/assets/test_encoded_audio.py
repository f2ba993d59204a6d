"""Compressed audio and video audio tracks for the voice prompt (AS-AIGC-009): each container
the fixtures ship decodes to the signal the WAV path reads (the prompt found at the same lag);
bounds refuse before or while decoding; hostile bytes are refusals, never crashes."""

from __future__ import annotations

import struct
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.areas.assets import encoded_audio, prompt
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "suites" / "assets" / "fixtures"))

import generate_perceived as make  # noqa: E402

pytest.importorskip("av")

VOICE = make.voice_clip()
BOTH = make.mix(make.mix(make.programme(2.0, 7), VOICE, 0.0), VOICE, 2.0 - len(VOICE) / make.RATE)


@pytest.mark.parametrize("kind", sorted(make.ENCODINGS))
def test_each_container_decodes_to_the_signal_the_wav_path_reads(kind):
    data = make.encoded(BOTH, kind)
    assert encoded_audio.container(data) is not None
    audio = prompt.decode(data)
    wav = prompt.decode(make.wav8(BOTH))
    # AAC adds its encoder delay (64 ms here) and pads the last frame: within the tolerance
    assert abs(len(audio) - len(wav)) / make.RATE < 0.15
    found = prompt.find(VOICE, audio, -0.25, 0.25)
    assert found is not None and found.score >= 0.7 and abs(found.at_s) <= 0.1
    absent = prompt.find(VOICE, prompt.decode(make.encoded(make.programme(2.0, 7), kind)), -0.25, 0.25)
    assert absent is not None and absent.score < 0.3


def test_a_video_without_an_audio_track_is_refused_with_what_it_holds():
    data = make.encoded(BOTH[:0], "mp4", video=True)
    with pytest.raises(prompt.Undecodable, match="no audio track .*video"):
        prompt.decode(data)


def test_a_declared_duration_over_the_cap_is_refused_before_decoding():
    # an MP3's Info (Xing) header gives its frame count: made huge, it declares months of
    # audio in a 10 kB file
    data = bytearray(make.encoded(BOTH, "mp3"))
    at = data.find(b"Info")
    assert at > 0 and struct.unpack_from(">I", data, at + 4)[0] & 1  # the frames field is present
    struct.pack_into(">I", data, at + 8, 0x0FFFFFFF)
    with pytest.raises(prompt.Undecodable, match="declares"):
        prompt.decode(bytes(data))


def test_decoded_audio_past_the_cap_is_refused_while_decoding():
    with pytest.raises(encoded_audio.Undecodable, match="over the 1 s decoded|runs past the 1 s"):
        encoded_audio.decode(make.encoded(BOTH, "webm"), max_seconds=1)


def test_a_file_cut_short_is_a_refusal_with_the_reason():
    whole = make.encoded(BOTH, "m4a")
    with pytest.raises(prompt.Undecodable, match="mov"):
        prompt.decode(whole[:len(whole) // 2])


def test_a_playlist_or_other_text_is_never_handed_to_ffmpeg_to_probe():
    for data in (b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n", b"ffconcat version 1.0\nfile /etc/passwd\n"):
        with pytest.raises(prompt.Undecodable, match="leading bytes"):
            prompt.decode(data)


def test_without_pyav_compressed_audio_is_undecided_not_undecodable(monkeypatch):
    data = make.encoded(BOTH, "mp3")
    monkeypatch.setitem(sys.modules, "av", None)
    with pytest.raises(prompt.NoDecoder):
        prompt.decode(data)
    assert len(prompt.decode(make.wav8(BOTH))) == len(BOTH)  # WAV needs no decoder


_MAGIC = st.sampled_from([b"ID3\x04\x00\x00", b"OggS", b"fLaC", b"\x1a\x45\xdf\xa3", b"\0\0\0\x18ftypmp42",
                          b"\xff\xf1", b"\xff\xfb"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(magic=_MAGIC, body=st.binary(max_size=2048))
def test_open_ended_bytes_behind_a_container_magic_decode_or_are_refused(magic, body):
    try:
        samples = prompt.decode(magic + body)
    except prompt.Undecodable:
        return
    assert np.all(np.isfinite(samples))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(make.ENCODINGS)), cut=st.floats(0.05, 0.95), flips=st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8))
def test_damaged_real_encodings_decode_or_are_refused(kind, cut, flips):
    data = bytearray(make.encoded(BOTH[:4000], kind))
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    try:
        samples = prompt.decode(bytes(data[:max(8, int(cut * len(data)))]))
    except prompt.Undecodable:
        return
    assert np.all(np.isfinite(samples))


def test_zero_padding_before_the_first_mp3_frame_is_skipped_as_players_skip_it():
    data = make.encoded(BOTH, "mp3")
    at = data.find(b"\xff\xf3") if data[:3] == b"ID3" else 0
    padded = bytes(211) + data[at:]
    assert encoded_audio.container(padded) == "mp3"
    assert abs(len(prompt.decode(padded)) - len(prompt.decode(data))) / make.RATE < 0.1
    assert encoded_audio.container(bytes(range(256)) * 4) is None  # a counter is no frame


def test_an_hls_recordings_ts_segments_joined_are_heard_as_one_stream():
    import io

    import av

    out = io.BytesIO()
    with av.open(out, "w", format="mpegts") as sink:
        track = sink.add_stream("aac", rate=16000)
        track.layout = "mono"
        up = np.interp(np.arange(len(BOTH) * 2) / 16000, np.arange(len(BOTH)) / make.RATE, BOTH)
        frame = av.AudioFrame.from_ndarray(up.astype(np.float32)[None, :], format="flt", layout="mono")
        frame.sample_rate = 16000
        convert = av.AudioResampler(format=track.codec_context.format, layout="mono", rate=16000)
        for piece in convert.resample(frame) + convert.resample(None):
            sink.mux(track.encode(piece))
        sink.mux(track.encode(None))
    data = out.getvalue()
    assert encoded_audio.container(data) == "mpegts"
    cut = len(data) // 188 // 2 * 188  # two "segments" split on a packet boundary, joined again
    audio = prompt.decode(data[:cut] + data[cut:])
    found = prompt.find(VOICE, audio, -0.25, 0.25)
    assert found is not None and found.score >= 0.7
