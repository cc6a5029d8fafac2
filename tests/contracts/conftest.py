"""Shared pieces of the contract tests: the published schemas, strict validators, and a province
run through the real embedded path (SQLite in tmp_path, fixed clock)."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from partyorg.embedded import EmbeddedService, build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c
from services.membership.tests.letters import OtherProvince

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
TODAY = date(2026, 1, 15)

# jsonschema checks "date-time" only with an optional package; RFC 3339 is simple enough to check
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _rfc3339(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time with an offset")
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


class Contracts:
    """The committed contracts/ folder, read as an integrator would: JSON files, nothing else."""

    root = CONTRACTS

    @staticmethod
    def load(relative: str) -> dict[str, Any]:
        return json.loads((CONTRACTS / relative).read_text(encoding="utf-8"))

    def validator(self, relative: str) -> Draft202012Validator:
        return Draft202012Validator(self.load(relative), format_checker=FORMATS)

    @staticmethod
    def data_schema_path(event_type: str, version: int) -> str:
        service, name = event_type.split(".", 1)
        return f"events/{service}/{name}.v{version}.json"

    @staticmethod
    def problems(validator: Draft202012Validator, instance: Any) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
                for e in validator.iter_errors(instance)]

    @staticmethod
    def generator():
        """contracts/generate.py is a script, not a package: load it from its path."""
        spec = importlib.util.spec_from_file_location("contracts_generate",
                                                      CONTRACTS / "generate.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


@pytest.fixture
def contracts() -> Contracts:
    return Contracts()


def profile(full_name: str, born: date, gender: str, citizen_id: str, occupation: str,
            hometown: str = "xã Yên Mô, tỉnh Ninh Bình") -> c.ProfileInput:
    return c.ProfileInput(
        full_name=full_name, date_of_birth=born, gender=gender, ethnicity="Kinh",
        hometown=hometown, citizen_id=citizen_id, education="upper_secondary",
        political_theory="elementary", occupation=occupation,
    )


@dataclass
class Office:
    """The organisation commission at work: runs commands as the system administrator."""

    membership: EmbeddedService
    clock: FixedClock

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)

    profile = staticmethod(profile)

    def context(self) -> CommandContext:
        return CommandContext(command_id=f"cmd-{next(self._ids):04d}", province="NB",
                              actor=Actor("u-ban-to-chuc", "organisation_commission"))

    def run(self, command: object) -> dict[str, str]:
        return self.membership.service.execute(command, self.context()).ids

    def organisation(self, name: str, type: str, parent_id: str | None,
                     established_on: date = date(1990, 1, 1)) -> str:
        return self.run(c.CreateOrganisation(name, type, parent_id, established_on))[
            "organisation_id"]

    def existing_official(self, organisation_id: str, profile: c.ProfileInput,
                          admitted_on: date, card_number: str) -> str:
        official_from = date(admitted_on.year + 1, admitted_on.month, admitted_on.day)
        return self.run(c.RecordExistingMember(
            organisation_id, profile, "official", admitted_on, ceremony_on=admitted_on,
            official_from=official_from, card_number=card_number,
        ))["member_id"]


@pytest.fixture
def membership(tmp_path):
    clock = FixedClock(datetime(2026, 1, 15, 3, 0, tzinfo=UTC))
    assert clock.today() == TODAY
    hue = OtherProvince(tmp_path)
    embedded = build_service(MEMBERSHIP, tmp_path, clock=clock, peers=hue.peers_of("NB", tmp_path))
    embedded.other_province = hue  # letters from another province (test_emitted_events)
    yield embedded
    embedded.close()


@pytest.fixture
def office(membership) -> Office:
    assert isinstance(membership.clock, FixedClock)
    return Office(membership, membership.clock)


@dataclass(frozen=True)
class Branch:
    province_id: str
    commune_id: str
    branch_id: str
    sponsor_ids: tuple[str, str]


@pytest.fixture
def branch(office: Office) -> Branch:
    """A branch with two official members who can sponsor applicants."""
    province = office.organisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None)
    commune = office.organisation("Đảng bộ xã Yên Mô", "commune_committee", province)
    branch = office.organisation("Chi bộ thôn Bình Hải", "grassroots_branch", commune)
    first = office.existing_official(
        branch, profile("Phạm Văn Thắng", date(1970, 3, 12), "male", "037070001234",
                        "Nông dân"), date(1996, 5, 19), "37.012345")
    second = office.existing_official(
        branch, profile("Đinh Thị Huệ", date(1975, 8, 2), "female", "037175004321",
                        "Giáo viên"), date(2001, 9, 2), "37.023456")
    return Branch(province, commune, branch, (first, second))
