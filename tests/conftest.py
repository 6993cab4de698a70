"""Shared fixtures: run the `resograph` CLI, fill a tmp store, start a real `resograph serve`.

    def test_x(tmp_path, load_store, serve):
        store = load_store(tmp_path / "store", [Path("data.ttl")], graph="http://ex/g")
        server = serve(store, "--timeout", "2")
        httpx.get(server.url("/sparql"), params={"query": "ASK {}"})

`serve` starts `resograph serve` on a free port as a subprocess, waits until
it answers, and stops it at the end of the test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
RESOGRAPH = Path(sys.executable).parent / "resograph"
SHARED = REPO.parent / "shared"


def run_resograph(*args: str, check: bool = True, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the CLI as a user would; return the completed process (text output)."""
    result = subprocess.run(
        [str(RESOGRAPH), *map(str, args)], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"resograph {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(store: Path, *args: str, log_dir: Path, env: dict | None = None, wait: float = 60) -> Server:
    port = free_port()
    log_path = log_dir / f"serve-{port}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(RESOGRAPH), "serve", "--store", str(store), "--port", str(port), *map(str, args)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
    server = Server(process, port, log_path)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"resograph serve exited {process.returncode}:\n{server.log()}")
        try:
            if httpx.get(server.url("/sparql"), timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.stop()
    raise AssertionError(f"resograph serve did not answer within {wait} s:\n{server.log()}")


@pytest.fixture
def serve(tmp_path_factory):
    """Factory: serve(store_dir, *extra_cli_args) -> Server; every server is stopped after the test."""
    servers: list[Server] = []
    log_dir = tmp_path_factory.mktemp("serve-logs")

    def _serve(store: Path, *args: str, env: dict | None = None) -> Server:
        server = start_server(store, *args, log_dir=log_dir, env=env)
        servers.append(server)
        return server

    yield _serve
    for server in servers:
        server.stop()


@pytest.fixture
def load_store():
    """Factory: load_store(store_dir, files, graph=None) -> store_dir, via `resograph load`."""

    def _load(store: Path, files: list[Path], graph: str | None = None) -> Path:
        run_resograph("load", *files, "--store", store, *(["--graph", graph] if graph else []))
        return store

    return _load


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The bundled sample built once per test session by `resograph build` (real extractor); read-only for tests."""
    home = tmp_path_factory.mktemp("sample-home")
    store = home / "store"
    run_resograph("build", "--store", store, env={"RESOGRAPH_HOME": str(home)}, timeout=300)
    return store
