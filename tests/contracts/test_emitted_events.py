"""Every event the membership service emits matches its published contract.

A year in the life of a commune: the tree is reorganised, paper files are entered, an applicant
goes from application to party card, members move, are exempted, disciplined, removed and die.
Every registered event type is emitted at least once, then the whole store is validated, in
Python and by Ajv (Node.js).
"""

from __future__ import annotations

from datetime import date

import pytest

from kit.testing.ajv import ajv_check
from services.membership.adapters.wire import CODEC
from services.membership.domain import change_commands as cc
from services.membership.domain import commands as c
from services.membership.domain import discipline_commands as dc
from services.membership.tests.letters import between_provinces


def by(organisation_id: str, organ: str = "standing_committee", number: str = "125-QĐ/ĐU",
       signer: str = "Đinh Văn Hải") -> c.DecisionInput:
    return c.DecisionInput(number, signer, c.DecidingBodyInput(organisation_id, organ))


def reorganise_the_tree(office, b) -> dict[str, str]:
    neighbour = office.organisation("Chi bộ thôn Yên Thổ", "grassroots_branch", b.commune_id)
    absorbed = office.organisation("Chi bộ thôn Khánh Ninh", "grassroots_branch", b.commune_id)
    school = office.organisation("Chi bộ Trường Tiểu học Yên Mô", "grassroots_branch",
                                 b.commune_id)
    company = office.organisation("Đảng bộ Công ty May Yên Mô", "grassroots_committee",
                                  b.province_id)
    office.run(c.MoveOrganisation(company, b.commune_id, date(2025, 9, 1)))
    office.run(c.RenameOrganisation(company, "Đảng bộ Công ty Cổ phần May Ninh Bình",
                                    date(2025, 10, 1)))
    office.run(c.MergeOrganisation(absorbed, neighbour, date(2025, 12, 1)))
    office.run(c.DissolveOrganisation(school, date(2025, 12, 15),
                                      "Sáp nhập trường theo Đề án sắp xếp đơn vị hành chính"))
    office.run(c.DelegateAdmissionAuthority(company, date(2025, 10, 15),
                                            by(b.commune_id, number="40-QĐ/ĐU")))
    return {"neighbour": neighbour}


def admit_an_applicant(office, b) -> str:
    applicant = office.run(c.SubmitApplication(
        b.branch_id,
        office.profile("Vũ Thị Ngọc Ánh", date(1998, 6, 10), "female", "037198005678",
                "Kế toán"),
        tuple(c.SponsorInput("member", date(2022, 3, 1), sponsor) for sponsor in b.sponsor_ids),
        submitted_on=date(2024, 9, 2),
    ))["member_id"]
    office.run(c.ProposeAdmission(applicant, date(2024, 10, 1), 7, 9, "05-NQ/CB"))
    office.run(c.AdmitMember(applicant, date(2024, 10, 10), date(2024, 10, 1), "125-QĐ/ĐU",
                             decision=by(b.commune_id)))
    office.run(c.HoldAdmissionCeremony(applicant, date(2024, 11, 5)))
    office.run(c.ProposeOfficialRecognition(applicant, date(2025, 11, 10), 9, 9, "12-NQ/CB"))
    office.run(c.RecogniseOfficialMember(applicant, date(2025, 11, 20),
                                         decision=by(b.commune_id, number="131-QĐ/ĐU")))
    office.run(c.IssuePartyCard(applicant, "37.045678", date(2025, 12, 1)))
    return applicant


def drop_a_probationary_member(office, b) -> None:
    probationary = office.run(c.RecordExistingMember(
        b.branch_id,
        office.profile("Trần Quốc Huy", date(2000, 1, 20), "male", "037200001111", "Công nhân"),
        "probationary", date(2025, 3, 1), ceremony_on=date(2025, 3, 15),
    ))["member_id"]
    office.run(c.RemoveFromProbationaryList(probationary, date(2025, 10, 1),
                                            "Không hoàn thành nhiệm vụ đảng viên dự bị",
                                            decision=by(b.commune_id, number="98-QĐ/ĐU")))


