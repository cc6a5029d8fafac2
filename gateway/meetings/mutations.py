"""Meetings mutations: one per command, each answering XxxSucceeded or a typed refusal.

The same token rules as membership: a viewer changes nothing (Forbidden), and a meeting or branch
outside the caller's subtree is NotFound, as an id naming nothing (the meetings service checks
every id a command carries against the token's organisation).
"""

from __future__ import annotations

from typing import Any

import strawberry

from kit import errors as kit
from kit import metrics
from services.meetings.api import parse_id

from ..errors import Error, from_domain
from ..telemetry import operation_label
from . import inputs as i
from . import results as r
from .access import UNAVAILABLE, UNAVAILABLE_MESSAGE
from .types import Info


def _count_refusal(info: Info, code: str) -> None:
    name = info.operation.name and info.operation.name.value
    metrics.GRAPHQL_ERRORS.labels(operation_label(name), code).inc()


def run(info: Info, input: Any, succeeded: type) -> Any:
    """Build the command, execute it for the caller's organisation, and answer with a type."""
    ctx = info.context
    try:
        if not ctx.claims.can_write:
            raise kit.Forbidden("your roles do not allow changing meeting records")
        if ctx.service("meetings") is None:
            _count_refusal(info, UNAVAILABLE.lower())
            return r.ServiceUnavailable(code=UNAVAILABLE, message=UNAVAILABLE_MESSAGE,
                                        service="meetings")
        command_id = parse_id(input.command_id, "command_id")
        command = input.to_command()
        result = ctx.service("meetings").service.execute(command, ctx.command_context(command_id),
                                              acting_for=ctx.claims.org)
        ctx.forget()
    except kit.DomainError as error:
        refusal: Error = from_domain(error)
        _count_refusal(info, error.code)
        return refusal
    return succeeded(command_id=strawberry.ID(result.command_id), duplicate=result.duplicate,
                     **result.ids)


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

    @strawberry.mutation(description="Adopt a resolution by the votes cast (more than half of "
                                     "the members counted must approve).")
    def adopt_resolution(self, info: Info, input: i.AdoptResolutionInput) -> r.AdoptResolutionResult:
        return run(info, input, r.AdoptResolutionSucceeded)

    @strawberry.mutation(description="Record the actual end.")
    def close_meeting(self, info: Info, input: i.CloseMeetingInput) -> r.CloseMeetingResult:
        return run(info, input, r.CloseMeetingSucceeded)

    @strawberry.mutation(description="Close the minutes (biên bản); unexcused absences count "
                                     "from here.")
    def close_minutes(self, info: Info, input: i.CloseMinutesInput) -> r.CloseMinutesResult:
        return run(info, input, r.CloseMinutesSucceeded)
