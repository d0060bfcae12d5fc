"""Benchmark: the whole job at 1,000 / 10,000 / 100,000 reports, against peers (prints figures).

Usage::

    pip install -e ".[bench]" && npm ci
    python benchmarks/bench_scale.py 1000 10000 100000 [--dask]

For each N, the corpus of ``benchmarks/corpus.py`` is written as ``.txt`` files
(not timed), then a fresh Python process runs read_reports -> extract_claims ->
build_timeline -> timeline_map/export_html on one core and reports each step's
time and the process's peak memory (ru_maxrss); a second fresh process does the
same with iter_reports (one batch of 1,000 texts at a time), as ``afgmap build``
does. On the same corpus and in the
same run: capital-mention recall and speed of afgmap.find_places against geotext
(PyPI), and the size of folium's TimeSliderChoropleth for the same timeline.
With ``--dask``, extract_claims also runs on Dask's LocalCluster (2 workers, one
thread each) on the largest N, beside the single-process figure.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import copies_path, write  # noqa: E402

# Runs in a child process, so that its peak memory is the pipeline's alone.
PIPELINE = r"""
import json, resource, sys, time, warnings
from pathlib import Path
import afgmap
from afgmap.cli import _read_and_extract  # the loop `afgmap build` runs
folder, out, mode, copies_file = sys.argv[1:5]
warnings.simplefilter("ignore")
times, peaks = {}, {}
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if mode == "whole":  # every text in one table
    start = time.perf_counter()
    reports = afgmap.read_reports(folder)
    times["read_reports"] = time.perf_counter() - start
    peaks["read_reports"] = peak_mb()
    start = time.perf_counter()
    claims = afgmap.extract_claims(reports)
    times["extract_claims"] = time.perf_counter() - start
else:  # iter_reports: one batch of texts at a time, as `afgmap build` does
    start = time.perf_counter()
    batches = afgmap.iter_reports(folder, batch_size=1000)
    times["read_reports"] = time.perf_counter() - start  # the first pass
    peaks["read_reports"] = peak_mb()
    start = time.perf_counter()
    reports, claims = _read_and_extract(batches, show_progress=False)
    times["extract_claims"] = time.perf_counter() - start  # second pass and extraction
peaks["extract_claims"] = peak_mb()
start = time.perf_counter()
timeline = afgmap.build_timeline(claims)
times["build_timeline"] = time.perf_counter() - start
peaks["build_timeline"] = peak_mb()
start = time.perf_counter()
page = afgmap.export_html(afgmap.timeline_map(timeline), out)
times["timeline_html"] = time.perf_counter() - start
# story grouping against the generator's truth: is each copy in its original's story?
# (both must be read: a copy identical to another, date line included, is skipped)
story = dict(zip((Path(p).stem for p in reports["path"]), reports["story_id"]))
with open(copies_file) as f:
    copies = [(c, o) for c, o in json.load(f) if c in story and o in story]
