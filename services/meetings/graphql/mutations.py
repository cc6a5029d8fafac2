"""Meetings mutations: one per command, each answering XxxSucceeded, a typed refusal or
CommandNotConfirmed (gateway.commands).

The same token rules as membership: a viewer changes nothing (Forbidden), and a meeting or branch
outside the caller's subtree is NotFound, as an id naming nothing (the meetings service checks
every id a command carries against the token's organisation).
"""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.toolkit import count_refusal, execute
from services.meetings.api import parse_id

from . import inputs as i
from . import results as r
from .access import UNAVAILABLE, UNAVAILABLE_MESSAGE
from .types import Info

DENIED = "your roles do not allow changing meeting records"


def run(info: Info, input: Any, succeeded: type) -> Any:
    """Build the command, execute it for the caller's organisation, and answer with a type
    (gateway.commands)."""
    ctx = info.context
    if ctx.claims.can_write and ctx.service("meetings") is None:
        count_refusal(info, UNAVAILABLE)
        return r.ServiceUnavailable(code=UNAVAILABLE, message=UNAVAILABLE_MESSAGE,
                                    service="meetings")
    return execute(info, "meetings", input, succeeded, parse_id=parse_id, denied=DENIED)


@strawberry.type
class MeetingsMutation:
    @strawberry.mutation(description="Call a branch meeting (regular, thematic or combined).")
    def schedule_meeting(self, info: Info, input: i.ScheduleMeetingInput) -> r.ScheduleMeetingResult:
        return run(info, input, r.ScheduleMeetingSucceeded)

    @strawberry.mutation(description="Move a scheduled meeting to another start.")
    def reschedule_meeting(self, info: Info, input: i.RescheduleMeetingInput) -> r.RescheduleMeetingResult:
        return run(info, input, r.RescheduleMeetingSucceeded)

    @strawberry.mutation(description="Cancel a meeting that has not started.")
    def cancel_meeting(self, info: Info, input: i.CancelMeetingInput) -> r.CancelMeetingResult:
        return run(info, input, r.CancelMeetingSucceeded)

    @strawberry.mutation(description="Record that the meeting's materials went out.")
    def publish_materials(self, info: Info, input: i.PublishMaterialsInput) -> r.PublishMaterialsResult:
        return run(info, input, r.PublishMaterialsSucceeded)

    @strawberry.mutation(description="Record the actual start; the summoned list is frozen.")
    def open_meeting(self, info: Info, input: i.OpenMeetingInput) -> r.OpenMeetingResult:
        return run(info, input, r.OpenMeetingSucceeded)

    @strawberry.mutation(description="Record one summoned member's attendance.")
    def record_attendance(self, info: Info, input: i.RecordAttendanceInput) -> r.RecordAttendanceResult:
        return run(info, input, r.RecordAttendanceSucceeded)

    @strawberry.mutation(description="Record the roll call: several members at once.")
    def record_attendance_sheet(self, info: Info, input: i.RecordAttendanceSheetInput) -> r.RecordAttendanceSheetResult:
        return run(info, input, r.RecordAttendanceSheetSucceeded)

    @strawberry.mutation(description="Record a superior committee's cadre who attended.")
    def record_superior_cadre_attendance(self, info: Info, input: i.RecordSuperiorCadreAttendanceInput) -> r.RecordSuperiorCadreAttendanceResult:
        return run(info, input, r.RecordSuperiorCadreAttendanceSucceeded)

    @strawberry.mutation(description="Record the vote on a resolution, adopted or rejected by "
                                     "the share its type needs.")
    def adopt_resolution(self, info: Info, input: i.AdoptResolutionInput) -> r.AdoptResolutionResult:
        return run(info, input, r.AdoptResolutionSucceeded)

    @strawberry.mutation(description="Record the actual end.")
    def close_meeting(self, info: Info, input: i.CloseMeetingInput) -> r.CloseMeetingResult:
        return run(info, input, r.CloseMeetingSucceeded)

    @strawberry.mutation(description="Close the minutes (biên bản); unexcused absences count "
                                     "from here.")
    def close_minutes(self, info: Info, input: i.CloseMinutesInput) -> r.CloseMinutesResult:
        return run(info, input, r.CloseMinutesSucceeded)

    @strawberry.mutation(description="Record dues (đảng phí) members paid at the meeting.")
    def record_dues_payments(self, info: Info, input: i.RecordDuesPaymentsInput) -> r.RecordDuesPaymentsResult:
        return run(info, input, r.RecordDuesPaymentsSucceeded)
