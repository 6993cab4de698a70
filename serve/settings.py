"""How one `resograph serve` is configured; the CLI fills it, tests may build it directly."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from resograph.serve.execute import Limits


@dataclass(frozen=True)
class ServeSettings:
    store_dir: Path
    timeout: float = 30.0
    workers: int = max(2, os.cpu_count() or 1)
    max_rows: int = 10_000
    max_result_bytes: int = 64 * 1024 * 1024
    max_body_bytes: int = 1024 * 1024
    cors_origins: tuple[str, ...] = ("*",)

    @property
    def limits(self) -> Limits:
        return Limits(self.max_rows, self.max_result_bytes)
