import pytest

from kit.errors import (
    CommandIdReused,
    ConcurrencyConflict,
    ConflictsWithLaterFact,
    Forbidden,
    InvalidInput,
    InvalidState,
    NotFound,
    RuleViolated,
    error_from_dict,
)


@pytest.mark.parametrize("error", [
    InvalidInput("full_name", "must not be empty"),
    RuleViolated("admission.min_age_months", "QĐ294-2025", "the applicant is 17 years old"),
    NotFound("member", "m-1"),
    InvalidState("member is official", member_id="m-1"),
    ConcurrencyConflict("member-1", 3, 4),
    CommandIdReused("c-1"),
    Forbidden("outside your subtree"),
    ConflictsWithLaterFact("MemberRemovedFromRolls", "2025-03-01", "MemberTransferred",
                           "2025-06-01"),
])
def test_a_typed_error_survives_a_process_boundary(error):
    back = error_from_dict(error.to_dict())
    assert type(back) is type(error)
    assert back.to_dict() == error.to_dict()
    assert str(back) == str(error)
