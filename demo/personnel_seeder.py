"""The province's cadre work for the 2025–2030 term, through the personnel service's commands,
after membership's history is seeded (personnel's own view of membership's events names the
members whose files are opened).

The posts catalogue of the province and of each commune standing after 1/7/2025 (personnel_plan);
for each commune the cadres chosen on the merger, planned for 2025–2030 and appointed to its
posts; the province's leaders, files of their own with their identity sealed (the Trưởng Ban Tổ
chức's term ends within the work queue's 90 working days); the chair of a commune merged away,
left without a post; the 2030–2035 plans under QĐ 377 (≤ 3 a post), one commune's own plans
short of young cadres and women (the structure warning); two deputy secretaries rotated between
communes in 2026; and one commune's delegates' congress, its committee elected and approved by the
Tỉnh ủy.

Command ids derive from the seed, so an interrupted seeding resumes with duplicates only.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kit.envelope import Actor, CommandContext
from kit.errors import CommandIdReused, DomainError
from partyorg.embedded import EmbeddedService
from services.personnel import api as p

from . import personnel_plan as pp
from . import yenmo as y
from .orgs import Province
from .plan import DEMO_NAMESPACE

SEEDER = Actor(user_id="demo-seeder", role="system")
SIGNER = "Đoàn Minh Huấn"  # the Tỉnh ủy's bí thư signs its decisions
THEORY = {"elementary", "intermediate", "advanced", "bachelor"}


class PersonnelSeedError(RuntimeError):
    """A personnel command of the plan was refused: a bug in the seeder or the domain."""


@dataclass
class PersonnelReport:
    commands: int = 0
    duplicates: int = 0
    events: int = 0
    seconds: float = 0.0
    by_command: Counter = field(default_factory=Counter)
    # what the demo's test and README point at
    facts: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"commands": self.commands, "duplicates": self.duplicates,
                "events": self.events, "seconds": round(self.seconds, 1),
                "by_command": dict(self.by_command), **self.facts}


@dataclass
class Commune:
    id: str
    name: str  # "xã Yên Mô"
    posts: dict[str, str] = field(default_factory=dict)  # title → id
    holders: dict[str, str] = field(default_factory=dict)  # post id → cadre id
    pool: list[Any] = field(default_factory=list)  # members not yet given a file


class PersonnelSeeder:
    def __init__(self, personnel: EmbeddedService, membership: EmbeddedService,
                 province: Province, seed: int, progress: Callable[[str], None],
                 started: float) -> None:
        self.personnel, self.membership, self.province = personnel, membership, province
        self.root = province.root.id
        self.seed, self.progress, self.started = seed, progress, started
        self.report = PersonnelReport()
        self.planned: Counter = Counter()  # cadre id → posts' plans of 2030–2035 they are in
        self.member_ids: dict[str, str] = {}  # cadre id → member id

    def run(self) -> PersonnelReport:
        clock = time.perf_counter()
        self.personnel.runner.catch_up()  # personnel's view of membership, to its last event
        with self.personnel.store.batch():
            communes = [self.commune(survivor, place) for survivor, _, place in y.MERGES_2025]
            self.province_posts()
            self.stranded(communes[0])
            for i, commune in enumerate(communes):
                self.plan_2030(commune, short=i == 0)
            self.rotate(communes[0], communes[1])
            self.congress(communes[0])
        self.personnel.runner.catch_up()
        self.report.facts["province_id"] = self.root
        self.report.seconds = time.perf_counter() - clock
        self.progress(f"{'personnel':>28}: {self.report.events:6d} events  "
                      f"[{time.perf_counter() - self.started:5.1f} s]")
        return self.report

    # -- the posts and who holds them ------------------------------------------------------------

    def commune(self, survivor: str, place: str) -> Commune:
        org = self.province.communes[survivor]
        c = Commune(org.id, place)
        r = pp.rng(self.seed, f"pool:{place}")
        members = [m for m in self.members(org.id) if pp.fits(m.date_of_birth, m.gender)]
        r.shuffle(members)
        c.pool = members
        for spec in pp.COMMUNE_POSTS:
            c.posts[spec.title.format(name=place)] = self.post(spec, place, org.id)
        # the cadres chosen on the merger: planned for 2025–2030, then appointed
        for spec in pp.COMMUNE_POSTS:
            post = c.posts[spec.title.format(name=place)]
            member = self.take(c, prefer_senior=True)
            if member is None:
                continue
            cadre = self.member_file(c, member, spec.by_province)
            self.run_command(f"plan25:{post}:{cadre}", p.AddCadreToPlan(
                post, cadre, "2025-2030", decision=self.decision(pp.PLAN_2025_ON, org.id,
                                                                 spec.by_province)))
            self.run_command(f"appoint:{post}:{cadre}", p.AppointCadre(
                cadre, post, pp.APPOINTED_ON, decision=self.decision(
                    pp.APPOINTED_ON, org.id, spec.by_province)))
            c.holders[post] = cadre
        return c

    def province_posts(self) -> None:
        for spec, (name, born, gender, since) in zip(pp.PROVINCE_POSTS, pp.PROVINCE_LEADERS,
                                                     strict=True):
            post = self.post(spec, "", self.root)
            cadre = self.run_command(f"file:{name}", p.OpenCadreFile(
                self.root, "advanced", "master", min(since, pp.FILES_OPENED_ON),
                person=p.PersonInput(name, born, gender))).ids["cadre_id"]
            self.run_command(f"appoint:{post}:{cadre}", p.AppointCadre(
                cadre, post, since, external=True,
                decision=self.decision(since, self.root, True)))
            if since.year < 2025:
                self.report.facts["expiring_cadre_id"] = cadre
                self.report.facts["expiring_post_id"] = post

    def stranded(self, into: Commune) -> None:
        """The chair of xã Yên Hòa since 2023 (from outside the planned cadres), now a member
        in xã Yên Mô: the commune merged into it on 1/7/2025, and the chair holds no post of
        one that stands."""
        place = y.MERGES_2025[0][1][1]
        post = self.post(pp.MERGED_AWAY_POST, place, self.province.communes[place].id)
        member = self.take(into, prefer_senior=True)
        if member is None:
            return
        cadre = self.run_command(f"file:{member.id}", p.OpenCadreFile(
            self.root, self.theory(member), "bachelor", pp.STRANDED_SINCE,
            member_id=member.id)).ids["cadre_id"]
        self.run_command(f"appoint:{post}:{cadre}", p.AppointCadre(
            cadre, post, pp.STRANDED_SINCE, external=True,
            decision=self.decision(pp.STRANDED_SINCE, self.root, True)))
        self.report.facts["stranded_cadre_id"] = cadre

    # -- plans, rotation, the congress -----------------------------------------------------------

    def plan_2030(self, c: Commune, short: bool) -> None:
        """Two or three cadres for each post: the holders of lower posts the same committee
        manages, then members given a file; young cadres and women drawn to meet the targets,
        except in the `short` commune's own plans (the largest: xã Yên Mô, three merged)."""
        r = pp.rng(self.seed, f"plan2030:{c.name}")
        # the short commune's own posts first: a small demo's pool runs short
        for spec in sorted(pp.COMMUNE_POSTS, key=lambda s: s.by_province == short):
            post = c.posts[spec.title.format(name=c.name)]
            lower = [cadre for q, cadre in c.holders.items()
                     if self.spec_of(c, q).by_province == spec.by_province
                     and self.spec_of(c, q).rank < spec.rank and self.planned[cadre] < 3]
            chosen = lower[:r.randint(1, 2)] if lower else []
            while len(chosen) < r.randint(2, 3):
                want_young = not (short and not spec.by_province) and r.random() < 0.3
                member = self.take(c, young=want_young,
                                   woman=None if short and not spec.by_province
                                   else r.random() < 0.45)
                if member is None:
                    break
                chosen.append(self.member_file(c, member, spec.by_province))
            for cadre in chosen[:3]:
                self.run_command(f"plan30:{post}:{cadre}", p.AddCadreToPlan(
                    post, cadre, "2030-2035", decision=self.decision(
                        pp.PLAN_2030_ON, c.id, spec.by_province)))
                self.planned[cadre] += 1
        if short:
            self.report.facts["short_commune_id"] = c.id

    def rotate(self, a: Commune, b: Commune) -> None:
        """The deputy secretaries of two communes change places (luân chuyển, same rank)."""
        title = pp.COMMUNE_POSTS[1].title
        pa, pb = a.posts[title.format(name=a.name)], b.posts[title.format(name=b.name)]
        ca, cb = a.holders.get(pa), b.holders.get(pb)
        if ca is None or cb is None:
            return
        for cadre, post in ((ca, pb), (cb, pa)):
            self.run_command(f"rotate:{cadre}:{post}", p.RotateCadre(
                cadre, post, pp.ROTATED_ON, decision=self.decision(pp.ROTATED_ON, a.id, True)))
        self.report.facts["rotated_cadre_ids"] = [ca, cb]

    def congress(self, c: Commune) -> None:
        """Đại hội đại biểu Đảng bộ xã, 2025–2030: the committee elected from 18 candidates for
        15 seats, approved by the Tỉnh ủy's standing committee."""
        congress = self.run_command(f"congress:{c.id}", p.ConveneCongress(
            c.id, "2025-2030", "delegates", pp.CONGRESS_NOTICE_ON, pp.CONGRESS_OPENS_ON,
            pp.CONGRESS_DELEGATES)).ids["congress_id"]
        holders = {self.member_ids[cadre] for cadre in c.holders.values()}
        others = [m.id for m in self.members(c.id) if m.id not in holders]
        candidates = tuple(sorted(h for h in holders if h)) + tuple(others)
        candidates = candidates[:pp.COMMITTEE_CANDIDATES]
        if len(candidates) < pp.COMMITTEE_CANDIDATES:
            return
        election = self.run_command(f"nominate:{congress}", p.NominateCandidates(
            congress, "committee", pp.COMMITTEE_SEATS, candidates)).ids["election_id"]
        votes = pp.ballot(pp.rng(self.seed, "ballot"), len(candidates), pp.COMMITTEE_SEATS,
                          pp.CONGRESS_DELEGATES)
        present = pp.CONGRESS_DELEGATES - 4
        self.run_command(f"ballot:{election}", p.RecordBallotResults(
            congress, election, pp.CONGRESS_OPENS_ON, present, present, present, present - 2,
            tuple(p.CandidateVotesInput(m, v) for m, v in zip(candidates, votes, strict=True))))
        self.run_command(f"approve:{election}", p.ApproveElectionResults(
            congress, election, decision=self.decision(pp.CONGRESS_APPROVED_ON, c.id, True)))
        self.report.facts["congress_id"] = congress

    # -- helpers ---------------------------------------------------------------------------------

    def members(self, org: str) -> list[Any]:
        """Official members on the subtree's rolls, in name order."""
        out: list[Any] = []
        after = None
        while True:
            page = self.membership.queries.members(org, statuses=["official"], first=100,
                                                   after=after)
            out += page.items
            if not page.has_next or len(out) >= 400:
                return out
            after = page.end_cursor

    def take(self, c: Commune, prefer_senior: bool = False, young: bool = False,
             woman: bool | None = None) -> Any:
        """The next member of the commune's pool who fits (a senior cadre: 40 and over)."""
        def ok(m: Any) -> bool:
            if prefer_senior and m.date_of_birth.year > 1986:
                return False
            if young != pp.young(m.date_of_birth) and not prefer_senior:
                return False
            return woman is None or (m.gender == "female") == woman
        for relax in (False, True):
            for i, m in enumerate(c.pool):
                if relax or ok(m):
                    return c.pool.pop(i)
        return None

    def member_file(self, c: Commune, member: Any, by_province: bool) -> str:
        cadre = self.run_command(f"file:{member.id}", p.OpenCadreFile(
            self.root if by_province else c.id, self.theory(member), "bachelor",
            pp.FILES_OPENED_ON, member_id=member.id)).ids["cadre_id"]
        self.member_ids[cadre] = member.id
        return cadre

    def theory(self, member: Any) -> str:
        return member.political_theory if member.political_theory in THEORY else "intermediate"

    def spec_of(self, c: Commune, post: str) -> pp.PostSpec:
        title = next(t for t, q in c.posts.items() if q == post)
        return next(s for s in pp.COMMUNE_POSTS if s.title.format(name=c.name) == title)

    def post(self, spec: pp.PostSpec, place: str, org: str) -> str:
        return self.run_command(f"post:{org}:{spec.title}", p.RegisterPost(
            spec.title.format(name=place), spec.body,
            "province" if org == self.root else "commune", org,
            self.root if spec.by_province else org, spec.rank, spec.head)).ids["post_id"]

    def decision(self, on: Any, org: str, by_province: bool) -> p.DecisionInput:
        body = self.root if by_province else org
        number = uuid.uuid5(DEMO_NAMESPACE, f"personnel:{body}:{on}").int % 900 + 100
        return p.DecisionInput(f"{number}-QĐ/{'TU' if by_province else 'ĐU'}", on, SIGNER)

    def run_command(self, key: str, command: object) -> Any:
        command_id = str(uuid.uuid5(DEMO_NAMESPACE, f"{self.seed}:personnel:{key}"))
        try:
            result = self.personnel.service.execute(
                command, CommandContext(command_id, self.personnel.province, actor=SEEDER))
        except CommandIdReused as exc:
            raise PersonnelSeedError("this data folder holds different personnel data "
                                     "(another seeder version or seed); remove the folder") from exc
        except DomainError as exc:
            raise PersonnelSeedError(f"{type(command).__name__} refused: {exc.to_dict()}\n"
                                     f"{command!r}") from exc
        self.report.commands += 1
        self.report.duplicates += result.duplicate
        self.report.events += len(result.events)
        self.report.by_command[type(command).__name__] += 1
        return result
