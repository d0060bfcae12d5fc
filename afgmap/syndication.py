"""Syndication: wire copies and near-copies of one story get one story id."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from afgmap._scanning import characters_outside_ascii, lower_case_utf8

__all__ = [
    "Sketch", "containment", "estimated_containment", "estimated_containments", "shingles", "sketch",
    "sketches", "story_ids",
]

#: Punctuation and control characters separate words: all become spaces.
_SEPARATORS = bytes(range(33)) + b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TO_SPACES = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))
#: Typographic marks that separate words too.
_UNICODE_MARKS = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb")


def _word_bytes(text: str) -> bytes:
    """The text lower-cased as UTF-8, with a space for each separator and at both ends."""
    data = lower_case_utf8(text)
    if not data.isascii():
        for mark in sorted(_UNICODE_MARKS.intersection(characters_outside_ascii(data))):
            data = data.replace(mark.encode(), b" ")
    return b" " + data.translate(_TO_SPACES) + b" "


#: Words per shingle.
SHINGLE_SIZE = 5
#: Shingle hashes kept per report: the smallest ones (a bottom-k sketch). Texts
#: with fewer shingles keep them all, so that their comparisons are exact.
SKETCH_SIZE = 256
#: The smallest hashes of each sketch that index it for candidate search (two
#: near-copies share many of them), however many reports share them.
INDEXED_HASHES = 64
#: Two reports are copies of one story when this share of the smaller one's
#: shingles also appears in the other. Measured on the seeds: a wire copy 0.99,
#: a rewritten copy sharing most paragraphs 0.49, unrelated reports 0.00-0.03.
CONTAINMENT_THRESHOLD = 0.4
#: Reports indexed under one hash are all paired when they are at most this many;
#: beyond it, only neighbours are (see _candidate_pairs).
SMALL_POSTING = 8
#: The hashes of each sketch that the fewest other reports hold also index it:
#: boilerplate can fill the smallest hashes of two copies, not the hashes only
#: their story has. (With the smallest hashes only, 28 % of the copies among
#: 100,000 generated reports were missed.)
RAREST_INDEXED = 16
#: Candidate pairs share at least this many indexed hashes (near-copies share
#: dozens; unrelated reports an odd stock phrase).
MIN_SHARED = 3
#: The candidate search runs over 2**_RANGE_BITS classes of hash values, one at a time.
_RANGE_BITS = 4
#: ... and counts the pairs it found in this many ranges of pairs, one at a time.
_KEY_BUCKETS = 8
#: The rarest hashes are chosen for this many reports at a time.
_REPORTS_PER_CHUNK = 4096


#: A window's hash is a polynomial in this odd base over its bytes (each plus one),
#: modulo 2**64; odd, so that its powers can be divided by (see _span_hashes).
_WORD_BASE = 0x100000001B3
#: Data up to this many bytes (a batch of texts' words) uses powers of the base computed once.
_CACHED_POWERS = 1 << 17


def _powers(base: int, count: int) -> np.ndarray:
    """``base**0 .. base**(count - 1)`` modulo 2**64."""
    powers = np.full(count, base, dtype=np.uint64)
    powers[:1] = 1
    return np.cumprod(powers, out=powers)  # integer arrays wrap modulo 2**64


_POWERS = _powers(_WORD_BASE, _CACHED_POWERS)
_INVERSE_POWERS = _powers(pow(_WORD_BASE, -1, 2**64), _CACHED_POWERS)


def _one_space_between_words(codes: np.ndarray) -> np.ndarray:
    """Bytes (``uint8``) with each run of spaces after the first byte cut to one space."""
    keep = codes != 32
    keep[1:] |= keep[:-1].copy()  # a space stays after a byte that is not one
    keep[:1] = True
    return codes[keep]


def _span_hashes(data: bytes, size: int) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit hash of each run of ``size`` words of each text of ``data``.

    ``data`` holds the texts' words (runs of bytes other than spaces and NUL)
    between spaces, starting and ending with a space (see :func:`_word_bytes`),
    with a NUL byte between two texts: a text's windows are its own, and one
    with fewer than ``size`` words has one window of all of them. Each run of
    spaces counts as one, and a window's hash is ``sum((b_k + 1) * B**k)``
    modulo 2**64 over the bytes ``b_0 .. b_m`` of its words joined by one space.
    All windows are hashed at once: the prefix sums of ``(byte_j + 1) * B**j``
    over the data give each window's sum times ``B**start``, and multiplying by
    the inverse of ``B**start`` (B is odd, hence invertible) leaves its hash.

    Returns
    -------
    hashes : numpy.ndarray of uint64
        The windows' hashes, text by text, each text's in text order.
    counts : numpy.ndarray of int64
        How many windows each text has.
    """
    codes = _one_space_between_words(np.frombuffer(data, dtype=np.uint8))
    spaces = np.flatnonzero(codes == 32)  # word k lies between spaces k and k + 1
    # each NUL is a word of its own between two texts' words
    separators = np.searchsorted(spaces, np.flatnonzero(codes == 0)) - 1
    first_words = np.concatenate(([0], separators + 1))
    word_counts = np.concatenate((separators, [len(spaces) - 1])) - first_words
    windows = np.minimum(word_counts, size)
    counts = np.where(word_counts > 0, word_counts - windows + 1, 0)
    total = int(counts.sum())
    # the first word of each window, and the one after its last
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    start_words = np.repeat(first_words, counts) + offsets
    starts, ends = spaces[start_words] + 1, spaces[start_words + np.repeat(windows, counts)]
    count = len(codes)
    if count <= _CACHED_POWERS:
        powers, inverse_powers = _POWERS[:count], _INVERSE_POWERS[:count]
    else:
        powers = _powers(_WORD_BASE, count)
        inverse_powers = _powers(pow(_WORD_BASE, -1, 2**64), count)
    sums = np.zeros(count + 1, dtype=np.uint64)
    np.cumsum((codes.astype(np.uint64) + np.uint64(1)) * powers, out=sums[1:])
    return (sums[ends] - sums[starts]) * inverse_powers[starts], counts


