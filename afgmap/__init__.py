"""afgmap: day-by-day maps of claimed control in Afghanistan, from news reports."""

from importlib.metadata import PackageNotFoundError, version

from afgmap.gazetteer import PROVINCE_NAMES, capitals, provinces
from afgmap.geocoding import Mention, Place, find_places, geocode

try:
    __version__ = version("afgmap")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

__all__ = [
    "PROVINCE_NAMES",
    "Mention",
    "Place",
    "capitals",
    "find_places",
    "geocode",
    "provinces",
]
