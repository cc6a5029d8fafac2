"""The rules a transfer between provinces keeps on both sides, and what the link does with a
letter it cannot open."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState, RuleViolated
from kit.peers import Peer
from kit.recipient_box import load_or_create_private_key, public_key_text
from services.membership.domain.change_commands import IssueTransferLetter
from services.membership.domain.province_transfer_commands import (
    AcceptIncomingTransfer,
    SendMemberToProvince,
)


def sent(pair, member, on: date) -> str:
    transfer = pair.nb.run(SendMemberToProvince(member.id, "HUE", pair.hue.a_branch(), on,
                                                "70-GGT/TU"))["transfer_id"]
    pair.settle()
    return transfer


def test_a_letter_presented_past_its_limit_needs_the_reason(pair):
    member = pair.nb.a_member()
    transfer = sent(pair, member, date(2026, 9, 1))  # 30 working days: by mid-October
    with pytest.raises(RuleViolated) as refused:
        pair.hue.run(AcceptIncomingTransfer(transfer, date(2026, 11, 19)))
    assert refused.value.rule == "transfer.present_letter_working_days"
    pair.hue.run(AcceptIncomingTransfer(transfer, date(2026, 11, 19),
                                        late_reason="Ốm dài ngày"))
    pair.settle()
    [theirs] = pair.hue.platform.membership.queries.transfers_between_provinces(pair.hue.root)
    assert (theirs.state, theirs.overdue) == ("arrived", False)


def test_a_member_in_transit_to_another_province_takes_no_other_letter(pair):
    member = pair.nb.a_member()
    sent(pair, member, date(2026, 11, 16))
    with pytest.raises(InvalidState, match="in transit to province HUE"):
        pair.nb.run(IssueTransferLetter(member.id, date(2026, 11, 18), "71-GGT/ĐU",
                                        pair.nb.a_member(3).organisation_id))
    with pytest.raises(InvalidState, match="in transit to province HUE"):
        pair.nb.run(SendMemberToProvince(member.id, "HUE", pair.hue.a_branch(),
                                         date(2026, 11, 18), "72-GGT/TU"))


def test_bad_input_is_refused_before_anything_is_sealed_or_stored(pair):
    member = pair.nb.a_member()
    head = pair.nb.platform.membership.store.head_position()
    with pytest.raises(InvalidInput, match="to_province"):
        pair.nb.run(SendMemberToProvince(member.id, "H U E", pair.hue.a_branch(),
                                         date(2026, 11, 16), "1"))
    with pytest.raises(InvalidInput, match="is this province"):
        pair.nb.run(SendMemberToProvince(member.id, "NB", pair.hue.a_branch(),
                                         date(2026, 11, 16), "1"))
    with pytest.raises(InvalidInput, match="to_organisation_id"):
        pair.nb.run(SendMemberToProvince(member.id, "HUE", "not-an-id", date(2026, 11, 16), "1"))
    assert pair.nb.platform.membership.store.head_position() == head


def test_a_letter_sealed_for_another_key_is_passed_over_and_stays_unmatched(pair, tmp_path):
    # NB holds a stale public key for HUE: HUE cannot open what NB seals with it
    stale = load_or_create_private_key(tmp_path / "stale.key")
    peers = pair.nb.platform.membership.service.peers
    peers.known["HUE"] = Peer("HUE", "Huế", public_key_text(stale.public_key()))
    member = pair.nb.a_member()
    sent(pair, member, date(2026, 11, 16))
    assert pair.hue.platform.membership.queries.transfers_between_provinces(pair.hue.root) == []
    [ours] = pair.nb.platform.membership.queries.transfers_between_provinces(pair.nb.root)
    assert ours.state == "in_transit"  # the reconciliation lists it as never received