def follow_a_long_career(office, b, neighbour: str) -> None:
    veteran = office.existing_official(
        b.branch_id,
        office.profile("Nguyễn Đức Thịnh", date(1958, 11, 4), "male", "037058002222", "Hưu trí"),
        date(1985, 2, 3), "37.034567")
    office.run(c.TransferMember(veteran, neighbour, date(2025, 8, 1),
                                decision=by(b.commune_id, "organisation_board", "15-GGT/ĐU")))
    office.run(c.TransferMemberTemporarily(veteran, b.branch_id, date(2025, 8, 15),
                                           date(2026, 2, 15), "work"))
    office.run(c.EndTemporaryTransfer(veteran, date(2025, 10, 1)))
    office.run(c.ExemptMember(veteran, date(2025, 10, 15), "old_age",
                              decision=by(neighbour, "assembly", "08-NQ/CB")))
    office.run(c.EndExemption(veteran, date(2025, 11, 1)))
    office.run(c.DisciplineMember(veteran, "reprimand", date(2025, 11, 10),
                                  "Vi phạm quy định về sinh hoạt đảng",
                                  decision=by(b.commune_id, "inspection_committee", "07-QĐ/UBKT"),
                                  misconduct="organisation_principles"))
    office.run(dc.DisciplineOrganisation(neighbour, "warning", "corruption", date(2025, 11, 12),
                                         "Buông lỏng quản lý thu chi quỹ",
                                         decision=by(b.commune_id, number="08-QĐ/ĐU")))
    office.run(c.UpdateMemberProfile(veteran, date(2025, 11, 20),
                                     c.ProfileChanges(occupation="Cựu chiến binh, hưu trí")))
    office.run(c.CorrectMemberFile(veteran, "citizen_id", "037058002223", "Ghi sai số định danh",
                                   "Căn cước công dân"))
    office.run(c.RecordMemberDeath(veteran, date(2025, 12, 20)))


def strike_a_member_off(office, b) -> None:
    absent = office.existing_official(
        b.branch_id,
        office.profile("Lê Minh Tuấn", date(1988, 4, 30), "male", "037088003333", "Lái xe"),
        date(2015, 6, 1), "37.056789")
    office.run(c.ProposeRemovalFromRolls(absent, "absent_or_unpaid_three_months",
                                         date(2025, 8, 20), "Bỏ sinh hoạt 3 tháng", "09-NQ/CB"))
    office.run(c.RemoveMemberFromRolls(absent, "absent_or_unpaid_three_months",
                                       date(2025, 9, 1), "Bỏ sinh hoạt 3 tháng không lý do",
                                       decision=by(b.commune_id, number="102-QĐ/ĐU")))


def suspend_move_and_receive(office, b, neighbour: str) -> None:
    """Suspension and its end, a temporary stay extended, a letter in transit then presented,
    a letter out of the province, a member received from another province."""
    kien = office.existing_official(
        b.branch_id,
        office.profile("Phạm Văn Kiên", date(1979, 3, 8), "male", "037079004444", "Kỹ sư"),
        date(2008, 5, 19), "37.067890")
    office.run(cc.SuspendMember(kien, date(2025, 6, 10), "prosecuted", "Bị khởi tố"))
    office.run(cc.EndSuspension(kien, date(2025, 7, 20), "Đình chỉ vụ án"))
    office.run(c.TransferMemberTemporarily(kien, neighbour, date(2025, 8, 1), date(2025, 12, 1),
                                           "work"))
    office.run(cc.ExtendTemporaryTransfer(kien, date(2026, 6, 1), date(2025, 9, 1)))
    office.run(c.EndTemporaryTransfer(kien, date(2025, 10, 5)))
    office.run(cc.IssueTransferLetter(kien, date(2025, 10, 12), "21-GGT/ĐU", neighbour,
                                      moved_on=date(2025, 10, 5)))
    office.run(cc.ReceiveTransferredMember(kien, date(2025, 10, 20)))
    office.run(cc.IssueTransferLetter(
        kien, date(2025, 11, 3), "3-GGT/BTCTU",
        destination=cc.TransferDestination("Thành phố Hải Phòng", "Chi bộ Tổ dân phố số 5")))
    office.run(cc.ReceiveMemberFromProvince(
        b.branch_id,
        office.profile("Đặng Thị Hoa", date(1984, 12, 1), "female", "038184005555", "Y sĩ"),
        "official", date(2010, 3, 3), "Tỉnh Thanh Hóa", "Chi bộ Trạm Y tế xã Nga Sơn",
        "7-GGT/ĐU", date(2025, 12, 1), date(2025, 12, 10), ceremony_on=date(2010, 3, 20),
        official_from=date(2011, 3, 20), card_number="38.012345"))


