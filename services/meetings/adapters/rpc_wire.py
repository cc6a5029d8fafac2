"""What meetings commands, queries and refusals look like on the RPC wire, for both ends.

The encoding is the kit's (kit.nameko.wire), as membership's; this names what meetings
sends: commands that have a handler, by their class name, and the MeetingsQueries clients ask.
Nothing here imports nameko.
"""

from __future__ import annotations

from kit.nameko.wire import RpcWire

from ..application.handlers import HANDLERS
from ..application.queries import MeetingsQueries
from ..application.service import CommandResult

# the questions clients ask; the handlers' directory (organisation_info, summons_for) and
# freshness (applied_position) stay inside the service
QUERY_NAMES = frozenset({
    "organisation", "is_within", "roster", "meetings", "meeting", "attendance_rate",
    "attendance_by_branch", "attendance_by_member", "member_attendance", "unexcused_absentees",
    "missed_monthly_meetings", "missed_thematic_meetings", "superior_cadre_attendance",
    "materials_issues", "short_meetings",
})
WIRE = RpcWire("meetings", commands=HANDLERS, queries=MeetingsQueries,
               query_names=QUERY_NAMES, command_result=CommandResult)
