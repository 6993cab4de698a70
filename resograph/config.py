"""Where resograph keeps its data, and the defaults every command shares."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BASE_IRI = "http://127.0.0.1:8000/"


def data_home() -> Path:
    """The folder for the default store and dumps: $RESOGRAPH_HOME, else ./resograph-data."""
    return Path(os.environ.get("RESOGRAPH_HOME", "resograph-data"))


def default_store() -> Path:
    return data_home() / "store"


def default_dumps() -> Path:
    return data_home() / "dumps"
