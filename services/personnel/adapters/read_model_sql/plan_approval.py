"""plan_approvals in SQL that SQLite and PostgreSQL both speak (placeholders aside)."""

from __future__ import annotations

from dataclasses import fields, replace

from ...application.plan_approval_read_model import PlanApprovalSql

_COLUMNS = ("plan_id, managing_organisation_id, cycle, approved_on, approval, entries, "
            "last_reviewed_year")

SQLITE = PlanApprovalSql(
    ddl="""
CREATE TABLE IF NOT EXISTS ps_plan_approvals (plan_id TEXT PRIMARY KEY,
  managing_organisation_id TEXT NOT NULL, cycle TEXT NOT NULL, approved_on TEXT NOT NULL,
  approval TEXT NOT NULL, entries TEXT NOT NULL, last_reviewed_year INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ps_plan_approvals_org ON ps_plan_approvals (managing_organisation_id)
""",
    approve="INSERT INTO ps_plan_approvals (plan_id, managing_organisation_id, cycle, "
            "last_reviewed_year, approved_on, approval, entries) VALUES (?, ?, ?, ?, ?, ?, ?)",
    review="UPDATE ps_plan_approvals SET last_reviewed_year = ? WHERE plan_id = ?",
    plan=f"SELECT {_COLUMNS} FROM ps_plan_approvals "
         "WHERE managing_organisation_id = ? AND cycle = ?",
    plans_of=f"SELECT {_COLUMNS} FROM ps_plan_approvals WHERE managing_organisation_id = ? "
             "ORDER BY cycle",
)

POSTGRES = replace(SQLITE, **{f.name: getattr(SQLITE, f.name).replace("?", "%s")
                              for f in fields(SQLITE)})
PLAN_APPROVAL_SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