print(json.dumps({
    "copies": len(copies), "copies_grouped": sum(story[c] == story[o] for c, o in copies),
    "times": times, "reports": len(reports), "claims": len(claims), "days": int(timeline["date"].nunique()),
    "stories": int(reports["story_id"].nunique()), "html_bytes": page.stat().st_size,
    "peak_mb": peak_mb(), "peak_after": peaks,
}))
"""


def run_pipeline(folder: Path, out: Path, mode: str = "whole") -> dict:
    """Run the pipeline on a corpus written by corpus.write (with its copies.json) in a child."""
    # -I: the installed afgmap (maybe the compiled build), not a checkout in the working directory
    done = subprocess.run([sys.executable, "-I", "-c", PIPELINE, str(folder), str(out), mode,
                           str(copies_path(folder))],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def recall(records: list[dict]) -> dict:
    """Capital-mention recall and time of afgmap.find_places and geotext on the same texts."""
    from geotext import GeoText

    import afgmap

    truth = [Counter(canonical for _, canonical in r["mentions"]) for r in records]
    total = sum(sum(t.values()) for t in truth)
    start = time.perf_counter()
    ours = [Counter(m.place.capital for m in afgmap.find_places(r["text"])) for r in records]
    ours_s = time.perf_counter() - start
    GeoText("warm up Kabul")
    start = time.perf_counter()
    theirs_raw = [GeoText(r["text"]).cities for r in records]
    theirs_s = time.perf_counter() - start
    theirs = []
    for cities in theirs_raw:
        found = Counter()
        for city in cities:
            place = afgmap.geocode(city, fuzzy=False)
            if place is not None:
                found[place.capital] += 1
        theirs.append(found)

    def share(found: list[Counter]) -> float:
        return sum(sum((t & f).values()) for t, f in zip(truth, found, strict=True)) / total

    return {"mentions": total, "afgmap": share(ours), "geotext": share(theirs),
            "afgmap_per_s": len(records) / ours_s, "geotext_per_s": len(records) / theirs_s}


def slider_baseline(folder: Path) -> int:
    """Size of folium's TimeSliderChoropleth page for the corpus's timeline."""
    import warnings

    import folium
    from folium.plugins import TimeSliderChoropleth

    import afgmap

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        timeline = afgmap.build_timeline(afgmap.extract_claims(afgmap.read_reports(folder)))
    shapes = afgmap.provinces()
    styles = {}
    for i, province in enumerate(shapes["province"]):
        rows = timeline[timeline["province"] == province]
        styles[str(i)] = {
            str(int(day.timestamp())): {"color": afgmap.STATUS_COLORS[str(status)], "opacity": 0.85}
            for day, status in zip(rows["date"], rows["status"], strict=True)
        }
    fmap = folium.Map(location=[34, 66], zoom_start=6, tiles=None)
    TimeSliderChoropleth(shapes.reset_index(drop=True).to_json(), styledict=styles).add_to(fmap)
    return len(fmap.get_root().render().encode())


def dask_extract(folder: Path) -> dict:
    """extract_claims on one core, then on Dask's LocalCluster (2 workers x 1 thread)."""
    import warnings

    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    import afgmap

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reports = afgmap.read_reports(folder)
    start = time.perf_counter()
    single = afgmap.extract_claims(reports)
    single_s = time.perf_counter() - start
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        start = time.perf_counter()
        lazy = dd.from_pandas(reports, npartitions=16).map_partitions(
            afgmap.extract_claims, meta=afgmap.claims_meta())
        parallel = lazy.compute()
        dask_s = time.perf_counter() - start
    same = single.reset_index(drop=True).equals(parallel.reset_index(drop=True))
    return {"reports": len(reports), "single_per_s": len(reports) / single_s,
            "dask_per_s": len(reports) / dask_s, "same_claims": same}


def main(argv: list[str]) -> None:
    use_dask = "--dask" in argv
    sizes = [int(a) for a in argv if not a.startswith("--")] or [1000, 10000]
    import afgmap

    build = "compiled by mypyc" if afgmap.claims.__file__.endswith((".so", ".pyd")) else "pure Python"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"afgmap {build} ({Path(afgmap.__file__).parent})")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp, f"corpus_{n}")
            records = write(n, folder)
            mb = sum(len(r["text"].encode()) for r in records) / 1e6
            for mode in ("whole", "stream"):
                result = run_pipeline(folder, Path(tmp, f"timeline_{n}.html"), mode)
                total = sum(result["times"].values())
                steps = result["times"]
                line = (f"N={n:>7,} {mode:6s} {mb:6.1f} MB  end to end {n / total:7.0f} reports/s "
                        f"({total:6.1f} s: " + ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
                        + f")  read+extract+timeline {n / (total - steps['timeline_html']):6.0f}/s"
                        + f"  peak {result['peak_mb']:6.0f} MB (after each step: "
                        + ", ".join(f"{k} {v:.0f}" for k, v in result["peak_after"].items())
                        + f")  claims {result['claims']:,}"
                        + f"  stories {result['stories']:,} (copies in their original's story: "
                        + f"{result['copies_grouped']:,} of {result['copies']:,})  days {result['days']}"
                        + f"  timeline.html {result['html_bytes'] / 1e3:.0f} KB")
                print(line, flush=True)
            sample = records[: min(n, 5000)]
            rec = recall(sample)
            print(f"  capital mentions ({rec['mentions']:,} in {len(sample):,} reports): recall afgmap "
                  f"{rec['afgmap']:.4f} ({rec['afgmap_per_s']:.0f} reports/s), geotext "
                  f"{rec['geotext']:.4f} ({rec['geotext_per_s']:.0f} reports/s)", flush=True)
            if n <= 10000:
                size = slider_baseline(folder) / 1e3
                print(f"  folium TimeSliderChoropleth page: {size:.0f} KB", flush=True)
        if use_dask:
            figures = dask_extract(Path(tmp, f"corpus_{sizes[-1]}"))
            print(f"dask, N={figures['reports']:,}: extract_claims single process "
                  f"{figures['single_per_s']:.0f} reports/s, LocalCluster (2 workers) "
                  f"{figures['dask_per_s']:.0f} reports/s, same claims: {figures['same_claims']}")


if __name__ == "__main__":
    main(sys.argv[1:])
