"""Reading reports: files, folders, globs or DataFrames to one table of dated, grouped reports."""

from __future__ import annotations

import csv
import datetime
import enum
import glob
import hashlib
import io
import json
import os
import re
import warnings
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from afgmap._scanning import characters_outside_ascii
from afgmap.dates import EVENT_YEARS, find_explicit_dates
from afgmap.geocoding import _without_lone_surrogates
from afgmap.syndication import (
    _TEXTS_PER_BATCH,
    Sketch,
    _one_space_between_words,
    sketches,
    story_ids,
)

__all__ = ["REPORT_COLUMNS", "ReportWarning", "iter_reports", "read_reports", "skipped_reports"]

#: Columns of the table returned by :func:`read_reports`.
REPORT_COLUMNS = ["report_id", "path", "date", "date_source", "title", "text", "story_id"]
SKIPPED_COLUMNS = ["path", "reason"]
#: Files larger than this are skipped (a news report is a few KB; this is a dump).
MAX_BYTES = 2_000_000
EXTENSIONS = (".txt", ".jsonl", ".csv")
#: Report dates outside these years are taken for errors (and left unknown, with a warning).
REPORT_YEARS = EVENT_YEARS
#: Reports sketched at once: as many as syndication.sketches hashes together.
_SKETCH_BATCH = _TEXTS_PER_BATCH

_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+(?P<value>\S+)[ \t]?")
_LEADING_NEWLINES = re.compile(r"\n*")
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")


class ReportWarning(UserWarning):
    """A report was skipped, re-encoded, or could not be dated; the message names it."""


@dataclass(slots=True)
class _Report:
    report_id: str
    path: str
    text: str | None  # None once summarised by a reading that keeps no text
    date: date | None = None
    date_source: str = "unknown"
    title: str | None = None
    # what grouping, dating and de-duplication need, so that the text can go
    digest: bytes = b""
    checksum: int = 0  # of its file's bytes, when read twice: the second pass of iter_reports checks it
    sketch: Sketch | None = None
    written_dates: list[tuple[datetime.date, str]] = field(default_factory=list)  # the field hides date
    story_id: str = ""


#: The characters ``str.split()`` splits on: in ASCII, as bytes made spaces ...
_ASCII_WHITE_SPACE = bytes(c for c in range(128) if chr(c).isspace())
_TO_SPACES = bytes.maketrans(_ASCII_WHITE_SPACE, b" " * len(_ASCII_WHITE_SPACE))
#: ... and outside it (tests/test_reports.py checks the list against str.isspace).
_OTHER_WHITE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _digest(text: str) -> bytes:
    """What two reports with the same text share: the SHA-256 of its words.

    The same as hashing ``" ".join(text.split())``, without making a string
    of each word: runs of white space become one space in the UTF-8 bytes.
    """
    data = text.encode("utf-8", "surrogatepass")
    # white space outside ASCII is rare: look for it among the text's other characters only
    if not text.isascii() and _OTHER_WHITE_SPACE.search(characters_outside_ascii(data)):
        data = _OTHER_WHITE_SPACE.sub(" ", text).encode("utf-8", "surrogatepass")
    words = _one_space_between_words(np.frombuffer(data.translate(_TO_SPACES), dtype=np.uint8))
    return hashlib.sha256(words.tobytes().strip(b" ")).digest()


