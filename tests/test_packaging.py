"""The installed package must carry its data: ontology, queries, lexicons, sample corpus, templates."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # build from a copy: setuptools leaves build/ and *.egg-info in the tree it builds
    source = tmp_path_factory.mktemp("source") / "resograph"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "resograph-data", "tests", "notebooks", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)],
        check=True,
    )
    (wheel,) = out.glob("resograph-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_every_pipeline_folder_installs_under_the_resograph_name(wheel_names):
    top_levels = {name.split("/")[0] for name in wheel_names if not name.startswith("resograph-")}
    assert top_levels == {"resograph"}
    for package in ("read", "extract", "graph", "serve", "ontology", "queries", "commands", "sample"):
        assert f"resograph/{package}/__init__.py" in wheel_names


@pytest.mark.parametrize(
    "folder, pattern",
    [
        ("ontology", "*.ttl"),
        ("ontology", "*.jsonld"),
        ("queries", "*.rq"),
        ("extract/lexicons", "*"),
        ("extract", "*.cfg"),
        ("resograph/sample", "*.txt"),
        ("resograph/sample", "*.tsv"),
    ],
)
def test_data_files_ship_in_the_wheel(wheel_names, folder, pattern):
    files = [p for p in (ROOT / folder).glob(pattern) if p.is_file() and p.suffix != ".py"]
    assert files, f"no {pattern} in {folder}"
    package_path = "resograph/" + folder.removeprefix("resograph/")
    for f in files:
        assert f"{package_path}/{f.name}" in wheel_names, f"{folder}/{f.name} is not in the wheel"
