"""Geocoding: any newspaper spelling of a provincial capital or province to a place record."""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, NamedTuple

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from afgmap._scanning import COMPILED, characters_outside_ascii, lower_case_utf8
from afgmap.gazetteer import capital_rows, geodata_path, province_rows

__all__ = ["Mention", "Place", "find_places", "fold", "geocode"]

PlaceKind = Literal["capital", "province"]

#: Characters allowed between the words of one place name ("Sar-e Pul", "Pul'-i-Alam").
_JOINERS: Final = " \t-\u2010\u2011\u2012\u2013'\u2019\u2018`\u02bc"
_TOKEN: Final = re.compile(r"[^\W\d_]+")
#: At most this many joiners stand between the two words of a two-word typo ("Shibir Ghan").
_MAX_GAP: Final = 3
#: Kinds of character: not a letter (``[^\W\d_]``), a letter, a letter that may
#: start a capitalised word (an ASCII capital, or any letter from U+00C0 on).
_NOT_A_LETTER: Final = 0
_LOWER_CASE: Final = 1
_CAPITAL: Final = 2
#: ... and, in _KIND_OF_BYTE only, a character to look up with _kind_of_char.
_MAYBE_OUTSIDE_ASCII: Final = 3
#: The kind of each character outside ASCII met so far.
_KIND_OF_CHAR: Final[dict[int, int]] = {}


def _kind_of_char(code: int) -> int:
    kind = _KIND_OF_CHAR.get(code)
    if kind is None:
        char = chr(code)
        kind = (_NOT_A_LETTER if _TOKEN.match(char) is None
                else _CAPITAL if char >= "\u00c0" else _LOWER_CASE)
        _KIND_OF_CHAR[code] = kind
    return kind


def _capitalised_words(text: str) -> list[int]:
    r"""Where the words that may be capitalised start and end, in text order.

    A word is a run of letters (``[^\W\d_]``) not inside another one, starting
    with an ASCII capital or any character from U+00C0 on (whether that one is
    upper case is checked later). The same as the regular expression
    ``(?<![^\W\d_])[A-Z\u00c0-\U0010ffff](?<=[^\W\d_])[^\W\d_]*``, found
    without one: the regex engine costs about a microsecond for each of the
    hundred-odd capitalised words of a report. Compiled (see
    :data:`afgmap._scanning.COMPILED`), a loop reads the characters' classes
    from a table; interpreted, array operations over the code points do.

    Returns
    -------
    list of int
        The start and the end of the first word, then of the second, and so on.

    Examples
    --------
    >>> text = "On Friday, Zaranj fell to the Taliban; \u00c9lan, 3Kunduz, McKay"
    >>> bounds = _capitalised_words(text)
    >>> [text[bounds[k] : bounds[k + 1]] for k in range(0, len(bounds), 2)]
    ['On', 'Friday', 'Zaranj', 'Taliban', 'Élan', 'Kunduz', 'McKay']
    """
    return _capitalised_words_by_characters(text) if COMPILED else _capitalised_words_by_arrays(text)


def _capitalised_words_by_arrays(text: str) -> list[int]:
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # letters, with a non-letter before and after the text
    letter = np.zeros(len(codes) + 2, dtype=bool)
    np.less((codes | 32) - 97, 26, out=letter[1:-1])  # ASCII letters (the subtraction wraps)
    upper = (codes - 65) < 26
    wide = (codes > 127).nonzero()[0]
    if len(wide):
        kinds = np.array([_kind_of_char(code) for code in codes[wide].tolist()], dtype=np.int8)
        letter[wide + 1] = kinds != _NOT_A_LETTER
        upper[wide] = kinds == _CAPITAL
    # runs of letters: where they start and end alternate
    changes = (letter[1:] != letter[:-1]).nonzero()[0].reshape(-1, 2)
    return changes[upper[changes[:, 0]]].ravel().tolist()


