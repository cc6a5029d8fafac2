"""The GraphQL objects a page or a tree is made of (kit.made) are the objects their
constructors make: the same fields, values, equality and repr."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest
import strawberry

from services.membership.application.views import member_view, organisation_view, tree_node
from services.membership.graphql.types import (
    Member,
    Organisation,
    OrganisationStatus,
    OrganisationTreeNode,
    StatusCounts,
)

from .test_views import MEMBER_ROW

ORGANISATION_ROW = {
    "id": "o-1", "name": "Đảng bộ xã Yên Thái", "type": "commune_committee", "parent_id": "o-0",
    "depth": 2, "status": "merged", "merged_into": "o-9", "established_on": "1975-01-01",
    "ended_on": "2025-07-01", "path": "/o-0/o-1/", "name_key": "k"}


def _same(made: object, built: object) -> None:
    assert made == built and repr(made) == repr(built)
    assert vars(made) == vars(built)  # what the constructor set, no more and no less


def test_a_member_is_the_member_its_constructor_makes():
    view = member_view(MEMBER_ROW, date(2026, 5, 1))
    built = Member(**{**vars(view), "gender": Member.from_view(view).gender,
                      "education": Member.from_view(view).education,
                      "political_theory": Member.from_view(view).political_theory,
                      "status": Member.from_view(view).status})

    _same(Member.from_view(view), built)
    assert Member.from_view(view).status.value == "official"
    assert {f.name for f in fields(Member) if f.init} == set(vars(view))  # no more, no less


def test_an_organisation_is_the_organisation_its_constructor_makes():
    view = organisation_view(ORGANISATION_ROW)
    made = Organisation.from_view(view)
    built = Organisation(id=strawberry.ID("o-1"), name="Đảng bộ xã Yên Thái", type=made.type,
                         parent_id="o-0", depth=2, status=OrganisationStatus.MERGED,
                         merged_into_id="o-9", established_on=date(1975, 1, 1),
                         ended_on=date(2025, 7, 1))

    _same(made, built)
    assert made.type.value == "commune_committee"


@pytest.mark.parametrize("counts", [
    {}, {"official": 3, "probationary": 1, "suspended": 1},
    {"applicant": 2, "deceased": 1, "transferred_out": 4, "removed_from_rolls": 5},
    {"official": 2, "a_status_not_shown": 7},  # left out, as the constructor's keywords did
])
def test_status_counts_are_the_counts_their_constructor_makes(counts):
    names = [f.name for f in fields(StatusCounts) if f.init]
    built = StatusCounts(**{n: counts.get(n, 0) for n in names})

    _same(StatusCounts.from_counts(counts), built)
    assert StatusCounts.from_counts(counts).on_rolls() == counts.get("official", 0) + \
        counts.get("probationary", 0)


def test_a_tree_node_is_the_node_its_constructor_makes():
    root = tree_node(organisation_view(ORGANISATION_ROW), {"official": 3})
    child = tree_node(organisation_view({**ORGANISATION_ROW, "id": "o-2"}), {"official": 1})
    root.children.append(child)
    root.subtree_counts.update({"official": 4})

    made = OrganisationTreeNode.from_node(root)
    built = OrganisationTreeNode(
        organisation=Organisation.from_view(root.organisation), level=0,
        own_counts=StatusCounts.from_counts({"official": 3}),
        subtree_counts=StatusCounts.from_counts({"official": 4}),
        children=[OrganisationTreeNode(
            organisation=Organisation.from_view(child.organisation), level=1,
            own_counts=StatusCounts.from_counts({"official": 1}),
            subtree_counts=StatusCounts.from_counts({}), children=[])])

    _same(made, built)
    _same(made.children[0], built.children[0])


@pytest.mark.parametrize("type_", [Member, Organisation, StatusCounts, OrganisationTreeNode])
def test_objects_made_at_once_have_nothing_their_constructor_would_run(type_):
    assert not hasattr(type_, "__post_init__") and "__slots__" not in vars(type_)
