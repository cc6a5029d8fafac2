"""The demo's cadre work after the 1/7/2025 mergers: the posts catalogue of the province and of
each commune, who is drawn for which, and the fixed dates. Pure: draws come from a random stream
of personnel's own, so seeding personnel changes no other seeder's ids.

Who manages a post (Quy định 80-QĐ/TW; after the 2025 reorganisation the province manages the
communes' key leaders): a commune's bí thư, phó bí thư thường trực and the chairs of its HĐND and
UBND are the Tỉnh ủy's; its other posts (trưởng ban xây dựng Đảng, chủ nhiệm UBKT, chủ tịch
UBMTTQ) the commune committee's own. The province's posts are, in life, the Politburo's and the
Secretariat's; the demo has no central committee, so the Tỉnh ủy keeps them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PostSpec:
    title: str  # "{name}": the commune's name ("xã Yên Mô")
    body: str
    rank: int
    head: bool
    by_province: bool  # managed by the Tỉnh ủy, else by the commune committee


PROVINCE_POSTS = (
    PostSpec("Bí thư Tỉnh ủy Ninh Bình", "party_committee", 100, True, True),
    PostSpec("Phó Bí thư Thường trực Tỉnh ủy Ninh Bình", "standing_committee", 90, False, True),
    PostSpec("Chủ tịch HĐND tỉnh Ninh Bình", "government", 90, True, True),
    PostSpec("Chủ tịch UBND tỉnh Ninh Bình", "government", 90, True, True),
    PostSpec("Trưởng Ban Tổ chức Tỉnh ủy Ninh Bình", "standing_committee", 80, False, True),
    PostSpec("Chủ nhiệm UBKT Tỉnh ủy Ninh Bình", "standing_committee", 80, False, True),
)
COMMUNE_POSTS = (
    PostSpec("Bí thư Đảng ủy {name}", "party_committee", 40, True, True),
    PostSpec("Phó Bí thư Thường trực Đảng ủy {name}", "standing_committee", 35, False, True),
    PostSpec("Chủ tịch HĐND {name}", "government", 35, True, True),
    PostSpec("Chủ tịch UBND {name}", "government", 35, True, True),
    PostSpec("Trưởng Ban Xây dựng Đảng Đảng ủy {name}", "standing_committee", 30, False, False),
    PostSpec("Chủ nhiệm UBKT Đảng ủy {name}", "standing_committee", 30, False, False),
    PostSpec("Chủ tịch UBMTTQ Việt Nam {name}", "mass_organisation", 30, False, False),
)
# the chair of a commune merged away, appointed before the merger: left without a post after it
MERGED_AWAY_POST = PostSpec("Chủ tịch UBND {name}", "government", 35, True, True)

# the province's leaders are not Yên Mô's members: files of their own, identity sealed
# (name, birth date, gender; appointed on)
PROVINCE_LEADERS = (
    ("Đoàn Minh Huấn", date(1971, 4, 12), "male", date(2025, 7, 1)),
    ("Nguyễn Cao Sơn", date(1972, 9, 3), "male", date(2025, 7, 1)),
    ("Mai Văn Tuất", date(1970, 2, 20), "male", date(2025, 7, 1)),
    ("Phạm Quang Ngọc", date(1974, 11, 8), "male", date(2025, 7, 1)),
    # Trưởng Ban Tổ chức since 10/1/2022: the term ends 10/1/2027, in the work queue's 90
    # working days on the demo's today
    ("Trần Thị Hồng Thúy", date(1976, 6, 15), "female", date(2022, 1, 10)),
    ("Đinh Văn Hùng", date(1973, 1, 27), "male", date(2025, 7, 1)),
)

MERGED_ON = date(2025, 7, 1)
FILES_OPENED_ON = date(2025, 7, 2)
PLAN_2025_ON = date(2025, 7, 3)  # the 2025–2030 plan of those chosen for the new communes
APPOINTED_ON = date(2025, 7, 7)
PLAN_2030_ON = date(2025, 12, 16)  # the 2030–2035 plan, under QĐ 377 (≤ 3 a post)
ROTATED_ON = date(2026, 3, 2)
STRANDED_SINCE = date(2023, 4, 3)  # the merged-away chair's appointment
# the commune congress (2025–2030, delegates'): notice, opening, chuẩn y
CONGRESS_NOTICE_ON = date(2025, 7, 21)
CONGRESS_OPENS_ON = date(2025, 9, 15)
CONGRESS_APPROVED_ON = date(2025, 9, 25)
CONGRESS_DELEGATES = 150
COMMITTEE_SEATS = 15
COMMITTEE_CANDIDATES = 18  # số dư 20 %, within the 30 % allowed


def rng(seed: int, what: str) -> random.Random:
    return random.Random(f"personnel:{seed}:{what}")


def young(born: date) -> bool:
    """Under 35 when the 2030–2035 cycle starts: young at commune level (rule
    planning.young_age_under)."""
    return born > date(1995, 1, 1)


def fits(born: date, gender: str) -> bool:
    """Able to serve the whole 2030–2035 term before retirement (62 men, 60 women), and no
    younger than 25 on the demo's today."""
    return (1977 if gender == "female" else 1975) <= born.year <= 2000


def ballot(r: random.Random, candidates: int, seats: int, delegates: int) -> list[int]:
    """Votes for each candidate in list order: the first `seats` above half of the delegates,
    the rest below."""
    half = delegates // 2
    won = sorted((r.randint(half + 8, delegates - 6) for _ in range(seats)), reverse=True)
    lost = sorted((r.randint(half - 40, half - 3) for _ in range(candidates - seats)),
                  reverse=True)
    return won + lost
