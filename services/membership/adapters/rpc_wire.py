"""What membership commands, queries and refusals look like on the RPC wire, for both ends.

The encoding is the kit's (kit.nameko.wire.RpcWire); WIRE names what membership sends:
commands that have a handler, by their class name in domain/commands.py, and the MembershipQueries
the gateway asks. Nothing here imports nameko.
"""

from __future__ import annotations

from kit.nameko.wire import RpcWire

from ..application.handlers import HANDLERS
from ..application.queries import MembershipQueries
from ..application.service import CommandResult

# the questions the gateway asks; occupancy and freshness stay inside the service
QUERY_NAMES = frozenset({
    "organisation", "is_within", "ancestors", "roots", "organisation_tree", "member", "members",
    "members_as_of", "member_history", "badges_due",
})
WIRE = RpcWire("membership", commands=HANDLERS, queries=MembershipQueries,
               query_names=QUERY_NAMES, command_result=CommandResult)
