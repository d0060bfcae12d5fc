"""Claim extraction, one row per phenomenon, on short texts written for these tests."""

from datetime import date

import pandas as pd
import pytest

from afgmap import extract_claims
from afgmap.claims import claims_from_text, split_sentences

SUNDAY = date(2021, 8, 8)


def claims(text, report_date=SUNDAY):
    return [(c["place"], c["stance"], c["source"], str(c["event_date"]))
            for c in claims_from_text(text, "t", report_date)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # captured, in its many words
        ("Insurgents seized Zaranj.", [("Zaranj", "captured", "independent", "2021-08-08")]),
        ("Kunduz has fallen, residents said.", [("Kunduz", "captured", "independent", "2021-08-08")]),
        ("Militants overran Aybak after a short fight.", [("Aybak", "captured", "independent", "2021-08-08")]),
        ("Fighters entered and took Gardez.", [("Gardez", "captured", "independent", "2021-08-08")]),
        ("The garrison in Farah surrendered to the Taliban.", [("Farah", "captured", "independent", "2021-08-08")]),
        ("Officials handed over Nili to the insurgents.", [("Nili", "captured", "independent", "2021-08-08")]),
        ("Qalat is now under Taliban control.", [("Qalat", "captured", "independent", "2021-08-08")]),
        ("The group has taken over Taloqan city.", [("Taloqan", "captured", "independent", "2021-08-08")]),
        # claimed: the Taliban's word
        ("The Taliban claimed to have captured Ghazni.", [("Ghazni", "claimed", "taliban", "2021-08-08")]),
        ("A Taliban spokesman said fighters took Charikar.", [("Charikar", "claimed", "taliban", "2021-08-08")]),
        # contested
        ("Heavy fighting raged in Herat.", [("Herat", "contested", "independent", "2021-08-08")]),
        ("Clashes broke out on the outskirts of Kandahar.", [("Kandahar", "contested", "independent", "2021-08-08")]),
        ("Street-to-street fighting is under way in Maymana.", [("Maymana", "contested", "independent", "2021-08-08")]),
        ("Insurgents launched an attack on Pul-e Khumri.", [("Pul-e Khumri", "contested", "independent", "2021-08-08")]),
        ("The insurgents have taken most of Lashkar Gah.", [("Lashkar Gah", "contested", "independent", "2021-08-08")]),
        ("Fighters took several parts of Mehtar Lam.", [("Mehtar Lam", "contested", "independent", "2021-08-08")]),
        # besieged
        ("Kandahar remains under siege.", [("Kandahar", "besieged", "independent", "2021-08-08")]),
        ("Fighters have surrounded Tarinkot.", [("Tarinkot", "besieged", "independent", "2021-08-08")]),
        # retaken
        ("The army said troops retook Bazarak.", [("Bazarak", "retaken", "government", "2021-08-08")]),
        ("Commandos recaptured Sheberghan, the defence ministry said.", [("Sheberghan", "retaken", "government", "2021-08-08")]),
        ("Forces launched clearance operations in Kunduz, the ministry said.", [("Kunduz", "retaken", "government", "2021-08-08")]),
        ("Security forces pushed the militants back from Jalalabad.", [("Jalalabad", "retaken", "independent", "2021-08-08")]),
        # denied
        ("The government denies that Kunduz has fallen.", [("Kunduz", "denied", "government", "2021-08-08")]),
        ("The Taliban claimed Zaranj, but the ministry rejected the claim.",
         [("Zaranj", "claimed", "taliban", "2021-08-08"), ("Zaranj", "denied", "government", "2021-08-08")]),
    ],
)
def test_stances_and_sources(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AFP, citing a security source and residents, reported that fighters seized Farah.", "independent"),
        ("A provincial council member said Taliban fighters seized Farah.", "independent"),
        ("Two lawmakers said Farah fell to the Taliban.", "independent"),
        ("Zabihullah Mujahid said fighters seized Farah.", "taliban"),
        ("According to the Taliban, fighters seized Farah.", "taliban"),
        ("The interior ministry said Farah was surrounded.", "government"),
        ("A government spokesman said Farah was surrounded.", "government"),
    ],
)
def test_sources(text, expected):
    (claim,) = claims_from_text(text, "t", SUNDAY)
    assert claim["source"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Friday the Taliban seized Zaranj.", [("Zaranj", "2021-08-06")]),
        ("On Sunday fighters seized Zaranj.", [("Zaranj", "2021-08-08")]),
        ("Fighters seized Zaranj yesterday.", [("Zaranj", "2021-08-07")]),
        ("Fighters seized Zaranj overnight.", [("Zaranj", "2021-08-07")]),
        ("Fighters seized Zaranj this morning.", [("Zaranj", "2021-08-08")]),
        ("Fighters seized Zaranj last week.", [("Zaranj", "2021-08-01")]),
        ("Fighters seized Zaranj on Aug. 6.", [("Zaranj", "2021-08-06")]),
        ("Fighters seized Zaranj on 7 August.", [("Zaranj", "2021-08-07")]),
        ("Fighting has raged in Herat since Friday.", [("Herat", "2021-08-06")]),
        # the day of a capture within "since Friday" is not known: the report date is used
        ("Of the capitals that have fallen since Friday, Kunduz is the largest.", [("Kunduz", "2021-08-08")]),
        ("They seized Zaranj in Nimroz on Friday and a day later Sheberghan in Jawzjan.",
         [("Zaranj", "2021-08-06"), ("Sheberghan", "2021-08-07")]),
        ("On Friday the Taliban seized Zaranj, and followed it up a day later by taking Sheberghan the next day.",
         [("Zaranj", "2021-08-06"), ("Sheberghan", "2021-08-07")]),
        ("Heavy clashes started yesterday, and now Kunduz is in control of the Taliban.",
         [("Kunduz", "2021-08-08")]),
    ],
)
def test_event_dates(text, expected):
    assert [(p, d) for p, _, _, d in claims(text)] == expected


