"""Personnel's questions, answered from its read models only. Every list is of one managing
committee's posts and cadres: the GraphQL part lets only that committee's organisation
commission ask (graphql/access.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from kit.clock import Clock
from kit.errors import InvalidInput
from kit.rules import RuleBook

from ..domain.cadre import Discipline, bans_in_force, cycle_span
from ..domain.events import PersonalData
from ..domain.facts import notice_on, removal_grounds
from ..domain.values import Gender, age_on
from .read_model_sql import PersonnelSql
from .views import (
    CadreFileView,
    CadreRef,
    ExpiringTerm,
    FileReadView,
    MemberView,
    OrganisationRef,
    PlanEntryView,
    PlanStructure,
    PostPlan,
    PostView,
    PromotionBan,
    TermView,
    WorkItem,
)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _post(r: Any) -> PostView:
    return PostView(r["post_id"], r["title"], r["body"], r["level"], r["organisation_id"],
                    r["managing_organisation_id"], r["rank"], bool(r["head"]))


def _term(cadre_id: str, r: Any) -> TermView:
    return TermView(cadre_id, r["post_id"], r["term_number"], date.fromisoformat(r["starts_on"]),
                    date.fromisoformat(r["ends_on"]), bool(r["head"]), r["kind"])


class PersonnelQueries:
    def __init__(self, db: Any, sql: PersonnelSql, rules: RuleBook, clock: Clock) -> None:
        self.db = db
        self.sql = sql
        self.rules = rules
        self.clock = clock

    # -- membership's facts, as personnel reads them ----------------------------------------

    def organisation(self, organisation_id: str) -> OrganisationRef | None:
        rows = self.db.query(self.sql.organisation, (organisation_id,))
        if not rows:
            return None
        r = rows[0]
        return OrganisationRef(r["id"], r["name"], r["type"], r["parent_id"], r["merged_into"])

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """The organisation is the scope or below it (a merged one under its survivor)."""
        current: str | None = organisation_id
        for _ in range(40):
            if current is None:
                return False
            if current == scope_organisation_id:
                return True
            org = self.organisation(current)
            current = (org.merged_into or org.parent_id) if org else None
        return False

    def member(self, member_id: str) -> MemberView | None:
        rows = self.db.query(self.sql.member, (member_id,))
        if not rows:
            return None
        r = rows[0]
        return MemberView(r["member_id"], r["organisation_id"], r["full_name"],
                          date.fromisoformat(r["date_of_birth"]), r["gender"],
                          _date(r["died_on"]))

    def disciplines(self, member_id: str) -> list[Discipline]:
        return [Discipline(r["form"], date.fromisoformat(r["decided_on"]))
                for r in self.db.query(self.sql.disciplines, (member_id,))]

    # -- posts and cadres --------------------------------------------------------------------

    def post(self, post_id: str) -> PostView | None:
        rows = self.db.query(self.sql.post, (post_id,))
        return _post(rows[0]) if rows else None

    def posts(self, managing_organisation_id: str) -> list[PostView]:
        return [_post(r) for r in self.db.query(self.sql.posts_of, (managing_organisation_id,))]

    def _cadre_ref(self, r: Any) -> CadreRef:
        if r["member_id"]:
            m = self.member(r["member_id"])
            if m is not None:
                return CadreRef(r["cadre_id"], r["managing_organisation_id"], r["member_id"],
                                m.full_name, m.date_of_birth, m.gender)
        # a file of its own identity with none left: erased (kit/shredding.py)
        erased = not r["member_id"] and r["full_name"] is None
        return CadreRef(r["cadre_id"], r["managing_organisation_id"], r["member_id"],
                        r["full_name"] or "", _date(r["date_of_birth"]) or date.min,
                        r["gender"] or "", erased)

    def cadre(self, cadre_id: str) -> CadreRef | None:
        """Who the cadre is and which committee manages the file; not a read of the file."""
        rows = self.db.query(self.sql.cadre, (cadre_id,))
        return self._cadre_ref(rows[0]) if rows else None

    def cadre_file(self, cadre_id: str) -> CadreFileView | None:
        rows = self.db.query(self.sql.cadre, (cadre_id,))
        if not rows:
            return None
        r = rows[0]
        terms = [_term(cadre_id, t) for t in self.db.query(self.sql.terms_of_cadre, (cadre_id,))]
        plans = [PlanEntryView(p["post_id"], p["cycle"], date.fromisoformat(p["added_on"]))
                 for p in self.db.query(self.sql.plan_entries_of_cadre, (cadre_id,))]
        proposed = [p["post_id"] for p in self.db.query(self.sql.proposals_of_cadre,
                                                        (cadre_id,))]
        return CadreFileView(self._cadre_ref(r), r["political_theory"], r["education"],
                             date.fromisoformat(r["opened_on"]), terms, plans, proposed)

    def _cadres(self, managing_organisation_id: str) -> dict[str, CadreRef]:
        return {r["cadre_id"]: self._cadre_ref(r)
                for r in self.db.query(self.sql.cadres_of, (managing_organisation_id,))}

    # -- planning ----------------------------------------------------------------------------

    def _cycle(self, cycle: str, on: date | None) -> tuple[date, Any]:
        rules = self.rules.in_force(on or self.clock.today())
        with_span = cycle_span(cycle, rules)
        return with_span[0], rules

    def plan_fullness(self, managing_organisation_id: str, cycle: str,
                      on: date | None = None) -> list[PostPlan]:
        """Each post the committee manages, with the cadres in its plan for the cycle and the
        places the rule in force allows."""
        _, rules = self._cycle(cycle, on)
        cadres = self._cadres(managing_organisation_id)
        out = []
        for post in self.posts(managing_organisation_id):
            planned = [cadres[r["cadre_id"]] for r in self.db.query(
                self.sql.plan_entries_of_post, (post.id, cycle)) if r["cadre_id"] in cadres]
            out.append(PostPlan(post, cycle, planned, rules["planning.max_cadres_per_post"],
                                rules.version))
        return out

    def plan_structure(self, managing_organisation_id: str, cycle: str,
                       on: date | None = None) -> PlanStructure:
        """The cadres in the committee's plans for the cycle (each counted once), young (under
        the age of their post's level on the cycle's start) and women, against the targets."""
        start, rules = self._cycle(cycle, on)
        cadres = self._cadres(managing_organisation_id)
        levels: dict[str, str] = {}
        posts = {p.id: p for p in self.posts(managing_organisation_id)}
        for r in self.db.query(self.sql.plan_entries_of, (managing_organisation_id, cycle)):
            level = posts[r["post_id"]].level
            levels[r["cadre_id"]] = "province" if "province" in (level, levels.get(
                r["cadre_id"])) else level
        under = rules["planning.young_age_under"]
        young = sum(1 for c, level in levels.items() if not cadres[c].erased
                    and age_on(cadres[c].date_of_birth, start) < under[level])
        women = sum(1 for c in levels if cadres[c].gender == Gender.FEMALE.value)
        (yn, yd), (wn, wd) = rules["planning.young_share_min"], rules["planning.women_share_min"]
        total, warnings = len(levels), []
        if total and young * yd < yn * total:
            warnings.append("young_below_target")
        if total and women * wd < wn * total:
            warnings.append("women_below_target")
        return PlanStructure(managing_organisation_id, cycle, total, young, women,
                             100 * yn / yd, 100 * wn / wd, warnings, rules.version)

    # -- terms, bans and the work queue --------------------------------------------------------

    def _latest_terms(self, managing_organisation_id: str) -> list[TermView]:
        latest: dict[tuple[str, str], TermView] = {}
        for r in self.db.query(self.sql.terms_of, (managing_organisation_id,)):
            term = _term(r["cadre_id"], r)
            key = (term.cadre_id, term.post_id)
            if key not in latest or latest[key].starts_on < term.starts_on:
                latest[key] = term
        return sorted(latest.values(), key=lambda t: (t.ends_on, t.cadre_id, t.post_id))

    def expiring_terms(self, managing_organisation_id: str, from_: date,
                       to: date) -> list[ExpiringTerm]:
        """Current terms of the committee's posts that end within [from_, to], soonest first."""
        if to < from_:
            raise InvalidInput("to", "must not be before from")
        rules = self.rules.in_force(self.clock.today())
        cadres = self._cadres(managing_organisation_id)
        posts = {p.id: p for p in self.posts(managing_organisation_id)}
        return [ExpiringTerm(cadres[t.cadre_id], posts[t.post_id], t, notice_on(t.ends_on, rules),
                             rules.version)
                for t in self._latest_terms(managing_organisation_id)
                if from_ <= t.ends_on <= to and t.cadre_id in cadres]

    def promotion_bans(self, managing_organisation_id: str,
                       on: date | None = None) -> list[PromotionBan]:
        """The committee's cadres barred from promotion on the day by a discipline."""
        on = on or self.clock.today()
        rules = self.rules.in_force(on)
        out = []
        for cadre in self._cadres(managing_organisation_id).values():
            if cadre.member_id:
                for d, ends in bans_in_force(self.disciplines(cadre.member_id), on, rules):
                    out.append(PromotionBan(cadre, d.form, d.decided_on, ends, rules.version))
        return sorted(out, key=lambda b: (b.ends_on, b.cadre.id))

    def work_queue(self, managing_organisation_id: str,
                   on: date | None = None) -> list[WorkItem]:
        """Expiry notices due (from the notice day until the term ends); plan removals the facts
        ground (discipline since entering the plan, no longer a full term left), to propose;
        and removals proposed, for the competent body to decide."""
        on = on or self.clock.today()
        rules = self.rules.in_force(on)
        cadres = self._cadres(managing_organisation_id)
        posts = {p.id: p for p in self.posts(managing_organisation_id)}
        items = []
        for t in self._latest_terms(managing_organisation_id):
            due = notice_on(t.ends_on, rules)
            if due <= on < t.ends_on and t.cadre_id in cadres:
                items.append(WorkItem("term_expiry_notice", cadres[t.cadre_id], posts[t.post_id],
                                      due, f"the term ends on {t.ends_on.isoformat()}",
                                      rules.version))
        for cadre in cadres.values():
            if cadre.erased:  # no age to judge by: nothing to propose from the facts
                continue
            entries = [p for p in self.db.query(self.sql.plan_entries_of_cadre, (cadre.id,))
                       if p["post_id"] in posts]
            for p in entries:
                if p["removal_proposed_on"]:  # proposed: the competent body decides
                    items.append(WorkItem("plan_removal_to_decide", cadre, posts[p["post_id"]],
                                          date.fromisoformat(p["removal_proposed_on"]),
                                          f"{p['cycle']}: {p['proposed_ground']}", rules.version))
            for p, found, _ in self.removal_grounds_of(cadre, entries, on, rules):
                items.append(WorkItem("plan_removal_grounds_found", cadre, posts[p["post_id"]],
                                      on, f"{p['cycle']}: " + ", ".join(sorted(found)),
                                      rules.version))
        return sorted(items, key=lambda i: (i.due_on, i.kind, i.cadre.id, i.post.id))

    def removal_grounds_of(self, cadre: CadreRef, entries: Iterable[Any], on: date,
                           rules: Any) -> Iterator[tuple[Any, set[str], list[Discipline]]]:
        """Each of the cadre's plan entries not yet proposed for removal whose grounds the facts
        give on `on`, with those grounds and the disciplines they rest on."""
        if cadre.erased:  # no age to judge by
            return
        person = PersonalData(cadre.full_name, cadre.date_of_birth, Gender(cadre.gender))
        disciplines = self.disciplines(cadre.member_id) if cadre.member_id else []
        for p in entries:
            if p["removal_proposed_on"]:
                continue
            found = removal_grounds(person, disciplines, date.fromisoformat(p["added_on"]),
                                    p["cycle"], on, rules)
            if found:
                yield p, found, disciplines

    def plan_removals_due(self, on: date) -> Iterator[tuple[CadreRef, Any, set[str],
                                                            list[Discipline]]]:
        """Across every committee, each plan entry awaiting no proposal whose grounds the facts
        give on `on`: one read of those entries, then only their cadres'."""
        rules = self.rules.in_force(on)
        rows = self.db.query(self.sql.unproposed_plan_entries, ())
        for cadre_id, entries in groupby(rows, key=itemgetter("cadre_id")):
            cadre = self.cadre(cadre_id)
            if cadre is not None:
                for p, found, disciplines in self.removal_grounds_of(cadre, list(entries), on,
                                                                     rules):
                    yield cadre, p, found, disciplines

    def applied_position(self, source: str) -> int:
        """The position every read model following `source` has applied (0 before any): what
        the RPC service waits for after a command, so its reads see it."""
        rows = self.db.query(self.sql.applied_position, (source,))
        return rows[0]["p"] or 0 if rows and rows[0]["n"] else 0

    # -- the read audit ----------------------------------------------------------------------

    def file_reads(self, managing_organisation_id: str, from_: date,
                   to: date) -> list[FileReadView]:
        """Every read of the committee's cadre files in [from_, to], oldest first."""
        rows = self.db.query(self.sql.reads_of, (managing_organisation_id, from_.isoformat(),
                                                 (to + timedelta(days=1)).isoformat()))
        return [FileReadView(r["read_id"], r["cadre_id"], r["reader"], r["reader_role"],
                             r["reader_organisation_id"], r["reader_organ"],
                             datetime.fromisoformat(r["read_at"]), r["purpose"]) for r in rows]
