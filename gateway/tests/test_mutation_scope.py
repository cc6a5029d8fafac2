"""Every mutation, with any id it takes pointed at commune B, answers a commune A token exactly
as it answers a random id that names nothing, and changes nothing.

The mutations and their id fields come from the served schema (every `ID` field of each input,
nested ones included), so a new mutation or a new id field is probed without editing this file;
only its base input below must be written, and the test says so when it is missing.
"""

from __future__ import annotations

import copy
import re
import uuid
from datetime import date
from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType

from gateway.schema import build_schema
from kit.envelope import Actor, CommandContext
from partyorg.services import SERVICES
from services.evaluations.api import OpenEvaluationPeriod
from services.membership.api import ISSUED_BY_THE_LINK
from services.membership.domain import commands as c
from services.membership.domain import province_transfer_commands as pc
from services.membership.domain.profile import MemberProfile
from services.membership.tests.letters import HUE_BRANCH

from .conftest import new_id, profile, profile_input
from .meetings_world import meetings_api, schedule, succeed

ANSWER = """__typename ... on Error { code message } ... on NotFound { kind resourceId }
  ... on ValidationFailed { field } ... on RuleViolated { rule ruleVersion }"""
# what commune B holds that a commune A token must not learn from any answer
B_NAMES = ("Yên Từ", "Yên Thổ", "Lê Văn Cường", "Đào Thị Hạnh", "Ngô Thị Lan")


