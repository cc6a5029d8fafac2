"""The meetings service as a nameko service over RabbitMQ: commands, queries and health as RPC.

The same contract as membership's, from the same kit (kit.nameko.rpc): domain refusals are
replies, and a command's reply waits, bounded, until the read models the projection worker keeps
have applied its events. What the meetings read models know of membership (rosters,
organisations) follows membership's topic and is not waited for: it is eventually consistent.
"""

from __future__ import annotations

from kit.nameko import rpc as kit_rpc
from kit.nameko.rpc import psycopg_cooperates  # noqa: F401 - the service process checks it

from .rpc_wire import WIRE

SERVICE_NAME = "meetings"


class Backend(kit_rpc.Backend):
    """Meetings' command side: bootstrap's CommandSide (PostgreSQL) or EmbeddedMeetings (SQLite);
    its source is the topic meetings' own read models follow."""

    metrics_label = SERVICE_NAME


def backend_from_env() -> Backend:
    from services.meetings.bootstrap import Settings, build_command_side

    settings = Settings.from_env()
    return Backend(lambda: build_command_side(settings), province=settings.province,
                   source=settings.topic, visibility_timeout=kit_rpc.visibility_timeout_from_env())


MeetingsRpc = kit_rpc.service_class("MeetingsRpc", name=SERVICE_NAME, wire=WIRE,
                                    make_backend=backend_from_env, module=__name__)


def meetings_service(name: str = SERVICE_NAME) -> type:
    """The service under another RPC name: two topologies sharing one broker stay apart."""
    return kit_rpc.renamed(MeetingsRpc, name)
