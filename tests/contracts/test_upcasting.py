"""An application stored by an older release (schema v1, flat profile) still replays today.

Stored events are never rewritten: the v1 event stays v1 in the store, matches the frozen v1
schema, and is upcast to v2 on every read (adapters/wire.py).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from kit.envelope import Actor, CommandContext, NewEvent
from kit.json_encode import to_jsonable
from kit.repository import Repository
from kit.store import NO_STREAM, StreamAppend
from kit.testing.ajv import ajv_check
from services.membership.adapters.wire import CODEC
from services.membership.domain import commands as c
from services.membership.domain.member import Member
from services.membership.domain.profile import MemberProfile
from services.membership.domain.values import (
    Gender,
    GeneralEducation,
    MemberStatus,
    PoliticalTheory,
)

APPLICATION = "membership.ApplicationSubmitted"


def version_1_application(member_id: str, branch) -> dict:
    """The data an older release wrote: profile fields flat, no qualification, no readmission."""
    return {
        "member_id": member_id,
        "organisation_id": branch.branch_id,
        "full_name": "Nguyễn Thị Hoa",
        "date_of_birth": "1996-04-02",
        "gender": "female",
        "ethnicity": "Mường",
        "hometown": "xã Yên Thắng, tỉnh Ninh Bình",
        "citizen_id": "037196007890",
        "education": "upper_secondary",
        "political_theory": "elementary",
        "occupation": "Giáo viên mầm non",
        "sponsors": [{"kind": "member", "member_id": sponsor, "known_since": "2023-01-01"}
                     for sponsor in branch.sponsor_ids],
        "submitted_on": "2025-06-02",
        "rule_version": "QĐ24-2021",
    }


def store_as_an_older_release(membership, member_id: str, data: dict) -> None:
    membership.store.append(
        [StreamAppend(Member.stream_id_for(member_id), NO_STREAM, [
            NewEvent(APPLICATION, 1, data, occurred_at=datetime(2025, 6, 2, 2, 0, tzinfo=UTC)),
        ])],
        CommandContext(command_id="release-0.9-application-17", province="NB",
                       actor=Actor("u-ban-to-chuc", "organisation_commission")),
    )


def test_a_stored_version_1_application_replays_through_the_upcaster_and_can_be_admitted(
    membership, office, branch, contracts, tmp_path
):
    member_id = str(uuid.uuid4())
    v1 = version_1_application(member_id, branch)
    v1_schema = contracts.validator(contracts.data_schema_path(APPLICATION, 1))
    v2_schema = contracts.validator(contracts.data_schema_path(APPLICATION, 2))
    assert contracts.problems(v1_schema, v1) == []
    assert contracts.problems(v2_schema, v1) != []  # the shape really changed

    store_as_an_older_release(membership, member_id, v1)
    (stored,) = membership.store.read_stream(Member.stream_id_for(member_id))
    assert (stored.schema_version, stored.data) == (1, v1)
    assert contracts.problems(contracts.validator("envelope.schema.json"), stored.to_wire()) == []
    assert ajv_check(contracts.root, [stored.to_wire()], tmp_path).problems == []

    # upcast on the way in: the current contract, profile nested
    upcast = CODEC.decode(stored.type, stored.schema_version, stored.data)
    assert contracts.problems(v2_schema, to_jsonable(upcast)) == []

    member = Repository(membership.store, CODEC, membership.clock).load(Member, member_id)
    assert member.status is MemberStatus.APPLICANT
    assert member.organisation_id == branch.branch_id
    assert member.submitted_on == date(2025, 6, 2)
    assert member.readmissions == 0
    assert member.profile == MemberProfile(
        full_name="Nguyễn Thị Hoa", date_of_birth=date(1996, 4, 2), gender=Gender.FEMALE,
        ethnicity="Mường", hometown="xã Yên Thắng, tỉnh Ninh Bình", citizen_id="037196007890",
        education=GeneralEducation.UPPER_SECONDARY, political_theory=PoliticalTheory.ELEMENTARY,
        occupation="Giáo viên mầm non", qualification="",
    )

    membership.runner.rebuild()
    assert membership.runner.dead_letters() == []
    view = membership.queries.member(member_id)
    assert view is not None
    assert (view.full_name, view.status, view.organisation_id) == (
        "Nguyễn Thị Hoa", "applicant", branch.branch_id)
    assert (view.date_of_birth, view.submitted_on, view.qualification) == (
        date(1996, 4, 2), date(2025, 6, 2), "")

    office.run(c.ProposeAdmission(member_id, date(2025, 7, 1), 5, 6, "04-NQ/CB"))
    office.run(c.AdmitMember(member_id, decided_on=date(2025, 7, 10),
                             considered_on=date(2025, 7, 1), decision_number="31-QĐ/ĐU",
                             decision=c.DecisionInput("31-QĐ/ĐU", "Đinh Văn Hải",
                                                      c.DecidingBodyInput(branch.commune_id,
                                                                          "standing_committee"))))

    assert membership.queries.member(member_id).status == "probationary"
    first, _proposed, admitted = membership.store.read_stream(Member.stream_id_for(member_id))
    assert (first.schema_version, first.data) == (1, v1)  # never rewritten
    assert admitted.type == "membership.MemberAdmitted"
    assert admitted.data["age_months"] == 29 * 12 + 2
    assert admitted.data["readmission"] is False
    assert contracts.problems(
        contracts.validator(contracts.data_schema_path(admitted.type, admitted.schema_version)),
        admitted.data) == []


def test_a_stored_version_1_decision_replays_with_its_deciding_body_unknown(
    membership, office, branch, contracts
):
    """MemberAdmitted v1 named no body: upcast, the body and signer are unknown (null), the
    number and date are what v1 carried; a transfer's v1 effective date is not its decision's."""
    member_id = str(uuid.uuid4())
    store_as_an_older_release(membership, member_id, version_1_application(member_id, branch))
    admitted_v1 = {"member_id": member_id, "decided_on": "2025-07-10",
                   "considered_on": "2025-07-01", "decision_number": "31-QĐ/ĐU",
                   "age_months": 350, "readmission": False, "rule_version": "QĐ24-2021"}
    transferred_v1 = {"member_id": member_id, "from_organisation_id": branch.branch_id,
                      "to_organisation_id": branch.branch_id, "effective_on": "2025-08-01"}
    assert contracts.problems(contracts.validator(
        contracts.data_schema_path("membership.MemberAdmitted", 1)), admitted_v1) == []
    membership.store.append(
        [StreamAppend(Member.stream_id_for(member_id), 1, [
            NewEvent("membership.MemberAdmitted", 1, admitted_v1,
                     occurred_at=datetime(2025, 7, 10, 2, 0, tzinfo=UTC))])],
        CommandContext(command_id="release-0.9-admission-3", province="NB"))

    admitted = CODEC.decode("membership.MemberAdmitted", 1, admitted_v1)
    assert (admitted.decision.organisation_id, admitted.decision.organ,
            admitted.decision.signer, admitted.decision.rule_version) == (None, None, None, None)
    assert (admitted.decision.number, admitted.decision.decided_on) == ("31-QĐ/ĐU",
                                                                        date(2025, 7, 10))
    assert contracts.problems(contracts.validator(
        contracts.data_schema_path("membership.MemberAdmitted", 2)), to_jsonable(admitted)) == []
    transferred = CODEC.decode("membership.MemberTransferred", 1, transferred_v1)
    assert transferred.decision.body is None and transferred.decision.decided_on is None

    member = Repository(membership.store, CODEC, membership.clock).load(Member, member_id)
    assert (member.status, member.admitted_on) == (MemberStatus.PROBATIONARY, date(2025, 7, 10))
    membership.runner.rebuild()
    assert membership.runner.dead_letters() == []
    assert membership.queries.member(member_id).status == "probationary"