def base_inputs(w: World) -> dict[str, dict[str, Any]]:
    """One input per mutation whose ids are all commune A's."""
    a, an, binh = w.branch_a, w.an, w.binh
    meeting = {"meetingId": w.meeting_a}
    decision = {"decision": {"number": "21-QĐ/ĐU", "signer": "Đinh Văn Hải",
                             "body": {"organisationId": w.commune_a,
                                      "organ": "STANDING_COMMITTEE"}}}
    return {
        "createOrganisation": {"name": "Chi bộ mới", "type": "GRASSROOTS_BRANCH",
                               "parentId": w.commune_a, "establishedOn": "2026-01-05"},
        "renameOrganisation": {"organisationId": a, "name": "Chi bộ Bình Hải",
                               "effectiveOn": "2026-02-01"},
        "moveOrganisation": {"organisationId": a, "newParentId": w.commune_a,
                             "effectiveOn": "2026-03-01"},
        "mergeOrganisation": {"organisationId": w.branch_a2, "intoOrganisationId": a,
                              "effectiveOn": "2026-04-01"},
        "dissolveOrganisation": {"organisationId": w.branch_a2, "effectiveOn": "2026-06-30",
                                 "reason": "Sáp nhập"},
        "submitApplication": {"organisationId": a, "memberId": w.former_a,
                              "profile": profile_input("Hoàng Thị Mai", "1998-12-12", "FEMALE", 12),
                              "sponsors": [{"kind": "MEMBER", "memberId": an,
                                            "knownSince": "2024-01-01"},
                                           {"kind": "MEMBER", "memberId": binh,
                                            "knownSince": "2024-01-01"}],
                              "submittedOn": "2026-09-01"},
        "recordExistingMember": {"organisationId": a, "status": "PROBATIONARY",
                                 "profile": profile_input("Vũ Đức Thắng", "1990-04-04", serial=11),
                                 "admittedOn": "2025-09-15", "ceremonyOn": "2025-10-01"},
        "admitMember": {"memberId": an, "decidedOn": "2026-10-05", "consideredOn": "2026-10-01",
                        "decisionNumber": "21-QĐ/ĐU", **decision},
        "holdAdmissionCeremony": {"memberId": an, "heldOn": "2026-11-05"},
        "recogniseOfficialMember": {"memberId": an, "decidedOn": "2026-10-02", **decision},
        "issuePartyCard": {"memberId": an, "cardNumber": "37.012345", "issuedOn": "2026-10-10"},
        "removeFromProbationaryList": {"memberId": an, "decidedOn": "2026-11-15",
                                       "reason": "Vi phạm tư cách", **decision},
        "transferMember": {"memberId": an, "toOrganisationId": w.branch_a2,
                           "effectiveOn": "2026-11-10", **decision},
        "transferMemberTemporarily": {"memberId": an, "toOrganisationId": w.branch_a2,
                                      "startsOn": "2026-11-01", "endsOn": "2027-03-01",
                                      "purpose": "WORK"},
        "endTemporaryTransfer": {"memberId": an, "endedOn": "2026-11-12"},
        "exemptMember": {"memberId": an, "effectiveOn": "2026-11-01", "ground": "OLD_AGE",
                         **decision},
        "endExemption": {"memberId": an, "effectiveOn": "2026-11-12"},
        "removeMemberFromRolls": {"memberId": an, "ground": "ABSENT_OR_UNPAID_THREE_MONTHS",
                                  "decidedOn": "2026-11-15", **decision},
        "disciplineMember": {"memberId": an, "form": "REPRIMAND", "decidedOn": "2026-11-13",
                             "reason": "Không đóng đảng phí", **decision},
        "recordMemberDeath": {"memberId": an, "diedOn": "2026-11-16"},
        "updateMemberProfile": {"memberId": an, "effectiveOn": "2026-11-14",
                                "changes": {"occupation": "Hưu trí"}},
        "suspendMember": {"memberId": an, "effectiveOn": "2026-11-01", "ground": "PROSECUTED",
                          "reason": "Bị khởi tố"},
        "endSuspension": {"memberId": an, "effectiveOn": "2026-11-12"},
        "extendTemporaryTransfer": {"memberId": an, "endsOn": "2027-06-01",
                                    "extendedOn": "2026-11-12"},
        "issueTransferLetter": {"memberId": an, "issuedOn": "2026-11-10",
                                "letterNumber": "12-GGT/ĐU", "toOrganisationId": w.branch_a2},
        "receiveTransferredMember": {"memberId": an, "receivedOn": "2026-11-15"},
        "receiveMemberFromProvince": {
            "organisationId": a, "status": "OFFICIAL",
            "profile": profile_input("Lê Văn Thành", "1975-08-09", serial=13),
            "admittedOn": "2001-04-02", "ceremonyOn": "2001-04-02", "officialFrom": "2002-04-02",
            "fromProvince": "Tỉnh Thanh Hóa", "fromOrganisation": "Chi bộ thôn Nga Sơn",
            "letterNumber": "9-GGT/HU", "letterIssuedOn": "2026-11-01",
            "receivedOn": "2026-11-10"},
        "sendMemberToProvince": {"memberId": an, "toProvince": "HUE",
                                 "toOrganisationId": HUE_BRANCH, "issuedOn": "2026-11-10",
                                 "letterNumber": "50-GGT/TU"},
        "acceptIncomingTransfer": {"transferId": w.transfer_a, "receivedOn": "2026-11-15",
                                   "organisationId": a},
        "refuseIncomingTransfer": {"transferId": w.transfer_a, "refusedOn": "2026-11-15",
                                   "reason": "Sai địa chỉ"},
        "correctMemberFile": {"memberId": an, "field": "FULL_NAME", "value": "Nguyễn Văn Ân",
                              "reason": "Ghi sai tên", "document": "Căn cước công dân"},
        "scheduleMeeting": {"organisationId": a, "kind": "REGULAR",
                            "scheduledStart": "2026-12-03T19:30:00", "plannedMinutes": 90,
                            "agenda": ["Nhiệm vụ tháng tới"]},
        "rescheduleMeeting": {**meeting, "scheduledStart": "2026-12-04T19:30:00",
                              "reason": "Trùng lịch"},
        "cancelMeeting": {**meeting, "reason": "Mưa bão"},
        "publishMaterials": {**meeting, "title": "Tài liệu"},
        "openMeeting": {**meeting, "startedAt": "2026-11-06T19:30:00"},
        "recordAttendance": {**meeting, "memberId": an, "status": "PRESENT"},
        "recordAttendanceSheet": {**meeting, "entries": [{"memberId": an, "status": "PRESENT"}]},
        "recordSuperiorCadreAttendance": {**meeting, "fullName": "Nguyễn Văn Tỉnh",
                                          "title": "Tỉnh ủy viên", "organisationName": "Tỉnh ủy"},
        "adoptResolution": {**meeting, "title": "Nghị quyết tháng", "votesFor": 4,
                            "votesAgainst": 0, "votesAbstaining": 0, "subjectMemberId": an},
        "closeMeeting": {**meeting, "endedAt": "2026-11-06T21:00:00"},
        "closeMinutes": {**meeting},
        "recordDuesPayments": {**meeting, "payments": [{"memberId": an, "months": ["2026-11"]}]},
        "proposeAdmission": {"memberId": an, "resolvedOn": "2026-10-01", "votesFor": 3,
                             "officialMembers": 4},
        "proposeOfficialRecognition": {"memberId": an, "resolvedOn": "2026-10-01",
                                       "votesFor": 3, "officialMembers": 4},
        "proposeRemovalFromRolls": {"memberId": an, "ground": "CARD_SURRENDERED",
                                    "resolvedOn": "2026-10-01"},
        "delegateAdmissionAuthority": {"organisationId": a, "effectiveOn": "2026-10-01",
                                       **decision},
        "disciplineOrganisation": {"organisationId": a, "form": "REPRIMAND",
                                   "misconduct": "CORRUPTION", "decidedOn": "2026-10-01",
                                   "reason": "Buông lỏng quản lý", **decision},
        **evaluations_inputs(w, decision),
        **personnel_inputs(w),
    }


