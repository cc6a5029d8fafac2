"""Queries executed in processes of their own beside the server, so that both cores work.

One interpreter runs one core's worth of Python: with every query executed in the serving
process, more clients only queued behind each other (a branch's member page: 359 req/s at 1
client, 299 at 50). Here the serving process keeps HTTP, tokens, the answer cache, mutations,
the stores and the catch-up. A query (a POST's JSON body) that arrives while another is running
is sent, once every write made before its request is applied (the same check that lets it run
on the event loop), to the least busy query process (gateway/query_process.py), which executes
it over the same read-model files opened read-only and sends back the response's bytes. What cannot be
answered there runs here as before: a query that issues a command (a cadre file's read is
recorded), a body strawberry's view would refuse or read otherwise, and every query while no
query process is up (still starting, or gone: one that dies is started again).

Frames on a socket pair: 4 bytes of length, then a pickle (the peer is our own child process,
started from this interpreter with this code).
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import socket
import struct
import subprocess
import sys
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kit import metrics

log = logging.getLogger("partyorg.gateway")
_LENGTH = struct.Struct(">I")
# what a query process records while it executes, replayed here (its own registry is not
# scraped): the metric's name in kit.metrics, its labels, the method, the value
REPLAYED = frozenset({"GRAPHQL_DURATION", "GRAPHQL_ERRORS"})


class WriterOnly(RuntimeError):
    """Raised in a query process by what only the serving process has (a service's command
    side): the query is executed again in the serving process."""


@dataclass(frozen=True)
class QuerySide:
    """How a query process builds the services it reads: `factory` ("module:function") called
    with `kwargs` returns (services by name, the declarations the schema is made of), the
    services served exactly as the serving process serves them; `processes`: how many;
    `alone_here`: a query with no other running is executed in the serving process (the
    handoff would only add its latency); False sends every one (tests)."""

    factory: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    processes: int = 1
    alone_here: bool = True


@dataclass
class Answered:
    """A query's response body, encoded by the query process that executed it."""

    body: bytes
    without_errors: bool


def frame(message: Any) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


async def read_frame(reader: asyncio.StreamReader) -> Any:
    (length,) = _LENGTH.unpack(await reader.readexactly(_LENGTH.size))
    return pickle.loads(await reader.readexactly(length))


# queries a query process is given at a time: it answers them in order, and while it sends one
# answer the next query is already in its socket (given one at a time, it waited for the serving
# process's event loop to hear each answer and send another: at 50 clients each of the two sat
# idle about half the time)
PIPELINE = 2


