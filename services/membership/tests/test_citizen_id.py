"""One file per person: a citizen ID (CCCD) already on a living person's file is refused at
application and at import, under concurrency too, without leaking ids the caller cannot see."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from kit.envelope import CommandContext
from kit.errors import ConcurrencyConflict, Conflict, InvalidInput
from services.membership.application.deps import CommandScope
from services.membership.application.handlers import submit_application
from services.membership.domain import commands as c

BORN = date(1990, 5, 6)
CCCD = "037090123456"


def applying(membership, branch: str, sponsors: tuple[str, str], citizen_id: str = CCCD,
             name: str = "Hoàng Minh Tuấn", **kw) -> c.SubmitApplication:
    profile = membership.profile(name, date_of_birth=BORN, citizen_id=citizen_id)
    return c.SubmitApplication(branch, profile, tuple(membership.sponsor(s) for s in sponsors),
                               date(2026, 6, 1), **kw)


@pytest.fixture
def sponsors(membership, tree):
    return membership.sponsors(tree["branch"])


def test_a_second_application_with_the_same_citizen_id_is_refused_naming_the_holder(
        membership, tree, sponsors):
    first = membership.run(applying(membership, tree["branch"], sponsors)).ids["member_id"]

    error = membership.refuse(applying(membership, tree["branch"], sponsors, name="Lê Văn Tám"),
                              Conflict)

    assert error.details == {"field": "citizen_id", "member_id": first}
    assert first in error.message


def test_spaces_and_unicode_forms_do_not_make_a_number_new(membership, tree, sponsors):
    membership.run(applying(membership, tree["branch"], sponsors))
    membership.refuse(applying(membership, tree["branch"], sponsors, " 037 090 123456 "),
                      Conflict)
    error = membership.refuse(applying(membership, tree["branch"], sponsors, "03709012345６"),
                              InvalidInput)
    assert error.field == "citizen_id"  # a full-width digit is not one of the 12 digits


def test_a_caller_who_cannot_see_the_holder_learns_only_that_the_number_is_taken(
        membership, tree, sponsors):
    holder = membership.run(applying(membership, tree["branch"], sponsors)).ids["member_id"]
    other = membership.sponsors(tree["other_branch"])

    error = membership.refuse(applying(membership, tree["other_branch"], other),
                              Conflict, acting_for=tree["other_branch"])

    assert error.details == {"field": "citizen_id"}
    assert holder not in error.message and "already recorded in this province" in error.message


def test_an_imported_file_with_a_number_on_the_rolls_is_refused(membership, tree, sponsors):
    official = membership.official(tree["branch"], "Vũ Văn Cảnh")
    taken = membership.queries.member(official).citizen_id
    profile = membership.profile("Vũ Văn Cảnh", date_of_birth=date(1970, 6, 1),
                                 citizen_id=taken)

    error = membership.refuse(c.RecordExistingMember(tree["other_branch"], profile, "official",
                                                     date(2001, 1, 1),
                                                     official_from=date(2002, 1, 1)), Conflict)
    assert error.details["member_id"] == official


def test_re_admission_of_the_same_person_is_not_a_duplicate(membership, tree, sponsors):
    former = membership.official(tree["branch"], "Đinh Văn Lực", date(2012, 3, 1), date_of_birth=BORN,
                                 citizen_id=CCCD)
    membership.remove_from_rolls(former, "card_surrendered", date(2024, 3, 1))

    again = membership.run(applying(membership, tree["branch"], sponsors, name="Đinh Văn Lực",
                                    member_id=former))

    assert again.ids["member_id"] == former
    # but a new file for the same person, rather than re-admission, is refused
    membership.refuse(applying(membership, tree["branch"], sponsors, name="Đinh Văn Lực"),
                      Conflict)


def test_the_number_of_a_member_who_died_may_be_recorded_again(membership, tree, sponsors):
    dead = membership.official(tree["branch"], "Đinh Văn Lực", date(2012, 3, 1), date_of_birth=BORN,
                               citizen_id=CCCD)
    membership.run(c.RecordMemberDeath(dead, date(2025, 1, 2)))

    result = membership.run(applying(membership, tree["branch"], sponsors))
    assert membership.queries.member(result.ids["member_id"]).citizen_id == CCCD


def test_two_applications_racing_for_one_number_append_only_one(membership, tree, sponsors):
    service = membership.service
    scopes = [CommandScope(service.repo, service.rules, membership.today, service.occupancy, None)
              for _ in range(2)]
    commands = [applying(membership, tree["branch"], sponsors),
                replace(applying(membership, tree["branch"], sponsors), submitted_on=date(2026, 6, 2))]
    # both decide before either appends: neither sees the other's claim
    for cmd, scope in zip(commands, scopes, strict=True):
        submit_application(cmd, scope, str(uuid.uuid4()))
    context = CommandContext(str(uuid.uuid4()), membership.app.province)
    service.repo.save(scopes[0].changed, context, unchanged=scopes[0].read)
    head = membership.head()

    with pytest.raises(ConcurrencyConflict) as caught:
        service.repo.save(scopes[1].changed, CommandContext(str(uuid.uuid4()), "NB"),
                          unchanged=scopes[1].read)

    assert caught.value.stream_id.startswith("citizen_id-")
    assert membership.head() == head