def evaluations_inputs(w: World, decision: dict) -> dict[str, dict[str, Any]]:
    """The evaluations mutations, on commune A's 2026 period and its member An."""
    step = {"periodId": w.period_a, "subjectId": w.an}
    classified = {**step, "level": "COMPLETED", "decision": {**decision["decision"],
                                                      "decidedOn": "2026-11-20"}}
    return {
        "openEvaluationPeriod": {"organisationId": w.commune_a, "kind": "ANNUAL", "year": 2026,
                                 "referenceDate": "2026-11-01", "closesOn": "2027-01-31"},
        "submitSelfAssessment": {**step, "form": "LEADER", "generalPoints": 27.5,
                                 "resultPoints": 60.0, "selfProposedLevel": "GOOD",
                                 "tasks": {"total": 4, "onTime": 4, "exceeded": 1, "late": 0,
                                           "notDone": 0},
                                 "submittedOn": "2026-11-10",
                                 "headsOrganisationId": w.branch_a},
        "recordCollectiveComments": {**step, "comments": "Hoàn thành tốt", "suggestedLevel": "GOOD",
                                     "recordedOn": "2026-11-12"},
        "appraiseEvaluation": {**step, "proposedLevel": "GOOD", "appraisedOn": "2026-11-15"},
        "decideClassification": classified,
        "correctClassification": {**classified, "reason": "Xem xét lại"},
        "closeEvaluationPeriod": {"periodId": w.period_a, "closedOn": "2026-11-20"},
        "recognisePartyOrganisation": {"periodId": w.period_a, "subjectId": w.branch_a,
                                       "decision": classified["decision"]},
    }


def personnel_inputs(w: World) -> dict[str, dict[str, Any]]:
    """Personnel's mutations, on commune A's own post and cadre file."""
    both = {"postId": w.post_a, "cadreId": w.cadre_a}
    decision = {"decision": {"number": "3-QĐ/ĐU", "decidedOn": "2026-10-01",
                             "signer": "Đinh Văn Hải"}}
    return {
        "registerPost": {"title": "Chủ tịch UBND xã", "body": "government", "level": "commune",
                         "organisationId": w.commune_a, "managingOrganisationId": w.commune_a,
                         "rank": 50},
        "openCadreFile": {"managingOrganisationId": w.commune_a, "politicalTheory": "advanced",
                          "education": "bachelor", "openedOn": "2026-10-01", "memberId": w.an},
        "addCadreToPlan": {**both, "cycle": "2030-2035", **decision},
        "removeCadreFromPlan": {**both, "cycle": "2030-2035", "ground": "other",
                                "reason": "Chuyển công tác", **decision},
        "proposePlanRemoval": {**both, "cycle": "2030-2035", "ground": "other",
                               "reason": "Chuyển công tác", "proposedOn": "2026-10-01"},
        "proposeAppointment": {**both, "proposedOn": "2026-10-01"},
        "appointCadre": {**both, "startsOn": "2026-11-01", **decision},
        "reappointCadre": {**both, **decision},
        "extendToRetirement": {**both, **decision},
        # personnel-more
        "eraseCadrePersonalData": {"cadreId": w.cadre_a, "reason": "Đề nghị xoá", **decision},
        "rotateCadre": {"cadreId": w.cadre_a, "toPostId": w.post_a, "startsOn": "2026-11-01",
                        **decision},
        "conveneCongress": {"organisationId": w.branch_a, "term": "2025-2030",
                            "kind": "members", "noticeOn": "2026-03-02",
                            "opensOn": "2026-04-20"},
        "nominateCandidates": {"congressId": w.congress_a, "body": "deputy_secretary",
                               "seats": 1, "candidates": [w.binh]},
        "recordBallotResults": {"congressId": w.congress_a, "electionId": w.election_a,
                                "heldOn": "2026-04-20", "present": 4, "issued": 4,
                                "returned": 4, "valid": 4,
                                "votes": [{"memberId": w.an, "votes": 4}]},
        "approveElectionResults": {"congressId": w.congress_a, "electionId": w.election_a,
                                   **decision},
        "appointCommitteeMembers": {"organisationId": w.branch_a, "term": "2025-2030",
                                    "body": "committee", "members": [w.binh], **decision},
        # plan-approval
        "approvePlan": {"managingOrganisationId": w.commune_a, "cycle": "2030-2035",
                        "year": 2026, **decision},
        "reviewPlan": {"managingOrganisationId": w.commune_a, "cycle": "2030-2035",
                       "year": 2026, "reviewedOn": "2026-10-01", **decision},
    }


