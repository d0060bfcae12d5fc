"""Fast scanning: many word patterns in one regex that Python's engine can skip through quickly."""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "COMPILED", "WordStartScanner", "characters_outside_ascii", "contains_any", "dispatch_pattern",
    "dispatch_scanner", "families_of_groups", "literal_first", "lower_case_utf8",
]

_ASCII_BYTES: Final = bytes(range(128))
#: Whether this module runs compiled by mypyc (see WordStartScanner): its file
#: is then an extension module, not Python source or bytecode.
COMPILED: Final = not __file__.endswith((".py", ".pyc"))


def characters_outside_ascii(data: bytes) -> str:
    """The characters of UTF-8 ``data`` that are not ASCII, in order (a few, usually).

    Found by deleting the ASCII bytes, which is much cheaper than a regex or a
    search per character over the text. ``data`` may hold surrogates (encoded
    with ``"surrogatepass"``).

    Examples
    --------
    >>> characters_outside_ascii("Sar-e Pūl’s".encode())
    'ū’'
    """
    return data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


#: The one character that ``str.lower`` lower-cases by its context (to a final sigma or not).
_CAPITAL_SIGMA: Final = "\u03a3"
#: Python's own ``str.lower``, called as an object: compiled, ``text.lower()`` is
#: mypyc's, which lower-cases a capital sigma without looking at its context.
_PYTHON_STR_LOWER: Final = str.lower


