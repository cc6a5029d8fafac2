"""A service reached over RabbitMQ (nameko RPC), with its embedded surface:

    client = RpcClient.of(declaration, amqp_uri, province)  # a kit.declaration

    result = client.service.execute(command, context, acting_for=org_id)  # CommandResult
    value = client.queries.<whitelisted query>(...)                        # its declared type

Refusals arrive as the same typed DomainErrors; query results are rebuilt to the return types the
service's queries class declares. No answer within the timeout (`command_timeout` for commands,
`timeout` for the rest) raises ServiceUnavailable: a command may then still apply, and is
retried with the same command id. A command answered before the service's read models applied
it comes back with `visible=False`. Calls block the calling thread (the gateway runs operations
in worker threads, never on its event loop). nameko's standalone proxy is not thread-safe, so
each call borrows one from a small pool. No eventlet monkey-patching happens in this process.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from amqp.exceptions import AMQPError
from kombu.exceptions import KombuError

with warnings.catch_warnings():  # nameko imports eventlet, which warns; it is not patched in
    warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
    from nameko.exceptions import RpcTimeout, UnknownService
    from nameko.standalone.rpc import ClusterRpcProxy

from kit.client import ServiceUnavailable
from kit.commanding import CommandResult
from kit.declaration import ServiceDeclaration
from kit.envelope import CommandContext
from kit.json_encode import to_jsonable
from kit.logs import correlation_id
from kit.nameko.wire import RpcWire, unwrap, wire_of

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 15.0  # above the service's 5 s wait for the read models, plus the command


@functools.cache
def unavailable_error(service: str) -> type[ServiceUnavailable]:
    """The ServiceUnavailable a service's client raises, naming it."""
    return type(f"{service.title()}Unavailable", (ServiceUnavailable,), {"service": service})


class _Proxy:
    """One started ClusterRpcProxy and the context data its calls carry as headers."""

    def __init__(self, amqp_uri: str, timeout: float) -> None:
        # nameko keeps this very dict as the calls' context: updating it updates the headers
        self.data: dict[str, Any] = {}
        self._standalone = ClusterRpcProxy({"AMQP_URI": amqp_uri}, context_data=self.data,
                                           timeout=timeout)
        self.cluster = self._standalone.start()

    def stop(self) -> None:
        try:
            self._standalone.stop()
        except Exception:  # a broken connection: nothing left to close cleanly
            log.debug("stopping an RPC proxy failed", exc_info=True)


class ProxyPool:
    """Started proxies, each used by one thread at a time; a failed one is dropped, not reused.
    No answer raises `unavailable`."""

    def __init__(self, amqp_uri: str, timeout: float, keep: int = 8, *,
                 unavailable: type[ServiceUnavailable] = ServiceUnavailable) -> None:
        self.amqp_uri = amqp_uri
        self.timeout = timeout
        self.keep = keep
        self.unavailable = unavailable
        self._idle: list[_Proxy] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def borrow(self) -> Iterator[_Proxy]:
        with self._lock:
            proxy = self._idle.pop() if self._idle else None
        if proxy is None:
            try:
                proxy = _Proxy(self.amqp_uri, self.timeout)
            except Exception as exc:
                raise self.unavailable(f"cannot reach RabbitMQ: {exc}") from exc
        try:
            yield proxy
        except BaseException:
            proxy.stop()
            raise
        with self._lock:
            if not self._closed and len(self._idle) < self.keep:
                self._idle.append(proxy)
                return
        proxy.stop()

    def call(self, service: str, method: str, *args: Any) -> dict[str, Any]:
        # a broken connection gets one retry on a fresh proxy: queries are reads and commands
        # are idempotent by command id, so a repeat is harmless
        for attempt in (1, 2):
            try:
                with self.borrow() as proxy:
                    cid = correlation_id.get()
                    if cid:
                        proxy.data["correlation_id"] = cid
                    else:
                        proxy.data.pop("correlation_id", None)
                    return getattr(proxy.cluster[service], method)(*args)
            except ServiceUnavailable:
                raise
            except RpcTimeout as exc:
                raise self.unavailable(
                    f"{service}.{method} did not answer within {self.timeout:g} s") from exc
            except UnknownService as exc:
                raise self.unavailable(f"no {service} service is listening") from exc
            except (OSError, RuntimeError, AMQPError, KombuError) as exc:
                # a consumer or connection the broker dropped (e.g. RabbitMQ restarted)
                if attempt == 2:
                    raise self.unavailable(f"{service}.{method} failed: {exc}") from exc
                log.warning("RPC connection failed; retrying on a new one",
                            extra={"error": str(exc)})
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for proxy in idle:
            proxy.stop()