#: What each byte of a text encoded as ASCII with "replace" says of its character:
#: not a letter, a lower-case or a capital ASCII letter, or (a question mark)
#: maybe a character outside ASCII, to look up with _kind_of_char.
_KIND_OF_BYTE: Final = bytes(
    _CAPITAL if "A" <= chr(code) <= "Z" else _LOWER_CASE if "a" <= chr(code) <= "z"
    else _MAYBE_OUTSIDE_ASCII if chr(code) == "?" else _NOT_A_LETTER
    for code in range(256)
)


def _capitalised_words_by_characters(text: str) -> list[int]:
    # one byte per character: a character outside ASCII becomes "?". Compiled,
    # this loop costs about 7 ns a character, two thirds of the array
    # operations' cost (bytes.find, a C loop, costs more: a call per word)
    kinds = text.encode("ascii", "replace").translate(_KIND_OF_BYTE)
    size = len(kinds)
    bounds: list[int] = []
    at = 0
    while at < size:
        kind = kinds[at]
        if kind == _MAYBE_OUTSIDE_ASCII:
            kind = _kind_of_char(ord(text[at]))
        at += 1
        if kind == _NOT_A_LETTER:
            continue
        start = at - 1  # a run of letters starts here: find its end
        while at < size:
            following = kinds[at]
            if following == _MAYBE_OUTSIDE_ASCII:
                following = _kind_of_char(ord(text[at]))
            if following == _NOT_A_LETTER:
                break
            at += 1
        if kind == _CAPITAL:
            bounds.append(start)
            bounds.append(at)
    return bounds


#: The next word of a name: a few joiners, then letters.
_NEXT_WORD: Final = re.compile(rf"[{re.escape(_JOINERS)}]{{1,3}}([^\W\d_]+)")
_CONNECTORS: Final = {"e", "i", "ye", "y", "ee"}
_QUALIFIER_AFTER: Final = re.compile(r"[ \t]+(province|provinces|city|cities)\b", re.IGNORECASE)
_QUALIFIER_BEFORE: Final = re.compile(r"\b(city|province) of[ \t]+$", re.IGNORECASE)
_SPACES: Final = " \t"
#: What may follow the spaces before a qualifier: its first letter (folded), or more spaces.
_QUALIFIER_STARTS: Final = ("p", "c", *_SPACES)
_MAX_WINDOW: Final = 5
_FUZZY_MIN_LENGTH: Final = 5
_MAX_VERDICTS: Final = 100_000
_SPECIAL_FOLDS: Final = {"ı": "i", "ə": "e", "ł": "l", "ø": "o", "đ": "d", "ß": "s", "ɵ": "o"}


@dataclass(frozen=True)
class Place:
    """A geocoded provincial capital or province.

    Attributes
    ----------
    name : str
        Canonical name of the capital (``kind == "capital"``) or province.
    kind : {"capital", "province"}
    province : str
        Canonical name of the province the place is in (or is).
    iso_code : str
        ISO 3166-2 code of that province, e.g. ``"AF-KDZ"``.
    lat, lon : float
        WGS84 coordinates: the capital's, or a point inside the province.
    capital : str
        The province's capital.
    """

    name: str
    kind: PlaceKind
    province: str
    iso_code: str
    lat: float
    lon: float
    capital: str


class Mention(NamedTuple):
    """One mention of a place in a text.

    Attributes
    ----------
    start, end : int
        Character span in the text; ``text[start:end] == surface``.
    surface : str
        The words as written, including a following "province"/"city".
    place : Place
    fuzzy : bool
        True when the spelling was recognised as a likely typo.
    """

    start: int
    end: int
    surface: str
    place: Place
    fuzzy: bool = False


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[char]
    base = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    ).casefold()
    if len(base) == 1:
        return _SPECIAL_FOLDS.get(base, base)
    lower = char.lower()
    return lower if len(lower) == 1 else char


