import json
import warnings

import pandas as pd
import pytest

from afgmap import ReportWarning, read_reports, skipped_reports

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
