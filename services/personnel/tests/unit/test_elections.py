"""The election rules' edges (QĐ 190-QĐ/TW), on the congress aggregate: notice in working days,
số dư ≤ 30 % of the seats, quorum ≥ 2/3 of those summoned, a winner > ½ of those summoned, the
highest when more win than the seats, a further round for a tie, a chi bộ of 8 vs 9 members,
the bí thư elected directly where the term's rule says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from kit.errors import InvalidInput, InvalidState, RuleViolated
from kit.workdays import WorkingDayCalendar
from services.personnel.domain.congress import Congress, count_round
from services.personnel.domain.congress_events import BallotCounted, CandidatesNominated
from services.personnel.domain.election_rules import ELECTION_RULES
from services.personnel.domain.events import DecisionRecord

RULES = ELECTION_RULES.in_force(date(2026, 3, 2))
CALENDAR = WorkingDayCalendar.of("VN")
PEOPLE = [f"m{i}" for i in range(20)]


def congress(summoned: int = 12, org_type: str = "commune_committee", members: int = 0,
             term: str = "2025-2030", rules=RULES) -> Congress:
    c = Congress("c1")
    c.convene("org", org_type, term, "delegates", date(2026, 3, 2), date(2026, 4, 20),
              summoned, members or summoned, rules, CALENDAR)
    return c


def test_the_notice_is_counted_in_working_days_and_30_is_enough_29_is_not():
    opens = date(2026, 6, 15)
    days = [opens - timedelta(days=n) for n in range(1, 90)]
    exactly = next(d for d in days if CALENDAR.count(d, opens) == 30)
    Congress("a").convene("org", "commune_committee", "2025-2030", "members", exactly, opens,
                          10, 10, RULES, CALENDAR)
    later = next(d for d in days if CALENDAR.count(d, opens) == 29)
    with pytest.raises(RuleViolated) as refused:
        Congress("b").convene("org", "commune_committee", "2025-2030", "members", later, opens,
                              10, 10, RULES, CALENDAR)
    assert (refused.value.rule, refused.value.rule_version) == \
        ("congress.notice_working_days", "CT45-2025")


@pytest.mark.parametrize("seats, candidates, allowed", [
    (10, 13, True), (10, 14, False), (7, 9, True), (7, 10, False), (3, 3, True), (3, 4, False)])
def test_the_surplus_is_at_most_30_percent_of_the_seats(seats, candidates, allowed):
    c = congress(summoned=30)
    nominate = lambda: c.nominate("e1", "committee", seats, tuple(PEOPLE[:candidates]), RULES)  # noqa: E731
    if allowed:
        nominate()
        return
    with pytest.raises(RuleViolated) as refused:
        nominate()
    assert refused.value.rule == "election.max_surplus_share"
    assert f"at most 30/100 of the seats: {seats * 3 // 10}" in str(refused.value)


@pytest.mark.parametrize("present, ok", [(8, True), (7, False)])
def test_the_quorum_is_two_thirds_of_those_summoned(present, ok):
    c = congress(summoned=12)
    c.nominate("e1", "committee", 1, ("m0",), RULES)
    if ok:
        c.count("e1", date(2026, 4, 20), present, present, present, present, {"m0": present},
                RULES)
        return
    with pytest.raises(RuleViolated) as refused:
        c.count("e1", date(2026, 4, 20), present, present, present, present, {"m0": present},
                RULES)
    assert refused.value.rule == "election.quorum_share"


def test_a_winner_needs_more_than_half_of_those_summoned_not_of_the_votes():
    assert count_round({"a": 7, "b": 6}, 2, 12, RULES) == (("a",), (), 1)
    assert count_round({"a": 7, "b": 6}, 2, 11, RULES) == (("a", "b"), (), 0)


def test_more_winners_than_seats_elect_the_highest_and_a_tie_for_the_last_seat_waits():
    assert count_round({"a": 9, "b": 8, "c": 7}, 2, 12, RULES) == (("a", "b"), (), 0)
    assert count_round({"a": 9, "b": 8, "c": 8}, 2, 12, RULES) == (("a",), ("b", "c"), 1)


def test_a_tie_is_recorded_and_the_further_round_is_between_the_tied_only():
    c = congress(summoned=12)
    c.nominate("e1", "committee", 4, ("x", "y", "a", "b", "c"), RULES)
    c.count("e1", date(2026, 4, 20), 12, 12, 12, 12,
            {"x": 12, "y": 11, "a": 10, "b": 8, "c": 8}, RULES)
    e = c.elections["e1"]
    assert (e.elected, e.tied, e.seats_left) == (["x", "y", "a"], ("b", "c"), 1)
    with pytest.raises(InvalidInput):
        c.count("e1", date(2026, 4, 20), 12, 12, 12, 12, {"a": 1, "b": 9, "c": 3}, RULES)
    with pytest.raises(InvalidState):
        c.approve("e1", DecisionRecord("up", "standing_committee", "1", date(2026, 5, 1), "X"),
                  RULES)
    c.count("e1", date(2026, 4, 20), 12, 12, 12, 12, {"b": 9, "c": 3}, RULES)
    assert (e.elected, e.tied, e.seats_left, e.rounds) == (["x", "y", "a", "b"], (), 0, 2)
    with pytest.raises(InvalidState):
        c.count("e1", date(2026, 4, 20), 12, 12, 12, 12, {"c": 12}, RULES)


@pytest.mark.parametrize("members, body, seats, refused_by", [
    (8, "committee", 3, "election.branch_committee_min_members"),
    (9, "committee", 3, None),
    (9, "committee", 7, None),
    (9, "committee", 8, "election.branch_committee_max_seats"),
    (8, "secretary", 1, None),
    (8, "deputy_secretary", 1, None),
])
def test_a_chi_bo_of_fewer_than_9_elects_a_secretary_and_from_9_a_chi_uy_of_at_most_7(
        members, body, seats, refused_by):
    c = congress(summoned=members, org_type="grassroots_branch")
    nominate = lambda: c.nominate("e1", body, seats, tuple(PEOPLE[:seats]), RULES)  # noqa: E731
    if refused_by is None:
        nominate()
        assert c.elections["e1"].held_by == "congress"
        return
    with pytest.raises(RuleViolated) as refused:
        nominate()
    assert refused.value.rule == refused_by


def test_a_chi_bo_elects_no_standing_committee():
    with pytest.raises(InvalidInput):
        congress(summoned=12, org_type="sub_branch").nominate("e1", "standing_committee", 3,
                                                              ("a", "b", "c"), RULES)


def test_the_bi_thu_is_elected_at_congress_where_the_term_s_rule_says_so_else_by_the_committee():
    assert congress(term="2025-2030").direct_secretary
    off = replace(RULES, values={**RULES.values, "election.direct_secretary_terms": ()})
    c = congress(term="2025-2030", rules=off)
    assert not c.direct_secretary
    with pytest.raises(InvalidState):  # the new committee elects: it must be counted first
        c.nominate("s", "secretary", 1, ("a",), off)
    c.nominate("e1", "committee", 3, ("a", "b", "c"), off)
    c.count("e1", date(2026, 4, 20), 12, 12, 12, 12, {"a": 12, "b": 11, "c": 10}, off)
    with pytest.raises(InvalidInput):  # from the committee's members only
        c.nominate("s", "secretary", 1, ("z",), off)
    c.nominate("s", "secretary", 1, ("a",), off)
    assert c.elections["s"].held_by == "committee"
    # the committee's first session: those summoned are the 3 elected, so 2 votes win
    c.count("s", date(2026, 4, 21), 3, 3, 3, 3, {"a": 2}, off)
    assert c.elections["s"].elected == ["a"]


def test_events_name_the_rule_version():
    c = congress()
    c.nominate("e1", "committee", 3, ("a", "b", "c"), RULES)
    c.count("e1", date(2026, 4, 20), 12, 12, 12, 12, {"a": 12, "b": 11, "c": 10}, RULES)
    nominated, counted = c.pending[1:]
    assert isinstance(nominated, CandidatesNominated) and isinstance(counted, BallotCounted)
    assert (nominated.rule_version, counted.rule_version) == ("CT45-2025", "CT45-2025")
    assert (nominated.surplus, counted.summoned, counted.elected) == (0, 12, ("a", "b", "c"))
