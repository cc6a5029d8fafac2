"""organisation_paths: the organisation tree as meetings sees it, with materialised paths for
subtree questions. A merged organisation is placed under the one that absorbed it, so its
meetings keep counting in the survivor's subtree."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kit.envelope import Envelope
from kit.text import vietnamese_key

from .. import membership_view as v
from ..membership_view import SOURCE
from .membership_view_projection import MembershipViewProjection


@dataclass(frozen=True)
class OrganisationPathsSql:
    """organisation_paths' statements, written out once per SQL dialect (adapters)."""

    ddl: str  # mt_organisations and its path index
    path_of: str  # (id) -> path
    insert: str  # (id, name, name_key, type, parent_id, path, established_on): an active one
    rename: str  # (name, name_key, id)
    active_children: str  # (parent_id) -> id
    move_subtree: str  # (new path, old path's length + 1, old path's length, old path)
    set_parent: str  # (parent_id, id)
    merge: str  # (merged_into, ended_on, id)
    dissolve: str  # (ended_on, id)
    merged_into: str  # (id) -> merged_into


class OrganisationPaths(MembershipViewProjection):
    name = "organisation_paths"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 2  # a parent merged before its child's creation was entered: the survivor
    tables = ("mt_organisations",)

    def __init__(self, sql: OrganisationPathsSql, source: str = SOURCE) -> None:
        super().__init__(source)
        self.sql = sql
        self.ddl = sql.ddl

    def on_OrganisationCreated(self, ev: v.OrganisationCreated, env: Envelope,
                               db: sqlite3.Connection) -> None:
        path = f"/{ev.organisation_id}/"
        parent_id = self._survivor(db, ev.parent_id) if ev.parent_id else None
        if parent_id:
            (parent,) = db.execute(self.sql.path_of, (parent_id,)).fetchone()
            path = parent + ev.organisation_id + "/"
        db.execute(self.sql.insert, (ev.organisation_id, ev.name, vietnamese_key(ev.name),
                                     ev.type, parent_id, path, ev.established_on.isoformat()))

    def _survivor(self, db: sqlite3.Connection, org_id: str) -> str:
        """Whoever holds org_id's place now: a creation or move dated before a merge may be
        entered after it."""
        for _ in range(20):
            row = db.execute(self.sql.merged_into, (org_id,)).fetchone()
            if not row or not row[0]:
                return org_id
            org_id = row[0]
        return org_id

    def on_OrganisationRenamed(self, ev: v.OrganisationRenamed, env, db) -> None:
        db.execute(self.sql.rename, (ev.name, vietnamese_key(ev.name), ev.organisation_id))

    def on_OrganisationMoved(self, ev: v.OrganisationMoved, env, db) -> None:
        self._reparent(db, ev.organisation_id, self._survivor(db, ev.to_parent_id))

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        children = db.execute(self.sql.active_children, (ev.organisation_id,)).fetchall()
        for (child,) in children:
            self._reparent(db, child, ev.into_organisation_id)
        self._reparent(db, ev.organisation_id, ev.into_organisation_id)
        db.execute(self.sql.merge, (ev.into_organisation_id, ev.effective_on.isoformat(),
                                    ev.organisation_id))

    def on_OrganisationDissolved(self, ev: v.OrganisationDissolved, env, db) -> None:
        db.execute(self.sql.dissolve, (ev.effective_on.isoformat(), ev.organisation_id))

    handlers = {
        v.OrganisationCreated: on_OrganisationCreated,
        v.OrganisationRenamed: on_OrganisationRenamed,
        v.OrganisationMoved: on_OrganisationMoved,
        v.OrganisationMerged: on_OrganisationMerged,
        v.OrganisationDissolved: on_OrganisationDissolved,
    }

    def _reparent(self, db: sqlite3.Connection, org_id: str, new_parent_id: str) -> None:
        (old_path,) = db.execute(self.sql.path_of, (org_id,)).fetchone()
        (parent_path,) = db.execute(self.sql.path_of, (new_parent_id,)).fetchone()
        new_path = parent_path + org_id + "/"
        db.execute(self.sql.move_subtree, (new_path, len(old_path) + 1, len(old_path), old_path))
        db.execute(self.sql.set_parent, (new_parent_id, org_id))
