"""What evaluations asks its view of membership (application/projections/membership_as_of.py),
as of a date: who a period evaluates, the facts of a year that disqualify a subject, and where
an organisation stood in the tree. Answered from the view's tables only.

Who is on a period's roll, as of its reference date and by the rule book in force then:
- members on the rolls (probationary or official) of a branch in the subtree, each with the
  grassroots organisation (TCCSĐ) above their branch that day, where the HTXS quota counts;
- left out, with the reason: exempt from duties (miễn công tác và sinh hoạt), admitted within
  the rule book's first months (`roll.newly_admitted_months`), or on a temporary stay elsewhere
  (`roll.temporarily_away_evaluated` False: the stay evaluates them, so a member staying in a
  branch of the subtree is on its roll there, and one staying outside it is left out here;
  True: the home branch evaluates them and a stay changes nothing);
- the grassroots organisations and branches (chi bộ trực thuộc) of the subtree, which are
  classified too (domain/grassroots.py: which types are which on that date).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.rules import RuleBook

from ..domain.disqualifiers import Discipline, SubjectFacts
from ..domain.grassroots import GRASSROOTS_RULES, classified_kind, grassroots_index
from ..domain.values import Exclusion
from .projections.membership_as_of_shape import MembershipAsOfSql


@dataclass(frozen=True)
class RollMember:
    """A member on the rolls of the subtree on the date, and why they are left out, if so."""

    member_id: str
    organisation_id: str  # the branch whose roll evaluates them (their stay's, if evaluated there)
    grassroots_id: str  # the grassroots organisation above that branch on the date
    full_name: str
    status: str  # probationary | official
    exclusion: str | None  # an Exclusion value, or None: evaluated


@dataclass(frozen=True)
class RollOrganisation:
    """An organisation of the subtree a campaign classifies."""

    organisation_id: str
    name: str
    type: str  # membership's organisation type
    kind: str  # grassroots | branch
    grassroots_id: str  # itself, for a grassroots organisation
    parent_id: str | None


@dataclass(frozen=True)
class EvaluatedRoll:
    root_organisation_id: str
    on: date
    members: tuple[RollMember, ...]
    organisations: tuple[RollOrganisation, ...]


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ids(path: str) -> list[str]:
    """A path's organisations, nearest first."""
    return path.strip("/").split("/")[::-1]


def _year(year: int) -> dict[str, str]:
    return {"a": f"{year:04d}-01-01", "b": f"{year:04d}-12-31"}


