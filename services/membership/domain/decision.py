"""Deciding bodies and the record of a decision, as every decision event carries it.

A decision (quyết định, or a branch's nghị quyết) is taken by one organ of one party organisation:
the organisation as a whole by resolution, its committee, the committee's standing committee, its
inspection committee, or its organisation board. Which body may take which decision is data in the
rule book (domain/authority.py reads it).
"""

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
    ORGANISATION_BOARD = "organisation_board"  # ban tổ chức, e.g. Ban Tổ chức Tỉnh ủy


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
    the table of deciding bodies. Every field is None on events recorded before bodies were
    recorded (their upcasters know only what the old event said)."""

    organisation_id: str | None
    organ: Organ | None
    number: str | None
    decided_on: date | None
    signer: str | None
    rule_version: str | None

    @property
    def body(self) -> DecidingBody | None:
        if self.organisation_id is None or self.organ is None:
            return None
        return DecidingBody(self.organisation_id, self.organ)
