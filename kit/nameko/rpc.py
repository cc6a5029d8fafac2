"""A service's command side as a nameko service over RabbitMQ: commands, queries and health as RPC.

    execute(command_type, payload, context, acting_for) -> {"result": CommandResult, "visible"}
                                                         | {"error": ...}
    query(name, kwargs)                                  -> {"result": ...} | {"error": ...}
    health()                                             -> {"store_head", "applied_position",
                                                             "followed": {source: position}, ...}

Domain refusals are replies ({"error": DomainError.to_dict()}), not exceptions, so they arrive as
the same typed errors (rpc_wire.unwrap). A command's reply waits, bounded, until the read models
the projection workers keep have applied its events: a query right after a mutation sees it.
When that wait runs out (PARTYORG_RPC_VISIBILITY_TIMEOUT) the reply says so: `visible: false`,
beside the result and in it (CommandResult.visible).

nameko and eventlet are imported only when a service class is made or a reply waits, so the kit
stays importable without them. The service class is made from a service's declaration.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from kit.errors import DomainError, InvalidInput
from kit.logs import correlation_id
from kit.metrics import RPC_VISIBILITY_WAIT
from kit.nameko.wire import context_from_wire, ok, refused, wire_of
from kit.postgres.applied import AppliedListener, SharedReads, wait_applied

# psycopg picks its wait function once, at import: wait_select goes through `select`, which
# eventlet patches, so a query yields to other workers instead of freezing the process
if "psycopg" not in sys.modules:
    os.environ["PSYCOPG_WAIT_FUNC"] = "wait_select"

log = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_VISIBILITY_TIMEOUT = 5.0  # seconds a command's reply waits for the read models


class CommandSide(Protocol):
    """What a service process serves: partyorg.distributed's CommandSide (PostgreSQL) or an
    embedded service (SQLite)."""

    service: Any  # .execute(command, CommandContext, acting_for) -> CommandResult
    queries: Any  # the whitelisted queries and .applied_position(source)
    store: Any

    def close(self) -> None: ...


def psycopg_cooperates() -> bool:
    """Whether psycopg's queries yield to eventlet here (True where eventlet is not patched in)."""
    import eventlet

    if not eventlet.patcher.is_monkey_patched("select"):
        return True
    import psycopg.waiting

    return psycopg.waiting.wait is psycopg.waiting.wait_select


def _connection_lost(exc: BaseException) -> bool:
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


def visibility_timeout_from_env() -> float:
    return float(os.environ.get("PARTYORG_RPC_VISIBILITY_TIMEOUT", DEFAULT_VISIBILITY_TIMEOUT))


