"""A realistic demo province, seeded only through the services' commands (membership's, and
meetings' for a year of branch meetings up to the demo's today).

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
(tree and reorganisation), member_life.py (one member's planned life), branch_members.py (each
branch's members from the paper records), happenings.py and applicants.py (members),
seeder.py (runs the plan in date order with group commit and progress lines); a year of branch
meetings: meetings_plan.py, meetings_texts.py, meetings_attendance.py, meetings_seeder.py, and
meetings_follower.py (the meetings read models catching up in a second process).
"""

from .meetings_plan import first_day
from .plan import DEMO_TODAY
from .seeder import SeedError, SeedReport, build_plan, seed_demo

MEETINGS_FROM = first_day(DEMO_TODAY)  # the year of meetings: 1/12/2025 – 20/11/2026

__all__ = ["DEMO_TODAY", "MEETINGS_FROM", "SeedError", "SeedReport", "build_plan", "seed_demo"]
