"""Deciding bodies and the record of a decision, as evaluations' decision events carry them.

The same shape as membership's (services/membership/domain/decision.py): services share no
code, they agree on the published form. Which body classifies whom is a rule-book datum of
evaluations (domain/deciding.py reads it)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class Organ(enum.StrEnum):
    """The organ of an organisation that takes a decision."""

    ASSEMBLY = "assembly"  # the chi bộ / đảng bộ as a whole, by resolution (nghị quyết)
    COMMITTEE = "committee"  # chi ủy / đảng ủy / cấp ủy
    STANDING_COMMITTEE = "standing_committee"  # ban thường vụ (BTV) of the committee
    INSPECTION_COMMITTEE = "inspection_committee"  # ủy ban kiểm tra (UBKT)
    ORGANISATION_BOARD = "organisation_board"  # ban tổ chức


@dataclass(frozen=True, order=True)
class DecidingBody:
    """One organ of one organisation, e.g. the BTV of Đảng ủy xã Yên Thắng."""

    organisation_id: str
    organ: Organ

    def __str__(self) -> str:
        return f"{self.organ.value} of organisation {self.organisation_id}"


@dataclass(frozen=True)
class DecisionRecord:
    """Who decided, under which number, on which date, signed by whom, under which version of
    evaluations' table of deciding bodies."""

    organisation_id: str
    organ: Organ
    number: str
    decided_on: date
    signer: str
    rule_version: str

    @property
    def body(self) -> DecidingBody:
        return DecidingBody(self.organisation_id, self.organ)
