"""Benchmark: claim extraction throughput on one core (prints figures; not a test).

Usage::

    python benchmarks/bench_extract.py [N]     # default N = 2000 generated ~4 KB reports

Measures ``afgmap.extract_claims`` alone (reports already in memory; best of
three runs, as the machine's speed varies), then read + extract from files on
disk, on the corpus of ``benchmarks/corpus.py``, then the seeds repeated.
Prints which build of afgmap ran: pure Python, or compiled by mypyc (run it
with ``.venv-compiled/bin/python`` after ``bash scripts/setup_compiled.sh``).
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

import afgmap


def best_of_three(run) -> float:
    """The shortest of three timed runs of ``run()``, in seconds."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int) -> None:
    reports = generate(n)
    frame = pd.DataFrame({"id": [r[0] for r in reports], "text": [r[1] for r in reports]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = afgmap.read_reports(frame)
    mean_kb = table["text"].str.len().mean() / 1000
    afgmap.extract_claims(table.head(20))  # warm the gazetteer and caches
    claims = afgmap.extract_claims(table)
    extract_s = best_of_three(lambda: afgmap.extract_claims(table))

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in reports:
            Path(tmp, f"{name}.txt").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read = afgmap.read_reports(tmp)
        afgmap.extract_claims(read)
        total_s = time.perf_counter() - start

    # the demo corpus: five real news reports (4.5 KB on average, ~15 claims each), repeated
    seeds = afgmap.read_reports(str(Path(__file__).resolve().parent.parent / "seeds" / "*.txt"))
    repeated = pd.concat([seeds] * (n // len(seeds)), ignore_index=True)
    repeated["report_id"] = [f"seed{i}" for i in range(len(repeated))]
    seed_kb = repeated["text"].str.len().mean() / 1000
    seed_claims = afgmap.extract_claims(repeated)
    seed_s = best_of_three(lambda: afgmap.extract_claims(repeated))

    compiled = afgmap.claims.__file__.endswith((".so", ".pyd"))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, afgmap {afgmap.__version__} "
          f"({'compiled by mypyc' if compiled else 'pure Python'}, {Path(afgmap.__file__).parent})")
    print(f"corpus: {n} generated reports, mean {mean_kb:.1f} KB, {len(claims)} claims")
    print(f"extract_claims:        {n / extract_s:8.0f} reports/s ({extract_s:.2f} s, best of 3)")
    print(f"read_reports+extract:  {n / total_s:8.0f} reports/s ({total_s:.2f} s, from .txt files)")
    print(f"seeds x{n // len(seeds)}: {len(repeated)} real reports, mean {seed_kb:.1f} KB, "
          f"{len(seed_claims)} claims")
    print(f"extract_claims:        {len(repeated) / seed_s:8.0f} reports/s ({seed_s:.2f} s, best of 3), "
          f"{len(repeated) / seed_s * seed_kb / 4:.0f} per second as 4 KB reports")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
