"""Hostile and arbitrary input: property-based tests, determinism, and errors that name the bad value."""

import os
import re
import subprocess
import sys
import warnings
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import afgmap
from afgmap.claims import claims_from_text

# Fragments real scraped reports are made of, hostile ones included.
FRAGMENTS = [
    "Kunduz", "Sheberghan", "Shibirghan", "Sar-e-Pul", "Sari Pul", "Taleqan", "Lashkar Gah", "Kabul",
    "Kandahar province", "the city", "both provinces", "seized", "captured", "fell", "claimed",
    "denied", "fighting in", "under siege", "retook", "may fall", "never", "in 2015", "on Friday",
    "a day later", "yesterday", "Aug. 8", "8 August 2021", "since Sunday", "?", ".", ",", "\n",
    "\r\n", " — ", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "${x}",
    "طالبانو د کندز ښار ونیو", "طالبان شهر کندز را تصرف کردند", "\u202e", "\u200f", "\x00", "\x0b",
    "\ufeff", "\u2028", "İstanbul", "ǅ", "ﬁ", "𝐊𝐮𝐧𝐝𝐮𝐳", "A" * 300, "Mr.", "U.S.", "Gen.", "‘", "’",
    "\ud800", "K\udfffunduz",  # lone surrogates: a JSON escape makes them, and they are not Unicode
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40).map(" ".join)
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_find_places_spans_are_the_text(text):
    mentions = afgmap.find_places(text)
    ends = 0
    for mention in mentions:
        assert ends <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
        assert mention.place.province in afgmap.PROVINCE_NAMES
        ends = mention.end


@settings(max_examples=200, deadline=None)
@given(texts, texts)
@example("\u2460Kandahar fell", "Kandahar")  # a letter-like digit glued to a name, named again later
def test_a_line_gives_the_same_places_whatever_the_other_lines_say(first, second):
    """Mentions never span a line break, so each line's are found as if it stood alone."""
    first_line, second_line = first.split("\n")[0], second.split("\n")[0]
    together = afgmap.find_places(first_line + "\n" + second_line)
    offset = len(first_line) + 1
    alone = afgmap.find_places(first_line) + [
        mention._replace(start=mention.start + offset, end=mention.end + offset)
        for mention in afgmap.find_places(second_line)
    ]
    assert together == alone


@settings(max_examples=200, deadline=None)
@given(texts, st.one_of(st.none(), days))
def test_claims_lie_inside_their_report(text, report_date):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnicodeWarning)  # lone surrogates, shown as U+FFFD
        claims = claims_from_text(text, "r", report_date)
    shown = re.sub("[\ud800-\udfff]", "\ufffd", text)
    for claim in claims:
        start, end = claim["sentence_start"], claim["sentence_end"]
        assert 0 <= start < end <= len(text)
        assert shown[start:end] == claim["sentence"]
        assert claim["stance"] in afgmap.STANCES
        assert claim["source"] in afgmap.SOURCES
        assert claim["province"] in afgmap.PROVINCE_NAMES
        assert claim["event_date"] is None or isinstance(claim["event_date"], date)


date_values = st.one_of(
    st.none(), st.just(float("nan")), st.integers(), st.floats(allow_nan=False), days,
    days.map(str), st.text(max_size=12), st.just("2021-13-45"), st.just("0001-01-01"),
    st.datetimes(min_value=datetime(1, 1, 1)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(texts, st.none(), st.integers()), date_values,
                          st.one_of(st.none(), st.text(max_size=8), st.integers())), max_size=8))
def test_every_dataframe_row_is_read_or_skipped(rows):
    frame = pd.DataFrame(rows, columns=["text", "date", "id"], dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reports = afgmap.read_reports(frame)
        skipped = afgmap.skipped_reports(reports)
        claims = afgmap.extract_claims(reports)
    kept = set(reports["path"])
    for number in range(len(frame)):
        where = f"<DataFrame>:{number}"
        assert (where in kept) != (where in set(skipped["path"])), where
    assert reports["report_id"].is_unique
    years = reports["date"].dropna().dt.year
    assert ((years >= 1900) & (years <= 2100)).all()
    assert set(claims["report_id"]) <= set(reports["report_id"])
    if len(claims):
        timeline = afgmap.build_timeline(claims) if claims["event_date"].notna().any() else None
        if timeline is not None:
            assert set(timeline["status"].astype(str)) <= set(afgmap.STATUSES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([".txt", ".jsonl", ".csv", ".md", ""]),
                          st.one_of(st.binary(max_size=300),
                                    texts.map(lambda text: text.encode("utf-8", "surrogatepass")))),
                max_size=6))
