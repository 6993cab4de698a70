"""notebooks/explore.ipynb runs top to bottom in a python3 kernel of this venv, so it never rots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def venv_kernel() -> str:
    """The `python3` kernel, installed into this venv (sys.prefix) if no spec is found, and checked to run
    this interpreter (jupyter_client swaps a bare `python` for sys.executable)."""
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"],
                       check=True, capture_output=True)
    command = KernelManager(kernel_name="python3").format_kernel_cmd()
    assert Path(command[0]).resolve() == Path(sys.executable).resolve(), command
    return "python3"


@pytest.mark.timeout(600)
def test_notebook_runs_and_shows_its_results(tmp_path, monkeypatch):
    monkeypatch.setenv("RESOGRAPH_NOTEBOOK_STORE", str(tmp_path / "work"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    NotebookClient(nb, kernel_name=venv_kernel(), timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()

    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "5 documents (5 built, 0 unchanged, 0 removed)" in text and "0 violations" in text
    assert "Governments" in text and "ICRMW" in text  # the rankings
    assert "A/RES/72/149" in text and "hedged_obligations" in text  # the SPARQL DataFrame
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2
    figures = tmp_path / "work" / "figures"
    assert sorted(p.name for p in figures.glob("*.png")) == ["actor_instrument_network.png", "strength_by_year.png"]
    assert all(p.stat().st_size > 10_000 for p in figures.glob("*.png"))
