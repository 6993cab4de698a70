"""Example queries for the browser page: the query library's queries/*.rq files.

Each file may start with comment lines `# title: ...` (and any other
`# key: value` lines); the title is what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str


def load_examples(folder: Traversable | None = None) -> list[Example]:
    """The .rq files of `folder` (default: the installed query library), by file name."""
    folder = folder or resources.files("resograph.queries")
    examples = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        name = entry.name[: -len(".rq")]
        examples.append(Example(name, _header(text).get("title", name), text))
    return examples


def _header(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            fields.setdefault(key.strip().lower(), value.strip())
    return fields
