import random
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afgmap.syndication import (
    SKETCH_SIZE,
    Sketch,
    containment,
    estimated_containment,
    estimated_containments,
    shingles,
    sketch,
    story_ids,
)

WIRE = ("Taliban fighters captured the city of Sheberghan on Saturday, a day after they seized "
        "Zaranj, officials said, as the insurgents pressed an offensive across the north.")
OTHER = "Aid agencies warned that thousands of families displaced by fighting need shelter."


def test_wire_copy_with_different_punctuation_is_contained():
    copy = WIRE.replace(",", " --").upper() + " (AFP)"
    assert containment(shingles(WIRE), shingles(copy)) == pytest.approx(1.0)


def test_unrelated_reports_share_nothing():
    assert containment(shingles(WIRE), shingles(OTHER)) == 0.0


def test_story_groups_are_transitive_and_named_after_the_smallest_id():
    half = WIRE + " " + OTHER * 1
    ids = story_ids([OTHER + " Extra words about the camps here.", WIRE, half],
                    ["c", "b", "a"])
    assert ids == ["a", "a", "a"]  # c~a (contains OTHER) and a~b (contains WIRE)


def test_rewritten_copy_below_threshold_stays_apart():
    rewritten = " ".join(reversed(WIRE.split()))
    assert story_ids([WIRE, rewritten], ["x", "y"]) == ["x", "y"]


def test_empty_and_short_texts():
    assert story_ids(["", "Kunduz fell."], ["a", "b"]) == ["a", "b"]
    assert shingles("") == frozenset()


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_bad_threshold(threshold):
    with pytest.raises(ValueError, match=str(threshold)):
        story_ids(["a"], ["a"], threshold=threshold)


def reference_shingle_hashes(text: str, size: int) -> list[int]:
    """The definition: each window of words, joined by one space, as a polynomial, mixed."""
    from afgmap.syndication import _WORD_BASE, _word_bytes

    words = _word_bytes(text).split()
    window = min(size, len(words))
    hashes = set()
    for i in range(len(words) - window + 1 if words else 0):
        value = sum((byte + 1) * _WORD_BASE**k for k, byte in enumerate(b" ".join(words[i:i + window])))
        value %= 2**64
        value ^= value >> 29
        value = value * 0xBF58476D1CE4E5B9 % 2**64
        value ^= value >> 32
        hashes.add(value >> 32)
    return sorted(hashes)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Kz,.\n\t\x01’é①"), max_size=80), st.integers(1, 6))
def test_shingle_hashes_follow_their_definition(text, size):
    from afgmap.syndication import _shingle_hashes

    assert _shingle_hashes(text, size).tolist() == reference_shingle_hashes(text, size)


TRICKY_CHARACTERS = "ab Kz,.\n\t\x00\x01’“—éÉΣσςİIıK\u212aßẞ①\ud800"
texts_with_tricky_characters = st.one_of(
    st.text(alphabet=st.sampled_from(TRICKY_CHARACTERS), max_size=80),
    st.text(max_size=40),
)


@settings(max_examples=500, deadline=None)
@given(texts_with_tricky_characters)
def test_word_bytes_are_the_text_lower_cased_with_separators_made_spaces(text):
    from afgmap.syndication import _TO_SPACES, _UNICODE_MARKS, _word_bytes

    lowered = text.lower()  # a capital sigma lower-cases by its context; dotted I to two characters
    for mark in _UNICODE_MARKS:
        lowered = lowered.replace(mark, " ")
    assert _word_bytes(text) == b" " + lowered.encode("utf-8", "surrogatepass").translate(_TO_SPACES) + b" "


@contextmanager
def cached_powers(count):
    """Cache only ``count`` powers of the hash's base for a block: longer data computes its own."""
    from afgmap import syndication

    saved = syndication._CACHED_POWERS
    syndication._CACHED_POWERS = count
    try:
        yield
    finally:
        syndication._CACHED_POWERS = saved


