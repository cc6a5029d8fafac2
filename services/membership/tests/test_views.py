"""Views built from read-model rows are the objects their constructors make (views._made)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from datetime import date

import pytest

from services.membership.application.views import (
    MemberView,
    OrganisationView,
    TreeNode,
    member_view,
    organisation_view,
    tree_node,
)

MEMBER_ROW = {
    "id": "m-1", "organisation_id": "b-1", "full_name": "Nguyễn Thị Hoà", "name_key": "k",
    "search_name": "nguyen thi hoa", "gender": "female", "date_of_birth": "1990-02-03",
    "ethnicity": "Kinh", "hometown": "Ninh Bình", "citizen_id": "037190000001",
    "education": "upper_secondary", "political_theory": "elementary", "occupation": "Giáo viên",
    "qualification": "university", "status": "official", "exempt": 1,
    "temporary_organisation_id": "b-2", "temporary_until": "2026-06-30",
    "submitted_on": "2015-01-05", "admitted_on": "2015-05-19", "first_admitted_on": None,
    "ceremony_on": "2015-06-01", "probation_ends_on": "2016-06-01",
    "official_from": "2016-06-01", "card_number": "037-123", "left_on": None,
    "last_disciplined": None, "suspended": 1, "suspended_on": "2026-03-01",
    "transit_to_organisation_id": "b-3", "transit_present_by": "2026-04-15",
    "updated_position": 7,
}


def _rows(row: dict) -> list[object]:
    """The row as a mapping (PostgreSQL's) and as an sqlite3.Row (SQLite's)."""
    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    names = ", ".join(f"? AS {name}" for name in row)
    return [row, db.execute(f"SELECT {names}", tuple(row.values())).fetchone()]


def _same(made: object, built: object) -> None:
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert set(vars(made)) == {f.name for f in fields(type(built))}


@pytest.mark.parametrize("today, away", [(date(2026, 5, 1), "b-2"), (date(2026, 7, 1), None)])
def test_a_member_view_is_the_member_its_constructor_makes(today, away):
    expected = MemberView(
        id="m-1", organisation_id="b-1", full_name="Nguyễn Thị Hoà", gender="female",
        date_of_birth=date(1990, 2, 3), ethnicity="Kinh", hometown="Ninh Bình",
        citizen_id="037190000001", education="upper_secondary", political_theory="elementary",
        occupation="Giáo viên", qualification="university", status="official", exempt=True,
        temporary_organisation_id=away, temporary_until=date(2026, 6, 30),
        submitted_on=date(2015, 1, 5), admitted_on=date(2015, 5, 19), first_admitted_on=None,
        ceremony_on=date(2015, 6, 1), probation_ends_on=date(2016, 6, 1),
        official_from=date(2016, 6, 1), card_number="037-123", left_on=None, suspended=True,
        suspended_on=date(2026, 3, 1), in_transit_to_organisation_id="b-3",
        transit_present_by=date(2026, 4, 15), temporary_transfer_overdue=away is None)
    for row in _rows(MEMBER_ROW):
        _same(member_view(row, today), expected)


def test_an_organisation_view_is_the_organisation_its_constructor_makes():
    row = {"id": "o-1", "name": "Đảng bộ xã Yên Thái", "type": "commune", "parent_id": "o-0",
           "depth": 2, "status": "active", "merged_into": None, "established_on": "1975-01-01",
           "ended_on": "2025-07-01", "path": "/o-0/o-1/", "name_key": "k"}
    expected = OrganisationView("o-1", "Đảng bộ xã Yên Thái", "commune", "o-0", 2, "active",
                                None, date(1975, 1, 1), date(2025, 7, 1))
    for r in _rows(row):
        _same(organisation_view(r), expected)


def test_a_tree_node_starts_as_its_constructor_makes_it():
    organisation = OrganisationView("o-1", "Chi bộ thôn Bình Hải", "branch", None, 0, "active",
                                    None, date(1990, 1, 1), None)
    made = tree_node(organisation, {"official": 3})

    assert made == TreeNode(organisation, {"official": 3}, {}) and made.children == []
    assert set(vars(made)) == {f.name for f in fields(TreeNode)}


@pytest.mark.parametrize("view", [MemberView, OrganisationView, TreeNode])
def test_views_made_from_rows_have_nothing_their_constructor_would_run(view):
    """No __post_init__ to skip and no slots: _made fills the object's __dict__ directly."""
    assert not hasattr(view, "__post_init__") and "__slots__" not in vars(view)