def lower_case_utf8(text: str) -> bytes:
    """``text.lower().encode("utf-8", "surrogatepass")``, made faster.

    The ASCII letters are lower-cased as bytes, then each distinct character
    outside ASCII character by character: ``str.lower`` reads a text that holds
    one curly quote character by character, several times slower. Only a
    capital sigma lower-cases by its context (final or not), so a text with one
    is lower-cased whole.

    Examples
    --------
    >>> lower_case_utf8("KUNDUZ’S Fall, ÉLAN, ΟΔΟΣ").decode()
    'kunduz’s fall, élan, οδος'
    """
    data = text.encode("utf-8", "surrogatepass").lower()  # the ASCII letters only
    if data.isascii():
        return data
    outside = set(characters_outside_ascii(data))
    if _CAPITAL_SIGMA in outside:
        return _PYTHON_STR_LOWER(text).encode("utf-8", "surrogatepass")
    for char in sorted(outside):
        lower = char.lower()
        if lower != char:
            data = data.replace(char.encode("utf-8", "surrogatepass"), lower.encode("utf-8", "surrogatepass"))
    return data


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` occurs in ``text``.

    A cheap test before a regular expression every match of which holds one of
    the words: each call of Python's regex engine costs thousands of
    instructions before it reads the text, a substring search of a sentence
    tens to hundreds.

    Examples
    --------
    >>> contains_any("they did not take it", ("no", "ne"))
    True
    >>> contains_any("they took it", ("no", "ne"))
    False
    """
    return any(word in text for word in words)


def _structure(text: str):
    """Yield (index, character, depth) for the characters outside escapes and sets."""
    depth, i, in_class = 0, 0, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        yield i, char, depth
        i += 1


def _close_paren(text: str, open_at: int) -> int:
    """Index of the parenthesis closing the one at ``open_at``."""
    for i, char, depth in _structure(text):
        if i > open_at and char == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced parentheses in pattern {text!r}")


def _split_alternatives(group: str) -> list[str]:
    """Split a group's body at its top-level ``|``."""
    cuts = [i for i, char, depth in _structure(group) if char == "|" and depth == 0]
    return [group[start + 1 : end] for start, end in zip([-1, *cuts], [*cuts, len(group)], strict=True)]


_GROUP_OPEN: Final = re.compile(r"\(\?:|\(\?P<\w+>")
_NAMED_GROUP: Final = re.compile(r"\(\?P<\w+>")


def literal_first(pattern: str) -> list[str]:
    r"""Rewrite a pattern as alternatives that each start with a literal letter or digit.

    Top-level alternatives are rewritten one by one. A leading group (capturing
    or not) is distributed over what follows it, an optional one also giving the
    alternative without it; a leading ``\d`` becomes the ten digits. A leading
    ``\b`` is kept in front of each form it applies to.

    Raises
    ------
    ValueError
        If an alternative cannot be made to start with a letter or digit.

    Examples
    --------
    >>> literal_first(r"\b(?:took|taken) back\b")
    ['\\btook back\\b', '\\btaken back\\b']
    >>> literal_first(r"\b(?:a |the )?siege\b|besieged")
    ['\\ba siege\\b', '\\bthe siege\\b', '\\bsiege\\b', 'besieged']
    >>> literal_first(r"\b\d\d? days")[:2]
    ['\\b0\\d? days', '\\b1\\d? days']
    """
    return [
        form for alternative in _split_alternatives(pattern)
        for form in _distribute(alternative, pattern, boundary=False)
    ]


def _distribute(body: str, pattern: str, boundary: bool) -> list[str]:
    if body.startswith(r"\b"):
        return _distribute(body[2:], pattern, boundary=True)
    group = _GROUP_OPEN.match(body)
    if group:
        close = _close_paren(body, 0)
        alternatives = _split_alternatives(body[group.end() : close])
        rest = body[close + 1 :]
        if rest.startswith("?"):
            alternatives.append("")
            rest = rest[1:]
        elif rest[:1] in ("*", "+", "{"):
            raise ValueError(f"cannot distribute a repeated leading group in {pattern!r}")
        return [
            form for alternative in alternatives
            for form in _distribute(alternative + rest, pattern, boundary)
        ]
    prefix = r"\b" if boundary else ""
    if body.startswith(r"\d") and body[2:3] not in ("*", "+", "?", "{"):
        return [prefix + digit + body[2:] for digit in "0123456789"]
    if not (body[:1].isascii() and body[:1].isalnum()):
        raise ValueError(
            f"pattern {pattern!r} does not start with a letter, a digit or a group of them"
        )
    return [prefix + body]


#: Forms of a pattern family by their first character: (leading ``\b``?, the rest).
_FormsByFirst = dict[str, dict[str, list[tuple[bool, str]]]]


def _forms_by_first(families: dict[str, tuple[str, ...]]) -> _FormsByFirst:
    by_first: _FormsByFirst = {}
    for family, patterns in families.items():
        if "__" in family or not family.isidentifier():
            raise ValueError(f"family name {family!r} must be an identifier without '__'")
        for pattern in patterns:
            for form in literal_first(pattern):
                boundary = form.startswith(r"\b")
                form = _NAMED_GROUP.sub("(?:", form.removeprefix(r"\b"))
                first = form[0]
                if first != first.lower():
                    raise ValueError(f"pattern {pattern!r} must be lower case (it scans folded text)")
                by_first.setdefault(first, {}).setdefault(family, []).append((boundary, form[1:]))
    return by_first


def dispatch_scanner(families: dict[str, tuple[str, ...]]) -> re.Pattern:
    r"""One case-sensitive regex for lower-case text, dispatched on the first character.

    Each alternative starts with a literal letter or digit (followed by a
    word-boundary check where the pattern had a leading ``\b``), so that the
    regex begins with a set of characters and the engine skips every other
    position in C. At a position, families are tried in the order given, and
    inside a family its patterns in order (as in one alternation), so matches
    are those of the plain alternation. A match's family is
    ``families_of_groups(scanner)[match.lastgroup]``; the patterns' own named groups are
    dropped (match the family's pattern again at ``match.start()`` for them).

    Examples
    --------
    >>> scanner = dispatch_scanner({"go": (r"\b(?:went|gone)\b",), "stay": (r"\bstay(?:ed)?\b",)})
    >>> family = families_of_groups(scanner)
    >>> [(m.group(), family[m.lastgroup]) for m in scanner.finditer("she stayed, he went")]
    [('stayed', 'stay'), ('went', 'go')]
    """
    by_first = _forms_by_first(families)
    branches = []
    for first in sorted(by_first):
        forms = [form for rests in by_first[first].values() for form in rests]
        shared_boundary = all(boundary for boundary, _ in forms)
        inner = "|".join(
            f"(?P<{family}__{first}>"
            + "|".join(
                f"(?:{rest})" if shared_boundary or not boundary else rf"(?:(?<!\w\w){rest})"
                for boundary, rest in rests
            )
            + ")"
            for family, rests in by_first[first].items()
        )
        check = r"(?<!\w\w)" if shared_boundary else ""
        branches.append(f"{re.escape(first)}{check}(?:{inner})")
    return re.compile("|".join(branches))


def dispatch_pattern(pattern: str) -> re.Pattern:
    r""":func:`dispatch_scanner` for one pattern: the same matches, found faster.

    Examples
    --------
    >>> dispatch_pattern(r"\b(?:may|might|if)\b").search("what if it falls").span()
    (5, 7)
    """
    return dispatch_scanner({"match": (pattern,)})


def families_of_groups(scanner: re.Pattern) -> dict[str | None, str]:
    r"""The family of each group of a :func:`dispatch_scanner`, by group name.

    Examples
    --------
    >>> scanner = dispatch_scanner({"go": (r"\bwent\b",)})
    >>> families_of_groups(scanner)[scanner.search("he went").lastgroup]
    'go'
    """
    return {name: name.split("__")[0] for name in scanner.groupindex}


class WordStartScanner:
    r"""Patterns that all start at a word start, scanned from the non-word character before it.

    Like :func:`dispatch_scanner` (the same matches in the same order, found in
    lower-case text), for families whose every form starts with ``\b`` and a
    letter or digit. The regex starts at the character before the word, one of
    the spaces and punctuation that are rarer than letters, so the engine skips
    more positions in C; the text is scanned with a space in front. In ASCII
    text the character before is matched as a set (``[^a-zA-Z0-9_]``, which is
    what ``\W`` means there), which the engine tests faster than ``\W``.

    Compiled (:data:`COMPILED`), it does not let the regex scan: a loop over
    the characters finds the words that start with the lead of a form (its
    fixed first characters, see :func:`_leads`), and the regex is tried only
    before those. Both ways give the same matches (tests/test_scanning.py
    compares them on every scanner of the package).

    Parameters
    ----------
    families : dict of str to tuple of str
        Patterns by family, as for :func:`dispatch_scanner`.

    Raises
    ------
    ValueError
        If a form does not start with ``\b`` (it could match inside a word).

    Examples
    --------
    >>> scanner = WordStartScanner({"go": (r"\b(?:went|gone)\b",), "stay": (r"\bstay(?:ed)?\b",)})
    >>> text = "she stayed, he went"
    >>> [(text[start:end], family) for start, end, family in scanner.find(text)]
    [('stayed', 'stay'), ('went', 'go')]
    >>> scanner.contains("gone west"), scanner.contains("undergone"), scanner.contains("undergone", 5)
    (True, False, False)
    """

    def __init__(self, families: dict[str, tuple[str, ...]]) -> None:
        by_first = _forms_by_first(families)
        branches = []
        for first, by_family in sorted(by_first.items()):
            inner = []
            for family, forms in by_family.items():
                for boundary, rest in forms:
                    if not boundary:
                        raise ValueError(
                            f"a form of family {family!r} starting {first + rest!r} has no leading \\b"
                        )
                inner.append(f"(?P<{family}__{first}>" + "|".join(f"(?:{rest})" for _, rest in forms) + ")")
            branches.append(f"{re.escape(first)}(?:{'|'.join(inner)})")
        self.pattern = re.compile(r"\W(?:" + "|".join(branches) + ")")
        #: the same for ASCII text, where \W is this set (a set is tested faster)
        self.ascii_pattern = re.compile(r"[^a-zA-Z0-9_](?:" + "|".join(branches) + ")")
        self.family = families_of_groups(self.pattern)
        #: the patterns scanned for, by family, as given
        self.families = families
        #: each form as the regex reads it, for its leads (see _leads)
        self._forms = [f"{first}(?:{rest})" for first, by_family in by_first.items()
                       for forms in by_family.values() for _, rest in forms]
        #: the tables of the forms' leads (see _lead_tables), made on first use:
        #: only the compiled build scans by words
        self._tables: tuple[bytes, list[tuple[bytes, ...]]] | None = None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, family)`` of each match in ``text``, in order."""
        return self._find_by_words(text) if COMPILED else self._find_by_regex(text)

    def first(self, text: str) -> tuple[int, int, str] | None:
        """``(start, end, family)`` of the first match in ``text``, if any."""
        return self._first_by_words(text) if COMPILED else self._first_by_regex(text)

    def contains(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` has a match, as ``pattern.search(text, start, end)`` would say.

        That is, a word cut by ``start`` does not start there, but one cut by
        ``end`` ends there.
        """
        if COMPILED:
            return self._contains_by_words(text, start, end)
        return self._contains_by_regex(text, start, end)

    # Two ways to the same matches. Interpreted, the regex scans the text (its
    # engine skips in C to each non-word character). Compiled, a loop over the
    # characters finds the words that may start a match (_candidates) and the
    # regex is tried only there: for the cue scanner that costs about a third
    # of the regex's scan (BENCHMARKS.md, seventh round).

    def _find_by_regex(self, text: str) -> list[tuple[int, int, str]]:
        padded = " " + text
        pattern = self.ascii_pattern if text.isascii() else self.pattern
        found: list[tuple[int, int, str]] = []
        position = 0
        while True:
            # one iterator for all the matches (a call of the engine costs
            # more than its scan of a sentence) ...
            for match in pattern.finditer(padded, position):
                end = match.end()
                found.append((match.start(), end - 1, self.family[match.lastgroup]))
                last = padded[end - 1]
                if not (last.isalnum() or last == "_"):
                    # ... but a match that ends with a non-word character
                    # ("aug.") leaves it to stand before the next word, as \b
                    # would: search again from it
                    position = end - 1
                    break
            else:
                return found

    def _find_by_words(self, text: str) -> list[tuple[int, int, str]]:
        padded = " " + text
        pattern = self.ascii_pattern if text.isascii() else self.pattern
        found: list[tuple[int, int, str]] = []
        allowed = 0  # where the next match may start, as _find_by_regex goes on
        for at in self._candidates(padded, 0, len(padded)):
            if at < allowed:
                continue
            match = pattern.match(padded, at)
            if match is None:
                continue
            end = match.end()
            found.append((at, end - 1, self.family[match.lastgroup]))
            last = padded[end - 1]
            allowed = end if last.isalnum() or last == "_" else end - 1
        return found

    def _first_by_regex(self, text: str) -> tuple[int, int, str] | None:
        match = (self.ascii_pattern if text.isascii() else self.pattern).search(" " + text)
        if match is None:
            return None
        return match.start(), match.end() - 1, self.family[match.lastgroup]

    def _first_by_words(self, text: str) -> tuple[int, int, str] | None:
        padded = " " + text
        pattern = self.ascii_pattern if text.isascii() else self.pattern
        for at in self._candidates(padded, 0, len(padded)):
            match = pattern.match(padded, at)
            if match is not None:
                return at, match.end() - 1, self.family[match.lastgroup]
        return None

    def _contains_by_regex(self, text: str, start: int = 0, end: int | None = None) -> bool:
        pattern = self.ascii_pattern if text.isascii() else self.pattern
        if start > 0:  # the character before start is the real one
            return pattern.search(text, start - 1, len(text) if end is None else end) is not None
        return pattern.search(" " + text[:end]) is not None

    def _contains_by_words(self, text: str, start: int = 0, end: int | None = None) -> bool:
        pattern = self.ascii_pattern if text.isascii() else self.pattern
        if start > 0:  # the character before start is the real one
            endpos = len(text) if end is None else min(max(end, 0), len(text))
            return any(
                pattern.match(text, at, endpos) is not None
                for at in self._candidates(text, start - 1, endpos)
            )
        padded = " " + text[:end]
        return any(pattern.match(padded, at) is not None for at in self._candidates(padded, 0, len(padded)))

    def _candidates(self, text: str, pos: int, endpos: int) -> list[int]:
        """Where in ``text[pos:endpos]`` a match may start, in order.

        These are the non-word characters before a word that starts with the
        lead of one of the forms (see :func:`_leads`). Every match starts at one
        of them, so the regex need only be tried there: two table lookups per
        word cost far less than the engine's attempt at each word.
        """
        # ASCII word characters as they are, everything else a space (a character
        # outside ASCII too: a letter there only adds places to try)
        data = text[pos:endpos].encode("ascii", "replace").translate(_WORD_CHARACTERS_OR_SPACE)
        size = len(data)
        if self._tables is None:
            self._tables = _lead_tables(sorted({lead for form in self._forms for lead in _leads(form)}))
        pairs, leads_by_pair = self._tables
        found: list[int] = []
        previous = data[0] if size else _SPACE
        for at in range(1, size):
            current = data[at]
            if previous != _SPACE or current == _SPACE:
                previous = current
                continue  # not the start of a word
            previous = current
            index = current << 8 | (data[at + 1] if at + 1 < size else _SPACE)
            pair = pairs[index]
            if pair == _PAIR_IS_A_LEAD:
                found.append(pos + at - 1)
            elif pair == _PAIR_STARTS_LEADS:
                third = data[at + 2] if at + 2 < size else _SPACE
                for lead in leads_by_pair[index]:
                    if lead[2] == third and (len(lead) == 3 or data[at : at + len(lead)] == lead):
                        found.append(pos + at - 1)
                        break
        return found


#: ASCII word characters ([a-zA-Z0-9_]) map to themselves, all other bytes to a space.
_WORD_CHARACTERS_OR_SPACE: Final = bytes(
    code if chr(code).isascii() and (chr(code).isalnum() or code == ord("_")) else ord(" ")
    for code in range(256)
)
#: Characters with a meaning of their own in a pattern (outside a set).
_PATTERN_SYNTAX: Final = frozenset("\\.^$*+?{}[]()|")
_SPACE: Final = 32
#: What the first table of _lead_tables holds for the first two characters of a word.
_PAIR_IS_A_LEAD: Final = 1
_PAIR_STARTS_LEADS: Final = 2


def _lead_tables(leads: list[bytes]) -> tuple[bytes, list[tuple[bytes, ...]]]:
    """Two tables indexed by 256 * a word's first byte + its second (a space if none).

    The first says: no lead starts so (0), a lead is these bytes or the first
    of them (_PAIR_IS_A_LEAD), or some leads of three or more bytes start so
    (_PAIR_STARTS_LEADS); the second lists those leads.

    Examples
    --------
    >>> pairs, longer = _lead_tables([b"2", b"if", b"took", b"to "])
    >>> pairs[ord("2") << 8 | ord("x")], pairs[ord("i") << 8 | ord("f")], pairs[ord("t") << 8 | ord("o")]
    (1, 1, 2)
    >>> longer[ord("t") << 8 | ord("o")], pairs[ord("t") << 8 | ord("a")]
    ((b'took', b'to '), 0)
    """
    pairs = bytearray(1 << 16)
    longer: list[tuple[bytes, ...]] = [()] * (1 << 16)
    for lead in leads:
        for second in range(256) if len(lead) == 1 else (lead[1],):
            index = lead[0] << 8 | second
            if len(lead) <= 2:
                pairs[index] = _PAIR_IS_A_LEAD
            else:
                longer[index] = (*longer[index], lead)
                if pairs[index] != _PAIR_IS_A_LEAD:
                    pairs[index] = _PAIR_STARTS_LEADS
    return bytes(pairs), longer


#: At most this many leads per form: beyond, a form's lead stops at its first group.
_MAX_LEADS: Final = 64


def _leads(form: str) -> list[bytes]:
    r"""What a match of ``form`` may start with, as :meth:`WordStartScanner._candidates` sees text.

    Each lead is the fixed characters at the start of the form, an ASCII word
    character as itself and any non-word character as a space, along one way
    through its leading groups (each alternative of a group, and the way
    without an optional one), up to the first part that is not one fixed
    character: a set, a class such as ``\w``, a boundary, a lookaround, a
    repeated group, a character made optional by a quantifier. ``\s`` and
    escaped punctuation count as a non-word character. Every match starts with
    one of the leads.

    Examples
    --------
    >>> _leads(r"captur(?:e|ed)\b"), _leads(r"attacks? on"), _leads(r"aug\.?\s+\d")
    ([b'capture', b'captured'], [b'attack'], [b'aug'])
    >>> _leads(r"in (?:the )?control of\b"), _leads(r"since (?:last )?fri(?=day)"), _leads(r"on\s+fri")
    ([b'in control of', b'in the control of'], [b'since fri', b'since last fri'], [b'on '])
    """
    if len(_split_alternatives(form)) > 1:
        return [form[0].encode("ascii")]
    return sorted(set(_expand_leads(form)))


def _expand_leads(form: str) -> list[bytes]:
    lead: list[str] = []
    i = 0
    while i < len(form):
        char = form[i]
        width = 1
        if form.startswith("(?:", i):
            close = _close_paren(form, i)
            after = form[close + 1 :]
            alternatives = _split_alternatives(form[i + 3 : close])
            if after[:1] == "?":  # optional (also lazily or possessively): or not there at all
                alternatives.append("")
                after = after[2:] if after[1:2] in ("?", "+") else after[1:]
            elif after[:1] in ("*", "+", "{"):
                break
            fixed = "".join(lead).encode("ascii")
            leads = [
                fixed + rest for alternative in alternatives for rest in _expand_leads(alternative + after)
            ]
            return leads if len(leads) <= _MAX_LEADS else [fixed]
        if char == "\\":
            escaped = form[i + 1 : i + 2]
            if not escaped.isascii() or (escaped.isalnum() and escaped != "s") or escaped in ("", "_"):
                break  # a class, a boundary, an escape such as \n: not one fixed character
            unit, width = " ", 2  # \s, or escaped punctuation: one non-word character
        elif char in _PATTERN_SYNTAX or not char.isascii():
            break
        else:
            unit = char if char.isalnum() or char == "_" else " "
        quantifier = form[i + width : i + width + 1]
        if quantifier in ("?", "*", "{"):
            break
        lead.append(unit)
        if quantifier == "+":
            break
        i += width
    return ["".join(lead).encode("ascii")]
