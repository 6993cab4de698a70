"""The server's pool of query workers, and the time limit that really stops a query.

pyoxigraph's query() cannot be interrupted, so each query runs in a
long-lived worker process (`resograph.serve.worker`). When a query passes
the time limit the server kills that worker, answers 503 with an error body,
and starts a replacement in the background; the other workers keep serving.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from pathlib import Path

from resograph.serve.execute import QueryJob, Reply
from resograph.serve.worker import FRAME, encode_frame, job_to_frame

log = logging.getLogger("resograph.serve")


class WorkerError(Exception):
    pass


class Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, store_dir: Path) -> "Worker":
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "resograph.serve.worker", str(store_dir),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )
        worker = cls(process)
        header, _ = await worker._read()
        if not header.get("ready"):
            await worker.kill()
            raise WorkerError(header.get("message", "query worker failed to start"))
        return worker

    async def call(self, job: QueryJob) -> Reply:
        self.process.stdin.write(encode_frame(*job_to_frame(job)))
        await self.process.stdin.drain()
        reply, payload = await self._read()
        return Reply(reply["status"], reply["media_type"], payload)

    async def _read(self) -> tuple[dict, bytes]:
        try:
            prefix = await self.process.stdout.readexactly(FRAME.size)
            head_length, body_length = FRAME.unpack(prefix)
            head = await self.process.stdout.readexactly(head_length)
            body = await self.process.stdout.readexactly(body_length)
        except asyncio.IncompleteReadError as exc:
            raise WorkerError("query worker exited unexpectedly") from exc
        return json.loads(head), body

    async def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()


class WorkerPool:
    def __init__(self, store_dir: Path, size: int, timeout: float) -> None:
        self.store_dir = Path(store_dir)
        self.size = size
        self.timeout = timeout
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._replacing: set[asyncio.Task] = set()

    async def start(self) -> None:
        workers = await asyncio.gather(*(Worker.start(self.store_dir) for _ in range(self.size)))
        for worker in workers:
            self._all.add(worker)
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        for task in self._replacing:
            task.cancel()
        for worker in list(self._all):
            if worker.process.returncode is None and worker.process.stdin:
                worker.process.stdin.close()
        await asyncio.gather(*(self._stop(worker) for worker in list(self._all)), return_exceptions=True)

    async def _stop(self, worker: Worker) -> None:
        try:
            await asyncio.wait_for(worker.process.wait(), 2)
        except TimeoutError:
            await worker.kill()

    async def _idle_worker(self) -> Worker:
        """The next idle worker that is still alive; dead ones (killed from outside) are replaced."""
        while True:
            worker = await self._idle.get()
            if worker.process.returncode is None:
                return worker
            log.error("query worker %s had exited (status %s); replacing it", worker.process.pid, worker.process.returncode)
            self._replace(worker)

    async def run(self, job: QueryJob) -> Reply:
        try:
            worker = await asyncio.wait_for(self._idle_worker(), self.timeout)
        except TimeoutError:
            return Reply.error(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later")
        try:
            reply = await asyncio.wait_for(worker.call(job), self.timeout)
        except TimeoutError:
            self._replace(worker)
            return Reply.error(503, f"the query ran longer than this endpoint's time limit of {self.timeout:g} s and was stopped")
        except WorkerError as exc:
            self._replace(worker)
            log.error("query worker %s failed: %s", worker.process.pid, exc)
            return Reply.error(500, "the query worker failed while running this query")
        except asyncio.CancelledError:
            self._replace(worker)  # the client went away mid-query: its worker's state is unknown
            raise
        self._idle.put_nowait(worker)
        return reply

    def _replace(self, worker: Worker) -> None:
        self._all.discard(worker)
        task = asyncio.get_running_loop().create_task(self._restart(worker))
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _restart(self, worker: Worker) -> None:
        await worker.kill()
        while True:
            try:
                fresh = await Worker.start(self.store_dir)
            except (WorkerError, OSError) as exc:
                log.error("cannot start a query worker: %s; retrying", exc)
                await asyncio.sleep(1)
                continue
            self._all.add(fresh)
            self._idle.put_nowait(fresh)
            return
