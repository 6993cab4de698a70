"""The catalogue sidecar: one row per file (file, id, symbol, type, date, session, title), matched by file name."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from resograph.read.errors import ReadError

COLUMNS = ("file", "id", "symbol", "type", "date", "session", "title")


@dataclass
class Catalogue:
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # file name -> row
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path) -> "Catalogue":
        path = Path(path)
        try:
            with path.open(encoding="utf-8", newline="") as f:
                reader = csv.DictReader(f, delimiter="\t")
                if reader.fieldnames is None or "file" not in reader.fieldnames:
                    raise ReadError(path, "not a catalogue: the first line must name the columns, starting with 'file'")
                rows = {}
                for row in reader:
                    name = (row.get("file") or "").strip()
                    if name:
                        rows[name] = {k: (v or "").strip() for k, v in row.items() if k}
        except OSError as exc:
            raise ReadError(path, f"cannot read catalogue: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ReadError(path, "catalogue is not UTF-8 text") from None
        return cls(rows, path)

    def lookup(self, path: str | Path) -> dict[str, str] | None:
        return self.rows.get(Path(path).name)


def load_default_catalogue() -> Catalogue:
    """The catalogue of the bundled sample corpus."""
    from resograph.sample import sample_catalogue

    return Catalogue.load(sample_catalogue())
