"""Organisation commands on the in-memory store: given the tree as events, one command."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import Forbidden, InvalidInput, InvalidState, NotFound
from services.membership.domain import commands as c
from services.membership.domain import events as e
from services.membership.domain.organisation import Organisation
from services.membership.domain.values import OrganisationType

from .conftest import RULES_NOW

pytestmark = pytest.mark.unit


def test_creating_a_branch_under_a_commune_records_it_under_the_rules_in_force(scenario, history):
    then = scenario.when(c.CreateOrganisation("Chi bộ thôn Bắc", "grassroots_branch",
                                              history.commune, date(2026, 3, 1)))
    created = then.one(e.OrganisationCreated)
    assert then.types == [e.OrganisationCreated]
    assert created == e.OrganisationCreated(then.result.ids["organisation_id"], "Chi bộ thôn Bắc",
                                            OrganisationType.GRASSROOTS_BRANCH, history.commune,
                                            date(2026, 3, 1), RULES_NOW)
    assert then.streams == [Organisation.stream_id_for(created.organisation_id)]


def test_a_retried_create_names_the_same_organisation_and_appends_nothing_more(scenario, history):
    command = c.CreateOrganisation("Chi bộ thôn Bắc", "grassroots_branch", history.commune,
                                   date(2026, 3, 1))
    first = scenario.when(command, command_id="create-bac")
    retry = scenario.when(command, command_id="create-bac")
    assert retry.events == [] and retry.result.duplicate
    assert retry.result.ids == first.result.ids


def test_a_branch_cannot_be_placed_under_another_branch(scenario, history):
    error = scenario.refused(c.CreateOrganisation("Tổ 1", "grassroots_branch", history.branch(),
                                                  date(2026, 3, 1)), InvalidInput)
    assert error.field == "parent_id"


def test_only_the_system_creates_a_root_organisation(scenario, history):
    scenario.refused(c.CreateOrganisation("Đảng bộ tỉnh Hà Nam", "provincial_committee", None,
                                          date(2026, 3, 1)), Forbidden,
                     acting_for=history.province)


def test_an_organisation_is_created_only_inside_the_subtree_its_user_acts_for(scenario, history):
    scenario.refused(c.CreateOrganisation("Chi bộ thôn Nam", "grassroots_branch",
                                          history.other_commune, date(2026, 3, 1)), NotFound,
                     acting_for=history.commune)


def test_dissolving_an_empty_branch_records_its_end(scenario, history):
    branch = history.branch()
    then = scenario.when(c.DissolveOrganisation(branch, date(2026, 6, 30), "Sáp nhập thôn"))
    assert then.events == [e.OrganisationDissolved(branch, date(2026, 6, 30), "Sáp nhập thôn")]


def test_a_branch_with_members_on_its_rolls_is_not_dissolved(scenario, history, occupancy):
    branch = history.branch()
    occupancy.members[branch] = 3
    error = scenario.refused(c.DissolveOrganisation(branch, date(2026, 6, 30), "Sáp nhập thôn"),
                             InvalidState)
    assert "3 member(s)" in error.message
