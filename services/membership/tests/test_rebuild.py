"""Every read model can be dropped and rebuilt from the store to exactly the state it had live."""

from __future__ import annotations

from datetime import date

import pytest

from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import change_commands as cc
from services.membership.domain import commands as c
from services.membership.domain.discipline_commands import DisciplineOrganisation
from services.membership.tests.letters import between_provinces

from .conftest import by


def rich_history(m) -> dict[str, str]:
    """A province's history across the 2025 reform, touching every event type."""
    province = m.province()
    district = m.organisation("Đảng bộ huyện Yên Mô", "district_committee", province,
                              date(2010, 1, 1))
    yen_thang = m.organisation("Đảng bộ xã Yên Thắng", "commune_committee", district)
    yen_hoa = m.organisation("Đảng bộ xã Yên Hòa", "commune_committee", district)
    binh_hai = m.branch(yen_thang, "Chi bộ thôn Bình Hải")
    yen_tho = m.branch(yen_thang, "Chi bộ thôn Yên Thổ")
    dong_thon = m.branch(yen_hoa, "Chi bộ thôn Đông Thôn")
    school = m.organisation("Đảng bộ Trường THPT Yên Mô", "grassroots_committee", yen_hoa)
    teachers = m.organisation("Chi bộ Giáo viên", "sub_branch", school)
    cell = m.organisation("Tổ đảng Toán – Tin", "party_cell", teachers)
    m.run(c.DelegateAdmissionAuthority(school, date(2024, 1, 1),
                                       by(yen_hoa, "standing_committee", "05-QĐ/ĐU")))

    an = m.official(binh_hai, "Nguyễn Văn An", admitted_on=date(1996, 5, 19))
    anh = m.official(binh_hai, "Trần Thị Anh", gender="female")
    duc = m.official(yen_tho, "Đỗ Văn Đức", admitted_on=date(1990, 3, 1),
                     date_of_birth=date(1960, 2, 2))
    ha = m.official(yen_tho, "Bùi Thị Hà", gender="female", date_of_birth=date(1950, 1, 1))
    sponsors = (m.official(dong_thon, "Phạm Văn Hùng"),
                m.official(dong_thon, "Đỗ Thị Lan", gender="female"))
    chi = m.official(teachers, "Hoàng Thị Chi", gender="female")
    dung = m.probationary(teachers, "Vũ Văn Dũng", gender="male", admitted_on=date(2025, 4, 1))
    cuc = m.probationary(dong_thon, "Lê Thị Cúc", admitted_on=date(2025, 2, 1))

    # applicant → probationary → official (recognised late)
    tuan = m.application(dong_thon, sponsors, submitted_on=date(2025, 3, 1))
    m.admit(tuan, date(2025, 5, 5))
    m.run(c.HoldAdmissionCeremony(tuan, date(2025, 6, 10)))
    m.recognise(tuan, date(2026, 9, 1))
    m.run(c.IssuePartyCard(tuan, "37.012345", date(2026, 9, 2)))
    # an applicant still waiting
    m.application(dong_thon, sponsors, submitted_on=date(2026, 10, 1), full_name="Lý Văn Mạnh")

    # the reform of 1/7/2025: communes under the province, districts gone, communes merged
    m.run(c.MoveOrganisation(yen_thang, province, date(2025, 7, 1)))
    m.run(c.MoveOrganisation(yen_hoa, province, date(2025, 7, 1)))
    m.run(c.DissolveOrganisation(district, date(2025, 7, 1), "Kết thúc cấp huyện"))
    m.run(c.MergeOrganisation(yen_thang, yen_hoa, date(2025, 7, 1)))
    m.run(c.RenameOrganisation(yen_hoa, "Đảng bộ xã Yên Mô", date(2025, 7, 1)))
    m.run(c.MergeOrganisation(yen_tho, binh_hai, date(2025, 8, 1)))

    # movements and endings
    m.transfer(an, dong_thon, date(2026, 2, 1))
    m.run(c.TransferMemberTemporarily(chi, dong_thon, date(2026, 3, 1), date(2026, 9, 1), "work"))
    m.run(c.EndTemporaryTransfer(chi, date(2026, 9, 1)))
    m.run(c.TransferMemberTemporarily(anh, teachers, date(2026, 3, 1), date(2027, 3, 1),
                                      "study"))
    m.run(cc.ExtendTemporaryTransfer(anh, date(2027, 12, 1), date(2026, 9, 1)))
    m.exempt(ha, date(2026, 1, 5), "old_age")
    m.exempt(duc, date(2026, 1, 5), "weak_health")
    m.run(c.EndExemption(duc, date(2026, 6, 1)))
    m.run(c.RecordMemberDeath(ha, date(2026, 4, 1)))
    m.discipline(dung, "warning", date(2026, 4, 2), "Vi phạm quy định")
    m.run(DisciplineOrganisation(teachers, "reprimand", "corruption", date(2026, 4, 3),
                                 "Buông lỏng quản lý", decision=by(school, "committee")))
    m.remove_from_probation(cuc, date(2026, 3, 5), "Không đủ tư cách")
    m.run(c.UpdateMemberProfile(duc, date(2026, 7, 1), c.ProfileChanges(occupation="Hưu trí")))

    # removed from the rolls and re-admitted
    m.remove_from_rolls(an, "absent_or_unpaid_three_months", date(2026, 3, 1))
    m.run(c.SubmitApplication(dong_thon, m.profile("Nguyễn Văn An", date(1970, 6, 1)),
                              tuple(m.sponsor(s) for s in sponsors), date(2026, 5, 1),
                              member_id=an))
    m.admit(an, date(2026, 6, 1))
    m.discipline(anh, "expulsion", date(2026, 10, 1), "Vi phạm nghiêm trọng")
    m.run(c.DissolveOrganisation(cell, date(2026, 10, 2), "Giải thể tổ đảng"))

    # suspension, a temporary stay extended, transfers in transit, out of and into the province
    m.run(cc.SuspendMember(duc, date(2026, 7, 15), "prosecuted", "Bị khởi tố"))
    m.run(cc.EndSuspension(duc, date(2026, 10, 15), "Đình chỉ điều tra"))
    m.run(cc.SuspendMember(chi, date(2026, 10, 1), "detained", "Bị tạm giam"))
    m.run(cc.IssueTransferLetter(sponsors[0], date(2026, 10, 5), "12-GGT/ĐU", binh_hai,
                                 moved_on=date(2026, 9, 20)))
    m.run(cc.ReceiveTransferredMember(sponsors[0], date(2026, 10, 20)))
    m.run(cc.IssueTransferLetter(
        sponsors[1], date(2026, 11, 2), "15-GGT/BTCTU",
        destination=cc.TransferDestination("Thành phố Hà Nội", "Chi bộ Khu dân cư số 3")))
    m.run(cc.IssueTransferLetter(tuan, date(2026, 11, 10), "16-GGT/ĐU", binh_hai))
    m.run(cc.ReceiveMemberFromProvince(
        binh_hai, m.profile("Lê Văn Thành", date(1975, 8, 9)), "official", date(2001, 4, 2),
        "Tỉnh Thanh Hóa", "Chi bộ thôn Nga Sơn 2", "9-GGT/HU", date(2026, 9, 1),
        date(2026, 9, 20), ceremony_on=date(2001, 4, 20), official_from=date(2002, 4, 20)))
    # corrections of the file (đính chính), after the facts they correct
    m.run(c.CorrectMemberFile(duc, "date_of_birth", "1960-03-02", "Sai ngày sinh",
                              "Giấy khai sinh"))
    m.run(c.CorrectMemberFile(tuan, "admitted_on", "2025-05-20", "Sai ngày quyết định",
                              "Bản sao quyết định kết nạp"))
    m.run(c.CorrectMemberFile(tuan, "citizen_id", m.citizen_id_for(date(2000, 1, 15), "male"),
                              "Sai số định danh", "Căn cước công dân"))
    between_provinces(m.run, m.service.peers, m.other_province, sponsors[0], dung, binh_hai,
                      m.profile, date(2026, 11, 3))
    return {"province": province, "binh_hai": binh_hai, "dong_thon": dong_thon,
            "teachers": teachers, "an": an, "duc": duc}