@dataclass
class _Reading:
    reports: list[_Report] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: False: each report keeps its summary only (the first pass of iter_reports)
    keep_text: bool = True
    #: False: texts only, no summary (the second pass of iter_reports)
    summarise: bool = True
    #: reports added whose sketches are still to be made (a batch at a time: faster)
    unsketched: list[tuple[_Report, str]] = field(default_factory=list)

    @property
    def reads_twice(self) -> bool:
        """Whether this is a pass of iter_reports, which checks that files did not change."""
        return not (self.keep_text and self.summarise)

    def skip(self, path: str, reason: str) -> None:
        warnings.warn(f"{path}: skipped: {reason}", ReportWarning, stacklevel=4)
        self.skipped.append((path, reason))

    def add(self, report: _Report) -> None:
        if self.summarise:
            text = report.text
            assert text is not None  # a report is added with its text
            report.digest = _digest(text)
            if report.date is None:
                report.written_dates = [
                    (value, as_written) for value, as_written in find_explicit_dates(text)
                    if REPORT_YEARS[0] <= value.year <= REPORT_YEARS[1]
                ]
            self.unsketched.append((report, text))
            if len(self.unsketched) == _SKETCH_BATCH:
                self.sketch_the_rest()
        self.reports.append(report)

    def sketch_the_rest(self) -> None:
        """Sketch the reports added since the last call (and drop their texts, if not kept)."""
        made = sketches([text for _, text in self.unsketched])
        for (report, _), report_sketch in zip(self.unsketched, made, strict=True):
            report.sketch = report_sketch
            if not self.keep_text:
                report.text = None
        self.unsketched = []


def read_reports(source, *, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """Read news reports into one table, dated and grouped into stories.

    Parameters
    ----------
    source : str, path, list of paths, or pandas.DataFrame
        A folder (its files, sorted by name), a glob pattern, a list of files,
        or a DataFrame with a ``text`` column and optional ``date``, ``id`` and
        ``title`` columns. Files may be ``.txt`` (one report; a first line
        starting with `` date YYYY-MM-DD `` gives its date), ``.jsonl`` (one JSON
        object per line) or ``.csv`` (one row per report), with ``text`` and
        optional ``date``, ``id``, ``title`` fields.
    max_bytes : int, default 2,000,000
        Larger files are skipped.

    Returns
    -------
    pandas.DataFrame
        One row per report, columns ``report_id``, ``path``, ``date``
        (datetime64, NaT when unknown), ``date_source`` (``"header"``,
        ``"inferred: ..."`` saying how, or ``"unknown"``), ``title``, ``text``
        and ``story_id`` (shared by near-copies of one story). Inputs that could
        not be used are in ``frame.attrs["skipped"]`` (see
        :func:`skipped_reports`), each with its reason, and each raised a
        :class:`ReportWarning` naming it.

    Raises
    ------
    FileNotFoundError
        If ``source`` names a folder or file that does not exist, or a glob that
        matches nothing.
    TypeError
        If ``source`` is of another type.

    Notes
    -----
    Undated reports get a date when the text allows it, and ``date_source``
    says how: first from a dated near-copy in the same story, else from the
    latest full date written in the text ("August 8, 2021"). Otherwise the date
    stays unknown, with a warning.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = read_reports(pd.DataFrame({
    ...     "text": ["Taliban seized Zaranj on Friday.", "Kunduz fell on August 8, 2021."],
    ...     "date": ["2021-08-08", None]}))
    >>> [str(d.date()) for d in frame["date"]]
    ['2021-08-08', '2021-08-08']
    >>> list(frame["date_source"])
    ['header', "inferred: latest full date in the text ('August 8, 2021')"]
    """
    reading = _Reading()
    if isinstance(source, pd.DataFrame):
        _read_frame(source, "<DataFrame>", reading)
    else:
        for path in _expand(source):
            _read_path(path, reading, max_bytes)
    return _finish(reading)


def skipped_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """The inputs :func:`read_reports` could not use, with the reason for each.

    Examples
    --------
    >>> import pandas as pd
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     frame = read_reports(pd.DataFrame({"text": ["", "Kunduz fell on Aug 8, 2021."]}))
    >>> skipped_reports(frame).to_dict("records")
    [{'path': '<DataFrame>:0', 'reason': 'no text'}]
    """
    skipped = reports.attrs.get("skipped")
    if skipped is None:
        return pd.DataFrame(columns=SKIPPED_COLUMNS)
    return pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)


