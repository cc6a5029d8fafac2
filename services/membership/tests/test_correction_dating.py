"""A correction is a dated fact too (domain/dated.py): a corrected admission or official date
moves the member's status on the dates between, in the file and in tree_as_of (both dialects)."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from kit.postgres.readmodel import PgReadModelDb
from kit.testing.leftovers import new_tag
from kit.testing.services import require_env
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c
from services.membership.domain.member import Member
from services.membership.domain.values import MemberStatus

from .conftest import MembershipDriver


@pytest.fixture(params=["sqlite", "postgres"])
def membership(request, tmp_path, clock):
    schema = None
    if request.param == "postgres":
        dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
        schema = f"cd_{new_tag()}"
        app = build_service(MEMBERSHIP, tmp_path, clock=clock, read_db=PgReadModelDb(dsn, schema))
    else:
        app = build_service(MEMBERSHIP, tmp_path, clock=clock)
    yield MembershipDriver(app)
    app.close()
    if schema:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def correcting(member: str, field: str, value: str) -> c.CorrectMemberFile:
    return c.CorrectMemberFile(member, field, value, "Ghi sai ngày quyết định",
                               "Bản sao quyết định 123-QĐ/HU")


def status_then(m, branch: str, member: str, day: date) -> str | None:
    page = m.queries.members_as_of(branch, day, first=200)
    return {view.id: status for view, status in page.items}.get(member)


def test_a_corrected_admission_date_moves_the_probationary_status_then(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    member = membership.application(tree["branch"], sponsors, submitted_on=date(2026, 8, 3))
    membership.admit(member, date(2026, 11, 16), considered_on=date(2026, 9, 1))
    # members_as_of lists the rolls: an applicant is not on them
    assert status_then(membership, tree["branch"], member, date(2026, 10, 15)) is None

    membership.run(correcting(member, "admitted_on", "2026-10-01"))

    file = membership.service.repo.load(Member, member)
    assert file.status_on(date(2026, 9, 30)) is MemberStatus.APPLICANT
    assert file.status_on(date(2026, 10, 1)) is MemberStatus.PROBATIONARY
    assert status_then(membership, tree["branch"], member, date(2026, 10, 15)) == "probationary"
    assert status_then(membership, tree["branch"], member, date(2026, 9, 30)) is None


def test_a_corrected_official_date_moves_the_official_status_then(membership, tree):
    member = membership.probationary(tree["branch"], admitted_on=date(2025, 9, 10))
    membership.recognise(member, date(2026, 10, 1))
    assert status_then(membership, tree["branch"], member, date(2026, 9, 15)) == "official"

    membership.run(correcting(member, "official_from", "2026-09-20"))

    file = membership.service.repo.load(Member, member)
    assert file.status_on(date(2026, 9, 15)) is MemberStatus.PROBATIONARY
    assert file.status_on(date(2026, 9, 20)) is MemberStatus.OFFICIAL
    assert status_then(membership, tree["branch"], member, date(2026, 9, 15)) == "probationary"
    assert status_then(membership, tree["branch"], member, date(2026, 9, 20)) == "official"


def test_a_correction_is_a_fact_of_its_own_that_blocks_no_backdated_fact(membership, tree):
    member = membership.official(tree["branch"], "Phạm Văn Hùng")
    membership.run(correcting(member, "admitted_on", "2000-02-01"))

    file = membership.service.repo.load(Member, member)
    assert (file.facts.facts[-1].name, file.facts.facts[-1].on) == (
        "MemberFileCorrected", membership.today)
    assert file.facts.entered_on == date(2000, 2, 1)  # the file covers the corrected admission
    # a transfer, then a death, dated before the correction are still taken
    membership.transfer(member, tree["other_branch"], date(2026, 10, 1))
    assert membership.queries.member(member).organisation_id == tree["other_branch"]
    membership.run(c.RecordMemberDeath(member, date(2026, 10, 20)))
    assert membership.queries.member(member).status == "deceased"
