"""Disciplining a party organisation: the decision, pure (the handler has checked the body)."""

from __future__ import annotations

from datetime import date

from kit.rules import RuleBook
from kit.text import clean_text

from .authority import DecisionKind
from .dated import check_date
from .decision import DecisionRecord
from .discipline_events import OrganisationDisciplined
from .discipline_values import MisconductCategory, OrganisationDisciplineForm
from .organisation import Organisation


def organisation_discipline_kind(form: OrganisationDisciplineForm) -> DecisionKind:
    return DecisionKind(f"organisation_discipline.{form.value}")


def discipline_organisation(org: Organisation, form: OrganisationDisciplineForm,
                            misconduct: MisconductCategory, decided_on: date, reason: str,
                            today: date, rules: RuleBook, decision: DecisionRecord) -> None:
    """An organisation active on the decision's date is given a form the rule book allows. A
    discipline changes nothing in the tree, so it may be entered after later changes of it."""
    check_date(decided_on, today, "decided_on")
    org.require_active_on(decided_on)
    r = rules.in_force(decided_on)
    key = "discipline.forms_organisation"
    r.require(form.value in r[key], key,
              f"an organisation cannot be disciplined by {form.value}; allowed: "
              f"{', '.join(r[key])}")
    org.record(OrganisationDisciplined(org.id, form, misconduct, decided_on,
                                       clean_text(reason, "reason", max_length=500), r.version,
                                       decision))
