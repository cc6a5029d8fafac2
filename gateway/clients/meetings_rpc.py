"""The meetings service reached over RabbitMQ (nameko RPC), with the embedded surface:

    meetings = RpcMeetings("amqp://guest:guest@127.0.0.1:5672/", province="NB")
    result = meetings.service.execute(command, context, acting_for=org_id)   # CommandResult
    rate = meetings.queries.attendance_rate(branch_id, date(2026, 1, 1), date(2026, 12, 31))

As RpcMembership, on the shared client (rpc.py): refusals arrive as the same typed DomainErrors,
query results are rebuilt to the return types MeetingsQueries declares, calls block the calling
thread. Unreachable means MeetingsUnavailable.
"""

from __future__ import annotations

from services.meetings.adapters.rpc_wire import WIRE

from .rpc import DEFAULT_TIMEOUT, RpcClient, ServiceUnavailable


class MeetingsUnavailable(ServiceUnavailable):
    """No answer from the meetings service: broker down, service not running, or too slow."""


class RpcMeetings(RpcClient):
    def __init__(self, amqp_uri: str, province: str, *, timeout: float = DEFAULT_TIMEOUT,
                 service_name: str = "meetings", pool_size: int = 8) -> None:
        super().__init__(amqp_uri, province, service_name=service_name, wire=WIRE,
                         unavailable=MeetingsUnavailable, timeout=timeout, pool_size=pool_size)
