"""What a supplied file that is there but does not parse gives a file case (thirty-sixth reading, row c3).

The file adapter records such a file as a finding of the product (``adapters/file.py::documents``), so each case
reading it fails, and its inconclusive line keeps only a file that cannot be obtained (the thirty-fifth reading's
a2 on AS-META-001/-003). A case whose own reader leaves an unparsable file unjudged (SC-BIM's IFC reader, the data
products' descriptions) says so in procedures.yaml (``unparsed_unjudged``) and keeps 「无法读取」 in that line."""

from __future__ import annotations

import re
from typing import Any

#: the inconclusive line's word for a file that cannot be obtained, where one that does not parse fails
_NOT_OBTAINED = {"zh": "无法取得（访问被拒）", "en": "cannot be obtained (access refused)"}


def _cannot_parse(files: str, lang: str) -> str:
    """The fail line's clause naming a supplied file that does not parse, in the same words on a generated line
    (:func:`unparsed`) and a hand-written one (:func:`_failing`)."""
    return f"或所提供的{files}中有文件无法按其格式解析" if lang == "zh" else \
        f"or a file of the {files} supplied cannot be parsed in its format"


def unparsed(fails: str, files: str, lang: str, override: dict[str, Any] | None) -> tuple[str, str]:
    """The fail line naming an unparsable file where it is a finding, and the inconclusive line's word for a
    file that cannot be read."""
    if not files or (override or {}).get("unparsed_unjudged"):
        return fails, "无法读取" if lang == "zh" else "unreadable"
    if (override or {}).get("unparsed_fails"):  # the files named by hand on the fail line (:func:`_failing`)
        return fails, _NOT_OBTAINED[lang]
    if lang == "zh":
        return fails.replace("记录指明", f"{_cannot_parse(files, lang)}，记录指明", 1), _NOT_OBTAINED[lang]
    return (fails.replace("; the record names", f", {_cannot_parse(files, lang)}; the record names", 1),
            _NOT_OBTAINED[lang])


#: a file the test equipment refuses to read (``FileRefused``: over ``max_file_bytes``, not a regular file, a link out
#: of its folder), which ``adapters/file.py::documents`` leaves unjudged: the words part m2 gave ID-DOC-001 and
#: RB-JOINT-001, written here once for every case whose reader goes through ``documents()``
_REFUSED = {
    "zh": "没有其他不符合项，而有所提供的文件无法取得（大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取："
          "不是普通文件，或是指向其所声明目录之外的链接），该文件未作判定（即使另有文件得到判定）",
    "en": "nothing else fails and a file supplied cannot be obtained (larger than the test equipment reads, "
          "`max_file_bytes`, or refused: not a regular file, or a link outside its declared folder), so that file is "
          "not judged (even beside a file judged)",
}


def refused(criteria: list[str], lang: str, override: dict[str, Any] | None) -> list[str]:
    """The criteria with the inconclusive line naming a refused file, for a case whose procedures.yaml entry says
    its reader leaves one unjudged (``refused_unjudged``; issue 76, open items, part h92-cap); a line naming the
    cap already is kept. A case whose steps apply a reading bound of 5.1 (``past_bound``) names what the bound
    leaves unjudged first (forty-first reading, c10: a tileset case passed on its first 200 000 tiles alone), and
    before it what a reader finding nothing it looks for among the files leaves inconclusive (``none_found``). A
    case whose criteria are written by hand and whose reader records a supplied file that does not parse as its own
    finding names that file on its fail line (``unparsed_fails``, the files by name). A case whose reader leaves an
    input unjudged beside others it judges names that input (``unjudged_beside``: the data products' descriptions that
    do not expand as JSON-LD, naming the requirement judging them, sixty-seventh reading, b4; a recorded MPD past a
    reading bound, stated with its figures, sixty-ninth reading's leftovers, h133-refs, where a copy of the generated
    criteria carried it)."""
    criteria = _failing(criteria, lang, (override or {}).get("unparsed_fails"))
    none = (override or {}).get("none_found")
    if none:  # the reader finding nothing to judge among files supplied and read (sixty-third reading, c2)
        criteria = _joined(criteria, lang, f"所提供的文件中没有{none['zh']}" if lang == "zh"
                           else f"no file supplied is a {none['en']}")
    past = (override or {}).get("past_bound")
    if past:
        criteria = _joined(criteria, lang, f"有{past['zh']}超出 5.1 所列读取界限而未予判定，且没有其他不符合项" if lang == "zh"
                           else f"some {past['en']} lie past a reading bound of 5.1 and are not judged, and nothing "
                           "else fails")
    beside = (override or {}).get("unjudged_beside")
    if beside:  # an input the reader leaves unjudged, naming who judges it, beside inputs it judges (67th reading, b4)
        criteria = _joined(criteria, lang, f"没有其他不符合项，而有{beside['zh']}" if lang == "zh"
                           else f"nothing else fails and {beside['en']}", unless=beside[lang])
    if not (override or {}).get("refused_unjudged"):
        return criteria
    return _joined(criteria, lang, _REFUSED[lang], unless="max_file_bytes")


def _joined(criteria: list[str], lang: str, clause: str, unless: str = "\ue000") -> list[str]:
    """The criteria with ``clause`` joined to the inconclusive line's condition by 「；或」 ("; or")."""
    label = "不确定：" if lang == "zh" else "Inconclusive: "
    out = []
    for line in criteria:
        if line.startswith(label) and unless not in line:
            # the condition is the line's first sentence; a remark after it (ID-VC-006's "A malformed `cnf` key
            # fails R2.") stays after the clause joined to it
            end = re.search(r"。(?=.)" if lang == "zh" else r"\.(?= [A-Z])", line)
            cut = end.start() if end else len(line.rstrip("。."))
            stop = "。" if lang == "zh" else "."
            line = line[:cut] + ("；或" if lang == "zh" else "; or ") + clause + (line[cut:] or stop)
        out.append(line)
    return out


def _failing(criteria: list[str], lang: str, files: dict[str, str] | None) -> list[str]:
    """The criteria with the fail line naming a supplied file that does not parse (``unparsed_fails``: the files'
    name in each language), in the words :func:`unparsed` gives a generated fail line: the hand-written lines of the
    cases reading through ``adapters/file.py::documents`` said nothing of it, though the file adapter fails each
    (sixty-sixth reading, b4: AS-CONT-001, AS-META-004, AS-META-006, DP-LABEL-005, ID-PRIV-001)."""
    if not files:
        return criteria
    label, mark = ("不通过：", re.compile("[；，]记录(?:指明|给出)")) if lang == "zh" else \
        ("Fail: ", re.compile("; the record (?:names|gives)"))
    zh = re.sub(r"^(?=[`A-Za-z0-9])", " ", files["zh"])  # a space between Chinese and a Latin word, as elsewhere
    clause = f"，{_cannot_parse(zh, lang)}" if lang == "zh" else f", {_cannot_parse(files['en'], lang)}"
    out = []
    for line in criteria:  # the generated by-rule line has 「，记录指明」 (DP-LABEL-001; sixty-sixth reading, b4)
        at = mark.search(line)
        out.append(line[:at.start()] + clause + line[at.start():]
                   if line.startswith(label) and at and clause not in line else line)
    return out
