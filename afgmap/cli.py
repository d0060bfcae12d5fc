"""The command line: ``afgmap build REPORTS... --out DIR`` runs every stage and writes the results."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

__all__ = ["build", "main"]

class CommandError(Exception):
    """A problem the user can fix, reported as one line and exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="afgmap", description="Day-by-day maps of claimed control in Afghanistan, from news reports."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser(
        "build", help="read reports, extract claims, build the timeline, write maps",
        description="Read reports, extract claims, build the timeline and write timeline.csv, "
        "claims.csv, skipped.csv, one HTML map and one PNG per day, and timeline.html.",
    )
    build_cmd.add_argument("reports", nargs="+", help="report files, folders or glob patterns")
    build_cmd.add_argument("--out", required=True, help="output folder (created if needed)")
    build_cmd.add_argument("--start", help="first day, YYYY-MM-DD (default: first claim)")
    build_cmd.add_argument("--end", help="last day, YYYY-MM-DD (default: last claim)")
    build_cmd.add_argument("--offline", action="store_true",
                           help="inline Leaflet so the HTML opens with no network (needs `npm ci`)")
    build_cmd.add_argument("--no-png", action="store_true", help="skip the PNG images")
    return parser


def _read_and_extract(batches, show_progress: bool):
    """The reports (without their texts) and their claims, one batch of texts in memory at a time."""
    import pandas as pd
    from tqdm import tqdm

    from afgmap.claims import extract_claims

    reports, claims = [], []
    with tqdm(unit="report", desc="extracting claims", file=sys.stderr, disable=not show_progress) as bar:
        for batch in batches:
            claims.append(extract_claims(batch))
            reports.append(batch.drop(columns="text"))
            bar.update(len(batch))
    table = pd.concat(reports, ignore_index=True)
    table.attrs = reports[0].attrs
    return table, pd.concat(claims, ignore_index=True)


def build(reports: list[str], out: str, start=None, end=None, offline=False, png=True) -> dict:
    """Run the whole pipeline and write its files; return a summary."""
    import pandas as pd

    from afgmap.export import OfflineAssetError, export_html
    from afgmap.maps import control_map, timeline_map
    from afgmap.reports import ReportWarning, iter_reports, skipped_reports
    from afgmap.static import save_day_pngs
    from afgmap.timeline import build_timeline

    for source in reports:
        path = Path(source)
        if not path.exists() and not any(c in source for c in "*?["):
            raise CommandError(f"no such file or folder: {source}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportWarning)
        try:
            batches = iter_reports(reports)  # one batch of texts in memory at a time
        except FileNotFoundError as err:
            raise CommandError(str(err)) from err
    try:
        table, claims = _read_and_extract(batches, show_progress=sys.stderr.isatty())
    except RuntimeError as err:  # the files changed between the two passes
        raise CommandError(str(err)) from err
    skipped = skipped_reports(table)
    for warning in caught:
        if issubclass(warning.category, ReportWarning) and "skipped" not in str(warning.message):
            print(f"warning: {warning.message}", file=sys.stderr)
    if table.empty:
        raise CommandError(
            f"no readable report among {len(skipped)} input(s): "
            + "; ".join(f"{p}: {r}" for p, r in skipped.head(3).itertuples(index=False))
        )
    if claims["event_date"].notna().sum() == 0 and (start is None or end is None):
        raise CommandError("no dated claim in the reports: give --start and --end to map a period")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            timeline = build_timeline(claims, start=start, end=end)
        except ValueError as err:
            raise CommandError(str(err)) from err
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    csv_timeline = timeline.copy()
    for column in ("date", "since"):
        csv_timeline[column] = csv_timeline[column].dt.strftime("%Y-%m-%d")
    csv_timeline.to_csv(folder / "timeline.csv", index=False, lineterminator="\n")
    csv_claims = claims.copy()
    csv_claims["event_date"] = csv_claims["event_date"].dt.strftime("%Y-%m-%d")
    csv_claims.to_csv(folder / "claims.csv", index=False, lineterminator="\n")
    skipped.to_csv(folder / "skipped.csv", index=False, lineterminator="\n")
    try:
        for day in sorted(timeline["date"].unique()):
            name = f"control_{pd.Timestamp(day).date()}.html"
            export_html(control_map(timeline, day, claims=claims), folder / name, offline=offline)
        export_html(timeline_map(timeline, claims=claims), folder / "timeline.html", offline=offline)
    except OfflineAssetError as err:
        raise CommandError(str(err)) from err
    if png:
        save_day_pngs(timeline, folder)
    changed = timeline[timeline["changed"]]
    return {
        "reports": len(table),
        "skipped": len(skipped),
        "claims": len(claims),
        "days": timeline["date"].nunique(),
        "changes": [
            (str(row.date.date()), row.province, str(row.status)) for row in changed.itertuples()
        ],
        "out": folder,
        "png": png,
    }


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``afgmap`` command and ``python -m afgmap``."""
    args = _parser().parse_args(argv)
    try:
        summary = build(args.reports, args.out, start=args.start, end=args.end,
                        offline=args.offline, png=not args.no_png)
    except CommandError as err:
        print(f"afgmap: error: {err}", file=sys.stderr)
        return 2
    print(f"reports read: {summary['reports']}, skipped: {summary['skipped']} "
          f"(see skipped.csv), claims: {summary['claims']}, days: {summary['days']}")
    print("provinces that changed:")
    for day, province, status in summary["changes"]:
        print(f"  {day}  {province:<12} -> {status}")
    per_day = "one HTML map and one PNG" if summary["png"] else "one HTML map"
    print(f"wrote {summary['out']}/timeline.csv, claims.csv, skipped.csv, timeline.html, "
          f"and {per_day} per day")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
