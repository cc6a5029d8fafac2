"""organisation_paths: the organisation tree as meetings sees it, with materialised paths for
subtree questions. A merged organisation is placed under the one that absorbed it, so its
meetings keep counting in the survivor's subtree."""

from __future__ import annotations

import sqlite3

from kit.envelope import Envelope
from kit.text import vietnamese_key

from .. import membership_view as v
from .membership_view_projection import MembershipViewProjection


class OrganisationPaths(MembershipViewProjection):
    name = "organisation_paths"
    tables = ("mt_organisations",)
    ddl = """
    CREATE TABLE IF NOT EXISTS mt_organisations (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        name_key       TEXT NOT NULL COLLATE BINARY,
        type           TEXT NOT NULL,
        parent_id      TEXT,
        path           TEXT NOT NULL,
        status         TEXT NOT NULL,
        merged_into    TEXT,
        established_on TEXT NOT NULL,
        ended_on       TEXT
    );
    CREATE INDEX IF NOT EXISTS mt_organisations_path ON mt_organisations (path)
    """

    def on_OrganisationCreated(self, ev: v.OrganisationCreated, env: Envelope,
                               db: sqlite3.Connection) -> None:
        path = f"/{ev.organisation_id}/"
        if ev.parent_id:
            (parent,) = db.execute("SELECT path FROM mt_organisations WHERE id = ?",
                                   (ev.parent_id,)).fetchone()
            path = parent + ev.organisation_id + "/"
        db.execute("INSERT INTO mt_organisations VALUES (?, ?, ?, ?, ?, ?, 'active', NULL, ?, "
                   "NULL)", (ev.organisation_id, ev.name, vietnamese_key(ev.name), ev.type,
                             ev.parent_id, path, ev.established_on.isoformat()))

    def on_OrganisationRenamed(self, ev: v.OrganisationRenamed, env, db) -> None:
        db.execute("UPDATE mt_organisations SET name = ?, name_key = ? WHERE id = ?",
                   (ev.name, vietnamese_key(ev.name), ev.organisation_id))

    def on_OrganisationMoved(self, ev: v.OrganisationMoved, env, db) -> None:
        _reparent(db, ev.organisation_id, ev.to_parent_id)

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        children = db.execute("SELECT id FROM mt_organisations WHERE parent_id = ? "
                              "AND status = 'active'", (ev.organisation_id,)).fetchall()
        for (child,) in children:
            _reparent(db, child, ev.into_organisation_id)
        _reparent(db, ev.organisation_id, ev.into_organisation_id)
        db.execute("UPDATE mt_organisations SET status = 'merged', merged_into = ?, ended_on = ? "
                   "WHERE id = ?", (ev.into_organisation_id, ev.effective_on.isoformat(),
                                    ev.organisation_id))

    def on_OrganisationDissolved(self, ev: v.OrganisationDissolved, env, db) -> None:
        db.execute("UPDATE mt_organisations SET status = 'dissolved', ended_on = ? WHERE id = ?",
                   (ev.effective_on.isoformat(), ev.organisation_id))

    handlers = {
        v.OrganisationCreated: on_OrganisationCreated,
        v.OrganisationRenamed: on_OrganisationRenamed,
        v.OrganisationMoved: on_OrganisationMoved,
        v.OrganisationMerged: on_OrganisationMerged,
        v.OrganisationDissolved: on_OrganisationDissolved,
    }


def _reparent(db: sqlite3.Connection, org_id: str, new_parent_id: str) -> None:
    (old_path,) = db.execute("SELECT path FROM mt_organisations WHERE id = ?",
                             (org_id,)).fetchone()
    (parent_path,) = db.execute("SELECT path FROM mt_organisations WHERE id = ?",
                                (new_parent_id,)).fetchone()
    new_path = parent_path + org_id + "/"
    db.execute("UPDATE mt_organisations SET path = ? || substr(path, ?) "
               "WHERE substr(path, 1, ?) = ?",
               (new_path, len(old_path) + 1, len(old_path), old_path))
    db.execute("UPDATE mt_organisations SET parent_id = ? WHERE id = ?", (new_parent_id, org_id))