def iter_reports(source, *, batch_size: int = 1000, max_bytes: int = MAX_BYTES) -> Iterator[pd.DataFrame]:
    """Read reports in batches, holding the texts of one batch at a time.

    The same reports as :func:`read_reports`, with the same ids, dates and
    story ids, for corpora too large to hold in memory. Every input is read
    twice: a first pass, when this function is called, keeps only what
    grouping near-copies and dating needs (a sketch of a few hundred bytes
    per report); the second, as batches are taken, reads the texts again.

    Parameters
    ----------
    source : str, path, list of paths, or pandas.DataFrame
        As for :func:`read_reports`. A DataFrame is already in memory: it is
        read whole and then cut into batches.
    batch_size : int, default 1000
        Reports per batch.
    max_bytes : int, default 2,000,000
        Larger files are skipped.

    Returns
    -------
    iterator of pandas.DataFrame
        Batches with the columns of :data:`REPORT_COLUMNS`, in the order
        :func:`read_reports` gives. There is at least one batch (empty when no
        input could be used), and each carries the whole list of skipped
        inputs in ``batch.attrs["skipped"]`` (see :func:`skipped_reports`).

    Raises
    ------
    FileNotFoundError, TypeError
        As :func:`read_reports`, when called.
    ValueError
        If ``batch_size`` is not a positive integer.
    RuntimeError
        If the files change between the two passes.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["Kunduz fell.", "Zaranj fell.", "Herat was quiet."],
    ...                       "date": ["2021-08-08"] * 3})
    >>> [list(batch["report_id"]) for batch in iter_reports(frame, batch_size=2)]
    [['0', '1'], ['2']]

    A corpus on disk, batch by batch::

        claims = pd.concat(afgmap.extract_claims(batch)
                           for batch in afgmap.iter_reports("archive/"))
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    if isinstance(source, pd.DataFrame):
        return _slices(read_reports(source, max_bytes=max_bytes), batch_size)
    paths = _expand(source)
    first_pass = _Reading(keep_text=False)
    for path in paths:
        _read_path(path, first_pass, max_bytes)
    return _second_pass(paths, first_pass, _plan(first_pass), batch_size, max_bytes)


def _slices(frame: pd.DataFrame, batch_size: int) -> Iterator[pd.DataFrame]:
    for start in range(0, max(len(frame), 1), batch_size):
        batch = frame.iloc[start : start + batch_size].reset_index(drop=True)
        batch.attrs["skipped"] = list(frame.attrs["skipped"])
        yield batch


class _End(enum.Enum):
    """The end of the first pass's reports (a sentinel that mypy can tell apart)."""

    END = 0


_END = _End.END


def _second_pass(paths: list[Path], first_pass: _Reading, plan: list[_Report], batch_size: int,
                 max_bytes: int) -> Iterator[pd.DataFrame]:
    """Read the files again, and give the planned reports their texts, batch by batch."""
    kept = {id(report) for report in plan}
    # the first pass's reports in reading order, None where a duplicate was dropped
    planned = iter([report if id(report) in kept else None for report in first_pass.reports])
    unread = iter(paths)
    ready: list[_Report] = []  # planned reports given their texts, not yet in a batch
    yielded = False
    more = True
    while more:
        more = _read_again(unread, planned, ready, batch_size, max_bytes)
        while len(ready) >= batch_size:
            batch, ready = ready[:batch_size], ready[batch_size:]
            yield _frame(batch, first_pass.skipped)
            yielded = True
            for done in batch:
                done.text = None
    if next(planned, _END) is not _END:
        raise RuntimeError("the reports changed while they were read (fewer on the second pass); "
                           "read them again")
    if ready or not yielded:
        yield _frame(ready, first_pass.skipped)


