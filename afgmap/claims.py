"""Claims of control: who says which capital was captured, contested or retaken, on which day."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from typing import Final, Literal, NamedTuple

import pandas as pd

from afgmap._scanning import WordStartScanner, contains_any, dispatch_pattern
from afgmap.dates import TimeExpression, _find_time_expressions, resolve
from afgmap.gazetteer import capital_rows, province_rows
from afgmap.geocoding import Mention, _check_text, _find_places, _without_lone_surrogates, fold
from afgmap.geocoding import _index as _gazetteer_index

__all__ = [
    "CLAIM_COLUMNS",
    "SOURCES",
    "STANCES",
    "claims_from_text",
    "claims_meta",
    "extract_claims",
    "split_sentences",
]

Stance = Literal["captured", "claimed", "contested", "besieged", "retaken", "denied"]
Source = Literal["taliban", "government", "independent"]

#: The stances a claim can take.
STANCES: Final[tuple[str, ...]] = ("captured", "claimed", "contested", "besieged", "retaken", "denied")
#: On whose word a claim rests.
SOURCES: Final[tuple[str, ...]] = ("taliban", "government", "independent")
#: Columns of the table returned by :func:`extract_claims`.
CLAIM_COLUMNS: Final = [
    "claim_id", "report_id", "story_id", "place", "place_surface", "province", "iso_code",
    "stance", "source", "event_date", "date_basis", "cue", "sentence", "sentence_start",
    "sentence_end",
]


_TAKE_EXCLUDED: Final = (
    r"place|part|back|aim|refuge|shelter|cover|steps|action|responsibility|note|the lion|"
    r"a (?:look|toll|break)|over (?:power|office)|time|hold"
)
#: Cue words, by the stance they express, in lower case (they are matched in
#: folded text). Families are tried in this order at a given position, and the
#: patterns of a family in their order.
_CUES: Final[dict[str, tuple[str, ...]]] = {
    "denied": (
        r"\bden(?:y|ies|ied|ying)\b",
        r"\b(?:rejected|dismissed|refuted) (?:the |this |that |these )?claims?\b",
        r"\brefuted\b",
    ),
    "claim": (
        r"\bclaim(?:ed|s|ing)?\b(?=[^.]{0,45}\b(?:captur|control|takeover|taken|seiz|fall|fell|overr))",
    ),
    # "claimed Kunduz": a claim word before a name (the capital is checked on the
    # original text, as cues are scanned in folded text)
    "claim_name": (r"\bclaim(?:ed|s|ing)?\b(?=\s+(?:control of\s+)?\S)",),
    "retaken": (
        r"\bretook\b", r"\bretaken\b", r"\brecaptur(?:ed|es|ing)\b", r"\bcleared\b",
        r"\bclear(?:ance|ing) operations?\b", r"\bpushed (?:\w+ ){0,2}back\b",
        r"\b(?:took|taken|taking) back\b", r"\bregain(?:ed|s)?\b", r"\brepel(?:led|s)?\b",
        r"\bretak(?:es|ing)\b",
    ),
    "besieged": (
        r"\bunder siege\b", r"\bbesieg(?:ed|ing)\b", r"\bsurround(?:ed|ing|s)?\b",
        r"\bencircl(?:ed|ing)\b", r"\bsiege of\b",
    ),
    "captured": (
        r"\bseiz(?:e|ed|es|ing)\b", r"\bcaptur(?:e|ed|es|ing)\b", r"\boverr(?:an|un|uns|unning)\b",
        r"\bfell\b", r"\bfallen\b", r"\bfall of\b", r"\bto fall\b", r"\btakeover\b",
        rf"\b(?:took|taken|taking|takes|take)\b(?!\s+(?:{_TAKE_EXCLUDED})\b)",
        r"\bsurrender(?:ed|s)?\b", r"\bhanded over\b",
        r"\bunder (?:full |complete |the )?taliban control\b",
        r"\bin (?:the )?control of the taliban\b", r"\bcontroll(?:ed|s)\b",
        r"\bgain(?:ed|s)? control\b", r"\bplanted (?:their|its) flag\b",
    ),
    "contested": (
        r"\bfight(?:ing|s)?\b", r"\bclash(?:es|ed)?\b", r"\bstreet-to-street\b",
        r"\b(?:attacks?|assaults?|offensive) (?:on|against)\b", r"\bon the outskirts of\b",
        r"\bbattl(?:e|es|ing) for\b", r"\bstorm(?:ed|ing)\b", r"\bentered\b",
        r"\bto retake\b",
    ),
}


@lru_cache(maxsize=1)
def _claim_dtypes() -> dict[str, object]:
    """The dtype of each claim column (the same for every input, empty or not).

    Columns whose values come from a closed set (the gazetteer's names and
    codes, the stances and sources) are categoricals with that whole set as
    categories: a byte or two per claim instead of a string, and batches (or
    Dask partitions) concatenate without losing the dtype.
    """
    provinces = province_rows()
    names = [row.province for row in provinces]
    capitals = [row.capital for row in capital_rows() if row.capital not in names]
    return {
        **{column: "str" for column in CLAIM_COLUMNS},
        "place": pd.CategoricalDtype(names + capitals),
        "province": pd.CategoricalDtype(names),
        "iso_code": pd.CategoricalDtype([row.iso_code for row in provinces]),
        "stance": pd.CategoricalDtype(STANCES),
        "source": pd.CategoricalDtype(SOURCES),
        "event_date": "datetime64[ns]", "sentence_start": "int64", "sentence_end": "int64",
    }
#: Reports whose claims are gathered as tuples before they become typed columns.
_BATCH: Final = 1000


def _word_start_pattern(pattern: str) -> WordStartScanner:
    return WordStartScanner({"match": (pattern,)})


# The patterns below, except _YEAR, match folded text (lower case, no diacritics;
# see geocoding.fold), most of them through afgmap._scanning's scanners, which
# find the same matches as a plain regex several times faster: WordStartScanner
# when every alternative starts a word, else dispatch_pattern.

_PARTIAL: Final = _word_start_pattern(
    r"\b(?:most|much|parts?|a large part|large parts|several parts|some areas|some parts|"
    r"sections?|half)\b(?! of the (?:country|north|south))"
)
_ALL_PARTS: Final = _word_start_pattern(r"\ball (?:other )?parts\b")
# Each "..._WORDS" tuple below holds words one of which every match of the
# pattern above it contains: a text without them need not be searched (see
# afgmap._scanning.contains_any; tests/test_scanning.py checks each tuple).
_PARTIAL_WORDS: Final = ("most", "much", "part", "areas", "section", "half")
_MODAL: Final = _word_start_pattern(
    r"\b(?:may|might|could|would|will|if|unless|should|expected to|likely to|threaten(?:s|ed)? to|"
    r"poised to|vow(?:s|ed|ing)?|promis(?:e|es|ed|ing)|aim(?:s|ed)? to|plan(?:s|ned)? to|"
    r"attempt(?:s|ed|ing)? to|tr(?:y|ies|ied|ying) to|fail(?:s|ed)? to|in order to|"
    r"next to fall|whether|hopes? to|feared?)\b"
)
_NEGATION: Final = dispatch_pattern(r"\b(?:not|never|no longer|neither|nor|n't|cannot|no)\b|n't\b")
_NEGATION_WORDS: Final = ("no", "ne", "n't")
#: A year from 1800 to 2099, as a word (written to start with a digit, so that
#: the engine only tries the places where a 1 or a 2 stands).
_YEAR: Final = re.compile(r"1(?<!\w1)[89]\d\d\b|2(?<!\w2)0\d\d\b")
_HAS_DIGIT: Final = re.compile("[0-9]").search
_TALIBAN_WORD: Final = _word_start_pattern(
    r"\b(?:taliban|insurgents?|militants?|insurgent group|militant group)\b[^.;]{0,30}?"
    r"\b(?:said|says|say|claim\w*|statement|announced|tweeted|spokesm[ae]n)\b"
    r"|\baccording to (?:a |the )?taliban\b|\btaliban(?:'s|’s)? spokesm[ae]n\b"
    r"|\bzabihullah\b|\bmujah(?:id|ied|eed|eedin|ideen|idin)\b"
)
_TALIBAN_WORD_WORDS: Final = (
    "said", "say", "claim", "statement", "announced", "tweeted", "spokesm", "according to",
    "zabihullah", "mujah",
)
_TALIBAN_DENIAL: Final = _word_start_pattern(r"\btaliban\b[^.]{0,20}\bden")
_GOVERNMENT_WORD: Final = _word_start_pattern(
    r"\b(?:ministry|ministries|government|army|palace|defen[cs]e ministry|interior ministry)\b"
    r"[^.;]{0,40}?\b(?:said|says|den(?:y|ies|ied|ying)|statement|rejected|confirmed|announced)\b"
    r"|\bspokesm[ae]n for the (?:ministry|government|army|defen[cs]e)"
    r"|\b(?:government|ministry|army|defen[cs]e) spokesm[ae]n\b|\bofficials in kabul\b"
)
_GOVERNMENT_WORD_WORDS: Final = (
    "said", "says", "den", "statement", "rejected", "confirmed", "announced", "spokesm",
    "officials in kabul",
)
#: What ends a clause: punctuation, dashes between spaces, "but", "while",
#: "where" (what _clause_breaks finds, without this regex but for the words).
_CLAUSE_BREAK: Final = re.compile(
    r",|;|:|\(|\)|\u2013|\u2014|-(?<= -)-?(?= )|b(?<!\w\w)ut\b|w(?<!\w\w)h(?:ile|ere)\b"
)
#: Its alternatives: the marks that end a clause alone, and the words.
_CLAUSE_MARKS: Final = ",;:()\u2013\u2014"
_CLAUSE_WORD: Final = re.compile(r"b(?<!\w\w)ut\b|w(?<!\w\w)h(?:ile|ere)\b")
_CLAUSE_WORD_STEMS: Final = ("but", "whil", "wher")
_SINGULAR_ANAPHOR: Final = _word_start_pattern(
    r"\b(?:the|this|that) (?:city|town|provincial capital|capital)\b(?!,? (?:of|kabul)\b)"
)
_PLURAL_ANAPHOR: Final = _word_start_pattern(
    r"\b(?:both (?:the )?|the two )(?:provinces|cities|capitals|provincial capitals)\b"
)
#: Nouns every anaphor contains (a cheap test before the patterns above).
_ANAPHOR_NOUNS: Final = ("city", "cities", "town", "capital", "provinces")
_NOT_A_TARGET_BEFORE: Final = dispatch_pattern(
    r"(?:government|officials|authorities|ministry|leaders?|envoy|embassy|talks) (?:in|of|from) $"
    r"|(?:miles|km|kilometres|kilometers)(?: \w+){0,2} (?:of|from) (?:the capital,? )?$"
)
_NOT_A_TARGET_BEFORE_WORDS: Final = (
    "government", "officials", "authorities", "ministry", "leader", "envoy", "embassy", "talks",
    "miles", "km", "kilomet",
)
_NOT_A_TARGET_AFTER: Final = re.compile(
    r"^(?:-| )based\b|^(?:'s|’s)? (?:government|administration|inability)\b"
)
_NOT_A_TARGET_AFTER_WORDS: Final = ("based", "government", "administration", "inability")
_ABBREVIATIONS: Final = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "sgt", "capt", "gov", "sen", "rep",
    "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vs", "etc", "u.s", "u.n", "u.k", "inc", "corp", "jr", "sr", "prof", "rev",
}
_LONGEST_ABBREVIATION: Final = max(len(word) for word in _ABBREVIATIONS)
_STRIPPED_BEFORE_MARK: Final = "\"“("
#: A line break, or the end of a sentence inside a line: ``.``/``!``/``?``
#: (with closing quotes or brackets) and spaces before a capital or digit.
#: (Written to start with a character class, so that the engine skips other
#: characters in C.)
_BOUNDARY: Final = re.compile(r"[\n.!?](?:(?<=\n)|[.!?]*[\"”’')\]]*[^\S\n]+(?=[\"“‘(\[]?[A-Z0-9]))")
#: What a boundary starts with, and what most often follows ". ".
_BOUNDARY_MARKS: Final = ".!?\n"
_SENTENCE_STARTS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _positions(text: str, mark: str) -> list[int]:
    """Where ``mark`` stands in ``text``, found with ``str.find`` (no regex call)."""
    found = []
    at = text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def _boundaries(text: str) -> list[tuple[int, int]]:
    r"""The spans of _BOUNDARY's matches in a text, in order.

    The marks are found with ``str.find``, and the commonest boundary, a mark,
    a space and a capital, is read directly; the regex is matched only at the
    other marks (each of its matches costs as much as reading a sentence).

    Examples
    --------
    >>> _boundaries("Kunduz fell. The city... on Aug. 8!\nNo")
    [(11, 13), (31, 33), (35, 36)]
    """
    marks = sorted(at for mark in _BOUNDARY_MARKS for at in _positions(text, mark))
    found = []
    after = 0  # where the last boundary ended
    for at in marks:
        if at < after:
            continue
        if text[at] == "\n":
            end = at + 1
        elif text[at + 1 : at + 2] == " " and text[at + 2 : at + 3] in _SENTENCE_STARTS:
            end = at + 2
        else:
            match = _BOUNDARY.match(text, at)
            if match is None:
                continue
            end = match.end()
        found.append((at, end))
        after = end
    return found


def _abbreviation_before(text: str, start: int, end: int) -> bool:
    """Whether the word before the mark at ``end`` is an abbreviation or an initial.

    The word is the last one since ``start``, stripped of quotes, lower-cased.
    Such a word ends with a letter (or stands before spaces or the characters
    stripped from it) and is short, which is tested first.
    """
    last = text[end - 1 : end]
    if not (last.isalpha() or last.isspace() or last in _STRIPPED_BEFORE_MARK):
        return False
    if last.isalpha() and end - start > _LONGEST_ABBREVIATION and (
        text[end - _LONGEST_ABBREVIATION - 1 : end].isalpha()
    ):
        return False  # the word is longer than any abbreviation
    before = text[max(start, end - 12) : end].rsplit(None, 1)
    word = before[-1].strip(_STRIPPED_BEFORE_MARK) if before else ""
    if len(word) > _LONGEST_ABBREVIATION:  # lower() never makes a word shorter
        return False
    word = word.lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[int, int]]:
    r"""Sentence spans of a text: lines first, then ``.``/``!``/``?`` before a capital.

    Abbreviations (``Gen.``, ``Aug.``, ``U.S.``) and initials do not end a
    sentence.

    Examples
    --------
    >>> text = "Gen. Milley spoke on Aug. 8. Kunduz fell.\nA new line"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. Milley spoke on Aug. 8.', 'Kunduz fell.', 'A new line']
    """
    spans: list[tuple[int, int]] = []
    start = 0  # of the current sentence
    for mark, boundary_end in _boundaries(text):
        end = mark
        if text[mark] != "\n":
            if _abbreviation_before(text, start, mark):
                continue
            end = boundary_end
        _add_stripped(spans, text, start, end)
        start = boundary_end
    _add_stripped(spans, text, start, len(text))
    return spans


def _add_stripped(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add the span of ``text[start:end]`` stripped of white space, unless nothing is left.

    (Read character by character: a sentence has a space or two to strip, and
    no copy of it is made.)
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        while text[start].isspace():
            start += 1
        spans.append((start, end))


class _Cue(NamedTuple):
    start: int
    end: int
    family: str  # a key of _CUES
    text: str
    suppressed: str | None  # why it states no claim: "conditional", "negated", ...


class _Target(NamedTuple):
    start: int
    end: int
    surface: str
    province: str
    iso_code: str
    place: str


#: Where a sentence's clauses start and end (two lists of offsets).
_Clauses = tuple[list[int], list[int]]


def _clauses(folded: str) -> _Clauses:
    breaks = _clause_breaks(folded)
    return [0] + [end for _, end in breaks], [start for start, _ in breaks] + [len(folded)]


def _clause_breaks(folded: str) -> list[tuple[int, int]]:
    """The spans of _CLAUSE_BREAK's matches in a folded sentence, in order.

    Marks and dashes are found with ``str.find``, the words with a regex only
    in a sentence that holds one (a regex costs as much as a short sentence
    for each of its matches).

    Examples
    --------
    >>> _clause_breaks("kunduz fell, but herat -- and (lashkar gah) - held")
    [(11, 12), (13, 16), (23, 25), (30, 31), (42, 43), (44, 45)]
    """
    breaks = [(at, at + 1) for mark in _CLAUSE_MARKS for at in _positions(folded, mark)]
    # a dash or two between spaces
    at = folded.find(" -")
    while at >= 0:
        dash = at + 1
        if folded[dash + 1 : dash + 3] == "- ":
            breaks.append((dash, dash + 2))
        elif folded[dash + 1 : dash + 2] == " ":
            breaks.append((dash, dash + 1))
        at = folded.find(" -", dash)
    if contains_any(folded, _CLAUSE_WORD_STEMS):
        breaks += [match.span() for match in _CLAUSE_WORD.finditer(folded)]
    breaks.sort()
    return breaks


def _clause_bounds(clauses: _Clauses, position: int) -> tuple[int, int]:
    starts, ends = clauses
    i = bisect_right(starts, position) - 1
    return starts[i], ends[i]


#: All cue families in one scanner over folded text (see afgmap._scanning).
_CUE_SCANNER: Final = WordStartScanner(_CUES)
_NAME_AFTER: Final = re.compile(r"\s+(?:[Cc]ontrol of\s+)?[A-Z]")


def _find_cues(
    sentence: str, folded: str, history_before: int | None
) -> tuple[list[_Cue], _Clauses | None]:
    """The cue words of a sentence, and its clauses when it has cues.

    ``folded`` is the sentence folded by geocoding.fold.
    """
    matches = []
    for start, end, family in _CUE_SCANNER.find(folded):
        if family == "claim_name":
            if not _NAME_AFTER.match(sentence, end):
                continue
            family = "claim"
        matches.append((start, end, family))
    if not matches:
        return [], None
    clauses = _clauses(folded)
    first_denial = next((start for start, _, family in matches if family == "denied"), len(sentence))
    is_question = sentence.rstrip("\"”’' ").endswith("?")
    past_years = (
        [(m.start(), int(m.group())) for m in _YEAR.finditer(sentence)
         if int(m.group()) < history_before]
        if history_before is not None and _HAS_DIGIT(sentence) else []
    )
    return [
        _Cue(start, end, family, sentence[start:end],
             _suppression(folded, clauses, start, end, family, first_denial, is_question, past_years))
        for start, end, family in matches
    ], clauses


_MODAL_AFTER: Final = re.compile(r"(?:\s+\w+){0,2}?\s+(?:would|could|may|might|will)\b")
_MODAL_AFTER_WORDS: Final = ("would", "could", "may", "might", "will")


def _suppression(
    folded: str,
    clauses: _Clauses,
    start: int,
    end: int,
    family: str,
    first_denial: int,
    is_question: bool,
    past_years: list[tuple[int, int]],
) -> str | None:
    """Why a cue states no claim (None when it does); ``folded`` is the folded sentence."""
    if is_question:
        return "question"
    if family == "denied":
        return None
    clause_start, clause_end = _clause_bounds(clauses, start)
    before = folded[clause_start : start]
    if _MODAL.contains(before):
        return "conditional"
    after_end = min(clause_end, end + 25)
    if contains_any(folded[end:after_end], _MODAL_AFTER_WORDS) and _MODAL_AFTER.match(
        folded, end, after_end
    ):
        return "conditional"
    if folded[start:end] == "to fall" and _MODAL.contains(folded, max(0, start - 30), start):
        return "conditional"
    near_before = before[-30:]
    if contains_any(near_before, _NEGATION_WORDS) and _NEGATION.search(near_before):
        return "negated"
    if family != "claim" and first_denial < start:
        return "denied content"
    # a year before the report's, in the cue's clause or just after it: history
    for position, _ in past_years:
        if clause_start <= position < clause_end or end <= position < end + 60:
            return "history"
    return None


def _targets(sentence: str, folded: str, offset: int, mentions: list[Mention]) -> list[_Target]:
    targets = []
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        # cheap tests first: the patterns need "in/of/from " before, "-"/" "/"'" after
        if sentence[max(0, start - 9) : start].endswith(("in ", "of ", "from ", "capital ", ", ")):
            before = folded[max(0, start - 40) : start]
            if contains_any(before, _NOT_A_TARGET_BEFORE_WORDS) and _NOT_A_TARGET_BEFORE.search(
                before
            ):
                continue
        if sentence[end : end + 1] in ("-", " ", "'", "’"):
            after = folded[end : end + 20]
            if contains_any(after, _NOT_A_TARGET_AFTER_WORDS) and _NOT_A_TARGET_AFTER.search(after):
                continue
        place = mention.place
        targets.append(_Target(start, end, mention.surface, place.province, place.iso_code,
                               place.name))
    return targets


def _anaphora(sentence: str, folded: str, previous: list[_Target]) -> list[_Target]:
    provinces = {t.province: t for t in previous}
    index = _gazetteer_index()
    found = []
    plural = _PLURAL_ANAPHOR.first(folded)
    if plural and len(provinces) >= 2:
        start, end, _ = plural
        found = [_Target(start, end, sentence[start:end], t.province, t.iso_code, t.place)
                 for t in provinces.values()]
    singular = _SINGULAR_ANAPHOR.first(folded)
    if not found and singular and len(provinces) == 1:
        (t,) = provinces.values()
        capital = index.provinces[t.province].capital
        start, end, _ = singular
        found = [_Target(start, end, sentence[start:end], t.province, t.iso_code, capital)]
    return found


def _source(folded: str, family: str) -> str:
    """On whose word a sentence (folded) states a cue of the family."""
    if family == "claim":
        return "taliban"
    if family == "denied":
        return "taliban" if _TALIBAN_DENIAL.contains(folded) else "government"
    if family == "retaken":
        return "government" if _government_word(folded) else "independent"
    if contains_any(folded, _TALIBAN_WORD_WORDS) and _TALIBAN_WORD.contains(folded):
        return "taliban"
    if _government_word(folded):
        return "government"
    return "independent"


def _government_word(folded: str) -> bool:
    """Whether a folded sentence says the government (its ministry, army, spokesman) speaks."""
    return contains_any(folded, _GOVERNMENT_WORD_WORDS) and _GOVERNMENT_WORD.contains(folded)


def _stance(family: str, source: str, partial: bool) -> str:
    if family == "claim":
        return "claimed"
    if family in ("captured", "retaken") and partial:
        return "contested"
    if family == "captured" and source == "taliban":
        return "claimed"
    return family


def _time_for(cue: _Cue, clauses: _Clauses, expressions: list[TimeExpression],
              cues: list[_Cue]) -> TimeExpression | None:
    """The time expression that dates a cue: in its clause, else an unclaimed earlier one."""
    clause_start, clause_end = _clause_bounds(clauses, cue.start)
    inside = [e for e in expressions if clause_start <= e.start < clause_end]
    before = [e for e in inside if e.start < cue.start]
    if before:
        return before[-1]
    if inside:
        return inside[0]
    for expr in reversed([e for e in expressions if e.end <= clause_start]):
        expr_clause = _clause_bounds(clauses, expr.start)
        owned = any(expr_clause[0] <= c.start < expr_clause[1] for c in cues if c is not cue)
        if not owned:
            return expr
    return None


def claims_from_text(
    text: object,
    report_id: str,
    report_date: date | None = None,
    story_id: str | None = None,
) -> list[dict]:
    """Extract the claims of control made in one report (a pure function).

    Parameters
    ----------
    text : str
        The report's text.
    report_id : str
    report_date : datetime.date, optional
        Relative dates ("on Friday") are resolved against it.
    story_id : str, optional
        Defaults to ``report_id``.

    Returns
    -------
    list of dict
        One dict per claim with the keys of :data:`CLAIM_COLUMNS`.

    Examples
    --------
    >>> from datetime import date
    >>> text = ("On Friday the Taliban seized Zaranj in Nimroz, and a day later "
    ...         "took Sheberghan. Kunduz may be next to fall.")
    >>> for c in claims_from_text(text, "r1", date(2021, 8, 8)):
    ...     print(c["place"], c["stance"], c["source"], c["event_date"])
    Zaranj captured independent 2021-08-06
    Sheberghan captured independent 2021-08-07
    """
    checked = _report_text(text, report_id)
    return [dict(zip(CLAIM_COLUMNS, row, strict=True))
            for row in _claim_rows(checked, report_id, report_date, story_id)]


def _report_text(text: object, report_id: str) -> str:
    """A report's text, checked to be a str, lone surrogates replaced (with a warning)."""
    what = f"report {report_id!r}: text"
    return _without_lone_surrogates(_check_text(text, what), what, stacklevel=4)


