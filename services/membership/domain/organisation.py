"""Organisation aggregate (tổ chức đảng): the tree changes over time through its events."""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.errors import ConflictsWithLaterFact, InvalidInput, InvalidState
from kit.rules import RuleBook
from kit.text import clean_name, clean_text

from .dated import Steps, check_date
from .decision import DecisionRecord
from .discipline_events import OrganisationDisciplined
from .events import (
    AdmissionAuthorityDelegated,
    OrganisationAbsorbed,
    OrganisationCreated,
    OrganisationDissolved,
    OrganisationMerged,
    OrganisationMoved,
    OrganisationRenamed,
)
from .values import OrganisationType


def check_effective(day: date, today: date, not_before: date | None, field: str) -> None:
    if not isinstance(day, date):
        raise InvalidInput(field, f"{day!r} is not a date")
    if day > today:
        raise InvalidInput(field, f"{day.isoformat()} is in the future")
    if not_before and day < not_before:
        raise InvalidInput(field, f"{day.isoformat()} precedes the last recorded change "
                                  f"({not_before.isoformat()})")


class Organisation(Aggregate):
    stream_prefix = "organisation"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.name = ""
        self.type: OrganisationType | None = None
        self.parent_id: str | None = None
        self.status = "none"
        self.merged_into: str | None = None
        self.last_change_on: date | None = None
        self.established_on: date | None = None
        self.ended_on: date | None = None  # merged or dissolved from this date
        self.last_fact: tuple[str, date] | None = None  # (event name, effective date)
        self.parents: Steps[str | None] = Steps()  # the parent as recorded (unmerged)
        self.admission_delegated_on: date | None = None  # ủy quyền kết nạp, from this date

    def active_on(self, day: date) -> bool:
        """Existed and had not ended (merged, dissolved) on `day`."""
        return (self.exists and self.established_on is not None
                and self.established_on <= day and (self.ended_on is None or day < self.ended_on))

    def parent_on(self, day: date) -> str | None:
        """The parent as recorded on `day`: follow its merges as of the same day to name it."""
        return self.parents.at(day)

    def require_active_on(self, day: date) -> None:
        if not self.exists:
            raise InvalidState(f"organisation {self.id} does not exist", organisation_id=self.id)
        if not self.active_on(day):
            assert self.established_on is not None
            state = (f"established only on {self.established_on:%d/%m/%Y}"
                     if day < self.established_on else f"{self.status} on "
                     f"{self.ended_on:%d/%m/%Y}")
            raise InvalidState(f"organisation {self.name} was not active on {day:%d/%m/%Y}: "
                               f"{state}", organisation_id=self.id)

    def _dated(self, day: date, today: date, field: str, fact: str) -> None:
        """A real date, not in the future, not before the organisation's last recorded fact:
        its facts are decided in order (a backdated one would change what a later one found)."""
        check_date(day, today, field)
        if self.last_fact and day < self.last_fact[1]:
            raise ConflictsWithLaterFact(fact, day.isoformat(), self.last_fact[0],
                                         self.last_fact[1].isoformat())

    @property
    def active(self) -> bool:
        return self.status == "active"

    def require_active(self) -> None:
        if not self.exists:
            raise InvalidState(f"organisation {self.id} does not exist", organisation_id=self.id)
        if not self.active:
            raise InvalidState(f"organisation {self.name} is {self.status}", organisation_id=self.id)

    # -- decisions ------------------------------------------------------------------------

    def create(
        self,
        name: str,
        type: OrganisationType,
        parent: Organisation | None,
        established_on: date,
        today: date,
        rules: RuleBook,
    ) -> None:
        if self.exists:
            raise InvalidState(f"organisation {self.id} already exists", organisation_id=self.id)
        check_effective(established_on, today, None, "established_on")
        ruleset = rules.in_force(established_on)
        self._check_placement(type, parent, established_on, rules)
        self.record(OrganisationCreated(
            organisation_id=self.id,
            name=clean_name(name, "name", max_length=200, numbered=True),
            type=type,
            parent_id=parent.id if parent else None,
            established_on=established_on,
            rule_version=ruleset.version,
        ))

    def rename(self, name: str, effective_on: date, today: date) -> None:
        self._dated(effective_on, today, "effective_on", "OrganisationRenamed")
        self.require_active()
        new = clean_name(name, "name", max_length=200, numbered=True)
        if new == self.name:
            raise InvalidInput("name", "is the organisation's current name")
        self.record(OrganisationRenamed(self.id, new, effective_on))

    def move(
        self,
        new_parent: Organisation,
        new_parent_ancestors: list[str],
        effective_on: date,
        today: date,
        rules: RuleBook,
    ) -> None:
        self._dated(effective_on, today, "effective_on", "OrganisationMoved")
        self.require_active()
        if new_parent.id == self.parent_id:
            raise InvalidInput("parent_id", "is already the organisation's parent")
        if new_parent.id == self.id or self.id in new_parent_ancestors:
            raise InvalidInput("parent_id", "would put the organisation under itself")
        assert self.type is not None
        self._check_placement(self.type, new_parent, effective_on, rules)
        self.record(OrganisationMoved(self.id, self.parent_id, new_parent.id, effective_on,
                                      rules.in_force(effective_on).version))

    def merge_into(
        self, target: Organisation, target_ancestors: list[str], effective_on: date, today: date
    ) -> None:
        """Hợp nhất: this organisation ends; its members and sub-organisations go to the target."""
        self._dated(effective_on, today, "effective_on", "OrganisationMerged")
        target._dated(effective_on, today, "effective_on", "OrganisationAbsorbed")
        self.require_active()
        target.require_active()
        target.require_active_on(effective_on)
        if target.id == self.id or self.id in target_ancestors:
            raise InvalidInput("into_organisation_id", "cannot merge an organisation into itself "
                                                       "or into one of its own sub-organisations")
        assert self.type and target.type
        same_kind = self.type == target.type or (self.type.is_branch and target.type.is_branch)
        if not same_kind:
            raise InvalidInput("into_organisation_id",
                               f"a {self.type.value} cannot be merged into a {target.type.value}")
        self.record(OrganisationMerged(self.id, target.id, effective_on))
        target.record(OrganisationAbsorbed(target.id, self.id, effective_on))

    def dissolve(
        self, effective_on: date, today: date, members_on_rolls: int, active_children: int,
        reason: str,
    ) -> None:
        self._dated(effective_on, today, "effective_on", "OrganisationDissolved")
        self.require_active()
        if members_on_rolls or active_children:
            raise InvalidState(
                f"organisation {self.name} still has {members_on_rolls} member(s) and "
                f"{active_children} sub-organisation(s); move or merge them first",
                organisation_id=self.id,
            )
        self.record(OrganisationDissolved(self.id, effective_on,
                                          clean_text(reason, "reason", max_length=500)))

    def delegate_admission_authority(self, effective_on: date, today: date, rules: RuleBook,
                                     decision: DecisionRecord) -> None:
        """The committee above lets this grassroots committee admit members itself."""
        self.require_active_on(effective_on)
        self._dated(effective_on, today, "effective_on", "AdmissionAuthorityDelegated")
        grassroots = rules.in_force(effective_on)["authority.grassroots_types"]
        assert self.type is not None
        if self.type.is_branch or self.type.value not in grassroots:
            raise InvalidInput("organisation_id", f"admission authority is delegated to a "
                                                  f"grassroots committee, not a {self.type.value}")
        if self.admission_delegated_on is not None:
            raise InvalidState(f"{self.name} already holds delegated admission authority",
                               organisation_id=self.id)
        self.record(AdmissionAuthorityDelegated(self.id, effective_on, decision))

    def _check_placement(
        self, type: OrganisationType, parent: Organisation | None, on: date, rules: RuleBook
    ) -> None:
        ruleset = rules.in_force(on)
        if type is OrganisationType.DISTRICT_COMMITTEE or (
            parent is not None and parent.type is OrganisationType.DISTRICT_COMMITTEE
        ):
            ruleset.require(
                ruleset["organisation.district_level_exists"],
                "organisation.district_level_exists",
                "the district level no longer exists on this date (abolished 1/7/2025)",
            )
        check_type_period(type, on, ruleset)
        allowed = ruleset["organisation.allowed_parents"].get(type.value, ())
        if parent is None:
            if allowed:
                raise InvalidInput("parent_id", f"a {type.value} needs a parent organisation")
            return
        parent.require_active_on(on)
        if parent.type not in allowed:
            names = ", ".join(sorted(allowed)) or "none"
            raise InvalidInput(
                "parent_id",
                f"a {type.value} cannot be placed under a {parent.type}; allowed: {names}",
            )

    # -- evolution -------------------------------------------------------------------------

    def apply(self, event: object) -> None:
        if isinstance(event, OrganisationDisciplined):
            return  # a discipline changes nothing the tree's own checks read
        on = next(getattr(event, f) for f in ("established_on", "effective_on")
                  if hasattr(event, f))
        self.last_fact = (type(event).__name__, on)
        match event:
            case OrganisationCreated():
                self.name, self.type, self.parent_id = event.name, event.type, event.parent_id
                self.status = "active"
                self.last_change_on = self.established_on = event.established_on
                self.parents.set(event.established_on, event.parent_id)
            case OrganisationRenamed():
                self.name = event.name
                self.last_change_on = event.effective_on
            case OrganisationMoved():
                self.parent_id = event.to_parent_id
                self.last_change_on = event.effective_on
                self.parents.set(event.effective_on, event.to_parent_id)
            case OrganisationMerged():
                self.status, self.merged_into = "merged", event.into_organisation_id
                self.last_change_on = self.ended_on = event.effective_on
            case OrganisationAbsorbed():
                self.last_change_on = event.effective_on
            case OrganisationDissolved():
                self.status = "dissolved"
                self.last_change_on = self.ended_on = event.effective_on
            case AdmissionAuthorityDelegated():
                self.admission_delegated_on = self.last_change_on = event.effective_on


