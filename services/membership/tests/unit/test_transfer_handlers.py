"""Transfers on the in-memory store: a member moves between branches, within scope."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, NotFound
from services.membership.domain import commands as c
from services.membership.domain import events as e
from services.membership.domain.decision import Organ
from services.membership.domain.member import Member

from .conftest import by, record

pytestmark = pytest.mark.unit


def test_an_official_member_transferred_to_another_branch_is_on_its_rolls(scenario, history):
    home, new = history.branch("Chi bộ thôn Đông"), history.branch("Chi bộ thôn Tây")
    member = history.official(home)
    then = scenario.when(c.TransferMember(member, new, date(2026, 11, 1),
                                          decision=by(history.commune, "committee")))
    assert then.events == [e.MemberTransferred(
        member, home, new, date(2026, 11, 1),
        record(history.commune, date(2026, 11, 1), Organ.COMMITTEE))]
    assert then.streams == [Member.stream_id_for(member)]
    assert scenario.service.repo.load(Member, member).organisation_id == new


def test_a_member_is_transferred_only_to_a_branch(scenario, history):
    member = history.official(history.branch())
    error = scenario.refused(c.TransferMember(member, history.other_commune, date(2026, 11, 1),
                                              decision=by(history.commune, "committee")),
                             InvalidInput)
    assert error.field == "to_organisation_id"


def test_a_user_cannot_transfer_a_member_of_a_branch_outside_their_subtree(scenario, history):
    member = history.official(history.branch(parent_id=history.other_commune))
    scenario.refused(c.TransferMember(member, history.branch(), date(2026, 11, 1),
                                      decision=by(history.commune, "committee")), NotFound,
                     acting_for=history.commune)


def test_a_user_cannot_send_a_member_to_a_branch_outside_their_subtree(scenario, history):
    member = history.official(history.branch())
    far = history.branch(parent_id=history.other_commune)
    for command in (c.TransferMember(member, far, date(2026, 11, 1),
                                     decision=by(history.commune, "committee")),
                    c.TransferMemberTemporarily(member, far, date(2026, 11, 1),
                                                date(2027, 3, 1), "work")):
        error = scenario.refused(command, NotFound, acting_for=history.commune)
        assert error.details == {"kind": "organisation", "id": far}
