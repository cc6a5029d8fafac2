"""A commune's delegates' congress with its elections, on the real embedded path: every
congress event once (the contract and rebuild tests run it)."""

from __future__ import annotations

from datetime import date

from services.personnel import api as c

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em",
         "Vũ Thị Giang", "Đỗ Văn Hải")


def convene(world, org: str, kind: str = "delegates", delegates: int | None = 12,
            notice_on: date = date(2026, 3, 2), opens_on: date = date(2026, 4, 20)) -> str:
    return world.run(c.ConveneCongress(org, "2025-2030", kind, notice_on, opens_on,
                                       delegates))["congress_id"]


def votes(members: list[str], counts: list[int]) -> tuple[c.CandidateVotesInput, ...]:
    return tuple(c.CandidateVotesInput(m, v) for m, v in zip(members, counts, strict=True))


def hold_election(world) -> dict[str, str]:
    members = [world.member(n, date(1980 + i, 1, 1)) for i, n in enumerate(NAMES[:6])]
    congress = convene(world, world.commune)
    committee = world.run(c.NominateCandidates(congress, "committee", 5, tuple(members)))[
        "election_id"]
    world.run(c.RecordBallotResults(congress, committee, date(2026, 4, 20), 11, 11, 11, 10,
                                    votes(members, [10, 9, 9, 8, 7, 3])))
    world.run(c.ApproveElectionResults(congress, committee,
                                       decision=c.DecisionInput("30-QĐ/TU", date(2026, 4, 25),
                                                                "Nguyễn Văn Thành")))
    appointed = world.member(NAMES[6], date(1979, 6, 1))
    world.run(c.AppointCommitteeMembers(world.commune, "2025-2030", "committee", (appointed,),
                                        decision=c.DecisionInput("31-QĐ/TU", date(2026, 5, 4),
                                                                 "Nguyễn Văn Thành")))
    return {"congress": congress, "committee": committee, "appointed": appointed,
            **{f"m{i}": m for i, m in enumerate(members)}}
