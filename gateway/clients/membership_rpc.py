"""The membership service reached over RabbitMQ (nameko RPC), with the embedded surface:

    membership = RpcMembership("amqp://guest:guest@127.0.0.1:5672/", province="NB")
    result = membership.service.execute(command, context, acting_for=org_id)  # CommandResult
    page = membership.queries.members(org_id, first=20)                        # Page[MemberView]

The client is the shared one (rpc.py): refusals arrive as the same typed DomainErrors, query
results are rebuilt to the return types MembershipQueries declares, calls block the calling
thread. Unreachable means MembershipUnavailable.
"""

from __future__ import annotations

from services.membership.adapters.rpc_wire import WIRE

from .rpc import DEFAULT_TIMEOUT, RpcClient, ServiceUnavailable


class MembershipUnavailable(ServiceUnavailable):
    """No answer from the membership service: broker down, service not running, or too slow."""


class RpcMembership(RpcClient):
    def __init__(self, amqp_uri: str, province: str, *, timeout: float = DEFAULT_TIMEOUT,
                 service_name: str = "membership", pool_size: int = 8) -> None:
        super().__init__(amqp_uri, province, service_name=service_name, wire=WIRE,
                         unavailable=MembershipUnavailable, timeout=timeout, pool_size=pool_size)
