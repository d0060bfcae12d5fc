"""The `afgmap build` command: files written, summary, one-line errors and exit codes."""

import subprocess
import sys

import pandas as pd
import pytest

from afgmap.cli import main


def test_build_on_the_seeds_writes_every_file(seeds_dir, tmp_path, capsys):
    assert main(["build", str(seeds_dir), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    days = [f"2021-08-0{d}" for d in range(6, 10)]
    assert names == sorted(["claims.csv", "skipped.csv", "timeline.csv", "timeline.html"]
                           + [f"control_{d}.html" for d in days] + [f"control_{d}.png" for d in days])
    timeline = pd.read_csv(tmp_path / "timeline.csv")
    assert len(timeline) == 34 * 4
    assert list(timeline.columns) == ["date", "province", "iso_code", "status", "changed", "since",
                                      "claim_ids", "n_claims", "n_stories"]
    assert set(timeline["province"]) >= {"Sar-e Pul", "Kunduz", "Jawzjan"}
    claims = pd.read_csv(tmp_path / "claims.csv")
    assert claims["claim_id"].is_unique and (claims["event_date"].str.len() == 10).all()
    skipped = pd.read_csv(tmp_path / "skipped.csv")
    assert skipped["path"].str.endswith("README.md").tolist() == [True]
    out = capsys.readouterr().out
    assert "reports read: 5, skipped: 1" in out
    assert "2021-08-08  Kunduz       -> taliban" in out


def test_start_end_offline_and_no_png(seeds_dir, tmp_path):
    assert main(["build", str(seeds_dir / "000_1855f0252343ee7b.txt"), "--out", str(tmp_path),
                 "--start", "2021-08-05", "--end", "2021-08-10", "--offline", "--no-png"]) == 0
    timeline = pd.read_csv(tmp_path / "timeline.csv")
    assert timeline["date"].min() == "2021-08-05" and timeline["date"].max() == "2021-08-10"
    assert not list(tmp_path.glob("*.png"))
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert '<script src="http' not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "no/such/folder", "--out", "OUT"], "no such file or folder: no/such/folder"),
        (["build", "EMPTY", "--out", "OUT"], "no readable report"),
        (["build", "SEEDS", "--out", "OUT", "--start", "2021-08-09", "--end", "2021-08-01"],
         "start 2021-08-09 is after end 2021-08-01"),
        (["build", "SEEDS", "--out", "OUT", "--start", "soon"], "start must be a date"),
    ],
)
def test_errors_are_one_line_and_exit_non_zero(args, message, seeds_dir, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("", encoding="utf-8")
    replace = {"OUT": str(tmp_path / "out"), "EMPTY": str(empty), "SEEDS": str(seeds_dir)}
    assert main([replace.get(a, a) for a in args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("afgmap: error: ") and message in err[-1]
    assert "Traceback" not in "\n".join(err)


def test_python_dash_m_is_the_same_command(seeds_dir, tmp_path):
    result = subprocess.run([sys.executable, "-m", "afgmap", "build", str(seeds_dir / "nope"),
                             "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"afgmap: error: no such file or folder: {seeds_dir / 'nope'}"
    result = subprocess.run([sys.executable, "-m", "afgmap", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout
