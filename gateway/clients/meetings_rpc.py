"""The meetings service reached over RabbitMQ (nameko RPC), with the embedded surface:

    meetings = RpcMeetings("amqp://guest:guest@127.0.0.1:5672/", province="NB")
    result = meetings.service.execute(command, context, acting_for=org_id)   # CommandResult
    rate = meetings.queries.attendance_rate(branch_id, date(2026, 1, 1), date(2026, 12, 31))

As RpcMembership (membership_rpc.py), on the same pool of standalone proxies: refusals arrive as
the same typed DomainErrors, query results are rebuilt to the return types MeetingsQueries
declares, calls block the calling thread. Unreachable means MeetingsUnavailable.
"""

from __future__ import annotations

import logging
from typing import Any

from partyorg.kit.codec import to_jsonable
from partyorg.kit.envelope import CommandContext
from partyorg.meetings.adapters import rpc_wire as wire
from partyorg.meetings.application.service import CommandResult

from .membership_rpc import DEFAULT_TIMEOUT, MembershipUnavailable, ProxyPool

log = logging.getLogger(__name__)


class MeetingsUnavailable(RuntimeError):
    """No answer from the meetings service: broker down, service not running, or too slow."""


class _MeetingsPool(ProxyPool):
    """The shared pool, saying which service it could not reach."""

    def call(self, service: str, method: str, *args: Any) -> dict[str, Any]:
        try:
            return super().call(service, method, *args)
        except MembershipUnavailable as exc:  # the pool's own word for "no answer"
            raise MeetingsUnavailable(str(exc)) from exc


class RemoteMeetingsService:
    """MeetingsService.execute, over RPC."""

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


class RemoteMeetingsQueries:
    """MeetingsQueries' methods clients use, over RPC, with their declared return types."""

    def __init__(self, pool: ProxyPool, service_name: str) -> None:
        self._pool = pool
        self._name = service_name

    def __getattr__(self, name: str) -> Any:
        if name not in wire.QUERY_NAMES:
            raise AttributeError(f"{name} is not a meetings query served over RPC")

        def ask(*args: Any, **kwargs: Any) -> Any:
            arguments = wire.query_args_to_wire(name, args, kwargs)
            reply = self._pool.call(self._name, "query", name, arguments)
            return wire.query_result_from_wire(name, wire.unwrap(reply))

        ask.__name__ = name
        return ask


class RpcMeetings:
    """What the gateway needs of meetings (`.service`, `.queries`, `.province`, `.health()`),
    served by the nameko service in another process."""

    def __init__(self, amqp_uri: str, province: str, *, timeout: float = DEFAULT_TIMEOUT,
                 service_name: str = "meetings", pool_size: int = 8) -> None:
        self.province = province
        self.service_name = service_name
        self._pool = _MeetingsPool(amqp_uri, timeout, pool_size)
        self.service = RemoteMeetingsService(self._pool, service_name)
        self.queries = RemoteMeetingsQueries(self._pool, service_name)

    def health(self) -> dict[str, Any]:
        """Store head and how far meetings' own read models lag it, as /healthz reports."""
        raw = self._pool.call(self.service_name, "health")
        behind = max(0, raw["store_head"] - raw["applied_position"])
        return {"storeHead": raw["store_head"],
                "projectionsBehind": {raw["source"]: behind} if behind else {}}

    def close(self) -> None:
        self._pool.close()
