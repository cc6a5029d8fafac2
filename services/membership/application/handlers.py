"""One handler per command: load, authorise, decide. The service saves what they changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from kit.errors import ConflictsWithLaterFact, Forbidden, InvalidInput

from ..domain import commands as c
from ..domain.admission import SponsorStanding
from ..domain.authority import DecisionKind, OrgNode, discipline_kind, transfer_kind
from ..domain.discipline_values import MisconductCategory
from ..domain.events import Sponsor
from ..domain.member import Member
from ..domain.organisation import Organisation
from ..domain.profile import MemberProfile, parse_enum
from ..domain.values import (
    DisciplineForm,
    ExemptionGround,
    MemberStatus,
    OrganisationType,
    RemovalGround,
    SponsorKind,
    TransferPurpose,
    parse_id,
)
from .change_handlers import CHANGE_HANDLERS
from .citizen_ids import claim_citizen_id
from .corrections import correct_member_file
from .deciding import decide, nodes
from .deps import CommandScope
from .discipline_handlers import DISCIPLINE_HANDLERS
from .ids import ID_NAMESPACE, new_id  # noqa: F401  (the ids every handler derives)
from .proposal_handlers import PROPOSAL_HANDLERS
from .province_transfer_handlers import PROVINCE_TRANSFER_HANDLERS


def _profile(p: c.ProfileInput, scope: CommandScope) -> MemberProfile:
    return MemberProfile.create(**p.__dict__, today=scope.today)


# -- organisations ------------------------------------------------------------------------


def create_organisation(cmd: c.CreateOrganisation, scope: CommandScope, command_id: str) -> dict:
    org_type = parse_enum(OrganisationType, cmd.type, "type")
    parent = None
    if cmd.parent_id is not None:
        parent = scope.organisation(parse_id(cmd.parent_id, "parent_id"), resolve_merged=False)
        scope.authorise(parent)
        scope.read.append(parent)
    elif scope.acting_for is not None:
        raise Forbidden("only the province's system administrator creates a root organisation")
    org = Organisation(new_id(command_id, "organisation"))
    org.create(cmd.name, org_type, parent, cmd.established_on, scope.today, scope.rules)
    scope.changed.append(org)
    return {"organisation_id": org.id}


def rename_organisation(cmd: c.RenameOrganisation, scope: CommandScope, command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"), resolve_merged=False)
    scope.authorise(org)
    org.rename(cmd.name, cmd.effective_on, scope.today)
    scope.changed.append(org)
    return {"organisation_id": org.id}


def move_organisation(cmd: c.MoveOrganisation, scope: CommandScope, command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"), resolve_merged=False)
    parent = scope.organisation(parse_id(cmd.new_parent_id, "new_parent_id"), resolve_merged=False)
    scope.authorise(org)
    scope.authorise(parent)
    org.move(parent, scope.ancestors(parent), cmd.effective_on, scope.today, scope.rules)
    scope.changed.append(org)
    scope.read.append(parent)
    return {"organisation_id": org.id}


def merge_organisation(cmd: c.MergeOrganisation, scope: CommandScope, command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"), resolve_merged=False)
    target = scope.organisation(parse_id(cmd.into_organisation_id, "into_organisation_id"),
                               resolve_merged=False)
    scope.authorise(org)
    scope.authorise(target)
    _nothing_later_names(org, cmd.effective_on, "OrganisationMerged", scope)
    org.merge_into(target, scope.ancestors(target), cmd.effective_on, scope.today)
    scope.changed += [org, target]
    return {"organisation_id": target.id}


def _nothing_later_names(org: Organisation, ends_on: object, fact: str,
                         scope: CommandScope) -> None:
    """An organisation ends on a date no recorded fact places anyone in it after: a merge or
    dissolution entered late must not strand a later transfer or sub-organisation."""
    day = _day(ends_on)
    latest = scope.occupancy.latest_fact_naming(org.id) if day else None
    if day and latest and latest[1] > day:
        raise ConflictsWithLaterFact(
            fact, day.isoformat(), latest[0], latest[1].isoformat(),
            f"{fact} dated {day:%d/%m/%Y} precedes {latest[0]} of {latest[1]:%d/%m/%Y}, which "
            f"places someone in {org.name}")


def dissolve_organisation(cmd: c.DissolveOrganisation, scope: CommandScope,
                          command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"), resolve_merged=False)
    scope.authorise(org)
    _nothing_later_names(org, cmd.effective_on, "OrganisationDissolved", scope)
    org.dissolve(cmd.effective_on, scope.today, scope.occupancy.members_on_rolls(org.id),
                 scope.occupancy.active_children(org.id), cmd.reason)
    scope.changed.append(org)
    return {"organisation_id": org.id}


# -- admission ----------------------------------------------------------------------------


def submit_application(cmd: c.SubmitApplication, scope: CommandScope, command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"),
                             as_of=_day(cmd.submitted_on))
    scope.authorise(org)
    if cmd.member_id:
        member = scope.member(parse_id(cmd.member_id, "member_id"))
    else:
        member = Member(new_id(command_id, "member"))
    sponsors = []
    for s in cmd.sponsors:
        kind = parse_enum(SponsorKind, s.kind, "sponsors.kind")
        standing = None
        if kind is SponsorKind.MEMBER:
            if not s.member_id:
                raise InvalidInput("sponsors.member_id", "a member sponsor needs a member id")
            sponsor = scope.member(parse_id(s.member_id, "sponsors.member_id"))
            scope.read.append(sponsor)  # the append fails if the sponsor's standing changes
            day = _day(cmd.submitted_on)  # the sponsor's standing on the application's date
            standing = SponsorStanding(sponsor.id,
                                       sponsor.status_on(day) if day else sponsor.status)
        sponsors.append((Sponsor(kind, s.member_id if kind is SponsorKind.MEMBER else None,
                                 s.known_since), standing))
    profile = _profile(cmd.profile, scope)
    member.submit_application(org, profile, sponsors, cmd.submitted_on,
                              cmd.hardship_area, scope.today, scope.rules)
    scope.changed.append(member)
    claim_citizen_id(scope, profile.citizen_id, member.id, cmd.submitted_on)
    return {"member_id": member.id}


def record_existing_member(cmd: c.RecordExistingMember, scope: CommandScope,
                           command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"),
                             as_of=_day(cmd.admitted_on))
    scope.authorise(org)
    member = Member(new_id(command_id, "member"))
    profile = _profile(cmd.profile, scope)
    member.record_existing(org, profile,
                           parse_enum(MemberStatus, cmd.status, "status"), cmd.admitted_on,
                           cmd.ceremony_on, cmd.official_from, cmd.card_number, scope.today,
                           scope.rules)
    scope.changed.append(member)
    claim_citizen_id(scope, profile.citizen_id, member.id, scope.today)
    return {"member_id": member.id}


def _member_in_scope(member_id: str, scope: CommandScope) -> tuple[Member, Organisation]:
    member = scope.member(parse_id(member_id, "member_id"))
    org = scope.organisation(member.organisation_id or "")
    scope.authorise(org)
    scope.changed.append(member)
    return member, org


def admit_member(cmd: c.AdmitMember, scope: CommandScope, command_id: str) -> dict:
    m, org = _member_in_scope(cmd.member_id, scope)
    with decide(scope, DecisionKind.ADMISSION, _path_then(m, org, cmd.decided_on, scope), cmd.decision,
                cmd.decided_on) as d:
        if cmd.decision_number != d.record.number:
            raise InvalidInput("decision.number", "differs from decision_number")
        m.admit(cmd.decided_on, cmd.considered_on, cmd.decision_number, scope.today,
                scope.rules, d.record, d.requires_proposal)
    return {"member_id": m.id}


def hold_admission_ceremony(cmd: c.HoldAdmissionCeremony, scope: CommandScope,
                            command_id: str) -> dict:
    m, _ = _member_in_scope(cmd.member_id, scope)
    m.hold_ceremony(cmd.held_on, scope.today, scope.rules)
    return {"member_id": m.id}


def recognise_official_member(cmd: c.RecogniseOfficialMember, scope: CommandScope,
                              command_id: str) -> dict:
    m, org = _member_in_scope(cmd.member_id, scope)
    with decide(scope, DecisionKind.RECOGNITION, _path_then(m, org, cmd.decided_on, scope), cmd.decision,
                cmd.decided_on) as d:
        m.recognise_as_official(cmd.decided_on, scope.today, scope.rules, d.record,
                                d.requires_proposal)
    return {"member_id": m.id}


def issue_party_card(cmd: c.IssuePartyCard, scope: CommandScope, command_id: str) -> dict:
    m, _ = _member_in_scope(cmd.member_id, scope)
    m.issue_card(cmd.card_number, cmd.issued_on, scope.today)
    return {"member_id": m.id}


def remove_from_probationary_list(cmd: c.RemoveFromProbationaryList, scope: CommandScope,
                                  command_id: str) -> dict:
    m, org = _member_in_scope(cmd.member_id, scope)
    with decide(scope, DecisionKind.REMOVAL_FROM_PROBATION, _path_then(m, org, cmd.decided_on, scope), cmd.decision,
                cmd.decided_on) as d:
        m.remove_from_probationary_list(cmd.decided_on, cmd.reason, scope.today, d.record)
    return {"member_id": m.id}


# -- movements ----------------------------------------------------------------------------


def _organisation_left(m: Member, current: Organisation, on: object,
                       scope: CommandScope) -> Organisation:
    """The organisation the member leaves: theirs on the transfer's date, not today's."""
    day = _day(on)
    then = scope.member_organisation_on(m, day) if day else None
    return then or current


def _path_then(m: Member, current: Organisation, on: object,
               scope: CommandScope) -> list[OrgNode]:
    """The deciding bodies' path from the member's organisation on the decision's date."""
    return nodes(scope, _organisation_left(m, current, on, scope), _day(on))


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None  # the domain refuses a non-date


