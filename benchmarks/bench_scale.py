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

"One core" is enforced, not assumed: each pipeline child is pinned to one CPU
(``os.sched_setaffinity``) with BLAS and OpenMP limited to one thread, so that
nothing of it runs on another core. ``--repeat K`` runs each mode K times,
alternately, and prints every run and the median (this machine's speed drifts
by a fifth from one minute to the next; each run also times a fixed loop of
Python before and after the pipeline, which shows such a drift: the
"reference loop"). ``--python PATH`` runs the children
with another interpreter (another venv's afgmap: old and new code compared on
one corpus).
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
from statistics import median

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import copies_path, write  # noqa: E402

# Runs in a child process, so that its peak memory is the pipeline's alone.
PIPELINE = r"""
import json, os, resource, sys, time, warnings
from pathlib import Path
folder, out, mode, copies_file, cpu = sys.argv[1:6]
if cpu != "any":  # one core, before any library starts a thread: they inherit it
    os.sched_setaffinity(0, {int(cpu)})
import afgmap
from afgmap.cli import _read_and_extract  # the loop `afgmap build` runs
warnings.simplefilter("ignore")
times, peaks = {}, {}
def reference_s():  # a fixed loop of Python: how fast the machine runs just now
    start = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * i % 7
    return time.perf_counter() - start
reference_before = reference_s()
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
    "peak_mb": peak_mb(), "peak_after": peaks, "reference_s": [reference_before, reference_s()],
}))
"""


#: One thread for the numeric libraries, set before they are imported (their
#: idle threads otherwise spin on the other core).
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def one_cpu() -> int | None:
    """The CPU the pipeline runs on: the last this process may use (None where affinity is unknown)."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    return max(os.sched_getaffinity(0))


def run_pipeline(folder: Path, out: Path, mode: str = "whole", python: str = sys.executable) -> dict:
    """Run the pipeline on a corpus written by corpus.write (with its copies.json) in a child."""
    # -I: the installed afgmap (maybe the compiled build), not a checkout in the working directory
    cpu = one_cpu()  # the child pins itself (no preexec_fn: this process may run threads)
    done = subprocess.run([python, "-I", "-c", PIPELINE, str(folder), str(out), mode,
                           str(copies_path(folder)), "any" if cpu is None else str(cpu)],
                          check=True, capture_output=True, text=True,
                          env={**os.environ, **ONE_THREAD})
    return json.loads(done.stdout.strip().splitlines()[-1])


def describe(python: str) -> str:
    """Which afgmap an interpreter imports, and whether it is the compiled build."""
    code = ("import afgmap, afgmap.claims, pathlib, platform; "
            "build = 'compiled by mypyc' if afgmap.claims.__file__.endswith(('.so', '.pyd')) "
            "else 'pure Python'; "
            "print(f'Python {platform.python_version()}, afgmap {build} "
            "({pathlib.Path(afgmap.__file__).parent})')")
    return subprocess.run([python, "-I", "-c", code], check=True, capture_output=True,
                          text=True).stdout.strip()


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


def _option(argv: list[str], name: str) -> str | None:
    """The value after ``name`` in argv (removed from it with its value), if given."""
    if name not in argv:
        return None
    at = argv.index(name)
    if at + 1 == len(argv):
        raise SystemExit(f"{name} needs a value")
    value = argv[at + 1]
    del argv[at : at + 2]
    return value


def _line(n: int, mode: str, mb: float, result: dict) -> str:
    total = sum(result["times"].values())
    steps = result["times"]
    return (f"N={n:>7,} {mode:6s} {mb:6.1f} MB  end to end {n / total:7.0f} reports/s "
            f"({total:6.1f} s: " + ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
            + f")  read+extract+timeline {n / (total - steps['timeline_html']):6.0f}/s"
            + f"  peak {result['peak_mb']:6.0f} MB (after each step: "
            + ", ".join(f"{k} {v:.0f}" for k, v in result["peak_after"].items())
            + f")  claims {result['claims']:,}"
            + f"  stories {result['stories']:,} (copies in their original's story: "
            + f"{result['copies_grouped']:,} of {result['copies']:,})  days {result['days']}"
            + f"  timeline.html {result['html_bytes'] / 1e3:.0f} KB  reference loop "
            + "/".join(f"{1e3 * t:.0f}" for t in result["reference_s"]) + " ms (before/after)")


def main(argv: list[str]) -> None:
    argv = list(argv)
    python = _option(argv, "--python") or sys.executable
    repeat = int(_option(argv, "--repeat") or 1)
    if repeat < 1:
        raise SystemExit(f"--repeat must be at least 1, got {repeat}")
    use_dask = "--dask" in argv
    sizes = [int(a) for a in argv if not a.startswith("--")] or [1000, 10000]
    cpu = one_cpu()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; pipeline pinned to "
          f"{'CPU ' + str(cpu) if cpu is not None else 'no CPU (affinity unsupported)'}, "
          f"one BLAS thread; {describe(python)}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp, f"corpus_{n}")
            records = write(n, folder)
            mb = sum(len(r["text"].encode()) for r in records) / 1e6
            rates: dict[str, list[float]] = {"whole": [], "stream": []}
            for _ in range(repeat):
                for mode in ("whole", "stream"):
                    result = run_pipeline(folder, Path(tmp, f"timeline_{n}.html"), mode, python)
                    steps = result["times"]
                    rates[mode].append(n / (sum(steps.values()) - steps["timeline_html"]))
                    print(_line(n, mode, mb, result), flush=True)
            if repeat > 1:
                for mode, values in rates.items():
                    print(f"  N={n:,} {mode}: read+extract+timeline median {median(values):.0f}/s "
                          f"over {repeat} runs (slowest {min(values):.0f}, fastest {max(values):.0f})",
                          flush=True)
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
