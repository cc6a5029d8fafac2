"""A province's facts entered in date order, and again with the backlog entered after the 2025
reorganisation (and in other orders the rules accept): every as-of read model answers the same.

Each fact is a command with a fixed command id, so the ids it creates are the same on every
platform. A shuffled order keeps each member's and each organisation's own facts in order (a
backdated fact that contradicts a later one of the same file is refused, tested elsewhere) and
what a command needs to exist first; everything else moves, the reorganisation of 1/7/2025 as
early as it can.
"""

from __future__ import annotations

import random
import tempfile
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

import pytest

from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import RuleViolated
from partyorg.embedded import build_platform, build_service
from services.membership.application.handlers import new_id
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

from .conftest import TODAY, profile

OFFICER = Actor("u-officer", "organisation_commission")
REORG = date(2025, 7, 1)
# a decision's body is found by `decided_by_their_bodies`: the table names it, as of its date
TO_BE_FOUND = c.DecisionInput("12-QĐ", "Nguyễn Văn Thành",
                              c.DecidingBodyInput(new_id("oi-tinh", "organisation"),
                                                  "organisation_board"))


def org(label: str) -> str:
    return new_id(f"oi-{label}", "organisation")


def member(label: str) -> str:
    return new_id(f"oi-{label}", "member")


@dataclass
class Fact:
    label: str
    on: date
    command: object
    entity: str  # whose own facts stay in order
    needs: tuple[str, ...] = ()
    reorg: bool = False


@dataclass
class Province:
    facts: list[Fact] = field(default_factory=list)

    def add(self, label, on, command, entity, *needs, reorg=False) -> None:
        self.facts.append(Fact(label, on, command, entity, tuple(needs), reorg))

    def create(self, label, name, type_, parent, on) -> None:
        self.add(label, on, c.CreateOrganisation(name, type_, org(parent) if parent else None,
                                                 on), label, *((parent,) if parent else ()))

    def record(self, label, branch, name, admitted_on, born, official=True, **kw) -> None:
        self.add(label, admitted_on, c.RecordExistingMember(
            organisation_id=org(branch), profile=profile(name, date_of_birth=born, **kw),
            status="official" if official else "probationary", admitted_on=admitted_on,
            ceremony_on=admitted_on,
            official_from=admitted_on.replace(year=admitted_on.year + 1) if official else None,
        ), label, branch)

    def on_member(self, label, who, on, command, *needs) -> None:
        self.add(label, on, command, who, *needs)


def province_facts() -> Province:
    """The facts, each decision by the body the rule table gives it on its date."""
    return Province(list(decided_by_their_bodies()))


@cache
def decided_by_their_bodies() -> tuple[Fact, ...]:
    """Enters the planned facts in date order into a scratch platform; a decision naming a body
    the table does not give it is refused naming the bodies that may, and takes the first."""
    out = []
    with tempfile.TemporaryDirectory() as scratch:
        clock = FixedClock()
        clock.set_today(TODAY)
        platform = build_platform(scratch, clock=clock)
        try:
            for f in in_date_order(planned_facts().facts):
                try:
                    enter(platform.membership, [f])
                except RuleViolated as refused:
                    (body, *_) = refused.details["may_decide"]
                    decision = replace(f.command.decision, body=c.DecidingBodyInput(
                        body["organisation_id"], body["organ"]))
                    f = replace(f, command=replace(f.command, decision=decision))
                    enter(platform.membership, [f])
                out.append(f)
        finally:
            platform.close()
    return tuple(out)