@pytest.fixture
def a_year_in_a_commune(membership, office, branch) -> None:
    tree = reorganise_the_tree(office, branch)
    admit_an_applicant(office, branch)
    drop_a_probationary_member(office, branch)
    follow_a_long_career(office, branch, tree["neighbour"])
    strike_a_member_off(office, branch)
    suspend_move_and_receive(office, branch, tree["neighbour"])
    exchange_with_another_province(membership, office, branch)


def exchange_with_another_province(membership, office, b) -> None:
    """Members sent to and received from another province's deployment (every saga event)."""
    sent, returned = (office.existing_official(
        b.branch_id, office.profile(name, date(1981, 5, n), "male", f"03708100{n:04d}", "Nông dân"),
        date(2009, 5, 19), f"37.07{n:04d}") for n, name in ((1, "Vũ Văn Sơn"), (2, "Hà Văn Lâm")))
    between_provinces(office.run, membership.service.peers, membership.other_province, sent,
                      returned, b.branch_id,
                      lambda name, born: office.profile(name, born, "male",
                                                        f"0370{born.year % 100:02d}00{born.day:04d}",
                                                        "Thợ may"),
                      date(2025, 12, 15))


def test_every_event_the_service_emits_validates_against_its_published_schema(
    membership, a_year_in_a_commune, contracts
):
    envelope = contracts.validator("envelope.schema.json")
    data_validators = {}
    emitted: set[tuple[str, int]] = set()
    failures = []
    for event in membership.store.read_all(0, 100000):
        wire = event.to_wire()
        failures += [f"{event.type} envelope {p}" for p in contracts.problems(envelope, wire)]
        path = contracts.data_schema_path(event.type, event.schema_version)
        if path not in data_validators:
            data_validators[path] = contracts.validator(path)
        failures += [f"{event.type} data {p}"
                     for p in contracts.problems(data_validators[path], wire["data"])]
        emitted.add((event.type, event.schema_version))

    assert failures == []
    registered = {(w.name, w.version) for w in CODEC.types()}
    missing = sorted(registered - emitted)
    assert not missing, f"the scenario emits no {missing}: extend it for the new event type"
    assert emitted == registered
    assert membership.runner.dead_letters() == []


def test_every_event_the_service_emits_validates_with_ajv_in_strict_mode(
    membership, a_year_in_a_commune, contracts, tmp_path
):
    envelopes = [event.to_wire() for event in membership.store.read_all(0, 100000)]
    assert {(e["type"], e["schema_version"]) for e in envelopes} == \
        {(w.name, w.version) for w in CODEC.types()}

    report = ajv_check(contracts.root, envelopes, tmp_path)

    assert report.problems == []
    assert f"{len(envelopes)} envelopes checked, 0 problems" in report.summary


def test_event_data_with_an_unknown_field_a_wrong_value_a_bad_date_or_id_is_rejected(
    membership, branch, contracts
):
    event = next(e for e in membership.store.read_all(0, 1000)
                 if e.type == "membership.ExistingMemberRecorded")
    schema = contracts.validator(contracts.data_schema_path(event.type, event.schema_version))
    problems = contracts.problems
    assert problems(schema, event.data) == []

    extra = {**event.data, "nickname": "Thắng"}
    wrong_status = {**event.data, "status": "honorary"}
    bad_id = {**event.data, "organisation_id": "chi-bo-binh-hai"}
    bad_date = {**event.data, "profile": {**event.data["profile"], "date_of_birth": "12/3/1970"}}

    assert any("nickname" in p for p in problems(schema, extra))
    assert any(p.startswith("status") for p in problems(schema, wrong_status))
    assert any(p.startswith("profile/date_of_birth") for p in problems(schema, bad_date))
    assert any(p.startswith("organisation_id") for p in problems(schema, bad_id))
