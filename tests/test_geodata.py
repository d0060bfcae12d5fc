import shapely

import afgmap
from afgmap.gazetteer import capital_rows, province_rows
from afgmap.geocoding import _index

ISO_CODES = {
    "Badakhshan": "AF-BDS", "Badghis": "AF-BDG", "Baghlan": "AF-BGL", "Balkh": "AF-BAL",
    "Bamyan": "AF-BAM", "Daykundi": "AF-DAY", "Farah": "AF-FRA", "Faryab": "AF-FYB",
    "Ghazni": "AF-GHA", "Ghor": "AF-GHO", "Helmand": "AF-HEL", "Herat": "AF-HER",
    "Jawzjan": "AF-JOW", "Kabul": "AF-KAB", "Kandahar": "AF-KAN", "Kapisa": "AF-KAP",
    "Khost": "AF-KHO", "Kunar": "AF-KNR", "Kunduz": "AF-KDZ", "Laghman": "AF-LAG",
    "Logar": "AF-LOG", "Nangarhar": "AF-NAN", "Nimroz": "AF-NIM", "Nuristan": "AF-NUR",
    "Paktia": "AF-PIA", "Paktika": "AF-PKA", "Panjshir": "AF-PAN", "Parwan": "AF-PAR",
    "Samangan": "AF-SAM", "Sar-e Pul": "AF-SAR", "Takhar": "AF-TAK", "Uruzgan": "AF-URU",
    "Wardak": "AF-WAR", "Zabul": "AF-ZAB",
}

#: Tolerance for gaps and overlaps between neighbours, in square degrees
#: (1e-9 deg^2 is about 0.01 m^2 at 35 N: shared borders are exact).
AREA_TOLERANCE = 1e-9


def test_34_distinct_provinces_with_their_iso_codes():
    frame = afgmap.provinces()
    assert len(frame) == 34
    assert frame["province"].is_unique and frame["iso_code"].is_unique
    assert dict(zip(frame["province"], frame["iso_code"], strict=False)) == ISO_CODES
    assert tuple(frame["province"]) == afgmap.PROVINCE_NAMES
    assert frame.crs.to_epsg() == 4326


def test_polygons_are_valid_and_form_a_coverage_without_gaps_or_overlaps():
    geoms = afgmap.provinces().geometry.values
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)
    union = shapely.union_all(geoms)
    overlap = sum(g.area for g in geoms) - union.area
    assert abs(overlap) < AREA_TOLERANCE
    # A gap between neighbours would show as a hole in the country's outline.
    holes = [shapely.Polygon(ring) for poly in getattr(union, "geoms", [union])
             for ring in poly.interiors]
    assert sum(h.area for h in holes) < AREA_TOLERANCE
    assert union.geom_type == "Polygon"  # one country, no islands or slivers


def test_every_capital_lies_inside_its_own_province():
    provinces = afgmap.provinces().set_index("province")
    capitals = afgmap.capitals()
    assert len(capitals) == 34 and capitals["province"].is_unique
    for row in capitals.itertuples():
        assert provinces.loc[row.province, "geometry"].contains(row.geometry), row.capital
        assert provinces.loc[row.province, "capital"] == row.capital
        assert row.iso_code == ISO_CODES[row.province]


def test_province_label_points_lie_inside_their_polygons():
    provinces = afgmap.provinces().set_index("province")
    for row in province_rows():
        point = shapely.Point(row.label_lon, row.label_lat)
        assert provinces.loc[row.province, "geometry"].contains(point)


def test_curated_aliases():
    aliases = {row.capital: set(row.aliases) for row in capital_rows()}
    assert "Khanabad" not in aliases["Taloqan"]
    assert not {"Bost", "Bust", "Bist"} & aliases["Lashkar Gah"]
    assert "Taleqan" in aliases["Taloqan"]
    geonames = {row.capital: row.geonames_id for row in capital_rows()}
    assert geonames["Mahmud-i-Raqi"] is None
    assert geonames["Fayzabad"] == 1142170  # Badakhshan's Faizabad, not another


def test_no_spelling_points_to_two_provinces():
    index = _index()
    for key, capital in index.capital_of_key.items():
        province = index.province_of_key.get(key)
        if province is not None:
            assert index.capitals[capital].province == province, key
