"""afgmap: day-by-day maps of claimed control in Afghanistan, from news reports.

Data flows one way through the stages, one module each:
reports (:mod:`afgmap.reports`) -> claims (:mod:`afgmap.claims`) -> timeline
(:mod:`afgmap.timeline`) -> maps (:mod:`afgmap.maps`, :mod:`afgmap.static`), with
the gazetteer (:mod:`afgmap.gazetteer`) and geocoder (:mod:`afgmap.geocoding`)
naming places on the way.
"""

from importlib.metadata import PackageNotFoundError, version

from afgmap.claims import CLAIM_COLUMNS, SOURCES, STANCES, claims_meta, extract_claims
from afgmap.export import OfflineAssetError, export_html
from afgmap.gazetteer import PROVINCE_NAMES, capitals, provinces
from afgmap.geocoding import Mention, Place, find_places, geocode
from afgmap.maps import STATUS_COLORS, control_map, timeline_map
from afgmap.reports import REPORT_COLUMNS, ReportWarning, iter_reports, read_reports, skipped_reports
from afgmap.static import plot_day, save_day_pngs
from afgmap.timeline import (
    STATUSES,
    TIMELINE_COLUMNS,
    ControlRules,
    build_timeline,
    timeline_claims,
    timeline_day,
)

try:
    __version__ = version("afgmap")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

__all__ = [
    "CLAIM_COLUMNS",
    "PROVINCE_NAMES",
    "REPORT_COLUMNS",
    "SOURCES",
    "STANCES",
    "STATUSES",
    "STATUS_COLORS",
    "TIMELINE_COLUMNS",
    "ControlRules",
    "Mention",
    "OfflineAssetError",
    "Place",
    "ReportWarning",
    "build_timeline",
    "capitals",
    "claims_meta",
    "control_map",
    "export_html",
    "extract_claims",
    "find_places",
    "geocode",
    "iter_reports",
    "plot_day",
    "provinces",
    "read_reports",
    "save_day_pngs",
    "skipped_reports",
    "timeline_claims",
    "timeline_day",
    "timeline_map",
]
