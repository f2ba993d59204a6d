"""The quality of a data product's records (DP-QUAL-001; conformance.areas.data.quality):
each rule names what it finds, and hostile files are findings or nothing, never a crash."""

from __future__ import annotations

from conformance.areas.data import quality

IMAGES = [{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480, "date_captured": "2026-03-01T10:00:00Z"},
          {"id": 2, "file_name": "b.jpg", "width": 640, "height": 480}]
# a.jpg's capture time is the annotation file's instant written with another offset (R4: consistent)
LISTING = b"file_name,width,height,captured\na.jpg,640,480,2026-03-01T18:00:00+08:00\nb.jpg,640,480,2026-03-01T11:00:00Z\n"
ENDED = "2026-03-20T18:00:00+08:00"


def _rows(data: bytes = LISTING):
    parsed = quality.listing(data)
    assert parsed is not None
    return parsed[1]


def _rules(findings):
    return sorted(f.rule for f in findings)


def test_whole_records_pass_every_rule():
    rows = _rows()
    assert list(quality.completeness(IMAGES, rows, "l.csv")) == []
    assert list(quality.accuracy(IMAGES, rows, "l.csv")) == []
    assert quality.timeliness(IMAGES, rows, ENDED, "l.csv")[0] == []
    assert list(quality.consistency(IMAGES, rows, "l.csv")) == []


def test_a_record_missing_from_either_file_or_an_empty_cell_is_incomplete():
    rows = _rows(b"file_name,width,height,captured\na.jpg,640,,2026-03-01T10:00:00Z\nc.jpg,1,1,2026-03-01T10:00:00Z\n")
    messages = [str(f.message) for f in quality.completeness([*IMAGES, {"file_name": "x.jpg"}], rows, "l.csv")]
    assert len(messages) == 5, messages  # x.jpg lacks its size; b.jpg and x.jpg unlisted; c.jpg unlabelled; a cell
    assert _rules(quality.completeness(IMAGES, None, "l.csv")) == []  # no listing: the images alone


def test_malformed_values_and_a_record_twice_are_inaccurate():
    rows = _rows(LISTING + b"b.jpg,0,480,yesterday\n")
    found = list(quality.accuracy([*IMAGES, {"file_name": "a.jpg", "width": 1.5, "height": "480"}], rows, "l.csv"))
    # width 0 and "yesterday" in the listing; width 1.5 and height "480" (a string is no JSON integer);
    # a.jpg twice in the annotation file, b.jpg twice in the listing
    assert _rules(found) == ["R2"] * 6
    assert sum("twice" in str(f.message) for f in found) == 2


def test_a_record_captured_after_the_labelling_ended_is_late_and_no_end_judges_nothing():
    rows = _rows(LISTING.replace(b"2026-03-01T11:00:00Z", b"2026-04-01T11:00:00Z"))
    assert _rules(quality.timeliness(IMAGES, rows, ENDED, "l.csv")[0]) == ["R3"]
    assert quality.timeliness(IMAGES, rows, None, "l.csv")[0] == []
    assert quality.timeliness(IMAGES, rows, "not a time", "l.csv")[0] == []


def test_hostile_files_are_findings_or_nothing():
    assert quality.listing(b"\xff\xfe\x00") is None
    assert quality.listing(b"name,width\nx,1\n") is None
    assert quality.listing(b"") is None
    hostile = [None, 3, {"file_name": ["a"], "width": {}, "height": None, "date_captured": 7}, {"file_name": "a.jpg"}]
    rows = _rows(b"file_name\na.jpg,extra,cells\n\n")
    for check in (quality.completeness, quality.accuracy):
        list(check(hostile, rows, "l.csv"))
    assert quality.timeliness(hostile, rows, ENDED, "l.csv")[0] == []


def test_an_image_whose_two_records_disagree_is_inconsistent():
    rows = _rows(b"file_name,width,height,captured\na.jpg,640,360,2026-03-01T10:00:00+08:00\nb.jpg,640,480,\n"
                 b"c.jpg,1,1,2026-03-01T10:00:00Z\n")
    found = list(quality.consistency(IMAGES, rows, "l.csv"))
    # a.jpg: its height and its capture time (another instant) differ; b.jpg's empty time and
    # c.jpg (in no annotation file) are R1's, not R4's
    assert [(f.rule, f.pointer) for f in found] == [("R4", "/images/0/height"), ("R4", "/images/0/date_captured")]
    assert "640,360" not in str(found[0].message) and "360" in str(found[0].message)
    assert list(quality.consistency(IMAGES, None, "l.csv")) == []  # no listing: nothing recorded twice
    # a malformed value on either side is R2's to judge, never a crash
    odd = _rows(b"file_name,width,height,captured\na.jpg,wide,480,soon\n")
    assert list(quality.consistency([{"file_name": "a.jpg", "width": "640", "date_captured": 7}], odd, "l.csv")) == []


def test_cocos_published_date_captured_is_accurate_and_the_listings_captured_stays_rfc_3339():
    """Forty-first reading a21: COCO writes date_captured 「2013-11-14 17:02:52」 (no T, no offset); every dataset in
    its published form failed R2. The listing's own column keeps RFC 3339."""
    coco = [{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480, "date_captured": "2026-03-01 18:00:00"}]
    rows = _rows()
    assert list(quality.accuracy(coco, rows[:1], "l.csv")) == []
    # the same local time as the listing's, as written: consistent; another: R4
    assert list(quality.consistency(coco, rows[:1], "l.csv")) == []
    other = [{**coco[0], "date_captured": "2026-03-01 19:00:00"}]
    assert _rules(quality.consistency(other, rows[:1], "l.csv")) == ["R4"]
    assert _rules(quality.accuracy(coco, _rows(b"file_name,width,height,captured\na.jpg,640,480,2026-03-01 18:00:00\n"),
                                   "l.csv")) == ["R2"]
    assert _rules(quality.accuracy([{**coco[0], "date_captured": "2026-03-01"}], None, "l.csv")) == ["R2"]
    # without its offset a local time is late only when later than the end at both readings, +14:00 and -14:00; within
    # 14 h of the end (read as UTC) the readings disagree: no finding, R3 unjudged (seventy-seventh reading, b1)
    near = [{**coco[0], "date_captured": "2026-03-21 00:00:00"}]
    assert quality.timeliness(near, None, ENDED, "l.csv")[0] == []
    assert quality.timeliness(near, None, ENDED, "l.csv")[1] == [("/images/0", "2026-03-21 00:00:00")]
    early = [{**coco[0], "date_captured": "2026-03-19 20:00:00"}]  # at -14:00: 2026-03-20T10:00:00Z, the end itself
    assert quality.timeliness(early, None, ENDED, "l.csv") == ([], [])
    assert quality.timeliness([{**coco[0], "date_captured": "2026-03-19 20:00:01"}], None, ENDED, "l.csv")[1] != []
    assert quality.timeliness(near, None, None, "l.csv")[1] == []
    late = [{**coco[0], "date_captured": "2026-03-21 05:00:01"}]  # 14 h ahead: 2026-03-20T15:00:01Z, after 10:00Z
    assert _rules(quality.timeliness(late, None, ENDED, "l.csv")[0]) == ["R3"]
    assert quality.timeliness(late, None, ENDED, "l.csv")[1] == []