def _read_again(unread: Iterator[Path], planned: Iterator[_Report | None], ready: list[_Report],
                batch_size: int, max_bytes: int) -> bool:
    """Read files again until ``ready`` holds a batch, giving the planned reports their texts.

    Returns whether files are left. Their warnings, which the first pass gave,
    are silenced while they are read, not across the caller's code between
    two batches.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        reading = _Reading(summarise=False)
        while len(ready) < batch_size:
            path = next(unread, None)
            if path is None:
                return False
            _read_path(path, reading, max_bytes)
            for report in reading.reports:
                target = next(planned, _END)
                if target is _END or (target is not None and (
                    target.path != report.path or target.checksum != report.checksum)):
                    raise RuntimeError(f"{report.path}: the reports changed while they were read; "
                                       "read them again")
                if target is not None:
                    target.text = report.text
                    ready.append(target)
            reading.reports.clear()
    return True


def _expand(source) -> list[Path]:
    if isinstance(source, (str, Path)):
        text = str(source)
        path = Path(source)
        if path.is_dir():
            # names sorted as strings (sorting Path objects costs ten times more)
            with os.scandir(path) as entries:
                names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_file())
            return [path / name for name in names]
        if path.is_file():
            return [path]
        if any(c in text for c in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                raise FileNotFoundError(f"no report files match the pattern {text!r}")
            return matches
        raise FileNotFoundError(f"no such file or folder: {text!r}")
    if isinstance(source, Iterable) and not isinstance(source, (bytes, dict)):
        paths = []
        for item in source:
            if not isinstance(item, (str, Path)):
                raise TypeError(f"expected paths in the list, got {type(item).__name__}: {item!r}")
            paths.extend(_expand(item))
        return paths
    raise TypeError(
        "source must be a folder, a glob pattern, a list of paths or a pandas DataFrame, "
        f"got {type(source).__name__}"
    )


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        text = raw.decode("cp1252", errors="replace")
        warnings.warn(
            f"{name}: not valid UTF-8 (byte {err.start}); read as cp1252", ReportWarning, stacklevel=5
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_path(path: Path, reading: _Reading, max_bytes: int) -> None:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        reading.skip(name, f"unknown extension {suffix or '(none)'!r}; expected one of {EXTENSIONS}")
        return
    try:
        # os.read, not a file object: the buffered reader's layers cost as much as the read
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(handle).st_size
            if size > max_bytes:
                reading.skip(name, f"too large ({size:,} bytes > {max_bytes:,})")
                return
            parts = [os.read(handle, size + 1)]
            while parts[-1]:  # to the end, should the file have grown
                parts.append(os.read(handle, 1 << 16))
        finally:
            os.close(handle)
    except OSError as err:
        reading.skip(name, f"unreadable: {err.strerror or err}")
        return
    raw = parts[0] if len(parts) == 2 else b"".join(parts)
    first = len(reading.reports)
    _read_content(raw, path, name, suffix, reading)
    if reading.reads_twice and len(reading.reports) > first:
        checksum = zlib.crc32(raw)  # each report of the file carries the file's
        for report in reading.reports[first:]:
            report.checksum = checksum


def _read_content(raw: bytes, path: Path, name: str, suffix: str, reading: _Reading) -> None:
    """Read the reports of a file's bytes (``.txt``: one; ``.jsonl``, ``.csv``: one a row)."""
    if not raw or raw.isspace():  # (bytes.isspace: the white space bytes.strip strips)
        reading.skip(name, "empty file")
        return
    if raw.find(b"\x00", 0, 8192) != -1:
        reading.skip(name, "binary file (contains NUL bytes)")
        return
    text = _decode(raw, name)
    if suffix == ".txt":
        report = _parse_text_report(text, report_id=path.stem, path=name)
        if report is None:
            reading.skip(name, "no text after the date line")
        else:
            reading.add(report)
    elif suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                reading.skip(f"{name}:{number}", f"invalid JSON ({err.msg})")
                continue
            if not isinstance(row, dict):
                reading.skip(f"{name}:{number}", "not a JSON object")
                continue
            rows.append((number, row))
        if not rows and not any(where.startswith(f"{name}:") for where, _ in reading.skipped):
            reading.skip(name, "no JSON lines")
            return
        _read_rows(rows, name, path.stem, reading)
    else:
        try:
            rows = list(enumerate(csv.DictReader(io.StringIO(text)), start=2))
        except csv.Error as err:
            reading.skip(name, f"unreadable CSV ({err})")
            return
        if not rows:
            reading.skip(name, "no rows under the CSV header")
            return
        if "text" not in rows[0][1]:
            reading.skip(name, f"no 'text' column in the CSV header {list(rows[0][1])!r}")
            return
        _read_rows(rows, name, path.stem, reading)


