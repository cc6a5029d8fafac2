"""transfers_between_provinces' statements per dialect (projections/province_transfers.py)."""

from __future__ import annotations

from ...application.projections.province_transfers import ProvinceTransfersSql

_DDL = """
CREATE TABLE IF NOT EXISTS transfers_between_provinces (
    transfer_id           TEXT PRIMARY KEY,
    direction             TEXT NOT NULL,
    member_id             TEXT NOT NULL,
    from_province         TEXT NOT NULL,
    to_province           TEXT NOT NULL,
    organisation_id       TEXT NOT NULL,
    other_organisation_id TEXT NOT NULL,
    letter_number         TEXT NOT NULL,
    issued_on             TEXT NOT NULL,
    present_by            TEXT NOT NULL,
    state                 TEXT NOT NULL,
    closed_on             TEXT,
    global_position       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS transfers_between_provinces_org
    ON transfers_between_provinces (organisation_id, issued_on)
"""
_OF_SUBTREE = ("SELECT t.* FROM transfers_between_provinces t "
               "WHERE t.organisation_id IN (SELECT id FROM org_tree WHERE path >= {p} "
               "COLLATE {binary} AND path < {p} COLLATE {binary}) "
               "OR ({p} = 1 AND t.organisation_id NOT IN (SELECT id FROM org_tree)) "
               "ORDER BY t.issued_on, t.transfer_id")
_CLOSE = ("UPDATE transfers_between_provinces SET state = {p}, closed_on = {p}, "
          "organisation_id = COALESCE({p}, organisation_id) WHERE transfer_id = {p}")

SQL = {
    "sqlite": ProvinceTransfersSql(
        ddl=_DDL,
        open="INSERT INTO transfers_between_provinces VALUES "
             "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (transfer_id) DO NOTHING",
        close=_CLOSE.format(p="?"),
        of_subtree=_OF_SUBTREE.format(p="?", binary="BINARY"),
    ),
    "postgres": ProvinceTransfersSql(
        ddl=_DDL,
        open="INSERT INTO transfers_between_provinces VALUES "
             "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, NULL, %s) "
             "ON CONFLICT (transfer_id) DO NOTHING",
        close=_CLOSE.format(p="%s"),
        of_subtree=_OF_SUBTREE.format(p="%s", binary='"C"'),
    ),
}