@settings(max_examples=200, deadline=None)
@given(st.lists(texts_with_tricky_characters, max_size=6), st.integers(1, 6), st.booleans())
def test_shingle_hashes_of_texts_hashed_together_are_each_text_s_own(texts, size, few_powers_cached):
    from afgmap.syndication import _CACHED_POWERS, _shingle_hashes_of_texts

    with cached_powers(8 if few_powers_cached else _CACHED_POWERS):
        together = _shingle_hashes_of_texts(texts, size)
    assert [hashes.tolist() for hashes in together] == [reference_shingle_hashes(t, size) for t in texts]


@pytest.mark.parametrize(("characters", "texts_per_batch"), [(1, 64), (50, 2), (1 << 16, 64)])
def test_sketches_made_in_batches_are_each_text_s_sketch(monkeypatch, characters, texts_per_batch):
    from afgmap import syndication

    rng = random.Random(7)
    texts = [" ".join(rng.choice(["Kunduz", "fell", "on", "Sunday", "Zaranj’s", "", "a"])
                      for _ in range(rng.randint(0, 300))) for _ in range(40)]
    expected = [(h[:SKETCH_SIZE], len(h)) for h in (reference_shingle_hashes(t, 5) for t in texts)]
    monkeypatch.setattr(syndication, "_CHARACTERS_PER_BATCH", characters)
    monkeypatch.setattr(syndication, "_TEXTS_PER_BATCH", texts_per_batch)
    assert [(s.hashes.tolist(), s.n_shingles) for s in syndication.sketches(texts)] == expected
    assert syndication.sketches([]) == []


def reference_containment(a: Sketch, b: Sketch, size: int) -> float:
    """Broder's bottom-k estimate, written with sets."""
    if not a.n_shingles or not b.n_shingles:
        return 0.0
    first, second = set(a.hashes.tolist()), set(b.hashes.tolist())
    union = sorted(first | second)[:size]
    shared = sum(1 for h in union if h in first and h in second)
    total = a.n_shingles + b.n_shingles
    return min(1.0, shared * total / ((len(union) + shared) * min(a.n_shingles, b.n_shingles)))


sketches = st.builds(
    lambda hashes, extra: Sketch(np.array(sorted(hashes), dtype=np.uint32), len(hashes) + extra if hashes else 0),
    st.sets(st.integers(0, 40), max_size=30), st.integers(0, 50),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(sketches, min_size=1, max_size=6), st.data(), st.integers(1, 40))
def test_estimated_containments_is_the_bottom_k_estimate(pool, data, size):
    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(pool) - 1), st.integers(0, len(pool) - 1))))
    firsts = np.array([p[0] for p in pairs], dtype=np.int64)
    seconds = np.array([p[1] for p in pairs], dtype=np.int64)
    estimates = estimated_containments(pool, firsts, seconds, size=size)
    assert estimates.tolist() == [reference_containment(pool[i], pool[j], size) for i, j in pairs]


def test_estimated_containment_is_exact_for_short_texts():
    copy = "Breaking: " + WIRE.upper()
    assert estimated_containment(sketch(WIRE), sketch(copy)) == containment(shingles(WIRE), shingles(copy))


@pytest.mark.parametrize(("firsts", "seconds", "size", "message"), [
    ([0], [0, 0], 256, "differ in length: 1 != 2"),
    ([0], [0], 0, "size must be at least 1, got 0"),
])
def test_estimated_containments_checks_its_arguments(firsts, seconds, size, message):
    with pytest.raises(ValueError, match=message):
        estimated_containments([sketch(WIRE)], np.array(firsts), np.array(seconds), size=size)


@pytest.mark.parametrize("mark", [*"‘’“”–—…«»", ",", "\x01", "\n"])
def test_punctuation_and_typographic_marks_separate_words(mark):
    words = "the city of kunduz fell to the taliban on sunday"
    assert shingles(words.replace(" ", mark)) == shingles(words)
    assert shingles(f"Kunduz{mark}fell to the Taliban") == shingles("kunduz fell to the taliban")



