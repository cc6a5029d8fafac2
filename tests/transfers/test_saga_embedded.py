"""A member transferred between two province deployments: sent by one committee, opened in
the other by the link, received there, closed here; or refused there and back here."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import ConflictsWithLaterFact, Forbidden, InvalidInput, NotFound
from services.membership.domain.province_transfer_commands import (
    AcceptIncomingTransfer,
    CompleteTransferToProvince,
    RefuseIncomingTransfer,
    SendMemberToProvince,
)

ISSUED = date(2026, 11, 16)


def send(pair, member, to_org: str, letter: str = "12-GT/TU", on: date = ISSUED) -> str:
    return pair.nb.run(SendMemberToProvince(member.id, "HUE", to_org, on, letter))[
        "transfer_id"]


def test_member_sent_arrives_with_file_and_history_and_leaves_the_sender(pair):
    member = pair.nb.a_member()
    history_before = pair.nb.platform.membership.queries.member_history(member.id)
    transfer = send(pair, member, pair.hue.a_branch())
    pair.settle()
    # in transit: still on the sender's rolls until the other side records the arrival
    assert pair.nb.platform.membership.queries.member(member.id).status == member.status
    pair.hue.run(AcceptIncomingTransfer(transfer, date(2026, 11, 19)))
    pair.settle()

    arrived = pair.hue.platform.membership.queries.member(member.id)
    assert arrived is not None and arrived.status == member.status
    assert (arrived.full_name, arrived.citizen_id, arrived.date_of_birth) == (
        member.full_name, member.citizen_id, member.date_of_birth)
    assert arrived.organisation_id == pair.hue.a_branch() or arrived.organisation_id
    carried = [h for h in pair.hue.platform.membership.queries.member_history(member.id)
               if h.event == "CarriedFromProvince"]
    assert [(h.details["event"], h.effective_on) for h in carried] == [
        (h.event, h.effective_on) for h in history_before]
    assert all(h.details["province"] == "NB" for h in carried)
    gone = pair.nb.platform.membership.queries.member(member.id)
    assert gone.status == "transferred_out"


def test_refused_transfer_returns_the_member(pair):
    member = pair.nb.a_member(1)
    transfer = send(pair, member, pair.hue.a_branch())
    pair.settle()
    pair.hue.run(RefuseIncomingTransfer(transfer, date(2026, 11, 18), "Không có nơi cư trú"))
    pair.settle()
    assert pair.hue.platform.membership.queries.member(member.id) is None
    back = pair.nb.platform.membership.queries.member(member.id)
    assert back.status == member.status
    # back on the rolls, free to be sent again (a letter before the return contradicts it)
    with pytest.raises(ConflictsWithLaterFact):
        send(pair, member, pair.hue.a_branch(), "13-GT/TU", date(2026, 11, 17))
    again = send(pair, member, pair.hue.a_branch(), "13-GT/TU", date(2026, 11, 19))
    assert again != transfer


def test_sending_to_an_unknown_province_is_refused_naming_the_known(pair):
    member = pair.nb.a_member()
    with pytest.raises(InvalidInput, match="known: HUE"):
        pair.nb.run(SendMemberToProvince(member.id, "HCM", pair.hue.a_branch(), ISSUED, "1"))


def test_the_link_commands_are_not_a_users(pair):
    member = pair.nb.a_member()
    with pytest.raises(Forbidden):
        pair.nb.run(CompleteTransferToProvince(member.id, "x", ISSUED))


def test_a_letter_is_seen_only_by_the_committee_it_is_addressed_to(pair):
    member = pair.nb.a_member()
    transfer = send(pair, member, pair.hue.a_branch())
    pair.settle()
    other_branch = next(m.organisation_id for m in pair.hue.platform.membership.queries.members(
        pair.hue.root, first=200).items if m.organisation_id != pair.hue.a_branch())
    with pytest.raises(NotFound):
        pair.hue.run(AcceptIncomingTransfer(transfer, date(2026, 11, 19)), as_org=other_branch)
