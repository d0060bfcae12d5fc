"""Fast scanners and hand-tuned patterns find exactly what their plain forms find."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afgmap._scanning import WordStartScanner, contains_any, dispatch_scanner, literal_first, lower_case_utf8
from afgmap.claims import _CUES
from afgmap.geocoding import fold


def reference_scanner(families):
    """The straightforward form: one alternation of the patterns (each starts with \\b)."""
    return re.compile("|".join(
        f"(?P<{family}>{'|'.join(f'(?:{p})' for p in patterns)})" for family, patterns in families.items()
    ))


CUE_WORDS = ["seized", "took back", "taken", "take place", "fell", "fighting", "clashes", "denied",
             "claimed", "claims", "under siege", "besieged", "retook", "pushed them back",
             "attack on", "on the outskirts of", "rejected the claim", "under Taliban control",
             "entered", "to retake", "overran", "surrendered", "handed over", "cleared"]
FILLER = ["the", "city", "Kunduz", "and", "of", "a", "day", "later", "said", ",", ".", "-", "'",
          "Taliban", "government", "it", "not",
          # not ASCII: a letter (Pashto), a mark and a dash that are not
          "ښار", "ښ", "’", "—"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_WORDS + FILLER), max_size=25), st.sampled_from([" ", "", "-"]))
def test_cue_scanner_matches_the_plain_alternation(words, joiner):
    text = fold(joiner.join(words))
    fast = [(m.span(), m.lastgroup.split("__")[0]) for m in dispatch_scanner(_CUES).finditer(text)]
    plain = [(m.span(), m.lastgroup) for m in reference_scanner(_CUES).finditer(text)]
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_WORDS + FILLER), max_size=25),
       st.sampled_from([" ", "", "-", ".", "\n"]))
def test_word_start_scanner_matches_the_plain_alternation(words, joiner):
    text = fold(joiner.join(words))
    fast = [((start, end), family) for start, end, family in WordStartScanner(_CUES).find(text)]
    plain = [(m.span(), m.lastgroup) for m in reference_scanner(_CUES).finditer(text)]
    assert fast == plain
    assert WordStartScanner(_CUES).contains(text) == bool(plain)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["may", "dismay", "if", "iffy", "would", " ", ",", "to", "fall", "ښ", "’"]),
                max_size=12).map("".join),
       st.integers(0, 40), st.one_of(st.none(), st.integers(0, 40)))
def test_word_start_scanner_searches_a_window_as_the_regex_does(text, start, end):
    pattern = r"\b(?:may|if|would|to fall)\b"
    expected = dispatch_scanner({"m": (pattern,)}).search(text, start, len(text) if end is None else end)
    scanner = WordStartScanner({"m": (pattern,)})
    assert scanner.contains(text, start, end) == (expected is not None)
    if start == 0 and end is None:
        assert scanner.first(text) == (None if expected is None else (*expected.span(), "m"))


def test_word_start_scanner_refuses_a_form_that_may_start_inside_a_word():
    with pytest.raises(ValueError, match="'went'"):
        WordStartScanner({"go": (r"\bgone\b", r"went")})


@pytest.mark.parametrize(
    ("pattern", "forms"),
    [
        (r"\bseiz(?:e|ed)\b", [r"\bseiz(?:e|ed)\b"]),
        (r"\b(?:took|taken) back\b", [r"\btook back\b", r"\btaken back\b"]),
        (r"\b(?:attacks?|offensive) on\b", [r"\battacks? on\b", r"\boffensive on\b"]),
        (r"\b(?:both (?:the )?|the two )cities\b",
         [r"\bboth (?:the )?cities\b", r"\bthe two cities\b"]),
        (r"(?:miles|km) from$|\bnear$", [r"miles from$", r"km from$", r"\bnear$"]),
        (r"\b(?P<day>\d\d?) (?:of )?aug", [rf"\b{d}\d? (?:of )?aug" for d in "0123456789"]),
    ],
)
def test_patterns_are_rewritten_to_start_with_a_letter_or_digit(pattern, forms):
    assert literal_first(pattern) == forms


@pytest.mark.parametrize("pattern", [r"\b[a-z]+ed\b", r"\b(?:a|b)+c", r"\b\d+ days"])
def test_a_pattern_that_cannot_start_with_a_letter_is_refused(pattern):
    with pytest.raises(ValueError, match=re.escape(repr(pattern))):
        literal_first(pattern)


def test_upper_case_patterns_are_refused():
    with pytest.raises(ValueError, match="lower case"):
        dispatch_scanner({"x": (r"\bKabul\b",)})


#: What afgmap.geocoding._capitalised_words finds, as one regular expression.
CAPITALISED_WORD = re.compile(r"[A-Z\u00c0-\U0010ffff](?<=[^\W\d_])(?<![^\W\d_].)[^\W\d_]*")
LETTERS_AND_MORE = st.text(
    alphabet=st.one_of(
        st.sampled_from("KkZz aA-'’.,\n\t3_①٨İıßÉéʼ\u0301\u200f"), st.characters(codec="utf-8")
    ),
    max_size=60,
)


def word_spans(bounds):
    return list(zip(bounds[0::2], bounds[1::2], strict=True))


#: The compiled build loops over the characters, the interpreted one uses arrays.
CAPITALISED_WORD_FINDERS = ["_capitalised_words", "_capitalised_words_by_arrays",
                            "_capitalised_words_by_characters"]


@pytest.mark.parametrize("finder", CAPITALISED_WORD_FINDERS)
@settings(max_examples=500, deadline=None)
@given(text=LETTERS_AND_MORE)
def test_capitalised_words_are_those_of_the_regular_expression(finder, text):
    from afgmap import geocoding

    found = getattr(geocoding, finder)(text)
    assert word_spans(found) == [m.span() for m in CAPITALISED_WORD.finditer(text)]


@pytest.mark.parametrize("finder", CAPITALISED_WORD_FINDERS)
@pytest.mark.parametrize(("text", "words"), [
    ("", []),
    ("Kunduz", ["Kunduz"]),
    ("in Kunduz.", ["Kunduz"]),
    ("McKay and al-Kunduzi", ["McKay", "Kunduzi"]),
    ("3Kunduz _Herat xHerat", ["Kunduz", "Herat"]),  # after a digit or underscore, not a letter
    ("Élan éclat ı ªb", ["Élan", "éclat", "ı"]),  # from U+00C0 on, any letter may start one
    ("①Kunduz", ["①Kunduz"]),  # a letter-like digit is part of the word
    ("\ud800Kunduz", ["Kunduz"]),  # a lone surrogate is not a letter
    ("Why?Kunduz ?Herat é?Zaranj", ["Why", "Kunduz", "Herat", "é", "Zaranj"]),  # "?" is not a letter
    ("𝐊unduz Kabul", ["𝐊unduz", "Kabul"]),  # outside the basic plane: one character
])
def test_capitalised_words(finder, text, words):
    from afgmap import geocoding

    assert [text[s:e] for s, e in word_spans(getattr(geocoding, finder)(text))] == words


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 a_.-٨"), max_size=30))
def test_year_pattern_is_a_year_between_word_boundaries(text):
    from afgmap.claims import _YEAR

    plain = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
    assert [m.span() for m in _YEAR.finditer(text)] == [m.span() for m in plain.finditer(text)]


CLAUSE_PIECES = [" ", " - ", "--", "-", ",", ";", ":", "(", ")", "–", "—", "but", "while", "where",
                 "a", "w", "b", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CLAUSE_PIECES), max_size=20).map("".join))
def test_clause_breaks_are_those_of_the_plain_pattern(text):
    from afgmap.claims import _CLAUSE_BREAK

    # the plain form: dashes between spaces, the spaces left to the clauses around
    plain = re.compile(r",|;|:|\(|\)|\u2013|\u2014|(?<= )--?(?= )|\bbut\b|\bwh(?:ile|ere)\b")
    assert [m.span() for m in _CLAUSE_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*CLAUSE_PIECES, " -- ", "---", "xbut", "but", "whiles"]), max_size=20)
       .map("".join))
def test_clause_breaks_are_the_matches_of_the_clause_pattern(text):
    from afgmap.claims import _CLAUSE_BREAK, _clause_breaks

    assert _clause_breaks(text) == [match.span() for match in _CLAUSE_BREAK.finditer(text)]


SENTENCE_PIECES = ["Gen", "gen", "U.S", "Aug", "Jul", "Kunduz", "fell", "8", "x", "İ", "\"", "“", "(", ")",
                   "”", "'", " ", "\xa0", "\t", ".", "!", "?", "\n", "A", "Taliban", "Corp", "Sept"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=30).map("".join), st.integers(0, 30))
def test_abbreviation_test_is_its_plain_form(text, start):
    from afgmap.claims import _ABBREVIATIONS, _abbreviation_before

    for end in range(min(start, len(text)), len(text)):
        # the plain form: the last word before the mark, lower-cased and stripped of quotes
        before = text[max(start, end - 12) : end].rsplit(None, 1)
        word = before[-1].lower().strip("\"“(") if before else ""
        plain = word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        assert _abbreviation_before(text, start, end) == plain, (text, start, end)


def _guarded_patterns():
    """Each pattern searched only in texts that pass a cheap test, with the test."""
    from afgmap import claims, dates

    def holding(words):
        return lambda text: contains_any(text, words)

    return [
        ("_PARTIAL", claims._PARTIAL, holding(claims._PARTIAL_WORDS)),
        ("_NEGATION", claims._NEGATION, holding(claims._NEGATION_WORDS)),
        ("_MODAL_AFTER", claims._MODAL_AFTER, holding(claims._MODAL_AFTER_WORDS)),
        ("_NOT_A_TARGET_BEFORE", claims._NOT_A_TARGET_BEFORE,
         holding(claims._NOT_A_TARGET_BEFORE_WORDS)),
        ("_NOT_A_TARGET_AFTER", claims._NOT_A_TARGET_AFTER, holding(claims._NOT_A_TARGET_AFTER_WORDS)),
        ("_TALIBAN_WORD", claims._TALIBAN_WORD, holding(claims._TALIBAN_WORD_WORDS)),
        ("_GOVERNMENT_WORD", claims._GOVERNMENT_WORD, holding(claims._GOVERNMENT_WORD_WORDS)),
        ("_CLAUSE_WORD", claims._CLAUSE_WORD, holding(claims._CLAUSE_WORD_STEMS)),
        ("_SINGULAR_ANAPHOR", claims._SINGULAR_ANAPHOR, holding(claims._ANAPHOR_NOUNS)),
        ("_PLURAL_ANAPHOR", claims._PLURAL_ANAPHOR, holding(claims._ANAPHOR_NOUNS)),
        ("dates._FINDER", dates._FINDER, dates._may_hold_time),
    ]


@pytest.mark.parametrize(("name", "pattern", "passes"), _guarded_patterns(),
                         ids=[name for name, _, _ in _guarded_patterns()])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_match_of_a_guarded_pattern_passes_its_cheap_test(name, pattern, passes, data):
    # texts made to hold a match, drawn from each form of the pattern alike
    # (a large alternation would leave rare forms undrawn): the cheap test
    # must never turn one of them away
    form = data.draw(st.sampled_from(_forms(pattern)))
    text = data.draw(st.from_regex(form))
    match = form.search(text)
    assert match is not None
    assert passes(match.group()), (name, form.pattern, match.group())


def _forms(pattern):
    """The forms of a scanner's patterns, or of one pattern, each a regex of its own."""
    if isinstance(pattern, WordStartScanner):
        sources = [source for sources in pattern.families.values() for source in sources]
    else:
        sources = [pattern.pattern]
    forms = []
    for source in sources:
        try:
            forms += literal_first(source)
        except ValueError:  # a pattern that starts with no letter: drawn from as a whole
            forms.append(source)
    return [re.compile(form) for form in forms]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*SENTENCE_PIECES, "\r\n", "  ", "\u2003"]), max_size=30).map("".join))