class World:
    """The province of meetings_world.py, plus in commune B: a former member, an applicant and
    an opened meeting; in commune A: a second branch, a former member and an opened meeting."""

    def __init__(self, api) -> None:
        p = self.p = api.province
        self.api = api
        self.commune_a, self.branch_a, self.an, self.binh = (
            p.commune_a, p.branch_a, p.members["an"], p.members["binh"])
        self.branch_a2 = p.system(c.CreateOrganisation(
            "Chi bộ thôn Tu Cổ", "grassroots_branch", p.commune_a,
            date(2025, 7, 2)))["organisation_id"]
        self.former_a = self._former(p.branch_a, "Phan Văn Giang", 21)
        self.former_b = self._former(p.branch_b, "Đào Thị Hạnh", 22)
        self.applicant_b = p.system(c.SubmitApplication(
            p.branch_b, profile("Ngô Thị Lan", date(1999, 9, 9), "female", 23),
            (c.SponsorInput("member", date(2020, 1, 1), p.members["cuong"]),
             c.SponsorInput("youth_union", date(2020, 1, 1))),
            date(2026, 9, 1)))["member_id"]
        self.meeting_a = self._opened(p.branch_a, p.commune_a)
        self.meeting_b = self._opened(p.branch_b, p.root)
        self.post_a, self.cadre_a = self._post_and_cadre(p.commune_a, p.members["an"])
        self.post_b, self.cadre_b = self._post_and_cadre(p.commune_b, p.members["cuong"])
        self.period_a = self._period(p.commune_a)
        self.period_b = self._period(p.commune_b)
        self.congress_a, self.election_a = self._congress(p.branch_a, p.members["an"])
        self.congress_b, self.election_b = self._congress(p.branch_b, p.members["cuong"])
        self.transfer_a = self._incoming(p.branch_a, "Lục Văn Tân", 24)
        self.transfer_b = self._incoming(p.branch_b, "Mạc Thị Yến", 25)

    def _incoming(self, branch: str, name: str, serial: int) -> str:
        """A letter from HUE's deployment addressed to the branch, as HUE's link delivers it."""
        transfer_id = str(uuid.uuid4())
        p = profile(name, date(1985, 5, 5), "female" if "Thị" in name else "male", serial)
        letter = self.p.other_province.letter(
            self.p.platform.membership.service.peers, transfer_id,
            MemberProfile.create(**p.__dict__, today=date(2026, 11, 2)))
        self.p.system(pc.OpenIncomingTransfer(transfer_id, str(uuid.uuid4()), "HUE", HUE_BRANCH,
                                              branch, "60-GGT/TU", date(2026, 11, 2),
                                              date(2026, 12, 15), letter))
        return transfer_id

    def _congress(self, branch: str, member: str) -> tuple[str, str]:
        """A chi bộ's congress, and its list of candidates for bí thư."""
        from services.personnel import api as personnel

        def run(command: object) -> dict[str, str]:
            context = CommandContext(new_id(), "NB", Actor("tester", "system"))
            return self.p.platform.personnel.service.execute(command, context).ids

        congress = run(personnel.ConveneCongress(branch, "2025-2030", "members",
                                                 date(2026, 3, 2), date(2026, 4, 20)))
        election = run(personnel.NominateCandidates(congress["congress_id"], "secretary", 1,
                                                    (member,)))
        return congress["congress_id"], election["election_id"]

    def _post_and_cadre(self, commune: str, member: str) -> tuple[str, str]:
        """A post the commune's committee manages, and a cadre file it keeps."""
        from services.personnel import api as personnel

        def run(command: object) -> dict[str, str]:
            context = CommandContext(new_id(), "NB", Actor("tester", "system"))
            return self.p.platform.personnel.service.execute(command, context).ids

        post = run(personnel.RegisterPost("Bí thư Đảng ủy xã", "party_committee", "commune",
                                          commune, commune, 60, True))["post_id"]
        cadre = run(personnel.OpenCadreFile(commune, "advanced", "bachelor", date(2026, 1, 5),
                                            member_id=member))["cadre_id"]
        return post, cadre

    def _period(self, commune: str) -> str:
        return p_run(self.p, OpenEvaluationPeriod(commune, "annual", 2026, date(2026, 11, 1),
                                                  date(2027, 1, 31)))["period_id"]

    def _former(self, branch: str, name: str, serial: int) -> str:
        member = self.p.system(c.RecordExistingMember(
            branch, profile(name, date(1970, 1, 1), "female" if "Thị" in name else "male",
                            serial), "official", date(2000, 1, 1),
            official_from=date(2001, 1, 1)))["member_id"]
        commune = self.p.commune_a if branch == self.p.branch_a else self.p.commune_b
        self.p.system(c.ProposeRemovalFromRolls(member, "card_surrendered", date(2026, 3, 1)))
        self.p.system(c.RemoveMemberFromRolls(member, "card_surrendered", date(2026, 3, 1),
                                              decision=c.DecisionInput(
                                                  "7-QĐ/ĐU", "Đinh Văn Hải",
                                                  c.DecidingBodyInput(commune,
                                                                      "standing_committee"))))
        return member

    def _opened(self, branch: str, org: str) -> str:
        meeting = schedule(self.api, branch, "2026-11-06", org=org)
        succeed(self.api, "openMeeting", {"meetingId": meeting, "startedAt": "2026-11-06T19:30:00"},
                org=org)
        return meeting

    def outside(self, kind: str) -> dict[str, str]:
        """Commune B's objects of a kind, by what they are."""
        p = self.p
        return {
            "member": {"official": p.members["cuong"], "former": self.former_b,
                       "applicant": self.applicant_b},
            "organisation": {"commune": p.commune_b, "branch": p.branch_b, "province": p.root},
            "meeting": {"opened": self.meeting_b},
            "post": {"commune": self.post_b},
            "cadre": {"commune": self.cadre_b},
            "evaluation_period": {"period": self.period_b},
            "subject": {"member": p.members["cuong"], "branch": p.branch_b},
            "congress": {"branch": self.congress_b},
            "election": {"branch": self.election_b},
            "incoming_transfer": {"commune": self.transfer_b},
        }[kind]

    def heads(self) -> tuple[int, ...]:
        return tuple(s.store.head_position() for s in self.p.platform)


