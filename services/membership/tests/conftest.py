"""The membership service on the real embedded path: SQLite files in tmp_path, a fixed clock.

`membership` is a small driver over `partyorg.embedded.build_service`: it runs commands through
`MembershipService.execute`, checks that refusals append nothing, and builds the organisations and
members most tests start from.
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError
from partyorg.embedded import EmbeddedService, build_service
from services.membership.application.service import CommandResult
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c
from services.membership.domain.authority import (
    DecisionKind,
    OrgNode,
    transfer_kind,
    who_may_decide,
)
from services.membership.domain.member import Member
from services.membership.domain.organisation import Organisation
from services.membership.tests.letters import OtherProvince

TODAY = date(2026, 11, 20)
OFFICER = Actor("u-officer", "organisation_commission")

_serials = itertools.count(1)


def citizen_id_for(born_on: date, gender: str, province_code: str = "037") -> str:
    """A valid 12-digit citizen ID: province, century/gender digit, birth year, serial."""
    century_digit = {1900: 0, 2000: 2}[born_on.year // 100 * 100] + (gender == "female")
    return f"{province_code}{century_digit}{born_on.year % 100:02d}{next(_serials):06d}"


def profile(
    full_name: str = "Nguyễn Văn An",
    date_of_birth: date = date(1985, 4, 12),
    gender: str = "male",
    **overrides: object,
) -> c.ProfileInput:
    """A valid profile; the citizen ID follows the birth year and gender unless given."""
    base = c.ProfileInput(
        full_name=full_name,
        date_of_birth=date_of_birth,
        gender=gender,
        ethnicity="Kinh",
        hometown="Yên Mô, Ninh Bình",
        citizen_id=citizen_id_for(date_of_birth, gender),
        education="upper_secondary",
        political_theory="elementary",
        occupation="Giáo viên",
    )
    return replace(base, **overrides)


def by(organisation_id: str, organ: str = "standing_committee", number: str = "12-QĐ/ĐU",
       signer: str = "Nguyễn Văn Thành", **fields: object) -> c.DecisionInput:
    """A decision of `organ` of the organisation (by default its standing committee, BTV)."""
    return c.DecisionInput(number, signer, c.DecidingBodyInput(organisation_id, organ),
                           **fields)  # type: ignore[arg-type]


def sponsor(member_id: str, known_since: date = date(2020, 1, 1)) -> c.SponsorInput:
    return c.SponsorInput(kind="member", known_since=known_since, member_id=member_id)


class MembershipDriver:
    def __init__(self, app: EmbeddedService) -> None:
        self.app = app
        self.service = app.service
        self.queries = app.queries
        self.store = app.store
        self.clock = app.clock

    today = TODAY
    profile = staticmethod(profile)
    sponsor = staticmethod(sponsor)
    citizen_id_for = staticmethod(citizen_id_for)

    # -- running commands ------------------------------------------------------------------------

    def run(self, command: object, *, command_id: str | None = None,
            acting_for: str | None = None, actor: Actor = OFFICER,
            organ: str = "") -> CommandResult:
        context = CommandContext(command_id=command_id or str(uuid.uuid4()),
                                 province=self.app.province, actor=actor, acting_organ=organ)
        return self.service.execute(command, context, acting_for=acting_for)

    def refuse(self, command: object, error: type[DomainError] = DomainError,
               **kwargs: object) -> DomainError:
        """Run a command that must be refused with `error`; the store must not move."""
        head = self.store.head_position()
        with pytest.raises(error) as caught:
            self.run(command, **kwargs)
        assert self.store.head_position() == head, "a refused command appended events"
        return caught.value

    def head(self) -> int:
        return self.store.head_position()

    def events_of(self, stream_id: str) -> list[str]:
        return [e.type.split(".", 1)[1] for e in self.store.read_stream(stream_id)]

    # -- organisations ---------------------------------------------------------------------------

    def organisation(self, name: str, type: str, parent_id: str | None,
                     established_on: date = date(2010, 1, 1)) -> str:
        result = self.run(c.CreateOrganisation(name, type, parent_id, established_on))
        return result.ids["organisation_id"]

    def province(self, name: str = "Đảng bộ tỉnh Ninh Bình") -> str:
        return self.organisation(name, "provincial_committee", None, date(2010, 1, 1))

    def commune(self, parent_id: str, name: str = "Đảng bộ xã Yên Thắng") -> str:
        return self.organisation(name, "commune_committee", parent_id)

    def branch(self, parent_id: str, name: str = "Chi bộ thôn Bình Hải") -> str:
        return self.organisation(name, "grassroots_branch", parent_id)

    # -- members ---------------------------------------------------------------------------------

    def official(self, branch_id: str, full_name: str = "Trần Văn Bình",
                 admitted_on: date = date(2000, 3, 1), **profile_fields: object) -> str:
        """An official member entered from paper records: admitted, ceremony, official a year on."""
        fields = {"date_of_birth": date(1970, 6, 1), **profile_fields}
        result = self.run(c.RecordExistingMember(
            organisation_id=branch_id, profile=profile(full_name, **fields), status="official",
            admitted_on=admitted_on, ceremony_on=admitted_on,
            official_from=date(admitted_on.year + 1, admitted_on.month, admitted_on.day),
        ))
        return result.ids["member_id"]

    def probationary(self, branch_id: str, full_name: str = "Lê Thị Cúc",
                     admitted_on: date = date(2026, 3, 2), **profile_fields: object) -> str:
        fields = {"date_of_birth": date(1998, 2, 14), "gender": "female", **profile_fields}
        result = self.run(c.RecordExistingMember(
            organisation_id=branch_id, profile=profile(full_name, **fields),
            status="probationary", admitted_on=admitted_on, ceremony_on=admitted_on,
        ))
        return result.ids["member_id"]

    def sponsors(self, branch_id: str) -> tuple[str, str]:
        """Two official members who can sponsor applicants in this branch."""
        return (self.official(branch_id, "Phạm Văn Hùng"),
                self.official(branch_id, "Đỗ Thị Lan", gender="female"))

    def application(self, branch_id: str, sponsor_ids: tuple[str, ...], *,
                    submitted_on: date = date(2025, 3, 1), **profile_fields: object) -> str:
        fields = {"full_name": "Hoàng Minh Tuấn", "date_of_birth": date(2000, 1, 15),
                  **profile_fields}
        result = self.run(c.SubmitApplication(
            organisation_id=branch_id, profile=profile(**fields),  # type: ignore[arg-type]
            sponsors=tuple(sponsor(s) for s in sponsor_ids), submitted_on=submitted_on,
        ))
        return result.ids["member_id"]

    # -- decisions by the body the rules give them to ------------------------------------------

    def _path(self, org_id: str) -> list[OrgNode]:
        path: list[OrgNode] = []
        while org_id and len(path) < 20:
            org = self.service.repo.load(Organisation, org_id)
            if org.merged_into:
                org_id = org.merged_into
                continue
            path.append(OrgNode(org.id, org.name, org.type, org.admission_delegated_on))
            org_id = org.parent_id or ""
        return path

    def decided(self, kind: str, member_id: str, on: date, to: str | None = None,
                number: str = "12-QĐ/ĐU") -> c.DecisionInput:
        """A decision by the first body the rule table names for it (tests of other things than
        who decides: tests/test_deciding_bodies.py names the bodies itself)."""
        member = self.service.repo.load(Member, member_id)
        path = self._path(member.organisation_on(on) or member.organisation_id or "")
        if to is not None:
            kind = transfer_kind(path, self._path(to), self.service.rules, on).value
        allowed = who_may_decide(DecisionKind(kind), path, self.service.rules, on)
        body = allowed.bodies[0]
        return by(body.organisation_id, body.organ.value, number)

    def transfer(self, member_id: str, to: str, on: date, **kw: object) -> CommandResult:
        return self.run(c.TransferMember(member_id, to, on,
                                         decision=self.decided("", member_id, on, to)), **kw)

    def exempt(self, member_id: str, on: date, ground: str = "old_age",
               **kw: object) -> CommandResult:
        return self.run(c.ExemptMember(member_id, on, ground,
                                       decision=self.decided("exemption", member_id, on)), **kw)

    def discipline(self, member_id: str, form: str, on: date, reason: str = "Vi phạm",
                   **kw: object) -> CommandResult:
        return self.run(c.DisciplineMember(
            member_id, form, on, reason,
            decision=self.decided(f"discipline.{form}", member_id, on)), **kw)

    def remove_from_probation(self, member_id: str, on: date, reason: str = "Không đủ tư cách"
                              ) -> CommandResult:
        return self.run(c.RemoveFromProbationaryList(
            member_id, on, reason, decision=self.decided("removal_from_probation", member_id, on)))

    def decider(self, member_id: str) -> str:
        """The organisation above the member's branch: its BTV decides admissions."""
        branch = self.queries.member(member_id).organisation_id
        return self.queries.organisation(branch).parent_id

    def propose_admission(self, member_id: str, on: date) -> CommandResult:
        return self.run(c.ProposeAdmission(member_id, on, 3, 4, "03-NQ/CB"))

    def propose_recognition(self, member_id: str, on: date) -> CommandResult:
        return self.run(c.ProposeOfficialRecognition(member_id, on, 4, 4, "07-NQ/CB"))

    def propose_removal(self, member_id: str, ground: str, on: date) -> CommandResult:
        return self.run(c.ProposeRemovalFromRolls(member_id, ground, on))

    def admit(self, member_id: str, on: date, considered_on: date | None = None) -> CommandResult:
        """The branch proposes on `considered_on`, the BTV above admits on `on`."""
        self.propose_admission(member_id, considered_on or on)
        return self.run(c.AdmitMember(
            member_id, decided_on=on, considered_on=considered_on or on,
            decision_number="123-QĐ/HU",
            decision=self.decided("admission", member_id, on, number="123-QĐ/HU")))

    def recognise(self, member_id: str, on: date, proposed_on: date | None = None
                  ) -> CommandResult:
        self.propose_recognition(member_id, proposed_on or on)
        return self.run(c.RecogniseOfficialMember(
            member_id, on, decision=self.decided("recognition", member_id, on)))

    def remove_from_rolls(self, member_id: str, ground: str, on: date, note: str = ""
                          ) -> CommandResult:
        self.propose_removal(member_id, ground, on)
        return self.run(c.RemoveMemberFromRolls(
            member_id, ground, on, note,
            decision=self.decided("removal_from_rolls", member_id, on)))