def dump_all(app) -> dict[str, dict]:
    app.settle()  # straight from the tables: wait for the catch-up thread first
    with app.read_db.transaction() as conn:
        return {p.name: p.dump(conn) for p in app.runner.projections}


@pytest.fixture
def history(membership):
    return rich_history(membership)


def test_the_rich_history_touches_every_event_type(membership, history):
    from services.membership.adapters.wire import CODEC

    seen = {e.type for e in membership.store.read_all(0, 10_000)}
    assert seen == {w.name for w in CODEC.types()}


def test_rebuilding_every_read_model_gives_the_live_state(app, history):
    # the read models of membership's own log (evaluation_reviews follows evaluations' log)
    own = [p.name for p in app.runner.projections if app.runner.follows(p, app.runner.own_source)]
    live = dump_all(app)
    assert all(rows for name in own for rows in live[name].values())

    applied = app.runner.rebuild()

    assert applied == app.store.head_position() * len(own)
    assert dump_all(app) == live
    assert app.runner.dead_letters() == []


@pytest.mark.parametrize("name", ["organisation_tree", "members", "member_history",
                                  "badges_due", "tree_as_of", "work_queue"])
def test_rebuilding_one_read_model_gives_its_live_state_and_leaves_the_others(app, history,
                                                                              name):
    live = dump_all(app)
    checkpoints = app.runner.checkpoints()

    applied = app.runner.rebuild([name])

    assert applied == app.store.head_position()
    assert dump_all(app) == live
    assert app.runner.checkpoints() == checkpoints


