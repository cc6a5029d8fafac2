"""Đính chính hồ sơ: a correction is a new fact; what it corrects stays as recorded, and every
read model and later check uses the corrected value."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import Conflict, InvalidInput, InvalidState, RuleViolated
from services.membership.domain import commands as c


def correcting(member: str, field: str, value: str) -> c.CorrectMemberFile:
    return c.CorrectMemberFile(member, field, value, "Ghi sai khi nhập hồ sơ",
                               "Công văn 15-CV/ĐU ngày 10/11/2026")


def test_a_wrong_date_of_birth_is_corrected_by_a_new_event_shown_old_to_new(membership, tree):
    member = membership.official(tree["branch"], "Phạm Văn Hùng",
                                 date_of_birth=date(1970, 6, 1))

    membership.run(correcting(member, "date_of_birth", "1970-09-15"))

    assert membership.events_of(f"member-{member}") == ["ExistingMemberRecorded",
                                                        "MemberFileCorrected"]
    first = membership.store.read_stream(f"member-{member}")[0]
    assert first.data["profile"]["date_of_birth"] == "1970-06-01"  # history is not rewritten
    assert membership.queries.member(member).date_of_birth == date(1970, 9, 15)
    entry = membership.queries.member_history(member)[-1]
    assert entry.event == "MemberFileCorrected" and entry.effective_on == membership.today
    assert {k: entry.details[k] for k in ("field", "old_value", "new_value", "document")} == {
        "field": "date_of_birth", "old_value": "1970-06-01", "new_value": "1970-09-15",
        "document": "Công văn 15-CV/ĐU ngày 10/11/2026"}


def test_a_corrected_date_of_birth_changes_the_age_checks_from_then_on(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    applicant = membership.application(tree["branch"], sponsors, date_of_birth=date(2008, 1, 10),
                                       submitted_on=date(2026, 6, 1))
    membership.run(correcting(applicant, "date_of_birth", "2008-12-10"))

    membership.propose_admission(applicant, date(2026, 11, 2))
    decided = membership.decided("admission", applicant, date(2026, 11, 16))
    error = membership.refuse(c.AdmitMember(applicant, date(2026, 11, 16), date(2026, 11, 2),
                                            "12-QĐ/ĐU", decision=decided), RuleViolated)
    assert error.rule == "admission.min_age_months"


def test_a_corrected_admission_date_moves_party_age_and_badges(membership, tree):
    member = membership.official(tree["branch"], "Đinh Văn Sơn", admitted_on=date(1997, 3, 10))
    in_2026 = (date(2026, 1, 1), date(2026, 12, 31))
    assert membership.queries.badges_due(tree["province"], *in_2026).items == []

    membership.run(correcting(member, "admitted_on", "1996-12-20"))

    [badge] = membership.queries.badges_due(tree["province"], *in_2026).items
    assert (badge.years, badge.due_on) == (30, date(2026, 12, 20))
    view = membership.queries.member(member)
    assert view.admitted_on == view.first_admitted_on == date(1996, 12, 20)
    # and the work queue lists the badge for the next presentation day, 3/2/2027
    [item] = membership.queries.work_queue(tree["province"], membership.today).items
    assert (item.kind, item.due_on) == ("badge_presentation", date(2027, 2, 3))


def test_a_corrected_admission_date_moves_the_ceremony_deadline(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    member = membership.application(tree["branch"], sponsors, submitted_on=date(2026, 8, 3))
    membership.admit(member, date(2026, 11, 16), considered_on=date(2026, 9, 1))
    assert membership.queries.work_queue(tree["province"], membership.today).items == []

    membership.run(correcting(member, "admitted_on", "2026-10-01"))

    [item] = membership.queries.work_queue(tree["province"], membership.today).items
    assert (item.kind, item.since, item.due_on) == ("admission_ceremony", date(2026, 10, 1),
                                                    date(2026, 11, 12))


def test_a_correction_that_changes_nothing_is_refused(membership, tree):
    member = membership.official(tree["branch"], "Phạm Văn Hùng")
    error = membership.refuse(correcting(member, "full_name", " Phạm  Văn Hùng "), InvalidInput)
    assert error.field == "value" and "already records" in error.message


@pytest.mark.parametrize(("field", "value", "why"), [
    ("admitted_on", "2001-06-01", "admitted_on 2001-06-01 falls after ceremony_on 2000-03-01"),
    ("official_from", "1999-12-31", "ceremony_on 2000-03-01 falls after official_from 1999-12-31"),
    ("date_of_birth", "2001-01-01", "encodes birth year 1970"),
    ("citizen_id", "037185000001", "encodes birth year 1985"),
])
def test_a_correction_that_would_make_the_file_contradict_itself_is_refused(
        membership, tree, field, value, why):
    member = membership.official(tree["branch"], "Phạm Văn Hùng", date_of_birth=date(1970, 6, 1))

    error = membership.refuse(correcting(member, field, value), InvalidInput)

    assert error.field == "value" and why in error.message, error.message


def test_a_corrected_name_is_what_the_lists_show_and_find(membership, tree):
    member = membership.official(tree["branch"], "Nguyen Van An")
    membership.run(correcting(member, "full_name", "Nguyễn Văn Ân"))

    found = membership.queries.members(tree["province"], name_contains="ân").items
    assert [m.full_name for m in found] == ["Nguyễn Văn Ân"]


def test_a_corrected_citizen_id_frees_the_old_number_and_takes_the_new_one(membership, tree):
    member = membership.official(tree["branch"], "Phạm Văn Hùng", date_of_birth=date(1970, 6, 1))
    other = membership.official(tree["branch"], "Trần Văn Tư", date_of_birth=date(1970, 2, 2))
    old = membership.queries.member(member).citizen_id
    taken = membership.queries.member(other).citizen_id

    error = membership.refuse(correcting(member, "citizen_id", taken), Conflict)
    assert error.details["member_id"] == other
    membership.run(correcting(member, "citizen_id", "037 070 999 001"))

    assert membership.queries.member(member).citizen_id == "037070999001"
    assert membership.events_of(f"member-{member}")[-1] == "MemberFileCorrected"
    # the old number is free for the person it belongs to
    membership.run(c.RecordExistingMember(
        tree["other_branch"], membership.profile("Lê Văn Năm", date(1970, 6, 1),
                                                 citizen_id=old),
        "official", date(1995, 1, 1), official_from=date(1996, 1, 1)))


def test_a_decision_number_is_corrected_only_where_a_decision_is_recorded(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    member = membership.application(tree["branch"], sponsors, submitted_on=date(2026, 3, 2))
    membership.admit(member, date(2026, 5, 4))
    membership.run(correcting(member, "admission_decision_number", "125-QĐ/ĐU"))
    details = membership.queries.member_history(member)[-1].details
    assert (details["old_value"], details["new_value"]) == ("123-QĐ/HU", "125-QĐ/ĐU")

    imported = membership.official(tree["branch"], "Phạm Văn Hùng")
    membership.refuse(correcting(imported, "admission_decision_number", "1-QĐ/HU"), InvalidState)


def test_a_file_outside_the_callers_subtree_is_not_found(membership, tree):
    from kit.errors import NotFound

    member = membership.official(tree["branch"], "Phạm Văn Hùng")
    membership.refuse(correcting(member, "full_name", "Phạm Văn Hưng"), NotFound,
                      acting_for=tree["other_branch"])


def test_an_admission_date_after_the_recognition_is_refused(membership, tree):
    member = membership.run(c.RecordExistingMember(
        tree["branch"], membership.profile("Lò Văn Páo", date(1975, 1, 1)), "official",
        date(2001, 5, 1), official_from=date(2002, 5, 1))).ids["member_id"]

    error = membership.refuse(correcting(member, "admitted_on", "2002-06-01"), InvalidInput)

    assert "admitted_on 2002-06-01 falls after official_from 2002-05-01" in error.message
