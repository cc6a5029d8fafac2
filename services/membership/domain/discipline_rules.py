"""The rule-book rows of organisation discipline (merged into domain/rules.py's versions): the
forms, and who decides each, read by domain/authority.py like the rest of the table.

[mem] Điều lệ Điều 35–36 and QĐ 30/QĐ 22 as remembered, not confirmed: configurable data."""

from __future__ import annotations

from .authority import Authority

ORGANISATION_DISCIPLINE = {
    "discipline.forms_organisation": ("reprimand", "warning", "dissolution"),
    "organisation_discipline.reprimand.deciding_body": Authority(
        (("parent:committee", "parent:standing_committee", "parent:inspection_committee"),),
        "[mem] Điều lệ Điều 36: the cấp ủy directly above (or its BTV, its UBKT) reprimands "
        "or warns an organisation below it"),
    "organisation_discipline.reprimand.requires_proposal": False,
    "organisation_discipline.warning.deciding_body": Authority(
        (("parent:committee", "parent:standing_committee", "parent:inspection_committee"),),
        "[mem] as for khiển trách"),
    "organisation_discipline.warning.requires_proposal": False,
    "organisation_discipline.dissolution.deciding_body": Authority(
        (("grandparent:committee",),),
        "[mem] Điều lệ Điều 36: giải tán on the proposal of the cấp ủy directly above, decided "
        "by the cấp ủy one level further up (none in this deployment: refused)"),
    "organisation_discipline.dissolution.requires_proposal": False,  # proposal not modelled
}