def planned_facts() -> Province:
    p = Province()
    p.create("tinh", "Đảng bộ tỉnh Ninh Bình", "provincial_committee", None, date(1975, 1, 1))
    p.create("huyen", "Đảng bộ huyện Yên Mô", "district_committee", "tinh", date(1975, 1, 1))
    p.create("a", "Đảng bộ xã Yên Thắng", "commune_committee", "huyen", date(1975, 1, 1))
    p.create("b", "Đảng bộ xã Yên Hòa", "commune_committee", "huyen", date(1975, 1, 1))
    p.create("a1", "Chi bộ thôn Bình Hải", "sub_branch", "a", date(1975, 1, 1))
    p.create("a2", "Chi bộ thôn Yên Thổ", "sub_branch", "a", date(1975, 1, 1))
    p.create("b1", "Chi bộ thôn Đông Thôn", "sub_branch", "b", date(1975, 1, 1))
    p.create("a3", "Chi bộ thôn Mới", "sub_branch", "a", date(2024, 1, 1))
    p.record("an", "a1", "Nguyễn Văn An", date(1980, 3, 1), date(1950, 1, 5))
    p.record("binh", "a1", "Trần Văn Bình", date(1990, 5, 1), date(1960, 2, 1))
    p.record("chi", "a2", "Hoàng Thị Chi", date(2005, 6, 1), date(1980, 3, 1), gender="female")
    p.record("dung", "a2", "Phạm Văn Dũng", date(2010, 9, 1), date(1985, 7, 1))
    p.record("em", "a2", "Lê Văn Em", date(2012, 2, 1), date(1988, 8, 8))
    p.record("giang", "b1", "Đỗ Thị Giang", date(2015, 4, 1), date(1990, 1, 1), gender="female")
    p.record("hai", "a1", "Vũ Văn Hải", date(2000, 1, 10), date(1970, 5, 5))
    # an applicant on the full path, sponsored by An and Bình
    p.add("tuan", date(2024, 3, 1), c.SubmitApplication(
        organisation_id=org("a1"), profile=profile("Hoàng Minh Tuấn", date_of_birth=date(2000, 1, 15)),
        sponsors=(c.SponsorInput("member", date(2020, 1, 1), member("an")),
                  c.SponsorInput("member", date(2020, 1, 1), member("binh"))),
        submitted_on=date(2024, 3, 1)), "tuan", "a1", "an", "binh")
    t = member("tuan")
    p.on_member("tuan-proposed", "tuan", date(2024, 4, 20),
                c.ProposeAdmission(t, date(2024, 4, 20), 3, 4, "03-NQ/CB"))
    p.on_member("tuan-proposed-official", "tuan", date(2025, 5, 25),
                c.ProposeOfficialRecognition(t, date(2025, 5, 25), 4, 4, "09-NQ/CB"))
    p.on_member("em-proposed", "em", date(2025, 6, 10), c.ProposeRemovalFromRolls(
        member("em"), "absent_or_unpaid_three_months", date(2025, 6, 10), "", "07-NQ/CB"))
    p.on_member("tuan-admit", "tuan", date(2024, 5, 2),
                c.AdmitMember(t, date(2024, 5, 2), date(2024, 4, 20), "12-QĐ",
                              decision=TO_BE_FOUND))
    p.on_member("tuan-ceremony", "tuan", date(2024, 5, 20), c.HoldAdmissionCeremony(t, date(2024, 5, 20)))
    p.on_member("tuan-official", "tuan", date(2025, 6, 1),
                c.RecogniseOfficialMember(t, date(2025, 6, 1), decision=TO_BE_FOUND))
    # movements, exemption, discipline, leaving, before and after the reorganisation
    p.on_member("chi-transfer", "chi", date(2024, 9, 1),
                c.TransferMember(member("chi"), org("b1"), date(2024, 9, 1),
                                 decision=TO_BE_FOUND), "b1")
    p.on_member("dung-transfer", "dung", date(2025, 6, 15),
                c.TransferMember(member("dung"), org("a3"), date(2025, 6, 15),
                                 decision=TO_BE_FOUND), "a3")
    p.on_member("hai-away", "hai", date(2025, 3, 1), c.TransferMemberTemporarily(
        member("hai"), org("b1"), date(2025, 3, 1), date(2025, 9, 1), "work"), "b1")
    p.on_member("hai-back", "hai", date(2025, 9, 1),
                c.EndTemporaryTransfer(member("hai"), date(2025, 9, 1)))
    p.on_member("em-removed", "em", date(2025, 6, 15), c.RemoveMemberFromRolls(
        member("em"), "absent_or_unpaid_three_months", date(2025, 6, 15), "",
        decision=TO_BE_FOUND))
    p.on_member("an-exempt", "an", date(2025, 1, 10),
                c.ExemptMember(member("an"), date(2025, 1, 10), "old_age",
                               decision=TO_BE_FOUND))
    p.on_member("giang-reprimand", "giang", date(2025, 4, 1), c.DisciplineMember(
        member("giang"), "reprimand", date(2025, 4, 1), "Vi phạm quy định",
        decision=TO_BE_FOUND))
    p.on_member("binh-died", "binh", date(2026, 2, 1),
                c.RecordMemberDeath(member("binh"), date(2026, 2, 1)))
    p.on_member("chi-back", "chi", date(2025, 10, 1),
                c.TransferMember(member("chi"), org("a1"), date(2025, 10, 1),
                                 decision=TO_BE_FOUND), "a-merged")
    # the reorganisation of 1/7/2025: communes merged and moved under the province, branch
    # Yên Thổ merged into Đông Thôn, the district dissolved
    p.add("a2-merged", REORG, c.MergeOrganisation(org("a2"), org("b1"), REORG), "a2", "b1",
          reorg=True)
    p.add("a-merged", REORG, c.MergeOrganisation(org("a"), org("b"), REORG), "a", "b",
          "a2-merged", reorg=True)
    p.add("b-moved", REORG, c.MoveOrganisation(org("b"), org("tinh"), REORG), "b",
          "a-merged", reorg=True)
    p.add("b-renamed", REORG, c.RenameOrganisation(org("b"), "Đảng bộ xã Yên Mô", REORG), "b",
          "b-moved", reorg=True)
    p.add("huyen-dissolved", REORG, c.DissolveOrganisation(org("huyen"), REORG, "Sáp nhập 2025"),
          "huyen", "b-moved", "a-merged", reorg=True)
    return p


