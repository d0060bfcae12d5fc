import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afgmap.dates import _MONTHS, _WEEKDAYS, find_time_expressions, resolve

SUNDAY = date(2021, 8, 8)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("On Friday", date(2021, 8, 6)),
        ("on Sunday", SUNDAY),  # a Sunday report's "on Sunday" is that day
        ("late Saturday", date(2021, 8, 7)),
        ("Saturday's", date(2021, 8, 7)),
        ("last Sunday", date(2021, 8, 1)),
        ("since Friday", date(2021, 8, 6)),
        ("yesterday", date(2021, 8, 7)),
        ("last night", date(2021, 8, 7)),
        ("overnight", date(2021, 8, 7)),
        ("this morning", SUNDAY),
        ("today", SUNDAY),
        ("last week", date(2021, 8, 1)),
        ("over the weekend", SUNDAY),
        ("Aug. 8", SUNDAY),
        ("August 6", date(2021, 8, 6)),
        ("8 August", SUNDAY),
        ("6th of August", date(2021, 8, 6)),
        ("Aug 7, 2021", date(2021, 8, 7)),
        ("2021-08-05", date(2021, 8, 5)),
        ("Dec. 30", date(2020, 12, 30)),  # last year's December in an August report
    ],
)
def test_resolve_against_the_report_date(phrase, expected):
    (expr,) = find_time_expressions(phrase)
    when, basis = resolve(expr, SUNDAY)
    assert when == expected
    assert repr(expr.text) in basis


@pytest.mark.parametrize(
    ("phrase", "offset"),
    [("a day later", 1), ("the next day", 1), ("the following day", 1), ("two days later", 2),
     ("a day earlier", -1)],
)
def test_relative_to_the_previous_event(phrase, offset):
    (expr,) = find_time_expressions(phrase)
    when, basis = resolve(expr, SUNDAY, previous_event=date(2021, 8, 6))
    assert (when - date(2021, 8, 6)).days == offset
    assert "from the event before (2021-08-06)" in basis
    assert resolve(expr, SUNDAY)[0] is None  # no earlier event: unresolved, not guessed


def test_no_expression_uses_the_report_date_and_says_so():
    assert resolve(None, SUNDAY) == (SUNDAY, "report date (no time expression)")
    assert resolve(None, None)[0] is None


def test_relative_expression_without_report_date_is_unresolved():
    (expr,) = find_time_expressions("on Friday")
    when, basis = resolve(expr, None)
    assert when is None and "report date unknown" in basis


@pytest.mark.parametrize("text", ["Kunduz may fall", "in May 2015", "the Friday prayers"])
def test_words_that_are_not_dates_here(text):
    kinds = [e.kind for e in find_time_expressions(text)]
    assert "month_day" not in kinds and "day_month" not in kinds


def test_impossible_explicit_date_is_unresolved():
    (expr,) = find_time_expressions("February 30")
    assert resolve(expr, SUNDAY)[0] is None


PHRASES = ["On Friday", "since Friday", "yesterday", "last night", "overnight", "this morning",
           "earlier today", "hours earlier", "tonight", "last week", "over the weekend",
           "this weekend", "Aug. 8", "8 August", "6th of August", "2021-08-05", "a day later",
           "the next day", "the following day", "a day after", "two days later", "3 days later",
           "a day earlier", "the day before", "Saturday's"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PHRASES, "the", "city", "fell", "and", "May", "may", "MAY", ",",
                                 "2015", "ON", "Aug.", "8th"]), max_size=12),
       st.sampled_from([" ", "  ", "\n", ", ", "", "."]))
def test_the_fast_scanner_finds_what_the_plain_alternation_finds(words, joiner):
    """The word-start scanner and the per-kind parts change nothing."""
    from afgmap.dates import _PATTERNS

    plain = re.compile("|".join(f"(?P<k_{kind}>{pattern})" for kind, pattern in _PATTERNS),
                       re.IGNORECASE)
    text = joiner.join(words)
    found = [(e.start, e.end, e.kind, e.month, e.day, e.year, e.weekday)
             for e in find_time_expressions(text)]
    expected = []
    for m in plain.finditer(text):
        groups = m.groupdict()
        month = groups.get("month") or groups.get("month2") or groups.get("m")
        if month and month.lower() == "may" and "May" not in m.group():
            continue
        weekday = groups.get("weekday") or groups.get("sweekday")
        day = groups.get("day") or groups.get("day2") or groups.get("d")
        year = groups.get("year") or groups.get("year2") or groups.get("y")
        expected.append((
            m.start(), m.end(), m.lastgroup[2:],
            (int(month) if month.isdigit() else _MONTHS[month.lower()]) if month else None,
            int(day) if day else None, int(year) if year else None,
            _WEEKDAYS.index(weekday.lower()) if weekday else None,
        ))
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["August 8, 2021", "12 Aug 2021", "2021-08-12", "Aug. 30 2020",
                                 "2015", "in", "the", "8", "May", "31st of December, 1999", ",",
                                 "20210", "Kunduz", "2021-13-45"]), max_size=12))
def test_explicit_dates_near_years_are_all_found(words):
    from afgmap.dates import _STANDALONE_DATE, find_explicit_dates

    text = " ".join(words)
    every = [m.group() for m in _STANDALONE_DATE.finditer(text)]
    assert [written for _, written in find_explicit_dates(text)] == [
        w for w in every if any(d for d, written in find_explicit_dates(w) if written == w)
    ]