@pytest.fixture
def clock() -> FixedClock:
    fixed = FixedClock()
    fixed.set_today(TODAY)
    return fixed


@pytest.fixture
def other_province(tmp_path) -> OtherProvince:
    return OtherProvince(tmp_path)


@contextlib.contextmanager
def embedded_on(dialect: str, tmp_path, clock, **kw) -> Iterator[EmbeddedService]:
    """The embedded service with its read models on `dialect`'s database ("sqlite", or
    "postgres" in a schema of its own, dropped afterwards)."""
    dsn = schema = None
    if dialect == "postgres":
        from kit.postgres.readmodel import PgReadModelDb
        from kit.testing.leftovers import new_tag
        from kit.testing.services import require_env

        dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
        schema = new_tag()
        kw["read_db"] = PgReadModelDb(dsn, schema)
    embedded = build_service(MEMBERSHIP, tmp_path, clock=clock, **kw)
    try:
        yield embedded
    finally:
        embedded.close()
        if schema is not None:
            from kit.testing.leftovers import remove

            remove(pg_dsn=dsn, schemas=[schema])


@pytest.fixture
def app(tmp_path, clock, other_province):
    embedded = build_service(MEMBERSHIP, tmp_path, clock=clock,
                             peers=other_province.peers_of("NB", tmp_path))
    yield embedded
    embedded.close()


@pytest.fixture
def membership(app, other_province) -> MembershipDriver:
    driver = MembershipDriver(app)
    driver.other_province = other_province  # the sender of letters from another province
    return driver


@pytest.fixture
def tree(membership):
    """A province with one commune holding two branches."""
    province = membership.province()
    commune = membership.commune(province)
    return {
        "province": province,
        "commune": commune,
        "branch": membership.branch(commune, "Chi bộ thôn Bình Hải"),
        "other_branch": membership.branch(commune, "Chi bộ thôn Yên Thổ"),
    }
