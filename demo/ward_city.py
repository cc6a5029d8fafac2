"""A second, smaller demo province of another shape: a city governed by wards (phường), as the
city of Huế stands since 1 July 2025 — Đảng bộ thành phố → ward committees → residential-group
branches (chi bộ tổ dân phố) and a few agency branches. Paper-record member files only, seeded
through membership's commands in seconds: the federation's second province (federation/).

`duplicate`: a profile to record once more here (a member whose citizen ID another province
also holds: the duplicate the federation's search across provinces finds).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kit.envelope import Actor, CommandContext
from partyorg.embedded import EmbeddedService
from services.membership.api import (
    CreateOrganisation,
    ProfileInput,
    RecordExistingMember,
    add_months,
)

from .people import birth_date, full_name

CITY = ("Đảng bộ thành phố Huế", date(1976, 3, 1))
WARDS = ("Phú Xuân", "Thuận Hóa", "Vỹ Dạ", "Kim Long", "An Cựu", "Thủy Xuân", "Hương An",
         "Dương Nỗ")
AGENCIES = ("Chi bộ Sở Giáo dục và Đào tạo", "Chi bộ Bệnh viện Trung ương Huế",
            "Chi bộ Trường Đại học Sư phạm")
NAMESPACE = uuid.UUID("7c1d2a3e-5b6f-4e0a-9c8d-1f2e3a4b5c6d")
SEEDER = Actor(user_id="demo-seeder", role="system")
PROVINCE_CODE = "HUE"


@dataclass
class CityReport:
    root_id: str = ""
    commands: int = 0
    members: int = 0


def seed_ward_city(membership: EmbeddedService, *, seed: int = 2025, scale: float = 1.0,
                   progress: Callable[[str], None] = print,
                   duplicate: ProfileInput | Callable[[], ProfileInput | None] | None = None,
                   city: tuple[str, date] = CITY, root_id: str | None = None) -> CityReport:
    """Deterministic: the same seed gives the same commands (ids derived from it), so a second
    run is answered as duplicates. `root_id`: the city's committee already there (the one
    `make up` creates), the wards planned under it instead of a root of their own."""
    rng = random.Random(seed)
    report = CityReport()
    counter = iter(range(1_000_000))

    def run(command: object) -> dict[str, str]:
        command_id = str(uuid.uuid5(NAMESPACE, f"{seed}/{scale}/{next(counter)}"))
        result = membership.service.execute(
            command, CommandContext(command_id, membership.province, actor=SEEDER))
        report.commands += 1
        return result.ids

    used: set[str] = set()

    def member(branch: str, ward: str) -> None:
        gender = rng.choice(("male", "female"))
        born = birth_date(rng, rng.randint(1950, 2000))
        digit = (0 if born.year < 2000 else 2) + (1 if gender == "female" else 0)
        cid = ""
        while not cid or cid in used:
            cid = f"046{digit}{born.year % 100:02d}{rng.randrange(1_000_000):06d}"
        used.add(cid)
        admitted = date(max(born.year + 19, 1976), rng.randint(1, 12), rng.randint(1, 28))
        admitted = min(admitted, date(2024, 6, 1))
        profile = ProfileInput(
            full_name=full_name(rng, gender, born.year), date_of_birth=born, gender=gender,
            ethnicity="Kinh", hometown=f"phường {ward}, {city[0].removeprefix('Đảng bộ ')}", citizen_id=cid,
            education="upper_secondary", political_theory="intermediate",
            occupation="Công chức")
        record(branch, profile, admitted)

    def record(branch: str, profile: ProfileInput, admitted: date) -> None:
        ceremony = admitted + timedelta(days=20)
        run(RecordExistingMember(branch, profile, "official", admitted, ceremony,
                                 add_months(ceremony, 12)))
        report.members += 1

    report.root_id = root_id or run(CreateOrganisation(city[0], "provincial_committee", None,
                                                       city[1]))["organisation_id"]
    per_ward = max(2, round(6 * scale))
    first_branch = ""
    for ward in WARDS:
        committee = run(CreateOrganisation(f"Đảng ủy phường {ward}", "commune_committee",
                                           report.root_id, date(1977, 1, 1)))["organisation_id"]
        for n in range(1, per_ward + 1):
            branch = run(CreateOrganisation(f"Chi bộ tổ dân phố {n}", "sub_branch", committee,
                                            date(1978, 1, 1)))["organisation_id"]
            first_branch = first_branch or branch
            for _ in range(rng.randint(8, 20)):
                member(branch, ward)
        progress(f"  {PROVINCE_CODE}: phường {ward}: {per_ward} branches, "
                 f"{report.members} members so far")
    for name in AGENCIES:
        branch = run(CreateOrganisation(name, "grassroots_branch", report.root_id,
                                        date(1980, 1, 1)))["organisation_id"]
        for _ in range(rng.randint(10, 25)):
            member(branch, rng.choice(WARDS))
    if callable(duplicate):  # asked at the end: another province may be seeding meanwhile
        duplicate = duplicate()
    if duplicate is not None:  # the same person on another province's rolls too
        record(first_branch, duplicate, date(2010, 5, 19))
    progress(f"  {PROVINCE_CODE}: seeded {report.members} members, {report.commands} commands")
    return report