def check_type_period(type: OrganisationType, on: date, ruleset) -> None:
    """A type exists only in its period (đảng ủy khối: before 1/7/2025), by the rule book."""
    first, ended = ruleset["organisation.type_periods"].get(type.value, (None, None))
    span = " and ".join([*([f"from {first:%d/%m/%Y}"] if first else []),
                         *([f"before {ended:%d/%m/%Y}"] if ended else [])])
    ruleset.require((first is None or on >= first) and (ended is None or on < ended),
                    "organisation.type_periods",
                    f"a {type.value} exists only {span}; this date is {on:%d/%m/%Y}")


def require_branch(org: Organisation, field: str, on: date | None = None,
                   date_field: str = "effective_on", may_predate: bool = False) -> None:
    """A branch, active now (no `on`) or on `on`; `may_predate`: a member file older than its
    branch only needs the branch not to have ended by then."""
    if on is None or not org.exists:
        org.require_active()
    if org.type is None or not org.type.is_branch:
        raise InvalidInput(field, f"members are kept on the rolls of a branch (chi bộ), "
                                  f"not a {org.type}")
    if on is not None and org.ended_on is not None and on >= org.ended_on:
        raise InvalidState(f"organisation {org.name} was {org.status} on "
                           f"{org.ended_on:%d/%m/%Y}, before {on:%d/%m/%Y}",
                           organisation_id=org.id)
    if on is not None and not may_predate and org.established_on is not None \
            and on < org.established_on:
        raise InvalidInput(date_field, f"{org.name} was established on "
                                       f"{org.established_on:%d/%m/%Y}, after this date")