#: sketches() hashes texts together until they hold this many characters (the
#: text that reaches it is the batch's last; 16 to 64 reports of 4 KB were the
#: fastest, twice as fast as one at a time) ...
_CHARACTERS_PER_BATCH = 1 << 16
#: ... or until they are this many.
_TEXTS_PER_BATCH = 64


def _shingle_hashes_of_texts(texts: Sequence[str], size: int = SHINGLE_SIZE) -> list[np.ndarray]:
    """:func:`_shingle_hashes` of each text, with the array operations done once for all.

    Each array operation costs microseconds before it reads an element;
    hashing a report's 4 KB costs about as much as those, so the texts are
    hashed together: their words joined with a NUL byte between two texts.
    """
    if not texts:
        return []
    hashes, counts = _span_hashes(b"\0".join(_word_bytes(text) for text in texts), size)
    # a final mix, so that all the bits of a hash depend on all of its window
    hashes ^= hashes >> np.uint64(29)
    hashes *= np.uint64(0xBF58476D1CE4E5B9)
    hashes ^= hashes >> np.uint64(32)
    top = (hashes >> np.uint64(32)).astype(np.uint32)
    bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
    for start, end in pairwise(bounds):
        top[start:end].sort()  # each text's, in place
    distinct = np.empty(len(top) + 1, dtype=bool)  # one more: the start of a text with none
    np.not_equal(top[1:], top[:-1], out=distinct[1 : len(top)])
    distinct[bounds[:-1]] = True  # a text's first hash is its own
    distinct = distinct[: len(top)]
    kept_before = np.concatenate(([0], np.cumsum(distinct)))[bounds].tolist()
    values = top[distinct]
    return [values[start:end] for start, end in pairwise(kept_before)]


def _shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the ``size``-word windows of a text.

    Each window is hashed (:func:`_span_hashes`: stable across runs and
    processes, unlike ``hash``), mixed, and its top 32 bits are kept.
    """
    return _shingle_hashes_of_texts([text], size)[0]


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[int]:
    """Hashes of the overlapping ``size``-word windows of a text.

    Words are lower-cased and punctuation is ignored, so typographic quotes,
    line breaks and dashes do not hide a copy. Hashes are stable across runs
    and processes.

    Examples
    --------
    >>> len(shingles("one two three four five six"))
    2
    >>> shingles("One, two; THREE four five") == shingles("one two three four five")
    True
    """
    return frozenset(_shingle_hashes(text, size).tolist())


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set that the larger contains (0 when either is empty).

    Examples
    --------
    >>> containment(frozenset({1, 2}), frozenset({1, 2, 3, 4}))
    1.0
    """
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


