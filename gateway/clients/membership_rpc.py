"""The membership service reached over RabbitMQ (nameko RPC), with the embedded surface:

    membership = RpcMembership("amqp://guest:guest@127.0.0.1:5672/", province="NB")
    result = membership.service.execute(command, context, acting_for=org_id)  # CommandResult
    page = membership.queries.members(org_id, first=20)                        # Page[MemberView]

Refusals arrive as the same typed DomainErrors; query results are rebuilt to the return types
MembershipQueries declares. Calls block the calling thread (the gateway runs operations in worker
threads, never on its event loop). nameko's standalone proxy is not thread-safe, so each call
borrows one from a small pool. No eventlet monkey-patching happens in this process.
"""

from __future__ import annotations

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

from partyorg.kit.codec import to_jsonable
from partyorg.kit.envelope import CommandContext
from partyorg.kit.logs import correlation_id
from partyorg.membership.adapters import rpc_wire as wire
from partyorg.membership.application.service import CommandResult

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 15.0  # above the service's 5 s wait for the read models, plus the command


class MembershipUnavailable(RuntimeError):
    """No answer from the membership service: broker down, service not running, or too slow."""


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
    """Started proxies, each used by one thread at a time; a failed one is dropped, not reused."""

    def __init__(self, amqp_uri: str, timeout: float, keep: int = 8) -> None:
        self.amqp_uri = amqp_uri
        self.timeout = timeout
        self.keep = keep
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
                raise MembershipUnavailable(f"cannot reach RabbitMQ: {exc}") from exc
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
            except MembershipUnavailable:
                raise
            except RpcTimeout as exc:
                raise MembershipUnavailable(
                    f"{service}.{method} did not answer within {self.timeout:g} s") from exc
            except UnknownService as exc:
                raise MembershipUnavailable(f"no {service} service is listening") from exc
            except (OSError, RuntimeError, AMQPError, KombuError) as exc:
                # a consumer or connection the broker dropped (e.g. RabbitMQ restarted)
                if attempt == 2:
                    raise MembershipUnavailable(f"{service}.{method} failed: {exc}") from exc
                log.warning("RPC connection failed; retrying on a new one",
                            extra={"error": str(exc)})
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for proxy in idle:
            proxy.stop()


class RemoteMembershipService:
    """MembershipService.execute, over RPC."""

    def __init__(self, pool: ProxyPool, service_name: str) -> None:
        self._pool = pool
        self._name = service_name

    def execute(self, command: object, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        command_type, payload = wire.command_to_wire(command)
        reply = self._pool.call(self._name, "execute", command_type, payload,
                                to_jsonable(context), acting_for)
        result = wire.command_result_from_wire(wire.unwrap(reply))
        if not reply.get("visible", True):
            log.warning("the read models had not applied this command when it was answered",
                        extra={"command_id": result.command_id})
        return result


class RemoteMembershipQueries:
    """MembershipQueries' methods the gateway uses, over RPC, with their declared return types."""

    def __init__(self, pool: ProxyPool, service_name: str) -> None:
        self._pool = pool
        self._name = service_name

    def __getattr__(self, name: str) -> Any:
        if name not in wire.QUERY_NAMES:
            raise AttributeError(f"{name} is not a membership query served over RPC")

        def ask(*args: Any, **kwargs: Any) -> Any:
            arguments = wire.query_args_to_wire(name, args, kwargs)
            reply = self._pool.call(self._name, "query", name, arguments)
            return wire.query_result_from_wire(name, wire.unwrap(reply))

        ask.__name__ = name
        return ask


class RpcMembership:
    """What the gateway needs of membership (`.service`, `.queries`, `.province`, `.health()`),
    served by the nameko service in another process."""

    def __init__(self, amqp_uri: str, province: str, *, timeout: float = DEFAULT_TIMEOUT,
                 service_name: str = "membership", pool_size: int = 8) -> None:
        self.province = province
        self.service_name = service_name
        self._pool = ProxyPool(amqp_uri, timeout, pool_size)
        self.service = RemoteMembershipService(self._pool, service_name)
        self.queries = RemoteMembershipQueries(self._pool, service_name)

    def health(self) -> dict[str, Any]:
        """Store head and how far the read models lag it, as the gateway's /healthz reports."""
        raw = self._pool.call(self.service_name, "health")
        behind = max(0, raw["store_head"] - raw["applied_position"])
        return {"storeHead": raw["store_head"],
                "projectionsBehind": {raw["source"]: behind} if behind else {}}

    def close(self) -> None:
        self._pool.close()
