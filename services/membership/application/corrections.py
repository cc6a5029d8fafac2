"""The handler of CorrectMemberFile (domain/corrections.py): a corrected citizen ID moves its
claim (application/citizen_ids.py) in the same append."""

from __future__ import annotations

from ..domain import commands as c
from ..domain.corrections import FileField, correct_file
from ..domain.values import parse_id
from .citizen_ids import claim_citizen_id, release_citizen_id
from .deps import CommandScope


def correct_member_file(cmd: c.CorrectMemberFile, scope: CommandScope, command_id: str) -> dict:
    member = scope.member(parse_id(cmd.member_id, "member_id"))
    scope.authorise(scope.organisation(member.organisation_id or ""))
    event = correct_file(member, cmd.field, cmd.value, cmd.reason, cmd.document, scope.today)
    scope.changed.append(member)
    if event.field == FileField.CITIZEN_ID:
        claim_citizen_id(scope, event.new_value, member.id, scope.today)
        release_citizen_id(scope, event.old_value, member.id, scope.today)
    return {"member_id": member.id}
