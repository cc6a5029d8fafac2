"""The grounds for xóa tên branches found in their records, for any subtree and year."""

from __future__ import annotations

import json

from kit.errors import InvalidInput

from .reading import date_or_none, org_ref
from .statistics import StatisticsQueries
from .views import RemovalGroundView


class GroundsQueries(StatisticsQueries):
    def removal_grounds(self, scope_organisation_id: str, year: int) -> list[RemovalGroundView]:
        """Members for whom a branch of the subtree found a ground in `year` (months absent
        without reason, months of dues unpaid), in Vietnamese name order, then by ground."""
        if not isinstance(year, int) or not 1900 <= year <= 2200:
            raise InvalidInput("year", "must be a calendar year")
        rows = self.db.query(self.sql.grounds.in_scope, (self._scope(scope_organisation_id),
                                                         year))
        names = self._current_names([r["member_id"] for r in rows])
        out = [(names.get(r["member_id"], ("", "")), RemovalGroundView(
            r["member_id"], names.get(r["member_id"], ("", ""))[1], org_ref(r), year,
            r["ground"], json.loads(r["months"]), r["threshold"], r["meeting_id"],
            date_or_none(r["found_on"]), r["rule_version"])) for r in rows]
        return [g for _, g in sorted(out, key=lambda p: (p[0][0], p[1].member_id,
                                                         p[1].ground, p[1].organisation.id))]
