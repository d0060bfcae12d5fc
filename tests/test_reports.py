import gc
import hashlib
import json
import tracemalloc
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import afgmap
from afgmap import ReportWarning, iter_reports, read_reports, skipped_reports

STORY = (
    "The Taliban said on Sunday they had captured the northern city of Kunduz after "
    "two days of heavy fighting, and a council member said officials had fled to the airport."
)


def read_quietly(source, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        return read_reports(source, **kwargs)


def write(path, data):
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_seeds_folder(seeds_dir):
    with pytest.warns(ReportWarning, match="README.md: skipped: unknown extension '.md'"):
        frame = read_reports(seeds_dir)
    assert list(frame["report_id"].str[:3]) == ["000", "001", "002", "003", "004"]
    assert list(frame.columns) == ["report_id", "path", "date", "date_source", "title", "text",
                                   "story_id"]
    skipped = skipped_reports(frame)
    assert list(skipped["path"].str.rsplit("/", n=1).str[-1]) == ["README.md"]


def test_seed_dates_and_how_they_were_found(seeds_dir):
    frame = read_quietly(seeds_dir).set_index(read_quietly(seeds_dir)["report_id"].str[:3])
    assert frame.loc["000", "date_source"] == "header"
    assert str(frame.loc["002", "date"].date()) == "2021-08-09"
    # the two undated seeds are near-copies of the dated 000
    for undated in ("001", "004"):
        assert str(frame.loc[undated, "date"].date()) == "2021-08-08"
        assert frame.loc[undated, "date_source"].startswith("inferred: near-copy of 000_")
    assert frame.loc["000", "text"].startswith("The Taliban have captured")  # date line removed
    assert frame.loc["001", "title"].startswith("Taliban captures key government buildings")


def test_seed_stories(seeds_dir):
    frame = read_quietly(seeds_dir)
    story = dict(zip(frame["report_id"].str[:3], frame["story_id"].str[:3], strict=True))
    assert story == {"000": "000", "001": "000", "002": "002", "003": "003", "004": "000"}


@pytest.mark.parametrize("kind", ["folder", "glob", "list", "single"])
def test_sources(tmp_path, kind):
    write(tmp_path / "a.txt", " date 2021-08-08 Kunduz fell on Sunday.")
    write(tmp_path / "b.txt", " date 2021-08-09 Herat was contested.")
    source = {"folder": tmp_path, "glob": str(tmp_path / "*.txt"),
              "list": [tmp_path / "a.txt", tmp_path / "b.txt"], "single": tmp_path / "a.txt"}[kind]
    frame = read_reports(source)
    assert list(frame["report_id"]) == (["a"] if kind == "single" else ["a", "b"])
    assert str(frame["date"].iloc[0].date()) == "2021-08-08"


def test_jsonl_and_csv(tmp_path):
    rows = [{"id": "j1", "text": "Kunduz fell.", "date": "2021-08-08"},
            {"text": "Herat was contested.", "date": "2021-08-09", "title": "Herat"}]
    write(tmp_path / "r.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n{broken\n[1]\n")
    pd.DataFrame({"text": ["Taloqan fell.", ""], "date": ["2021-08-08", ""]}).to_csv(
        tmp_path / "s.csv", index=False)
    with pytest.warns(ReportWarning, match=r"r.jsonl:3: skipped: invalid JSON"):
        frame = read_reports(tmp_path)
    assert list(frame["report_id"]) == ["j1", "r:2", "s:2"]
    assert list(frame["title"]) == [None, "Herat", None]
    assert [str(d.date()) for d in frame["date"]] == ["2021-08-08", "2021-08-09", "2021-08-08"]
    reasons = skipped_reports(frame)["reason"].tolist()
    assert reasons == ["invalid JSON (Expecting property name enclosed in double quotes)",
                       "not a JSON object", "no text"]


def test_dataframe_source():
    frame = read_reports(pd.DataFrame({"id": ["x", "y"], "text": [STORY, "Herat news."],
                                       "date": ["2021-08-08", "2021-08-09"]}))
    assert list(frame["report_id"]) == ["x", "y"]
    with pytest.raises(ValueError, match="'text' column"):
        read_reports(pd.DataFrame({"body": ["x"]}))


BAD_FILES = [
    ("empty.txt", "", "empty file"),
    ("blank.txt", "  \n\n ", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("notes.pdf", "Kunduz fell.", "unknown extension '.pdf'"),
    ("noext", "Kunduz fell.", "unknown extension '(none)'"),
    ("only_date.txt", " date 2021-08-08 ", "no text after the date line"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_unusable_files_are_skipped_with_a_reason(tmp_path, name, content, reason):
    write(tmp_path / name, content)
    write(tmp_path / "good.txt", " date 2021-08-08 " + STORY)
    with pytest.warns(ReportWarning, match=name):
        frame = read_reports(tmp_path)
    assert list(frame["report_id"]) == ["good"]
    skipped = skipped_reports(frame)
    assert len(skipped) == 1 and reason in skipped["reason"].iloc[0]
    assert skipped["path"].iloc[0].endswith(name)


def test_huge_file_is_skipped(tmp_path):
    write(tmp_path / "huge.txt", "Kunduz fell. " * 1000)
    with pytest.warns(ReportWarning, match=r"huge.txt: skipped: too large \(13,000 bytes"):
        frame = read_reports(tmp_path, max_bytes=5000)
    assert frame.empty and len(skipped_reports(frame)) == 1


def test_duplicate_files_are_skipped_naming_the_original(tmp_path):
    write(tmp_path / "a.txt", " date 2021-08-08 " + STORY)
    write(tmp_path / "b.txt", " date 2021-08-08 " + STORY.replace(" ", "  "))
    with pytest.warns(ReportWarning, match=r"b.txt: skipped: duplicate of .*a.txt"):
        frame = read_reports(tmp_path)
    assert list(frame["report_id"]) == ["a"]


def test_invalid_utf8_falls_back_to_cp1252(tmp_path):
    write(tmp_path / "w.txt", " date 2021-08-08 Taliban \x93seized\x94 Zaranj.".encode("latin-1"))
    with pytest.warns(ReportWarning, match=r"w.txt: not valid UTF-8 \(byte 25\); read as cp1252"):
        frame = read_reports(tmp_path)
    assert frame["text"].iloc[0] == "Taliban “seized” Zaranj."


@pytest.mark.parametrize("field", ["text", "id", "title"])
def test_lone_surrogates_from_json_escapes_are_replaced_with_a_warning(tmp_path, field):
    row = {"text": STORY, "id": "kunduz-1", "title": "Kunduz", "date": "2021-08-08"}
    row[field] = row[field][:3] + "\ud800" + row[field][3:]
    write(tmp_path / "s.jsonl", json.dumps(row))  # json writes it as the escape "\\ud800"
    with pytest.warns(ReportWarning, match=rf"s.jsonl:1: {field} has lone surrogates .* character 3"):
        frame = read_reports(tmp_path)
    value = frame[{"id": "report_id"}.get(field, field)].iloc[0]
    assert value[3] == "\ufffd" and len(value) == len(row[field])
    assert not afgmap.extract_claims(frame).empty  # a table that holds no surrogate


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\x1f", "\x85", "\xa0",
                                 "\u2003", "\u3000", "é", "’", "\ud800"]), max_size=15).map("".join))
