"""member_counts: each organisation's members by status, kept by triggers on the members table
(SQLite and PostgreSQL), equal to counting the members, live and after a rebuild."""

from __future__ import annotations

from datetime import date

import pytest

from services.membership.domain import commands as c

from .conftest import embedded_on
from .test_rebuild import rich_history

COUNTED = ("SELECT organisation_id, status, COUNT(*) FROM members "
           "GROUP BY organisation_id, status ORDER BY 1, 2")
KEPT = "SELECT organisation_id, status, n FROM member_counts ORDER BY 1, 2"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.infra)])
def app(request, tmp_path, clock, other_province):
    """conftest's `app` on each read-model database (its `membership` drives this one)."""
    with embedded_on(request.param, tmp_path, clock,
                     peers=other_province.peers_of("NB", tmp_path)) as embedded:
        yield embedded


def kept_and_counted(app) -> tuple[list, list]:
    app.settle()
    with app.read_db.transaction() as conn:
        return ([tuple(r) for r in conn.execute(KEPT).fetchall()],
                [tuple(r) for r in conn.execute(COUNTED).fetchall()])


def test_member_counts_follow_every_change_live_and_equal_them_after_a_rebuild(app, membership):
    """Merges, transfers, deaths, leaving and rejoining the rolls, members between provinces;
    a rebuild loads the members with the triggers off and counts once, and the triggers are
    back for what comes after it."""
    history = rich_history(membership)
    kept, counted = kept_and_counted(app)
    assert len(kept) > 5 and kept == counted

    app.runner.rebuild(["members"])
    assert kept_and_counted(app) == (kept, counted)

    membership.run(c.RecordMemberDeath(history["duc"], date(2026, 11, 20)))
    kept_after, counted_after = kept_and_counted(app)
    assert kept_after == counted_after != counted
