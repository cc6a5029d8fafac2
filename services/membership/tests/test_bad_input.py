"""Bad input gets a typed InvalidInput naming the field, and appends nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kit.errors import InvalidInput
from services.membership.domain import commands as c

from .conftest import by


@pytest.fixture
def applying(membership, tree):
    """Submit an application with one profile field replaced; the sponsors are valid."""
    sponsors = membership.sponsors(tree["branch"])

    def submit(**profile_changes):
        good = membership.profile("Nguyễn Thị Mai", date(1990, 5, 6), "female")
        return c.SubmitApplication(tree["branch"], replace(good, **profile_changes),
                                   tuple(membership.sponsor(s) for s in sponsors),
                                   date(2026, 6, 1))
    return submit


@pytest.mark.parametrize(("changes", "field"), [
    ({"full_name": ""}, "full_name"),
    ({"full_name": "   "}, "full_name"),
    ({"full_name": "Nguyễn " + "A" * 100}, "full_name"),
    ({"full_name": "Nguyễn Văn 3"}, "full_name"),
    ({"full_name": "Nguyễn\u200bVăn"}, "full_name"),
    ({"gender": "nam"}, "gender"),
    ({"education": "university"}, "education"),
    ({"political_theory": "cao_cap"}, "political_theory"),
    ({"ethnicity": ""}, "ethnicity"),
    ({"hometown": "x" * 201}, "hometown"),
    ({"occupation": ""}, "occupation"),
    ({"date_of_birth": "1990-05-06"}, "date_of_birth"),
    ({"date_of_birth": date(2026, 12, 1)}, "date_of_birth"),
])
def test_a_bad_profile_field_is_refused_naming_it(membership, applying, changes, field):
    error = membership.refuse(applying(**changes), InvalidInput)

    assert error.field == field
    assert error.to_dict()["code"] == "invalid_input"


@pytest.mark.parametrize(("citizen_id", "why"), [
    ("03719012345", "11 digits"),
    ("0371900123456", "13 digits"),
    ("03719001234a", "not digits"),
    ("000190012345", "000 is no province code"),
    ("037090012345", "4th digit 0 means a man born in the 1900s"),
    ("037390012345", "4th digit 3 means the 2000s"),
    ("037189012345", "encodes 1989, not 1990"),
    ("037690012345", "6 is no century/gender code"),
])
def test_an_invalid_citizen_id_is_refused(membership, applying, citizen_id, why):
    error = membership.refuse(applying(citizen_id=citizen_id), InvalidInput)

    assert error.field == "citizen_id", why


def test_a_valid_citizen_id_is_accepted(membership, applying):
    result = membership.run(applying(citizen_id="037190012345"))

    assert membership.queries.member(result.ids["member_id"]).citizen_id == "037190012345"


@pytest.mark.parametrize("bad_id", ["", "abc", "12345", "d57889d0-74e9-598f-800e", "'; DROP"])
def test_a_malformed_member_id_is_refused(membership, tree, bad_id):
    for command in (
        c.ExemptMember(bad_id, date(2026, 1, 1), "old_age",
                       decision=by(tree["commune"], "committee")),
        c.AdmitMember(bad_id, date(2026, 1, 1), date(2026, 1, 1), "1-QĐ",
                      decision=by(tree["commune"], "committee")),
        c.RecordMemberDeath(bad_id, date(2026, 1, 1)),
    ):
        error = membership.refuse(command, InvalidInput)
        assert error.field == "member_id"


def test_a_malformed_sponsor_or_organisation_id_is_refused(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    good = (membership.sponsor(sponsors[0]), membership.sponsor(sponsors[1]))

    error = membership.refuse(c.SubmitApplication("chi-bo-1", membership.profile(), good,
                                                  date(2026, 6, 1)), InvalidInput)
    assert error.field == "organisation_id"
    error = membership.refuse(c.SubmitApplication(
        tree["branch"], membership.profile(), (good[0], membership.sponsor("không-phải-id")),
        date(2026, 6, 1)), InvalidInput)
    assert error.field == "sponsors.member_id"
    member = sponsors[0]
    error = membership.refuse(c.TransferMember(member, "x", date(2026, 6, 1),
                                               decision=by(tree["commune"], "committee")),
                              InvalidInput)
    assert error.field == "to_organisation_id"


@pytest.mark.parametrize(("make", "field"), [
    (lambda m, t: c.ExemptMember(m, date(2026, 1, 1), "lười",
                                 decision=by(t["commune"], "committee")), "ground"),
    (lambda m, t: c.DisciplineMember(m, "phê bình", date(2026, 1, 1), "lý do",
                                     decision=by(t["commune"], "committee")), "form"),
    (lambda m, t: c.TransferMemberTemporarily(m, t["other_branch"], date(2026, 1, 1),
                                              date(2026, 6, 1), "holiday"), "purpose"),
    (lambda m, t: c.RemoveMemberFromRolls(m, "", date(2026, 1, 1),
                                          decision=by(t["commune"], "committee")), "ground"),
    (lambda m, t: c.DisciplineMember(m, "warning", date(2026, 1, 1), "  ",
                                     decision=by(t["commune"], "committee")), "reason"),
    (lambda m, t: c.DisciplineMember(m, "warning", date(2026, 1, 1), "x" * 501,
                                     decision=by(t["commune"], "committee")), "reason"),
    (lambda m, t: c.IssuePartyCard(m, "A7-01", date(2026, 1, 1)), "card_number"),
])
def test_unknown_values_and_bad_text_on_member_commands_are_refused(membership, tree, make,
                                                                    field):
    member = membership.official(tree["branch"])

    error = membership.refuse(make(member, tree), InvalidInput)

    assert error.field == field


def test_an_unknown_status_for_an_existing_member_file_is_refused(membership, tree):
    error = membership.refuse(c.RecordExistingMember(
        tree["branch"], membership.profile(), "honorary", date(2000, 1, 1)), InvalidInput)

    assert error.field == "status"


def test_an_unknown_command_is_refused(membership):
    error = membership.refuse(object(), InvalidInput)

    assert error.field == "command"


@pytest.mark.parametrize("bad_date", ["2026-01-01", "01/01/2026", None, 20260101])
def test_a_date_that_is_not_a_date_is_refused_naming_the_field(membership, tree, bad_date):
    member = membership.official(tree["branch"])

    for command, field in (
        (c.ExemptMember(member, bad_date, "old_age",
                        decision=by(tree["commune"], "committee")), "effective_on"),
        (c.RecordMemberDeath(member, bad_date), "died_on"),
        (c.RenameOrganisation(tree["branch"], "Chi bộ mới", bad_date), "effective_on"),
        (c.CreateOrganisation("Chi bộ mới", "grassroots_branch", tree["commune"], bad_date),
         "established_on"),
        (c.TransferMemberTemporarily(member, tree["other_branch"], date(2026, 1, 1), bad_date,
                                     "work"), "ends_on"),
    ):
        error = membership.refuse(command, InvalidInput)
        assert error.field == field