def test_digest_is_the_hash_of_the_words(text):
    from afgmap.reports import _digest

    expected = hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).digest()
    assert _digest(text) == expected


def reference_title(text: str) -> str | None:
    """The headline rule, written with the copies the reader avoids."""
    head, sep, rest = text.lstrip("\n").partition("\n")
    head = head.strip()
    if (sep and rest.startswith("\n") and 0 < len(head) <= 150
            and head[-1] not in '.!?"”’:;,' and not head.startswith(("http", "—", "-"))):
        return head
    return None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["\n", "\n\n", " ", "Kunduz", "falls", ".", "—", "-", "http", "x" * 150]),
                max_size=10).map("".join))
def test_title_is_a_short_first_line_before_a_blank_one(text):
    from afgmap.reports import _title

    assert _title(text) == reference_title(text)


@pytest.mark.parametrize("content", [b"", b" \t\r\n\x0b\x0c", b"\n\n"])
def test_a_file_of_white_space_is_skipped_as_empty(tmp_path, content):
    write(tmp_path / "blank.txt", content)
    write(tmp_path / "kunduz.txt", b" date 2021-08-08 Kunduz fell.")
    with pytest.warns(ReportWarning, match="blank.txt: skipped: empty file"):
        frame = read_reports(tmp_path)
    assert list(frame["report_id"]) == ["kunduz"]