def in_date_order(facts: list[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: f.on)  # stable: a day's facts as listed


def backlog_after_reorganisation(facts: list[Fact], seed: int) -> list[Fact]:
    """Each step takes a ready fact: the reorganisation's first, then any other at random."""
    chains: dict[str, list[Fact]] = {}
    for f in in_date_order(facts):
        chains.setdefault(f.entity, []).append(f)
    done: set[str] = set()
    order: list[Fact] = []
    rng = random.Random(seed)
    while len(order) < len(facts):
        ready = [chain[0] for chain in chains.values()
                 if chain and all(n in done for n in chain[0].needs)]
        reorg = [f for f in ready if f.reorg]
        f = reorg[0] if reorg else rng.choice(ready)
        chains[f.entity].pop(0)
        done.add(f.label)
        order.append(f)
    return order


def enter(service, facts: list[Fact]) -> None:
    for f in facts:
        context = CommandContext(command_id=f"oi-{f.label}", province=service.province,
                                 actor=OFFICER)
        service.service.execute(f.command, context, acting_for=None)
    service.settle()


def grid(facts: list[Fact], today: date) -> list[date]:
    days = {REORG, today, date(2025, 6, 30), date(2025, 7, 2)}
    for f in facts:
        days |= {f.on - timedelta(days=1), f.on, f.on + timedelta(days=1)}
    return sorted(d for d in days if d <= today)


def answers(queries, facts: list[Fact], today: date) -> dict[str, object]:
    """Every as-of question (and the current ones) about the province, by question."""
    orgs = [org(f.label) for f in facts if isinstance(f.command, c.CreateOrganisation)]
    members = [member(f.label) for f in facts
               if isinstance(f.command, c.RecordExistingMember | c.SubmitApplication)]
    out: dict[str, object] = {}
    for day in grid(facts, today):
        out[f"tree {day}"] = _tree(queries.organisation_tree(org("tinh"), as_of=day))
        for o in orgs:
            page = queries.members_as_of(o, day, first=200)
            out[f"members_as_of {o} {day}"] = sorted((v.id, s) for v, s in page.items)
    out["tree now"] = _tree(queries.organisation_tree(org("tinh")))
    for o in orgs:
        out[f"organisation {o}"] = queries.organisation(o)
        out[f"members now {o}"] = [v.id for v in queries.members(
            o, statuses=["applicant", "probationary", "official", "removed_from_rolls",
                         "deceased"], first=200).items]
    for m in members:
        view = queries.member(m)
        out[f"member {m}"] = {k: v for k, v in view.__dict__.items()}
        out[f"history {m}"] = sorted((h.event, h.effective_on, sorted(h.details.items()))
                                     for h in queries.member_history(m))
    out["badges"] = [(b.member.id, b.years, b.due_on) for b in queries.badges_due(
        org("tinh"), date(2000, 1, 1), date(2040, 12, 31), first=200).items]
    return out


def meeting_answers(queries, facts: list[Fact], today: date) -> dict[str, object]:
    """The meetings service's view of the same facts: each branch's roll on each day of the
    grid (what a meeting that day summons), the current rolls and the tree it scopes by."""
    orgs = [org(f.label) for f in facts if isinstance(f.command, c.CreateOrganisation)]
    out: dict[str, object] = {}
    for o in orgs:
        out[f"roster {o}"] = queries.summons_for(o)
        out[f"organisation {o}"] = queries.organisation(o)
        out[f"within {o}"] = [queries.is_within(o, s) for s in orgs]
        for day in grid(facts, today):
            out[f"summons {o} {day}"] = queries.summons_for(o, day)
    return out


def _tree(node) -> object:
    if node is None:
        return None
    o = node.organisation
    return (o.id, o.name, o.parent_id, o.status, o.ended_on, sorted(node.own_counts.items()),
            sorted(node.subtree_counts.items()), [_tree(n) for n in node.children])


def test_the_orders_entered_are_really_different():
    facts = province_facts().facts
    shuffled = backlog_after_reorganisation(facts, seed=1)
    first_member_fact = next(i for i, f in enumerate(shuffled) if f.label == "em-removed")
    assert first_member_fact > max(i for i, f in enumerate(shuffled) if f.reorg)
    assert [f.label for f in shuffled] != [f.label for f in in_date_order(facts)]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_as_of_answer_is_the_same_whatever_order_the_facts_were_entered_in(
        tmp_path, clock, seed):
    facts = province_facts().facts
    on_time = build_platform(tmp_path / "on-time", clock=clock)
    late = build_platform(tmp_path / "late", clock=clock)
    try:
        enter(on_time.membership, in_date_order(facts))
        enter(late.membership, backlog_after_reorganisation(facts, seed))
        on_time.settle()
        late.settle()
        for part in (answers, meeting_answers):
            service = "membership" if part is answers else "meetings"
            expected = part(on_time[service].queries, facts, clock.today())
            got = part(late[service].queries, facts, clock.today())
            assert {k: v for k, v in got.items() if expected[k] != v} == {}, service
            assert got == expected
        assert any(expected[k] for k in expected if k.startswith("summons"))
    finally:
        on_time.close()
        late.close()


def test_the_probe_a_removal_backdated_across_a_merge_lands_before_it(tmp_path, clock):
    """A member of Yên Thổ removed on 15/6/2025, entered after Yên Thổ merged on 1/7/2025:
    on 20/6/2025 Yên Thổ's rolls no longer hold them, and nobody's do after."""
    facts = province_facts().facts
    platform = build_platform(tmp_path / "late", clock=clock)
    try:
        enter(platform.membership, backlog_after_reorganisation(facts, seed=1))
        q = platform.membership.queries
        then = {v.id: s for v, s in q.members_as_of(org("a2"), date(2025, 6, 20), first=50).items}
        before = {v.id: s for v, s in q.members_as_of(org("a2"), date(2025, 6, 14), first=50).items}
        after = {v.id for v, _ in q.members_as_of(org("b1"), date(2025, 7, 2), first=50).items}
        assert member("em") in before and member("em") not in then
        assert member("em") not in after and member("dung") not in after
        assert member("dung") in {v.id for v, _ in q.members_as_of(
            org("a3"), date(2025, 6, 20), first=50).items}
        moved = [h for h in q.member_history(member("dung")) if h.event == "MemberTransferred"]
        assert moved[0].details["from_organisation_id"] == org("a2")  # not its survivor
    finally:
        platform.close()


@pytest.mark.infra
def test_on_postgresql_the_late_order_answers_as_the_embedded_on_time_one(tmp_path, clock):
    import psycopg

    from kit.postgres.readmodel import PgReadModelDb
    from kit.testing.services import require_env

    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    schema = f"oi_{uuid.uuid4().hex[:10]}_rm"
    facts = province_facts().facts
    on_time = build_service(MEMBERSHIP, tmp_path / "on-time", clock=clock)
    late = build_service(MEMBERSHIP, tmp_path / "late", clock=clock,
                         read_db=PgReadModelDb(dsn, schema))
    try:
        assert late.read_db.dialect == "postgres"
        enter(on_time, in_date_order(facts))
        enter(late, backlog_after_reorganisation(facts, seed=2))
        expected = answers(on_time.queries, facts, clock.today())
        got = answers(late.queries, facts, clock.today())
        assert {k: v for k, v in got.items() if expected[k] != v} == {}
    finally:
        on_time.close()
        late.close()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
