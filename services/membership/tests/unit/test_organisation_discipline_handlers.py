"""Kỷ luật tổ chức đảng on the in-memory store: given the tree as events, one command."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, RuleViolated
from services.membership.domain.decision import Organ
from services.membership.domain.discipline_commands import DisciplineOrganisation
from services.membership.domain.discipline_events import OrganisationDisciplined
from services.membership.domain.discipline_values import (
    MisconductCategory,
    OrganisationDisciplineForm,
)

from .conftest import RULES_NOW, by, record

pytestmark = pytest.mark.unit
ON = date(2026, 9, 1)


def test_the_committee_above_warns_a_branch_and_the_event_names_the_misconduct(scenario,
                                                                              history):
    branch = history.branch()
    then = scenario.when(DisciplineOrganisation(branch, "warning", "corruption", ON,
                                                "Thu chi sai quy định",
                                                decision=by(history.commune, "committee")))
    assert then.types == [OrganisationDisciplined]
    assert then.one(OrganisationDisciplined) == OrganisationDisciplined(
        branch, OrganisationDisciplineForm.WARNING, MisconductCategory.CORRUPTION, ON,
        "Thu chi sai quy định", RULES_NOW, record(history.commune, ON, Organ.COMMITTEE))


def test_a_body_beside_the_branch_is_refused_naming_the_rule(scenario, history):
    branch = history.branch()
    error = scenario.refused(DisciplineOrganisation(
        branch, "reprimand", "duties", ON, "Vi phạm",
        decision=by(history.other_commune, "committee")), RuleViolated)
    assert (error.rule, error.rule_version) == \
        ("organisation_discipline.reprimand.deciding_body", RULES_NOW)


def test_a_member_discipline_form_is_not_an_organisations(scenario, history):
    error = scenario.refused(DisciplineOrganisation(
        history.branch(), "expulsion", "duties", ON, "Vi phạm",
        decision=by(history.commune, "committee")), InvalidInput)
    assert error.field == "form"
