"""The command disciplining a party organisation. Plain data; handlers validate (see
commands.py for the annotated ids and dates, checked before any handler runs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.dates import PartyDate

from .commands import DecisionInput, OrganisationId


@dataclass(frozen=True)
class DisciplineOrganisation:
    """Kỷ luật tổ chức đảng: `form` reprimand | warning | dissolution, `misconduct` one of
    MisconductCategory's values (corruption: tham nhũng, tiêu cực)."""

    organisation_id: OrganisationId
    form: str
    misconduct: str
    decided_on: PartyDate
    reason: str
    decision: DecisionInput = field(kw_only=True)
