"""Who decides (DOMAIN.md §2–3, "Who decides what"): every decision names its body, number and
signer; a body the rule table does not give the decision to is refused, naming the rule."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import Forbidden, NotFound, RuleViolated
from services.membership.domain import commands as c

from .conftest import by

RULES_NOW = "QĐ294-2025"
ON = date(2026, 9, 1)


@pytest.fixture
def people(membership, tree):
    """A branch with official members, an applicant proposed by the branch, and a
    probationary member whose probation ended and whom the branch proposed as official."""
    branch = tree["branch"]
    sponsors = membership.sponsors(branch)
    applicant = membership.application(branch, sponsors, submitted_on=date(2026, 5, 1))
    membership.propose_admission(applicant, date(2026, 8, 20))
    probationary = membership.probationary(branch, admitted_on=date(2025, 8, 1))
    membership.propose_recognition(probationary, date(2026, 8, 20))
    official = membership.official(branch, "Vũ Văn Khoa")
    membership.propose_removal(official, "card_surrendered", date(2026, 8, 20))
    return {"applicant": applicant, "probationary": probationary, "official": official,
            "sponsor": sponsors[0]}


# each decision command, and the body that may take it in the tree of conftest (province →
# commune → branches: the branch is its own grassroots organisation, the commune above it)
DECISIONS = {
    "admission": (lambda p, t, d: c.AdmitMember(p["applicant"], ON, date(2026, 8, 20),
                                                d.number, decision=d),
                  "commune", "standing_committee", "admission.deciding_body"),
    "recognition": (lambda p, t, d: c.RecogniseOfficialMember(p["probationary"], ON, decision=d),
                    "commune", "standing_committee", "recognition.deciding_body"),
    "removal_from_probation": (
        lambda p, t, d: c.RemoveFromProbationaryList(p["probationary"], ON, "Không đủ tư cách",
                                                     decision=d),
        "commune", "standing_committee", "removal_from_probation.deciding_body"),
    "transfer_out": (lambda p, t, d: c.TransferMember(p["official"], t["other_branch"], ON,
                                                      decision=d),
                     "commune", "committee", "transfer_out.deciding_body"),
    "removal_from_rolls": (lambda p, t, d: c.RemoveMemberFromRolls(
        p["official"], "card_surrendered", ON, decision=d),
        "commune", "standing_committee", "removal_from_rolls.deciding_body"),
    "dismissal": (lambda p, t, d: c.DisciplineMember(p["official"], "dismissal", ON, "Vi phạm",
                                                     decision=d),
                  "commune", "inspection_committee", "discipline.dismissal.deciding_body"),
    "expulsion": (lambda p, t, d: c.DisciplineMember(p["official"], "expulsion", ON, "Vi phạm",
                                                     decision=d),
                  "commune", "committee", "discipline.expulsion.deciding_body"),
}


@pytest.mark.parametrize("name", DECISIONS)
def test_a_branch_token_cannot_take_a_decision_reserved_to_a_higher_body(membership, tree,
                                                                         people, name):
    command, _, _, rule = DECISIONS[name]
    branch = tree["branch"]
    for organ in ("assembly", "committee"):
        decision = by(branch, organ)
        if name == "transfer_out":  # the destination lies outside a branch token's subtree
            membership.refuse(command(people, tree, decision), NotFound, acting_for=branch,
                              organ=organ)
        else:
            error = membership.refuse(command(people, tree, decision), RuleViolated,
                                      acting_for=branch, organ=organ)
            assert (error.rule, error.rule_version) == (rule, RULES_NOW)
        # nor may anyone name the branch's bodies for it, the system included
        error = membership.refuse(command(people, tree, decision), RuleViolated)
        assert (error.rule, error.rule_version) == (rule, RULES_NOW)
        assert "Đảng bộ xã Yên Thắng" in error.message  # it names the bodies that may
        assert tree["commune"] in {b["organisation_id"] for b in error.details["may_decide"]}


@pytest.mark.parametrize("name", DECISIONS)
def test_the_body_the_rules_name_takes_the_decision_and_the_event_names_it(membership, tree,
                                                                           people, name):
    command, where, organ, _ = DECISIONS[name]
    decision = by(tree[where], organ, number="45-QĐ/ĐU", signer="Phạm Thị Hòa")

    result = membership.run(command(people, tree, decision), acting_for=tree[where], organ=organ)

    [event] = [membership.store.read_stream(f"member-{result.ids['member_id']}")[-1]]
    assert event.schema_version >= 2  # v2 on name the body (discipline: v3, its misconduct)
    assert event.data["decision"] == {
        "organisation_id": tree[where], "organ": organ, "number": "45-QĐ/ĐU",
        "decided_on": ON.isoformat(), "signer": "Phạm Thị Hòa", "rule_version": RULES_NOW}


def test_the_branch_decides_an_exemption_and_a_reprimand_by_resolution(membership, tree, people):
    member, branch = people["official"], tree["branch"]
    membership.run(c.ExemptMember(member, ON, "weak_health", decision=by(branch, "assembly")),
                   acting_for=branch, organ="assembly")
    membership.run(c.DisciplineMember(member, "reprimand", ON, "Vi phạm",
                                      decision=by(branch, "assembly", number="02-NQ/CB")),
                   acting_for=branch, organ="assembly")

    error = membership.refuse(c.DisciplineMember(people["sponsor"], "warning", ON, "Vi phạm",
                                                 decision=by(tree["province"], "committee")),
                              RuleViolated)
    assert error.rule == "discipline.warning.deciding_body"


def test_a_token_acting_for_one_body_cannot_name_another(membership, tree, people):
    commune = tree["commune"]
    admit = c.AdmitMember(people["applicant"], ON, date(2026, 8, 20), "46-QĐ/ĐU",
                          decision=by(commune, "standing_committee", number="46-QĐ/ĐU"))

    membership.refuse(admit, Forbidden, acting_for=commune, organ="inspection_committee")
    membership.refuse(admit, Forbidden, acting_for=commune)  # a token naming no organ
    # a body outside the caller's subtree is not found, as any id it may not see
    membership.refuse(admit, NotFound, acting_for=tree["branch"], organ="assembly")
    membership.run(admit, acting_for=commune, organ="standing_committee")


def test_the_body_defaults_to_the_one_the_caller_acts_for(membership, tree, people):
    decision = c.DecisionInput("47-QĐ/ĐU", "Phạm Thị Hòa")
    result = membership.run(c.AdmitMember(people["applicant"], ON, date(2026, 8, 20),
                                          "47-QĐ/ĐU", decision=decision),
                            acting_for=tree["commune"], organ="standing_committee")
    [*_, admitted] = membership.store.read_stream(f"member-{result.ids['member_id']}")
    assert (admitted.data["decision"]["organisation_id"],
            admitted.data["decision"]["organ"]) == (tree["commune"], "standing_committee")


def test_admission_needs_the_branchs_proposal_voted_by_two_thirds(membership, tree):
    branch = tree["branch"]
    applicant = membership.application(branch, membership.sponsors(branch),
                                       submitted_on=date(2026, 5, 1))
    admit = c.AdmitMember(applicant, ON, date(2026, 8, 20), "48-QĐ/ĐU",
                          decision=by(tree["commune"], number="48-QĐ/ĐU"))

    error = membership.refuse(admit, RuleViolated)
    assert (error.rule, error.rule_version) == ("admission.requires_proposal", RULES_NOW)
    error = membership.refuse(c.ProposeAdmission(applicant, date(2026, 8, 20), 5, 8),
                              RuleViolated)
    assert error.rule == "proposal.min_vote_fraction"  # 5 of 8 is short of 2/3

    membership.run(c.ProposeAdmission(applicant, date(2026, 8, 20), 6, 9, "04-NQ/CB"))
    membership.run(admit)
    assert membership.events_of(f"member-{applicant}")[-2:] == ["AdmissionProposed",
                                                                "MemberAdmitted"]


def test_a_delegated_grassroots_committee_admits_itself_and_the_btv_above_no_longer(
        membership, tree):
    grassroots = membership.organisation("Đảng bộ Công ty Điện lực", "grassroots_committee",
                                         tree["commune"])
    sub_branch = membership.organisation("Chi bộ Phòng Kỹ thuật", "sub_branch", grassroots)
    applicant = membership.application(sub_branch, membership.sponsors(sub_branch),
                                       submitted_on=date(2026, 5, 1))
    membership.propose_admission(applicant, date(2026, 8, 20))

    def admit(org: str, organ: str) -> c.AdmitMember:
        return c.AdmitMember(applicant, ON, date(2026, 8, 20), "49-QĐ/ĐU",
                             decision=by(org, organ, number="49-QĐ/ĐU"))

    membership.refuse(admit(grassroots, "committee"), RuleViolated)
    error = membership.refuse(c.DelegateAdmissionAuthority(
        grassroots, date(2026, 7, 1), by(grassroots, "committee")), RuleViolated)
    assert error.rule == "admission_delegation.deciding_body"
    membership.run(c.DelegateAdmissionAuthority(grassroots, date(2026, 7, 1),
                                                by(tree["commune"], "standing_committee")),
                   acting_for=tree["commune"], organ="standing_committee")

    error = membership.refuse(admit(tree["commune"], "standing_committee"), RuleViolated)
    assert error.rule == "admission.deciding_body"
    membership.run(admit(grassroots, "committee"))


def test_xoa_ten_follows_the_branchs_proposal_and_its_ground(membership, tree, people):
    member = people["official"]  # proposed for card_surrendered
    error = membership.refuse(c.RemoveMemberFromRolls(
        member, "political_standard_failed", ON, decision=by(tree["commune"])))
    assert error.details["field"] == "ground"
    membership.run(c.RemoveMemberFromRolls(member, "card_surrendered", ON,
                                           decision=by(tree["commune"])))
    assert membership.queries.member(member).status == "removed_from_rolls"
