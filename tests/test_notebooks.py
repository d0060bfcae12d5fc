"""The notebooks are documentation that runs: executed from a clean kernel, kept without outputs."""

import json

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = ["01_quickstart.ipynb", "02_geocoding.ipynb", "03_claims_and_evidence.ipynb",
             "04_daily_maps.ipynb"]

pytestmark = pytest.mark.notebook


def test_the_four_notebooks_exist(repo):
    assert sorted(p.name for p in (repo / "notebooks").glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_has_no_outputs(repo, name):
    book = json.loads((repo / "notebooks" / name).read_text(encoding="utf-8"))
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, name


@pytest.mark.parametrize(("name", "start_in"), [(n, "notebooks") for n in NOTEBOOKS]
                         + [("01_quickstart.ipynb", "repo root")])
def test_notebook_runs(repo, name, start_in, tmp_path):
    book = nbformat.read(repo / "notebooks" / name, as_version=4)
    cwd = repo / "notebooks" if start_in == "notebooks" else repo
    before = sorted(p.name for p in repo.iterdir())
    NotebookClient(book, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    assert sorted(p.name for p in repo.iterdir()) == before  # nothing written into the repo
