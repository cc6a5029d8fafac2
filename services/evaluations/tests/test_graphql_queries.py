"""Evaluations' questions over GraphQL with tokens, on the embedded platform: membership keeps
the tree and the rolls, evaluations reads them through its own view. A commune's token reads
only its subtree: another commune's (or the province's) is FORBIDDEN, and every row about a
person or an organisation kept outside the caller's subtree is left out, even when the period's
roll had placed it inside (a branch moved to another commune since).

Province P; communes A and B (grassroots committees), branch a under A (An, Bình), branch b
under B (Cường). The 2024 and 2025 campaigns are decided: Bình KHT both years.
"""

from __future__ import annotations

import uuid
import warnings
from datetime import date

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.auth import ORGANISATION_COMMISSION, KeySet, issue_token
from gateway.server import create_app
from kit.clock import FixedClock
from kit.envelope import CommandContext
from partyorg.embedded import build_platform
from services.evaluations import api as ev
from services.membership.domain import commands as c

KEY = KeySet.generate()  # EdDSA since the tokens moved from HS256
TODAY = date(2026, 3, 2)
FORBIDDEN = "FORBIDDEN"
GOOD_TASKS = ev.TasksInput(total=10, on_time=10, exceeded=1, late=0, not_done=0)
FAILED_TASKS = ev.TasksInput(total=10, on_time=5, exceeded=0, late=2, not_done=3)


def profile(name: str, serial: int) -> c.ProfileInput:
    gender = "female" if "Thị" in name else "male"
    return c.ProfileInput(full_name=name, date_of_birth=date(1975, 5, 1), gender=gender,
                          ethnicity="Kinh", hometown="Yên Mô, Ninh Bình",
                          citizen_id=f"037{int(gender == 'female')}75{serial:06d}",
                          education="upper_secondary", political_theory="elementary",
                          occupation="Nông dân")


class Province:
    def __init__(self, tmp_path, clock: FixedClock) -> None:
        self.platform = build_platform(tmp_path, province="NB", clock=clock)
        org = c.CreateOrganisation
        self.root = self.member_system(org("Đảng bộ tỉnh Ninh Bình", "provincial_committee",
                                           None, date(2015, 1, 1)))["organisation_id"]
        self.commune_a = self.member_system(org("Đảng bộ xã Yên Mô", "commune_committee",
                                                self.root, date(2015, 1, 1)))["organisation_id"]
        self.commune_b = self.member_system(org("Đảng bộ xã Yên Từ", "commune_committee",
                                                self.root, date(2015, 1, 1)))["organisation_id"]
        self.branch_a = self.member_system(org("Chi bộ thôn Bình Hải", "grassroots_branch",
                                               self.commune_a, date(2015, 1, 2)))["organisation_id"]
        self.branch_b = self.member_system(org("Chi bộ thôn Yên Thổ", "grassroots_branch",
                                               self.commune_b, date(2015, 1, 2)))["organisation_id"]
        self.members = {}
        for key, branch, name, serial in [("an", self.branch_a, "Nguyễn Văn An", 11),
                                          ("binh", self.branch_a, "Trần Thị Bình", 12),
                                          ("cuong", self.branch_b, "Lê Văn Cường", 13)]:
            self.members[key] = self.member_system(c.RecordExistingMember(
                branch, profile(name, serial), "official", date(2005, 5, 19),
                official_from=date(2006, 5, 19)))["member_id"]
        self.periods = {year: self.campaign(year) for year in (2024, 2025)}

    def member_system(self, command: object) -> dict[str, str]:
        return self.platform.membership.service.execute(
            command, CommandContext(str(uuid.uuid4()), "NB")).ids

    def run(self, command: object) -> dict[str, str]:
        return self.platform.evaluations.service.execute(
            command, CommandContext(str(uuid.uuid4()), "NB")).ids

    def campaign(self, year: int) -> str:
        period = self.run(ev.OpenEvaluationPeriod(self.root, "annual", year,
                                                  date(year, 12, 1), date(year + 1, 1, 31)))
        period_id = period["period_id"]
        # each village branch (chi bộ cơ sở) is its members' grassroots organisation
        for key, grassroots, tasks, level in [
                ("an", self.branch_a, GOOD_TASKS, "htt"),
                ("binh", self.branch_a, FAILED_TASKS, "kht"),
                ("cuong", self.branch_b, GOOD_TASKS, "htt")]:
            member = self.members[key]
            self.run(ev.SubmitSelfAssessment(period_id, member, "2C", 27.0, 55.0, tasks, level,
                                             date(year, 12, 5)))
            if key == "cuong" and year == 2025:
                continue  # still awaiting its appraisal
            self.run(ev.AppraiseEvaluation(period_id, member, level, date(year, 12, 10)))
            self.run(ev.DecideClassification(period_id, member, level, decision=ev.DecisionInput(
                f"{year}-12/QĐ-ĐU", "Nguyễn Văn Bí", date(year, 12, 20),
                ev.DecidingBodyInput(grassroots, "committee"))))
        return period_id