@dataclass(frozen=True, eq=False, slots=True)
class Sketch:
    """A bottom-k sketch of a text's shingles: enough to compare it with another.

    Attributes
    ----------
    hashes : numpy.ndarray
        The smallest :data:`SKETCH_SIZE` shingle hashes, sorted (all of them for
        a short text).
    n_shingles : int
        How many distinct shingles the text has.
    """

    hashes: np.ndarray
    n_shingles: int


def sketch(text: str, size: int = SKETCH_SIZE) -> Sketch:
    """The bottom-k sketch of a text (a few hundred bytes, whatever its length).

    Examples
    --------
    >>> s = sketch("one two three four five six")
    >>> s.n_shingles, len(s.hashes)
    (2, 2)
    """
    return sketches([text], size)[0]


def sketches(texts: Sequence[str], size: int = SKETCH_SIZE) -> list[Sketch]:
    """The :func:`sketch` of each text, hashed a few dozen texts at a time (faster).

    Examples
    --------
    >>> [s.n_shingles for s in sketches(["one two three four five six", "", "a b c"])]
    [2, 0, 1]
    """
    result: list[Sketch] = []
    batch: list[str] = []
    characters = 0
    for position, text in enumerate(texts):
        batch.append(text)
        characters += len(text)
        if (characters >= _CHARACTERS_PER_BATCH or len(batch) == _TEXTS_PER_BATCH
                or position == len(texts) - 1):
            result += (Sketch(hashes[:size].copy(), len(hashes))
                       for hashes in _shingle_hashes_of_texts(batch))
            batch, characters = [], 0
    return result


def estimated_containment(a: Sketch, b: Sketch, size: int = SKETCH_SIZE) -> float:
    """Containment of the smaller text in the larger, estimated from their sketches.

    Jaccard similarity is estimated on the ``size`` smallest hashes of the
    union (Broder's bottom-k estimator), then turned into containment with the
    texts' shingle counts. Exact when both texts have at most ``size`` shingles.

    Examples
    --------
    >>> text = "the city of Kunduz fell to the Taliban on Sunday after weeks of fighting"
    >>> estimated_containment(sketch(text), sketch("Breaking: " + text))
    1.0
    """
    pair = np.array([0]), np.array([1])
    return float(estimated_containments([a, b], *pair, size=size)[0])


#: Pairs compared at once by estimated_containments (about 1 MB of temporaries).
_PAIRS_PER_CHUNK = 256


