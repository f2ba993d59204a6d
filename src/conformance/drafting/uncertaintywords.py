"""The words 6.2 (laboratory.py) and the 编制说明's 三（二） lead (noterules.py) share about the components of *U*: where
an instrument's stated uncertainty is declared, the grids a reading's resolution is taken on, when the clock's own
resolution is left out, and what becomes of a value whose instrument declares no uncertainty. One source, so the two
texts cannot drift apart (seventy-seventh reading, part h143-lab6: read77a's d1, read77d's doubtful 1 and 2)."""

from __future__ import annotations

import re

#: the measuring data files an instrument is declared in, as 3.61 names them (seventy-seventh reading, a1: 6.2 a) said
#: the capture file alone, while RB-TRACK-002 reads a tracker capture and TD-OLF-006 a scent analyses record)
DECLARED_IN = {"zh": "测量类数据文件（采集文件、跟踪记录、气味分析记录）",
               "en": "measuring data files (captures, tracker captures, scent analyses records)"}

#: the instrument's serial beside its declared uncertainty: every measuring data file's format leaves it optional and
#: the checks take the uncertainty without one (``_shared/uncertainty.declared``), so no text defining the declared
#: type B makes it a condition (seventy-eighth reading, a1: 6.2 a) said 「连同其序列号声明的」, table 9 「以其序列号及……声明」)
SERIAL = {"zh": "仪器的序列号声明时一并记录，未声明序列号的不确定度同样取用",
          "en": "the instrument's serial is recorded with it where declared, and an uncertainty declared without a "
                "serial is taken all the same"}

#: the grids a value is read on, for the resolution of the reading
GRIDS = {"zh": "帧、样本、消息间隔、搜索步长或时钟的计数间隔",
         "en": "frames, samples, message intervals, a search's steps or a clock's ticks"}

#: times read on the test equipment's own clock: its resolution is left out only where negligible, as the criterion says
CLOCK = {"zh": "测试设备以其自身的单调时钟读取的时间，时钟分辨力的分量相对所判定的时间可以忽略时不计，判定准则予以注明。",
         "en": "Times the test equipment reads on its own monotonic clock leave out the clock's resolution where it is "
               "negligible against the times judged, as the verdict criteria state."}


def undeclared(lang: str, u: str) -> str:
    """A value whose criterion takes the declared type B of an instrument that declares none is left unjudged (the
    decision rule's ``undeclared_b``, decisions.py), unless its criterion says otherwise; ``u`` is the symbol of U as
    the text sets it. No end punctuation."""
    if lang == "zh":
        return (f"某个测得值的 {u} 按其判定准则含仪器声明的 B 类，所读仪器却未声明可用于该值的不确定度时，仅有 A 类的 {u} "
                "不足以判其通过，该值不予判定，测试用例至多为不确定，判定准则另有规定的除外")
    return (f"a value whose {u} its verdict criteria combine with the instrument's type B, where the instrument read "
            f"declares no uncertainty usable for it, cannot pass on a {u} of type A alone: it is left unjudged and the "
            "test case is at best inconclusive, unless its criteria say otherwise")


#: the words a catalog text names by key, 「{words:serial}」, so that table 9's and the robots' calibration rows say
#: what 6.2 a) says in its words (seventy-eighth reading, a1)
WORDS = {"serial": SERIAL}
_WORDS = re.compile(r"\{words:([a-z-]+)\}")


def shared_words(text: str, lang: str) -> str:
    """``text`` with each ``{words:<key>}`` replaced by those words in ``lang``; an unknown key is a KeyError."""
    return _WORDS.sub(lambda match: WORDS[match.group(1)][lang], text)