def test_date_basis_says_what_was_used():
    (first, second) = claims_from_text(
        "On Friday the Taliban seized Zaranj, and a day later took Sheberghan. ", "t", SUNDAY)
    assert first["date_basis"].startswith("'On Friday': the Friday on or before")
    assert second["date_basis"].startswith("'a day later': +1 day(s) from the event before")
    (plain,) = claims_from_text("Fighters seized Zaranj.", "t", SUNDAY)
    assert plain["date_basis"] == "report date (no time expression)"


def test_undated_report_gives_unresolved_dates():
    (claim,) = claims_from_text("On Friday fighters seized Zaranj.", "t", None)
    assert claim["event_date"] is None and "report date unknown" in claim["date_basis"]


@pytest.mark.parametrize(
    "text",
    [
        # history
        "It has been a target for the Taliban, who briefly overran Kunduz in 2015 and again in 2016.",
        # conditionals and forecasts
        "If this is true, Kunduz may be next to fall.",
        "If Kunduz falls, the north is lost.",
        "Officials fear the Taliban could capture Herat within days.",
        "Kunduz's capture would be a significant gain for the Taliban.",
        "The government vowed to retake Zaranj.",
        # questions
        "Has Kunduz fallen?",
        # negations
        "The Taliban never managed to take Kunduz.",
        "Fighters have not captured Herat, officials said.",
        # aggregate counts that name no place
        "At least five provincial capitals have been captured in 48 hours.",
        # places that are not the object of control
        "A pilot was killed by a bomb in Kabul, in an attack claimed by the Taliban.",
        "Its location about 200 miles from the capital Kabul makes the city a prize they captured.",
        "A Kabul-based journalist said fighting was fierce.",
        "Herat is a city of poets.",
    ],
)
def test_not_claims(text):
    assert claims(text) == []


def test_coordination_gives_one_claim_per_place():
    text = "The Taliban have captured key buildings in the capital cities of Sar-e-Pul and Kunduz provinces."
    assert [c[0] for c in claims(text)] == ["Sar-e Pul", "Kunduz"]
    text = "The Taliban took three capitals over the weekend — Zaranj, Sar-e-Pul and Taloqan."
    got = claims(text, date(2021, 8, 9))
    assert [(p, d) for p, _, _, d in got] == [("Zaranj", "2021-08-08"), ("Sar-e Pul", "2021-08-08"),
                                              ("Taloqan", "2021-08-08")]


def test_capital_and_its_province_in_one_sentence_make_one_claim():
    got = claims("The group has taken over Taloqan city, capital of northeastern Takhar province.")
    assert got == [("Taloqan", "captured", "independent", "2021-08-08")]


def test_anaphora_refers_back_to_the_places_just_named():
    text = ("Fighters captured buildings in Sar-e-Pul and Kunduz. The group had earlier on Sunday "
            "claimed to have captured both the provinces.")
    got = claims_from_text(text, "t", SUNDAY)
    assert [(c["place"], c["stance"], c["place_surface"]) for c in got[2:]] == [
        ("Sar-e Pul", "claimed", "both the provinces"), ("Kunduz", "claimed", "both the provinces")]
    text = "Takhar matters to the north. Two lawmakers said the capital fell on Sunday."
    (claim,) = claims_from_text(text, "t", SUNDAY)
    assert (claim["place"], claim["province"], claim["stance"]) == ("Taloqan", "Takhar", "captured")


