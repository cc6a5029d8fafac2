"""The meetings service as a nameko service over RabbitMQ: commands, queries and health as RPC.

    execute(command_type, payload, context, acting_for) -> {"result": CommandResult} | {"error"}
    query(name, kwargs)                                  -> {"result": ...} | {"error": ...}
    health()                                             -> {"store_head", "applied_position", ...}

The same contract as membership's service (services/membership/adapters/rpc.py): domain refusals
are replies ({"error": DomainError.to_dict()}), not exceptions, so they arrive as the same typed
errors (rpc_wire.unwrap); a command's reply waits, bounded, until the read models the projection
worker keeps have applied its events, so a query right after a mutation sees it. What the
meetings read models know of membership (rosters, organisations) follows membership's topic and
is not waited for: it is eventually consistent by design.

Only adapters and process entry points import nameko; the domain and application layers do not.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

# psycopg picks its wait function once, at import: wait_select goes through `select`, which
# eventlet patches, so a query yields to other workers instead of freezing the process
if "psycopg" not in sys.modules:
    os.environ["PSYCOPG_WAIT_FUNC"] = "wait_select"

import eventlet  # noqa: E402 - after the psycopg setting above
from nameko.extensions import DependencyProvider  # noqa: E402
from nameko.rpc import rpc  # noqa: E402

from partyorg.kit.errors import DomainError, InvalidInput  # noqa: E402
from partyorg.kit.logs import correlation_id  # noqa: E402
from partyorg.kit.metrics import RPC_VISIBILITY_WAIT  # noqa: E402

from ..application.queries import MeetingsQueries  # noqa: E402
from ..application.service import MeetingsService  # noqa: E402
from . import rpc_wire as wire  # noqa: E402

log = logging.getLogger(__name__)
T = TypeVar("T")
SERVICE_NAME = "meetings"
DEFAULT_VISIBILITY_TIMEOUT = 5.0  # seconds a command's reply waits for the read models


class Side(Protocol):
    """A command side: bootstrap's CommandSide (PostgreSQL) or EmbeddedMeetings (SQLite)."""

    service: MeetingsService
    queries: MeetingsQueries
    store: Any

    def close(self) -> None: ...


def psycopg_cooperates() -> bool:
    """Whether psycopg's queries yield to eventlet here (True where eventlet is not patched in)."""
    if not eventlet.patcher.is_monkey_patched("select"):
        return True
    import psycopg.waiting

    return psycopg.waiting.wait is psycopg.waiting.wait_select


def _connection_lost(exc: BaseException) -> bool:
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


class Backend:
    """The command side a container serves, built on first use and again after its database
    connection broke (a PostgreSQL restart); one retry is safe: commands are idempotent by id."""

    def __init__(self, build: Callable[[], Side], *, province: str, source: str,
                 visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT) -> None:
        self.build = build
        self.province = province
        self.source = source  # the checkpoint source meetings' own read models follow
        self.visibility_timeout = visibility_timeout
        self._side: Side | None = None
        self._lock = threading.Lock()  # green under eventlet's monkey-patching

    def side(self) -> Side:
        with self._lock:
            if self._side is None:
                self._side = self.build()
            return self._side

    def call(self, fn: Callable[[Side], T]) -> T:
        side = self.side()
        try:
            return fn(side)
        except Exception as exc:
            if not _connection_lost(exc):
                raise
            log.warning("database connection lost; reconnecting", extra={"error": str(exc)})
            self.discard(side)
        return fn(self.side())

    def discard(self, side: Side) -> None:
        with self._lock:
            if self._side is side:
                self._side = None
        try:
            side.close()
        except Exception:  # already broken: closing is best effort
            log.debug("closing a broken command side failed", exc_info=True)

    def close(self) -> None:
        with self._lock:
            side, self._side = self._side, None
        if side is not None:
            side.close()

    def wait_until_applied(self, side: Side, position: int) -> bool:
        """Poll, with eventlet-friendly sleeps, until every read model applied `position`."""
        start = time.monotonic()
        deadline = start + self.visibility_timeout
        pause = 0.002
        try:
            while side.queries.applied_position(self.source) < position:
                if time.monotonic() >= deadline:
                    return False
                eventlet.sleep(pause)
                pause = min(pause * 2, 0.05)
            return True
        finally:
            RPC_VISIBILITY_WAIT.labels(SERVICE_NAME).observe(time.monotonic() - start)


