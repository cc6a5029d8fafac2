"""Questions on the 2025 membership changes, from the read models: who is suspended (now or on
a date), transfers in transit and past their limit, and the organisations of a subtree breaking
a formation threshold. Mixed into MembershipQueries (queries.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.rules import MEMBERSHIP_RULES
from .change_views import ThresholdBreach, TransferView
from .tree_queries import subtree_bounds
from .views import optional_date


@dataclass(frozen=True)
class ChangeQueriesSql:
    """Their statements, written out per dialect (adapters/read_model_sql)."""

    suspended_is: str  # :suspended (0 | 1): a members() filter
    subtree_suspended: str  # (path, bound) -> organisation_id, n: suspended, on the rolls now
    suspended_counts_as_of: str  # (day, day, day, day) -> organisation_id, n: on a day
    suspended_as_of: str  # (organisation_id, day, day, day, day) -> member_id, on its rolls
    transfers: str  # (lo, hi, lo, hi) -> member_transfers rows, full_name: from or to the
    #                  subtree, by issued_on, member_id
    transfers_in_transit: str  # the same, in transit only


class ChangeQueries:
    db: Any
    clock: Any
    changes: ChangeQueriesSql

    # and queries.py's _survivor_path and organisation_tree

    def _suspended_rows(self, path: str | None = None, day: date | None = None) -> list[dict]:
        """Suspended members on the rolls, by organisation, as a counts row of status
        "suspended" (of those counted as probationary or official)."""
        if day is None:
            rows = self.db.query(self.changes.subtree_suspended, subtree_bounds(path))
        else:
            d = day.isoformat()
            rows = self.db.query(self.changes.suspended_counts_as_of, (d, d, d, d))
        return [{"organisation_id": r["organisation_id"], "status": "suspended", "n": r["n"]}
                for r in rows]

    def suspended_as_of(self, organisation_id: str, as_of: date) -> list[str]:
        """The members on an organisation's own rolls who were suspended on a date."""
        d = as_of.isoformat()
        return [r["member_id"] for r in
                self.db.query(self.changes.suspended_as_of, (organisation_id, d, d, d, d))]

    def transfers(self, scope_org_id: str, in_transit_only: bool = True) -> list[TransferView]:
        """Transfer letters from or to the subtree, oldest first; `overdue` when in transit
        past the last day to present the letter."""
        path = self._survivor_path(scope_org_id)
        if path is None:
            return []
        lo, hi = subtree_bounds(path)
        sql = self.changes.transfers_in_transit if in_transit_only else self.changes.transfers
        today = self.clock.today()
        out = []
        for r in self.db.query(sql, (lo, hi, lo, hi)):
            present_by = date.fromisoformat(r["present_by"])
            out.append(TransferView(
                member_id=r["member_id"], full_name=r["full_name"], kind=r["kind"],
                status=r["status"], from_organisation_id=r["from_organisation_id"],
                to_organisation_id=r["to_organisation_id"], other_province=r["other_province"],
                other_organisation=r["other_organisation"],
                issued_on=date.fromisoformat(r["issued_on"]), letter_number=r["letter_number"],
                moved_on=optional_date(r["moved_on"]),
                start_due_on=optional_date(r["start_due_on"]), present_by=present_by,
                received_on=optional_date(r["received_on"]), working_days=r["working_days"],
                late_reason=r["late_reason"],
                overdue=r["status"] == "in_transit" and today > present_by,
                calendar_version=r["calendar_version"], rule_version=r["rule_version"]))
        return out

    def formation_threshold_breaches(self, root_id: str,
                                     as_of: date | None = None) -> list[ThresholdBreach]:
        """Organisations in the subtree breaking a formation threshold on a date (today by
        default): a chi bộ or TCCSĐ with fewer than 3 official members, a chi bộ cơ sở with 30
        members or more, a đảng bộ cơ sở with fewer than 30 (Điều lệ Điều 21)."""
        day = as_of or self.clock.today()
        tree = self.organisation_tree(root_id, day)
        if tree is None:
            return []
        r = MEMBERSHIP_RULES.in_force(day)
        committees = r["organisation.grassroots_committee_types"]
        branches = r["organisation.grassroots_branch_types"]
        sub_branches = r["organisation.sub_branch_types"]
        least, size = r["organisation.min_official_members"], r["organisation.committee_min_members"]
        out: list[ThresholdBreach] = []
        stack = [tree]
        while stack:
            node = stack.pop()
            stack.extend(reversed(node.children))
            org, kind = node.organisation, node.organisation.type
            if kind not in (*committees, *branches, *sub_branches):
                continue
            counts = node.subtree_counts if kind in committees else node.own_counts
            official = counts.get("official", 0)
            members = official + counts.get("probationary", 0)

            def breach(rule: str, threshold: int, count: int, message: str,
                       org=org) -> None:
                out.append(ThresholdBreach(org, rule, r.version, threshold, count, message))

            if official < least:
                breach("organisation.min_official_members", least, official,
                       f"{org.name} has {official} official member(s); a "
                       f"{'party organisation' if kind not in sub_branches else 'chi bộ'} "
                       f"needs at least {least}")
            if kind in branches and members >= size:
                breach("organisation.committee_min_members", size, members,
                       f"{org.name} has {members} members: from {size} a grassroots "
                       "organisation is a đảng bộ cơ sở, not a chi bộ cơ sở")
            if kind in committees and members < size:
                breach("organisation.committee_min_members", size, members,
                       f"{org.name} has {members} members: under {size} a grassroots "
                       "organisation is a chi bộ cơ sở, not a đảng bộ cơ sở")
        return out