#: One claim: the values of CLAIM_COLUMNS, in order.
_ClaimRow = tuple[str, str, str, str, str, str, str, str, str, "date | None", str, str, str, int, int]


def _claim_rows(
    text: str, report_id: str, report_date: date | None, story_id: str | None
) -> list[_ClaimRow]:
    """:func:`claims_from_text`, each claim as a tuple (cheaper to make and to tabulate)."""
    folded = fold(text)
    mentions = _find_places(text, folded)
    starts = [m.start for m in mentions]
    history_before = report_date.year if report_date else _latest_year(text)
    claims: list[_ClaimRow] = []
    previous: list[_Target] = []
    seen: set[tuple[str, str, str, int]] = set()
    for sent_start, sent_end in split_sentences(text):
        lo, hi = bisect_right(starts, sent_start - 1), bisect_right(starts, sent_end - 1)
        if lo == hi and not previous:
            continue  # no place named, and nothing to refer back to
        sentence = text[sent_start:sent_end]
        folded_sentence = folded[sent_start:sent_end]
        targets = (
            _targets(sentence, folded_sentence, sent_start, mentions[lo:hi]) if lo < hi else []
        )
        if not targets and previous and (
            contains_any(folded_sentence, _ANAPHOR_NOUNS)
            and (_SINGULAR_ANAPHOR.contains(folded_sentence)
                 or _PLURAL_ANAPHOR.contains(folded_sentence))
        ):
            targets = _anaphora(sentence, folded_sentence, previous)
        cues, clauses = (
            _find_cues(sentence, folded_sentence, history_before) if targets else ([], None)
        )
        previous = targets
        if not targets or all(cue.suppressed is not None for cue in cues):
            continue  # no cue, or none that states a claim: nothing to date
        expressions = _find_time_expressions(sentence, folded_sentence)
        event_of_cue: dict[int, tuple[date | None, str]] = {}
        last_event: date | None = None
        assert clauses is not None  # a sentence with cues has its clauses
        for cue in cues:  # resolve each cue's date in order, for "a day later"
            expr = _time_for(cue, clauses, expressions, cues)
            when, basis = resolve(expr, report_date, previous_event=last_event)
            if expr is not None and expr.kind == "since_weekday" and cue.family in (
                "captured", "claim"
            ):
                when, basis = resolve(None, report_date)
                basis = f"{expr.text!r} gives no day for a capture: report date used"
            event_of_cue[cue.start] = (when, basis)
            if when is not None and cue.suppressed is None:
                last_event = when
        denial = next((c for c in cues if c.family == "denied" and c.suppressed is None), None)
        source_of: dict[str, str] = {}  # by cue family, for this sentence
        last_target_end = 0
        target_event = None
        for target in sorted(targets, key=lambda t: (t.start, t.place != t.province)):
            governing = _governing_cue(target, cues, clauses)
            own_time = None
            if governing is not None and governing.end <= target.start:
                # "seized Zaranj on Friday and a day later Sheberghan": a time
                # between the previous place and this one dates this one
                own = [e for e in expressions
                       if max(governing.end, last_target_end) <= e.start < target.start]
                if own and last_target_end > governing.end:
                    own_time = resolve(own[-1], report_date, previous_event=target_event)
            last_target_end = target.end
            if governing is not None:
                target_event = (own_time or event_of_cue[governing.start])[0] or target_event
            chosen_cues = []
            if governing is not None and governing.suppressed is None and governing.family != "denied":
                chosen_cues.append(governing)
            if denial is not None:
                chosen_cues.append(denial)
            for chosen in chosen_cues:
                source = source_of.get(chosen.family)
                if source is None:
                    source = source_of[chosen.family] = _source(folded_sentence, chosen.family)
                between = folded_sentence[
                    min(chosen.end, target.start) : max(chosen.end, target.start)
                ]
                partial = (
                    contains_any(between, _PARTIAL_WORDS)
                    and _PARTIAL.contains(between)
                    and not _ALL_PARTS.contains(between)
                )
                stance = _stance(chosen.family, source, partial)
                key = (target.province, stance, source, sent_start)
                if key in seen:
                    continue
                seen.add(key)
                when, basis = event_of_cue[chosen.start]
                if own_time is not None and chosen is governing:
                    when, basis = own_time
                claims.append((  # the values of CLAIM_COLUMNS, in order
                    f"{report_id}:{len(claims) + 1:03d}", report_id, story_id or report_id,
                    target.place, target.surface, target.province, target.iso_code,
                    stance, source, when, basis, chosen.text, sentence, sent_start, sent_end,
                ))
    return claims


