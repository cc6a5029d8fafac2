"""GraphQL types of the 2025 membership changes: suspension grounds, transfers with their
deadlines, organisations breaking a formation threshold."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import Info, graphql_enum
from services.membership import api as v

from .types import Member, Organisation, member_or_none

SuspensionGround = graphql_enum(v.SuspensionGround, "SuspensionGround",
                                "Why a member is suspended (đình chỉ sinh hoạt đảng).")


@strawberry.type(description="A transfer letter (giới thiệu sinh hoạt đảng): within the province "
                             "(in transit until the receiving branch takes it), out of the "
                             "province, or a member received from another province.")
class Transfer:
    member_id: strawberry.ID
    full_name: str
    kind: str = strawberry.field(description="within_province, out_of_province or "
                                             "into_province.")
    status: str = strawberry.field(description="in_transit, received, transferred_out or ended.")
    from_organisation_id: strawberry.ID | None
    to_organisation_id: strawberry.ID | None
    other_province: str = strawberry.field(description="The other province, for a transfer "
                                                       "out of or into this one.")
    other_organisation: str
    issued_on: date
    letter_number: str
    moved_on: date | None = strawberry.field(description="The change of job or residence the "
                                                         "transfer follows.")
    start_due_on: date | None = strawberry.field(description="The last day to start it (60 "
                                                             "working days after moved_on).")
    present_by: date = strawberry.field(description="The last day to present the letter (30 "
                                                    "working days after its issue).")
    received_on: date | None
    working_days: int | None = strawberry.field(description="Working days from issue to "
                                                            "presentation.")
    late_reason: str
    overdue: bool = strawberry.field(description="In transit past presentBy, today.")
    calendar_version: str = strawberry.field(description="The working-day calendar that "
                                                         "counted the deadlines.")
    rule_version: str

    @classmethod
    def from_view(cls, t: v.TransferView) -> Transfer:
        return cls(**t.__dict__)

    @strawberry.field(description="The member as the file stands now; null with a FORBIDDEN "
                                  "error outside your subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.type(description="An organisation breaking a formation threshold (Điều lệ Điều 21) "
                             "on the date asked.")
class ThresholdBreach:
    organisation: Organisation
    rule: str
    rule_version: str
    threshold: int
    count: int = strawberry.field(description="Official members (for the ≥ 3 rule) or members "
                                              "on the rolls (for the 30-member rule).")
    message: str

    @classmethod
    def from_view(cls, b: v.ThresholdBreach) -> ThresholdBreach:
        return cls(organisation=Organisation.from_view(b.organisation), rule=b.rule,
                   rule_version=b.rule_version, threshold=b.threshold, count=b.count,
                   message=b.message)