def _stock_paragraph_corpus(seed: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Reports made of stock paragraphs that many of them share, and wire copies of a few.

    Each report strings together three stock paragraphs of 80 words, one per slot,
    chosen so that two reports share at most one (report (x, y) takes paragraph
    x + slot * y modulo 37 in each slot; containment at most 1/3, below the threshold).
    Each paragraph is in 37 reports, more than SMALL_POSTING, so nearly all the shingles
    of a report, its smallest hashes included, are boilerplate; only the 8 that span two
    paragraphs are its own (and its copy's). Returns the texts and the (copy, original)
    positions.
    """
    rng = random.Random(seed)
    modulus = 37
    stock = [[" ".join(f"w{rng.randrange(10**6)}" for _ in range(80)) for _ in range(modulus)]
             for _ in range(3)]
    texts = [
        " ".join(stock[slot][(x + slot * y) % modulus] for slot in range(3))
        for x in range(modulus) for y in range(modulus)
    ]
    copies = []
    for original in rng.sample(range(len(texts)), 12):
        copies.append((len(texts), original))
        texts.append(f"(Wire) {texts[original]} Additional reporting by staff.")
    return texts, copies


def test_copies_meet_when_their_smallest_hashes_are_all_boilerplate():
    texts, copies = _stock_paragraph_corpus(seed=6)
    ids = [f"r{i:04d}" for i in range(len(texts))]
    sketches = [sketch(t) for t in texts]
    assert max(s.n_shingles for s in sketches) <= SKETCH_SIZE  # exact estimates
    grouped = story_ids(None, ids, sketches=sketches)
    expected = list(ids)
    for copy, original in copies:
        expected[copy] = ids[original]
    assert grouped == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.integers(0, 60), max_size=40), max_size=12), st.integers(1, 6),
       st.sampled_from([1, 3, 4096]))
def test_holders_and_rarest_hashes_follow_their_definition(hash_sets, count, reports_per_chunk):
    from afgmap import syndication

    sketches = [sorted(hashes) for hashes in hash_sets]
    all_hashes = np.array([h for s in sketches for h in s], dtype=np.uint32)
    lengths = np.array([len(s) for s in sketches], dtype=np.int64)
    low_bits = (all_hashes & np.uint32(15)).astype(np.uint8)
    holders = syndication._holders(all_hashes, low_bits)
    by_hash = {h: sum(h in s for s in hash_sets) for s in hash_sets for h in s}
    assert holders.tolist() == [by_hash[h] for s in sketches for h in s]
    original = syndication._REPORTS_PER_CHUNK
    syndication._REPORTS_PER_CHUNK = reports_per_chunk
    try:
        chosen = syndication._rarest(holders, lengths, count).tolist()
    finally:
        syndication._REPORTS_PER_CHUNK = original
    # each report's `count` hashes that the fewest others hold (at least one other), smallest first
    expected = []
    for s in sketches:
        rarest = set(sorted((h for h in s if by_hash[h] >= 2), key=lambda h: (by_hash[h], h))[:count])
        expected += [h in rarest for h in s]
    assert chosen == expected


def test_sketches_too_large_to_group_are_refused():
    from afgmap.syndication import _candidate_pairs

    huge = Sketch(np.arange(1 << 24, dtype=np.uint32), 1 << 24)
    with pytest.raises(ValueError, match="sketches too large to group: 16777216 hashes"):
        _candidate_pairs([huge])


def test_copies_meet_when_every_hash_they_share_is_shared_with_many_others():
    # 100 sketches of 20 hashes from a pool of 200, so each hash is held by about 10
    # reports (more than SMALL_POSTING), and no two share much; then a copy of one
    rng = random.Random(3)
    hash_sets = [sorted(rng.sample(range(1, 200), 20)) for _ in range(100)]
    hash_sets.append(hash_sets[7])
    sketches = [Sketch(np.array(hashes, dtype=np.uint32), len(hashes)) for hashes in hash_sets]
    ids = [f"r{i:03d}" for i in range(len(sketches))]
    expected = list(ids)
    expected[100] = "r007"
    assert story_ids(None, ids, sketches=sketches) == expected