def test_sentence_and_span_are_kept_for_audit():
    text = "Herat is calm. Fighters seized Zaranj on Friday."
    (claim,) = claims_from_text(text, "t", SUNDAY)
    assert claim["sentence"] == "Fighters seized Zaranj on Friday."
    assert text[claim["sentence_start"] : claim["sentence_end"]] == claim["sentence"]
    assert claim["cue"] == "seized"


def test_split_sentences_keeps_abbreviations_and_quotes():
    text = '"Kunduz has fallen," he said. Gen. Milley spoke on Aug. 8. U.S. jets flew.'
    assert [text[s:e] for s, e in split_sentences(text)] == [
        '"Kunduz has fallen," he said.', "Gen. Milley spoke on Aug. 8.", "U.S. jets flew."]


def test_extract_claims_table():
    reports = pd.DataFrame({"report_id": ["a", "b"], "story_id": ["s", "s"],
                            "date": pd.to_datetime(["2021-08-08", None]),
                            "text": ["On Friday fighters seized Zaranj.", "Kandahar is under siege."]})
    table = extract_claims(reports)
    assert list(table.columns[:8]) == ["claim_id", "report_id", "story_id", "place", "place_surface",
                                       "province", "iso_code", "stance"]
    assert table["claim_id"].tolist() == ["a:001", "b:001"]
    assert table["story_id"].tolist() == ["s", "s"]
    assert str(table["event_date"].iloc[0].date()) == "2021-08-06"
    assert pd.isna(table["event_date"].iloc[1])
    assert table["event_date"].dtype.kind == "M"


def test_extract_claims_on_no_reports_gives_an_empty_table_with_the_columns():
    table = extract_claims(pd.DataFrame({"report_id": [], "text": []}))
    assert table.empty and "stance" in table.columns


@pytest.mark.parametrize(("bad", "error"), [("text", TypeError), (pd.DataFrame({"x": [1]}), ValueError)])
def test_extract_claims_rejects_bad_input(bad, error):
    with pytest.raises(error, match="text|DataFrame"):
        extract_claims(bad)


def test_extract_claims_is_pure_and_per_report():
    reports = pd.DataFrame({"report_id": ["a", "b"], "date": pd.to_datetime(["2021-08-08"] * 2),
                            "text": ["Fighters seized Zaranj.", "Kandahar is under siege."]})
    whole = extract_claims(reports)
    parts = pd.concat([extract_claims(reports.iloc[[0]]), extract_claims(reports.iloc[[1]])],
                      ignore_index=True)
    pd.testing.assert_frame_equal(whole, parts)
    pd.testing.assert_frame_equal(whole, extract_claims(reports))


@pytest.mark.parametrize(("column", "allowed"), [
    ("place", None), ("province", "PROVINCE_NAMES"), ("iso_code", None), ("stance", "STANCES"),
    ("source", "SOURCES"),
])
def test_closed_set_columns_are_categoricals_with_the_whole_set(seed_claims, column, allowed):
    import afgmap

    dtype = seed_claims[column].dtype
    assert isinstance(dtype, pd.CategoricalDtype)
    assert seed_claims[column].notna().all()  # no value fell outside the categories
    if allowed:
        assert list(dtype.categories) == list(getattr(afgmap, allowed))
    if column == "place":
        names = set(afgmap.capitals()["capital"]) | set(afgmap.PROVINCE_NAMES)
        assert set(dtype.categories) == names


def test_batches_concatenate_without_losing_the_categories(seeds_dir):
    import warnings

    from afgmap import read_reports

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seed_reports = read_reports(seeds_dir)
    halves = [extract_claims(seed_reports.iloc[:2]), extract_claims(seed_reports.iloc[2:])]
    joined = pd.concat(halves, ignore_index=True)
    pd.testing.assert_frame_equal(joined, extract_claims(seed_reports))
    assert isinstance(joined["stance"].dtype, pd.CategoricalDtype)


def test_lone_surrogates_in_a_table_given_directly_are_replaced_with_a_warning():
    text = "On Friday the Taliban seized Zaranj \ud800 in Nimroz."
    reports = pd.DataFrame({"report_id": ["s1"], "text": pd.Series([text], dtype=object)})
    with pytest.warns(UnicodeWarning, match=r"report 's1': text has lone surrogates .* character 36"):
        claims = extract_claims(reports)
    assert claims["place"].tolist() == ["Zaranj"]
    start, end = claims[["sentence_start", "sentence_end"]].iloc[0]
    assert claims["sentence"].iloc[0] == text[start:end].replace("\ud800", "\ufffd")