def test_queries_answer_the_same_after_a_rebuild(app, membership, history):
    q = membership.queries
    before = (q.organisation_tree(history["province"]),
              q.organisation_tree(history["province"], as_of=date(2025, 6, 30)),
              q.members(history["province"], first=200),
              q.member_history(history["an"]),
              q.badges_due(history["province"], date(2026, 1, 1), date(2040, 12, 31), first=200))

    app.runner.rebuild()

    after = (q.organisation_tree(history["province"]),
             q.organisation_tree(history["province"], as_of=date(2025, 6, 30)),
             q.members(history["province"], first=200),
             q.member_history(history["an"]),
             q.badges_due(history["province"], date(2026, 1, 1), date(2040, 12, 31), first=200))
    assert after == before


def test_a_restarted_service_reads_the_same_state_from_its_files(tmp_path, clock, app, history):

    live = dump_all(app)
    app.close()

    reopened = build_service(MEMBERSHIP, tmp_path, clock=clock)
    try:
        assert dump_all(reopened) == live
        reopened.read_db.conn.executescript(
            "DROP TABLE members; DELETE FROM projection_checkpoints WHERE projection='members'")
    finally:
        reopened.close()
    rebuilt = build_service(MEMBERSHIP, tmp_path, clock=clock)
    try:
        assert dump_all(rebuilt) == live
    finally:
        rebuilt.close()


class OneByOne:
    """A projection applied strictly one event at a time (no batch fold): the reference."""

    def __init__(self, projection) -> None:
        self.projection, self.name = projection, projection.name

    def create(self, db) -> None:
        self.projection.create(db)

    def drop(self, db) -> None:
        self.projection.drop(db)

    def handle(self, envelope, db) -> None:
        self.projection.handle(envelope, db)

    def dump(self, db):
        return self.projection.dump(db)