def _read_frame(frame: pd.DataFrame, name: str, reading: _Reading) -> None:
    if "text" not in frame.columns:
        raise ValueError(f"the DataFrame needs a 'text' column; it has {list(frame.columns)}")
    rows = [(index, row) for index, row in zip(frame.index, frame.to_dict("records"), strict=True)]
    _read_rows(rows, name, None, reading)


def _read_rows(rows, name: str, stem: str | None, reading: _Reading) -> None:
    for number, row in rows:
        where = f"{name}:{number}"
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            reading.skip(where, "no text")
            continue
        text = _without_lone_surrogates(text, f"{where}: text", ReportWarning)
        ident = row.get("id")
        if ident is None or (isinstance(ident, float) and pd.isna(ident)) or not str(ident).strip():
            ident = f"{stem}:{number}" if stem else str(number)
        text = text.replace("\r\n", "\n")
        report = _Report(report_id=_without_lone_surrogates(str(ident), f"{where}: id", ReportWarning),
                         path=where, text=text)
        title = row.get("title")
        report.title = (
            _without_lone_surrogates(title, f"{where}: title", ReportWarning)
            if isinstance(title, str) and title.strip() else _title(text)
        )
        value = row.get("date")
        if isinstance(value, str) and value.strip():
            report.date = _parse_date(value.strip(), where)
        elif isinstance(value, (date, pd.Timestamp)) and not pd.isna(value):
            report.date = _plausible(pd.Timestamp(value).date() if isinstance(value, pd.Timestamp)
                                     else date(value.year, value.month, value.day), value, where)
        elif value is not None and not (isinstance(value, float) and pd.isna(value)) and value != "":
            warnings.warn(f"{where}: unreadable date {value!r} (a {type(value).__name__}, expected "
                          "YYYY-MM-DD); date unknown", ReportWarning, stacklevel=5)
        report.date_source = "header" if report.date else "unknown"
        reading.add(report)


def _parse_date(value: str, where: str) -> date | None:
    match = _ISO_DATE.match(value)
    if not match:
        warnings.warn(f"{where}: malformed date {value!r} (expected YYYY-MM-DD); date unknown",
                      ReportWarning, stacklevel=5)
        return None
    try:
        return _plausible(date(int(match["y"]), int(match["m"]), int(match["d"])), value, where)
    except ValueError:
        warnings.warn(f"{where}: impossible date {value!r}; date unknown", ReportWarning,
                      stacklevel=5)
        return None


def _plausible(day: date, value, where: str) -> date | None:
    """The day, if a news report can carry it (see REPORT_YEARS); else None, with a warning."""
    if REPORT_YEARS[0] <= day.year <= REPORT_YEARS[1]:
        return day
    warnings.warn(f"{where}: date {value!r} is outside the years {REPORT_YEARS[0]}-"
                  f"{REPORT_YEARS[1]}; date unknown", ReportWarning, stacklevel=6)
    return None


def _parse_text_report(text: str, report_id: str, path: str) -> _Report | None:
    """Split a ``.txt`` report into its date line, title and text (pure)."""
    report = _Report(report_id=report_id, path=path, text=text)
    match = _DATE_LINE.match(text)
    if match and any(c.isdigit() for c in match["value"]):
        report.date = _parse_date(match["value"], path)
        report.date_source = "header" if report.date else "unknown"
        text = text[match.end():]
    if not text or text.isspace():
        return None
    report.text = text
    report.title = _title(text)
    return report