def _governing_cue(target: _Target, cues: list[_Cue], clauses: _Clauses) -> _Cue | None:
    """The cue that says what happened to a place.

    A cue in the place's own clause (the nearest before it, else the first after
    it); otherwise the nearest cue before the place in the sentence, else the
    first after it. A capture word governed by a claim word ("claimed to have
    captured", "claiming the takeover") is that claim.
    """
    usable = [c for c in cues if c.family != "denied"]
    clause_start, clause_end = _clause_bounds(clauses, target.start)
    in_clause = [c for c in usable if clause_start <= c.start < clause_end]
    before = [c for c in in_clause if c.end <= target.start]
    after = [c for c in in_clause if c.start >= target.end]
    if not in_clause:
        before = [c for c in usable if c.end <= target.start]
        after = [c for c in usable if c.start >= target.end]
    cue = before[-1] if before else (after[0] if after else None)
    if cue is not None and cue.family == "captured":
        for claim in cues:
            if claim.family == "claim" and 0 <= cue.start - claim.end <= 45:
                return claim
    return cue


def _latest_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def extract_claims(reports: pd.DataFrame) -> pd.DataFrame:
    """Extract dated claims of control from a table of reports.

    Works one report at a time (a pure function of each row), so it can run
    partition-wise on large corpora.

    Parameters
    ----------
    reports : pandas.DataFrame
        As returned by :func:`afgmap.read_reports`: columns ``report_id`` and
        ``text`` are required, ``date`` and ``story_id`` are used when present.

    Returns
    -------
    pandas.DataFrame
        One row per claim, with the columns of :data:`CLAIM_COLUMNS`:
        ``claim_id``, ``report_id``, ``story_id``, ``place`` (canonical name of
        the capital or province), ``place_surface`` (as written), ``province``,
        ``iso_code``, ``stance`` (one of :data:`STANCES`), ``source`` (one of
        :data:`SOURCES`), ``event_date`` (datetime64, NaT when it cannot be
        resolved), ``date_basis`` (what dated it, and how), ``cue`` (the words
        that express the stance), ``sentence`` and its span
        ``sentence_start``/``sentence_end`` in the report's text.
        ``place``, ``province``, ``iso_code``, ``stance`` and ``source`` are
        categoricals whose categories are the whole closed set (the
        gazetteer's names and codes, :data:`STANCES`, :data:`SOURCES`).

    Notes
    -----
    A sentence makes a claim when it names a provincial capital or province (or
    refers back to the one named just before: "the city", "both the provinces")
    and has a cue word for a stance. Not claims: conditionals and forecasts
    ("may be next to fall"), negations, questions, history (a year before the
    report's), and a place named only as a seat of government or a reference
    point ("Kabul-based", "200 miles from the capital Kabul").

    A text holding lone surrogates (not valid Unicode) gets a
    ``UnicodeWarning`` naming the report, and U+FFFD in their place (one
    character for one, so spans are those of the text given).

    Examples
    --------
    >>> import pandas as pd
    >>> reports = pd.DataFrame({
    ...     "report_id": ["a"], "date": pd.to_datetime(["2021-08-08"]),
    ...     "text": ["The Taliban said they captured Kunduz. The ministry denied it."]})
    >>> extract_claims(reports)[["place", "stance", "source"]].to_dict("records")
    [{'place': 'Kunduz', 'stance': 'claimed', 'source': 'taliban'}]
    """
    if not isinstance(reports, pd.DataFrame):
        raise TypeError(f"reports must be a pandas DataFrame, got {type(reports).__name__}")
    missing = {"report_id", "text"} - set(reports.columns)
    if missing:
        raise ValueError(
            f"reports lacks column(s) {sorted(missing)}; it has {list(reports.columns)}"
        )
    dates = reports["date"] if "date" in reports.columns else pd.Series(pd.NaT, index=reports.index)
    stories = reports["story_id"] if "story_id" in reports.columns else reports["report_id"]
    # claims are turned into typed columns batch by batch: a million claims as
    # Python tuples would take several times the memory of the finished table
    frames: list[pd.DataFrame] = []
    rows: list[_ClaimRow] = []
    count = len(reports)
    for number, (report_id, text, when, story) in enumerate(
        zip(reports["report_id"], reports["text"], dates, stories, strict=True), start=1
    ):
        report_date = None if pd.isna(when) else pd.Timestamp(when).date()
        checked = _report_text(text, str(report_id))
        rows.extend(_claim_rows(checked, str(report_id), report_date, str(story)))
        if number % _BATCH == 0 or number == count:
            if rows:
                frames.append(
                    pd.DataFrame.from_records(rows, columns=CLAIM_COLUMNS).astype(_claim_dtypes())
                )
            rows = []
    return pd.concat(frames, ignore_index=True) if frames else claims_meta()


def claims_meta() -> pd.DataFrame:
    """An empty claims table with the columns and dtypes :func:`extract_claims` returns.

    It is the ``meta`` Dask needs to run :func:`extract_claims` partition-wise.

    Examples
    --------
    >>> meta = claims_meta()
    >>> len(meta), list(meta.columns) == CLAIM_COLUMNS, str(meta["event_date"].dtype)
    (0, True, 'datetime64[ns]')

    With Dask (``pip install "dask[dataframe]"``)::

        import dask.dataframe as dd
        reports = dd.from_pandas(afgmap.read_reports("seeds"), npartitions=2)
        claims = reports.map_partitions(afgmap.extract_claims, meta=afgmap.claims_meta())
        claims.compute()
    """
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in _claim_dtypes().items()})
