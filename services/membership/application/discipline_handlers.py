"""The handler disciplining a party organisation (kỷ luật tổ chức đảng): load, authorise,
decide by the body the rules give the form to, as in handlers.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain import discipline_commands as dc
from ..domain.discipline_values import MisconductCategory, OrganisationDisciplineForm
from ..domain.organisation_discipline import discipline_organisation as discipline
from ..domain.organisation_discipline import organisation_discipline_kind
from ..domain.profile import parse_enum
from ..domain.values import parse_id
from .deciding import decide, nodes
from .deps import CommandScope


def discipline_organisation(cmd: dc.DisciplineOrganisation, scope: CommandScope,
                            command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"),
                             resolve_merged=False)
    scope.authorise(org)
    form = parse_enum(OrganisationDisciplineForm, cmd.form, "form")
    misconduct = parse_enum(MisconductCategory, cmd.misconduct, "misconduct")
    # the deciding body is read on the tree of the decision's date
    with decide(scope, organisation_discipline_kind(form), nodes(scope, org, cmd.decided_on),
                cmd.decision, cmd.decided_on) as d:
        discipline(org, form, misconduct, cmd.decided_on, cmd.reason, scope.today,
                   scope.rules, d.record)
    scope.changed.append(org)
    return {"organisation_id": org.id}


DISCIPLINE_HANDLERS: dict[type, Callable[[Any, CommandScope, str], dict]] = {
    dc.DisciplineOrganisation: discipline_organisation,
}