class RemoteService:
    """The service's `execute`, over RPC."""

    def __init__(self, pool: ProxyPool, service_name: str, wire: RpcWire) -> None:
        self._pool = pool
        self._name = service_name
        self._wire = wire

    def execute(self, command: object, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        command_type, payload = self._wire.command_to_wire(command)
        reply = self._pool.call(self._name, "execute", command_type, payload,
                                to_jsonable(context), acting_for)
        result = self._wire.command_result_from_wire(unwrap(reply))
        if not reply.get("visible", True):
            log.warning("the read models had not applied this command when it was answered",
                        extra={"command_id": result.command_id})
            result = dataclasses.replace(result, visible=False)
        return result


class RemoteQueries:
    """The whitelisted query methods, over RPC, with their declared return types."""

    def __init__(self, pool: ProxyPool, service_name: str, wire: RpcWire) -> None:
        self._pool = pool
        self._name = service_name
        self._wire = wire

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self._wire.query_names:
            raise AttributeError(f"{name} is not a {self._wire.service} query served over RPC")

        def ask(*args: Any, **kwargs: Any) -> Any:
            arguments = self._wire.query_args_to_wire(name, args, kwargs)
            reply = self._pool.call(self._name, "query", name, arguments)
            return self._wire.query_result_from_wire(name, unwrap(reply))

        ask.__name__ = name
        return ask


class RpcClient:
    """What the gateway needs of a service (a kit.client.ServiceClient: `.service`, `.queries`,
    `.province`, `.health()`), served by its nameko service in another process."""

    def __init__(self, amqp_uri: str, province: str, *, service_name: str, wire: RpcWire,
                 unavailable: type[ServiceUnavailable], timeout: float = DEFAULT_TIMEOUT,
                 command_timeout: float | None = None, pool_size: int = 8) -> None:
        self.province = province
        self.service_name = service_name
        self._pool = ProxyPool(amqp_uri, timeout, pool_size, unavailable=unavailable)
        # a proxy has one timeout: commands get proxies of their own when theirs differs
        self._command_pool = self._pool if command_timeout in (None, timeout) else \
            ProxyPool(amqp_uri, command_timeout, pool_size, unavailable=unavailable)
        self.service = RemoteService(self._command_pool, service_name, wire)
        self.queries = RemoteQueries(self._pool, service_name, wire)

    @classmethod
    def of(cls, declaration: ServiceDeclaration, amqp_uri: str, province: str, *,
           timeout: float = DEFAULT_TIMEOUT, command_timeout: float | None = None,
           service_name: str | None = None, pool_size: int = 8) -> RpcClient:
        """The client of a declared service (kit.declaration), under its RPC name unless
        another is given; commands wait `command_timeout` (by default `timeout`)."""
        return cls(amqp_uri, province, service_name=service_name or declaration.name,
                   wire=wire_of(declaration), unavailable=unavailable_error(declaration.name),
                   timeout=timeout, command_timeout=command_timeout, pool_size=pool_size)

    def health(self) -> dict[str, Any]:
        """Store head and how far the service's read models lag it, as /healthz reports."""
        raw = self._pool.call(self.service_name, "health")
        behind = max(0, raw["store_head"] - raw["applied_position"])
        return {"storeHead": raw["store_head"],
                "projectionsBehind": {raw["source"]: behind} if behind else {}}

    def applied_positions(self) -> dict[str, int]:
        """By source (its own topic, and those of the services it follows): the position its
        read models have applied, e.g. to wait until meetings' view of membership caught up."""
        raw = self._pool.call(self.service_name, "health")
        return {raw["source"]: raw["applied_position"], **raw.get("followed", {})}

    def close(self) -> None:
        self._pool.close()
        if self._command_pool is not self._pool:
            self._command_pool.close()
