"""The control timeline: one status per province per day, from dated claims."""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from afgmap.claims import SOURCES, STANCES
from afgmap.gazetteer import PROVINCE_NAMES, province_rows

__all__ = [
    "MAX_EVIDENCE", "STATUSES", "TIMELINE_COLUMNS", "ControlRules", "build_timeline", "timeline_claims",
]

Status = Literal["government", "contested", "claimed", "taliban"]

#: The four control states, in order from government to Taliban control.
STATUSES: tuple[str, ...] = ("government", "contested", "claimed", "taliban")
#: Columns of the table returned by :func:`build_timeline`.
TIMELINE_COLUMNS = [
    "date", "province", "iso_code", "status", "changed", "since", "claim_ids", "n_claims",
    "n_stories",
]
#: At most this many claim ids are listed per province and day (``n_claims`` counts them all).
MAX_EVIDENCE = 50
_CAPTURE = ("captured", "claimed")
_FIGHTING = ("contested", "besieged")


@dataclass(frozen=True)
class ControlRules:
    """How claims become a status: the rules an analyst may change.

    On each day, a province's claims dated that day are weighed; with no claims
    the status of the day before carries forward (``government`` before any).

    1. **Capture evidence** (stance ``captured`` or ``claimed``):

       - it is *confirmed* when an independent source reports it
         (``independent_confirms``; the government's own word that a city fell
         counts too), or when at least ``confirm_stories`` independent stories
         (distinct ``story_id``) report it;
       - it is *disputed* when the government denies it or says it retook the
         place (stance ``denied``, or ``retaken`` on government word).

       The status is ``taliban`` if confirmed and undisputed, or confirmed by at
       least ``confirm_stories`` stories even though disputed; otherwise
       ``claimed`` (Taliban word only, a single story, or disputed).
       A *credible retake* the same day (``retaken`` from an independent source,
       or from ``confirm_stories`` stories) makes it ``contested`` instead.
    2. **Retake without capture evidence**: a credible retake moves the province
       back to ``government``; a retake on government word alone makes a
       Taliban-side province ``contested``.
    3. **Fighting** (``contested``, ``besieged``): a ``government`` province
       becomes ``contested``. A Taliban-side province stays as it is unless
       ``fighting_downgrades`` is true (then it becomes ``contested``).
    4. A denial alone does not change a status; it is kept as evidence.

    Parameters
    ----------
    confirm_stories : int, default 2
        Independent stories that confirm a capture (or a retake) on their own.
    independent_confirms : bool, default True
        Whether one independent report of a capture is enough.
    fighting_downgrades : bool, default False
        Whether reports of fighting make a Taliban-side province ``contested``.

    Examples
    --------
    >>> strict = ControlRules(confirm_stories=3, independent_confirms=False)
    >>> strict.confirm_stories
    3
    """

    confirm_stories: int = 2
    independent_confirms: bool = True
    fighting_downgrades: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.confirm_stories, int) or self.confirm_stories < 1:
            raise ValueError(
                f"confirm_stories must be a whole number >= 1, got {self.confirm_stories!r}"
            )

    def day_status(self, current: str, claims: pd.DataFrame) -> str:
        """The status after one day's claims, given the status of the day before.

        Parameters
        ----------
        current : str
            The status of the day before, one of :data:`STATUSES`.
        claims : pandas.DataFrame
            The day's claims (columns ``stance``, ``source``, ``story_id``).

        Examples
        --------
        >>> import pandas as pd
        >>> day = pd.DataFrame({"stance": ["claimed"], "source": ["taliban"], "story_id": ["a"]})
        >>> ControlRules().day_status("government", day)
        'claimed'
        """
        if current not in STATUSES:
            raise ValueError(f"unknown status {current!r}; allowed: {list(STATUSES)}")
        return self._after(current, list(zip(claims["stance"], claims["source"], claims["story_id"],
                                             strict=True)))

    def _after(self, current: str, day: Sequence[tuple[str, str, Hashable]]) -> str:
        """:meth:`day_status` on (stance, source, story) tuples (a story by its id or a code)."""
        if not day:
            return current
        capture_stories = {story for stance, _, story in day if stance in _CAPTURE}
        retake_stories = {story for stance, _, story in day if stance == "retaken"}
        retake_sources = {source for stance, source, _ in day if stance == "retaken"}
        credible_retake = "independent" in retake_sources or (
            len(retake_stories) >= self.confirm_stories
        )
        if capture_stories:
            reported = any(stance == "captured" and source in ("independent", "government")
                           for stance, source, _ in day)
            stories = len(capture_stories)
            confirmed = (self.independent_confirms and reported) or stories >= self.confirm_stories
            disputed = "government" in retake_sources or any(stance == "denied" for stance, _, _ in day)
            if credible_retake:
                return "contested"
            if confirmed and (not disputed or stories >= self.confirm_stories):
                return "taliban"
            return "claimed"
        taliban_side = current in ("claimed", "taliban")
        if retake_stories and taliban_side:
            return "government" if credible_retake else "contested"
        fighting = any(stance in _FIGHTING for stance, _, _ in day)
        if fighting and (current == "government" or self.fighting_downgrades):
            return "contested"
        return current