@pytest.fixture
def province(tmp_path) -> Province:
    clock = FixedClock()
    clock.set_today(TODAY)
    p = Province(tmp_path, clock)
    yield p
    p.platform.close()


@pytest.fixture
def gql(province):
    with TestClient(create_app(province.platform.services, KEY)) as client:
        def run(query: str, variables: dict, org: str) -> dict:
            token = issue_token(KEY, user="tester", roles=[ORGANISATION_COMMISSION], org=org,
                                province="NB", ttl_hours=1)
            response = client.post("/graphql", json={"query": query, "variables": variables},
                                   headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 200, response.text
            return response.json()
        yield run


def refused(body: dict, field: str) -> None:
    assert body["data"] is None or body["data"].get(field) is None, body
    assert {(e["path"][0], e["extensions"]["code"]) for e in body["errors"]} == \
        {(field, FORBIDDEN)}, body


PROGRESS = """query($org: ID!, $period: ID!) { evaluationProgress(organisationId: $org,
  periodId: $period) { onRoll selfAssessed appraised decided period { year }
  awaitingDecision { totalCount edges { node { subjectId stage member { id } } } } } }"""
DISTRIBUTION = """query($org: ID!) { levelDistribution(organisationId: $org, fromYear: 2024,
  toYear: 2025) { year good failed total goodOrBetterPercent changeInPoints } }"""
KHT = """query($org: ID!) { unsatisfactoryTwoYearsRunning(organisationId: $org, year: 2025) {
  memberId years levels member { id } } }"""
HEADROOM = """query($org: ID!, $period: ID!) { excellentQuotaHeadroom(organisationId: $org,
  periodId: $period) { countedIn good excellent allowed headroom ruleVersion } }"""
TSVM = "query($org: ID!) { tsvmRecognitions(organisationId: $org) { organisationId year } }"
PERIODS = "query($org: ID!) { evaluationPeriods(organisationId: $org) { id year } }"
HISTORY = """query($id: ID!) { evaluationHistory(subjectId: $id) { year level
  decisionNumber validFrom } }"""
SNAPSHOT = """query($id: ID!) { classificationSnapshot(subjectId: $id, year: 2024) { level
  steps { type eventId globalPosition data } } }"""
SCOPED = {"evaluationProgress": PROGRESS, "levelDistribution": DISTRIBUTION,
          "unsatisfactoryTwoYearsRunning": KHT, "excellentQuotaHeadroom": HEADROOM,
          "tsvmRecognitions": TSVM, "evaluationPeriods": PERIODS}


def test_the_commune_reads_its_own_subtree(province, gql) -> None:
    p, a = province, province.commune_a
    body = gql(PROGRESS, {"org": a, "period": p.periods[2025]}, a)["data"]["evaluationProgress"]
    assert (body["selfAssessed"], body["decided"]) == (2, 2)
    assert body["onRoll"] == 3  # An, Bình and their branch (the commune is above grassroots)
    kht = gql(KHT, {"org": a}, a)["data"]["unsatisfactoryTwoYearsRunning"]
    assert kht == [{"memberId": p.members["binh"], "years": [2024, 2025],
                    "levels": ["FAILED", "FAILED"], "member": {"id": p.members["binh"]}}]
    years = gql(DISTRIBUTION, {"org": a}, a)["data"]["levelDistribution"]
    assert [(y["year"], y["good"], y["failed"], y["goodOrBetterPercent"]) for y in years] == \
        [(2024, 1, 1, 50.0), (2025, 1, 1, 50.0)]
    province_wide = gql(PROGRESS, {"org": p.root, "period": p.periods[2025]}, p.root)
    waiting = province_wide["data"]["evaluationProgress"]["awaitingDecision"]["edges"]
    assert p.members["cuong"] in {e["node"]["subjectId"] for e in waiting}
    history = gql(HISTORY, {"id": p.members["binh"]}, a)["data"]["evaluationHistory"]
    assert [(h["year"], h["level"]) for h in history] == [(2024, "FAILED"), (2025, "FAILED")]
    snap = gql(SNAPSHOT, {"id": p.members["binh"]}, a)["data"]["classificationSnapshot"]
    assert snap["level"] == "FAILED"
    assert snap["steps"][0]["type"] == "evaluations.SelfAssessmentSubmitted"


@pytest.mark.parametrize("field", sorted(SCOPED))
@pytest.mark.parametrize("target", ["commune_b", "branch_b", "root"])
def test_another_subtree_is_forbidden(province, gql, field, target) -> None:
    variables = {"org": getattr(province, target), "period": province.periods[2025]}
    refused(gql(SCOPED[field], variables, province.commune_a), field)


@pytest.mark.parametrize("query,field", [(HISTORY, "evaluationHistory"),
                                         (SNAPSHOT, "classificationSnapshot")])
def test_one_persons_record_outside_the_subtree_is_forbidden(province, gql, query,
                                                             field) -> None:
    body = gql(query, {"id": province.members["cuong"]}, province.commune_a)
    refused(body, field)
    assert "Cường" not in str(body)


def test_rows_placed_inside_by_the_roll_but_kept_outside_now_are_left_out(province,
                                                                          gql) -> None:
    """The 2024 roll placed branch a under commune A (then a grassroots committee, classified
    too); branch a has since moved under commune B, so A's token no longer sees its rows."""
    p = province
    p.member_system(c.MoveOrganisation(p.branch_a, p.commune_b, date(2026, 2, 1)))
    a = p.commune_a
    body = gql(PROGRESS, {"org": a, "period": p.periods[2024]}, a)["data"]["evaluationProgress"]
    assert body["onRoll"] == 4  # the board counts the roll as it was: A, a, An and Bình
    listed = {e["node"]["subjectId"] for e in body["awaitingDecision"]["edges"]}
    assert listed == {a}  # branch a awaits its decision too, but is B's now
    headroom = gql(HEADROOM, {"org": a, "period": p.periods[2024]}, a)
    assert {h["countedIn"] for h in headroom["data"]["excellentQuotaHeadroom"]} == {a}
    assert gql(KHT, {"org": a}, a)["data"]["unsatisfactoryTwoYearsRunning"] == []
    refused(gql(HISTORY, {"id": p.members["binh"]}, a), "evaluationHistory")
    refused(gql(SNAPSHOT, {"id": p.members["binh"]}, a), "classificationSnapshot")
    moved = gql(KHT, {"org": p.commune_b}, p.commune_b)["data"]["unsatisfactoryTwoYearsRunning"]
    assert [m["memberId"] for m in moved] == [p.members["binh"]]
    assert gql(HISTORY, {"id": p.members["binh"]}, p.commune_b)["data"]["evaluationHistory"]
