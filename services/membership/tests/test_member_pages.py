"""A member list's pages on each read-model database (SQLite, and PostgreSQL where it runs):
found from the subtree's organisations and sorted, or, where most members match, walked in
name order (MembershipQueries.NAME_WALK_FROM) — the same pages, totals and cursors."""

from __future__ import annotations

from datetime import date

import pytest

from services.membership.domain import commands as c

from .conftest import embedded_on

NAMES = ["Nguyễn Văn An", "Trần Thị Anh", "Lê Văn Ánh", "Phạm Văn Bình", "Hoàng Thị Chi",
         "Nguyễn Văn Dũng", "Đỗ Văn Đức", "Bùi Thị Hà", "Nguyễn Thị Hoa", "Vũ Văn Tám"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.infra)])
def app(request, tmp_path, clock):
    with embedded_on(request.param, tmp_path, clock) as embedded:
        yield embedded


@pytest.fixture
def roll(membership, tree) -> dict[str, str]:
    """Ten members over the commune's two branches, one of them exempt, one probationary."""
    ids = {name: membership.official(tree["branch" if i % 3 else "other_branch"], name,
                                     gender="female" if " Thị " in name else "male")
           for i, name in enumerate(NAMES)}
    ids["Đặng Thị Yến"] = membership.probationary(tree["other_branch"], "Đặng Thị Yến")
    membership.exempt(ids["Bùi Thị Hà"], date(2026, 1, 5), "weak_health")
    return ids


def _paged(queries, org: str, first: int, **filters) -> list[tuple]:
    """Every page of a member list, followed through its cursors: ids, total, has_next, cursor."""
    pages, after = [], None
    while True:
        page = queries.members(org, first=first, after=after, **filters)
        pages.append(([m.id for m in page.items], page.total, page.has_next, page.end_cursor))
        if not page.has_next:
            return pages
        after = page.end_cursor


def _recorded(membership, monkeypatch) -> tuple[object, list[str]]:
    """The queries under read-your-writes, and the statements they run from now on."""
    inner = membership.queries._target
    ran: list[str] = []
    query = inner.db.query
    monkeypatch.setattr(inner.db, "query", lambda sql, *a: ran.append(sql) or query(sql, *a))
    return inner, ran


@pytest.mark.parametrize("filters", [{}, {"gender": "female"}, {"statuses": ["official"]},
                                     {"name_contains": "van"}, {"exempt": False}])
def test_a_page_walked_in_name_order_is_the_page_sorted_from_the_subtree(
        membership, tree, roll, monkeypatch, filters):
    inner, ran = _recorded(membership, monkeypatch)
    monkeypatch.setattr(inner, "NAME_WALK_FROM", 10**9)  # found from the subtree, then sorted
    sorted_first = _paged(membership.queries, tree["province"], 1, **filters)
    assert not any("EXISTS" in sql for sql in ran)
    monkeypatch.setattr(inner, "NAME_WALK_FROM", 0)
    ran.clear()

    walked = _paged(membership.queries, tree["province"], 1, **filters)

    assert walked == sorted_first
    assert inner.sql.members_size in ran
    assert any("EXISTS" in sql for sql in ran)  # the walk was asked for, where the size says so


def test_the_walk_keeps_vietnamese_name_order_across_branches(membership, tree, roll,
                                                             monkeypatch):
    inner, _ = _recorded(membership, monkeypatch)
    monkeypatch.setattr(inner, "NAME_WALK_FROM", 0)
    names = {v: k for k, v in roll.items()}

    ids = [i for ids, *_ in _paged(membership.queries, tree["province"], 1) for i in ids]

    # by given name, whichever branch keeps them: An, Anh, Ánh, Bình, …, Tám, Yến
    assert [names[i] for i in ids] == [*NAMES, "Đặng Thị Yến"]


def test_a_small_subtree_is_sorted_without_asking_the_members_size(membership, tree, roll,
                                                                   monkeypatch):
    inner, ran = _recorded(membership, monkeypatch)

    membership.queries.members(tree["branch"], first=2)

    assert inner.sql.members_size not in ran
    assert [sql for sql in ran if "LIMIT" in sql] == [inner.sql.members_page.format(
        where=" AND ".join([inner.sql.in_subtree, inner.sql.status_in.format(
            names=",".join(inner.sql.named.format(f"s{i}") for i in range(2)))]))]


@pytest.mark.parametrize("statuses", [None, ["official"], ["probationary", "deceased"],
                                      ["applicant"]])
def test_a_list_by_subtree_and_status_counts_what_its_pages_hold(membership, tree, roll,
                                                                 statuses):
    """Its total comes from the counts kept per organisation and status, not from the rows."""
    membership.transfer(roll["Vũ Văn Tám"], tree["branch"], date(2026, 2, 2))
    membership.run(c.RecordMemberDeath(roll["Nguyễn Văn An"], date(2026, 1, 5)))
    for org in (tree["province"], tree["commune"], tree["branch"], tree["other_branch"]):
        pages = _paged(membership.queries, org, 3, statuses=statuses)
        listed = sum(len(ids) for ids, *_ in pages)

        assert {total for _, total, *_ in pages} == {listed}, (org, statuses)
