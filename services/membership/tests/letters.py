"""Transfers with another province's deployment, played from one province's side: HUE's key,
letters sealed for this province as HUE's deployment seals them, and a scenario touching every
event of the saga in one store (the rebuild and the published contracts need them all)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kit.peers import Peer, Peers
from kit.recipient_box import load_or_create_private_key, public_key_text, seal
from services.membership.application.province_transfer_handlers import (
    dossier_info,
    encode_dossier,
)
from services.membership.domain import province_transfer_commands as pc
from services.membership.domain.profile import MemberProfile
from services.membership.domain.province_transfer_events import CarriedFact, MemberDossier
from services.membership.domain.values import MemberStatus

HUE_BRANCH = "5d0c1c8e-4a8b-4b7e-9b0e-3c5e7f1a2b3c"  # an organisation of HUE, as it names it


class OtherProvince:
    """HUE, as the tests play it."""

    code, name = "HUE", "Huế"

    def __init__(self, folder: Path) -> None:
        self.key = load_or_create_private_key(folder / "hue-peer.key")

    def peer(self) -> Peer:
        return Peer(self.code, self.name, public_key_text(self.key.public_key()))

    def peers_of(self, own: str, folder: Path) -> Peers:
        """The peers of the province under test: HUE only."""
        return Peers(own, load_or_create_private_key(folder / "keys" / "peer.key"),
                     {self.code: self.peer()})

    def letter(self, to: Peers, transfer_id: str, profile: MemberProfile) -> str:
        """A dossier HUE sends: an official member with one fact of history there."""
        dossier = MemberDossier(profile, MemberStatus.OFFICIAL, date(2005, 3, 1),
                                date(2005, 3, 20), None, date(2006, 3, 20), None,
                                "Chi bộ phường Phú Hội",
                                (CarriedFact("HUE", "ExistingMemberRecorded", date(2006, 3, 20),
                                             "{}"),))
        return seal(encode_dossier(dossier), to.key.public_key(), dossier_info(transfer_id))


def between_provinces(run: Callable[[object], object], peers: Peers, hue: OtherProvince,
                      completed: str, returned: str, branch: str,
                      profile: Callable[[str, date], object], on: date) -> None:
    """One member sent and completed there, one sent and returned, one received and one refused
    here, from `on` on (the link's commands run as the system: `run` acts for nobody)."""
    t = _ids(run(pc.SendMemberToProvince(completed, "HUE", HUE_BRANCH, on, "20-GGT/TU")))[
        "transfer_id"]
    run(pc.CompleteTransferToProvince(completed, t, date.fromordinal(on.toordinal() + 7)))
    t = _ids(run(pc.SendMemberToProvince(returned, "HUE", HUE_BRANCH, on, "21-GGT/TU")))[
        "transfer_id"]
    run(pc.ReturnTransferFromProvince(returned, t, date.fromordinal(on.toordinal() + 2),
                                      "Không tiếp nhận"))
    for n, (name, answer) in enumerate((("Trịnh Văn Khoa", "accept"),
                                        ("Lưu Thị Mai", "refuse"))):
        transfer_id, member_id = str(uuid.uuid4()), str(uuid.uuid4())
        p = profile(name, date(1980, 1, 1 + n))
        letter = hue.letter(peers, transfer_id, MemberProfile.create(**p.__dict__, today=on))
        run(pc.OpenIncomingTransfer(transfer_id, member_id, "HUE", HUE_BRANCH, branch,
                                    f"3{n}-GGT/TU", on, date.fromordinal(on.toordinal() + 40),
                                    letter))
        later = date.fromordinal(on.toordinal() + 5)
        if answer == "accept":
            run(pc.AcceptIncomingTransfer(transfer_id, later))
        else:
            run(pc.RefuseIncomingTransfer(transfer_id, later, "Sai địa chỉ"))


def _ids(result: object) -> dict:
    return result if isinstance(result, dict) else result.ids  # type: ignore[attr-defined]
