"""organisation_tree: the current tree, with materialised paths for subtree questions."""

from __future__ import annotations

import sqlite3

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection
from kit.text import vietnamese_key

from ...domain import events as e


class OrganisationTree(DecodingProjection):
    name = "organisation_tree"
    version = 2  # Vietnamese sort keys without NUL, compared bytewise
    tables = ("org_tree",)
    ddl = """
    CREATE TABLE IF NOT EXISTS org_tree (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        name_key       TEXT NOT NULL COLLATE BINARY,
        type           TEXT NOT NULL,
        parent_id      TEXT,
        path           TEXT NOT NULL,
        depth          INTEGER NOT NULL,
        status         TEXT NOT NULL,
        merged_into    TEXT,
        established_on TEXT NOT NULL,
        ended_on       TEXT
    );
    CREATE INDEX IF NOT EXISTS org_tree_path ON org_tree (path);
    CREATE INDEX IF NOT EXISTS org_tree_parent ON org_tree (parent_id, status)
    """

    def on_OrganisationCreated(self, ev: e.OrganisationCreated, env: Envelope,
                               db: sqlite3.Connection) -> None:
        path, depth = f"/{ev.organisation_id}/", 0
        if ev.parent_id:
            parent = db.execute("SELECT path, depth FROM org_tree WHERE id = ?",
                                (ev.parent_id,)).fetchone()
            path, depth = parent[0] + ev.organisation_id + "/", parent[1] + 1
        db.execute(
            "INSERT INTO org_tree VALUES (?,?,?,?,?,?,?,'active',NULL,?,NULL)",
            (ev.organisation_id, ev.name, vietnamese_key(ev.name), ev.type.value, ev.parent_id,
             path, depth, ev.established_on.isoformat()),
        )

    def on_OrganisationRenamed(self, ev: e.OrganisationRenamed, env: Envelope,
                               db: sqlite3.Connection) -> None:
        db.execute("UPDATE org_tree SET name = ?, name_key = ? WHERE id = ?",
                   (ev.name, vietnamese_key(ev.name), ev.organisation_id))

    def on_OrganisationMoved(self, ev: e.OrganisationMoved, env: Envelope,
                             db: sqlite3.Connection) -> None:
        reparent(db, ev.organisation_id, ev.to_parent_id)

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env: Envelope,
                              db: sqlite3.Connection) -> None:
        children = db.execute("SELECT id FROM org_tree WHERE parent_id = ? AND status = 'active'",
                              (ev.organisation_id,)).fetchall()
        for (child,) in children:
            reparent(db, child, ev.into_organisation_id)
        db.execute("UPDATE org_tree SET status = 'merged', merged_into = ?, ended_on = ?"
                   " WHERE id = ?",
                   (ev.into_organisation_id, ev.effective_on.isoformat(), ev.organisation_id))

    def on_OrganisationDissolved(self, ev: e.OrganisationDissolved, env: Envelope,
                                 db: sqlite3.Connection) -> None:
        db.execute("UPDATE org_tree SET status = 'dissolved', ended_on = ? WHERE id = ?",
                   (ev.effective_on.isoformat(), ev.organisation_id))

    handlers = {
        e.OrganisationCreated: on_OrganisationCreated,
        e.OrganisationRenamed: on_OrganisationRenamed,
        e.OrganisationMoved: on_OrganisationMoved,
        e.OrganisationMerged: on_OrganisationMerged,
        e.OrganisationDissolved: on_OrganisationDissolved,
    }


def reparent(db: sqlite3.Connection, org_id: str, new_parent_id: str) -> None:
    old_path, old_depth = db.execute("SELECT path, depth FROM org_tree WHERE id = ?",
                                     (org_id,)).fetchone()
    parent_path, parent_depth = db.execute("SELECT path, depth FROM org_tree WHERE id = ?",
                                           (new_parent_id,)).fetchone()
    new_path = parent_path + org_id + "/"
    shift = parent_depth + 1 - old_depth
    db.execute(
        "UPDATE org_tree SET path = ? || substr(path, ?), depth = depth + ? "
        "WHERE substr(path, 1, ?) = ?",
        (new_path, len(old_path) + 1, shift, len(old_path), old_path),
    )
    db.execute("UPDATE org_tree SET parent_id = ? WHERE id = ?", (new_parent_id, org_id))
