"""The correction of a member file (đính chính hồ sơ): its input, result and mutation."""

from __future__ import annotations

import strawberry

from gateway.toolkit import COMMAND_ID, Info, execute, graphql_enum
from services.membership import api as c

from .results import MemberCommandSucceeded, result_union

MemberFileField = graphql_enum(c.FileField, "MemberFileField",
                               "What a correction of a member file may put right.")


@strawberry.input(description="Put right one value a member file records wrongly.")
class CorrectMemberFileInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    field: MemberFileField  # type: ignore[valid-type]
    value: str = strawberry.field(description="The right value; a date as YYYY-MM-DD.")
    reason: str
    document: str = strawberry.field(description="The document the correction rests on, e.g. "
                                                 "a copy of the decision or the birth record.")

    def to_command(self) -> c.CorrectMemberFile:
        return c.CorrectMemberFile(str(self.member_id), self.field.value, self.value,
                                   self.reason, self.document)


@strawberry.type
class CorrectMemberFileSucceeded(MemberCommandSucceeded):
    pass


CorrectMemberFileResult = result_union("CorrectMemberFile", CorrectMemberFileSucceeded)


@strawberry.type
class CorrectionMutation:
    @strawberry.mutation(description=(
        "Đính chính: correct a value the member file records wrongly (name, date of birth, "
        "citizen ID, admission date or decision number, official date). The correction is a "
        "new fact, shown old → new in the member's history; nothing recorded before is "
        "rewritten. A correction that changes nothing or makes the file contradict itself is "
        "refused."))
    def correct_member_file(self, info: Info,
                            input: CorrectMemberFileInput) -> CorrectMemberFileResult:  # type: ignore[valid-type]
        return execute(info, "membership", input, CorrectMemberFileSucceeded,
                       parse_id=c.parse_id, denied="your roles do not allow changing membership "
                                                   "records")
