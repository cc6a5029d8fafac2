"""A transfer between province deployments on the in-memory store: the letter sealed for the
receiving province alone, and each side's letter answered once."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.errors import Forbidden, InvalidInput, InvalidState
from kit.memory.store import InMemoryEventStore
from kit.peers import Peer, Peers
from kit.recipient_box import UnreadableSealedData, public_key_text
from kit.repository import Repository
from kit.testing.scenario import Scenario
from services.membership.adapters.wire import CODEC
from services.membership.application.province_transfer_handlers import dossier_info
from services.membership.application.service import MembershipService
from services.membership.domain import province_transfer_commands as pc
from services.membership.domain import province_transfer_events as pe
from services.membership.domain.rules import MEMBERSHIP_RULES
from services.membership.domain.values import MemberStatus

from .conftest import History, new_id

pytestmark = pytest.mark.unit
HUE_ORG = "5d0c1c8e-4a8b-4b7e-9b0e-3c5e7f1a2b3c"


@pytest.fixture
def keys():
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return {"NB": X25519PrivateKey.generate(), "HUE": X25519PrivateKey.generate()}


@pytest.fixture
def scenario(clock: FixedClock, occupancy, keys) -> Scenario:
    peers = Peers("NB", keys["NB"], {"HUE": Peer("HUE", "Huế",
                                                 public_key_text(keys["HUE"].public_key()))})
    store = InMemoryEventStore(clock)
    service = MembershipService(Repository(store, CODEC, clock), MEMBERSHIP_RULES, clock,
                                occupancy=occupancy, peers=peers)
    return Scenario(service, store, CODEC, clock)


@pytest.fixture
def history(scenario: Scenario) -> History:
    return History(scenario)


def test_the_dossier_is_sealed_for_the_receiving_province_only(scenario, history, keys):
    member = history.official(history.branch())
    then = scenario.when(pc.SendMemberToProvince(member, "hue", HUE_ORG, date(2026, 11, 16),
                                                 "12-GGT/TU"))
    sent = then.one(pe.MemberSentToProvince)
    assert (sent.to_province, sent.to_organisation_id) == ("HUE", HUE_ORG)
    hue = Peers("HUE", keys["HUE"])
    dossier = json.loads(hue.open(sent.dossier, dossier_info(sent.transfer_id)))
    assert dossier["profile"]["full_name"] == "Trần Văn Bình"
    assert dossier["status"] == MemberStatus.OFFICIAL.value
    with pytest.raises(UnreadableSealedData):  # not by the sender, nor for another transfer
        Peers("NB", keys["NB"]).open(sent.dossier, dossier_info(sent.transfer_id))
    with pytest.raises(UnreadableSealedData):
        hue.open(sent.dossier, dossier_info(new_id()))


def test_a_letter_is_opened_once_and_answered_once(scenario, history, keys):
    branch = history.branch()
    hue = Peers("HUE", keys["HUE"], {"NB": Peer("NB", "Ninh Bình",
                                                 public_key_text(keys["NB"].public_key()))})
    transfer, member = new_id(), new_id()
    from services.membership.application.province_transfer_handlers import encode_dossier

    dossier = pe.MemberDossier(history.profile("Lò Văn Pả"), MemberStatus.OFFICIAL,
                               date(2005, 3, 1), None, None, date(2006, 3, 1), None,
                               "Chi bộ phường Phú Hội", ())
    letter = hue.seal_for("NB", encode_dossier(dossier), dossier_info(transfer))
    opened = pc.OpenIncomingTransfer(transfer, member, "HUE", HUE_ORG, branch, "9-GGT/TU",
                                     date(2026, 11, 2), date(2026, 12, 15), letter)
    scenario.when(opened)
    scenario.refused(opened, InvalidState)  # another command id, the same letter
    scenario.when(pc.RefuseIncomingTransfer(transfer, date(2026, 11, 5), "Sai địa chỉ"))
    scenario.refused(pc.AcceptIncomingTransfer(transfer, date(2026, 11, 6)), InvalidState)
    scenario.refused(pc.OpenIncomingTransfer(new_id(), member, "HUE", HUE_ORG, branch, "10",
                                             date(2026, 11, 2), date(2026, 12, 15), letter),
                     InvalidInput)  # sealed for another transfer


def test_the_link_closes_only_the_letter_in_transit(scenario, history):
    member = history.official(history.branch())
    sent = scenario.when(pc.SendMemberToProvince(member, "HUE", HUE_ORG, date(2026, 11, 16),
                                                 "12-GGT/TU")).one(pe.MemberSentToProvince)
    scenario.refused(pc.CompleteTransferToProvince(member, new_id(), date(2026, 11, 18)),
                     InvalidState)
    scenario.refused(pc.CompleteTransferToProvince(member, sent.transfer_id, date(2026, 11, 18)),
                     Forbidden, acting_for=history.province)
    done = scenario.when(pc.CompleteTransferToProvince(member, sent.transfer_id,
                                                       date(2026, 11, 18)))
    assert done.one(pe.TransferToProvinceCompleted).received_on == date(2026, 11, 18)
    scenario.refused(pc.ReturnTransferFromProvince(member, sent.transfer_id, date(2026, 11, 19),
                                                   "muộn"), InvalidState)
