"""Time expressions in report text ("on Friday", "a day later", "Aug. 8"), resolved to dates."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final, NamedTuple

from afgmap._scanning import WordStartScanner, contains_any
from afgmap.geocoding import fold

__all__ = ["TimeExpression", "find_explicit_dates", "find_time_expressions", "resolve"]

#: Years a date in a news report can have; outside them a date is taken for an error.
EVENT_YEARS: Final = (1900, 2100)
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH: Final = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2: Final = _MONTH.replace("(?P<month>", "(?P<month2>")
_WEEKDAY_NAMES: Final = "|".join(_WEEKDAYS)

#: One alternative per kind of expression, tried in this order at each position,
#: in folded text (lower case; see geocoding.fold). Digits are written ``\d\d?``
#: rather than ``\d{1,2}`` so that afgmap._scanning can dispatch on them.
_PATTERNS: Final[list[tuple[str, str]]] = [
    ("iso", r"\b(?P<y>\d\d\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    ("month_day", rf"\b{_MONTH}\s+(?P<day>\d\d?)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d\d\d\d)\b)?"),
    ("day_month",
     rf"\b(?P<day2>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH2}(?:,?\s+(?P<year2>\d\d\d\d)\b)?"),
    ("since_weekday", rf"\bsince\s+(?:last\s+)?(?P<sweekday>{_WEEKDAY_NAMES})\b"),
    ("weekday", rf"\b(?:(?:on|late|early|last|this)\s+)?(?P<weekday>{_WEEKDAY_NAMES})(?:'s|’s)?\b"),
    ("yesterday", r"\b(?:yesterday|last night)\b"),
    ("today", r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today|hours earlier)\b"),
    ("overnight", r"\bovernight\b"),
    ("last_week", r"\blast week\b"),
    ("weekend", r"\b(?:over|during|at|on) the weekend\b|\bthis weekend\b"),
    ("day_later", r"\b(?:a|one) day later\b|\bthe (?:next|following) day\b|\ba day after\b"),
    ("days_later", r"\b(?P<n>two|three|four|2|3|4) days later\b"),
    ("day_earlier", r"\b(?:a|one) day (?:earlier|before)\b|\bthe (?:previous )?day before\b"),
]
#: Finds where an expression stands and its kind (afgmap._scanning; the same
#: matches as the alternation of _PATTERNS, found faster) ...
_FINDER: Final = WordStartScanner({kind: (pattern,) for kind, pattern in _PATTERNS})
#: Every expression holds one of these, or a digit of another script: "day" (in
#: a weekday's name, "today", "a day later" ...), "night", ... (see _may_hold_time).
_TIME_WORDS: Final = ("day", "night", "morning", "afternoon", "evening", "earlier", "week", *"0123456789")
_ANY_DIGIT: Final = re.compile(r"\d")
#: ... and each kind's pattern, matched again there, gives its parts (once per
#: expression as written: see _PARTS).
_KIND_PATTERNS: Final = {kind: re.compile(pattern) for kind, pattern in _PATTERNS}
_NUMBERS: Final = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


class TimeExpression(NamedTuple):
    """A time expression found in a text.

    Attributes
    ----------
    start, end : int
        Span in the text searched.
    text : str
        The expression as written.
    kind : str
        One of ``iso``, ``month_day``, ``day_month``, ``since_weekday``,
        ``weekday``, ``yesterday``, ``today``, ``overnight``, ``last_week``,
        ``weekend``, ``day_later``, ``days_later``, ``day_earlier``.
    weekday : int or None
        0 (Monday) to 6 (Sunday) for weekday expressions.
    month, day, year : int or None
        For explicit dates (year None when not written).
    offset : int
        Days after (positive) or before the previous event, for ``day_later``
        and the like.
    """

    start: int
    end: int
    text: str
    kind: str
    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    offset: int = 0

    @property
    def is_relative_to_previous_event(self) -> bool:
        """True for "a day later", "the next day", "a day earlier"."""
        return self.kind in ("day_later", "days_later", "day_earlier")


def find_time_expressions(text: str) -> list[TimeExpression]:
    """Find the time expressions in a sentence, in text order.

    Case and diacritics are ignored (the text is matched folded, as places and
    cue words are), except that "may" is the month only when written "May".

    Examples
    --------
    >>> [e.kind for e in find_time_expressions("On Friday they took it, and a day later more.")]
    ['weekday', 'day_later']
    >>> find_time_expressions("on Sunday, August 8, 2021")[1].day
    8
    """
    return _find_time_expressions(text, fold(text))


def _find_time_expressions(text: str, folded: str) -> list[TimeExpression]:
    """:func:`find_time_expressions`, given the text already folded."""
    found: list[TimeExpression] = []
    if not _may_hold_time(folded):
        return found
    for start, end, kind in _FINDER.find(folded):
        written = text[start:end]
        key = (kind, written)
        if key in _PARTS:
            parts = _PARTS[key]
        else:  # the kind's own pattern, matched again there, gives the parts
            match = _KIND_PATTERNS[kind].match(folded, start)
            assert match is not None and match.end() == end  # what the finder found
            parts = _parts(kind, match.groupdict(), written)
        if parts is not None:
            found.append(TimeExpression(start, end, written, kind, *parts))
    return found


def _may_hold_time(folded: str) -> bool:
    """Whether a folded text may hold a time expression (a cheap test before the scan).

    Examples
    --------
    >>> _may_hold_time("on friday"), _may_hold_time("on ٨ august"), _may_hold_time("they fled")
    (True, True, False)
    """
    if contains_any(folded, _TIME_WORDS):
        return True
    return not folded.isascii() and _ANY_DIGIT.search(folded) is not None  # \d: any script


#: The parts of an expression (weekday, month, day, year, offset), by kind and
#: text as written: news repeats its time expressions, so each is read once.
_Parts = tuple[int | None, int | None, int | None, int | None, int]
_PARTS: Final[dict[tuple[str, str], _Parts | None]] = {}
_MAX_PARTS: Final = 100_000


def _parts(kind: str, groups: dict[str, str | None], written: str) -> _Parts | None:
    """Read an expression's parts from its pattern's groups (None: not a time expression)."""
    if len(_PARTS) >= _MAX_PARTS:
        _PARTS.clear()
    weekday = groups.get("weekday") or groups.get("sweekday")
    month = groups.get("month") or groups.get("month2")
    day = groups.get("day") or groups.get("day2")
    year = groups.get("year") or groups.get("year2")
    offset = 0
    if kind == "iso":
        month, day, year = groups["m"], groups["d"], groups["y"]
    elif kind == "day_later":
        offset = 1
    elif kind == "days_later":
        offset = _NUMBERS[str(groups["n"])]
    elif kind == "day_earlier":
        offset = -1
    parts: _Parts | None = None
    if month != "may" or "May" in written:  # lower-case "may" is the modal verb, not the month
        parts = (
            # the groups are of folded text: lower case already
            _WEEKDAYS.index(weekday) if weekday else None,
            (int(month) if month.isdigit() else _MONTHS[month]) if month else None,
            int(day) if day else None,
            int(year) if year else None,
            offset,
        )
    _PARTS[kind, written] = parts
    return parts


def _explicit(expr: TimeExpression, report_date: date | None) -> date | None:
    if expr.month is None or expr.day is None:
        return None
    year = expr.year
    if year is None:
        if report_date is None:
            return None
        year = report_date.year
        # "Dec. 30" in a report dated January means last year
        if expr.month > report_date.month + 1:
            year -= 1
    if not EVENT_YEARS[0] <= year <= EVENT_YEARS[1]:
        return None
    try:
        return date(year, expr.month, expr.day)
    except ValueError:
        return None


def _last_weekday(report_date: date, weekday: int) -> date:
    return report_date - timedelta(days=(report_date.weekday() - weekday) % 7)


def resolve(
    expr: TimeExpression | None,
    report_date: date | None,
    previous_event: date | None = None,
) -> tuple[date | None, str]:
    """Resolve a time expression against the report's date.

    Parameters
    ----------
    expr : TimeExpression or None
        None means the sentence gives no time: the report's date is used.
    report_date : datetime.date or None
        The report's date; relative expressions cannot be resolved without it.
    previous_event : datetime.date or None
        The date of the event named just before, for "a day later".

    Returns
    -------
    (datetime.date or None, str)
        The event date, and the basis: what was used and how.

    Examples
    --------
    >>> from datetime import date
    >>> sunday = date(2021, 8, 8)
    >>> friday = find_time_expressions("On Friday")[0]
    >>> resolve(friday, sunday)
    (datetime.date(2021, 8, 6), "'On Friday': the Friday on or before the report date 2021-08-08")
    >>> later = find_time_expressions("a day later")[0]
    >>> resolve(later, sunday, previous_event=date(2021, 8, 6))[0]
    datetime.date(2021, 8, 7)
    >>> resolve(None, sunday)
    (datetime.date(2021, 8, 8), 'report date (no time expression)')
    >>> resolve(find_time_expressions("yesterday")[0], date(1, 1, 1))[0] is None
    True
    """
    # memoised: news repeats its expressions, and a corpus its report dates
    key = (None if expr is None else expr[2:], report_date, previous_event)
    resolved = _RESOLVED.get(key)
    if resolved is None:
        if len(_RESOLVED) >= _MAX_RESOLVED:
            _RESOLVED.clear()
        resolved = _RESOLVED[key] = _resolve_in_calendar(expr, report_date, previous_event)
    return resolved


#: resolve's results by the expression's parts (not its position) and the dates.
_RESOLVED: Final[dict[tuple[object, date | None, date | None], tuple[date | None, str]]] = {}
_MAX_RESOLVED: Final = 100_000


def _resolve_in_calendar(
    expr: TimeExpression | None, report_date: date | None, previous_event: date | None
) -> tuple[date | None, str]:
    try:
        when, basis = _resolve(expr, report_date, previous_event)
    except OverflowError:  # a day before 1 January of year 1, or after 9999
        said = repr(expr.text) if expr is not None else "the report date"
        return None, f"{said}: unresolved (outside the calendar)"
    if when is not None and not EVENT_YEARS[0] <= when.year <= EVENT_YEARS[1]:
        return None, f"unresolved: {when} is outside the years {EVENT_YEARS[0]}-{EVENT_YEARS[1]}"
    return when, basis


def _resolve(
    expr: TimeExpression | None,
    report_date: date | None,
    previous_event: date | None = None,
) -> tuple[date | None, str]:
    if expr is None:
        if report_date is None:
            return None, "unresolved: no time expression and the report date is unknown"
        return report_date, "report date (no time expression)"
    quoted = repr(expr.text)
    if expr.kind in ("iso", "month_day", "day_month"):
        resolved = _explicit(expr, report_date)
        if resolved is None:
            return None, f"{quoted}: unresolved (no year and no report date, or no such day)"
        note = "explicit date" if expr.year else "explicit date, year of the report"
        return resolved, f"{quoted}: {note}"
    if expr.is_relative_to_previous_event:
        if previous_event is None:
            return None, f"{quoted}: unresolved (no earlier event in the passage)"
        resolved = previous_event + timedelta(days=expr.offset)
        return resolved, f"{quoted}: {expr.offset:+d} day(s) from the event before ({previous_event})"
    if report_date is None:
        return None, f"{quoted}: unresolved (report date unknown)"
    if expr.kind in ("weekday", "since_weekday") and expr.weekday is not None:
        resolved = _last_weekday(report_date, expr.weekday)
        name = _WEEKDAYS[expr.weekday].capitalize()
        if expr.text.lower().startswith("last ") and resolved == report_date:
            resolved -= timedelta(days=7)
        return resolved, f"{quoted}: the {name} on or before the report date {report_date}"
    if expr.kind == "yesterday":
        return report_date - timedelta(days=1), f"{quoted}: the day before the report date"
    if expr.kind == "today":
        return report_date, f"{quoted}: the report date"
    if expr.kind == "overnight":
        return report_date - timedelta(days=1), f"{quoted}: the night before the report date"
    if expr.kind == "last_week":
        return report_date - timedelta(days=7), f"{quoted}: 7 days before the report date (approximate)"
    if expr.kind == "weekend":
        resolved = _last_weekday(report_date, 6)
        return resolved, f"{quoted}: the Sunday on or before the report date (end of the weekend)"
    raise ValueError(f"unknown time expression kind {expr.kind!r}")  # pragma: no cover


_STANDALONE_DATE: Final = re.compile(
    # the lookahead lets the engine skip a position whose letter starts no month or number
    rf"\b(?=[0-9{''.join(sorted({m[0] for m in _MONTHS}))}])(?:"
    rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH2},?\s+(?P<year2>\d{{4}})\b"
    r"|(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b)",
    re.IGNORECASE,
)


_FOUR_DIGITS: Final = re.compile(r"[0-9]{4}")


def find_explicit_dates(text: str) -> list[tuple[date, str]]:
    """Full dates written in a text ("August 8, 2021", "12 Aug 2021", "2021-08-12").

    Examples
    --------
    >>> find_explicit_dates("posted August 8, 2021 and 12 Aug 2021")
    [(datetime.date(2021, 8, 8), 'August 8, 2021'), (datetime.date(2021, 8, 12), '12 Aug 2021')]
    """
    # every full date holds a four-digit year: look only around those
    matches: dict[int, re.Match] = {}
    for year in _FOUR_DIGITS.finditer(text):
        for match in _STANDALONE_DATE.finditer(text, max(0, year.start() - 24), year.end() + 7):
            if year.start() <= match.end() and match.start() <= year.end():
                matches.setdefault(match.start(), match)
    found = []
    for match in (matches[start] for start in sorted(matches)):
        g = match.groupdict()
        try:
            if g["y"]:
                value = date(int(g["y"]), int(g["m"]), int(g["d"]))
            else:
                month = _MONTHS[(g["month"] or g["month2"]).lower()]
                value = date(int(g["year"] or g["year2"]), month, int(g["day"] or g["day2"]))
        except ValueError:
            continue
        found.append((value, match.group()))
    return found
