"""organisation_tree: the current tree, with materialised paths for subtree questions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection
from kit.text import vietnamese_key

from ...domain import events as e


@dataclass(frozen=True)
class OrganisationTreeSql:
    """organisation_tree's statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # org_tree, name_key compared bytewise, and its indexes
    path_and_depth: str  # (id) -> path, depth
    insert: str  # (id, name, name_key, type, parent_id, path, depth, established_on): active
    rename: str  # (name, name_key, id)
    active_children: str  # (parent_id) -> id
    merge: str  # (merged_into, ended_on, id)
    dissolve: str  # (ended_on, id)
    move_paths: str  # (new path prefix, old path length + 1, depth shift, old path length,
    #                   old path): every path under the old one re-rooted
    set_parent: str  # (parent_id, id)
    merged_into: str  # (id) -> merged_into


class OrganisationTree(DecodingProjection):
    name = "organisation_tree"
    rebuild_weight = 0.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 3  # a parent merged before its child's creation was entered: the survivor
    tables = ("org_tree",)

    def __init__(self, codec: EventCodec, sql: OrganisationTreeSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_OrganisationCreated(self, ev: e.OrganisationCreated, env: Envelope,
                               db: sqlite3.Connection) -> None:
        path, depth = f"/{ev.organisation_id}/", 0
        parent_id = survivor(db, self.sql, ev.parent_id) if ev.parent_id else None
        if parent_id:
            parent = db.execute(self.sql.path_and_depth, (parent_id,)).fetchone()
            path, depth = parent[0] + ev.organisation_id + "/", parent[1] + 1
        db.execute(
            self.sql.insert,
            (ev.organisation_id, ev.name, vietnamese_key(ev.name), ev.type.value, parent_id,
             path, depth, ev.established_on.isoformat()),
        )

    def on_OrganisationRenamed(self, ev: e.OrganisationRenamed, env: Envelope,
                               db: sqlite3.Connection) -> None:
        db.execute(self.sql.rename, (ev.name, vietnamese_key(ev.name), ev.organisation_id))

    def on_OrganisationMoved(self, ev: e.OrganisationMoved, env: Envelope,
                             db: sqlite3.Connection) -> None:
        reparent(db, self.sql, ev.organisation_id, survivor(db, self.sql, ev.to_parent_id))

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env: Envelope,
                              db: sqlite3.Connection) -> None:
        children = db.execute(self.sql.active_children, (ev.organisation_id,)).fetchall()
        for (child,) in children:
            reparent(db, self.sql, child, ev.into_organisation_id)
        db.execute(self.sql.merge,
                   (ev.into_organisation_id, ev.effective_on.isoformat(), ev.organisation_id))

    def on_OrganisationDissolved(self, ev: e.OrganisationDissolved, env: Envelope,
                                 db: sqlite3.Connection) -> None:
        db.execute(self.sql.dissolve, (ev.effective_on.isoformat(), ev.organisation_id))

    handlers = {
        e.OrganisationCreated: on_OrganisationCreated,
        e.OrganisationRenamed: on_OrganisationRenamed,
        e.OrganisationMoved: on_OrganisationMoved,
        e.OrganisationMerged: on_OrganisationMerged,
        e.OrganisationDissolved: on_OrganisationDissolved,
    }


def reparent(db: sqlite3.Connection, sql: OrganisationTreeSql, org_id: str,
             new_parent_id: str) -> None:
    old_path, old_depth = db.execute(sql.path_and_depth, (org_id,)).fetchone()
    parent_path, parent_depth = db.execute(sql.path_and_depth, (new_parent_id,)).fetchone()
    new_path = parent_path + org_id + "/"
    shift = parent_depth + 1 - old_depth
    db.execute(sql.move_paths, (new_path, len(old_path) + 1, shift, len(old_path), old_path))
    db.execute(sql.set_parent, (new_parent_id, org_id))


def survivor(db: sqlite3.Connection, sql: OrganisationTreeSql, org_id: str) -> str:
    """The organisation now holding org_id's place: itself, or whoever it was merged into (a
    backdated creation or move under an organisation merged since is entered after the merge)."""
    for _ in range(20):
        row = db.execute(sql.merged_into, (org_id,)).fetchone()
        if not row or not row[0]:
            return org_id
        org_id = row[0]
    return org_id