def test_sentences_are_stripped_as_str_strip_would(text):
    from afgmap.claims import _BOUNDARY, _abbreviation_before, split_sentences

    # the plain form: each piece between boundaries, stripped with str.strip
    plain, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        if text[end] != "\n":
            if _abbreviation_before(text, start, end):
                continue
            end = match.end()
        plain.append((start, end))
        start = match.end()
    plain.append((start, len(text)))
    expected = [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip()))
        for s, e in plain if text[s:e].strip()
    ]
    assert split_sentences(text) == expected


BOUNDARY_PIECES = [".", "!", "?", " ", "  ", "\n", "\u2003", "\"", "“", "’", ")", "(", "A", "x", "8",
                   "Aug"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=20).map("".join))
def test_boundaries_are_the_matches_of_the_boundary_pattern(text):
    from afgmap.claims import _BOUNDARY, _boundaries

    assert _boundaries(text) == [match.span() for match in _BOUNDARY.finditer(text)]


def _word_start_scanners():
    """Every WordStartScanner of the package, by name."""
    from afgmap import claims, dates

    return [(f"{module.__name__}.{name}", value) for module in (claims, dates)
            for name, value in sorted(vars(module).items()) if isinstance(value, WordStartScanner)]


#: Around the drawn matches: words that share a start with the forms, cut words,
#: marks, letters and digits outside ASCII, a lone surrogate.
SCANNING_FILLER = [" ", "  ", ",", ".", "-", "'", "’", "\n", "the", "to", "on", "in", "ta", "t", "2",
                   "x", "_", "ښ", "é", "٨", "\u2003", "\ud800", "day", "last", "under", "re"]


