"""The organisation tree, from the read models: a subtree with its member counts by status, now
or as of a past date, and an organisation's ancestors. Mixed into MembershipQueries
(queries.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from kit.text import vietnamese_key

from .views import OrganisationView, TreeNode, optional_date, organisation_view, tree_node


def subtree_bounds(path: str) -> tuple[str, str]:
    """A subtree as a range of materialised paths: "/a/b/" up to "/a/b0" (QueriesSql)."""
    return path, path[:-1] + "0"


class TreeQueries:
    db: Any
    sql: Any  # queries.py's QueriesSql

    # and queries.py's organisation and _path, change_queries.py's _suspended_rows

    def ancestors(self, org_id: str) -> list[OrganisationView]:
        path = self._path(org_id)
        if not path:
            return []
        ids = [i for i in path.strip("/").split("/")][:-1]
        if not ids:  # a root: nothing above it (and `IN ()` is not SQL PostgreSQL accepts)
            return []
        marks = ",".join(self.sql.placeholder for _ in ids)
        by_id = {r["id"]: organisation_view(r)
                 for r in self.db.query(self.sql.organisations.format(ids=marks), ids)}
        return [by_id[i] for i in ids if i in by_id]

    def roots(self) -> list[OrganisationView]:
        return [organisation_view(r) for r in self.db.query(self.sql.roots)]

    def organisation_tree(self, root_id: str, as_of: date | None = None) -> TreeNode | None:
        """The subtree under root_id with member counts by status: now, or as of a past date."""
        if as_of is None:
            return self._tree_now(root_id)
        return self._tree_as_of(root_id, as_of)

    def _tree_now(self, root_id: str) -> TreeNode | None:
        path = self._path(root_id)
        if path is None:
            return None
        rows = self.db.query(self.sql.active_subtree, subtree_bounds(path))
        if not rows or rows[0]["id"] != root_id:
            root = self.organisation(root_id)
            return TreeNode(root, {}, {}) if root else None
        counts = [*self.db.query(self.sql.subtree_counts, subtree_bounds(path)),
                  *self._suspended_rows(path=path)]
        return _assemble([organisation_view(r) for r in rows], counts, root_id,
                         {r["id"]: r["name_key"] for r in rows})

    def _tree_as_of(self, root_id: str, as_of: date) -> TreeNode | None:
        day = as_of.isoformat()
        versions = self.db.query(self.sql.versions_as_of, (day, day))
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
        counts = [*self.db.query(self.sql.counts_as_of, (day, day)),
                  *self._suspended_rows(day=as_of)]
        return _assemble(keep, counts, root_id, {o.id: vietnamese_key(o.name) for o in keep})


def _assemble(orgs: list[OrganisationView], counts: list[Any], root_id: str,
              name_keys: dict[str, str]) -> TreeNode:
    """The tree with own and subtree counts; children in Vietnamese order of `name_keys`."""
    own: dict[str, dict[str, int]] = {}  # plain dicts: Counters cost more than the SQL here
    for r in counts:
        statuses = own.setdefault(r["organisation_id"], {})
        statuses[r["status"]] = statuses.get(r["status"], 0) + r["n"]
    nodes = {o.id: tree_node(o, dict(own.get(o.id, {}))) for o in orgs}
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