def p_run(p, command: object) -> dict[str, str]:
    """An evaluations command as the system (set-up, not under test)."""
    return p.platform.evaluations.service.execute(command, CommandContext(new_id(), "NB")).ids


@pytest.fixture
def world(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        yield World(api)


def kind_of(field_name: str) -> str:
    """What an ID input field names; an unknown id field fails here until it is taught."""
    if field_name.endswith("emberId"):
        return "member"
    if field_name.endswith("eetingId"):
        return "meeting"
    if field_name.endswith(("rganisationId", "arentId")):
        return "organisation"
    if field_name.endswith("ostId"):
        return "post"
    if field_name.endswith("adreId"):
        return "cadre"
    if field_name == "periodId":
        return "evaluation_period"
    if field_name == "subjectId":  # a member or an organisation on a period's roll
        return "subject"
    if field_name in ("candidates", "members"):  # lists of member ids
        return "member"
    if field_name == "congressId":
        return "congress"
    if field_name == "electionId":
        return "election"
    if field_name == "transferId":  # a letter from another province, addressed here
        return "incoming_transfer"
    raise AssertionError(f"an ID field the probe does not know: {field_name}")


def unwrap(tp: Any) -> Any:
    while isinstance(tp, GraphQLNonNull | GraphQLList):
        tp = tp.of_type
    return tp


def id_paths(tp: GraphQLInputObjectType, value: dict, where: tuple = ()) -> list[tuple]:
    """Paths of every ID field of the input type; each must be present in the base input."""
    paths = []
    for name, field in tp.fields.items():
        inner = unwrap(field.type)
        if isinstance(inner, GraphQLScalarType) and inner.name == "ID":
            if name != "commandId":
                assert value.get(name), f"the base input leaves out the id {where + (name,)}"
                paths.append(where + (name,))
        elif isinstance(inner, GraphQLInputObjectType) and name in value:
            items = value[name] if isinstance(value[name], list) else [value[name]]
            keys = [(name, i) for i in range(len(items))] if isinstance(value[name], list) \
                else [(name,)]
            for key, item in zip(keys, items, strict=True):
                paths += id_paths(inner, item, where + key)
    return paths


def with_id(value: dict, path: tuple, ident: str) -> dict:
    out = copy.deepcopy(value)
    at = out
    for key in path[:-1]:
        at = at[key]
    at[path[-1]] = ident
    return out


def ask(world: World, mutation: str, input_type: str, fields: dict) -> dict:
    body = world.api.gql(f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
                         f"{{ {ANSWER} }} }}", {"input": {"commandId": new_id(), **fields}})
    assert "errors" not in body, body
    return body["data"][mutation]


def same_shape(answer: dict, ident: str) -> dict:
    return {k: v.replace(ident, "<id>") if isinstance(v, str) else v for k, v in answer.items()}


SCHEMA = build_schema()._schema
MUTATIONS = sorted(SCHEMA.mutation_type.fields)


# commands the gateway issues itself while answering a query: a cadre file's read, recorded
QUERY_RECORDED = {"recordCadreFileRead"}
# commands the link between provinces issues from the other province's events: no user's
LINK_ISSUED = {cls.__name__[0].lower() + cls.__name__[1:] for cls in ISSUED_BY_THE_LINK}


def test_every_command_of_every_service_is_a_probed_mutation():
    commands = {cls.__name__[0].lower() + cls.__name__[1:]
                for declared in SERVICES for cls in declared.handlers}
    assert commands - QUERY_RECORDED - LINK_ISSUED == set(MUTATIONS)


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_ids_of_another_commune_are_answered_as_ids_that_name_nothing(world, mutation):
    base = base_inputs(world)
    assert mutation in base, f"write a base input for {mutation} in base_inputs()"
    field = SCHEMA.mutation_type.fields[mutation]
    input_type = unwrap(field.args["input"].type)
    paths = id_paths(input_type, base[mutation])
    assert paths, f"{mutation} takes no id"
    heads = world.heads()

    for path in paths:
        nothing = str(uuid.uuid4())
        expected = ask(world, mutation, input_type.name, with_id(base[mutation], path, nothing))
        assert not expected["__typename"].endswith("Succeeded"), (mutation, path, expected)
        assert nothing in expected["message"], (mutation, path, expected)  # refused for that id
        for what, ident in world.outside(kind_of(path[-1])).items():
            answer = ask(world, mutation, input_type.name, with_id(base[mutation], path, ident))
            assert same_shape(answer, ident) == same_shape(expected, nothing), (path, what)
            assert not any(name in str(answer) for name in B_NAMES), (path, what, answer)

    assert world.heads() == heads, f"{mutation} appended something"


def test_a_former_member_of_another_commune_cannot_be_readmitted_nor_read(world):
    api, p = world.api, world.p
    fields = dict(base_inputs(world)["submitApplication"], memberId=world.former_b)
    heads = world.heads()

    answer = ask(world, "submitApplication", "SubmitApplicationInput", fields)
    nothing = str(uuid.uuid4())
    unknown = ask(world, "submitApplication", "SubmitApplicationInput",
                  dict(fields, memberId=nothing))

    assert answer["__typename"] == "NotFound"
    assert same_shape(answer, world.former_b) == same_shape(unknown, nothing)
    assert world.heads() == heads
    # her file is unchanged, kept in commune B, and out of commune A's reach
    kept = api.gql("query($id: ID!) { member(id: $id) { fullName status organisationId } }",
                   {"id": world.former_b}, org=p.root)["data"]["member"]
    assert kept == {"fullName": "Đào Thị Hạnh", "status": "REMOVED_FROM_ROLLS",
                    "organisationId": p.branch_b}
    body = api.gql("query($id: ID!) { member(id: $id) { fullName history { event details } } }",
                   {"id": world.former_b})
    assert body["data"]["member"] is None
    assert not re.search("Đào|card|citizen", str(body["data"])), body