def _title(text: str) -> str | None:
    """A headline: a short first line without end punctuation, then a blank line."""
    # (found by position: slicing off the rest of a report would copy it)
    start = _LEADING_NEWLINES.match(text).end()  # type: ignore[union-attr]  # (it matches "")
    end = text.find("\n", start)
    if end == -1 or not text.startswith("\n", end + 1):
        return None
    head = text[start:end].strip()
    if (0 < len(head) <= 150
            and head[-1] not in '.!?"”’:;,' and not head.startswith(("http", "—", "-"))):
        return head
    return None


def _finish(reading: _Reading) -> pd.DataFrame:
    return _frame(_plan(reading), reading.skipped)


def _plan(reading: _Reading) -> list[_Report]:
    """The reports to use: duplicates dropped, ids made unique, stories grouped, dates inferred."""
    reading.sketch_the_rest()
    reports = _drop_exact_duplicates(reading)
    seen: dict[str, int] = {}
    for report in reports:  # report ids must be unique
        count = seen.get(report.report_id, 0)
        seen[report.report_id] = count + 1
        if count:
            report.report_id = f"{report.report_id}~{count + 1}"
    stories = story_ids(None, [r.report_id for r in reports], sketches=[_sketch_of(r) for r in reports])
    for report, story in zip(reports, stories, strict=True):
        report.story_id = story
    _infer_dates(reports, stories)
    for report in reading.reports:  # grouped and dated: only the checksum is needed from here on
        report.sketch, report.written_dates, report.digest = None, [], b""
    return reports


def _sketch_of(report: _Report) -> Sketch:
    assert report.sketch is not None  # every report read is summarised
    return report.sketch


def _frame(reports: list[_Report], skipped: list[tuple[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "report_id": pd.Series([r.report_id for r in reports], dtype="object"),
            "path": pd.Series([r.path for r in reports], dtype="object"),
            "date": pd.to_datetime(pd.Series([r.date for r in reports], dtype="object")),
            "date_source": pd.Series([r.date_source for r in reports], dtype="object"),
            "title": pd.Series([r.title for r in reports], dtype="object"),
            "story_id": pd.Series([r.story_id for r in reports], dtype="object"),
        },
    )
    # the texts in a block of their own: a table taken without them (a view of
    # the other columns, e.g. ``batch.drop(columns="text")``) does not keep them
    frame.insert(REPORT_COLUMNS.index("text"), "text",
                 pd.Series([r.text for r in reports], dtype="object"))
    frame.attrs["skipped"] = list(skipped)
    return frame


def _drop_exact_duplicates(reading: _Reading) -> list[_Report]:
    first: dict[bytes, str] = {}
    kept = []
    for report in reading.reports:
        if report.digest in first:
            reading.skip(report.path, f"duplicate of {first[report.digest]} (identical text)")
            continue
        first[report.digest] = report.path
        kept.append(report)
    return kept


def _infer_dates(reports: list[_Report], stories: list[str]) -> None:
    dated_by_story: dict[str, list[_Report]] = {}
    for report, story in zip(reports, stories, strict=True):
        if report.date is not None:
            dated_by_story.setdefault(story, []).append(report)
    for report, story in zip(reports, stories, strict=True):
        if report.date is not None:
            continue
        copies = sorted(dated_by_story.get(story, []), key=lambda r: (r.date, r.report_id))
        if copies:
            report.date = copies[0].date
            report.date_source = (
                f"inferred: near-copy of {copies[0].report_id} (dated {copies[0].date})"
            )
            continue
        if report.written_dates:
            value, as_written = max(report.written_dates, key=lambda pair: pair[0])
            report.date = value
            report.date_source = f"inferred: latest full date in the text ({as_written!r})"
            continue
        warnings.warn(
            f"{report.path}: no date line, no dated near-copy and no full date in the text; "
            "date unknown",
            ReportWarning,
            stacklevel=4,
        )