class Backend:
    """The command side a container serves, built on first use and again after its database
    connection broke (a PostgreSQL restart); one retry is safe: commands are idempotent by id.
    `metrics_label` is the service label of the read-your-writes wait histogram; `followed`: the
    sources of the other services' events its read models apply, reported by health."""

    def __init__(self, build: Callable[[], CommandSide], *, province: str, source: str,
                 visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT,
                 metrics_label: str = "rpc", followed: tuple[str, ...] = ()) -> None:
        self.build = build
        self.metrics_label = metrics_label
        self.province = province
        self.source = source  # the checkpoint source the service's read models follow
        self.followed = followed
        self.visibility_timeout = visibility_timeout
        self._side: CommandSide | None = None
        self._listener: AppliedListener | None = None
        self._reads: SharedReads | None = None  # the side's checkpoints, read for every waiter
        self._lock = threading.Lock()  # green under eventlet's monkey-patching

    def side(self) -> CommandSide:
        with self._lock:
            if self._side is None:
                side = self._side = self.build()
                self._listener = _listener_for(side)
                self._reads = SharedReads(lambda: side.queries.applied_position(self.source))
            return self._side

    def call(self, fn: Callable[[CommandSide], T]) -> T:
        side = self.side()
        try:
            return fn(side)
        except Exception as exc:
            if not _connection_lost(exc):
                raise
            log.warning("database connection lost; reconnecting", extra={"error": str(exc)})
            self.discard(side)
        return fn(self.side())

    def discard(self, side: CommandSide) -> None:
        with self._lock:
            if self._side is side:
                self._side = None
                self._close_listener()
        try:
            side.close()
        except Exception:  # already broken: closing is best effort
            log.debug("closing a broken command side failed", exc_info=True)

    def close(self) -> None:
        with self._lock:
            side, self._side = self._side, None
            self._close_listener()
        if side is not None:
            side.close()

    def _close_listener(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def wait_until_applied(self, side: CommandSide, position: int) -> bool:
        """Until every read model applied `position`: woken by the worker's announcement where
        the read models are on PostgreSQL, else polling, with eventlet-friendly sleeps."""
        import eventlet

        start = time.monotonic()
        current = side is self._side
        listener = self._listener if current else None
        reads = self._reads if current else None
        read = (lambda: reads.at_least(position)) if reads is not None else \
            (lambda: side.queries.applied_position(self.source))
        try:
            return wait_applied(read, position, self.visibility_timeout, listener, self.source,
                                sleep=eventlet.sleep)
        finally:
            RPC_VISIBILITY_WAIT.labels(self.metrics_label).observe(time.monotonic() - start)


def _listener_for(side: CommandSide) -> AppliedListener | None:
    """A listener for a side whose read models are on PostgreSQL (a bootstrap's CommandSide:
    `settings.pg_dsn` and `read_db.schema`); None for the embedded sides, which catch up inline."""
    dsn = getattr(getattr(side, "settings", None), "pg_dsn", "")
    schema = getattr(getattr(side, "read_db", None), "schema", "")
    return AppliedListener(dsn, schema) if dsn and schema else None


def _command_side_provider(make: Callable[[], Backend]) -> Any:
    """One Backend per container, connected at start so a bad DSN fails the start, not a call."""
    from nameko.extensions import DependencyProvider

    class CommandSideProvider(DependencyProvider):
        def __init__(self) -> None:
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

    return CommandSideProvider()


def service_class(declaration: Any, make_backend: Callable[[], Backend],
                  name: str | None = None) -> type:
    """The nameko service class of a declared service (kit.declaration): its commands and
    published queries on the Backend `make_backend` builds, under the RPC name `name` (by
    default the service's own: another keeps two topologies on one broker apart)."""
    from nameko.rpc import rpc

    wire = wire_of(declaration)
    name = name or declaration.name
    class_name = f"{declaration.name.title()}Rpc" + ("" if name == declaration.name else f"_{name}")
    module = __name__

    class Service:
        backend: Backend = _command_side_provider(make_backend)

        @rpc
        def execute(self, command_type: str, payload: dict, context: dict,
                    acting_for: str | None = None) -> dict[str, Any]:
            try:
                command = wire.command_from_wire(command_type, payload)
                ctx = context_from_wire(context)
                if ctx.province != self.backend.province:
                    raise InvalidInput("context.province",
                                       f"this service keeps province {self.backend.province}")
                if ctx.correlation_id:
                    correlation_id.set(ctx.correlation_id)
                result = self.backend.call(
                    lambda side: side.service.execute(command, ctx, acting_for))
            except DomainError as error:
                return refused(error)
            position = max(result.positions, default=0)
            visible = self.backend.call(
                lambda side: self.backend.wait_until_applied(side, position))
            if not visible:
                log.warning("read models did not apply a command's events in time",
                            extra={"command_id": result.command_id, "position": position,
                                   "timeout_s": self.backend.visibility_timeout})
            # also beside the result, where clients before CommandResult.visible read it
            return ok(replace(result, visible=visible), visible=visible)

        @rpc
        def query(self, name: str, kwargs: dict) -> dict[str, Any]:
            try:
                arguments = wire.query_args_from_wire(name, kwargs)
                value = self.backend.call(lambda side: getattr(side.queries, name)(**arguments))
            except DomainError as error:
                return refused(error)
            return ok(value)

        @rpc
        def health(self) -> dict[str, Any]:
            def read(side: CommandSide) -> dict[str, Any]:
                return {"province": self.backend.province, "source": self.backend.source,
                        "store_head": side.store.head_position(),
                        "applied_position": side.queries.applied_position(self.backend.source),
                        "followed": {source: side.queries.applied_position(source)
                                     for source in self.backend.followed}}

            return self.backend.call(read)

    Service.__name__ = Service.__qualname__ = class_name
    Service.__module__ = module
    Service.name = name
    return Service

