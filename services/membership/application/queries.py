"""Questions clients ask, answered from the read models only (never the event store)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kit.errors import InvalidInput
from kit.paging import Page, check_first, decode_cursor, encode_cursor
from kit.projections.runner import ReadModelDb
from kit.text import fold, vietnamese_key

from .views import (
    BadgeDue,
    HistoryEntry,
    MemberView,
    OrganisationView,
    TreeNode,
    member_view,
    optional_date,
    organisation_view,
)

ON_ROLLS = ("probationary", "official")
READ_MODELS = 5  # projections in application/projections/__init__.py


# A subtree as a range of materialised paths ("/a/b/" up to "/a/b0", '0' being the byte after
# '/'), compared bytewise: an index on the path serves it, where LIKE with a parameter scans.
SUBTREE = "{t}.path >= ? COLLATE BINARY AND {t}.path < ? COLLATE BINARY"
SUBTREE_NAMED = "{t}.path >= :lo COLLATE BINARY AND {t}.path < :hi COLLATE BINARY"


def _bounds(path: str) -> tuple[str, str]:
    return path, path[:-1] + "0"


class MembershipQueries:
    def __init__(self, db: ReadModelDb) -> None:
        self.db = db

    # -- organisations ---------------------------------------------------------------------

    def organisation(self, org_id: str) -> OrganisationView | None:
        rows = self.db.query("SELECT * FROM org_tree WHERE id = ?", (org_id,))
        return organisation_view(rows[0]) if rows else None

    def _path(self, org_id: str) -> str | None:
        rows = self.db.query("SELECT path FROM org_tree WHERE id = ?", (org_id,))
        return rows[0]["path"] if rows else None

    def is_within(self, org_id: str, scope_org_id: str) -> bool:
        """True when org_id is scope_org_id or below it (following merges to the survivor)."""
        path = self._survivor_path(org_id)
        return path is not None and f"/{scope_org_id}/" in path

    def _survivor_path(self, org_id: str) -> str | None:
        """The path of org_id, or of the organisation it was merged into: _path(_survivor(id))
        in one query when there was no merge (every scope check asks it)."""
        rows = self.db.query("SELECT merged_into, path FROM org_tree WHERE id = ?", (org_id,))
        if not rows:
            return None
        if not rows[0]["merged_into"]:
            return rows[0]["path"]
        return self._path(self._survivor(org_id))

    def _survivor(self, org_id: str) -> str:
        for _ in range(20):
            rows = self.db.query("SELECT merged_into FROM org_tree WHERE id = ?", (org_id,))
            if not rows or not rows[0]["merged_into"]:
                return org_id
            org_id = rows[0]["merged_into"]
        return org_id

    def ancestors(self, org_id: str) -> list[OrganisationView]:
        path = self._path(org_id)
        if not path:
            return []
        ids = [i for i in path.strip("/").split("/")][:-1]
        by_id = {r["id"]: organisation_view(r) for r in self.db.query(
            f"SELECT * FROM org_tree WHERE id IN ({','.join('?' for _ in ids)})", ids)}
        return [by_id[i] for i in ids if i in by_id]

    def roots(self) -> list[OrganisationView]:
        return [organisation_view(r) for r in self.db.query(
            "SELECT * FROM org_tree WHERE parent_id IS NULL ORDER BY name_key")]

    def organisation_tree(self, root_id: str, as_of: date | None = None) -> TreeNode | None:
        """The subtree under root_id with member counts by status: now, or as of a past date."""
        if as_of is None:
            return self._tree_now(root_id)
        return self._tree_as_of(root_id, as_of)

    def _tree_now(self, root_id: str) -> TreeNode | None:
        path = self._path(root_id)
        if path is None:
            return None
        rows = self.db.query(f"SELECT * FROM org_tree WHERE {SUBTREE.format(t='org_tree')} "
                             "AND status = 'active' ORDER BY depth, name_key", _bounds(path))
        if not rows or rows[0]["id"] != root_id:
            root = self.organisation(root_id)
            return TreeNode(root, {}, {}) if root else None
        counts = self.db.query(
            "SELECT m.organisation_id, m.status, COUNT(*) AS n FROM members m "
            f"JOIN org_tree o ON o.id = m.organisation_id WHERE {SUBTREE.format(t='o')} "
            "GROUP BY m.organisation_id, m.status", _bounds(path))
        return _assemble([organisation_view(r) for r in rows], counts, root_id,
                         {r["id"]: r["name_key"] for r in rows})

    def _tree_as_of(self, root_id: str, as_of: date) -> TreeNode | None:
        day = as_of.isoformat()
        versions = self.db.query(
            "SELECT v.*, t.depth, t.status AS now_status, t.merged_into, t.established_on, "
            "t.ended_on, t.name_key FROM org_versions v JOIN org_tree t ON t.id = v.organisation_id "
            "WHERE v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)", (day, day))
        orgs = {}
        for r in versions:
            ended = optional_date(r["ended_on"])
            orgs[r["organisation_id"]] = OrganisationView(
                id=r["organisation_id"], name=r["name"], type=r["type"],
                parent_id=r["parent_id"], depth=0, status="active", merged_into=None,
                established_on=date.fromisoformat(r["established_on"]),
                ended_on=ended if ended and ended <= as_of else None)
        if root_id not in orgs:
            return None
        children: dict[str | None, list[str]] = {}
        for o in orgs.values():
            children.setdefault(o.parent_id, []).append(o.id)
        keep: list[OrganisationView] = []
        stack = [(root_id, 0)]
        while stack:
            oid, depth = stack.pop()
            o = orgs[oid]
            keep.append(OrganisationView(**{**o.__dict__, "depth": depth}))
            stack += [(c, depth + 1) for c in children.get(oid, [])]
        counts = self.db.query(
            "SELECT organisation_id, status, COUNT(*) AS n FROM member_placements "
            "WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
            "GROUP BY organisation_id, status", (day, day))
        return _assemble(keep, counts, root_id, {o.id: vietnamese_key(o.name) for o in keep})

    # -- members ---------------------------------------------------------------------------

    def member(self, member_id: str) -> MemberView | None:
        rows = self.db.query("SELECT * FROM members WHERE id = ?", (member_id,))
        return member_view(rows[0]) if rows else None

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
    ) -> Page[MemberView]:
        """Members on the rolls of scope_org_id's subtree, in Vietnamese name order.

        Applicants and former members are listed only when their status is asked for.
        """
        path = self._survivor_path(scope_org_id)
        if path is None:
            return Page([], 0, None, False)
        where = [SUBTREE_NAMED.format(t="o")]
        lo, hi = _bounds(path)
        params: dict[str, Any] = {"lo": lo, "hi": hi, "limit": check_first(first) + 1}
        statuses = list(statuses or ON_ROLLS)
        if statuses:
            where.append(f"m.status IN ({','.join(f':s{i}' for i in range(len(statuses)))})")
            params.update({f"s{i}": s for i, s in enumerate(statuses)})
        if gender:
            where.append("m.gender = :gender")
            params["gender"] = gender
        if exempt is not None:
            where.append("m.exempt = :exempt")
            params["exempt"] = int(exempt)
        if name_contains:
            where.append("m.search_name LIKE :name ESCAPE '\\'")
            needle = fold(name_contains).replace("\\", "\\\\").replace("%", "\\%")
            params["name"] = "%" + needle.replace("_", "\\_") + "%"
        base = "FROM members m JOIN org_tree o ON o.id = m.organisation_id WHERE " + " AND ".join(
            where)
        total = self.db.query(f"SELECT COUNT(*) AS n {base}", params)[0]["n"]
        cursor = decode_cursor(after)
        page_where = ""
        if cursor:
            page_where = " AND (m.name_key > :ck OR (m.name_key = :ck AND m.id > :cid))"
            params.update(ck=cursor[0], cid=cursor[1])
        rows = self.db.query(
            f"SELECT m.* {base}{page_where} ORDER BY m.name_key, m.id LIMIT :limit", params)
        has_next = len(rows) > first
        rows = rows[:first]
        end = encode_cursor(rows[-1]["name_key"], rows[-1]["id"]) if rows else None
        return Page([member_view(r) for r in rows], total, end, has_next)

    def members_as_of(self, organisation_id: str, as_of: date, first: int = 50,
                      after: str | None = None) -> Page[tuple[MemberView, str]]:
        """Who was on an organisation's own rolls on a past date, and with what status."""
        day = as_of.isoformat()
        params: dict[str, Any] = {"org": organisation_id, "day": day, "limit": check_first(first) + 1}
        base = ("FROM member_placements p JOIN members m ON m.id = p.member_id "
                "WHERE p.organisation_id = :org AND p.valid_from <= :day "
                "AND (p.valid_to IS NULL OR p.valid_to > :day) "
                "AND p.status IN ('probationary', 'official')")
        total = self.db.query(f"SELECT COUNT(*) AS n {base}", params)[0]["n"]
        cursor = decode_cursor(after)
        extra = ""
        if cursor:
            extra = " AND (m.name_key > :ck OR (m.name_key = :ck AND m.id > :cid))"
            params.update(ck=cursor[0], cid=cursor[1])
        rows = self.db.query(f"SELECT m.*, p.status AS status_then {base}{extra} "
                             "ORDER BY m.name_key, m.id LIMIT :limit", params)
        has_next = len(rows) > first
        rows = rows[:first]
        end = encode_cursor(rows[-1]["name_key"], rows[-1]["id"]) if rows else None
        return Page([(member_view(r), r["status_then"]) for r in rows], total, end, has_next)

    def member_history(self, member_id: str) -> list[HistoryEntry]:
        rows = self.db.query("SELECT * FROM member_history WHERE member_id = ? "
                             "ORDER BY global_position, seq", (member_id,))
        return [HistoryEntry(r["global_position"], r["event"], date.fromisoformat(r["effective_on"]),
                             r["recorded_at"], r["actor"], json.loads(r["details"])) for r in rows]

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
        base = ("FROM badge_milestones b JOIN members m ON m.id = b.member_id "
                "JOIN org_tree o ON o.id = m.organisation_id WHERE o.path LIKE :path "
                "AND m.status IN ('probationary', 'official') AND b.due_on BETWEEN :a AND :b")
        total = self.db.query(f"SELECT COUNT(*) AS n {base}", params)[0]["n"]
        cursor = decode_cursor(after, arity=3)
        extra = ""
        if cursor:
            extra = (" AND (b.due_on > :cd OR (b.due_on = :cd AND (m.name_key > :ck OR "
                     "(m.name_key = :ck AND m.id > :cid))))")
            params.update(cd=cursor[0], ck=cursor[1], cid=cursor[2])
        rows = self.db.query(f"SELECT m.*, b.years, b.due_on {base}{extra} "
                             "ORDER BY b.due_on, m.name_key, m.id LIMIT :limit", params)
        has_next = len(rows) > first
        rows = rows[:first]
        end = encode_cursor(rows[-1]["due_on"], rows[-1]["name_key"], rows[-1]["id"]) if rows \
            else None
        return Page([BadgeDue(member_view(r), r["years"], date.fromisoformat(r["due_on"]))
                     for r in rows], total, end, has_next)

    # -- freshness ------------------------------------------------------------------------------

    def applied_position(self, source: str) -> int:
        """The global position every read model has applied from a source (0 before any)."""
        rows = self.db.query("SELECT COUNT(*) AS n, MIN(position) AS p FROM projection_checkpoints "
                             "WHERE source = ?", (source,))
        return rows[0]["p"] or 0 if rows and rows[0]["n"] >= READ_MODELS else 0

    # -- occupancy (for dissolving) -------------------------------------------------------------

    def members_on_rolls(self, organisation_id: str) -> int:
        return self.db.query("SELECT COUNT(*) AS n FROM members WHERE organisation_id = ? "
                             "AND status IN ('probationary', 'official', 'applicant')",
                             (organisation_id,))[0]["n"]

    def active_children(self, organisation_id: str) -> int:
        return self.db.query("SELECT COUNT(*) AS n FROM org_tree WHERE parent_id = ? "
                             "AND status = 'active'", (organisation_id,))[0]["n"]


def _assemble(orgs: list[OrganisationView], counts: list[Any], root_id: str,
              name_keys: dict[str, str]) -> TreeNode:
    """The tree with own and subtree counts; children in Vietnamese order of `name_keys`."""
    own: dict[str, dict[str, int]] = {}  # plain dicts: Counters cost more than the SQL here
    for r in counts:
        statuses = own.setdefault(r["organisation_id"], {})
        statuses[r["status"]] = statuses.get(r["status"], 0) + r["n"]
    nodes = {o.id: TreeNode(o, dict(own.get(o.id, {})), {}) for o in orgs}
    totals = {o.id: dict(own.get(o.id, {})) for o in orgs}
    for o in sorted(orgs, key=lambda o: -o.depth):  # deepest first: a subtree's total is
        if o.parent_id in nodes and o.id != root_id:  # complete before its parent's takes it
            parent = totals[o.parent_id]
            for status, n in totals[o.id].items():
                parent[status] = parent.get(status, 0) + n
    for o in sorted(orgs, key=lambda o: name_keys[o.id]):
        nodes[o.id].subtree_counts.update(totals[o.id])
        if o.parent_id in nodes and o.id != root_id:
            nodes[o.parent_id].children.append(nodes[o.id])
    return nodes[root_id]
