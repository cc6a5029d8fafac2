"""Questions on transfers between province deployments, from transfers_between_provinces:
this province's side of each, open or closed, flagged overdue when still open past the letter's
last day. Mixed into MembershipQueries; its statements are set by the declaration's read side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .tree_queries import subtree_bounds
from .views import optional_date

OPEN_STATES = frozenset({"in_transit", "awaiting"})


@dataclass(frozen=True)
class ProvinceTransferView:
    transfer_id: str
    direction: str  # out (sent from here) | in (sent here)
    member_id: str
    from_province: str
    to_province: str
    organisation_id: str  # this side's: the sending one, or the receiving one
    other_organisation_id: str  # the other side's, as that province names it
    letter_number: str
    issued_on: date
    present_by: date
    state: str  # out: in_transit | completed | returned; in: awaiting | arrived | refused
    closed_on: date | None
    overdue: bool  # open past present_by on the day asked


class ProvinceTransferQueries:
    db: Any
    clock: Any
    province_transfers: Any  # ProvinceTransfersSql, set by the declaration's read side

    # and queries.py's _survivor_path and organisation

    def transfers_between_provinces(self, scope_org_id: str,
                                    open_only: bool = False) -> list[ProvinceTransferView]:
        path = self._survivor_path(scope_org_id)
        if path is None:
            return []
        org = self.organisation(scope_org_id)
        root = 1 if org is not None and not org.parent_id else 0
        today = self.clock.today()
        out = []
        for r in self.db.query(self.province_transfers.of_subtree,
                               (*subtree_bounds(path), root)):
            if open_only and r["state"] not in OPEN_STATES:
                continue
            present_by = date.fromisoformat(r["present_by"])
            out.append(ProvinceTransferView(
                r["transfer_id"], r["direction"], r["member_id"], r["from_province"],
                r["to_province"], r["organisation_id"], r["other_organisation_id"],
                r["letter_number"], date.fromisoformat(r["issued_on"]), present_by, r["state"],
                optional_date(r["closed_on"]),
                r["state"] in OPEN_STATES and today > present_by))
        return out
