import pytest

from afgmap.syndication import containment, shingles, story_ids

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