class _FoldTable(dict):
    """``str.translate`` table filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE: Final = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics, keeping its length.

    Every character maps to exactly one character, so spans found in the folded
    text are spans of the original.

    Examples
    --------
    >>> fold("Shibirghān")
    'shibirghan'
    >>> len(fold("Sar-e Pūl")) == len("Sar-e Pūl")
    True
    """
    if text.isascii():
        return text.lower()
    data = lower_case_utf8(text)
    lowered = data.decode("utf-8", "surrogatepass")
    if len(lowered) != len(text):  # a few characters lower-case to two
        return text.translate(_FOLD_TABLE)
    for char in set(characters_outside_ascii(data)):
        folded = _fold_char(char)
        if folded != char:  # not a curly quote, say
            lowered = lowered.replace(char, folded)
    return lowered


def _token_variants(name: str) -> set[str]:
    """Matching keys for a name: letters only, with e/i/none connectors."""
    tokens = _TOKEN.findall(fold(name))
    variants = [""]
    for index, token in enumerate(tokens):
        is_connector = token in _CONNECTORS and 0 < index < len(tokens) - 1
        options = ("e", "i", "") if is_connector else (token,)
        variants = [v + o for v in variants for o in options]
    return {v for v in variants if len(v) >= 3}


class _Index:
    """Keys (folded, letters only) to the capital and province they name."""

    def __init__(self) -> None:
        self.capitals = {row.capital: row for row in capital_rows()}
        self.provinces = {row.province: row for row in province_rows()}
        self.capital_of_key: dict[str, str] = {}
        self.province_of_key: dict[str, str] = {}
        #: the keys of names of several words ("Sar-e Pul"): only these are
        #: read across a word of one or two lower-case letters, so that
        #: "Kunduz as well" is not "Kunduzas" (the name in another language)
        self.several_word_keys: set[str] = set()
        for capital in self.capitals.values():
            for name in (capital.capital, *capital.aliases):
                for key in self._keys_of(name):
                    self.capital_of_key.setdefault(key, capital.capital)
        for province in self.provinces.values():
            for name in (province.province, *province.aliases):
                for key in self._keys_of(name):
                    self.province_of_key.setdefault(key, province.province)
        self.keys = sorted(set(self.capital_of_key) | set(self.province_of_key))
        self.keys_near_length: dict[tuple[int, int], list[str]] = {}  # see keys_of_length_near
        self.prefixes = {key[:n] for key in self.keys for n in range(1, len(key) + 1)}
        #: the prefixes some longer key continues
        self.extended = {key[:n] for key in self.keys for n in range(1, len(key))}
        text = geodata_path("fuzzy_guard.txt").read_text(encoding="utf-8")
        self.guard = frozenset(text.split())
        self.verdicts: dict[str, _Verdict] = {}
        #: verdicts by word as written, and two-word typos by pair as written
        self.word_verdicts: dict[str, _Verdict] = {}
        self.pair_is_typo: dict[tuple[str, str], bool] = {}

    def _keys_of(self, name: str) -> set[str]:
        """The keys of a name, noting those of a name of several words."""
        keys = _token_variants(name)
        if len(_TOKEN.findall(fold(name))) > 1:
            self.several_word_keys.update(keys)
        return keys

    def place(self, key: str, qualifier: str | None) -> Place | None:
        capital = self.capital_of_key.get(key)
        province = self.province_of_key.get(key)
        if capital is None:
            if province is None:
                return None
            if qualifier in ("city", "cities"):
                return self.capital_place(self.provinces[province].capital)
            return self.province_place(province)
        if qualifier in ("province", "provinces"):
            return self.province_place(province or self.capitals[capital].province)
        return self.capital_place(capital)

    def verdict(self, token: str) -> _Verdict:
        """What a folded word can start (memoised: news repeats its capitalised words)."""
        if len(self.verdicts) >= _MAX_VERDICTS:
            self.verdicts.clear()
        near = self.fuzzy_key(token) if len(token) >= _FUZZY_MIN_LENGTH else None
        verdict = _Verdict(token in self.prefixes, near, len(token) >= 3 and token not in self.guard)
        if verdict == _NOT_A_START:
            verdict = _NOT_A_START
        self.verdicts[token] = verdict
        return verdict

    def word_verdict(self, word: str) -> _Verdict:
        """The verdict on a word as written (memoised): upper case, then what it can start."""
        if len(self.word_verdicts) >= _MAX_VERDICTS:
            self.word_verdicts.clear()
        token = _TOKEN.match(fold(word)) if word[0].isupper() else None
        verdict = _NOT_A_START
        if token is not None:
            verdict = self.verdicts.get(token.group()) or self.verdict(token.group())
        self.word_verdicts[word] = verdict
        return verdict

    def pair_typo(self, first: str, second: str) -> bool:
        """Whether two capitalised words as written may be a one-name typo ("Shibir Ghan")."""
        if len(self.pair_is_typo) >= _MAX_VERDICTS:
            self.pair_is_typo.clear()
        head, tail = _TOKEN.match(fold(first)), _TOKEN.match(fold(second))
        is_typo = bool(head and tail and self.two_word_key(head.group(), tail.group()))
        self.pair_is_typo[first, second] = is_typo
        return is_typo

    def two_word_key(self, head: str, tail: str) -> str | None:
        """The place key two folded words are a typo of ("shibir" "ghan"), if any.

        The second word must not be a name of its own and must have three letters.
        """
        if len(tail) < 3 or tail in self.capital_of_key or tail in self.province_of_key:
            return None
        return self.fuzzy_key(head + tail)

    @lru_cache(maxsize=64)  # noqa: B019 - one index per process, cached for its life
    def capital_place(self, capital: str) -> Place:
        row = self.capitals[capital]
        return Place(row.capital, "capital", row.province, row.iso_code,
                     row.latitude, row.longitude, row.capital)

    @lru_cache(maxsize=64)  # noqa: B019
    def province_place(self, province: str) -> Place:
        row = self.provinces[province]
        return Place(row.province, "province", row.province, row.iso_code,
                     row.label_lat, row.label_lon, row.capital)

    def keys_of_length_near(self, length: int, limit: int) -> list[str]:
        """The keys at most ``limit`` letters longer or shorter than ``length``, in key order.

        The others are more than ``limit`` edits from any word of that length
        (an edit changes the length by one at most): fuzzy_key compares a word
        with these only, half the keys or fewer, and finds the same ones.
        """
        keys = self.keys_near_length.get((length, limit))
        if keys is None:
            keys = [key for key in self.keys if abs(len(key) - length) <= limit]
            self.keys_near_length[length, limit] = keys
        return keys

    @lru_cache(maxsize=65536)  # noqa: B019
    def fuzzy_key(self, key: str) -> str | None:
        """The one place key within 1 edit (2 for long names) of ``key``, if any."""
        if len(key) < _FUZZY_MIN_LENGTH or key in self.guard:
            return None
        limit = 1 if len(key) <= 7 else 2
        candidates = extract(key, self.keys_of_length_near(len(key), limit), scorer=OSA.distance,
                             score_cutoff=limit, limit=8)
        if not candidates:
            return None
        best = min(score for _, score, _ in candidates)
        places = {self.place(k, None) for k, score, _ in candidates if score == best}
        if len(places) != 1:
            return None  # ambiguous typo: refuse rather than guess
        return next(k for k, score, _ in candidates if score == best)