class MembershipRoll:
    """The view's questions. `db`: the read-model database (ReadModelDb: query(sql, params));
    `sql`: membership_as_of's statements in its dialect."""

    def __init__(self, db: Any, sql: MembershipAsOfSql,
                 grassroots_rules: RuleBook = GRASSROOTS_RULES) -> None:
        self.db = db
        self.sql = sql
        self.grassroots_rules = grassroots_rules

    # -- the tree ----------------------------------------------------------------------------

    def organisation_exists(self, organisation_id: str) -> bool:
        return bool(self.db.query(self.sql.organisation, {"org": organisation_id}))

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """The organisation is the scope or below it, where it stands now (or last stood)."""
        rows = self.db.query(self.sql.latest_path, {"org": organisation_id})
        return bool(rows) and f"/{scope_organisation_id}/" in rows[0]["path"]

    def _path_on(self, organisation_id: str, on: date) -> list[str] | None:
        rows = self.db.query(self.sql.paths_on, {"scope": f"%/{organisation_id}/",
                                                 "day": on.isoformat()})
        found = [r["path"] for r in rows if r["organisation_id"] == organisation_id]
        return _ids(found[0]) if found else None

    def parent_of(self, organisation_id: str, on: date) -> str | None:
        path = self._path_on(organisation_id, on)
        return path[1] if path and len(path) > 1 else None

    def grassroots_of(self, organisation_id: str, on: date) -> str | None:
        """The grassroots organisation (TCCSĐ) of an organisation on a date: itself, or the
        one above it; None when the organisation did not stand in the tree that day."""
        path = self._path_on(organisation_id, on)
        return self._grassroots(path, self._types(), on) if path else None

    def _types(self) -> dict[str, str]:
        return {r["organisation_id"]: r["type"] for r in self.db.query(self.sql.organisations)}

    def _grassroots(self, path: list[str], types: dict[str, str], on: date) -> str | None:
        index = grassroots_index([types.get(i, "") for i in path], on, self.grassroots_rules)
        return None if index is None else path[index]

    # -- a period's roll ---------------------------------------------------------------------

    def evaluated_in(self, root_organisation_id: str, on: date, rules: Any) -> EvaluatedRoll:
        """Who a period opened for the subtree under `root_organisation_id` evaluates as of
        `on`, by `rules` (the evaluations RuleSet in force then)."""
        scope, day = f"%/{root_organisation_id}/%", on.isoformat()
        names = {r["organisation_id"]: r for r in self.db.query(self.sql.organisations)}
        types = {i: r["type"] for i, r in names.items()}
        organisations = []
        for row in sorted(self.db.query(self.sql.paths_on, {"scope": scope, "day": day}),
                          key=lambda r: r["path"]):
            path = _ids(row["path"])
            grassroots = self._grassroots(path, types, on)
            org_id = row["organisation_id"]
            if grassroots is None:
                continue  # above the grassroots level: not classified by this campaign
            kind = classified_kind(types[org_id], grassroots == org_id, on,
                                   self.grassroots_rules)
            if kind is not None:
                parent = path[1] if len(path) > 1 else None
                organisations.append(RollOrganisation(org_id, names[org_id]["name"],
                                                      types[org_id], kind, grassroots, parent))
        members = []
        at_home = bool(rules["roll.temporarily_away_evaluated"])
        for row in self.db.query(self.sql.rolls_on, {"scope": scope, "day": day}):
            here = f"/{root_organisation_id}/"
            home_in = row["home_path"] is not None and here in row["home_path"]
            stay_in = row["stay_path"] is not None and here in row["stay_path"]
            branch, path, exclusion = row["organisation_id"], row["home_path"], None
            if row["temporary_organisation_id"] and not at_home:
                if stay_in:  # evaluated where they stay
                    branch, path = row["temporary_organisation_id"], row["stay_path"]
                else:
                    exclusion = Exclusion.TEMPORARILY_AWAY.value
            elif not home_in:
                continue  # staying here, evaluated at home (outside the subtree)
            if exclusion is None:
                exclusion = self._exclusion(row, on, rules)
            members.append(RollMember(row["member_id"], branch,
                                      self._grassroots(_ids(path), types, on) or branch,
                                      row["full_name"], row["status"], exclusion))
        return EvaluatedRoll(root_organisation_id, on, tuple(members), tuple(organisations))

    @staticmethod
    def _exclusion(row: Any, on: date, rules: Any) -> str | None:
        if row["exempt"] and not rules["roll.exempt_evaluated"]:
            return Exclusion.EXEMPT.value
        admitted = [date.fromisoformat(d) for d in row["admissions"].split()
                    if date.fromisoformat(d) <= on]
        months = rules["roll.newly_admitted_months"]
        if admitted and months and months_after(max(admitted), months) > on:
            return Exclusion.NEWLY_ADMITTED.value
        return None

    # -- the facts of a year -----------------------------------------------------------------

    def _disciplines(self, subject_id: str, year: int) -> tuple[Discipline, ...]:
        rows = self.db.query(self.sql.disciplines_of, {"subject": subject_id, **_year(year)})
        return tuple(Discipline(date.fromisoformat(r["decided_on"]), r["form"],
                                r["misconduct"] == "corruption") for r in rows)

    def facts_for_member(self, member_id: str, year: int) -> SubjectFacts:
        """The member's disciplines decided in the year (form, and whether for corruption)."""
        return SubjectFacts(year=year, collective=False,
                            disciplines=self._disciplines(member_id, year))

    def facts_for_organisation(self, organisation_id: str, year: int) -> SubjectFacts:
        """The organisation's own disciplines in the year; its sub-units (the organisations
        directly under it on some day of the year, tổ đảng aside), how many of them were
        disciplined in the year and whether one was for corruption; and how many members of
        its subtree were disciplined in the year (on the rolls of one of its branches on the
        decision's date)."""
        scope, span = f"%/{organisation_id}/%", _year(year)
        types = self._types()
        not_sub_units = self.grassroots_rules.in_force(date(year, 12, 31))[
            "grassroots.not_sub_unit_types"]
        children = {r["organisation_id"] for r in self.db.query(
                        self.sql.paths_between, {"scope": scope, **span})
                    if _ids(r["path"])[1:2] == [organisation_id]
                    and types.get(r["organisation_id"]) not in not_sub_units}
        disciplined = [r for r in self.db.query(self.sql.disciplines_between,
                                                {"kind": "organisation", **span})
                       if r["subject_id"] in children]
        members = self.db.query(self.sql.members_disciplined_within, {"scope": scope, **span})
        return SubjectFacts(
            year=year, collective=True, disciplines=self._disciplines(organisation_id, year),
            sub_units=len(children),
            sub_units_disciplined=len({r["subject_id"] for r in disciplined}),
            corruption_in_sub_unit=any(r["misconduct"] == "corruption" for r in disciplined),
            members_disciplined=len(members))
