"""The schema is composed from the declared services' GraphQL parts; one part shows another's
types by name (gateway.toolkit.entities), so composing it without their owner fails at once."""

from __future__ import annotations

import pytest

from gateway.schema import build_schema
from gateway.toolkit import MissingEntity
from services.meetings.declaration import DECLARATION as MEETINGS
from services.membership.declaration import DECLARATION as MEMBERSHIP


def test_a_part_whose_entities_have_no_composed_owner_stops_composition():
    with pytest.raises(MissingEntity, match=r"services\.meetings\.graphql\.references refers to "
                                            r"the entity '(Member|Organisation)'"):
        build_schema(declarations=[MEETINGS])


def test_a_referenced_entity_is_the_owning_part_s_type():
    schema = build_schema(declarations=[MEMBERSHIP, MEETINGS])._schema
    meeting_branch = schema.get_type("Meeting").fields["organisation"].type
    assert meeting_branch is schema.get_type("Organisation")
    line_member = schema.get_type("AttendanceLine").fields["member"].type
    assert line_member is schema.get_type("Member")
