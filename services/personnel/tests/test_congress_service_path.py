"""Congresses and elections on the real embedded path: those summoned to a members' congress come
from personnel's view of membership's events; refusals are typed, name the rule and change
nothing; results are approved by the directly superior committee only; who sits on a body shows
whether they were elected or appointed."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kit.envelope import Actor, CommandContext
from kit.errors import Forbidden, InvalidInput, NotFound, RuleViolated
from kit.json_encode import to_jsonable
from kit.nameko.wire import wire_of
from services.membership.domain import commands as m
from services.personnel import api as c
from services.personnel.declaration import DECLARATION

from .congress_scenario import NAMES, convene, hold_election, votes


def as_committee(world, command, org: str, organ: str = "standing_committee") -> dict:
    context = CommandContext(str(uuid.uuid4()), "NB", Actor("u-ban-to-chuc", "organisation_commission"),
                             acting_organ=organ)
    return world.personnel.service.execute(command, context, acting_for=org).ids


GIVEN = ("Anh", "Bảo", "Châu", "Dũng", "Hà", "Khánh", "Linh", "Minh", "Nga", "Phúc")


def branch_members(world, n: int) -> list[str]:
    return [world.member(f"Ngô Văn {GIVEN[i]}", date(1970 + i, 1, 1)) for i in range(n)]


def test_a_members_congress_summons_the_members_on_its_rolls_and_8_elect_no_chi_uy(world):
    members = branch_members(world, 8)
    congress = convene(world, world.branch, "members", None)
    assert world.queries.congress(congress).summoned == 8
    before = world.personnel.store.read_all(0, 100000)
    with pytest.raises(RuleViolated) as refused:
        world.run(c.NominateCandidates(congress, "committee", 3, tuple(members[:3])))
    assert refused.value.rule == "election.branch_committee_min_members"
    assert len(world.personnel.store.read_all(0, 100000)) == len(before)
    world.run(c.NominateCandidates(congress, "secretary", 1, (members[0],)))

    ninth = world.member("Ngô Thị Quỳnh", date(1985, 1, 1))
    larger = world.run(c.ConveneCongress(world.branch, "2030-2035", "members",
                                         date(2026, 3, 2), date(2026, 4, 20)))["congress_id"]
    with pytest.raises(RuleViolated) as refused:
        world.run(c.NominateCandidates(larger, "committee", 8, (*members, ninth)[:8]))
    assert refused.value.rule == "election.branch_committee_max_seats"
    world.run(c.NominateCandidates(larger, "committee", 7, tuple(members[:7])))


def test_a_short_notice_is_refused_naming_the_rule(world):
    with pytest.raises(RuleViolated) as refused:
        convene(world, world.commune, notice_on=date(2026, 3, 20), opens_on=date(2026, 4, 20))
    assert (refused.value.rule, refused.value.rule_version) == \
        ("congress.notice_working_days", "CT45-2025")
    assert world.queries.congresses(world.commune) == []


def test_an_election_counted_and_approved_reads_with_names_rounds_and_who_sits_how(world):
    ids = hold_election(world)
    [congress] = world.queries.congresses(world.commune)
    assert (congress.kind, congress.summoned, congress.direct_secretary) == \
        ("delegates", 12, True)
    [election] = congress.elections
    assert sorted(p.full_name for p in election.elected) == sorted(NAMES[:5])
    assert [v.votes for v in election.rounds[0].votes] == [10, 9, 9, 8, 7, 3]
    assert (election.surplus, election.seats_left, election.further_round_needed) == (1, 0, False)
    assert election.approval.number == "30-QĐ/TU"
    assert election.approval.organisation_id == world.province
    seats = world.queries.committee_members(world.commune, "2025-2030")
    assert sorted((s.full_name, s.how, s.approved) for s in seats) == sorted(
        [(n, "elected", True) for n in NAMES[:5]] + [(NAMES[6], "appointed", True)])
    assert ids["m5"] not in {s.member_id for s in seats}  # 3 of 12 summoned: not > ½


def test_results_are_approved_by_the_directly_superior_committee_only(world):
    members = branch_members(world, 3)
    congress = convene(world, world.commune)
    election = world.run(c.NominateCandidates(congress, "delegates", 3, tuple(members)))[
        "election_id"]
    world.run(c.RecordBallotResults(congress, election, date(2026, 4, 20), 12, 12, 12, 12,
                                    votes(members, [12, 11, 7])))
    approve = c.ApproveElectionResults(congress, election, decision=c.DecisionInput(
        "1-QĐ/ĐU", date(2026, 4, 25), "Trần Văn Bình"))
    with pytest.raises(Forbidden):  # the commune's own committee does not approve its results
        as_committee(world, approve, world.commune)
    with pytest.raises(RuleViolated) as refused:
        as_committee(world, approve, world.province, organ="inspection_committee")
    assert refused.value.rule == "election.approval_organs"
    as_committee(world, approve, world.province)
    assert world.queries.congress(congress).elections[0].approval.organ == "standing_committee"


def test_a_congress_outside_the_callers_subtree_is_not_found(world):
    other = world.organisation("Đảng bộ xã Yên Thái", "commune_committee", world.province)
    congress = convene(world, world.commune)
    with pytest.raises(NotFound):
        as_committee(world, c.NominateCandidates(congress, "committee", 1, ()), other)
    with pytest.raises(NotFound):
        as_committee(world, c.ConveneCongress(world.commune, "2025-2030", "delegates",
                                              date(2026, 3, 2), date(2026, 4, 20), 10), other)


def test_candidates_are_members_of_the_organisation_the_caller_sees(world):
    other = world.organisation("Đảng bộ xã Yên Thái", "commune_committee", world.province)
    [member] = branch_members(world, 1)  # on the rolls of a chi bộ of Yên Mô
    congress = convene(world, other)
    with pytest.raises(InvalidInput):
        world.run(c.NominateCandidates(congress, "delegates", 1, (member,)))
    with pytest.raises(NotFound):  # acting for Yên Thái: Yên Mô's member names nothing
        as_committee(world, c.NominateCandidates(congress, "delegates", 1, (member,)), other)
    assert world.queries.congress(congress).elections == []


def test_congress_commands_and_answers_cross_the_rpc_wire_unchanged(world):
    wire = wire_of(DECLARATION)
    ids = hold_election(world)
    counted = c.RecordBallotResults(ids["congress"], ids["committee"], date(2026, 4, 20), 9, 9,
                                    9, 9, votes([ids["m0"]], [9]))
    for command in (counted, c.NominateCandidates(ids["congress"], "delegates", 1,
                                                  (ids["m0"],))):
        name, payload = wire.command_to_wire(command)
        assert wire.command_from_wire(name, payload) == command
    for name, args in (("congress", (ids["congress"],)),
                       ("committee_members", (world.commune, "2025-2030"))):
        answer = getattr(world.queries, name)(*args)
        assert wire.query_result_from_wire(name, to_jsonable(answer)) == answer


def test_probationary_members_and_members_gone_from_the_rolls_are_not_summoned(world):
    official = branch_members(world, 9)
    world.member_command(m.RecordExistingMember(
        world.branch, m.ProfileInput(
            full_name="Đinh Thị Sen", date_of_birth=date(2000, 2, 2), gender="female",
            ethnicity="Kinh", hometown="Yên Mô, Ninh Bình", citizen_id="037300999001",
            education="upper_secondary", political_theory="none", occupation="Giáo viên"),
        "probationary", date(2025, 11, 1), ceremony_on=date(2025, 11, 10)))
    world.member_command(m.RecordMemberDeath(official[0], date(2026, 1, 15)))
    congress = convene(world, world.branch, "members", None)
    assert (world.queries.congress(congress).summoned,
            world.queries.congress(congress).members) == (8, 8)
    with pytest.raises(RuleViolated) as refused:  # 8 official members: no chi ủy
        world.run(c.NominateCandidates(congress, "committee", 3, tuple(official[1:4])))
    assert refused.value.rule == "election.branch_committee_min_members"
    world.personnel.runner.rebuild()
    assert world.queries.members_count(world.branch) == (9, 8)


def test_a_tie_for_the_last_seat_is_recorded_and_read_until_the_further_round(world):
    members = branch_members(world, 5)
    congress = convene(world, world.commune)
    election = world.run(c.NominateCandidates(congress, "committee", 4, tuple(members)))[
        "election_id"]
    world.run(c.RecordBallotResults(congress, election, date(2026, 4, 20), 12, 12, 12, 12,
                                    votes(members, [12, 11, 10, 8, 8])))
    [read] = world.queries.congress(congress).elections
    assert (read.further_round_needed, read.seats_left, len(read.elected)) == (True, 1, 3)
    assert set(read.rounds[0].tied) == set(members[3:])
    world.run(c.RecordBallotResults(congress, election, date(2026, 4, 20), 12, 12, 12, 12,
                                    votes(members[3:], [9, 3])))
    [read] = world.queries.congress(congress).elections
    assert (read.further_round_needed, read.seats_left) == (False, 0)
    assert [p.member_id for p in read.elected][-1] == members[3]
    assert [r.round for r in read.rounds] == [1, 2]
