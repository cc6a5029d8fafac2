"""The membership service as a nameko service over RabbitMQ: commands, queries and health as RPC.

The service class, its Backend and the read-your-writes wait are the kit's (kit.nameko.rpc);
this names membership's wire (rpc_wire), its command side (bootstrap) and its RPC name.
Only adapters and process entry points import nameko; the domain and application layers do not.
"""

from __future__ import annotations

from kit.nameko import rpc as kit_rpc
from kit.nameko.rpc import psycopg_cooperates  # noqa: F401 - the service process checks it

from .rpc_wire import WIRE

SERVICE_NAME = "membership"


class Backend(kit_rpc.Backend):
    """Membership's command side: bootstrap's CommandSide (PostgreSQL) or EmbeddedMembership."""

    metrics_label = SERVICE_NAME


def backend_from_env() -> Backend:
    from services.membership.bootstrap import Settings, build_command_side

    settings = Settings.from_env()
    return Backend(lambda: build_command_side(settings), province=settings.province,
                   source=settings.topic, visibility_timeout=kit_rpc.visibility_timeout_from_env())


MembershipRpc = kit_rpc.service_class("MembershipRpc", name=SERVICE_NAME, wire=WIRE,
                                      make_backend=backend_from_env, module=__name__)


def membership_service(name: str = SERVICE_NAME) -> type:
    """The service under another RPC name: two topologies sharing one broker stay apart."""
    return kit_rpc.renamed(MembershipRpc, name)