def test_every_file_is_read_or_skipped(files):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, (extension, content) in enumerate(files):
            Path(folder, f"r{i}{extension}").write_bytes(content)
        reports = afgmap.read_reports(folder)
        skipped = afgmap.skipped_reports(reports)
        afgmap.extract_claims(reports)
    seen = {p.split(":")[0] for p in set(reports["path"]) | set(skipped["path"])}
    for i, (extension, _) in enumerate(files):
        assert str(Path(folder, f"r{i}{extension}")) in seen


claim_rows = st.fixed_dictionaries({
    "province": st.sampled_from(afgmap.PROVINCE_NAMES), "stance": st.sampled_from(afgmap.STANCES),
    "source": st.sampled_from(afgmap.SOURCES), "story_id": st.sampled_from("abcde"),
    "event_date": st.one_of(st.none(), st.dates(min_value=date(2021, 7, 1), max_value=date(2021, 9, 1))),
})


@settings(max_examples=100, deadline=None)
@given(st.lists(claim_rows, min_size=1, max_size=60), st.integers(1, 4), st.booleans(), st.booleans())
def test_timeline_statuses_are_always_one_of_the_four(rows, stories, independent, downgrades):
    claims = pd.DataFrame(rows)
    claims["claim_id"] = [f"c{i:03d}" for i in range(len(claims))]
    claims["event_date"] = pd.to_datetime(claims["event_date"])
    if claims["event_date"].isna().all():
        return
    rules = afgmap.ControlRules(stories, independent, downgrades)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        timeline = afgmap.build_timeline(claims, rules=rules)
    assert set(timeline["status"].astype(str)) <= set(afgmap.STATUSES)
    assert (timeline.groupby("date").size() == 34).all()
    listed = timeline["claim_ids"].str.split(";").map(lambda ids: len([i for i in ids if i]))
    assert (listed <= timeline["n_claims"]).all()
    assert (timeline["n_stories"] <= timeline["n_claims"]).all()


def run_build(out, seed):
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    subprocess.run([sys.executable, "-m", "afgmap", "build", "seeds", "--out", str(out), "--no-png"],
                   check=True, env=env, capture_output=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_same_input_gives_byte_identical_outputs(tmp_path):
    first = run_build(tmp_path / "a", 1)
    second = run_build(tmp_path / "b", 2)
    assert {"timeline.csv", "claims.csv", "timeline.html"} <= set(first)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (lambda: afgmap.read_reports(42), TypeError, "int"),
        (lambda: afgmap.read_reports(pd.DataFrame({"body": ["x"]})), ValueError, "body"),
        (lambda: afgmap.read_reports("/no/such/folder/*.txt"), FileNotFoundError, "/no/such/folder"),
        (lambda: afgmap.extract_claims(["Kunduz fell"]), TypeError, "list"),
        (lambda: afgmap.extract_claims(pd.DataFrame({"text": ["x"]})), ValueError, "report_id"),
        (lambda: afgmap.geocode(3.5), TypeError, "3.5"),
        (lambda: afgmap.geocode("  "), ValueError, "'  '"),
        (lambda: afgmap.find_places(b"Kunduz"), TypeError, "bytes"),
        (lambda: afgmap.ControlRules(confirm_stories=0), ValueError, "0"),
        (lambda: afgmap.ControlRules().day_status("occupied", pd.DataFrame()), ValueError, "occupied"),
        (lambda: afgmap.build_timeline(pd.DataFrame({"claim_id": ["a"], "province": ["Kunduz"],
                                                     "stance": ["conquered"], "source": ["taliban"],
                                                     "story_id": ["a"],
                                                     "event_date": [pd.Timestamp("2021-08-08")]})),
         ValueError, "conquered"),
        (lambda: afgmap.build_timeline(pd.DataFrame({"claim_id": ["a"], "province": ["Narnia"],
                                                     "stance": ["captured"], "source": ["taliban"],
                                                     "story_id": ["a"],
                                                     "event_date": [pd.Timestamp("2021-08-08")]})),
         ValueError, "Narnia"),
    ],
)
def test_misuse_gives_an_error_naming_the_bad_value(call, error, names):
    with pytest.raises(error, match=None) as caught:
        call()
    assert names in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [({"start": "2021-13-45"}, "2021-13-45"), ({"end": "yesterday-ish"}, "yesterday-ish"),
     ({"start": "2021-08-09", "end": "2021-08-01"}, "2021-08-09")],
)
def test_timeline_dates_out_of_range_are_refused(seed_claims, kwargs, names):
    with pytest.raises(ValueError) as caught:
        afgmap.build_timeline(seed_claims, **kwargs)
    assert names in str(caught.value)


@pytest.mark.parametrize(("day", "names"), [("2030-01-01", "2030-01-01"), ("not a day", "not a day")])
def test_a_day_outside_the_timeline_is_refused(seed_timeline, day, names):
    for draw in (lambda: afgmap.control_map(seed_timeline, day), lambda: afgmap.timeline_day(seed_timeline, day)):
        with pytest.raises(ValueError) as caught:
            draw()
        assert names in str(caught.value)