def transfer_member(cmd: c.TransferMember, scope: CommandScope, command_id: str) -> dict:
    m, current = _member_in_scope(cmd.member_id, scope)
    current = _organisation_left(m, current, cmd.effective_on, scope)
    to = scope.organisation(parse_id(cmd.to_organisation_id, "to_organisation_id"),
                            as_of=_day(cmd.effective_on))
    scope.read.append(to)
    path = nodes(scope, current, _day(cmd.effective_on))
    kind = transfer_kind(path, nodes(scope, to, _day(cmd.effective_on)), scope.rules,
                         cmd.effective_on)
    with decide(scope, kind, path, cmd.decision, cmd.effective_on, own_date=False) as d:
        m.transfer(to, current, cmd.effective_on, scope.today, d.record)
    return {"member_id": m.id}


def transfer_member_temporarily(cmd: c.TransferMemberTemporarily, scope: CommandScope,
                                command_id: str) -> dict:
    m, current = _member_in_scope(cmd.member_id, scope)
    current = _organisation_left(m, current, cmd.starts_on, scope)
    to = scope.organisation(parse_id(cmd.to_organisation_id, "to_organisation_id"),
                            as_of=_day(cmd.starts_on))
    scope.read.append(to)
    m.transfer_temporarily(to, current, cmd.starts_on, cmd.ends_on,
                           parse_enum(TransferPurpose, cmd.purpose, "purpose"), scope.today,
                           scope.rules)
    return {"member_id": m.id}


