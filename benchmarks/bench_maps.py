"""Benchmark: size of the slider page against folium's TimeSliderChoropleth, and build time.

Usage::

    python benchmarks/bench_maps.py          # needs `npm ci` for the --offline figures

Prints the size of ``timeline.html`` for the seeds (4 days) and for a 40-day
period (the seeds' claims, end date extended), online and offline, next to
folium's ``TimeSliderChoropleth`` on the same timeline and geometry; then the
wall time of ``afgmap build seeds`` (median of 3 runs, PNGs included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import folium
import pandas as pd
from folium.plugins import TimeSliderChoropleth

import afgmap
from afgmap.maps import STATUS_COLORS

REPO = Path(__file__).resolve().parent.parent


def folium_baseline(timeline: pd.DataFrame) -> folium.Map:
    """The same timeline drawn with folium's TimeSliderChoropleth, as its docs show."""
    shapes = afgmap.provinces()
    shapes.index = shapes.index.astype(str)
    styledict = {}
    for index, province in zip(shapes.index, shapes["province"], strict=True):
        rows = timeline[timeline["province"] == province]
        styledict[index] = {
            str(int(day.timestamp())): {"color": STATUS_COLORS[str(status)], "opacity": 0.85}
            for day, status in zip(rows["date"], rows["status"], strict=True)
        }
    fmap = folium.Map(location=(34, 66), zoom_start=6, tiles=None)
    TimeSliderChoropleth(shapes.to_json(), styledict=styledict).add_to(fmap)
    return fmap


def size_kb(m: folium.Map, offline: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = afgmap.export_html(m, Path(tmp) / "t.html", offline=offline)
        except afgmap.OfflineAssetError as err:
            return f"n/a ({str(err)[:40]}...)"
        return f"{path.stat().st_size / 1024:,.0f} KB"


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claims = afgmap.extract_claims(afgmap.read_reports(REPO / "seeds"))
    periods = {
        "seeds, 4 days": afgmap.build_timeline(claims),
        "seeds, 40 days": afgmap.build_timeline(claims, end="2021-09-14"),
    }
    print("| period | afgmap timeline.html | afgmap --offline | folium TimeSliderChoropleth |")
    print("|---|---|---|---|")
    for name, timeline in periods.items():
        ours = afgmap.timeline_map(timeline)
        base = folium_baseline(timeline)
        print(f"| {name} | {size_kb(ours, False)} | {size_kb(ours, True)} | "
              f"{size_kb(base, False)} (loads d3, jQuery, moment from CDNs) |")

    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "afgmap", "build", str(REPO / "seeds"),
                            "--out", tmp], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    print(f"\n`afgmap build seeds` (5 reports, 4 days, HTML + PNG): median {statistics.median(times):.2f} s"
          f" of 3 runs ({', '.join(f'{t:.2f}' for t in times)}), including Python start-up")


if __name__ == "__main__":
    main()
