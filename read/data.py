"""The reader's own data files (read/*.tsv): one way to read them."""

from __future__ import annotations

from importlib.resources import files


def tsv_rows(name: str, header: tuple[str, ...] = ()) -> list[list[str]]:
    """The rows of read/<name> as stripped cells, blank lines and `#` comments left out. With `header`, the
    first line must name those columns; it is dropped and short rows are padded with "" to its width."""
    data = files("resograph.read").joinpath(name).read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.split("\t")] for line in data.splitlines() if line.strip() and not line.startswith("#")]
    if not header:
        return rows
    if not rows or tuple(rows[0][:len(header)]) != header:
        raise ValueError(f"read/{name}: the first line must name the columns {' / '.join(header)}")
    return [row + [""] * (len(header) - len(row)) for row in rows[1:]]
