"""Questions clients ask, answered from the read models only (never the event store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kit import json_text
from kit.clock import Clock
from kit.errors import InvalidInput
from kit.paging import Page, check_first, decode_cursor, encode_cursor
from kit.projections.ports import ReadModelDb
from kit.text import fold

from ..domain.deadlines import membership_deadlines
from .change_queries import ChangeQueries, ChangeQueriesSql
from .province_transfer_queries import ProvinceTransferQueries
from .tree_queries import TreeQueries, subtree_bounds
from .views import (
    BadgeDue,
    HistoryEntry,
    MemberView,
    OrganisationInScope,
    OrganisationView,
    member_view,
    organisation_view,
)
from .work_queue import WorkItem, work_queue

ON_ROLLS = ("probationary", "official")
APPLYING_OR_ON_ROLLS = ("applicant", *ON_ROLLS)
DEADLINES = membership_deadlines()
READ_MODELS = 8  # projections in application/projections/__init__.py


@dataclass(frozen=True)
class QueriesSql:
    """The queries' statements, written out per dialect (adapters/read_model_sql). A subtree is
    a range of materialised paths, (path, bound) below: "/a/b/" up to "/a/b0", '0' being the
    byte after '/', compared bytewise: an index on the path serves it, where LIKE with a
    parameter scans. `:name` below is a named parameter, `{name}` filled in at run time."""

    placeholder: str  # one positional parameter, for the lists written at run time
    named: str  # one named parameter, its name filled in for `{}`
    organisation: str  # (id) -> org_tree row
    path: str  # (id) -> path
    merged_into_and_path: str  # (id) -> merged_into, path
    merged_into: str  # (id) -> merged_into
    organisations: str  # {ids} (a placeholder each) -> org_tree rows
    roots: str  # () -> org_tree rows without a parent, by name_key
    active_subtree: str  # (path, bound) -> active org_tree rows by depth, name_key
    subtree_counts: str  # (path, bound) -> organisation_id, status, n: its members
    versions_as_of: str  # (day, day) -> org_versions rows valid on day, with org_tree's depth,
    #                       now_status, merged_into, established_on, ended_on, name_key
    counts_as_of: str  # (day, day) -> organisation_id, status, n: placements valid on day
    member: str  # (id) -> members row
    members_by_citizen_id: str  # (citizen_id) -> members rows recording it, by id
    # members(): `members_count` and `members_page` take {where}, its filters joined with AND
    in_subtree: str  # :lo, :hi: the subtree of path lo, bound hi
    status_in: str  # {names}: one `named` parameter per status
    of_gender: str  # :gender
    exempt_is: str  # :exempt
    name_like: str  # :name, a LIKE pattern whose wildcards are escaped by a backslash
    after_name: str  # :ck, :cid: after the (name_key, id) of a cursor
    members_count: str  # {where} -> n
    members_counted: str  # {where} of in_subtree and status_in alone -> n: from member_counts
    members_page: str  # {where}, :limit -> members rows by name_key, id
    members_page_by_name: str  # the same rows, found by walking the members in name order
    members_size: str  # () -> n: the rows members holds
    placed_count_as_of: str  # :org, :day -> n: on the organisation's own rolls on the day
    placed_as_of: str  # :org, :day, :limit -> members rows, status_then, by name_key, id
    placed_as_of_after: str  # the same, after (:ck, :cid)
    member_history: str  # (member_id) -> member_history rows by effective_on, global_position,
    #                       seq
    placements_of: str  # (member_id) -> valid_from, organisation_id, status by valid_from
    merges_from: str  # {ids} -> organisation_id, into_id, on_date, global_position, recorded_at,
    #                    actor: the merges of those organisations
    badges_count: str  # :path (a LIKE pattern), :a, :b -> n: on the rolls, due in [a, b]
    badges: str  # :path, :a, :b, :limit -> members rows, years, due_on by due_on, name_key, id
    badges_after: str  # the same, after (:cd, :ck, :cid)
    applied_position: str  # (source) -> n: checkpoints, p: the lowest position
    members_on_rolls: str  # (organisation_id) -> n: probationary, official or applicant
    active_children: str  # (parent_id) -> n
    latest_naming: str  # (organisation_id, organisation_id) -> event, on_date: the latest-dated
    #                      fact placing a member in it or a sub-organisation under it
    # the work queue (work_queue.py): :lo, :hi a subtree as in_subtree
    work_items: str  # :lo, :hi, :day, :until -> members rows, kind, since, due_on, rule,
    #                   rule_version, calendar_version, organisation_name: open on day
    badge_items: str  # :lo, :hi, :a, :b -> members rows, years, due_on, organisation_name:
    #                    on the rolls, a badge year reached in (a, b]


def _path_within(path: str | None, scope_org_id: str) -> bool:
    """Whether an organisation at `path` is scope_org_id or below it: the one test every scope
    check of these queries makes."""
    return path is not None and f"/{scope_org_id}/" in path


class MembershipQueries(TreeQueries, ChangeQueries, ProvinceTransferQueries):
    # A page found from its subtree's organisations fetches and sorts every member matching
    # it: a branch's ~100 in ~0.1 ms, but a province's root sorts all of them for each page
    # (the demo's 8,163 on the rolls: 8.2 ms; a real province holds ten to fifty times as
    # many). Walking the members in name order and keeping those that match reads ~limit ×
    # size / total rows (the root: 0.11 ms), so it is chosen where that is fewer than `total`;
    # under this many matching members either way is quick and the size is not asked.
    NAME_WALK_FROM = 500

    def __init__(self, db: ReadModelDb, sql: QueriesSql, changes: ChangeQueriesSql,
                 clock: Clock) -> None:
        self.db = db
        self.sql = sql
        self.changes = changes  # change_queries.py's statements
        self.clock = clock  # today: a temporary transfer past its end date is over

    # -- organisations ---------------------------------------------------------------------

    def organisation(self, org_id: str) -> OrganisationView | None:
        rows = self.db.query(self.sql.organisation, (org_id,))
        return organisation_view(rows[0]) if rows else None

    def organisation_in_scope(self, org_id: str, scope_org_id: str) -> OrganisationInScope | None:
        """organisation() and is_within() in one question: the row read once answers both
        unless the organisation was merged (then its survivor's path decides)."""
        rows = self.db.query(self.sql.organisation, (org_id,))
        if not rows:
            return None
        path = self._survivor_path_of(rows[0], org_id)
        return OrganisationInScope(organisation_view(rows[0]), _path_within(path, scope_org_id))

    def _path(self, org_id: str) -> str | None:
        rows = self.db.query(self.sql.path, (org_id,))
        return rows[0]["path"] if rows else None

    def is_within(self, org_id: str, scope_org_id: str) -> bool:
        """True when org_id is scope_org_id or below it (following merges to the survivor)."""
        return _path_within(self._survivor_path(org_id), scope_org_id)

    def _survivor_path(self, org_id: str) -> str | None:
        """The path of org_id, or of the organisation it was merged into: _path(_survivor(id))
        in one query when there was no merge (every scope check asks it)."""
        rows = self.db.query(self.sql.merged_into_and_path, (org_id,))
        return self._survivor_path_of(rows[0], org_id) if rows else None

    def _survivor_path_of(self, row: Any, org_id: str) -> str | None:
        """org_id's path from its org_tree row (merged_into and path), or its survivor's."""
        return row["path"] if not row["merged_into"] else self._path(self._survivor(org_id))

    def _survivor(self, org_id: str) -> str:
        for _ in range(20):
            rows = self.db.query(self.sql.merged_into, (org_id,))
            if not rows or not rows[0]["merged_into"]:
                return org_id
            org_id = rows[0]["merged_into"]
        return org_id

    # -- members ---------------------------------------------------------------------------

    def member(self, member_id: str) -> MemberView | None:
        rows = self.db.query(self.sql.member, (member_id,))
        return member_view(rows[0], self.clock.today()) if rows else None

    def members_by_citizen_id(self, citizen_id: str) -> list[MemberView]:
        """Every file recording this (normalised) citizen ID, whatever its status: the
        federation's duplicate check across provinces asks it."""
        rows = self.db.query(self.sql.members_by_citizen_id, (citizen_id,))
        return [member_view(row, self.clock.today()) for row in rows]

    def members(
        self,
        scope_org_id: str,
        *,
        statuses: list[str] | None = None,
        gender: str | None = None,
        exempt: bool | None = None,
        name_contains: str | None = None,
        first: int = 50,
        after: str | None = None,
        suspended: bool | None = None,
    ) -> Page[MemberView]:
        """Members on the rolls of scope_org_id's subtree, in Vietnamese name order.

        Applicants and former members are listed only when their status is asked for.
        """
        path = self._survivor_path(scope_org_id)
        if path is None:
            return Page([], 0, None, False)
        sql = self.sql
        where = [sql.in_subtree]
        lo, hi = subtree_bounds(path)
        params: dict[str, Any] = {"lo": lo, "hi": hi, "limit": check_first(first) + 1}
        statuses = list(statuses or ON_ROLLS)
        if statuses:
            names = ",".join(sql.named.format(f"s{i}") for i in range(len(statuses)))
            where.append(sql.status_in.format(names=names))
            params.update({f"s{i}": s for i, s in enumerate(statuses)})
        kept_counts = len(where)  # by subtree and status: member_counts keeps those totals
        if gender:
            where.append(sql.of_gender)
            params["gender"] = gender
        if exempt is not None:
            where.append(sql.exempt_is)
            params["exempt"] = int(exempt)
        if suspended is not None:
            where.append(self.changes.suspended_is)
            params["suspended"] = int(suspended)
        if name_contains:
            where.append(sql.name_like)
            needle = fold(name_contains).replace("\\", "\\\\").replace("%", "\\%")
            params["name"] = "%" + needle.replace("_", "\\_") + "%"
        # by subtree and status alone, the counts kept per organisation and status answer it (a
        # province's root: 8,163 members' rows counted in 0.67 ms, or 826 counts summed)
        counted = sql.members_counted if len(where) == kept_counts else sql.members_count
        total = self.db.query(counted.format(where=" AND ".join(where)), params)[0]["n"]
        cursor = decode_cursor(after)
        if cursor:
            where.append(sql.after_name)
            params.update(ck=cursor[0], cid=cursor[1])
        rows = self.db.query(self._members_page(total, params["limit"]).format(
            where=" AND ".join(where)), params)
        has_next = len(rows) > first
        rows = rows[:first]
        end = encode_cursor(rows[-1]["name_key"], rows[-1]["id"]) if rows else None
        today = self.clock.today()
        return Page([member_view(r, today) for r in rows], total, end, has_next)

    def _members_page(self, total: int, limit: int) -> str:
        sql = self.sql
        if total < self.NAME_WALK_FROM:
            return sql.members_page
        size = self.db.query(sql.members_size)[0]["n"]
        return sql.members_page_by_name if total * total > limit * size else sql.members_page

    def members_as_of(self, organisation_id: str, as_of: date, first: int = 50,
                      after: str | None = None) -> Page[tuple[MemberView, str]]:
        """Who was on an organisation's own rolls on a past date, and with what status."""
        day = as_of.isoformat()
        params: dict[str, Any] = {"org": organisation_id, "day": day, "limit": check_first(first) + 1}
        total = self.db.query(self.sql.placed_count_as_of, params)[0]["n"]
        cursor = decode_cursor(after)
        page = self.sql.placed_as_of
        if cursor:
            page = self.sql.placed_as_of_after
            params.update(ck=cursor[0], cid=cursor[1])
        rows = self.db.query(page, params)
        has_next = len(rows) > first
        rows = rows[:first]
        end = encode_cursor(rows[-1]["name_key"], rows[-1]["id"]) if rows else None
        today = self.clock.today()
        return Page([(member_view(r, today), r["status_then"]) for r in rows], total, end,
                    has_next)

    def member_history(self, member_id: str) -> list[HistoryEntry]:
        """The member's facts by effective date, with the moves merges made of them."""
        rows = self.db.query(self.sql.member_history, (member_id,))
        entries = [HistoryEntry(r["global_position"], r["event"],
                                date.fromisoformat(r["effective_on"]), r["recorded_at"],
                                r["actor"], json_text.loads(r["details"])) for r in rows]
        moves = self._merge_moves(member_id)
        if not moves:
            return entries
        return sorted(entries + moves, key=lambda h: (h.effective_on, h.position))

    def _merge_moves(self, member_id: str) -> list[HistoryEntry]:
        """Where the member's placement passes from an organisation to its survivor on the day
        of its merge, while applying or on the rolls: the merge moved them."""
        placements = self.db.query(self.sql.placements_of, (member_id,))
        orgs = sorted({r["organisation_id"] for r in placements})
        if len(orgs) < 2:
            return []
        marks = ",".join(self.sql.placeholder for _ in orgs)
        merges = {r["organisation_id"]: r
                  for r in self.db.query(self.sql.merges_from.format(ids=marks), orgs)}
        out = []
        for before, after in zip(placements, placements[1:], strict=False):
            m = merges.get(before["organisation_id"])
            if (m and m["into_id"] == after["organisation_id"]
                    and m["on_date"] == after["valid_from"] and after["status"] in APPLYING_OR_ON_ROLLS):
                out.append(HistoryEntry(m["global_position"], "MovedByOrganisationMerge",
                                        date.fromisoformat(m["on_date"]), m["recorded_at"],
                                        m["actor"], {"from_organisation_id": m["organisation_id"],
                                                     "to_organisation_id": m["into_id"]}))
        return out

    def badges_due(self, scope_org_id: str, from_: date, to: date, first: int = 50,
                   after: str | None = None) -> Page[BadgeDue]:
        """Members on the rolls whose party age reaches a badge year within [from_, to]."""
        if to < from_:
            raise InvalidInput("to", "must not precede from")
        path = self._survivor_path(scope_org_id)
        if path is None:
            return Page([], 0, None, False)
        params: dict[str, Any] = {"path": path + "%", "a": from_.isoformat(), "b": to.isoformat(),
                                  "limit": check_first(first) + 1}
        total = self.db.query(self.sql.badges_count, params)[0]["n"]
        cursor = decode_cursor(after, arity=3)
        page = self.sql.badges
        if cursor:
            page = self.sql.badges_after
            params.update(cd=cursor[0], ck=cursor[1], cid=cursor[2])
        rows = self.db.query(page, params)
        has_next = len(rows) > first
        rows = rows[:first]
        end = encode_cursor(rows[-1]["due_on"], rows[-1]["name_key"], rows[-1]["id"]) if rows \
            else None
        today = self.clock.today()
        return Page([BadgeDue(member_view(r, today), r["years"], date.fromisoformat(r["due_on"]))
                     for r in rows], total, end, has_next)

    def work_queue(self, scope_org_id: str, as_of: date, due_within: int = 20,
                   kinds: list[str] | None = None, first: int = 50,
                   after: str | None = None) -> Page[WorkItem]:
        """What is due or overdue in the subtree by `due_within` working days after as_of, and
        the badges of the next presentation day, soonest first (application/work_queue.py)."""
        path = self._survivor_path(scope_org_id)
        if path is None:
            return Page([], 0, None, False)
        return work_queue(self, subtree_bounds(path), as_of, DEADLINES, due_within, kinds, first, after)

    # -- freshness ------------------------------------------------------------------------------

    def applied_position(self, source: str) -> int:
        """The global position every read model has applied from a source (0 before any)."""
        rows = self.db.query(self.sql.applied_position, (source,))
        return rows[0]["p"] or 0 if rows and rows[0]["n"] >= READ_MODELS else 0

    # -- occupancy (for dissolving) -------------------------------------------------------------

    def members_on_rolls(self, organisation_id: str) -> int:
        return self.db.query(self.sql.members_on_rolls, (organisation_id,))[0]["n"]

    def active_children(self, organisation_id: str) -> int:
        return self.db.query(self.sql.active_children, (organisation_id,))[0]["n"]

    def latest_fact_naming(self, organisation_id: str) -> tuple[str, date] | None:
        """(event, effective date) of the latest-dated fact that places a member in the
        organisation or a sub-organisation under it, as recorded (before any merge)."""
        rows = self.db.query(self.sql.latest_naming, (organisation_id, organisation_id))
        return (rows[0]["event"], date.fromisoformat(rows[0]["on_date"])) if rows else None

