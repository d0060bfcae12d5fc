"""Fast scanners: many word patterns in one regex that Python's engine can skip through quickly."""

from __future__ import annotations

import re

__all__ = ["dispatch_scanner", "literal_first"]


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


def literal_first(pattern: str) -> list[str]:
    r"""Rewrite a word pattern as alternatives that each start with a literal letter.

    A leading ``\b`` is dropped and a leading non-capturing group is distributed
    over what follows it (an optional group also gives the alternative without
    it).

    Raises
    ------
    ValueError
        If an alternative cannot be made to start with a letter.

    Examples
    --------
    >>> literal_first(r"\b(?:took|taken) back\b")
    ['took back\\b', 'taken back\\b']
    >>> literal_first(r"\b(?:a |the )?siege\b")
    ['a siege\\b', 'the siege\\b', 'siege\\b']
    """
    body = pattern.removeprefix(r"\b")
    if body.startswith("(?:"):
        close = _close_paren(body, 0)
        alternatives = _split_alternatives(body[3:close])
        rest = body[close + 1 :]
        if rest.startswith("?"):
            alternatives.append("")
            rest = rest[1:]
        elif rest[:1] in ("*", "+", "{"):
            raise ValueError(f"cannot distribute a repeated leading group in {pattern!r}")
        return [form for alternative in alternatives for form in literal_first(alternative + rest)]
    if not body[:1].isalpha():
        raise ValueError(f"pattern {pattern!r} does not start with a letter or a group of words")
    return [body]


def dispatch_scanner(families: dict[str, tuple[str, ...]]) -> re.Pattern:
    r"""One case-sensitive regex for lower-case text, dispatched on the first letter.

    Each alternative starts with a literal letter followed by a word-boundary
    check, so that the regex begins with a set of letters and the engine skips
    every other position in C. At a position, families are tried in the order
    given, and inside a family its patterns in order (as in one alternation).
    A match's family is ``match.lastgroup.split("__")[0]``.

    Examples
    --------
    >>> scanner = dispatch_scanner({"go": (r"\b(?:went|gone)\b",), "stay": (r"\bstay(?:ed)?\b",)})
    >>> [(m.group(), m.lastgroup.split("__")[0]) for m in scanner.finditer("she stayed, he went")]
    [('stayed', 'stay'), ('went', 'go')]
    """
    by_letter: dict[str, dict[str, list[str]]] = {}
    for family, patterns in families.items():
        if "__" in family or not family.isidentifier():
            raise ValueError(f"family name {family!r} must be an identifier without '__'")
        for pattern in patterns:
            for form in literal_first(pattern):
                letter = form[0]
                if letter != letter.lower():
                    raise ValueError(f"pattern {pattern!r} must be lower case (it scans folded text)")
                by_letter.setdefault(letter, {}).setdefault(family, []).append(form[1:])
    branches = []
    for letter in sorted(by_letter):
        inner = "|".join(
            f"(?P<{family}__{letter}>{'|'.join(f'(?:{rest})' for rest in rests)})"
            for family, rests in by_letter[letter].items()
        )
        branches.append(f"{re.escape(letter)}(?<!\\w\\w)(?:{inner})")
    return re.compile("|".join(branches))
