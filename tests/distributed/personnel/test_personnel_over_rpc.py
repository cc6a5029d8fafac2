"""Personnel as its three distributed processes: membership's member and discipline reach its
own view over Kafka, its commands and queries cross RabbitMQ typed, and through the gateway
process a cadre file is read by the managing committee only, each read in the audit."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from gateway.auth import VIEWER
from kit.clock import BUSINESS_TZ
from kit.errors import RuleViolated
from services.membership.domain import commands as m
from services.personnel import api as c

pytestmark = pytest.mark.infra
_serials = itertools.count(8100)


def decided(on: date) -> c.DecisionInput:
    return c.DecisionInput("15-QĐ/TU", on, "Nguyễn Văn Thành")


def test_membership_facts_reach_personnel_and_a_cadre_file_is_read_and_audited(
        personnel, personnel_gateway):
    t = personnel.topology
    commune = t.run(m.CreateOrganisation("Đảng bộ xã Kim Sơn", "commune_committee", t.root,
                                         date(2025, 7, 1))).ids["organisation_id"]
    branch = t.run(m.CreateOrganisation("Chi bộ thôn Đông", "grassroots_branch", commune,
                                        date(2025, 7, 2))).ids["organisation_id"]
    profile = m.ProfileInput(
        full_name="Nguyễn Văn Hùng", date_of_birth=date(1982, 5, 4), gender="male",
        ethnicity="Kinh", hometown="Kim Sơn, Ninh Bình",
        citizen_id=f"037082{next(_serials):06d}", education="upper_secondary",
        political_theory="advanced", occupation="Cán bộ")
    hung = t.run(m.RecordExistingMember(branch, profile, "official", date(2005, 5, 19),
                                        official_from=date(2006, 5, 19))).ids["member_id"]
    personnel.eventually("personnel's view of the member",
                         lambda: personnel.client.queries.organisation(commune) is not None)
    post = personnel.run(c.RegisterPost("Chủ tịch UBND xã", "government", "commune", commune,
                                        commune, 60))["post_id"]
    cadre = personnel.eventually("the member's cadre file", lambda: _open(personnel, commune,
                                                                          hung))
    personnel.run(c.AddCadreToPlan(post, cadre, "2030-2035",
                                   decision=decided(date.today())))
    [plan] = personnel.client.queries.plan_fullness(commune, "2030-2035")
    assert [x.full_name for x in plan.cadres] == ["Nguyễn Văn Hùng"] and plan.places == 3

    t.run(m.DisciplineMember(hung, "reprimand", date.today(), "Vi phạm", decision=m.DecisionInput(
        "7-QĐ/TU", "Nguyễn Văn Thành", m.DecidingBodyInput(commune, "committee"))))
    # the worker's policy proposes the removal itself (removal_policy), for the body to decide
    [item] = personnel.eventually("the plan removal the discipline proposes", lambda: [
        i for i in personnel.client.queries.work_queue(commune)
        if i.kind == "plan_removal_to_decide"])
    assert (item.cadre.id, item.detail) == (cadre, "2030-2035: discipline")
    assert [i.kind for i in personnel.client.queries.work_queue(commune)] == [
        "plan_removal_to_decide"]  # proposed once
    with pytest.raises(RuleViolated) as refused:  # a typed refusal crosses RabbitMQ
        personnel.run(c.AppointCadre(cadre, post, date.today(), external=True,
                                     decision=decided(date.today())))
    assert refused.value.rule == "appointment.promotion_ban_months"

    read = """query($id: ID!) { cadreFile(id: $id, purpose: "Thẩm định") { cadre { fullName } } }"""
    answer = personnel_gateway.gql(read, {"id": cadre}, org=commune)
    assert answer["data"]["cadreFile"]["cadre"]["fullName"] == "Nguyễn Văn Hùng", answer
    for org, roles in ((commune, (VIEWER,)), (t.root, ("organisation_commission",))):
        refused_read = personnel_gateway.gql(read, {"id": cadre}, org=org, roles=roles)
        assert refused_read["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    audit = """query($c: ID!, $d: Date!) { cadreFileReads(committeeId: $c, from: $d, to: $d)
      { cadreId purpose } }"""
    today = datetime.now(BUSINESS_TZ).date().isoformat()  # reads are dated in business time
    reads = personnel.eventually("the read in the audit", lambda: personnel_gateway.gql(
        audit, {"c": commune, "d": today}, org=commune, roles=(VIEWER,),
        organ="inspection_committee")["data"]["cadreFileReads"])
    assert reads == [{"cadreId": cadre, "purpose": "Thẩm định"}]


def _open(personnel, commune: str, member: str) -> str | None:
    """The cadre file of a member, once personnel's view knows the member."""
    from kit.errors import InvalidInput

    try:
        return personnel.run(c.OpenCadreFile(commune, "advanced", "bachelor", date.today(),
                                             member_id=member))["cadre_id"]
    except InvalidInput:
        return None