def end_temporary_transfer(cmd: c.EndTemporaryTransfer, scope: CommandScope,
                           command_id: str) -> dict:
    m, _ = _member_in_scope(cmd.member_id, scope)
    m.end_temporary_transfer(cmd.ended_on, scope.today)
    return {"member_id": m.id}


def exempt_member(cmd: c.ExemptMember, scope: CommandScope, command_id: str) -> dict:
    m, org = _member_in_scope(cmd.member_id, scope)
    ground = parse_enum(ExemptionGround, cmd.ground, "ground")
    with decide(scope, DecisionKind.EXEMPTION, _path_then(m, org, cmd.effective_on, scope), cmd.decision,
                cmd.effective_on, own_date=False) as d:
        m.exempt_from_duties(cmd.effective_on, ground, scope.today, d.record, scope.rules)
    return {"member_id": m.id}


def end_exemption(cmd: c.EndExemption, scope: CommandScope, command_id: str) -> dict:
    m, _ = _member_in_scope(cmd.member_id, scope)
    m.end_exemption(cmd.effective_on, scope.today)
    return {"member_id": m.id}


# -- leaving, discipline, profile -----------------------------------------------------------


def remove_member_from_rolls(cmd: c.RemoveMemberFromRolls, scope: CommandScope,
                             command_id: str) -> dict:
    m, org = _member_in_scope(cmd.member_id, scope)
    ground = parse_enum(RemovalGround, cmd.ground, "ground")
    with decide(scope, DecisionKind.REMOVAL_FROM_ROLLS, _path_then(m, org, cmd.decided_on, scope), cmd.decision,
                cmd.decided_on) as d:
        m.remove_from_rolls(ground, cmd.decided_on, cmd.note, scope.today, d.record,
                            d.requires_proposal, scope.rules)
    return {"member_id": m.id}


