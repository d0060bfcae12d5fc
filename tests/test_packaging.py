"""The installed wheel, not only the source checkout, carries and finds the geodata."""

import subprocess
import sys
import zipfile

import pytest

DATA = ["provinces.geojson", "capitals.csv", "province_aliases.csv", "fuzzy_guard.txt"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, repo):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out), str(repo)],
        check=True,
    )
    (path,) = out.glob("afgmap-*.whl")
    return path


def test_wheel_contains_the_geodata(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for name in DATA:
        assert f"afgmap/geodata/{name}" in names
    assert not any("node_modules" in n or "build_geodata" in n for n in names)


def test_installed_wheel_reads_its_own_geodata(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import afgmap, afgmap.gazetteer as g\n"
        "assert afgmap.__file__.startswith(sys.argv[1]), afgmap.__file__\n"
        "assert str(g.geodata_path('capitals.csv')).startswith(sys.argv[1])\n"
        "assert len(afgmap.provinces()) == 34 and len(afgmap.capitals()) == 34\n"
        "print(afgmap.geocode('Shibirghan').name)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)], cwd=tmp_path,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "Sheberghan"