@pytest.mark.parametrize(("name", "scanner"), _word_start_scanners(),
                         ids=[name for name, _ in _word_start_scanners()])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_scanning_by_words_finds_what_scanning_by_regex_finds(name, scanner, data):
    # the compiled build tries the regex only at words that start with a
    # form's lead (_candidates); texts made of matches of every form alike,
    # cut and joined by filler, must give the same matches either way
    pieces = data.draw(st.lists(
        st.one_of(st.sampled_from(_forms(scanner)).flatmap(st.from_regex),
                  st.sampled_from(SCANNING_FILLER)),
        max_size=8,
    ))
    text = "".join(pieces)
    cut = data.draw(st.integers(0, len(text)))
    for candidate in (text, text[cut:], text[:cut], fold(text)):
        assert scanner._find_by_words(candidate) == scanner._find_by_regex(candidate)
        assert scanner._first_by_words(candidate) == scanner._first_by_regex(candidate)
    start = data.draw(st.integers(0, len(text) + 2))
    end = data.draw(st.one_of(st.none(), st.integers(-2, len(text) + 2)))
    assert scanner._contains_by_words(text, start, end) == scanner._contains_by_regex(text, start, end)


@pytest.mark.parametrize(("form", "leads"), [
    (r"took\b(?!\s+place)", [b"took"]),
    (r"attacks?\s+on", [b"attack"]),
    (r"on\s+(?:friday|monday)", [b"on "]),            # \s+ may be several characters
    (r"the (?:next|following) day", [b"the following day", b"the next day"]),
    (r"in (?:the )??control", [b"in control", b"in the control"]),
    (r"fall(?:en)* of", [b"fall"]),                   # a repeated group ends the lead
    (r"sept?\.? \d", [b"sep"]),
    (r"aug\. 8", [b"aug  8"]),                        # escaped punctuation: a non-word character
    (r"x{2}y", [b""]),
    ("cafés", [b"caf"]),                              # a character outside ASCII ends it
    (r"caf\u00e9s", [b"caf"]),                        # and so does an escape
    (r"to fall|to retake", [b"t"]),                   # alternatives at the top: their first character
])
def test_leads_are_what_every_match_starts_with(form, leads):
    from afgmap._scanning import _leads

    assert _leads(form) == leads


def test_scanners_know_whether_they_run_compiled():
    # the compiled build compiles claims.py and _scanning.py alike: an extension module
    import afgmap.claims
    from afgmap._scanning import COMPILED

    assert afgmap.claims.__file__.endswith((".so", ".pyd")) == COMPILED


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=st.sampled_from("aZ ’—ÉéΣσςİIıK\u212aßẞǅ\u0301\ud800"), max_size=40),
                 st.text(max_size=40)))
def test_lower_case_utf8_is_str_lower_encoded(text):
    """Lower-cased as bytes, then character by character: a capital sigma, whose lower case
    depends on what stands around it, and a dotted I, which lower-cases to two characters."""
    assert lower_case_utf8(text) == text.lower().encode("utf-8", "surrogatepass")
