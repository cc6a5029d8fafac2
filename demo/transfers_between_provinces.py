"""The demo's transfers between its two provinces (NB and HUE), through the link between their
deployments (partyorg.links) as users would make them: NB's committee sends members to HUE and
HUE's sends members to NB; each receiving committee accepts or refuses; one letter from NB is
left unanswered past its last day, so the reconciliation shows it overdue.

Dated from `today` back, so the overdue one stays overdue whenever the demo is served. Run once
per demo folder (partyorg.federated_demo keeps a marker): the members sent are picked from
those on the rolls when it runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kit.envelope import Actor, CommandContext
from kit.errors import DomainError
from services.membership.api import (
    AcceptIncomingTransfer,
    RefuseIncomingTransfer,
    SendMemberToProvince,
)

NAMESPACE = uuid.UUID("0b6f3c9a-7d2e-4f81-a5c4-93e1d7b2f608")
OFFICER = Actor("demo-ban-to-chuc", "organisation_commission")


@dataclass(frozen=True)
class Letter:
    sender: str  # province code
    days_ago: int  # issued this many days before today
    answer: str  # accept | refuse | none (left unanswered)
    answered_days_ago: int = 0


SCRIPT = (
    Letter("NB", 40, "accept", 30),
    Letter("NB", 20, "refuse", 15),
    Letter("NB", 75, "none"),  # overdue: 30 working days have long passed
    Letter("NB", 3, "none"),  # in transit, within its limit
    Letter("HUE", 25, "accept", 20),
)


@dataclass
class Side:
    code: str
    membership: Any  # partyorg.embedded.EmbeddedService
    root: str


def _run(side: Side, command: object, key: str) -> dict[str, str]:
    context = CommandContext(str(uuid.uuid5(NAMESPACE, key)), side.code, OFFICER)
    return side.membership.service.execute(command, context, side.root).ids


def _candidates(side: Side, skip: int) -> list[Any]:
    page = side.membership.queries.members(side.root, first=60 + skip)
    return [m for m in page.items[skip:] if m.status in ("official", "probationary")]


def seed_transfers(nb: Side, hue: Side, settle: Callable[[], None], today: date,
                   progress: Callable[[str], None] = print) -> int:
    """The script's letters; returns how many were sent (or were sent on an earlier run)."""
    sides = {"NB": (nb, hue), "HUE": (hue, nb)}
    sent = 0
    for n, letter in enumerate(SCRIPT):
        sender, receiver = sides[letter.sender]
        to_branch = _candidates(receiver, 0)[0].organisation_id
        issued = today - timedelta(days=letter.days_ago)
        transfer = None
        for m in _candidates(sender, 5 + 7 * n):  # members whose facts all precede the letter
            try:
                transfer = _run(sender, SendMemberToProvince(
                    m.id, receiver.code, to_branch, issued, f"{60 + n}-GGT/BTCTU"),
                    f"letter/{n}/{m.id}")["transfer_id"]
                break
            except DomainError:
                continue
        if transfer is None:
            progress(f"demo transfer {n}: no member of {sender.code} could be sent")
            continue
        sent += 1
        settle()  # the receiving province's link opens the letter
        answered = today - timedelta(days=letter.answered_days_ago)
        if letter.answer == "accept":
            _run(receiver, AcceptIncomingTransfer(transfer, answered), f"accept/{n}/{transfer}")
        elif letter.answer == "refuse":
            _run(receiver, RefuseIncomingTransfer(transfer, answered,
                                                  "Đảng viên không chuyển đến nơi cư trú mới"),
                 f"refuse/{n}/{transfer}")
        settle()  # the sending province's link closes it
    return sent
