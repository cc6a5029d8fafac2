"""What a meetings mutation answers: XxxSucceeded, one of the shared refusals,
`ServiceUnavailable` when this gateway has no meetings service, or CommandNotConfirmed when the
service did not answer (gateway.commands)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry

from gateway.toolkit import ERROR_TYPES, CommandNotConfirmed, CommandSucceeded, Error

from .types import Info, Meeting, meeting_or_none


@strawberry.type(description="The service that handles this command is not connected to this "
                             "gateway. Nothing was changed.")
class ServiceUnavailable(Error):
    service: str


@strawberry.interface(description="A command about a meeting succeeded.")
class MeetingCommandSucceeded(CommandSucceeded):
    meeting_id: strawberry.ID

    @strawberry.field(description="The meeting now.")
    def meeting(self, info: Info) -> Meeting | None:
        return meeting_or_none(info, self.meeting_id)


def result_union(command: str, succeeded: type) -> object:
    return Annotated[Union[(succeeded, *ERROR_TYPES, ServiceUnavailable,  # noqa: UP007
                            CommandNotConfirmed)],
                     strawberry.union(f"{command}Result")]


@strawberry.type
class ScheduleMeetingSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class RescheduleMeetingSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class CancelMeetingSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class PublishMaterialsSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class OpenMeetingSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class RecordAttendanceSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class RecordAttendanceSheetSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class RecordSuperiorCadreAttendanceSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class AdoptResolutionSucceeded(MeetingCommandSucceeded):
    resolution_id: strawberry.ID

@strawberry.type
class CloseMeetingSucceeded(MeetingCommandSucceeded):
    pass

@strawberry.type
class CloseMinutesSucceeded(MeetingCommandSucceeded):
    pass


ScheduleMeetingResult = result_union("ScheduleMeeting", ScheduleMeetingSucceeded)
RescheduleMeetingResult = result_union("RescheduleMeeting", RescheduleMeetingSucceeded)
CancelMeetingResult = result_union("CancelMeeting", CancelMeetingSucceeded)
PublishMaterialsResult = result_union("PublishMaterials", PublishMaterialsSucceeded)
OpenMeetingResult = result_union("OpenMeeting", OpenMeetingSucceeded)
RecordAttendanceResult = result_union("RecordAttendance", RecordAttendanceSucceeded)
RecordAttendanceSheetResult = result_union("RecordAttendanceSheet", RecordAttendanceSheetSucceeded)
RecordSuperiorCadreAttendanceResult = result_union("RecordSuperiorCadreAttendance", RecordSuperiorCadreAttendanceSucceeded)
AdoptResolutionResult = result_union("AdoptResolution", AdoptResolutionSucceeded)
CloseMeetingResult = result_union("CloseMeeting", CloseMeetingSucceeded)
CloseMinutesResult = result_union("CloseMinutes", CloseMinutesSucceeded)


@strawberry.type
class RecordDuesPaymentsSucceeded(MeetingCommandSucceeded):
    pass


RecordDuesPaymentsResult = result_union("RecordDuesPayments", RecordDuesPaymentsSucceeded)