def test_an_unreadable_file_is_skipped_with_the_system_s_reason(tmp_path, monkeypatch):
    import errno
    import os

    from afgmap import reports

    write(tmp_path / "a.txt", " date 2021-08-08 Kunduz fell.")
    write(tmp_path / "b.txt", " date 2021-08-08 Zaranj fell.")
    real_open = os.open

    def refuse_b(path, *args, **kwargs):
        if str(path).endswith("b.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(reports.os, "open", refuse_b)
    with pytest.warns(ReportWarning, match="b.txt: skipped: unreadable: Permission denied"):
        frame = read_reports(tmp_path)
    assert list(frame["report_id"]) == ["a"]


def test_a_file_longer_than_its_stated_size_is_read_to_its_end(tmp_path, monkeypatch):
    import os

    from afgmap import reports

    text = "Kunduz fell. " * 20_000  # more than one read after the first
    write(tmp_path / "a.txt", " date 2021-08-08 " + text)
    real_fstat = os.fstat

    class Smaller:
        st_size = 10

    monkeypatch.setattr(reports.os, "fstat", lambda fd: Smaller() if fd > 2 else real_fstat(fd))
    assert read_reports(tmp_path)["text"].iloc[0] == text


def test_bom_and_windows_line_endings(tmp_path):
    write(tmp_path / "w.txt", b"\xef\xbb\xbf date 2021-08-08 Kunduz fell.\r\n\r\nHerat too.\r\n")
    frame = read_reports(tmp_path)
    assert frame["date_source"].iloc[0] == "header"
    assert frame["text"].iloc[0] == "Kunduz fell.\n\nHerat too.\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [(" date 2021-13-45 ", "impossible date '2021-13-45'"),
     (" date 2021-02-30 ", "impossible date '2021-02-30'"),
     (" date 08/08/2021 ", "malformed date '08/08/2021'")],
)
def test_bad_date_lines_warn_and_leave_the_date_unknown(tmp_path, line, message):
    write(tmp_path / "d.txt", line + "Kunduz fell on Sunday.")
    with pytest.warns(ReportWarning, match=message) as record:
        frame = read_reports(tmp_path)
    assert pd.isna(frame["date"].iloc[0]) and frame["date_source"].iloc[0] == "unknown"
    assert any("date unknown" in str(w.message) for w in record)
    assert frame["text"].iloc[0] == "Kunduz fell on Sunday."


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [("Posted August 8, 2021. Kunduz fell.", "2021-08-08", "'August 8, 2021'"),
     ("Kunduz, 12 Aug 2021: fighting.", "2021-08-12", "'12 Aug 2021'"),
     ("Updated 2021-08-10; earlier 9 August 2021.", "2021-08-10", "'2021-08-10'")],
)
def test_undated_report_takes_the_latest_date_written_in_it(text, expected, how):
    frame = read_reports(pd.DataFrame({"text": [text]}))
    assert str(frame["date"].iloc[0].date()) == expected
    assert frame["date_source"].iloc[0] == f"inferred: latest full date in the text ({how})"


def test_undated_report_without_clues_stays_unknown_with_a_warning():
    with pytest.warns(ReportWarning, match="date unknown"):
        frame = read_reports(pd.DataFrame({"text": ["Kunduz fell on Sunday."]}))
    assert pd.isna(frame["date"].iloc[0]) and frame["date_source"].iloc[0] == "unknown"