def discipline_member(cmd: c.DisciplineMember, scope: CommandScope, command_id: str) -> dict:
    m, org = _member_in_scope(cmd.member_id, scope)
    form = parse_enum(DisciplineForm, cmd.form, "form")
    misconduct = (None if cmd.misconduct is None
                  else parse_enum(MisconductCategory, cmd.misconduct, "misconduct"))
    with decide(scope, discipline_kind(form.value), _path_then(m, org, cmd.decided_on, scope), cmd.decision,
                cmd.decided_on) as d:
        m.discipline(form, cmd.decided_on, cmd.reason, scope.today, scope.rules, d.record,
                     misconduct)
    return {"member_id": m.id}


def record_member_death(cmd: c.RecordMemberDeath, scope: CommandScope, command_id: str) -> dict:
    m, _ = _member_in_scope(cmd.member_id, scope)
    m.record_death(cmd.died_on, scope.today)
    return {"member_id": m.id}


def update_member_profile(cmd: c.UpdateMemberProfile, scope: CommandScope, command_id: str) -> dict:
    m, _ = _member_in_scope(cmd.member_id, scope)
    assert m.profile is not None
    profile = m.profile.with_changes(scope.today, **cmd.changes.__dict__)
    m.update_profile(profile, cmd.effective_on, scope.today)
    return {"member_id": m.id}


HANDLERS: dict[type, Callable[[Any, CommandScope, str], dict]] = {
    c.CreateOrganisation: create_organisation,
    c.RenameOrganisation: rename_organisation,
    c.MoveOrganisation: move_organisation,
    c.MergeOrganisation: merge_organisation,
    c.DissolveOrganisation: dissolve_organisation,
    c.SubmitApplication: submit_application,
    c.RecordExistingMember: record_existing_member,
    c.AdmitMember: admit_member,
    c.HoldAdmissionCeremony: hold_admission_ceremony,
    c.RecogniseOfficialMember: recognise_official_member,
    c.IssuePartyCard: issue_party_card,
    c.RemoveFromProbationaryList: remove_from_probationary_list,
    c.TransferMember: transfer_member,
    c.TransferMemberTemporarily: transfer_member_temporarily,
    c.EndTemporaryTransfer: end_temporary_transfer,
    c.ExemptMember: exempt_member,
    c.EndExemption: end_exemption,
    c.RemoveMemberFromRolls: remove_member_from_rolls,
    c.DisciplineMember: discipline_member,
    c.RecordMemberDeath: record_member_death,
    c.UpdateMemberProfile: update_member_profile,
    **PROPOSAL_HANDLERS,
    **CHANGE_HANDLERS,
    c.CorrectMemberFile: correct_member_file,
    **DISCIPLINE_HANDLERS,
    **PROVINCE_TRANSFER_HANDLERS,
}