@dataclass(frozen=True)
class _Verdict:
    """What a capitalised word can start: an exact name, a one-word typo, a two-word typo."""

    prefix: bool
    near: str | None
    with_next: bool


_NOT_A_START: Final = _Verdict(False, None, False)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


def _check_text(value: object, what: str) -> str:
    """``value`` if it is a str, else a TypeError naming its type and value.

    Public functions take ``object`` for their text and check it here, so that
    the compiled build (see pyproject.toml) raises this error too, rather than
    one of its own that names neither the parameter nor the value.
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__}: {value!r:.80}")
    return value


#: (Written with chr: mypyc does not compile surrogates in string literals.)
_LONE_SURROGATE: Final = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")


def _without_lone_surrogates(
    text: str, what: str, category: type[Warning] = UnicodeWarning, stacklevel: int = 3
) -> str:
    r"""``text`` with each lone surrogate replaced by U+FFFD, and a warning if it had any.

    Lone surrogates are not Unicode text (a JSON ``"\ud800"`` escape makes one);
    they cannot be written as UTF-8, so a table holding them could not be saved
    or converted. Each is one character, as its replacement is: spans keep.
    """
    if text.isascii():
        return text
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return text
    warnings.warn(
        f"{what} has lone surrogates (not valid Unicode), the first at character "
        f"{found.start()}; each replaced with U+FFFD",
        category,
        stacklevel=stacklevel,
    )
    return _LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text)


def geocode(name: object, *, fuzzy: bool = True) -> Place | None:
    """Geocode the name of an Afghan provincial capital or province.

    Any spelling a newspaper uses is accepted: case, diacritics, hyphens and
    apostrophes, joined or split words, possessives, a trailing "province" or
    "city", and (with ``fuzzy=True``) one typo, two in long names. A bare name
    shared by a capital and its province ("Kandahar") is the capital.

    Parameters
    ----------
    name : str
        The name as written.
    fuzzy : bool, default True
        Accept a likely typo. Ordinary English words are never matched.

    Returns
    -------
    Place or None
        None when the name is not an Afghan provincial capital or province.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is empty or blank.

    Examples
    --------
    >>> geocode("Shibirghān").name
    'Sheberghan'
    >>> place = geocode("Sar-i-Pul")
    >>> place.kind, place.province, place.iso_code
    ('capital', 'Sar-e Pul', 'AF-SAR')
    >>> geocode("Kandahar province").kind
    'province'
    >>> geocode("Zawzjan").name
    'Jawzjan'
    >>> geocode("London") is None
    True
    """
    text = _check_text(name, "name").strip()
    if not text:
        raise ValueError(f"name must not be empty, got {name!r}")
    index = _index()
    qualifier = None
    match = re.search(r"[ \t]+(province|provinces|city|cities)\s*$", text, re.IGNORECASE)
    if match and match.start() > 0:
        qualifier = match.group(1).lower()
        text = text[: match.start()]
    text = re.sub(r"['\u2019]s\s*$", "", text)  # possessive: Kunduz's
    key = "".join(_TOKEN.findall(fold(text)))
    place = index.place(key, qualifier)
    if place is None and fuzzy:
        near = index.fuzzy_key(key)
        place = index.place(near, qualifier) if near else None
    return place


def find_places(text: object, *, fuzzy: bool = True) -> list[Mention]:
    """Find every mention of a provincial capital or province in a text.

    Names are matched as a reader would: multi-word names in any spelling,
    capitalised as proper nouns; a following "province"/"city" (or a preceding
    "province of"/"city of") decides between a capital and its province.
    Likely typos of capitalised words are matched when ``fuzzy`` is true.

    Parameters
    ----------
    text : str
    fuzzy : bool, default True

    Returns
    -------
    list of Mention
        In text order, not overlapping.

    Examples
    --------
    >>> [m.place.name for m in find_places("Taliban took Kunduz's airport.")]
    ['Kunduz']
    >>> m = find_places("the capital of Takhar province")[0]
    >>> m.surface, m.place.kind, m.place.capital
    ('Takhar province', 'province', 'Taloqan')
    >>> [(m.surface, m.place.name) for m in find_places("Lashkar Gah and Sari Pul")]
    [('Lashkar Gah', 'Lashkar Gah'), ('Sari Pul', 'Sar-e Pul')]
    """
    checked = _check_text(text, "text")
    return _find_places(checked, fold(checked), fuzzy)


def _find_places(text: str, folded: str, fuzzy: bool = True) -> list[Mention]:
    """:func:`find_places`, given the text already folded.

    Each distinct capitalised word is judged once (and memoised across texts):
    can it start a name, a typo of one, or, with the next word, a two-word
    typo? Only the places where such a word stands are then read in full.
    """
    index = _index()
    starts = _starts(index, text, fuzzy)
    if not starts:
        return []
    mentions: list[Mention] = []
    consumed = 0
    verdicts = index.verdicts
    prefixes, extended, capital_of_key, province_of_key, several_word_keys = (
        index.prefixes, index.extended, index.capital_of_key, index.province_of_key,
        index.several_word_keys,
    )
    for start in starts:
        if start < consumed:
            continue
        first = _TOKEN.match(folded, start)
        if first is None:
            continue
        token = first.group()
        verdict = verdicts.get(token) or index.verdict(token)
        if verdict is _NOT_A_START:
            continue
        found = None
        if verdict.prefix:
            # the longest run of up to _MAX_WINDOW joined words that is a name
            key, end = token, first.end()
            short_word_read = False  # a word of one or two lower-case letters after the first
            for words in range(1, _MAX_WINDOW + 1):
                if key not in prefixes:
                    break
                if (key in capital_of_key or key in province_of_key) and (
                    not short_word_read or key in several_word_keys
                ):
                    found = (key, end, False)
                if key not in extended:  # no longer name starts with these words
                    break
                following = _NEXT_WORD.match(folded, end) if words < _MAX_WINDOW else None
                if following is None:
                    break
                short_word_read = short_word_read or (
                    len(following.group(1)) < 3 and not text[following.start(1)].isupper()
                )
                key, end = key + following.group(1), following.end()
        if found is None and fuzzy and (verdict.near or verdict.with_next):
            found = _fuzzy_window(index, text, folded, first, verdict)
        if found is None:
            continue
        key, end, is_fuzzy = found
        qualifier = None
        # cheap tests first: "province"/"city" after a space, "of" and a space before
        after = (
            _QUALIFIER_AFTER.match(text, end)
            if folded[end : end + 1] in (" ", "\t") and folded[end + 1 : end + 2] in _QUALIFIER_STARTS
            else None
        )
        if after:
            qualifier = after.group(1).lower()
            end = after.end()
        else:
            before = (
                _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
                if folded[max(0, start - 20) : start].rstrip(_SPACES).endswith("of")
                else None
            )
            if before:
                qualifier = before.group(1).lower()
        place = index.place(key, qualifier)
        assert place is not None  # the key is the index's own
        mentions.append(Mention(start, end, text[start:end], place, is_fuzzy))
        consumed = end
    return mentions


def _starts(index: _Index, text: str, fuzzy: bool) -> list[int]:
    """Where the capitalised words that may start a mention stand, in text order."""
    word_verdicts = index.word_verdicts
    pair_is_typo = index.pair_is_typo
    starts = []
    pending = None  # a word that may start a two-word typo with the next one
    pending_end = -1
    bounds = _capitalised_words(text)
    for k in range(0, len(bounds), 2):
        start, end = bounds[k], bounds[k + 1]
        word = text[start:end]
        if pending is not None:
            # this word follows the pending one after one to three joiners
            # (letters start every word, so what lies between is not a letter)
            if start - pending_end <= _MAX_GAP and all(
                char in _JOINERS for char in text[pending_end:start]
            ):
                pair = (pending[1], word)
                if pair_is_typo.get(pair) if pair in pair_is_typo else index.pair_typo(*pair):
                    starts.append(pending[0])
            pending = None
        verdict = word_verdicts.get(word) or index.word_verdict(word)
        if verdict is _NOT_A_START:
            continue
        if verdict.prefix or (fuzzy and verdict.near):
            starts.append(start)
        elif fuzzy and verdict.with_next:
            pending, pending_end = (start, word), end
    return starts


def _fuzzy_window(index: _Index, text: str, folded: str, first: re.Match, verdict: _Verdict):
    """A one- or two-word typo of a place name starting with the word ``first``."""
    token = first.group()
    if verdict.near:
        return verdict.near, first.end(), True
    if not verdict.with_next:
        return None
    # the next word, if it is capitalised and joined to this one ("Shibir Ghan")
    end = first.end()
    gap_end = end
    while gap_end < min(len(text), end + _MAX_GAP) and text[gap_end] in _JOINERS:
        gap_end += 1
    if gap_end >= len(text) or not text[gap_end].isupper():
        return None
    nxt = _TOKEN.match(folded, gap_end)
    if nxt is not None:
        near = index.two_word_key(token, nxt.group())
        if near:
            return near, nxt.end(), True
    return None
