"""What the demo corpus must say, as the analyst reading it would."""

import warnings

import pytest

from afgmap import ReportWarning, extract_claims, read_reports


@pytest.fixture(scope="module")
def claims(seeds_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        reports = read_reports(seeds_dir)
    table = extract_claims(reports)
    table["day"] = table["event_date"].dt.strftime("%Y-%m-%d")
    return table


def rows(claims, province, day=None):
    selected = claims[claims["province"] == province]
    return selected if day is None else selected[selected["day"] == day]


def test_only_the_provinces_the_reports_are_about(claims):
    assert set(claims["province"]) == {"Nimroz", "Jawzjan", "Kunduz", "Takhar", "Sar-e Pul",
                                       "Herat", "Helmand", "Kandahar"}


def test_zaranj_captured_on_friday_2021_08_06(claims):
    day = rows(claims, "Nimroz")
    assert set(day["place"]) == {"Zaranj"}
    assert day["day"].min() == "2021-08-06"
    assert set(rows(claims, "Nimroz", "2021-08-06")["stance"]) == {"captured"}


def test_sheberghan_captured_a_day_later(claims):
    day = rows(claims, "Jawzjan", "2021-08-07")
    assert "captured" in set(day["stance"]) and "Sheberghan" in set(day["place"])
    assert rows(claims, "Jawzjan")["day"].min() == "2021-08-07"


def test_kunduz_on_2021_08_08_on_independent_and_taliban_word(claims):
    day = rows(claims, "Kunduz", "2021-08-08")
    pairs = set(zip(day["stance"], day["source"], strict=True))
    assert ("captured", "independent") in pairs
    assert ("claimed", "taliban") in pairs
    assert ("retaken", "government") in pairs  # clearance operations
    assert ("denied", "government") in pairs
    assert day.loc[day["stance"] == "denied", "report_id"].str.startswith("003").all()
    # no capture claim for Kunduz before the 8th
    early = rows(claims, "Kunduz")
    early = early[early["day"] < "2021-08-08"]
    assert not early["stance"].isin(["captured", "claimed"]).any()


def test_taloqan_captured_2021_08_08(claims):
    day = rows(claims, "Takhar", "2021-08-08")
    assert ("captured", "independent") in set(zip(day["stance"], day["source"], strict=True))
    assert "Taloqan" in set(day["place"])


def test_sar_e_pul_disputed_on_the_8th_and_captured_by_the_9th(claims):
    eighth = set(rows(claims, "Sar-e Pul", "2021-08-08")["stance"])
    assert {"captured", "contested"} <= eighth  # buildings taken; street-to-street fighting
    ninth = rows(claims, "Sar-e Pul", "2021-08-09")
    assert ("captured", "independent") in set(zip(ninth["stance"], ninth["source"], strict=True))


def test_kunduz_still_fought_over_on_the_9th(claims):
    assert "contested" in set(rows(claims, "Kunduz", "2021-08-09")["stance"])


@pytest.mark.parametrize(("province", "place"), [("Herat", "Herat"), ("Helmand", "Lashkar Gah"),
                                                 ("Kandahar", "Kandahar")])
def test_fighting_at_herat_lashkar_gah_and_kandahar(claims, province, place):
    selected = rows(claims, province)
    assert "contested" in set(selected["stance"])
    assert place in set(selected["place"])
    assert not selected["stance"].isin(["captured", "claimed"]).any()


def test_kandahar_besieged_on_the_9th(claims):
    assert "besieged" in set(rows(claims, "Kandahar", "2021-08-09")["stance"])


def test_kabul_is_never_a_claim(claims):
    assert "Kabul" not in set(claims["province"])


def test_every_claim_can_be_audited_back_to_its_sentence(claims, seeds_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        texts = read_reports(seeds_dir).set_index("report_id")["text"]
    for claim in claims.itertuples():
        text = texts[claim.report_id]
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.cue in claim.sentence
    assert claims["claim_id"].is_unique
    assert set(claims["stance"]) <= {"captured", "claimed", "contested", "besieged", "retaken",
                                     "denied"}
