"""The fifty-first reading, part h105-flicker (docs/drafting.md, "Fifty-first reading, part h105-flicker"): TD-DISP-005
sampled a luminance trace at 2000 Hz with a bandwidth above half the rate, no anti-alias filter, and judged IEEE Std
1789-2015's low-risk region up to 1250 Hz: flicker from 1000 to 1250 Hz was not resolved and components above the
Nyquist frequency (2.4 kHz PWM dimming) folded into the judged band (row cx1). Each test fails on the draft as it was
before (8882e77b)."""

from __future__ import annotations

from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

#: what a case's apparatus says when it asks for no anti-alias filter: a bandwidth above the Nyquist frequency
_UNFILTERED = {"zh": "带宽高于采样率的一半", "en": "bandwidth above half"}
#: what a case's steps say when they read frequencies from a spectrum of the samples
_SPECTRUM = {"zh": "频谱", "en": "spectrum"}


def test_no_case_reads_a_spectrum_from_samples_it_lets_alias(catalog):
    """The class of cx1, over every case of the draft, in both languages: a case whose apparatus samples with a
    bandwidth above half the rate (no anti-alias filter) reads no frequency from a spectrum of those samples, where a
    component above the Nyquist frequency would stand at a frequency it does not have."""
    wrong = []
    for lang in ("zh", "en"):
        w = Writer(catalog, lang)
        for rid, req in catalog.requirements.items():
            if (procedure := w.data.procedures.get(rid)) is None:
                continue
            case = case_for(catalog, req, lang, procedure, w.ics_prepended)
            if any(_UNFILTERED[lang] in line for line in case.conditions) and \
                    any(_SPECTRUM[lang] in line for line in case.steps):
                wrong.append((lang, rid))
    assert not wrong


def test_the_flicker_case_resolves_the_judged_band_behind_an_anti_alias_low_pass(catalog):
    """cx1: TD-DISP-005's apparatus, step 3 and inconclusive line give 5000 Hz and the 2500 Hz anti-alias bandwidth."""
    for lang, words in (("zh", ("5000 Hz", "2500 Hz", "抗混叠")), ("en", ("5000 Hz", "2500 Hz", "anti-alias"))):
        w = Writer(catalog, lang)
        req = catalog.requirements["TD-DISP-005"]
        case = case_for(catalog, req, lang, w.data.procedures["TD-DISP-005"], w.ics_prepended)
        inconclusive = next(line for line in case.criteria if line.startswith(("不确定", "Inconclusive")))
        apparatus = next(line for line in case.conditions if "2500 Hz" in line)
        for text in (apparatus, next(s for s in case.steps if "2500 Hz" in s), inconclusive,
                     getattr(req.statement, lang)):
            assert all(word in text for word in words), (lang, text)
        assert not any("2000 Hz" in line for line in [*case.conditions, *case.steps, *case.criteria])


def test_the_limits_table_gives_the_floor_and_the_bandwidth_their_reason(note, note_en):
    """cx1: 三（三）'s row of TD-DISP-005 lists 5000 Hz and 2500 Hz, their reason the band's top, 1250 Hz."""
    limits, basis = _rows(note)["TD-DISP-005"]
    assert {"5000 Hz", "2500 Hz"} <= set(limits.split("，")), limits
    assert "本文件自定" in basis and "1250 Hz 的两倍" in basis and "2000 Hz" not in limits.split("，")
    text = "\n".join([block.text for block in note] + ["".join(row) for block in note for row in block.rows])
    assert "采样率不低于 2000 Hz" not in text  # 四's equipment row for the display optics (three places said 2000 Hz)
    limits_en, _ = _rows(note_en)["TD-DISP-005"]
    assert {"5000 Hz", "2500 Hz"} <= set(limits_en.split(", ")), limits_en
