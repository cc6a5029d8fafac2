"""The platform wiring: membership's commands bring meetings' view up to date in the embedded
default; a bulk load without catch-up sees it only after `catch_up()`."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date

from kit.envelope import CommandContext
from partyorg.embedded import build_platform
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c


def test_a_bulk_load_sees_membership_changes_once_it_catches_up(tmp_path, clock):
    platform = build_platform(tmp_path, clock=clock, catch_up_after_commands=False)

    def run(command):
        return platform.membership.service.execute(
            command, CommandContext(str(uuid.uuid4()), "NB")).ids

    province = run(c.CreateOrganisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None,
                                        date(2010, 1, 1)))["organisation_id"]
    assert platform.meetings.queries.organisation(province) is None
    platform.catch_up()
    assert platform.meetings.queries.organisation(province).name == "Đảng bộ tỉnh Ninh Bình"
    assert (tmp_path / "meetings-events.db").exists() and (tmp_path / "meetings-read.db").exists()
    platform.close()


def test_cadre_names_and_resolution_titles_are_stored_nfc_and_read_back_exactly(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    day = date(2026, 9, 3)
    meeting = world.schedule(tree["branch"], world.at(day))
    world.run(mc.OpenMeeting(meeting, world.at(day)))
    world.run(mc.RecordAttendance(meeting, an, "present"))
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    world.run(mc.RecordSuperiorCadreAttendance(meeting, nfd("Đinh Thị Thúy Ngần"),
                                               nfd("Bí thư Huyện ủy"), nfd("Huyện ủy Yên Mô")))
    world.run(mc.AdoptResolution(meeting, nfd("Nghị quyết về  phát triển đảng viên"), 1, 0, 0))
    detail = world.queries.meeting(meeting)
    assert detail.superior_cadres[0].full_name == "Đinh Thị Thúy Ngần"
    assert detail.superior_cadres[0].organisation_name == "Huyện ủy Yên Mô"
    assert detail.resolutions[0].title == "Nghị quyết về phát triển đảng viên"
    assert all(unicodedata.is_normalized("NFC", s) for s in (
        detail.superior_cadres[0].full_name, detail.resolutions[0].title))
