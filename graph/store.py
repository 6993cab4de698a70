"""The persistent store: an embedded Oxigraph database kept in generations.

A store folder holds one or more generations (each a complete Oxigraph
database) and a `CURRENT` file naming the live one. Writers never touch the
live generation: `writable()` backs it up aside (Oxigraph backups are hard-link
snapshots, so this is cheap), yields the copy, and only when the block ends
without error snapshots the copy into a new generation and replaces `CURRENT`
atomically. A build killed midway therefore
leaves the previous generation live and intact. The previous generation is kept
so that readers that opened it before the swap keep working; older ones are
removed.
"""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from resograph.errors import UserError

CURRENT = "CURRENT"
LOCK = ".lock"
GENERATION_PREFIX = "gen-"
WORK_PREFIX = "work-"


class StoreError(UserError):
    """A store that cannot be opened or written; the message names the folder and the problem."""


def current_generation(store_dir: Path) -> Path | None:
    pointer = Path(store_dir) / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    gen = Path(store_dir) / name
    return gen if gen.is_dir() else None


def exists(store_dir: Path) -> bool:
    return current_generation(Path(store_dir)) is not None


def open_store(store_dir: Path, read_only: bool = True) -> ox.Store:
    """Open the live generation. Read-only opens may be shared by many processes."""
    store_dir = Path(store_dir)
    gen = current_generation(store_dir)
    if gen is None:
        raise StoreError(f"{store_dir}: no resograph store here (run `resograph build` first)")
    try:
        return ox.Store.read_only(str(gen)) if read_only else ox.Store(str(gen))
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot open store: {exc}") from exc


@contextmanager
def _writer_lock(store_dir: Path) -> Iterator[None]:
    store_dir.mkdir(parents=True, exist_ok=True)
    with open(store_dir / LOCK, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(f"{store_dir}: another resograph process is writing this store") from exc
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _new_generation_path(store_dir: Path) -> Path:
    return store_dir / f"{GENERATION_PREFIX}{time.time_ns():020d}-{os.getpid()}"


@contextmanager
def writable(store_dir: Path) -> Iterator[ox.Store]:
    """A writable copy of the live generation (or a new empty store) that becomes live on success.

    The copy is a working database; on success a snapshot of it (an Oxigraph backup: hard links to
    immutable files) becomes the new generation. So the live generation is never a database that
    some lingering Python reference still holds open for writing, whose background compaction
    could delete files under a reader."""
    store_dir = Path(store_dir)
    with _writer_lock(store_dir):
        for stale in store_dir.glob(f"{WORK_PREFIX}*"):  # left by a writer that was killed
            shutil.rmtree(stale, ignore_errors=True)
        live = current_generation(store_dir)
        work = store_dir / f"{WORK_PREFIX}{time.time_ns():020d}-{os.getpid()}"
        try:
            if live is not None:
                ox.Store.read_only(str(live)).backup(str(work))
            store = ox.Store(str(work))
        except OSError as exc:
            shutil.rmtree(work, ignore_errors=True)
            raise StoreError(f"{store_dir}: cannot prepare a new generation: {exc}") from exc
        target = _new_generation_path(store_dir)
        try:
            yield store
            store.flush()
            store.backup(str(target))
            del store
            gc.collect()  # close the working database now unless something else still holds it
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
            raise
        _swap(store_dir, target)
        shutil.rmtree(work, ignore_errors=True)
        _remove_old_generations(store_dir, keep={target.name, live.name if live else ""})


def _swap(store_dir: Path, target: Path) -> None:
    tmp = store_dir / f"{CURRENT}.tmp"
    tmp.write_text(target.name + "\n", encoding="utf-8")
    os.replace(tmp, store_dir / CURRENT)


def _remove_old_generations(store_dir: Path, keep: set[str]) -> None:
    for gen in store_dir.glob(f"{GENERATION_PREFIX}*"):
        if gen.name not in keep:
            shutil.rmtree(gen, ignore_errors=True)