def one_by_one_and_folded(app, tmp_path):
    from kit.projections.runner import ProjectionRunner
    from kit.sqlite.readmodel import ReadModelDb
    from services.membership.adapters.read_model_sql import SQL
    from services.membership.adapters.wire import CODEC
    from services.membership.application.projections import all_projections

    reference = ProjectionRunner(app.store, ReadModelDb(tmp_path / "one.db"),
                                 [OneByOne(p) for p in all_projections(CODEC, SQL["sqlite"])],
                                 batch_size=1)
    reference.catch_up()
    folded = ProjectionRunner(app.store, ReadModelDb(tmp_path / "folded.db"),
                              all_projections(CODEC, SQL["sqlite"]))
    folded.rebuild()  # the whole log in one batch
    dumps = []
    for runner in (reference, folded):
        with runner.db.transaction() as conn:
            dumps.append({p.name: p.dump(conn) for p in runner.projections})
    return dumps, reference.dead_letters(), folded.dead_letters()


def test_a_batch_folded_in_memory_equals_the_events_applied_one_by_one(app, membership, history,
                                                                       tmp_path):
    # a late recognition after a transfer: official from the end of probation, split intervals
    home, away = history["dong_thon"], history["binh_hai"]
    sponsors = (membership.official(home, "Phạm Văn Tâm"), membership.official(home, "Lê Văn Ý"))
    late = membership.application(home, sponsors, submitted_on=date(2025, 3, 1),
                                  full_name="Hoàng Văn Muộn")
    membership.admit(late, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(late, date(2025, 6, 10)))
    membership.transfer(late, away, date(2026, 7, 1))
    membership.recognise(late, date(2026, 9, 1))

    (one, folded), parked_one, parked_folded = one_by_one_and_folded(app, tmp_path)
    assert all(rows for tables in one.values() for rows in tables.values())
    assert folded == one
    assert parked_one == parked_folded == []


def test_a_placement_entered_after_a_merge_goes_to_the_survivor_in_a_folded_batch(
        app, membership, history, tmp_path):
    """The folded batch looks up each organisation's survivor once, until a merge: a branch
    looked up before its merge, then a transfer into it dated before the merge but entered
    after it, puts the member on the survivor's rolls, as one event at a time does."""
    commune = membership.organisation("Đảng bộ xã Khánh Thượng", "commune_committee",
                                      history["province"])
    old, survivor = (membership.branch(commune, "Chi bộ thôn Cũ"),
                     membership.branch(commune, "Chi bộ thôn Mới"))
    membership.official(old, "Trịnh Văn Cũ")  # the batch looks `old` up here
    late = membership.official(history["dong_thon"], "Đinh Văn Muộn")
    membership.run(c.MergeOrganisation(old, survivor, date(2025, 7, 1)))
    membership.transfer(late, old, date(2025, 6, 15))  # dated before the merge

    (one, folded), _, _ = one_by_one_and_folded(app, tmp_path)
    assert folded == one
    columns = [d[0] for d in app.runner.db.conn.execute("SELECT * FROM members LIMIT 0")
               .description]
    rows = {r[columns.index("id")]: r[columns.index("organisation_id")]
            for r in folded["members"]["members"]}
    assert rows[late] == survivor


def test_an_event_that_fails_in_a_folded_batch_is_parked_alone(app, membership, history,
                                                                tmp_path):
    """A second 'existing member recorded' for a member already on the rolls: the members,
    badges and as-of read models refuse it (a duplicate key), one by one and in a folded batch
    alike."""
    from kit.envelope import CommandContext, NewEvent
    from kit.store import StreamAppend

    first = next(e for e in app.store.read_all(0, 10_000)
                 if e.type == "membership.ExistingMemberRecorded")
    again = NewEvent(first.type, first.schema_version, first.data, first.occurred_at)
    app.store.append([StreamAppend("member-duplicate", 0, [again])],
                     CommandContext("cmd-duplicate", first.province))
    membership.official(history["dong_thon"], "Lê Văn Sau")  # the log goes on after it

    (one, folded), parked_one, parked_folded = one_by_one_and_folded(app, tmp_path)
    assert folded == one
    assert [(p["projection"], p["type"]) for p in parked_folded] == \
        [(p["projection"], p["type"]) for p in parked_one]
    assert {p["projection"] for p in parked_folded} == {"members", "badges_due", "tree_as_of"}
