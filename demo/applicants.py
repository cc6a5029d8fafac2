"""Recent admissions, through the whole path: application with two sponsors, admission decision,
ceremony, recognition as official twelve months later, party card."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

from services.membership import api as c
from services.membership.api import add_months

from .branch_members import Lives
from .deciding import org_of
from .member_life import Life, days, new_member_id, ordinary
from .plan import APPLICATION, Org

FIRST_APPLICATION = date(2024, 1, 2)
LAST_APPLICATION = date(2026, 10, 31)
YEARLY_RATE = 0.027  # new members a year per member on the rolls (about 200 in Yên Mô)
NOT_RECOGNISED = (
    "Không đủ tư cách đảng viên chính thức: không hoàn thành nhiệm vụ trong thời gian dự bị",
    "Vi phạm tư cách đảng viên trong thời gian dự bị",
)
# Work left undone in the last months, for the work queue to show: a decision, a ceremony or a
# recognition vote not yet taken when its deadline has passed (its own random stream, so the
# rest of the plan draws what it drew before)
LATE_SHARE = 0.3
LATE_WINDOW_DAYS = 150


class Applicants:
    def __init__(self, lives: Lives) -> None:
        self.lives = lives
        self.rng = lives.rng
        self.plan = lives.plan
        self.today = lives.today
        self.late = random.Random(f"late:{lives.plan.seed}")
        self.by_org: dict[Org, list[Life]] = {}
        for life in lives.all:
            for _on, org in life.placements:
                self.by_org.setdefault(org, []).append(life)

    def plan_all(self, branches: list[Org]) -> None:
        years = (LAST_APPLICATION - FIRST_APPLICATION).days / 365.25
        for org in branches:
            if org.fate != "stays" or org.kind == "teachers":
                continue
            members = len(self.by_org.get(org, []))
            for _ in range(self.lives._count(members * YEARLY_RATE * years)):
                self.applicant(org)

    def sponsors_for(self, org: Org, on: date) -> list[Life]:
        """Official members kept in the branch on `on` for at least a year, steady and staying."""
        here = org.on(on)
        found = []
        for holder, lives in self.by_org.items():
            if holder.on(on) is not here:
                continue
            for life in lives:
                placed = [o for d, o in life.placements if d <= on]
                if (placed and placed[-1] is holder and life.steady
                        and life.official_at < on and add_months(life.official_from, 12) <= on
                        and (life.leaves is None or life.leaves > on)):
                    found.append(life)
        return found

    def applicant(self, org: Org) -> None:
        r = self.rng
        submitted = self.lives.between(FIRST_APPLICATION, LAST_APPLICATION)
        holder = org.on(submitted)
        young = org.kind in ("police", "military")
        age = int(r.triangular(21, 30, 24) if young else r.triangular(19, 40, 24))
        profile = self.lives.person(org, self.today.year - submitted.year + age)
        theory = "none" if r.random() < 0.9 else "elementary"
        profile = dataclasses.replace(
            profile, political_theory=theory,
            education="upper_secondary" if r.random() < 0.96 else "lower_secondary")
        if org.kind == "village":
            profile = dataclasses.replace(profile, occupation=r.choice(
                ["Nông dân", "Công nhân", "Kinh doanh", "Lao động tự do", "Giáo viên"]))
        pool = {life.member_id: life for life in self.sponsors_for(org, submitted)}
        chosen = r.sample(sorted(pool), min(2, len(pool)))
        union = age <= 30 and (len(chosen) < 2 or r.random() < 0.3)
        if union and chosen:
            chosen = chosen[:1]
        if len(chosen) + union < 2:
            return  # no two sponsors who know the applicant: the branch waits
        sponsors = tuple(c.SponsorInput("member", add_months(submitted, -r.randint(13, 72)), m)
                         for m in chosen)
        if union:
            sponsors += (c.SponsorInput("youth_union",
                                        add_months(submitted, -r.randint(13, 36))),)
        cid = self.plan.add(submitted, APPLICATION, c.SubmitApplication(
            holder.id, profile, sponsors, submitted))
        life = Life(new_member_id(cid), profile, submitted, [(submitted, holder)])
        self.lives.all.append(life)
        self.by_org.setdefault(holder, []).append(life)
        self.progress(life, org)

    def progress(self, life: Life, org: Org) -> None:
        r, lives, today = self.rng, self.lives, self.today
        considered = ordinary(life.cursor + days(r.randint(25, 50)))
        decided = ordinary(considered + days(r.randint(10, 50)))
        deciders, branch = lives.deciders, org_of(life, considered)
        # the committee's decision, now and then not yet taken though proposed (work queue)
        undone = decided <= today and self.left_undone(considered)
        placed = life.placements[0]
        if placed[1] is org:  # the branch's meetings vote on it (meetings_plan.py)
            lives.province.admissions.append((org.id, life.member_id, placed[0], considered,
                                              decided if decided <= today and not undone
                                              else None))
        if considered > today:
            return
        # the branch's resolution (≥ 2/3 of its official members), then the body above decides
        lives.event(life, considered, lambda n: c.ProposeAdmission(
            life.member_id, considered, *deciders.votes(branch),
            deciders.resolution(branch, considered)))
        if decided > today or undone:
            return  # proposed, not yet decided: waiting on the committee
        lives.event(life, decided, lambda n: self.admission(life, branch, decided, considered))
        held = ordinary(decided + days(r.randint(7, 30)))
        if held > today or self.left_undone(decided):
            return
        lives.event(life, held, c.HoldAdmissionCeremony(life.member_id, held))
        ends = add_months(held, 12)
        voted = ordinary(ends + days(r.randint(3, 35)))
        if voted > today or self.left_undone(ends):
            return
        branch = org_of(life, voted)
        if r.random() < 0.03:
            reason = r.choice(NOT_RECOGNISED)
            lives.event(life, voted, lambda n: c.RemoveFromProbationaryList(
                life.member_id, voted, reason,
                decision=deciders.decision("removal_from_probation", branch, voted)))
            life.leaves = voted
            return
        lives.event(life, voted, lambda n: c.ProposeOfficialRecognition(
            life.member_id, voted, *deciders.votes(branch), deciders.resolution(branch, voted)))
        lives.event(life, voted, lambda n: c.RecogniseOfficialMember(
            life.member_id, voted, decision=deciders.decision("recognition", branch, voted)))
        life.official_at, life.official_from = voted, ends
        issued = ordinary(voted + days(r.randint(20, 100)))
        if issued <= today:
            lives.event(life, issued, lambda n: c.IssuePartyCard(life.member_id, n.card(), issued))

    def admission(self, life: Life, branch: Org, decided: date,
                  considered: date) -> c.AdmitMember:
        """Before 1/7/2025 the district's standing committee decided (QĐ/HU); after, the commune's
        (QĐ/ĐU) or, for units under the province, the provincial one's (QĐ/TU): the body the
        rules name on the decision's date."""
        decision = self.lives.deciders.decision("admission", branch, decided)
        return c.AdmitMember(life.member_id, decided, considered, decision.number,
                             decision=decision)

    def left_undone(self, due_from: date) -> bool:
        """A step whose count started in the last months, not yet taken (now and then)."""
        return ((self.today - due_from).days < LATE_WINDOW_DAYS
                and self.late.random() < LATE_SHARE)

