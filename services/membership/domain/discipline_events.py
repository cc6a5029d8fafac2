"""The discipline of a party organisation (kỷ luật tổ chức đảng), as a fact. Wire names and
versions live in adapters/wire.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .decision import DecisionRecord
from .discipline_values import MisconductCategory, OrganisationDisciplineForm


@dataclass(frozen=True)
class OrganisationDisciplined:
    """A party organisation was disciplined (kỷ luật tổ chức đảng): reprimand, warning or
    dissolution, for a kind of misconduct, by the body the rules give the decision to. A
    dissolution (giải tán) as discipline is recorded here; the organisation's members and
    sub-organisations are moved and it is dissolved from the tree by DissolveOrganisation."""

    organisation_id: str
    form: OrganisationDisciplineForm
    misconduct: MisconductCategory
    decided_on: date
    reason: str
    rule_version: str
    decision: DecisionRecord
