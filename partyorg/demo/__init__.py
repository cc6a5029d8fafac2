"""A realistic demo province, seeded only through the membership service's commands.

Đảng bộ tỉnh Ninh Bình → Đảng bộ huyện Yên Mô (1946–1/7/2025) → 17 commune and town committees
with their village, school, clinic, police and military branches, plus 3 grassroots committees and
39 branches directly under the district: about 380 branches and 7,700–8,000 members, with history
since 1965 (paper records), admissions since 2024 through the whole path, transfers, temporary
transfers, exemptions, deaths, xóa tên, discipline, profile changes, and the reorganisation of
1/7/2025 (communes merged three into one and moved under the province, the district's own agencies
dissolved after their staff moved to the new communes, the district dissolved).

Time: the seeding clock is a FixedClock standing at DEMO_TODAY (20/11/2026), so the same seed gives
the same data whatever the date; the server runs on the system clock afterwards.
Layout: yenmo.py (geography), people.py (names, files), plan.py (dated steps and ids), orgs.py
(tree and reorganisation), life.py / lives.py / happenings.py / applicants.py (members),
seeder.py (runs the plan in date order with group commit and progress lines).
"""

from .plan import DEMO_TODAY
from .seeder import SeedError, SeedReport, build_plan, seed_demo

__all__ = ["DEMO_TODAY", "SeedError", "SeedReport", "build_plan", "seed_demo"]
