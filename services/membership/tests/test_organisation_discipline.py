"""Kỷ luật tổ chức đảng, and what a discipline was for (DOMAIN.md §3 "Discipline"): an
organisation is reprimanded or warned by the committee above it (its BTV, its UBKT) and
dissolved as discipline by the committee one level further up; any other body is refused,
naming the rule. A member's discipline names its misconduct (corruption is a fact the
evaluations read); one recorded before it could say so reads as "not stated"."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kit.envelope import Actor, CommandContext, NewEvent
from kit.errors import Forbidden, InvalidInput, InvalidState, NotFound, RuleViolated
from kit.store import StreamAppend
from services.membership.adapters.wire import CODEC
from services.membership.domain import commands as c
from services.membership.domain.discipline_commands import DisciplineOrganisation
from services.membership.domain.member import Member

from .conftest import by

RULES_NOW = "QĐ294-2025"
ON = date(2026, 9, 1)


def discipline(org: str, decision: c.DecisionInput, form: str = "reprimand",
               misconduct: str = "corruption", on: date = ON) -> DisciplineOrganisation:
    return DisciplineOrganisation(org, form, misconduct, on, "Buông lỏng quản lý thu chi",
                                  decision=decision)


def data_of_last(membership, stream: str) -> dict:
    return membership.store.read_stream(stream)[-1].data


@pytest.mark.parametrize("organ", ["committee", "standing_committee", "inspection_committee"])
def test_the_committee_above_reprimands_a_branch_for_corruption(membership, tree, organ):
    commune, branch = tree["commune"], tree["branch"]
    membership.run(discipline(branch, by(commune, organ, "15-QĐ/ĐU")), acting_for=commune,
                   organ=organ)

    stream = f"organisation-{branch}"
    assert membership.events_of(stream)[-1] == "OrganisationDisciplined"
    data = data_of_last(membership, stream)
    assert (data["form"], data["misconduct"], data["decided_on"]) == \
        ("reprimand", "corruption", "2026-09-01")
    assert data["decision"]["organisation_id"] == commune
    assert (data["decision"]["organ"], data["decision"]["number"]) == (organ, "15-QĐ/ĐU")
    assert data["rule_version"] == RULES_NOW
    # nothing in the tree changed: the branch is still active and can be renamed
    membership.run(c.RenameOrganisation(branch, "Chi bộ thôn Bình Hải 2", date(2026, 9, 2)))


@pytest.mark.parametrize("form", ["reprimand", "warning"])
def test_a_branch_cannot_discipline_itself_nor_the_province_skip_the_commune(membership, tree,
                                                                             form):
    branch, province = tree["branch"], tree["province"]
    for org, organ in ((branch, "assembly"), (branch, "committee"),
                       (province, "standing_committee")):
        error = membership.refuse(discipline(branch, by(org, organ), form), RuleViolated)
        assert (error.rule, error.rule_version) == \
            (f"organisation_discipline.{form}.deciding_body", RULES_NOW)
        assert "Đảng bộ xã Yên Thắng" in error.message  # it names the body that may
        assert {b["organisation_id"] for b in error.details["may_decide"]} == {tree["commune"]}


def test_dissolution_as_discipline_is_decided_one_level_further_up(membership, tree):
    branch, commune, province = tree["branch"], tree["commune"], tree["province"]
    error = membership.refuse(discipline(branch, by(commune, "committee"), "dissolution"),
                              RuleViolated)
    assert error.rule == "organisation_discipline.dissolution.deciding_body"
    assert error.details["may_decide"] == [{"organisation_id": province, "organ": "committee"}]

    membership.run(discipline(branch, by(province, "committee"), "dissolution"))
    assert data_of_last(membership, f"organisation-{branch}")["form"] == "dissolution"


def test_no_body_of_the_province_dissolves_an_organisation_directly_under_it(membership, tree):
    """Its committee one level further up is the Central Committee, outside this deployment."""
    for organ in ("committee", "standing_committee"):
        error = membership.refuse(
            discipline(tree["commune"], by(tree["province"], organ), "dissolution"),
            RuleViolated)
        assert error.details["may_decide"] == []
        assert "no body in this organisation tree" in error.message


def test_a_token_decides_only_for_its_own_body_and_within_its_subtree(membership, tree):
    commune, branch = tree["commune"], tree["branch"]
    # a branch token cannot name the commune's body: it lies outside the branch's subtree
    membership.refuse(discipline(branch, by(commune, "standing_committee")), NotFound,
                      acting_for=branch, organ="committee")
    # the commune's BTV cannot sign for its UBKT
    membership.refuse(discipline(branch, by(commune, "inspection_committee")), Forbidden,
                      acting_for=commune, organ="standing_committee")
    # a token with no organ takes no decisions
    membership.refuse(discipline(branch, by(commune, "standing_committee")), Forbidden,
                      acting_for=commune)
    # another commune's token does not see the branch at all
    other = membership.commune(tree["province"], "Đảng bộ xã Yên Hòa")
    membership.refuse(discipline(branch, by(other, "standing_committee")), NotFound,
                      acting_for=other, organ="standing_committee")


@pytest.mark.parametrize(("change", "field"), [
    ({"form": "expulsion"}, "form"),
    ({"misconduct": "gossip"}, "misconduct"),
    ({"on": date(2026, 12, 1)}, "decided_on"),
])
def test_a_bad_form_misconduct_or_date_is_refused_naming_the_field(membership, tree, change,
                                                                   field):
    error = membership.refuse(discipline(tree["branch"], by(tree["commune"]), **change),
                              InvalidInput)
    assert error.field == field


def test_an_organisation_not_active_on_the_date_is_not_disciplined(membership, tree):
    """The branch was established on 1/1/2010."""
    membership.refuse(discipline(tree["branch"], by(tree["commune"]), on=date(2009, 6, 1)),
                      InvalidState)


def test_a_member_discipline_names_its_misconduct_or_leaves_it_not_stated(membership, tree):
    corrupt = membership.official(tree["branch"], "Đinh Văn Tham")
    careless = membership.official(tree["branch"], "Lại Thị Lơ", gender="female")
    decision = membership.decided("discipline.warning", corrupt, ON)
    membership.run(c.DisciplineMember(corrupt, "warning", ON, "Nhận hối lộ",
                                      decision=decision, misconduct="corruption"))
    membership.discipline(careless, "reprimand", ON)

    assert data_of_last(membership, f"member-{corrupt}")["misconduct"] == "corruption"
    assert data_of_last(membership, f"member-{careless}")["misconduct"] is None
    error = membership.refuse(c.DisciplineMember(careless, "reprimand", ON, "Vi phạm",
                                                 decision=decision, misconduct="laziness"),
                              InvalidInput)
    assert error.field == "misconduct"


def test_a_discipline_stored_before_misconduct_was_recorded_reads_as_not_stated(membership,
                                                                               tree):
    member = membership.official(tree["branch"], "Vũ Văn Cũ")
    old = {"member_id": member, "form": "reprimand", "decided_on": "2024-05-02",
           "reason": "Vi phạm", "rule_version": "QĐ24-2021",
           "decision": {"organisation_id": tree["branch"], "organ": "assembly",
                        "number": "3-NQ/CB", "decided_on": "2024-05-02", "signer": "Lê Văn A",
                        "rule_version": "QĐ24-2021"}}
    stream = Member.stream_id_for(member)
    membership.store.append(
        [StreamAppend(stream, len(membership.store.read_stream(stream)), [
            NewEvent("membership.MemberDisciplined", 2, old,
                     occurred_at=datetime(2024, 5, 2, 2, 0, tzinfo=UTC))])],
        CommandContext(command_id="release-1.4-discipline", province="NB",
                       actor=Actor("u-ban-to-chuc", "organisation_commission")))

    stored = membership.store.read_stream(stream)[-1]
    assert (stored.type, stored.schema_version) == ("membership.MemberDisciplined", 2)
    event = CODEC.decode(stored.type, stored.schema_version, stored.data)
    assert event.misconduct is None and event.form.value == "reprimand"
    # the member still loads, and the read models applied it without a dead letter
    assert membership.service.repo.load(Member, member).exists
    membership.app.runner.catch_up()
    assert membership.app.runner.dead_letters() == []
