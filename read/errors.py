"""The one exception the reader raises: a file from which nothing usable can be read."""

from __future__ import annotations

from pathlib import Path

from resograph.errors import UserError


class ReadError(UserError):
    """Nothing usable could be read from `path`; `str(err)` is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