def backend_from_env() -> Backend:
    from partyorg.meetings.bootstrap import Settings, build_command_side

    settings = Settings.from_env()
    timeout = float(os.environ.get("PARTYORG_RPC_VISIBILITY_TIMEOUT", DEFAULT_VISIBILITY_TIMEOUT))
    return Backend(lambda: build_command_side(settings), province=settings.province,
                   source=settings.topic, visibility_timeout=timeout)


class CommandSideProvider(DependencyProvider):
    """One Backend per container, connected at start so a bad DSN fails the start, not a call."""

    def __init__(self, make: Callable[[], Backend] = backend_from_env) -> None:
        self.make = make
        self.backend: Backend | None = None

    def setup(self) -> None:
        if not psycopg_cooperates():
            raise RuntimeError("psycopg was imported before PSYCOPG_WAIT_FUNC=wait_select was "
                               "set: its queries would block every eventlet worker")
        self.backend = self.make()
        self.backend.side()

    def get_dependency(self, worker_ctx: Any) -> Backend:
        assert self.backend is not None
        return self.backend

    def worker_setup(self, worker_ctx: Any) -> None:
        # the caller's correlation id travels as a nameko context header
        correlation_id.set(str(worker_ctx.data.get("correlation_id") or ""))

    def stop(self) -> None:
        if self.backend is not None:
            self.backend.close()

    def kill(self) -> None:
        self.stop()


class MeetingsRpc:
    name = SERVICE_NAME

    backend: Backend = CommandSideProvider()

    @rpc
    def execute(self, command_type: str, payload: dict, context: dict,
                acting_for: str | None = None) -> dict[str, Any]:
        try:
            command = wire.command_from_wire(command_type, payload)
            ctx = wire.context_from_wire(context)
            if ctx.province != self.backend.province:
                raise InvalidInput("context.province",
                                   f"this service keeps province {self.backend.province}")
            if ctx.correlation_id:
                correlation_id.set(ctx.correlation_id)
            result = self.backend.call(lambda side: side.service.execute(command, ctx, acting_for))
        except DomainError as error:
            return wire.refused(error)
        position = max(result.positions, default=0)
        visible = self.backend.call(lambda side: self.backend.wait_until_applied(side, position))
        if not visible:
            log.warning("read models did not apply a command's events in time",
                        extra={"command_id": result.command_id, "position": position,
                               "timeout_s": self.backend.visibility_timeout})
        return wire.ok(result, visible=visible)

    @rpc
    def query(self, name: str, kwargs: dict) -> dict[str, Any]:
        try:
            arguments = wire.query_args_from_wire(name, kwargs)
            value = self.backend.call(lambda side: getattr(side.queries, name)(**arguments))
        except DomainError as error:
            return wire.refused(error)
        return wire.ok(value)

    @rpc
    def health(self) -> dict[str, Any]:
        def read(side: Side) -> dict[str, Any]:
            return {"province": self.backend.province, "source": self.backend.source,
                    "store_head": side.store.head_position(),
                    "applied_position": side.queries.applied_position(self.backend.source)}

        return self.backend.call(read)


def meetings_service(name: str = SERVICE_NAME) -> type[MeetingsRpc]:
    """The service under another RPC name: two topologies sharing one broker stay apart."""
    if name == SERVICE_NAME:
        return MeetingsRpc
    return type(f"MeetingsRpc_{name}", (MeetingsRpc,), {"name": name})