def estimated_containments(
    sketches: Sequence[Sketch], firsts: np.ndarray, seconds: np.ndarray, *, size: int = SKETCH_SIZE
) -> np.ndarray:
    """:func:`estimated_containment` of many pairs of sketches at once.

    Parameters
    ----------
    sketches : sequence of Sketch
    firsts, seconds : numpy.ndarray of int
        The pairs: positions in ``sketches``.
    size : int, default SKETCH_SIZE
        How many of the union's smallest hashes the estimate uses.

    Returns
    -------
    numpy.ndarray of float
        The estimated containment of each pair.

    Examples
    --------
    >>> import numpy as np
    >>> texts = ["one two three four five six", "one two three four five six seven", "a b c d e"]
    >>> estimated_containments([sketch(t) for t in texts], np.array([0, 0]), np.array([1, 2]))
    array([1., 0.])
    """
    if len(firsts) != len(seconds):
        raise ValueError(f"firsts and seconds differ in length: {len(firsts)} != {len(seconds)}")
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size!r}")
    hash_counts = np.fromiter((len(s.hashes) for s in sketches), dtype=np.int64, count=len(sketches))
    shingle_counts = np.fromiter((s.n_shingles for s in sketches), dtype=np.int64, count=len(sketches))
    width = int(hash_counts.max()) if len(sketches) else 0
    # each pair's row: the first sketch's hashes, then the second's, each half filled
    # up with values above every hash and all distinct, so that once the row is
    # sorted a value twice in a row is a hash of both sketches
    filling = np.arange(2 * width, dtype=np.uint64) + np.uint64(1 << 32)
    first_filling, second_filling = filling[:width], filling[width:]
    result = np.empty(len(firsts), dtype=np.float64)
    for start in range(0, len(firsts), _PAIRS_PER_CHUNK):
        chunk = slice(start, start + _PAIRS_PER_CHUNK)
        first, second = firsts[chunk], seconds[chunk]
        parts: list[np.ndarray] = []
        for i, j in zip(first.tolist(), second.tolist(), strict=True):
            a, b = sketches[i].hashes, sketches[j].hashes
            parts += (a, first_filling[len(a):], b, second_filling[len(b):])
        rows = np.concatenate(parts).reshape(len(first), 2 * width)
        rows.sort(axis=1, kind="stable")  # two sorted runs: merged, not sorted anew
        twice = rows[:, 1:] == rows[:, :-1]
        # the rank of each value among the union's distinct values (a repeat has its first's)
        rank = np.cumsum(~twice, axis=1, dtype=np.int32) + 1
        shared = np.count_nonzero(twice & (rank <= size), axis=1)
        union = np.minimum(hash_counts[first] + hash_counts[second] - np.count_nonzero(twice, axis=1), size)
        # Jaccard J = shared / |union|; |A u B| = (|A| + |B|) / (1 + J); containment = |A n B| / min
        total = shingle_counts[first] + shingle_counts[second]
        smaller = np.minimum(shingle_counts[first], shingle_counts[second])
        with np.errstate(divide="ignore", invalid="ignore"):
            estimate = np.minimum(1.0, shared * total / ((union + shared) * smaller))
        result[chunk] = np.where(smaller > 0, estimate, 0.0)
    return result


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal values starts in a sorted array, and how long it is.

    Examples
    --------
    >>> _runs(np.array([3, 3, 5, 7, 7, 7]))
    (array([0, 2, 3]), array([2, 1, 3]))
    """
    if not len(values):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    return starts, np.diff(np.r_[starts, len(values)])


def _holders(all_hashes: np.ndarray, low_bits: np.ndarray) -> np.ndarray:
    """How many sketches hold each of ``all_hashes`` (a sketch holds a hash once), up to 65,535."""
    holders = np.empty(len(all_hashes), dtype=np.uint16)
    for value in range(1 << _RANGE_BITS):
        chosen = np.flatnonzero(low_bits == value)
        # one sort of (hash, position) as a 64-bit number (positions below 2**32): much
        # faster than an argsort
        entries = (all_hashes[chosen].astype(np.uint64) << np.uint64(32)) | chosen.astype(np.uint64)
        del chosen
        entries.sort()
        _, sizes = _runs(entries >> np.uint64(32))
        positions = (entries & np.uint64(0xFFFFFFFF)).astype(np.int64)
        del entries
        holders[positions] = np.repeat(np.minimum(sizes, 65535), sizes)
    return holders


def _rarest(holders: np.ndarray, lengths: np.ndarray, count: int) -> np.ndarray:
    """Whether each hash is one of its report's ``count`` rarest: the fewest holders, then the smallest.

    Hashes that no other report holds are left out. ``holders`` runs over the
    sketches one after another, ``lengths`` long each.
    """
    chosen = np.zeros(len(holders), dtype=bool)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    # a chunk holds fewer than 2**24 hashes (sketches of more are refused by _candidate_pairs)
    per_chunk = min(_REPORTS_PER_CHUNK, (1 << 24) // max(1, int(lengths.max(initial=0))))
    for first in range(0, len(lengths), per_chunk):
        last = min(first + per_chunk, len(lengths))
        offset = int(starts[first])
        shared = np.flatnonzero(holders[offset : ends[last - 1]] >= 2)
        owners = np.repeat(np.arange(last - first), lengths[first:last])[shared]
        # (owner, holders, position) as one 64-bit number, sorted: each owner's
        # hashes from the rarest
        order = (owners.astype(np.uint64) << np.uint64(40)) | (
            holders[offset + shared].astype(np.uint64) << np.uint64(24)
        ) | shared.astype(np.uint64)
        order.sort()
        run_starts, run_sizes = _runs(order >> np.uint64(40))  # one run per owner
        rank = np.arange(len(order)) - np.repeat(run_starts, run_sizes)
        kept = (order[rank < count] & np.uint64((1 << 24) - 1)).astype(np.int64)
        chosen[offset + kept] = True
    return chosen


def _signature_orders(
    all_hashes: np.ndarray, rarest: np.ndarray, ends: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Orders of the reports by two signatures: min-hashes of each one's rarest hashes.

    Copies share their rarest hashes, hence their signatures, so they stand next
    to each other in a posting whose reports are in signature order. The two
    signatures are the smallest rarest hash, and the smallest once the hashes
    are mixed: two chances for near-copies. Returns, for each, the reports in
    order (ties by position) and each report's rank in it. ``ends`` are where
    the sketches end in ``all_hashes``; ``rarest`` marks the rarest hashes.
    """
    n = len(ends)
    positions = np.flatnonzero(rarest)
    owners = np.searchsorted(ends, positions, side="right")
    owner_starts, _ = _runs(owners)
    hashes = all_hashes[positions]
    mixed = (hashes.astype(np.uint64) * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
    orders = []
    for values in (hashes, mixed):
        signatures = np.full(n, 1 << 32, dtype=np.int64)  # above every hash: no rare hash
        if len(owner_starts):
            signatures[owners[owner_starts]] = np.minimum.reduceat(values, owner_starts)
        in_order = np.lexsort((np.arange(n), signatures))
        rank = np.empty(n, dtype=np.int64)
        rank[in_order] = np.arange(n)
        orders.append((in_order, rank))
    return orders


def _first_hashes(lengths: np.ndarray, count: int) -> np.ndarray:
    """Whether each hash is one of the first ``count`` of its sketch (sketches one after another).

    Examples
    --------
    >>> _first_hashes(np.array([3, 0, 1]), 2)
    array([ True,  True, False,  True])
    """
    starts = np.cumsum(lengths) - lengths
    steps = np.zeros(int(lengths.sum()) + 1, dtype=np.int8)  # +1 where they start, -1 after
    np.add.at(steps, starts, 1)
    np.add.at(steps, starts + np.minimum(lengths, count), -1)
    return np.cumsum(steps[:-1], dtype=np.int8) > 0


def _pair_keys(some: np.ndarray, others: np.ndarray, n: int) -> np.ndarray:
    """One number per pair of reports, the same whichever comes first: ``low * n + high``."""
    return np.minimum(some, others) * n + np.maximum(some, others)


def _candidate_pairs(sketches: Sequence[Sketch]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of reports whose indexed hashes overlap in at least MIN_SHARED places.

    A report is indexed under the first INDEXED_HASHES hashes of its sketch,
    and under the RAREST_INDEXED hashes of its sketch that the fewest other
    reports hold. Reports indexed under one hash (a posting) are paired: all
    pairs in a small posting, neighbours in a large one, where reports stand
    in the order of a min-hash of their rarest hashes (_signature_orders). A
    story copied by many outlets is then linked as a chain, boilerplate shared
    by many unrelated reports costs one pair per report, not the square, and
    two copies whose smallest hashes are all boilerplate still meet under the
    hashes only their story has, or stand next to each other under the
    others. The work grows with the number of reports.
    """
    if not sketches:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    n = len(sketches)
    lengths = np.fromiter((len(s.hashes) for s in sketches), dtype=np.int64, count=n)
    ends = np.cumsum(lengths)
    if lengths.max() >= 1 << 24 or lengths.sum() >= 1 << 32:
        raise ValueError(
            f"sketches too large to group: {int(lengths.sum())} hashes in all, {int(lengths.max())} "
            "in the largest (at most 2**32 - 1 and 2**24 - 1)"
        )
    all_hashes = np.concatenate([s.hashes for s in sketches])
    low_bits = (all_hashes & np.uint32((1 << _RANGE_BITS) - 1)).astype(np.uint8)
    indexed = _rarest(_holders(all_hashes, low_bits), lengths, RAREST_INDEXED)
    orders = _signature_orders(all_hashes, indexed, ends)
    indexed |= _first_hashes(lengths, INDEXED_HASHES)
    # the pairs found, as keys first * n + second, in _KEY_BUCKETS ranges of key values
    # (counted one range at a time, so that only one range is copied at once)
    bounds = np.linspace(0, n * n, _KEY_BUCKETS + 1).astype(np.int64)[1:-1]
    buckets: list[list[np.ndarray]] = [[] for _ in range(_KEY_BUCKETS)]
    # a posting (the reports indexed under one hash) falls in one class of the hash's
    # low bits: classes are searched one by one, so that only a share of the
    # temporaries exist at once
    for value in range(1 << _RANGE_BITS):
        chosen = np.flatnonzero((low_bits == value) & indexed)
        owners = np.searchsorted(ends, chosen, side="right")  # fast: chosen is sorted
        # (hash, owner's rank) as one 64-bit number (ranks below 2**32), sorted:
        # postings with their owners in the order of one signature or the other
        in_order, rank = orders[value % len(orders)]
        entries = (all_hashes[chosen].astype(np.uint64) << np.uint64(32)) | rank[owners].astype(np.uint64)
        del chosen
        entries.sort()
        hashes = entries >> np.uint64(32)
        owners = in_order[(entries & np.uint64(0xFFFFFFFF)).astype(np.int64)]
        del entries
        starts, sizes = _runs(hashes)
        del hashes
        # each entry's distance to the end of its posting
        left = np.repeat(starts + sizes, sizes) - np.arange(len(owners))
        # neighbours in every posting, then the entries 2, 3, ... apart in small ones
        first = np.flatnonzero(left > 1)
        keys = [_pair_keys(owners[first], owners[first + 1], n)]
        first = np.flatnonzero((left > 2) & np.repeat(sizes <= SMALL_POSTING, sizes))
        distance = 2
        while len(first):
            keys.append(_pair_keys(owners[first], owners[first + distance], n))
            distance += 1
            first = first[left[first] > distance]
        class_keys = np.concatenate(keys)
        del keys, owners, left, first
        class_keys.sort()
        for bucket, part in zip(buckets, np.split(class_keys, np.searchsorted(class_keys, bounds)),
                                strict=True):
            bucket.append(part)
    del all_hashes, low_bits, indexed, orders
    # how often each pair occurs: runs of equal keys once they are sorted
    pairs = []
    for bucket in buckets:
        merged = np.concatenate(bucket)
        bucket.clear()
        merged.sort()
        run_starts, counts = _runs(merged)
        pairs.append(merged[run_starts[counts >= MIN_SHARED]])
    found = np.concatenate(pairs)
    return found // n, found % n


def story_ids(
    texts: Sequence[str] | None,
    ids: Sequence[str],
    threshold: float = CONTAINMENT_THRESHOLD,
    *,
    sketches: Sequence[Sketch] | None = None,
) -> list[str]:
    """Group near-copies of one story and name each group after its smallest id.

    Each report is reduced to a bottom-k sketch of its shingles; candidate pairs
    are the reports whose indexed hashes (the smallest of each sketch, and those
    the fewest other reports hold) overlap in at least :data:`MIN_SHARED` places
    (see ``_candidate_pairs``: the work grows with the corpus, not with its
    square); each candidate pair is kept when its estimated containment reaches
    ``threshold``. Texts too short to have ``MIN_SHARED``
    shingles are only grouped when identical (``read_reports`` drops those). Groups
    are the connected components (union-find), so A~B and B~C put A, B and C in
    one story.

    Parameters
    ----------
    texts : sequence of str, or None
        The reports' texts (None when ``sketches`` are given).
    ids : sequence of str
        Report ids, same length; the story id is the smallest id in the group.
    threshold : float, default 0.4
        Containment at or above which two reports are one story.
    sketches : sequence of Sketch, optional
        The reports' sketches (see :func:`sketch`), to group reports whose texts
        are no longer in memory.

    Returns
    -------
    list of str
        The story id of each report.

    Examples
    --------
    >>> wire = "The Taliban said on Sunday they had captured the city of Kunduz after heavy fighting"
    >>> story_ids([wire, "Breaking: " + wire, "A different report on the weather in Herat today"],
    ...           ["a", "b", "c"])
    ['a', 'a', 'c']
    """
    if sketches is None:
        if texts is None:
            raise TypeError("story_ids needs texts or sketches")
        sketches = [sketch(t) for t in texts]
    if len(sketches) != len(ids):
        raise ValueError(f"texts and ids differ in length: {len(sketches)} != {len(ids)}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    firsts, seconds = _candidate_pairs(sketches)
    close = estimated_containments(sketches, firsts, seconds) >= threshold
    for first, second in zip(firsts[close].tolist(), seconds[close].tolist(), strict=True):
        parent[find(first)] = find(second)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        groups[find(i)].append(i)
    result = [""] * len(ids)
    for members in groups.values():
        name = min(ids[i] for i in members)
        for i in members:
            result[i] = name
    return result
