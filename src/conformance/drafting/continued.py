"""Tables continued on a later page of the PDF: 「表 N（续）」 above the part a page continues, and the
header row again (GB/T 1.1-2020 practice for 续表).

CSS has no content shown only on the pages a table runs onto: a ``<thead>`` repeats on each, a caption stands
once. So, printed, a table's caption is the first row of its header group (:func:`.render._table`), repeated
on each page it runs onto, and the draft is printed with an unseen mark in each row of every numbered table
(:func:`.tablenumbers.row_mark`, absolutely placed: it takes no room, so the marked print lays out as the
plain one). The marks are read back from the print's text layer with their pages (pypdfium2), and a table is
cut where its rows change page: the next print sets each later part on a new page, its header group
「表 N（续）」 drawn over an unseen copy of the caption (the same lines) and the header row, so the pages hold
what they held and no break moves. The prints go on until the cuts they find are the cuts they were printed
with (:data:`ROUNDS` at most; the shipped draft settles in three, the third finding the cuts the second
was printed with).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .tablenumbers import ROW_MARK

#: prints before the cuts are taken as they stand
ROUNDS = 4

Splits = dict[int, tuple[int, ...]]


def row_pages(pdf: Path) -> dict[int, dict[int, int]]:
    """The numbered table's count -> its body row's index -> the page (from 1) its mark is on."""
    import pypdfium2 as pdfium  # the drafting extra; render_pdf asked for it before printing

    found: dict[int, dict[int, int]] = {}
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            text = document[index].get_textpage().get_text_range()
            for match in ROW_MARK.finditer(text.replace("\r", "").replace("\n", "")):
                found.setdefault(int(match.group(1)), {}).setdefault(int(match.group(2)), index + 1)
    finally:
        document.close()
    return found


def cuts(pages: dict[int, dict[int, int]]) -> Splits:
    """Where each table runs onto a new page: the rows (but the first) on another page than the row before."""
    out: Splits = {}
    for table, rows in pages.items():
        order = sorted(rows)
        starts = tuple(row for previous, row in zip(order, order[1:], strict=False) if rows[row] != rows[previous])
        if starts:
            out[table] = starts
    return out


def settle(printed: Callable[[int, Splits], Path]) -> tuple[Splits, Path]:
    """The cuts at which the tables' parts each stand on their own page, and the last marked print
    (its pages are the final print's: the marks move nothing). ``printed(round_, splits)`` prints the
    draft with the marks, cut at ``splits``, in a file of the round's own, and says where."""
    splits: Splits = {}
    for round_ in range(ROUNDS):
        draft = printed(round_, splits)
        found = cuts(row_pages(draft))
        if found == splits or round_ == ROUNDS - 1:  # unsettled: the cuts the last print was made with
            break
        splits = found
    return splits, draft