class _Shared:
    """Holds a frame in ``DataFrame.attrs`` without pandas deep-copying it on every operation."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self


def _as_day(value, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a date such as '2021-08-08', got {value!r}") from err
    if pd.isna(day):
        raise ValueError(f"{name} must be a date such as '2021-08-08', got {value!r}")
    return day.normalize()


def build_timeline(
    claims: pd.DataFrame,
    start: date | str | None = None,
    end: date | str | None = None,
    rules: ControlRules | None = None,
) -> pd.DataFrame:
    """Build the day-by-day control timeline of all 34 provinces.

    Parameters
    ----------
    claims : pandas.DataFrame
        As returned by :func:`afgmap.extract_claims` (at least ``claim_id``,
        ``province``, ``stance``, ``source``, ``story_id``, ``event_date``).
        Claims without an event date cannot be placed and are left out, with a
        warning.
    start, end : date or str, optional
        First and last day (default: the first and last claim's date). Claims
        before ``start`` still set the status the period starts with.
    rules : ControlRules, optional
        How claims become a status; see :class:`ControlRules` for the rules and
        what can be changed.

    Returns
    -------
    pandas.DataFrame
        One row per province per day, sorted by date then province, with
        columns ``date``, ``province``, ``iso_code``, ``status`` (one of
        :data:`STATUSES`), ``changed`` (the status differs from the day before),
        ``since`` (the day of the last change), ``claim_ids`` (the evidence for
        the status: the province's claims from ``since`` to this day, or this
        day's while it is ``government``, in date order, ``;`` separated, the
        first :data:`MAX_EVIDENCE` of them), ``n_claims`` (how many there are in
        all) and ``n_stories`` (independent stories behind them). The claims
        used are in ``attrs["claims"]`` (see :func:`timeline_claims`).

    Raises
    ------
    ValueError
        If a column is missing, a stance or province is unknown, or ``start`` is
        after ``end``.

    Examples
    --------
    >>> import pandas as pd
    >>> claims = pd.DataFrame({
    ...     "claim_id": ["a:001", "b:001"], "province": ["Nimroz", "Kunduz"],
    ...     "stance": ["captured", "contested"], "source": ["independent"] * 2,
    ...     "story_id": ["a", "b"], "event_date": pd.to_datetime(["2021-08-06", "2021-08-07"])})
    >>> timeline = build_timeline(claims)
    >>> day = timeline[timeline["date"] == "2021-08-07"].set_index("province")
    >>> day.loc[["Nimroz", "Kunduz", "Kabul"], "status"].tolist()
    ['taliban', 'contested', 'government']
    """
    rules = rules or ControlRules()
    if not isinstance(rules, ControlRules):
        raise TypeError(f"rules must be a ControlRules, got {type(rules).__name__}")
    if not isinstance(claims, pd.DataFrame):
        raise TypeError(f"claims must be a pandas DataFrame, got {type(claims).__name__}")
    required = {"claim_id", "province", "stance", "source", "story_id", "event_date"}
    missing = required - set(claims.columns)
    if missing:
        raise ValueError(f"claims lacks column(s) {sorted(missing)}; it has {list(claims.columns)}")
    for column, allowed in (("stance", STANCES), ("source", SOURCES), ("province", PROVINCE_NAMES)):
        bad = sorted(set(claims[column].dropna().unique()) - set(allowed))
        if bad:
            raise ValueError(f"unknown {column} value(s) {bad}; allowed: {list(allowed)}")

    event_days = pd.to_datetime(claims["event_date"]).dt.normalize()
    undated = event_days.isna()
    if undated.any():
        warnings.warn(
            f"{int(undated.sum())} claim(s) have no event date and are left out of the timeline: "
            + ", ".join(claims.loc[undated, "claim_id"].astype(str).head(5))
            + (" ..." if undated.sum() > 5 else ""),
            UserWarning,
            stacklevel=2,
        )
    first = _as_day(start, "start")
    last = _as_day(end, "end")
    if first is None:
        first = event_days.min() if not undated.all() else None
    if last is None:
        last = event_days.max() if not undated.all() else None
    if first is None or last is None:
        raise ValueError("no dated claims: give start and end to build an empty timeline")
    if first > last:
        raise ValueError(f"start {first.date()} is after end {last.date()}")

    rows = _status_rows(claims, event_days, undated.to_numpy(), first.date(), last.date(), rules)
    timeline = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    timeline["date"] = pd.to_datetime(timeline["date"])
    timeline["since"] = pd.to_datetime(timeline["since"])
    timeline["status"] = pd.Categorical(timeline["status"], categories=STATUSES, ordered=True)
    timeline = timeline.sort_values(["date", "province"], kind="stable").reset_index(drop=True)
    timeline.attrs["claims"] = _Shared(claims)
    return timeline


_EPOCH = date(1970, 1, 1).toordinal()


def _status_rows(claims: pd.DataFrame, event_days: pd.Series, undated: np.ndarray, first: date,
                 last: date, rules: ControlRules) -> list[tuple]:
    """One row per province and day, ``TIMELINE_COLUMNS`` in order (pure).

    The claims are sorted once by province, day and claim id, so that a
    province's day, and its evidence since the last change, are ranges of rows;
    claims are held as integer codes, and claim ids are made strings only for
    the evidence listed (a million claims as tuples of strings took ~0.5 GB).
    """
    province_codes, province_values = pd.factorize(claims["province"])
    stance_codes, stance_values = pd.factorize(claims["stance"])
    source_codes, source_values = pd.factorize(claims["source"])
    story_codes = pd.factorize(claims["story_id"].astype(str))[0]
    claim_ids = claims["claim_id"].astype(str)
    claim_ranks = np.empty(len(claim_ids), dtype=np.int64)  # rank in claim id order, ties in table order
    claim_ranks[claim_ids.argsort(kind="stable").to_numpy()] = np.arange(len(claim_ids))
    day_numbers = event_days.to_numpy().astype("datetime64[D]").astype(np.int64)
    order = np.lexsort((claim_ranks, day_numbers, province_codes))  # stable: ties keep table order
    order = order[~undated[order]]
    sorted_provinces = province_codes[order]
    sorted_days = day_numbers[order]
    sorted_stances, sorted_sources = stance_codes[order], source_codes[order]
    sorted_stories = story_codes[order]
    stance_of = [str(v) for v in stance_values]
    source_of = [str(v) for v in source_values]

    def day_claims(start: int, end: int) -> list[tuple[str, str, int]]:
        """The (stance, source, story) of rows [start, end), made only for the day at hand."""
        return list(zip([stance_of[c] for c in sorted_stances[start:end].tolist()],
                        [source_of[c] for c in sorted_sources[start:end].tolist()],
                        sorted_stories[start:end].tolist(), strict=True))

    def day_end(start: int, hi: int, day_number: int) -> int:
        """The end of the rows from ``start`` dated ``day_number`` or before."""
        return start + int(np.searchsorted(sorted_days[start:hi], day_number, "right"))

    first_number, last_number = first.toordinal() - _EPOCH, last.toordinal() - _EPOCH
    iso = {row.province: row.iso_code for row in province_rows()}
    code_of = {str(value): code for code, value in enumerate(province_values)}
    rows = []
    for province in PROVINCE_NAMES:
        code = code_of.get(province, -1)
        lo = int(np.searchsorted(sorted_provinces, code, "left")) if code >= 0 else 0
        hi = int(np.searchsorted(sorted_provinces, code, "right")) if code >= 0 else 0
        status, since, since_start = "government", None, lo
        position = lo
        while position < hi and sorted_days[position] < first_number:  # before the period
            day_number = int(sorted_days[position])
            end = day_end(position, hi, day_number)
            new = rules._after(status, day_claims(position, end))
            if new != status:
                status, since, since_start = new, day_number, position
            position = end
        previous = status
        # the evidence: rows [window_start, position) of the claims since the last change
        window_start = since_start if status != "government" and since is not None else position
        window_stories = set(sorted_stories[window_start:position].tolist())
        evidence, evidence_range = "", (position, position)
        for day_number in range(first_number, last_number + 1):
            end = day_end(position, hi, day_number)
            today = day_claims(position, end)
            status = rules._after(status, today)
            changed = status != previous
            if changed:
                since = day_number
            previous = status
            if changed or since is None or status == "government":
                window_start = position
                window_stories = {c[2] for c in today}
            else:
                window_stories.update(c[2] for c in today)
            position = end
            listed = (window_start, min(position, window_start + MAX_EVIDENCE))
            if listed != evidence_range:
                evidence_range = listed
                evidence = ";".join(claim_ids.iloc[order[listed[0] : listed[1]]])
            rows.append(
                (date.fromordinal(day_number + _EPOCH), province, iso[province], status, changed,
                 None if since is None else date.fromordinal(since + _EPOCH), evidence,
                 position - window_start, len(window_stories))
            )
    return rows


def timeline_claims(timeline: pd.DataFrame) -> pd.DataFrame:
    """The claims a timeline was built from (kept in ``timeline.attrs``).

    Examples
    --------
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"claim_id": ["a:001"], "province": ["Nimroz"],
    ...     "stance": ["captured"], "source": ["independent"], "story_id": ["a"],
    ...     "event_date": pd.to_datetime(["2021-08-06"])})
    >>> timeline_claims(build_timeline(claims))["claim_id"].tolist()
    ['a:001']
    """
    shared = timeline.attrs.get("claims")
    if shared is None:
        raise ValueError(
            "this timeline carries no claims (attrs were lost): pass claims= explicitly"
        )
    return shared.frame


def timeline_day(timeline: pd.DataFrame, date) -> pd.DataFrame:
    """One day of a timeline, indexed by province.

    Parameters
    ----------
    timeline : pandas.DataFrame
        As returned by :func:`build_timeline`.
    date : date or str
        A day inside the timeline.

    Returns
    -------
    pandas.DataFrame
        34 rows indexed by ``province``.

    Raises
    ------
    TypeError
        If ``timeline`` is not a timeline.
    ValueError
        If ``date`` is not a date, or lies outside the timeline (the message
        gives its range).

    Examples
    --------
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"claim_id": ["a:001"], "province": ["Nimroz"],
    ...     "stance": ["captured"], "source": ["independent"], "story_id": ["a"],
    ...     "event_date": pd.to_datetime(["2021-08-06"])})
    >>> day = timeline_day(build_timeline(claims), "2021-08-06")
    >>> len(day), str(day.loc["Nimroz", "status"])
    (34, 'taliban')
    """
    if not isinstance(timeline, pd.DataFrame) or "status" not in timeline.columns:
        raise TypeError("timeline must be the DataFrame returned by afgmap.build_timeline")
    try:
        stamp = pd.Timestamp(date).normalize()
    except (TypeError, ValueError) as err:
        raise ValueError(f"date must be a date such as '2021-08-08', got {date!r}") from err
    rows = timeline[timeline["date"] == stamp]
    if rows.empty:
        first, last = timeline["date"].min(), timeline["date"].max()
        raise ValueError(f"date {date!r} is outside the timeline ({first.date()} to {last.date()})")
    return rows.set_index("province")