class _Process:
    def __init__(self, popen: subprocess.Popen[bytes], reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.popen = popen
        self.reader = reader
        self.writer = writer
        self.load = 0  # queries given to it (by QueryProcesses._take) and not answered yet
        self._answers: deque[asyncio.Future[Any]] = deque()  # still to come, in order
        self._reading: asyncio.Task[None] | None = None

    async def ask(self, request: Any) -> Any:
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._answers.append(answer)
        self.writer.write(frame(request))
        if self._reading is None:
            self._reading = asyncio.get_running_loop().create_task(self._read_answers())
        try:
            await self.writer.drain()
        except BaseException:
            answer.cancel()  # its place stays: the answers still come in the order asked
            raise
        return await answer

    async def _read_answers(self) -> None:
        try:
            while self._answers:
                reply = await read_frame(self.reader)
                answer = self._answers.popleft()
                if not answer.done():
                    answer.set_result(reply)
        except Exception as error:  # the process is gone: every answer still to come with it
            while self._answers:
                answer = self._answers.popleft()
                if not answer.done():
                    answer.set_exception(error)
        finally:
            self._reading = None

    def close(self) -> None:
        self.writer.close()


class QueryProcesses:
    """The query processes of one server: started with its event loop, the least busy taking
    each query (up to PIPELINE at a time), the rest waiting in arrival order."""

    def __init__(self, side: QuerySide, schema_options: Mapping[str, Any]) -> None:
        self.side = side
        self.spec = {"factory": side.factory, "kwargs": dict(side.kwargs),
                     "schema": dict(schema_options)}
        self._waiting: deque[asyncio.Future[_Process | None]] = deque()
        # in the order they were last given a query: of the least busy, the one given one
        # longest ago takes the next (so each is asked in turn, and one that died is noticed)
        self._all: dict[_Process, None] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closing = False

    @property
    def ready(self) -> int:
        """How many are up and taking queries."""
        return len(self._all)

    def pids(self) -> set[int]:
        return {process.popen.pid for process in self._all}

    async def start(self) -> None:
        """Start every query process; each takes queries once its schema is built."""
        for _ in range(self.side.processes):
            self._background(self._spawn())

    async def execute(self, request: tuple[Any, ...]) -> Answered | None:
        """The answer from a query process, or None: run it here (none is up, or it needs
        this process)."""
        process = await self._take()
        if process is None:
            return None
        # shielded: a client that goes away must not leave a reply unread on the socket
        reply = await asyncio.shield(self._exchange(process, request))
        if reply is None or reply[0] != "answer":
            return None
        _, body, without_errors, recorded = reply
        replay(recorded)
        return Answered(body, without_errors)

    async def close(self) -> None:
        self._closing = True
        for waiter in self._waiting:
            if not waiter.done():
                waiter.set_result(None)
        for process in list(self._all):
            process.close()
        for process in list(self._all):
            await asyncio.to_thread(_reap, process.popen)
        self._all.clear()

    async def _exchange(self, process: _Process, request: tuple[Any, ...]) -> Any:
        try:
            reply = await process.ask(request)
        except (OSError, EOFError, asyncio.IncompleteReadError, pickle.PickleError) as error:
            self._lost(process, error)
            return None
        self._give_back(process)
        return reply

    async def _take(self) -> _Process | None:
        if self._closing:
            return None
        least = min(self._all, key=lambda process: process.load, default=None)
        if least is None:
            return None
        if least.load < PIPELINE:
            least.load += 1
            del self._all[least]
            self._all[least] = None
            return least
        waiter: asyncio.Future[_Process | None] = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:  # its client went away: pass on a process it was given
            if waiter.done() and not waiter.cancelled() and waiter.result() is not None:
                self._give_back(waiter.result())
            raise

    def _give_back(self, process: _Process) -> None:
        process.load -= 1
        self._offer(process)

    def _offer(self, process: _Process) -> None:
        """`process` to the queries waiting, as many as it may take."""
        while self._waiting and process.load < PIPELINE:
            waiter = self._waiting.popleft()
            if not waiter.done():
                process.load += 1
                waiter.set_result(process)

    def _lost(self, process: _Process, error: BaseException | None) -> None:
        if process not in self._all:  # each query it was answering hears it is gone
            return
        del self._all[process]
        process.close()
        if self._closing:
            return
        log.warning("a query process ended; its queries run in the serving process until "
                    "another is up", extra={"error": repr(error), "pid": process.popen.pid})
        if not self._all:  # nobody left to wait for: they run here
            while self._waiting:
                waiter = self._waiting.popleft()
                if not waiter.done():
                    waiter.set_result(None)
        self._background(self._spawn(reaped=process.popen))

    async def _spawn(self, reaped: subprocess.Popen[bytes] | None = None) -> None:
        if reaped is not None:
            await asyncio.to_thread(_reap, reaped)
        ours, theirs = socket.socketpair()
        try:
            popen = subprocess.Popen(
                [sys.executable, "-m", "gateway.query_process", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], env={**os.environ, "PYTHONUNBUFFERED": "1"})
        finally:
            theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        process = _Process(popen, reader, writer)
        try:
            ready = await process.ask(self.spec)
        except (OSError, EOFError, asyncio.IncompleteReadError) as error:
            process.close()
            await asyncio.to_thread(_reap, popen)
            log.error("a query process did not start; queries run in the serving process",
                      extra={"error": repr(error), "exit": popen.returncode})
            return
        if ready != "ready" or self._closing:
            process.close()
            await asyncio.to_thread(_reap, popen)
            return
        self._all[process] = None
        self._offer(process)

    def _background(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def replay(recorded: list[tuple[str, tuple[str, ...], str, float]]) -> None:
    """A query process's metric samples, recorded in this process's registry."""
    for name, labels, method, value in recorded:
        if name in REPLAYED and method in ("observe", "inc"):
            getattr(getattr(metrics, name).labels(*labels), method)(value)


def _reap(popen: subprocess.Popen[bytes]) -> None:
    try:
        popen.wait(10)
    except subprocess.TimeoutExpired:
        popen.kill()
        popen.wait()
