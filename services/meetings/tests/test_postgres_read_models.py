"""On PostgreSQL the meetings read models, built from the same two logs with the statements
written out for it, hold the rows SQLite holds and answer every query the same, order included."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest

from kit.postgres.readmodel import PgReadModelDb
from kit.testing.services import require_env
from partyorg.embedded import build_service
from services.meetings.declaration import DECLARATION as MEETINGS
from services.membership.domain import commands as c

pytestmark = pytest.mark.infra
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def pg_schema():
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    schema = f"mt_{uuid.uuid4().hex[:10]}_rm"
    yield dsn, schema
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def dump(service) -> dict[str, list[tuple]]:
    """Every row of every read-model table, in one order for both databases."""
    with service.read_db.transaction() as conn:
        return {f"{p.name}.{table}": sorted(tuple(r) for r in rows)
                for p in service.runner.projections for table, rows in p.dump(conn).items()}


def moved_subtree(world, tree: dict[str, str]) -> list[str]:
    """A company's party committee, with a branch that met, moved under the other commune."""
    unit = world.organisation("Đảng bộ Công ty Xi măng", "grassroots_committee", tree["province"])
    team = world.organisation("Chi bộ Phân xưởng Lò nung", "sub_branch", unit)
    world.official(team, "Phạm Văn Khánh")
    world.hold(team, date(2026, 9, 8))
    world.member_command(c.MoveOrganisation(unit, tree["other_commune"], date(2026, 10, 1)))
    return [unit, team]


def answers(queries, scopes: list[str], busy: dict[str, str]) -> dict[str, object]:
    """What every query answers about the busy year, by query and arguments."""
    out: dict[str, object] = {}
    for scope in scopes:
        out[f"organisation {scope}"] = queries.organisation(scope)
        out[f"organisation_info {scope}"] = queries.organisation_info(scope)
        out[f"roster {scope}"] = queries.roster(scope)
        out[f"summons_for {scope}"] = queries.summons_for(scope)
        out[f"is_within {scope}"] = [queries.is_within(scope, s) for s in scopes]
        out[f"meetings {scope}"] = queries.meetings(scope)
        out[f"attendance_rate {scope}"] = queries.attendance_rate(scope, *YEAR)
        out[f"attendance_by_branch {scope}"] = queries.attendance_by_branch(scope, *YEAR)
        out[f"attendance_by_member {scope}"] = queries.attendance_by_member(scope, *YEAR)
        out[f"unexcused_absentees {scope}"] = queries.unexcused_absentees(scope, 2026)
        out[f"removal_grounds {scope}"] = queries.removal_grounds(scope, 2026)
        out[f"missed_monthly {scope}"] = queries.missed_monthly_meetings(scope, *YEAR)
        out[f"missed_thematic {scope}"] = queries.missed_thematic_meetings(scope, *YEAR)
        out[f"cadres {scope}"] = queries.superior_cadre_attendance(scope, *YEAR)
        out[f"materials_issues {scope}"] = queries.materials_issues(scope, *YEAR)
        out[f"short_meetings {scope}"] = queries.short_meetings(scope, *YEAR)
    province = scopes[0]
    pages, after = [], None
    while True:  # two at a time: the cursor's statement too
        page = queries.meetings(province, first=2, after=after)
        pages.append(page)
        if not page.has_next:
            break
        after = page.end_cursor
    out["meetings pages"] = pages
    out["meetings filtered"] = queries.meetings(province, from_=date(2026, 4, 1),
                                                to=date(2026, 6, 30),
                                                statuses=["minutes_closed", "cancelled"])
    for page in pages:
        for m in page.items:
            out[f"meeting {m.id}"] = queries.meeting(m.id)
    for name, member in busy.items():
        if name in ("an", "dung"):
            out[f"member_attendance {name}"] = queries.member_attendance(member, *YEAR)
    for source in ("store", "membership.events"):
        out[f"applied_position {source}"] = queries.applied_position(source)
    return out


def test_postgres_read_models_equal_the_embedded_ones_and_answer_the_same(
        world, tree, busy_year, tmp_path, pg_schema):
    dsn, schema = pg_schema
    scopes = [tree["province"], tree["commune"], tree["other_commune"], tree["branch"],
              tree["far_branch"], *moved_subtree(world, tree)]
    world.meetings.settle()
    pg = build_service(MEETINGS, tmp_path / "pg", clock=world.clock,
                       followed={"membership": world.membership.store}, store=world.store,
                       read_db=PgReadModelDb(dsn, schema), catch_up_after_commands=False)
    try:
        assert pg.read_db.dialect == "postgres"
        live = dump(world.meetings)
        assert all(live.values()), "the scenario leaves a table empty"
        assert dump(pg) == live
        assert pg.runner.dead_letters() == []
        lite_answers = answers(world.queries, scopes, busy_year)
        assert answers(pg.queries, scopes, busy_year) == lite_answers
        assert len(lite_answers["meetings pages"]) > 2
        pg.runner.rebuild()  # the DDL again, tables first and indexes after
        assert dump(pg) == live
    finally:
        pg.read_db.close()
