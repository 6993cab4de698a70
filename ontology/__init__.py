"""The resograph ontology, SHACL shapes and JSON-LD context, shipped as package data and always read locally."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path


def ontology_path() -> Path:
    return Path(str(files(__name__) / "resograph.ttl"))


def shapes_path() -> Path:
    return Path(str(files(__name__) / "shapes.ttl"))


def context_path() -> Path:
    return Path(str(files(__name__) / "context.jsonld"))


@lru_cache(maxsize=1)
def context() -> dict:
    """The JSON-LD @context object (the value, not the wrapper). Pass it as a dict: never fetch a context."""
    return json.loads(context_path().read_text(encoding="utf-8"))["@context"]
