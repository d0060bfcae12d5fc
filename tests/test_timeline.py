"""Timeline rules: one test per transition, on small in-memory claim tables."""

import pandas as pd
import pytest

import afgmap
from afgmap import ControlRules, build_timeline


def claim(province="Kunduz", stance="captured", source="independent", story="s1", day="2021-08-08",
          claim_id=None):
    return {"claim_id": claim_id or f"{story}:{stance}:{day}", "province": province,
            "stance": stance, "source": source, "story_id": story,
            "event_date": pd.Timestamp(day)}


def status(claims, province="Kunduz", day="2021-08-08", **kwargs):
    timeline = build_timeline(pd.DataFrame(claims), **kwargs)
    row = timeline[(timeline["province"] == province) & (timeline["date"] == day)]
    return str(row["status"].iloc[0])


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([claim(stance="contested")], "contested"),
        ([claim(stance="besieged")], "contested"),
        ([claim(stance="captured", source="independent")], "taliban"),
        ([claim(stance="claimed", source="taliban")], "claimed"),
        ([claim(stance="captured", source="taliban")], "claimed"),
        # two independent stories confirm a Taliban claim
        ([claim(stance="claimed", source="taliban", story="s1"),
          claim(stance="claimed", source="taliban", story="s2")], "taliban"),
        # a single story's capture disputed by the government is only claimed
        ([claim(stance="captured"), claim(stance="denied", source="government")], "claimed"),
        ([claim(stance="captured"), claim(stance="retaken", source="government")], "claimed"),
        # two stories outweigh the denial
        ([claim(stance="captured", story="s1"), claim(stance="captured", story="s2"),
          claim(stance="denied", source="government", story="s3")], "taliban"),
        # a credible retake the same day makes a capture contested
        ([claim(stance="captured"), claim(stance="retaken", source="independent", story="s2")],
         "contested"),
        ([claim(stance="denied", source="government")], "government"),
    ],
)
def test_one_day_rules(claims, expected):
    assert status(claims) == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        (claim(stance="retaken", source="independent", day="2021-08-09"), "government"),
        (claim(stance="retaken", source="government", day="2021-08-09"), "contested"),
        (claim(stance="contested", day="2021-08-09"), "taliban"),  # fighting does not undo it
        (claim(stance="denied", source="government", day="2021-08-09"), "taliban"),
    ],
)
def test_what_happens_after_a_capture(later, expected):
    assert status([claim(), later], day="2021-08-09") == expected


def test_status_carries_forward_and_since_and_changed():
    timeline = build_timeline(pd.DataFrame([claim(day="2021-08-06")]), end="2021-08-09")
    rows = timeline[timeline["province"] == "Kunduz"]
    assert rows["status"].astype(str).tolist() == ["taliban"] * 4
    assert rows["changed"].tolist() == [True, False, False, False]
    assert (rows["since"] == pd.Timestamp("2021-08-06")).all()
    assert rows["claim_ids"].tolist() == ["s1:captured:2021-08-06"] * 4
    assert rows["n_stories"].tolist() == [1] * 4


def test_rules_are_a_parameter():
    single = [claim(stance="captured")]
    assert status(single) == "taliban"
    assert status(single, rules=ControlRules(independent_confirms=False)) == "claimed"
    three = [claim(stance="claimed", source="taliban", story=s) for s in ("a", "b")]
    assert status(three, rules=ControlRules(confirm_stories=3)) == "claimed"
    fighting = [claim(), claim(stance="contested", day="2021-08-09")]
    assert status(fighting, day="2021-08-09",
                  rules=ControlRules(fighting_downgrades=True)) == "contested"


def test_all_34_provinces_every_day_and_columns():
    timeline = build_timeline(pd.DataFrame([claim()]), start="2021-08-01", end="2021-08-10")
    assert len(timeline) == 34 * 10
    assert list(timeline.columns) == afgmap.TIMELINE_COLUMNS
    assert set(timeline["province"]) == set(afgmap.PROVINCE_NAMES)
    assert list(timeline["status"].cat.categories) == list(afgmap.STATUSES)


def test_claims_before_start_set_the_starting_status():
    timeline = build_timeline(pd.DataFrame([claim(day="2021-08-01")]), start="2021-08-05",
                              end="2021-08-06")
    rows = timeline[timeline["province"] == "Kunduz"]
    assert rows["status"].astype(str).tolist() == ["taliban", "taliban"]
    assert not rows["changed"].any()


def test_undated_claims_are_left_out_with_a_warning():
    claims = pd.DataFrame([claim(), {**claim(claim_id="undated"), "event_date": pd.NaT}])
    with pytest.warns(UserWarning, match="1 claim.*no event date.*undated"):
        build_timeline(claims)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"start": "2021-08-09", "end": "2021-08-01"}, "start 2021-08-09 is after end 2021-08-01"),
     ({"start": "not a date"}, "start must be a date.*'not a date'"),
     ({"rules": "strict"}, "ControlRules")],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        build_timeline(pd.DataFrame([claim()]), **kwargs)


@pytest.mark.parametrize(
    ("column", "value"), [("stance", "liberated"), ("province", "Narnia"), ("source", "rumour")]
)
def test_unknown_values_are_named(column, value):
    bad = pd.DataFrame([{**claim(), column: value}])
    with pytest.raises(ValueError, match=f"unknown {column} value.*{value}"):
        build_timeline(bad)


def test_bad_confirm_stories():
    with pytest.raises(ValueError, match="confirm_stories.*0"):
        ControlRules(confirm_stories=0)


def taliban_side(timeline, day):
    rows = timeline[timeline["date"] == day]
    return set(rows.loc[rows["status"].isin(["claimed", "taliban"]), "province"])


def test_seed_timeline(seed_timeline):
    assert taliban_side(seed_timeline, "2021-08-06") == {"Nimroz"}
    assert taliban_side(seed_timeline, "2021-08-07") == {"Nimroz", "Jawzjan"}
    eighth = taliban_side(seed_timeline, "2021-08-08")
    assert {"Nimroz", "Jawzjan", "Kunduz", "Takhar"} <= eighth <= {
        "Nimroz", "Jawzjan", "Kunduz", "Takhar", "Sar-e Pul"}
    assert taliban_side(seed_timeline, "2021-08-09") == {"Nimroz", "Jawzjan", "Kunduz", "Takhar",
                                                          "Sar-e Pul"}
    by_day = seed_timeline.set_index(["date", "province"])["status"].astype(str)
    assert by_day[("2021-08-08", "Sar-e Pul")] in ("contested", "claimed", "taliban")
    for day in ("2021-08-08", "2021-08-09"):
        for province in ("Herat", "Helmand", "Kandahar"):
            assert by_day[(day, province)] == "contested"
    named = {"Nimroz", "Jawzjan", "Kunduz", "Takhar", "Sar-e Pul", "Herat", "Helmand", "Kandahar"}
    others = seed_timeline[~seed_timeline["province"].isin(named)]
    assert (others["status"] == "government").all()
    assert seed_timeline["date"].min() == pd.Timestamp("2021-08-06")
    assert seed_timeline["date"].max() == pd.Timestamp("2021-08-09")