def test_near_copy_takes_the_date_of_its_dated_original():
    frame = read_reports(pd.DataFrame({"id": ["orig", "copy"],
                                       "text": [STORY, "UPDATED: " + STORY + " More later."],
                                       "date": ["2021-08-08", None]}))
    assert frame["story_id"].tolist() == ["copy", "copy"]  # the smallest id names the story
    assert frame["date_source"].iloc[1] == "inferred: near-copy of orig (dated 2021-08-08)"


@pytest.mark.parametrize("bad", [42, None, {"text": "x"}])
def test_wrong_source_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        read_reports(bad)


def test_missing_paths(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        read_reports(tmp_path / "nope")
    with pytest.raises(FileNotFoundError, match="no report files match"):
        read_reports(str(tmp_path / "*.txt"))


# --- iter_reports: the same reports, one batch of texts at a time --------------------------


def iter_quietly(source, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        return list(iter_reports(source, **kwargs))


@pytest.fixture
def mixed_folder(tmp_path, seeds_dir):
    """Seeds (with undated near-copies), a duplicate, JSONL and CSV rows, unusable files."""
    for seed in sorted(seeds_dir.glob("*.txt")):
        write(tmp_path / seed.name, seed.read_bytes())
    write(tmp_path / "900_copy.txt", (seeds_dir / sorted(p.name for p in seeds_dir.glob("*.txt"))[2]).read_bytes())
    write(tmp_path / "901_rows.jsonl", "\n".join(json.dumps(row) for row in [
        {"id": "j1", "text": "Zaranj fell on August 6, 2021.", "date": ""},
        {"id": "j2", "text": "Herat was quiet.", "date": "2021-08-09"},
    ]))
    write(tmp_path / "902_rows.csv", 'id,text,date\nc1,"Kunduz fell, residents said.",2021-08-08\n')
    write(tmp_path / "903_empty.txt", "")
    write(tmp_path / "904_notes.md", "not a report")
    return tmp_path


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_batches_are_the_reports_read_whole(mixed_folder, batch_size):
    whole = read_quietly(mixed_folder)
    batches = iter_quietly(mixed_folder, batch_size=batch_size)
    assert [len(b) for b in batches[:-1]] == [batch_size] * (len(batches) - 1)
    assert 0 < len(batches[-1]) <= batch_size
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), whole)
    for batch in batches:
        assert batch.attrs["skipped"] == whole.attrs["skipped"]
        assert len(skipped_reports(batch)) == 3  # duplicate, empty, unknown extension


@pytest.mark.parametrize("sketch_batch", [1, 2, 3])
@pytest.mark.parametrize("keep_text", [True, False])
def test_reports_sketched_in_batches_get_their_own_sketches(mixed_folder, monkeypatch, sketch_batch, keep_text):
    from afgmap import reports
    from afgmap.syndication import sketch

    def read(reading):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReportWarning)
            for path in sorted(mixed_folder.iterdir()):
                reports._read_path(path, reading, reports.MAX_BYTES)
        return reading

    texts = [report.text for report in read(reports._Reading(summarise=False)).reports]
    default = read_quietly(mixed_folder)
    monkeypatch.setattr(reports, "_SKETCH_BATCH", sketch_batch)
    reading = read(reports._Reading(keep_text=keep_text))
    assert len(reading.unsketched) == len(texts) % sketch_batch
    reading.sketch_the_rest()
    assert len(reading.reports) == len(texts) == 9 and not reading.unsketched  # 5 seeds, a copy, 3 rows
    for report, text in zip(reading.reports, texts, strict=True):
        expected = sketch(text)
        assert report.sketch.hashes.tolist() == expected.hashes.tolist()
        assert report.sketch.n_shingles == expected.n_shingles
        assert report.text == (text if keep_text else None)
    pd.testing.assert_frame_equal(read_quietly(mixed_folder), default)


def test_batches_keep_story_ids_and_inferred_dates_across_batches(seeds_dir):
    batches = iter_quietly(seeds_dir, batch_size=1)
    by_id = {b["report_id"][0][:3]: b.iloc[0] for b in batches}
    assert by_id["004"]["story_id"][:3] == "000"  # grouped with a report of another batch
    assert by_id["004"]["date_source"].startswith("inferred: near-copy of 000_")


def test_warnings_are_given_once_when_called(mixed_folder):
    with pytest.warns(ReportWarning) as caught:
        batches = iter_reports(mixed_folder)
    messages = [str(w.message) for w in caught]
    assert any("903_empty.txt: skipped: empty file" in m for m in messages)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ReportWarning)  # the second pass warns no more
        assert sum(len(b) for b in batches) == len(read_quietly(mixed_folder))


def test_the_second_pass_does_not_hide_the_caller_s_warnings(mixed_folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        batches = iter_reports(mixed_folder, batch_size=2)
    for number, _ in enumerate(batches):  # between two batches, the caller's filters hold
        with pytest.warns(ReportWarning, match=f"the caller's own, {number}"):
            warnings.warn(f"the caller's own, {number}", ReportWarning, stacklevel=1)


def test_no_usable_report_still_gives_one_batch_listing_the_skipped(tmp_path):
    write(tmp_path / "empty.txt", "")
    (batch,) = iter_quietly(tmp_path)
    assert batch.empty and list(batch.columns) == list(read_quietly(tmp_path).columns)
    assert skipped_reports(batch).to_dict("records") == [
        {"path": str(tmp_path / "empty.txt"), "reason": "empty file"}]


def test_dataframe_source_in_batches():
    frame = pd.DataFrame({"text": ["Kunduz fell.", "", "Zaranj fell.", "Herat was quiet."]})
    batches = iter_quietly(frame, batch_size=2)
    assert [list(b["report_id"]) for b in batches] == [["0", "2"], ["3"]]
    assert all(skipped_reports(b)["path"].tolist() == ["<DataFrame>:1"] for b in batches)


def test_a_batch_taken_without_its_texts_does_not_keep_them(tmp_path):
    """What the CLI keeps of each batch (``drop(columns="text")``) must let the texts go."""
    for i in range(20):
        write(tmp_path / f"{i:02d}.txt", f" date 2021-08-08 Report {i}. " + f"Kunduz fell {i}. " * 12_000)
    kept = []
    tracemalloc.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReportWarning)
            for batch in iter_reports(tmp_path, batch_size=5):
                kept.append(batch.drop(columns="text"))
            del batch
        gc.collect()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(len(k) for k in kept) == 20
    assert held < 1_000_000, f"{held:,} bytes still held: the 4 MB of texts were kept"


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10", True, None])
def test_batch_size_must_be_a_positive_integer(seeds_dir, bad):
    with pytest.raises(ValueError, match=f"batch_size must be a positive integer, got {bad!r}"):
        iter_reports(seeds_dir, batch_size=bad)


def test_missing_source_fails_when_called(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing_here"):
        iter_reports(tmp_path / "nothing_here")


@pytest.mark.parametrize("change", ["remove", "add_row", "edit_text"])
def test_files_changed_between_the_passes_are_an_error(tmp_path, change):
    write(tmp_path / "a.txt", " date 2021-08-08 Kunduz fell.")
    row = json.dumps({"text": "Zaranj fell.", "date": "2021-08-08"})
    rows = write(tmp_path / "b.jsonl", row)
    batches = iter_reports(tmp_path, batch_size=1)
    if change == "remove":
        (tmp_path / "a.txt").unlink()
    elif change == "edit_text":
        write(tmp_path / "a.txt", " date 2021-08-08 Kunduz was retaken.")
    else:
        rows.write_text(row + "\n" + json.dumps({"text": "Herat fell.", "date": "2021-08-08"}))
    with pytest.raises(RuntimeError, match="changed while they were read"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        list(batches)


def test_white_space_outside_ascii_is_what_str_split_splits_on():
    from afgmap.reports import _OTHER_WHITE_SPACE

    expected = "".join(chr(c) for c in range(128, 0x110000) if chr(c).isspace())
    assert "".join(_OTHER_WHITE_SPACE.findall(expected + "a\u00e9\u200b")) == expected
